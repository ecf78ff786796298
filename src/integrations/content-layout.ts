/** The site's locales: URL folder → Starlight locale config (`lang` is the BCP 47 tag). */
export const locales = {
  en: { label: 'English', lang: 'en' },
  'zh-cn': { label: '简体中文', lang: 'zh-CN' },
} as const;

export type Locale = keyof typeof locales;

function isLocale(value: string | undefined): value is Locale {
  return value !== undefined && Object.hasOwn(locales, value);
}

/** Top-level pages: `content/<kind>/<locale>.mdx` → `<locale>/<kind>`. */
const PAGES = new Set(['about', 'playground', 'explain', 'practice', 'progress', 'review', 'assignments', 'guide']);
/** Pages a level down: `content/<kind>/<locale>.mdx` → `<locale>/<path>`. */
const NESTED: Readonly<Record<string, string>> = { 'instructor-grade': 'instructor/grade' };

/**
 * Map a file under `content/` to the locale-first id Starlight routes by:
 * `lessons/en/00-x.mdx` → `en/lessons/00-x`, `lessons-index/en.mdx` → `en/lessons` (the list
 * of lessons, kept out of the lessons' folder), `home/zh-cn.mdx` → `zh-cn`.
 * Anything else is a mistake in the content layout, so it throws rather than guess a URL.
 */
export function contentPathToId(path: string): string {
  const parts = path
    .replace(/\\/g, '/')
    .replace(/\.mdx?$/, '')
    .split('/');
  const [kind, locale, name] = parts;
  if (kind === 'home' && parts.length === 2 && isLocale(locale)) return locale;
  if (PAGES.has(kind ?? '') && parts.length === 2 && isLocale(locale)) {
    return `${locale}/${kind}`;
  }
  const nested = Object.hasOwn(NESTED, kind ?? '') ? NESTED[kind ?? ''] : undefined;
  if (nested !== undefined && parts.length === 2 && isLocale(locale)) return `${locale}/${nested}`;
  if (kind === 'lessons-index' && parts.length === 2 && isLocale(locale)) return `${locale}/lessons`;
  if (kind === 'lessons' && parts.length === 3 && isLocale(locale) && /^\d\d-/.test(name ?? '')) {
    return `${locale}/lessons/${name}`;
  }
  throw new Error(
    `content/${path}: expected content/{home,about,playground,explain,practice,progress,review,assignments,guide,instructor-grade,lessons-index}/<locale>.mdx ` +
      `or content/lessons/<locale>/NN-slug.mdx ` +
      `with <locale> one of ${Object.keys(locales).join(', ')}`,
  );
}

/**
 * Where Starlight would expect this page if it lived in `src/content/docs/`:
 * `<root>/content/lessons/zh-cn/01-x.mdx` → `<root>/src/content/docs/zh-cn/lessons/01-x.mdx`.
 * Starlight's Markdown transforms pick a page's language from that path.
 * Paths outside `content/`, or not in its layout, come back unchanged.
 */
export function starlightDocsPath(path: string, root: string): string {
  const contentDir = `${root.replace(/\/?$/, '/')}content/`;
  if (!path.startsWith(contentDir)) return path;
  const relative = path.slice(contentDir.length);
  let id: string;
  try {
    id = contentPathToId(relative);
  } catch {
    return path;
  }
  const extension = relative.endsWith('.md') ? '.md' : '.mdx';
  const file = isLocale(id) ? `${id}/index` : id;
  return `${root.replace(/\/?$/, '/')}src/content/docs/${file}${extension}`;
}

/** The BCP 47 language of a page under `content/`, for tools that ask per file. */
export function contentLang(path: string, root: string): string | undefined {
  const docsPath = starlightDocsPath(path, root);
  const match = /\/src\/content\/docs\/([^/]+)\//.exec(docsPath);
  const locale = match?.[1];
  return isLocale(locale) && docsPath !== path ? locales[locale].lang : undefined;
}
