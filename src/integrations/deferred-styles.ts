import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { rewritePages } from './built-pages.ts';

/**
 * Two sets of Starlight's styles leave the path to first paint:
 *
 * - The search dialog's: Pagefind's UI stylesheet and Starlight's rules for it (about 21 KB),
 *   bundled into the stylesheet that blocks rendering on every page, though nothing shows them
 *   until search opens. They move to their own stylesheet, which
 *   `src/components/overrides/Search.astro` links once the page has loaded, or as soon as the
 *   reader reaches for search, whichever comes first.
 * - The print stylesheet is a second `<link>`, ahead of the main one. Browsers request it first
 *   (it comes first in the document), and it can take the connection the page came on, so the
 *   stylesheet that blocks rendering waits for a new one. Its rules (all inside `@media print`)
 *   join the main bundle and the `<link>` goes.
 *
 * The mobile Lighthouse run on the heaviest lesson measured the two at about 260 ms and 150 ms
 * of first paint.
 */

const require = createRequire(import.meta.url);
/** A path as Vite writes a module id: forward slashes on every system. */
const asId = (path: string) => path.replaceAll('\\', '/');
const SEARCH_ASTRO = asId(require.resolve('@astrojs/starlight/components/Search.astro'));
const STARLIGHT_DIST = dirname(dirname(SEARCH_ASTRO));
/** Starlight's print rules, imported through `customCss` (its package does not export the file). */
export const PRINT_CSS_ID = 'virtual:tcp-reset-lab/starlight-print.css';
const PRINT_CSS_FILE = join(STARLIGHT_DIST, 'style', 'print.css');
/** The search dialog's stylesheet: Pagefind's import is in the file, Starlight's rules are added. */
const SEARCH_CSS_FILE = asId(fileURLToPath(new URL('../components/overrides/search-dialog.css', import.meta.url)));
const GLOBAL_STYLE = /<style is:global>([\s\S]*?)<\/style>/;
const PAGEFIND_IMPORT = /@import url\('@pagefind\/default-ui\/css\/ui\.css'\) layer\(starlight\.core\);/;
const PRINT_LINK = /<link rel="stylesheet" href="[^"]*\/print\.[\w-]+\.css" media="print">/;

/** Starlight's search component without its global styles, and those styles without Pagefind's. */
function splitSearch(): { component: string; rules: string } {
  const source = readFileSync(SEARCH_ASTRO, 'utf8');
  const global = GLOBAL_STYLE.exec(source);
  // If Starlight rewrites its search styles, fail the build rather than ship them twice or not at all.
  if (!global?.[1] || !PAGEFIND_IMPORT.test(global[1])) {
    throw new Error(
      `${SEARCH_ASTRO}: its global search styles have changed; update src/integrations/deferred-styles.ts`,
    );
  }
  return { component: source.replace(GLOBAL_STYLE, ''), rules: global[1].replace(PAGEFIND_IMPORT, '') };
}

type VitePlugin = {
  name: string;
  enforce: 'pre';
  resolveId(id: string): string | undefined;
  load(id: string): string | undefined;
  transform: { order: 'pre'; handler(code: string, id: string): string | undefined };
};

function stylesPlugin(): VitePlugin {
  const resolved = `\0${PRINT_CSS_ID}`;
  const search = splitSearch();
  return {
    name: 'tcp-reset-lab-deferred-styles',
    enforce: 'pre',
    resolveId: (id) => (id === PRINT_CSS_ID ? resolved : undefined),
    load: (id) => (id === resolved ? readFileSync(PRINT_CSS_FILE, 'utf8') : undefined),
    transform: {
      // Before Astro compiles the component (it resolves style imports as it does).
      order: 'pre',
      handler(code, id) {
        if (id === SEARCH_ASTRO) return search.component;
        if (id.split('?')[0] === SEARCH_CSS_FILE && !/[?&]url\b/.test(id)) return `${code}\n${search.rules}`;
        return undefined;
      },
    },
  };
}

/** Drop Starlight's separate print `<link>` from a page; its rules are in the main stylesheet. */
export function dropPrintLink(html: string): string {
  return html.replace(PRINT_LINK, '');
}

export function deferredStyles(): AstroIntegration {
  return {
    name: 'tcp-reset-lab-deferred-styles',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [stylesPlugin()] } });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const [changed, total] = await rewritePages(dir, dropPrintLink);
        logger.info(`print styles in the main stylesheet on ${changed} of ${total} pages`);
      },
    },
  };
}
