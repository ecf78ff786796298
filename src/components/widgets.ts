/**
 * Starts the widgets a page's content has, once the page has loaded: the players and
 * comparisons, the exercises, the state diagram, the cheat sheet's filter. The page is whole
 * and readable before they start (each shows everything without JavaScript), and one small
 * script stands in for theirs on the path to first paint, where on a slow phone every request
 * shares the connections with the stylesheet that paint waits for.
 * Widgets.astro runs it, on the pages that have a widget.
 */
import type { WIDGET_TAGS } from './widget-tags.ts';

const WIDGETS: readonly [tag: (typeof WIDGET_TAGS)[number], start: () => Promise<unknown>][] = [
  ['scenario-player', () => import('./scenario-player.ts')],
  ['scenario-compare', () => import('./compare-player.ts')],
  ['exercise-set', () => import('./exercise-widget.ts')],
  ['state-diagram', () => import('./state-diagram.ts')],
  ['cheat-sheet', () => import('./cheat-sheet-filter.ts')],
];

function startWidgets(): void {
  for (const [tag, start] of WIDGETS) if (document.querySelector(tag)) void start();
}

if (document.readyState === 'complete') startWidgets();
else window.addEventListener('load', startWidgets, { once: true });
