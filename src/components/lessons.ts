/** The lessons of one language, read from the docs collection, in course order. */
import type { Locale } from '../integrations/content-layout.ts';

interface DocsEntry {
  id: string;
  data: { title: string; description?: string | undefined };
}

export interface LessonInfo {
  /** `02-closed-port-time-wait`. */
  slug: string;
  /** 0 to 11, from the slug's `NN-` prefix. */
  number: number;
  title: string;
  description: string;
  /** The page, under the base path: `/en/lessons/02-closed-port-time-wait/`. */
  href: string;
}

/** The locale's lessons (`<locale>/lessons/NN-slug`), sorted by number; other pages are left out. */
export function lessonsIn(entries: readonly DocsEntry[], locale: Locale, base: string): LessonInfo[] {
  const prefix = `${locale}/lessons/`;
  return entries
    .filter((entry) => entry.id.startsWith(prefix) && /^\d\d-/.test(entry.id.slice(prefix.length)))
    .map((entry) => {
      const slug = entry.id.slice(prefix.length);
      return {
        slug,
        number: Number(slug.slice(0, 2)),
        title: entry.data.title,
        description: entry.data.description ?? '',
        href: `${base}${entry.id}/`,
      };
    })
    .sort((a, b) => a.number - b.number);
}
