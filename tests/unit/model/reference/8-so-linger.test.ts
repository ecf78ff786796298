/** Reference checks, behaviour.md section 8: SO_LINGER. See common.ts for the rules they follow. */
import { expect, it } from 'vitest';
import type { Trace } from '../../../../src/model/trace.ts';
import { PROFILE_NAMES, calls, isRst, one, rcvNxt, results, rstsFrom, segs, seqEnd, sndNxt } from '../helpers.ts';
import { clientPort, scenario } from './common.ts';

scenario('linger-zero-abort', (trace) => {
  /** Bytes of client data that reached the server before the abort. */
  const arrived = (t: Trace): number => {
    const seen = new Map<number, number>();
    for (const s of segs(t, { from: 'client', data: true, delivered: true, before: 'abort' })) seen.set(s.seq, s.len);
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };

  for (const p of PROFILE_NAMES) {
    it(`${p}: some of the 100000 bytes are still queued when the application aborts (setup)`, () => {
      const t = trace(p);
      const sentBytes = new Map<number, number>();
      for (const s of segs(t, { from: 'client', data: true })) sentBytes.set(s.seq, s.len);
      expect([...sentBytes.values()].reduce((a, b) => a + b, 0)).toBeLessThan(100000);
    });

    it(`${p}: close() sends one reset at once, seq = SND.NXT; no FIN, and queued bytes are never sent (behaviour.md case 8; R4)`, () => {
      const t = trace(p);
      const port = clientPort(t);
      const atAbort = segs(t, { from: 'client', during: 'abort' });
      expect(atAbort).toHaveLength(1);
      const rst = one(t, { from: 'client', during: 'abort' });
      expect(isRst(rst)).toBe(true);
      expect(rst.reason).toBe('abort');
      expect(rst.seq).toBe(sndNxt(t, 'client', port, rst.t));
      expect(segs(t, { from: 'client', fin: true })).toEqual([]);
      expect(segs(t, { from: 'client', since: 'abort', rst: false })).toEqual([]);
    });
  }

  it(`linux: the abort is R. with ack = RCV.NXT (Profiles: abort)`, () => {
    const t = trace('linux');
    const rst = one(t, { from: 'client', rst: true });
    expect(rst.flags).toEqual(['RST', 'ACK']);
    expect(rst.ack).toBe(rcvNxt(t, 'client', clientPort(t), rst.t));
  });

  it('linux: the peer first reads the bytes that had arrived, then gets ECONNRESET (behaviour.md case 8, R9; Profiles: data queued before a RST is readable)', () => {
    const t = trace('linux');
    const recvs = calls(t, 'server', 'recv', { since: 'abort' });
    expect(recvs.map((c) => c.result)).toEqual(['ok', 'ECONNRESET']);
    expect(recvs[0]?.bytes).toBe(arrived(t));
  });

  it('rfc9293: the abort is R without ACK (Profiles: abort; §3.10.5)', () => {
    expect(one(trace('rfc9293'), { from: 'client', rst: true }).flags).toEqual(['RST']);
  });

  it("rfc9293: the reset flushes the queues: the peer's first recv gets ECONNRESET, then end of stream (Profiles: data queued before a RST; R9)", () => {
    const t = trace('rfc9293');
    expect(results(t, 'server', 'recv', { since: 'abort' })).toEqual(['ECONNRESET', 'eof']);
  });
});

scenario('linger-nonzero-close', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: SO_LINGER with a timeout still closes with FIN after the data; no RST (R7; capture x_linger_nonzero_close)`, () => {
      const t = trace(p);
      expect(rstsFrom(t)).toEqual([]);
      const data = one(t, { from: 'client', data: true });
      const fin = one(t, { from: 'client', fin: true });
      expect(fin.reason).toBe('close');
      expect(fin.seq).toBe(seqEnd(data));
    });

    it(`${p}: the server reads the 100 bytes, then end of stream`, () => {
      const t = trace(p);
      const recvs = calls(t, 'server', 'recv');
      expect(recvs.map((c) => c.result)).toEqual(['ok', 'eof']);
      expect(recvs[0]?.bytes).toBe(100);
    });
  }
});
