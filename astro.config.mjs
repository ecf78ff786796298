// @ts-check
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import starlight from '@astrojs/starlight';
import { satteri } from '@astrojs/markdown-satteri';
import { baseLinks, normalizeBase } from './src/integrations/base-links.ts';
import { citationLinks } from './src/integrations/citation-links.ts';
import { contentLang, locales } from './src/integrations/content-layout.ts';
import { starlightContentLocale } from './src/integrations/starlight-content-locale.ts';
import { pcapDevServer } from './src/integrations/pcap-dev.ts';
import { csp, cspInlineHashes } from './src/integrations/csp.ts';
import { deferredStyles, PRINT_CSS_ID } from './src/integrations/deferred-styles.ts';
import { leanMarkupPass } from './src/integrations/lean-markup.ts';

/** Set at build time: `/` by default, `BASE_PATH=/course/ npm run build` for a sub-folder. */
const base = normalizeBase(process.env['BASE_PATH']);
const root = fileURLToPath(new URL('./', import.meta.url));

/**
 * Lessons in the order of their `NN-` prefix, read from the default locale's folder.
 * Starlight's `autogenerate` cannot be used: it matches directories by file path under
 * `src/content/docs/`, and our lessons live in `content/lessons/<locale>/`.
 */
function lessonSlugs() {
  let files;
  try {
    files = readdirSync(new URL('./content/lessons/en/', import.meta.url));
  } catch {
    return [];
  }
  return files
    .filter((file) => /^\d\d-[^_].*\.mdx?$/.test(file))
    .sort()
    .map((file) => `lessons/${file.replace(/\.mdx?$/, '')}`);
}

const lessons = lessonSlugs();

/**
 * A top-level page (content/<name>/en.mdx) that exists, so the sidebar can link it.
 * @param {string} name
 */
function hasPage(name) {
  try {
    readdirSync(new URL(`./content/${name}/`, import.meta.url));
    return true;
  } catch {
    return false;
  }
}
const markdownProcessor = satteri({ hastPlugins: [baseLinks(base), citationLinks()] });

export default defineConfig({
  base,
  // Directory URLs end in `/` everywhere, so links match what a static host serves.
  trailingSlash: 'always',
  security: { csp },
  // The player's stylesheet (about 4.6 KB) goes inline rather than as a second render-blocking
  // request on every lesson: Lighthouse's simulated mobile load counted ~300 ms for it.
  vite: { build: { assetsInlineLimit: 6 * 1024 } },
  // Expressive Code (Starlight's) highlights code blocks; Astro's own Shiki is not used.
  markdown: { processor: markdownProcessor, syntaxHighlight: false },
  integrations: [
    starlight({
      title: { en: 'TCP Reset Lab', 'zh-CN': 'TCP 复位实验室' },
      defaultLocale: 'en',
      locales,
      // One bilingual 404 page (src/pages/404.astro): static hosts serve a single 404.html.
      disable404Route: true,
      customCss: [
        PRINT_CSS_ID,
        './src/styles/citations.css',
        './src/styles/tables.css',
        './src/styles/anchor-links.css',
        './src/styles/snippets.css',
      ],
      // Search: Pagefind's styles load after the page (src/integrations/deferred-styles.ts).
      // MarkdownContent: one script starts the content's widgets once the page has loaded.
      components: {
        Search: './src/components/overrides/Search.astro',
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
      },
      // Previous/next run through the lessons only; hero buttons get the base path.
      routeMiddleware: './src/integrations/route-middleware.ts',
      // Our pages live outside src/content/docs/; Starlight's Markdown transforms
      // (asides, heading anchor links) only run on the directories listed here.
      markdown: { processedDirs: ['./content'] },
      // Code block UI strings (copy button) in the page's language, found from its path. Long
      // lines wrap rather than scroll: on a phone a scrolling block is only keyboard-reachable once
      // Expressive Code's resize script has given it a tabindex, which axe can catch before it has.
      expressiveCode: {
        getBlockLocale: ({ file }) => contentLang(file.path, root) ?? 'en',
        defaultProps: { wrap: true },
      },
      sidebar: [
        {
          label: 'Start',
          translations: { 'zh-CN': '开始' },
          items: [
            { slug: 'index', label: 'Home', translations: { 'zh-CN': '首页' } },
            ...(hasPage('playground')
              ? [{ slug: 'playground', label: 'Playground', translations: { 'zh-CN': '实验场' } }]
              : []),
            ...(hasPage('explain')
              ? [{ slug: 'explain', label: 'Capture explainer', translations: { 'zh-CN': '抓包解释器' } }]
              : []),
            ...(hasPage('practice')
              ? [{ slug: 'practice', label: 'Practice', translations: { 'zh-CN': '练习' } }]
              : []),
            ...(hasPage('progress')
              ? [{ slug: 'progress', label: 'Progress', translations: { 'zh-CN': '进度' } }]
              : []),
            ...(hasPage('review') ? [{ slug: 'review', label: 'Review', translations: { 'zh-CN': '复习' } }] : []),
            ...(hasPage('assignments')
              ? [{ slug: 'assignments', label: 'Assignments', translations: { 'zh-CN': '作业' } }]
              : []),
            ...(hasPage('guide')
              ? [{ slug: 'guide', label: 'Instructor guide', translations: { 'zh-CN': '教师指南' } }]
              : []),
            ...(hasPage('instructor-grade')
              ? [{ slug: 'instructor/grade', label: 'Grade submissions', translations: { 'zh-CN': '批改提交' } }]
              : []),
            ...(hasPage('about') ? [{ slug: 'about', label: 'About', translations: { 'zh-CN': '关于' } }] : []),
          ],
        },
        ...(lessons.length > 0
          ? [
              {
                label: 'Lessons',
                translations: { 'zh-CN': '课程' },
                items: [
                  { slug: 'lessons', label: 'All lessons', translations: { 'zh-CN': '全部课程' } },
                  ...lessons.map((slug) => ({ slug })),
                ],
              },
            ]
          : []),
      ],
    }),
    mdx(),
    starlightContentLocale(markdownProcessor),
    pcapDevServer(),
    deferredStyles(),
    leanMarkupPass(),
    cspInlineHashes(),
  ],
});
