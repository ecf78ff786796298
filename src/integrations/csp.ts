import { createHash } from 'node:crypto';
import type { AstroIntegration, AstroUserConfig } from 'astro';
import { rewritePages } from './built-pages.ts';

type CspConfig = Exclude<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, boolean>;

/**
 * The Content-Security-Policy every page carries, for Astro's `security.csp`. Astro writes it
 * into a `<meta>` tag with a hash for each script and style it bundles.
 *
 * Everything comes from the site's own origin. Two allowances, each for a reason:
 * - `'wasm-unsafe-eval'` in script-src: Pagefind's search is WebAssembly. It compiles it in a
 *   Web Worker, which this policy does not govern, but on the page itself when the worker
 *   cannot start; that needs this keyword (which allows no `eval` of JavaScript).
 * - `'unsafe-inline'` for style *attributes* only (style-src-attr): Starlight and Expressive
 *   Code set CSS variables in `style="…"` attributes. `<style>` elements still need a hash.
 * `frame-ancestors` is left out: browsers ignore it in a `<meta>` tag.
 */
export const csp = {
  directives: [
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ],
  scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
  styleDirective: {
    resources: [
      { resource: "'self'", kind: 'element' },
      { resource: "'unsafe-inline'", kind: 'attribute' },
    ],
  },
} satisfies CspConfig;

const META = /(<meta http-equiv="content-security-policy" content=")([^"]*)(")/;
const INLINE = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1>/g;

/** The CSP source for a script or style body: `'sha256-…'`. */
export function hashSource(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/**
 * Add to a page's policy the hashes of inline `<script>` and `<style>` elements that Astro did
 * not hash itself (Starlight's `is:inline` scripts, component CSS that Vite inlined), so the
 * browser runs every inline script and style the build wrote, and nothing else.
 * A page without a policy comes back unchanged.
 */
export function addInlineHashes(html: string): string {
  const meta = META.exec(html);
  if (!meta) return html;
  const missing = { script: new Set<string>(), style: new Set<string>() };
  for (const [, tag, attrs = '', body = ''] of html.matchAll(INLINE)) {
    if (/\bsrc\s*=/.test(attrs) || /\btype\s*=\s*"application\/(ld\+)?json"/.test(attrs)) continue;
    const source = hashSource(body);
    if (!meta[2]?.includes(source)) missing[tag as 'script' | 'style'].add(source);
  }
  let policy = meta[2] ?? '';
  for (const [directive, sources] of [
    [/script-src-elem(?=[\s;]|$)/.test(policy) ? 'script-src-elem' : 'script-src', missing.script],
    [/style-src-elem(?=[\s;]|$)/.test(policy) ? 'style-src-elem' : 'style-src', missing.style],
  ] as const) {
    if (sources.size === 0) continue;
    const added = [...sources].join(' ');
    const at = new RegExp(`(^|;)(\\s*)${directive}(?=[\\s;]|$)([^;]*)`);
    policy = at.test(policy)
      ? policy.replace(
          at,
          (_, start: string, space: string, rest: string) => `${start}${space}${directive}${rest.trimEnd()} ${added}`,
        )
      : `${policy.replace(/;?\s*$/, ';')} ${directive} 'self' ${added};`;
  }
  return html.replace(META, (_, start: string, _old: string, end: string) => `${start}${policy}${end}`);
}

/** After the build, complete the policy of every HTML page in the output (see addInlineHashes). */
export function cspInlineHashes(): AstroIntegration {
  return {
    name: 'tcp-reset-lab-csp-inline-hashes',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const [changed, total] = await rewritePages(dir, addInlineHashes);
        logger.info(`hashed the inline scripts and styles of ${changed} of ${total} pages`);
      },
    },
  };
}
