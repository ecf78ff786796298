import { describe, expect, it } from 'vitest';
import { leanMarkup } from '../../../src/integrations/lean-markup.ts';
import { dropPrintLink } from '../../../src/integrations/deferred-styles.ts';
import { firstOnPage } from '../../../src/components/page-once.ts';

describe('leanMarkup', () => {
  const heading =
    '<div class="sl-heading-wrapper level-h2"><h2 id="a">A</h2><a class="sl-anchor-link" href="#a">' +
    '<span aria-hidden="true" class="sl-anchor-icon"><svg width="16" height="16" viewBox="0 0 24 24"><path d="M1 1"/></svg></span>' +
    '<span class="sr-only">Section titled “A”</span></a></div>';

  it('takes the icon out of every heading anchor and keeps the link and its text', () => {
    const lean = leanMarkup(`${heading}<p>text</p>${heading}`);
    expect(lean).not.toContain('<svg');
    expect(lean.match(/<span aria-hidden="true" class="sl-anchor-icon"><\/span>/g)).toHaveLength(2);
    expect(lean).toContain('<a class="sl-anchor-link" href="#a">');
    expect(lean).toContain('Section titled “A”');
  });

  it('fetches module scripts at low priority and leaves inline ones alone', () => {
    const page = '<script type="module" src="/_astro/a.js"></script><script type="module">let a = 1;</script>';
    expect(leanMarkup(page)).toBe(
      '<script type="module" fetchpriority="low" src="/_astro/a.js"></script><script type="module">let a = 1;</script>',
    );
  });

  it('leaves other SVGs alone', () => {
    const figure = '<figure><svg class="sequence" viewBox="0 0 10 10"><path d="M0 0"/></svg></figure>';
    expect(leanMarkup(figure)).toBe(figure);
  });
});

describe('dropPrintLink', () => {
  it('drops the print stylesheet link and keeps the main one', () => {
    const head =
      '<link rel="stylesheet" href="/_astro/print.ehPL0gv-.css" media="print">' +
      '<link rel="stylesheet" href="/_astro/middleware.D7cp8Y2f.css">';
    expect(dropPrintLink(head)).toBe('<link rel="stylesheet" href="/_astro/middleware.D7cp8Y2f.css">');
  });

  it('finds it under a base path, and leaves a page without one unchanged', () => {
    expect(dropPrintLink('<link rel="stylesheet" href="/course/_astro/print.a1-B.css" media="print">')).toBe('');
    const page = '<link rel="stylesheet" href="/_astro/main.css"><p>print</p>';
    expect(dropPrintLink(page)).toBe(page);
  });
});

describe('firstOnPage', () => {
  it('is true once per key for each page being rendered', () => {
    const one = new Request('http://x/en/lessons/a/');
    const two = new Request('http://x/en/lessons/b/');
    expect(firstOnPage(one, 'words')).toBe(true);
    expect(firstOnPage(one, 'words')).toBe(false);
    expect(firstOnPage(one, 'other')).toBe(true);
    expect(firstOnPage(two, 'words')).toBe(true);
  });
});
