import type { AstroIntegration } from 'astro';
import { rewritePages } from './built-pages.ts';

/**
 * Steps over the built pages so the heaviest lesson reaches first paint sooner on a slow phone:
 * markup every page repeats comes out, and nothing else competes with the stylesheet. Each step
 * leaves the page reading and working the same.
 */
const STEPS: { name: string; apply(html: string): string }[] = [
  {
    // Starlight puts the same 600-byte link icon SVG in every heading's anchor link; the icon
    // is drawn by src/styles/anchor-links.css instead.
    name: 'heading anchor icons',
    apply: (html) =>
      html.replace(/(<span aria-hidden="true" class="sl-anchor-icon">)<svg\b[\s\S]*?<\/svg>(<\/span>)/g, '$1$2'),
  },
  {
    // Module scripts run after the page is parsed, and nothing of first paint waits for them
    // (Starlight's search button, table of contents and link prefetching, our widget starter).
    // At the browser's default high priority they share a slow phone's connection with the
    // stylesheet that paint does wait for; fetched at low priority, they come after it.
    name: 'module scripts at low priority',
    apply: (html) => html.replace(/<script type="module" src=/g, '<script type="module" fetchpriority="low" src='),
  },
];

export function leanMarkup(html: string): string {
  return STEPS.reduce((page, step) => step.apply(page), html);
}

export function leanMarkupPass(): AstroIntegration {
  return {
    name: 'tcp-reset-lab-lean-markup',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const [changed, total] = await rewritePages(dir, leanMarkup);
        logger.info(`${STEPS.map((s) => s.name).join(', ')}: ${changed} of ${total} pages`);
      },
    },
  };
}
