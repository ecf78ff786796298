/**
 * Captures made by the model itself: every scenario of exercises/scenarios is simulated,
 * written as a pcap (the same bytes as `npm run simulate -- FILE --pcap OUT`) and explained.
 * The model is the answer key: each RST and FIN carries the reason the model gave it, and
 * that reason must be among the explainer's candidates.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/index.ts';
import { tracePcap } from '../../../src/render/pcap.ts';
import { loadScenarioFile } from '../../../src/scenario/load.ts';
import { explainBytes } from './helpers.ts';

const DIR = join(import.meta.dirname, '..', '..', '..', 'exercises', 'scenarios');

/**
 * Segments no single capture point could show in this order. With a 2 s one-way delay, a
 * pcap stamped at send times puts the client's answer to the first retransmitted SYN+ACK
 * after its answer to the original one, so the reset no longer follows what it answers.
 */
const OUT_OF_CAUSAL_ORDER = new Set(['connect-timeout-late-synack#5']);

describe('pcaps the model writes', async () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  for (const file of files) {
    const parsed = await loadScenarioFile(join(DIR, file));
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    const id = parsed.scenario.id;
    const trace = simulate(parsed.scenario);
    const ends = trace.segments.filter(
      (s) => s.flags.includes('RST') || (s.flags.includes('FIN') && !s.retransmission),
    );
    if (ends.length === 0) continue;
    it(`${id}: every RST and FIN gets the model's own reason among its candidates`, () => {
      const report = explainBytes(tracePcap(trace), `${id}.pcap`);
      const explained = report.connections.flatMap((c) => [...c.resets, ...c.fins]);
      for (const seg of ends) {
        if (OUT_OF_CAUSAL_ORDER.has(`${id}#${seg.i + 1}`)) continue;
        const got = explained.find((e) => e.packet === seg.i + 1);
        expect(got, `${id}: packet ${seg.i + 1} (${seg.flags.join('+')}, ${seg.reason}) is explained`).toBeDefined();
        expect(got?.candidates, `${id}: packet ${seg.i + 1}`).toContain(seg.reason);
      }
    });
  }

  it('tries the letter of RFC 9293 when Linux’s rules reproduce nothing (an RFC abort: RST without ACK)', async () => {
    const parsed = await loadScenarioFile(join(DIR, 'close-unread-data.yaml'));
    if (!parsed.ok) throw new Error('close-unread-data.yaml does not parse');
    const trace = simulate(parsed.scenario, { profile: 'rfc9293' });
    const reset = explainBytes(tracePcap(trace)).connections[0]?.resets[0];
    expect(reset?.candidates).toContain('close-unread-data');
    expect(reset?.hypotheses.some((h) => h.profile === 'rfc9293' && h.confirmed)).toBe(true);
  });
});
