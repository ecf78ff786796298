/**
 * Reference checks, behaviour.md section 2: nobody listening, nobody accepting. See common.ts
 * for the rules they follow.
 */
import { expect, it } from 'vitest';
import { PROFILE_NAMES, appSees, calls, last, one, reached, rstsFrom, seqEnd, wire } from '../helpers.ts';
import { scenario } from './common.ts';

scenario('listening-not-accepting', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the kernel completes the handshake and ACKs the data without accept(): c:S s:S. c:. c:P. s:. (behaviour.md case 2; R14)`, () => {
      const t = trace(p);
      expect(wire(t)).toBe('c:S s:S. c:. c:P. s:.');
      const data = one(t, { from: 'client', data: true });
      const ack = last(t, { from: 'server' });
      expect(ack.ack).toBe(seqEnd(data));
      expect(calls(t, 'server', 'accept')).toEqual([]);
      expect(reached(t, 'server', 'ESTABLISHED')).toBe(true);
    });

    it(`${p}: connect and send succeed; no RST`, () => {
      const t = trace(p);
      expect(appSees(t, 'client')).toEqual(['connect:ok', 'send:ok']);
      expect(rstsFrom(t)).toEqual([]);
    });
  }
});
