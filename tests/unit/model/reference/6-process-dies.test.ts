/**
 * Reference checks, behaviour.md section 6: the process dies. See common.ts for the rules they
 * follow.
 */
import { expect, it } from 'vitest';
import {
  PROFILE_NAMES,
  appSees,
  finalState,
  first,
  last,
  one,
  reached,
  results,
  rstsFrom,
  segs,
  seqEnd,
  sndNxt,
  socketOfCall,
  stateBefore,
  wire,
} from '../helpers.ts';
import { RESET_IN_CLOSE_WAIT, clientPort, scenario, unreadDataReset } from './common.ts';

scenario('process-killed-fin', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the kernel closes the dead process's socket with FIN (seq = SND.NXT); the client answers FIN; no RST (behaviour.md case 6: s:F. c:F. s:.; R8)`, () => {
      const t = trace(p);
      const port = clientPort(t);
      const fin = first(t, { from: 'server', since: 'exit' });
      expect(fin.flags).toEqual(['FIN', 'ACK']);
      expect(fin.reason).toBe('exit');
      expect(fin.seq).toBe(sndNxt(t, 'server', port, fin.t));
      expect(wire(t, { fin: true })).toBe('s:F. c:F.');
      const clientFin = one(t, { from: 'client', fin: true });
      const lastSeg = last(t, {});
      expect(`${lastSeg.from}:${lastSeg.flags.join(',')}`).toBe('server:ACK');
      expect(lastSeg.ack).toBe(seqEnd(clientFin));
      expect(rstsFrom(t)).toEqual([]);
    });

    it(`${p}: the client reads end of stream and closes; the server's side ends in TIME-WAIT (it closed first)`, () => {
      const t = trace(p);
      expect(appSees(t, 'client', { since: 'exit' })).toEqual(['recv:eof', 'close:ok']);
      expect(reached(t, 'server', 'TIME-WAIT')).toBe(true);
    });
  }
});

scenario('killed-then-client-writes', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: s:F. at exit, then the client's data is answered with R, seq = SEG.ACK (behaviour.md case 6, client keeps writing; R6)`, () => {
      const t = trace(p);
      const fin = first(t, { from: 'server', since: 'exit' });
      expect(fin.flags).toEqual(['FIN', 'ACK']);
      expect(fin.reason).toBe('exit');
      expect(wire(t, { since: 'send' })).toBe('c:P. s:R');
      const data = one(t, { from: 'client', data: true });
      const rst = one(t, { from: 'server', rst: true });
      expect(rst.seq).toBe(data.ack);
      expect(rst.reason).toBe('data-after-close');
    });

    it(`${p}: the RST reaches the client in CLOSE-WAIT, so it sees ${RESET_IN_CLOSE_WAIT[p]}; recv still reads end of stream (R9, Profiles: RST in CLOSE-WAIT)`, () => {
      const t = trace(p);
      const sock = socketOfCall(t, 'client', 'send');
      const rst = one(t, { from: 'server', rst: true });
      expect(stateBefore(t, 'client', sock, rst.arrival)).toBe('CLOSE-WAIT');
      const e = RESET_IN_CLOSE_WAIT[p];
      expect(appSees(t, 'client', { since: 'send' })).toEqual(['send:ok', `error:${e}`, `send:${e}`, 'recv:eof']);
    });
  }
});

scenario('killed-with-unread-data', (trace) => {
  unreadDataReset(trace, 'exit', 'behaviour.md case 6, killed with unread data; R8');

  for (const p of PROFILE_NAMES) {
    it(`${p}: the client's recv gets ECONNRESET`, () => {
      const t = trace(p);
      expect(results(t, 'client', 'recv')).toEqual(['ECONNRESET']);
    });
  }
});

scenario('power-off', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the processes end first, so the server host sends FIN, and nothing after it; no RST (behaviour.md case 6, host shutdown; R8)`, () => {
      const t = trace(p);
      const sent = segs(t, { from: 'server', since: 'power-off' });
      expect(sent.map((s) => s.flags.join(','))).toEqual(['FIN,ACK']);
      expect(sent[0]?.reason).toBe('power-off');
      expect(sent[0]?.delivered).toBe(true);
      expect(rstsFrom(t)).toEqual([]);
    });

    it(`${p}: the client reads end of stream; its own FIN is never answered and it gives up silently`, () => {
      const t = trace(p);
      expect(appSees(t, 'client', { since: 'power-off' })).toEqual(['recv:eof', 'close:ok']);
      const fins = segs(t, { from: 'client', fin: true });
      expect(fins.length).toBeGreaterThanOrEqual(2);
      for (const f of fins) expect(f.delivered).toBe(false);
      const sock = socketOfCall(t, 'client', 'close');
      expect(finalState(t, 'client', sock)).toBe('CLOSED');
    });
  }
});
