/**
 * Reference checks against captures from a real Linux kernel in network namespaces
 * (tests/fixtures/explain/netns/README.md says what the programs did in each). The expected
 * reasons follow from those socket calls and behaviour.md's rules, not from the explainer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../src/explain/words.ts';
import { explainBytes } from './helpers.ts';

const DIR = join(import.meta.dirname, '..', '..', 'fixtures', 'explain', 'netns');

interface Case {
  format: string;
  /** Every RST and FIN in time order: who sent it and the rule that made it. */
  ends: { side: 'client' | 'server'; flags: string; reason: Verdict }[];
}

const CASES: Record<string, Case> = {
  // R5: close() with 100 unread bytes.
  'unread-close.pcap': { format: 'pcap', ends: [{ side: 'server', flags: 'RST', reason: 'close-unread-data' }] },
  // R4: SO_LINGER {1, 0} then close(); the server sent nothing, so unread data cannot be why.
  'abort-client.pcap': { format: 'pcap', ends: [{ side: 'client', flags: 'RST', reason: 'abort' }] },
  // R1: a SYN to a port with no listener, over IPv6, nanosecond stamps.
  'closed-port-v6.pcap': { format: 'pcap', ends: [{ side: 'server', flags: 'RST', reason: 'no-listener' }] },
  // R7 both ways: the client's close(), then the server's.
  'normal-close.pcapng': {
    format: 'pcapng',
    ends: [
      { side: 'client', flags: 'FIN', reason: 'close' },
      { side: 'server', flags: 'FIN', reason: 'close' },
    ],
  },
  // R7 then R6: the server's close() sends FIN; the client's data afterwards gets RST.
  'data-after-close-any.pcap': {
    format: 'pcap',
    ends: [
      { side: 'server', flags: 'FIN', reason: 'close' },
      { side: 'server', flags: 'RST', reason: 'data-after-close' },
    ],
  },
  // R7: shutdown(SHUT_WR) is a half-close (the server's answer is still ACKed), then close().
  'half-close-v6.txt': {
    format: 'tcpdump-text',
    ends: [
      { side: 'client', flags: 'FIN', reason: 'shutdown' },
      { side: 'server', flags: 'FIN', reason: 'close' },
    ],
  },
  'unread-close-relative-v.txt': {
    format: 'tcpdump-text',
    ends: [{ side: 'server', flags: 'RST', reason: 'close-unread-data' }],
  },
};

describe('captures from a real kernel in network namespaces', () => {
  for (const [file, want] of Object.entries(CASES)) {
    it(`${file}: ${want.ends.map((e) => `${e.side} ${e.flags} ${e.reason}`).join(', ')}`, () => {
      const report = explainBytes(new Uint8Array(readFileSync(join(DIR, file))), file);
      expect(report.format).toBe(want.format);
      expect(report.connections).toHaveLength(1);
      const conn = report.connections[0];
      const ends = [...(conn?.resets ?? []), ...(conn?.fins ?? [])].sort((a, b) => a.t - b.t);
      expect(ends.map((e) => [e.side, e.flags.includes('RST') ? 'RST' : 'FIN'])).toEqual(
        want.ends.map((e) => [e.side, e.flags]),
      );
      want.ends.forEach((e, k) => {
        expect(ends[k]?.reason, `${file} end ${k + 1}`).toBe(e.reason);
        expect(ends[k]?.confirmedBy, `${file} end ${k + 1}`).toContain(e.reason);
      });
    });
  }

  it('reads Linux cooked v2 (tcpdump -i any) and IPv6 addresses', () => {
    const any = explainBytes(new Uint8Array(readFileSync(join(DIR, 'data-after-close-any.pcap'))));
    const bytes = new Uint8Array(readFileSync(join(DIR, 'data-after-close-any.pcap')));
    expect(new DataView(bytes.buffer).getUint32(20, true)).toBe(276);
    expect(any.connections[0]?.client).toBe('10.77.0.1:45154');
    const v6 = explainBytes(new Uint8Array(readFileSync(join(DIR, 'closed-port-v6.pcap'))));
    expect(v6.connections[0]?.server).toBe('[fd00:77::2]:5000');
  });
});
