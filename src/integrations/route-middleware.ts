/** Starlight route middleware (astro.config.mjs, `routeMiddleware`): what each page's route data needs beyond Starlight's. */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { withBase } from './base-links.ts';

interface Link {
  href: string;
}

/** Whether a URL path is part of the course: the list of lessons or a lesson (`/<locale>/lessons/…`). */
export function isCoursePage(path: string, base: string): boolean {
  const rest = path.startsWith(base) ? path.slice(base.length) : path.replace(/^\//, '');
  return /^[^/]+\/lessons\//.test(rest);
}

/**
 * Previous and next stay inside the course: they run from the list of lessons through lesson
 * 0 to lesson 11 and stop there. Starlight takes them from the sidebar, which also holds the
 * home page, the playground and About; a page outside the course gets neither link.
 */
export function coursePagination<L extends Link>(
  path: string,
  links: { prev: L | undefined; next: L | undefined },
  base: string,
): { prev: L | undefined; next: L | undefined } {
  if (!isCoursePage(path, base)) return { prev: undefined, next: undefined };
  const keep = (link: L | undefined) => (link && isCoursePage(link.href, base) ? link : undefined);
  return { prev: keep(links.prev), next: keep(links.next) };
}

/**
 * Hero buttons (a splash page's `hero.actions`) are written root-relative, like every link in
 * the content (`/en/lessons/`); Starlight renders them as written, so the base path is added here.
 */
export function heroLinksWithBase(actions: readonly { link: string }[] | undefined, base: string): void {
  for (const action of actions ?? []) action.link = withBase(action.link, base);
}

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  route.pagination = coursePagination(context.url.pathname, route.pagination, base);
  heroLinksWithBase(route.entry.data.hero?.actions, base);
});
