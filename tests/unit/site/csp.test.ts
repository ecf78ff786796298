import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addInlineHashes, csp, hashSource } from '../../../src/integrations/csp.ts';

const sha = (body: string) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`;
const page = (policy: string, body: string) =>
  `<html><head><meta http-equiv="content-security-policy" content="${policy}"></head><body>${body}</body></html>`;
const policyOf = (html: string) => /content="([^"]*)"/.exec(html)?.[1] ?? '';

describe('the policy', () => {
  it('allows only the site itself by default, and no plugins', () => {
    expect(csp.directives).toContain("default-src 'self'");
    expect(csp.directives).toContain("object-src 'none'");
    expect(csp.directives.join(' ')).not.toMatch(/https?:|\*/);
  });

  it('never allows inline scripts wholesale or eval of JavaScript', () => {
    expect(csp.scriptDirective.resources).not.toContain("'unsafe-inline'");
    expect(csp.scriptDirective.resources).not.toContain("'unsafe-eval'");
  });
});

describe('addInlineHashes', () => {
  it('hashes the body of a script exactly as the browser does (SHA-256, base64)', () => {
    // The digest of the empty string, a value anyone can check.
    expect(hashSource('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });

  it('adds an inline script the policy lacks to script-src, and leaves the other directives alone', () => {
    const html = page("default-src 'self'; script-src 'self'; style-src 'self'", '<script>go()</script>');
    expect(policyOf(addInlineHashes(html))).toBe(
      `default-src 'self'; script-src 'self' ${sha('go()')}; style-src 'self'`,
    );
  });

  it('puts inline styles in style-src-elem when the policy has one', () => {
    const html = page("style-src-elem 'self';style-src-attr 'unsafe-inline';", '<style>p{}</style>');
    expect(policyOf(addInlineHashes(html))).toBe(`style-src-elem 'self' ${sha('p{}')};style-src-attr 'unsafe-inline';`);
  });

  it('adds script-src-elem, not script-src, when both exist, and does not mistake one for the other', () => {
    const html = page("script-src 'self'; script-src-elem 'self'", '<script type="module">m()</script>');
    expect(policyOf(addInlineHashes(html))).toBe(`script-src 'self'; script-src-elem 'self' ${sha('m()')}`);
  });

  it('skips scripts with a src, JSON data, and hashes already present; the same body is added once', () => {
    const html = page(
      `script-src 'self' ${sha('known()')}`,
      '<script src="/a.js"></script><script type="application/ld+json">{}</script>' +
        '<script>known()</script><script>twice()</script><script>twice()</script>',
    );
    expect(policyOf(addInlineHashes(html))).toBe(`script-src 'self' ${sha('known()')} ${sha('twice()')}`);
  });

  it('leaves a page without a policy, or with nothing to add, unchanged', () => {
    const bare = '<html><script>x()</script></html>';
    expect(addInlineHashes(bare)).toBe(bare);
    const done = page(`script-src 'self' ${sha('x()')}`, '<script>x()</script>');
    expect(addInlineHashes(done)).toBe(done);
  });
});
