import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { contentPathToId } from './integrations/content-layout.ts';
import { lessonFrontmatter } from './integrations/lesson-frontmatter.ts';

export const collections = {
  /** Pages: `content/<page>/<locale>.mdx` (home, about, playground, explain, lessons-index) and `content/lessons/<locale>/NN-slug.mdx`. */
  docs: defineCollection({
    loader: glob({
      base: './content',
      // Broad on purpose: a misplaced file fails the build in contentPathToId instead of vanishing.
      pattern: [
        '{home,about,playground,lessons-index,explain,practice,progress,review,assignments,guide,instructor-grade,lessons}/**/[^_]*.{md,mdx}',
      ],
      generateId: ({ entry }) => contentPathToId(entry),
    }),
    schema: docsSchema({ extend: lessonFrontmatter }),
  }),
  /** Starlight UI strings per language, `src/content/i18n/<lang>.json`. */
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
