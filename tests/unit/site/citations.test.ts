/** Citations link to their source: RFC sections on rfc-editor.org, kernel functions on Elixir. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_FUNCTIONS, citationParts, kernelUrl, rfcUrl } from '../../../src/integrations/citation-links.ts';

const root = join(import.meta.dirname, '..', '..', '..');
/** Kernel names in the lessons that are sysctls (Documentation/networking/ip-sysctl.rst), not functions. */
const SYSCTLS = new Set([
  'tcp_abort_on_overflow',
  'tcp_fin_timeout',
  'tcp_invalid_ratelimit',
  'tcp_retries2',
  'tcp_rfc1337',
  'tcp_syn_retries',
  'tcp_tw_reuse',
]);

describe('citationParts', () => {
  it('links an RFC section to its anchor, and an RFC named alone to the RFC', () => {
    expect(citationParts('see RFC 9293 §3.10.7.1, and RFC 1337.')).toEqual([
      { text: 'see ' },
      { text: 'RFC 9293 §3.10.7.1', href: 'https://www.rfc-editor.org/rfc/rfc9293.html#section-3.10.7.1' },
      { text: ', and ' },
      { text: 'RFC 1337', href: 'https://www.rfc-editor.org/rfc/rfc1337.html' },
      { text: '.' },
    ]);
  });

  it('gives a bare § the RFC named last before it, across a line break and from earlier in the block', () => {
    const hrefs = (text: string, context?: string) =>
      citationParts(text, context)
        .filter((p) => p.href)
        .map((p) => p.href);
    expect(hrefs('RFC 1122\n§4.2.3.5 and §4.2.3.6')).toEqual([rfcUrl('1122', '4.2.3.5'), rfcUrl('1122', '4.2.3.6')]);
    expect(hrefs(' (§3)', 'RFC 5961 says')).toEqual([rfcUrl('5961', '3')]);
    expect(hrefs('（§3.5.2、§3.10.7.1）')).toEqual([rfcUrl('9293', '3.5.2'), rfcUrl('9293', '3.10.7.1')]);
  });

  it('leaves text without citations whole', () => {
    expect(citationParts('no citation, 3.5 s')).toEqual([{ text: 'no citation, 3.5 s' }]);
  });
});

describe('the kernel names in the lessons', () => {
  const names = new Set<string>();
  for (const locale of ['en', 'zh-cn']) {
    const dir = join(root, 'content', 'lessons', locale);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
      const text = readFileSync(join(dir, file), 'utf8');
      for (const m of text.matchAll(/`((?:__)?(?:tcp|inet|sk|sock)_[a-z0-9_]+)`/g)) names.add(m[1] ?? '');
    }
  }

  it('are each a function the lessons link to, or a sysctl (a setting, not source)', () => {
    expect(names.size).toBeGreaterThan(10);
    for (const name of names) expect(KERNEL_FUNCTIONS.has(name) || SYSCTLS.has(name), name).toBe(true);
  });

  it('link to the cited kernel version on Elixir', () => {
    expect(kernelUrl('tcp_v4_send_reset')).toBe('https://elixir.bootlin.com/linux/v6.12/A/ident/tcp_v4_send_reset');
  });
});
