/**
 * Reference checks, Extras (the "+" rows of behaviour.md's cases table): the accept queue is
 * full (R14). See common.ts for the rules they follow.
 */
import { expect, it } from 'vitest';
import {
  PROFILE_NAMES,
  appSees,
  calls,
  first,
  hasAck,
  one,
  results,
  rstsFrom,
  segs,
  seqEnd,
  stateEvents,
  wire,
} from '../helpers.ts';
import { clientPort, scenario } from './common.ts';

scenario('accept-queue-full', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: backlog 1 holds two connections: a1 and a2 connect (R14)`, () => {
      const t = trace(p);
      expect(results(t, 'client', 'connect', { socket: 'a1' })).toEqual(['ok']);
      expect(results(t, 'client', 'connect', { socket: 'a2' })).toEqual(['ok']);
    });

    it(`${p}: the full queue drops b's SYNs silently: at least two SYNs and nothing else, no RST; connect ETIMEDOUT (behaviour.md "accept queue full"; R14)`, () => {
      const t = trace(p);
      const port = clientPort(t, { during: 'third' });
      const toB = segs(t, { port, since: 'third' });
      expect(toB.length).toBeGreaterThanOrEqual(2);
      for (const s of toB) {
        expect(s.from).toBe('client');
        expect(s.flags).toEqual(['SYN']);
      }
      expect(rstsFrom(t)).toEqual([]);
      expect(results(t, 'client', 'connect', { socket: 'b' })).toEqual(['ETIMEDOUT']);
    });
  }
});

scenario('accept-queue-overflow-drop', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: b's handshake completes on the client only (its ACK is lost) and a1, a2 fill the queue (setup)`, () => {
      const t = trace(p);
      const port = clientPort(t);
      expect(
        one(t, { from: 'client', flags: '.', port, retransmission: false, before: 'send', reason: 'handshake' })
          .delivered,
      ).toBe(false);
      expect(results(t, 'client', 'connect')).toEqual(['ok', 'ok', 'ok']);
    });

    it(`${p}: the ACK carrying b's data meets the full queue and is dropped: no RST, no ACK of the data until accept() makes room (R14, default tcp_abort_on_overflow=0)`, () => {
      const t = trace(p);
      const port = clientPort(t);
      expect(rstsFrom(t)).toEqual([]);
      const dataEnd = seqEnd(first(t, { from: 'client', data: true, port }));
      const room = calls(t, 'server', 'accept')[1]?.t ?? NaN;
      const acked = segs(t, { from: 'server', port }).filter((s) => s.ack === dataEnd);
      expect(acked.length).toBeGreaterThanOrEqual(1);
      for (const s of acked) expect(s.t).toBeGreaterThan(room);
    });

    it(`${p}: the request stays: b retransmits its data and the server its SYN-ACK (capture x_backlog_overflow_default)`, () => {
      const t = trace(p);
      const port = clientPort(t);
      expect(segs(t, { from: 'client', data: true, port, retransmission: true }).length).toBeGreaterThanOrEqual(1);
      expect(segs(t, { from: 'server', flags: 'S.', port, retransmission: true }).length).toBeGreaterThanOrEqual(1);
    });

    it(`${p}: once accept() makes room, the handshake completes and the 5 bytes are delivered`, () => {
      const t = trace(p);
      const room = calls(t, 'server', 'accept')[1]?.t ?? NaN;
      expect(stateEvents(t, 'server').some((e) => e.to === 'ESTABLISHED' && e.t > room)).toBe(true);
      const recvs = calls(t, 'server', 'recv');
      expect(recvs.map((c) => c.result)).toEqual(['ok']);
      expect(recvs[0]?.bytes).toBe(5);
    });
  }
});

scenario('accept-queue-overflow-abort', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: b's connect() had already succeeded (its handshake ACK was lost) (setup)`, () => {
      const t = trace(p);
      expect(results(t, 'client', 'connect', { socket: 'b' })).toEqual(['ok']);
    });
  }

  it(`linux: with abort_on_overflow the listener answers b's data with R, seq = SEG.ACK (behaviour.md "accept queue full": tcp_abort_on_overflow=1 → R; R14)`, () => {
    const t = trace('linux');
    const port = clientPort(t);
    expect(wire(t, { since: 'send', port })).toBe('c:P. s:R');
    const data = one(t, { from: 'client', data: true });
    const rst = one(t, { from: 'server', rst: true });
    expect(rst.seq).toBe(data.ack);
    expect(hasAck(rst)).toBe(false);
    expect(rst.reason).toBe('accept-queue-overflow');
  });

  it(`linux: b's recv gets ECONNRESET`, () => {
    const t = trace('linux');
    expect(appSees(t, 'client', { socket: 'b', since: 'send' })).toEqual([
      'send:ok',
      'error:ECONNRESET',
      'recv:ECONNRESET',
    ]);
  });

  it(`rfc9293: abort_on_overflow is a Linux sysctl; the RFC does not specify it, so the full queue drops (Profiles: "full accept queue")`, () => {
    const t = trace('rfc9293');
    expect(rstsFrom(t, 'server')).toEqual([]);
    expect(appSees(t, 'client', { socket: 'b', since: 'send' })).toEqual(['send:ok', 'recv:EAGAIN']);
  });
});
