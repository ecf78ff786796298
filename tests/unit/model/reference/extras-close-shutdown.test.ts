/**
 * Reference checks, Extras (the "+" rows of behaviour.md's cases table): close() with unread
 * data, data after close, shutdown(). See common.ts for the rules they follow.
 */
import { expect, it } from 'vitest';
import {
  PROFILE_NAMES,
  appSees,
  calls,
  first,
  last,
  one,
  reached,
  results,
  rstsFrom,
  segs,
  seqEnd,
  socketOfCall,
  stateBefore,
  step,
  wire,
} from '../helpers.ts';
import { RESET_IN_CLOSE_WAIT, EPS, scenario, unreadDataReset } from './common.ts';

scenario('close-unread-data', (trace) => {
  unreadDataReset(trace, 'close', 'behaviour.md "close with unread data"');

  for (const p of PROFILE_NAMES) {
    it(`${p}: the peer gets ECONNRESET, then EPIPE (behaviour.md "close with unread data"; R9)`, () => {
      const t = trace(p);
      expect(appSees(t, 'client', { since: 'close' })).toEqual(['error:ECONNRESET', 'recv:ECONNRESET', 'send:EPIPE']);
    });
  }
});

scenario('data-after-close', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: s:F. at close(), then the client's data is answered with R, seq = SEG.ACK (behaviour.md "data after close": s:F. … c:P. s:R; R6)`, () => {
      const t = trace(p);
      const fin = one(t, { from: 'server', fin: true });
      expect(fin.step).toBe(step(t, 'close').index);
      expect(fin.reason).toBe('close');
      expect(wire(t, { since: 'send' })).toBe('c:P. s:R');
      const data = one(t, { from: 'client', data: true });
      const rst = one(t, { from: 'server', rst: true });
      expect(rst.seq).toBe(data.ack);
      expect(rst.reason).toBe('data-after-close');
    });

    it(`${p}: the client, in CLOSE-WAIT, reads end of stream, then gets ${RESET_IN_CLOSE_WAIT[p]} on its next send (R9, Profiles: RST in CLOSE-WAIT)`, () => {
      const t = trace(p);
      const rst = one(t, { from: 'server', rst: true });
      expect(stateBefore(t, 'client', socketOfCall(t, 'client', 'send'), rst.arrival)).toBe('CLOSE-WAIT');
      const e = RESET_IN_CLOSE_WAIT[p];
      expect(appSees(t, 'client', { since: 'close' })).toEqual([
        'recv:eof',
        'send:ok',
        `error:${e}`,
        `send:${e}`,
        'recv:eof',
      ]);
    });
  }
});

scenario('shutdown-both-then-data', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: shutdown(both) sends FIN; data arriving afterwards gets R, seq = SEG.ACK (R6)`, () => {
      const t = trace(p);
      const fin = one(t, { from: 'server', fin: true });
      expect(fin.step).toBe(step(t, 'shutdown').index);
      expect(fin.reason).toBe('shutdown');
      expect(wire(t, { since: 'send' })).toBe('c:P. s:R');
      const data = one(t, { from: 'client', data: true });
      const rst = one(t, { from: 'server', rst: true });
      expect(rst.seq).toBe(data.ack);
      expect(rst.reason).toBe('data-after-close');
    });

    it(`${p}: the client, in CLOSE-WAIT, gets ${RESET_IN_CLOSE_WAIT[p]} (R9, Profiles: RST in CLOSE-WAIT)`, () => {
      const t = trace(p);
      const rst = one(t, { from: 'server', rst: true });
      expect(stateBefore(t, 'client', socketOfCall(t, 'client', 'send'), rst.arrival)).toBe('CLOSE-WAIT');
      const e = RESET_IN_CLOSE_WAIT[p];
      expect(appSees(t, 'client', { since: 'shutdown' })).toEqual(['recv:eof', 'send:ok', `error:${e}`, `send:${e}`]);
    });
  }

  it("linux: the shut-down side's own recv gets ECONNRESET once, then 0 (capture x_shutdown_rdwr_then_data)", () => {
    expect(results(trace('linux'), 'server', 'recv')).toEqual(['ECONNRESET', 'eof']);
  });
});

scenario('shutdown-read-only', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: shutdown(read) sends nothing, and arriving data is still ACKed: c:P. s:.; no RST (R6)`, () => {
      const t = trace(p);
      expect(segs(t, { during: 'shutdown' })).toEqual([]);
      expect(wire(t, { since: 'send' })).toBe('c:P. s:.');
      const data = one(t, { from: 'client', data: true });
      expect(last(t, { from: 'server' }).ack).toBe(seqEnd(data));
      expect(rstsFrom(t)).toEqual([]);
    });
  }

  it('linux: recv still returns the queued 10 bytes, then 0 (capture x_shutdown_rd_only)', () => {
    const recvs = calls(trace('linux'), 'server', 'recv');
    expect(recvs.map((c) => c.result)).toEqual(['ok', 'eof']);
    expect(recvs[0]?.bytes).toBe(10);
  });
});

scenario('shutdown-write-half-close', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: shutdown(write) sends FIN at once; the server still sends, then FIN: c:F. … s:P. … s:F.; no RST (behaviour.md "shutdown(WR)"; R7)`, () => {
      const t = trace(p);
      const fin = first(t, { fin: true });
      expect(fin.from).toBe('client');
      expect(fin.step).toBe(step(t, 'shutdown').index);
      expect(fin.reason).toBe('shutdown');
      expect(
        segs(t, { fin: true })
          .concat(segs(t, { data: true }))
          .sort((a, b) => a.i - b.i)
          .map((s) => `${s.from[0]}:${s.flags.join(',')}`),
      ).toEqual(['c:FIN,ACK', 's:PSH,ACK', 's:FIN,ACK']);
      const data = one(t, { from: 'server', data: true });
      expect(data.delivered).toBe(true);
      expect(first(t, { from: 'client', flags: '.', after: data.arrival - EPS }).ack).toBe(seqEnd(data));
      expect(rstsFrom(t)).toEqual([]);
    });

    it(`${p}: the half-close works: the server reads EOF and can still send; the client reads the 5 bytes, then EOF`, () => {
      const t = trace(p);
      expect(results(t, 'server', 'recv')).toEqual(['eof']);
      const recvs = calls(t, 'client', 'recv');
      expect(recvs.map((c) => c.result)).toEqual(['ok', 'eof']);
      expect(recvs[0]?.bytes).toBe(5);
      expect(reached(t, 'client', 'TIME-WAIT')).toBe(true);
    });
  }
});
