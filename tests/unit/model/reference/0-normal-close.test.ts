/** Reference checks, Lesson 0: the orderly close (R7). See common.ts for the rules they follow. */
import { expect, it } from 'vitest';
import {
  PROFILE_NAMES,
  finalState,
  one,
  reached,
  results,
  rstsFrom,
  segs,
  seqEnd,
  socketOfCall,
  stateEvents,
  states,
  timers,
  wire,
} from '../helpers.ts';
import { scenario } from './common.ts';

scenario('normal-close', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: each side sends FIN once (client first, after its data), each is ACKed; no RST (R7)`, () => {
      const t = trace(p);
      expect(rstsFrom(t)).toEqual([]);
      expect(wire(t, { fin: true })).toBe('c:F. s:F.');
      const data = one(t, { from: 'client', data: true });
      const cf = one(t, { from: 'client', fin: true });
      const sf = one(t, { from: 'server', fin: true });
      expect(cf.seq).toBe(seqEnd(data));
      expect(cf.reason).toBe('close');
      expect(sf.reason).toBe('close');
      expect(segs(t, { from: 'server', flags: '.' }).some((s) => s.ack === seqEnd(cf))).toBe(true);
      expect(segs(t, { from: 'client', flags: '.' }).some((s) => s.ack === seqEnd(sf))).toBe(true);
    });

    it(`${p}: the server reads the data, then end of stream; the active closer reaches TIME-WAIT, the passive one goes LAST-ACK → CLOSED`, () => {
      const t = trace(p);
      expect(results(t, 'server', 'recv')).toEqual(['ok', 'eof']);
      expect(reached(t, 'client', 'TIME-WAIT')).toBe(true);
      expect(reached(t, 'server', 'TIME-WAIT')).toBe(false);
      expect(states(t, 'server')).toContain('LAST-ACK>CLOSED');
    });
  }

  it('linux: TIME-WAIT lasts 60 s, then ends (Profiles: timers, TIME-WAIT 60 s)', () => {
    const t = trace('linux');
    const sock = socketOfCall(t, 'client', 'close');
    const enter = stateEvents(t, 'client', { socket: sock }).find((e) => e.to === 'TIME-WAIT');
    const leave = stateEvents(t, 'client', { socket: sock }).find((e) => e.from === 'TIME-WAIT');
    expect(leave?.to).toBe('CLOSED');
    expect((leave?.t ?? NaN) - (enter?.t ?? NaN)).toBeGreaterThanOrEqual(60 - 1e-6);
    expect(timers(t, 'client')).toContain('time-wait');
  });

  it('rfc9293: TIME-WAIT lasts 2 × MSL = 240 s, so it is still there after the 61 s wait (Profiles: timers)', () => {
    const t = trace('rfc9293');
    expect(finalState(t, 'client', socketOfCall(t, 'client', 'close'))).toBe('TIME-WAIT');
  });
});
