/**
 * Reference checks, behaviour.md section 5: half-open connections. See common.ts for the rules
 * they follow.
 */
import { expect, it } from 'vitest';
import { PROFILE_NAMES, appSees, errors, isData, one, rstsFrom, segs, wire } from '../helpers.ts';
import { scenario } from './common.ts';

scenario('half-open-peer-down', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the crash sends nothing, and nobody ever sends a RST (behaviour.md case 5, crashed peer still down: "wrong: nobody sends RST")`, () => {
      const t = trace(p);
      expect(segs(t, { during: 'crash' })).toEqual([]);
      expect(segs(t, { from: 'server', since: 'crash' })).toEqual([]);
      expect(rstsFrom(t)).toEqual([]);
    });

    it(`${p}: the client retransmits its data (c:P. at least twice, same seq), never answered`, () => {
      const t = trace(p);
      const data = segs(t, { from: 'client', since: 'send' });
      expect(data.length).toBeGreaterThanOrEqual(2);
      for (const s of data) {
        expect(isData(s)).toBe(true);
        expect(s.seq).toBe(data[0]?.seq);
        expect(s.delivered).toBe(false);
      }
    });

    it(`${p}: the client finally gives up with ETIMEDOUT, silently (R11)`, () => {
      const t = trace(p);
      expect(errors(t, 'client')).toEqual(['ETIMEDOUT']);
    });
  }
});

scenario('half-open-state-lost', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the side WITHOUT state resets: c:P. s:R, seq = SEG.ACK; the reboot itself sends nothing (behaviour.md case 5, peer lost state; R1)`, () => {
      const t = trace(p);
      expect(segs(t, { during: 'reboot' })).toEqual([]);
      expect(wire(t, { since: 'send' })).toBe('c:P. s:R');
      const data = one(t, { from: 'client', data: true });
      const rst = one(t, { from: 'server', rst: true });
      expect(rst.seq).toBe(data.ack);
      expect(rst.reason).toBe('no-connection');
      expect(rstsFrom(t, 'client')).toEqual([]);
    });

    it(`${p}: the client's send succeeds, then recv gets ECONNRESET, then send EPIPE (R9)`, () => {
      const t = trace(p);
      expect(appSees(t, 'client', { since: 'send' })).toEqual([
        'send:ok',
        'error:ECONNRESET',
        'recv:ECONNRESET',
        'send:EPIPE',
      ]);
    });
  }
});
