import type { HastPluginDefinition } from './satteri-types.ts';

type Visitor<K extends 'element' | 'mdxJsxFlowElement' | 'mdxJsxTextElement'> = Extract<
  NonNullable<HastPluginDefinition[K]>,
  { filter: string[] }
>;

/** Normalise a base path to the `/…/` form Astro uses for `import.meta.env.BASE_URL`. */
export function normalizeBase(base: string | undefined): string {
  const trimmed = (base ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Prefix a root-relative URL (`/en/lessons/…`, `/schema/scenario.json`) with the base path.
 * Relative URLs, fragments, protocol-relative and absolute URLs are left alone.
 */
export function withBase(url: string, base: string): string {
  if (!url.startsWith('/') || url.startsWith('//') || base === '/') return url;
  return base + url.slice(1);
}

/** Attributes that hold a URL, per HTML element or MDX component (Starlight's do not add the base). */
const urlAttributes: Record<string, string> = {
  a: 'href',
  img: 'src',
  source: 'src',
  LinkButton: 'href',
  LinkCard: 'href',
};

/**
 * Markdown (Sätteri hast) plugin: authors write site links root-relative, as `/en/lessons/01-rst/`,
 * and the built page gets them under the base path. Astro does not do this for content, so
 * without it every link in a lesson breaks when the site is built with `BASE_PATH=/course/`.
 * In MDX it also rewrites literal attributes (`<a href="/en/">`, `<LinkCard href="/zh-cn/">`);
 * expressions such as `href={import.meta.env.BASE_URL + 'en/'}` are left as written.
 */
export function baseLinks(base: string): HastPluginDefinition {
  const normalized = normalizeBase(base);
  /** The attribute to rewrite and its new value, or undefined when nothing changes. */
  const rebase = (name: string | null, value: (attribute: string) => unknown) => {
    const attribute = name === null ? undefined : urlAttributes[name];
    if (attribute === undefined) return undefined;
    const url = value(attribute);
    if (typeof url !== 'string') return undefined;
    const rebased = withBase(url, normalized);
    return rebased === url ? undefined : ([attribute, rebased] as const);
  };
  const element: Visitor<'element'> = {
    filter: Object.keys(urlAttributes).filter((name) => name === name.toLowerCase()),
    visit(node, ctx) {
      const change = rebase(node.tagName, (attribute) => node.properties[attribute]);
      if (change) ctx.setProperty(node, ...change);
    },
  };
  const jsx: Visitor<'mdxJsxFlowElement'> & Visitor<'mdxJsxTextElement'> = {
    filter: Object.keys(urlAttributes),
    visit(node, ctx) {
      const change = rebase(node.name, (attribute) => {
        const literal = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === attribute);
        return literal?.value;
      });
      if (change) ctx.setProperty(node, ...change);
    },
  };
  return {
    name: 'tcp-reset-lab-base-links',
    element,
    mdxJsxFlowElement: jsx,
    mdxJsxTextElement: jsx,
  };
}
