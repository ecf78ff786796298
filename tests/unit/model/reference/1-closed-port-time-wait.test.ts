/**
 * Reference checks, behaviour.md section 1: a SYN to a closed port, to TIME-WAIT (and case 2's
 * bound port, refused alike). See common.ts for the rules they follow.
 */
import { expect, it } from 'vitest';
import {
  PROFILE_NAMES,
  add32,
  first,
  last,
  one,
  reached,
  results,
  rstsFrom,
  segs,
  seqAfter,
  seqEnd,
  socketChanging,
  stateBefore,
  states,
  wire,
} from '../helpers.ts';
import { EPS, scenario, type TraceOf } from './common.ts';

/** Case 1 and case 2 are refused alike: `row` names the row of behaviour.md. */
function refusedSyn(trace: TraceOf, row: string): void {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the server host answers the SYN with R., seq 0, ack = ISN+1, and nothing else is sent (behaviour.md ${row}: c:S s:R.; R1)`, () => {
      const t = trace(p);
      expect(wire(t)).toBe('c:S s:R.');
      const syn = one(t, { flags: 'S' });
      const rst = one(t, { flags: 'R.' });
      expect(rst.seq).toBe(0);
      expect(rst.ack).toBe(add32(syn.seq, 1));
      expect(rst.reason).toBe('no-listener');
    });

    it(`${p}: connect() fails with ECONNREFUSED, no retries (R9: RST in SYN-SENT)`, () => {
      const t = trace(p);
      expect(results(t, 'client', 'connect')).toEqual(['ECONNREFUSED']);
      expect(segs(t, { from: 'client', retransmission: true })).toEqual([]);
    });
  }
}

scenario('closed-port', (trace) => {
  refusedSyn(trace, 'case 1, a port nothing is bound to');
});

scenario('bound-not-listening', (trace) => {
  refusedSyn(trace, 'case 2, port bound, listen() never called');
});

scenario('time-wait-reopen', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the server closed first, so its side of the 4-tuple is in TIME-WAIT before the reconnect (setup)`, () => {
      const t = trace(p);
      expect(first(t, { fin: true }).from).toBe('server');
      expect(reached(t, 'server', 'TIME-WAIT', { before: 'reconnect' })).toBe(true);
    });

    it(`${p}: the newer SYN reopens the connection: c:S s:S. c:., no RST anywhere (behaviour.md case 1, TIME-WAIT + listener: "wrong: no RST"; R13)`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'reconnect' })).toBe('c:S s:S. c:.');
      expect(rstsFrom(t)).toEqual([]);
      const syn = first(t, { flags: 'S', since: 'reconnect' });
      const synAck = first(t, { flags: 'S.', since: 'reconnect' });
      expect(synAck.ack).toBe(add32(syn.seq, 1));
      expect(results(t, 'client', 'connect')).toEqual(['ok', 'ok']);
      expect(results(t, 'server', 'accept', { since: 'reconnect' })).toEqual(['ok']);
    });

    it(`${p}: the new SYN really is newer than the TIME-WAIT socket's RCV.NXT (R13, ISNs grow with time, §3.4.1)`, () => {
      const t = trace(p);
      const oldFin = first(t, { from: 'client', fin: true });
      const syn = first(t, { flags: 'S', since: 'reconnect' });
      expect(seqAfter(syn.seq, seqEnd(oldFin))).toBe(true);
    });

    it(`${p}: the TIME-WAIT socket gives way to the new connection (R13)`, () => {
      const t = trace(p);
      expect(states(t, 'server', { since: 'reconnect' })).toContain('TIME-WAIT>CLOSED');
    });
  }

  it('linux: the new server ISN is the old SND.NXT + 65537 (capture s1_timewait_listener_alive)', () => {
    const t = trace('linux');
    const oldFin = first(t, { from: 'server', fin: true });
    const synAck = first(t, { flags: 'S.', since: 'reconnect' });
    expect(synAck.seq).toBe(add32(seqEnd(oldFin), 65537));
  });

  it('rfc9293: a reopened connection chooses its new ISN above the old sequence space (Profiles: SYN to TIME-WAIT; RFC 1122 §4.2.2.13)', () => {
    const t = trace('rfc9293');
    const oldFin = first(t, { from: 'server', fin: true });
    const synAck = first(t, { flags: 'S.', since: 'reconnect' });
    expect(seqAfter(synAck.seq, seqEnd(oldFin))).toBe(true);
  });
});

scenario('time-wait-no-listener', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the server's side is in TIME-WAIT and its listener is closed before the reconnect (setup)`, () => {
      const t = trace(p);
      expect(reached(t, 'server', 'TIME-WAIT', { before: 'reconnect' })).toBe(true);
      expect(states(t, 'server', { during: 'listener-closed' })).toEqual(['LISTEN>CLOSED']);
    });

    it(`${p}: TIME-WAIT answers the SYN with a bare ACK carrying the OLD numbers, never a RST (R13)`, () => {
      const t = trace(p);
      const oldServerFin = first(t, { from: 'server', fin: true });
      const oldClientFin = first(t, { from: 'client', fin: true });
      const reply = first(t, { from: 'server', since: 'reconnect' });
      expect(reply.flags).toEqual(['ACK']);
      expect(reply.seq).toBe(seqEnd(oldServerFin));
      expect(reply.ack).toBe(seqEnd(oldClientFin));
      // The only RST the server may send comes from "no socket" (R1: R. to a SYN).
      for (const r of rstsFrom(t, 'server')) expect(r.reason).toBe('no-listener');
    });

    it(`${p}: the client (SYN-SENT) answers that ACK with R, seq = SEG.ACK, and stays in SYN-SENT (R15)`, () => {
      const t = trace(p);
      const reply = first(t, { from: 'server', since: 'reconnect' });
      const rst = first(t, { from: 'client', rst: true, since: 'reconnect' });
      expect(rst.flags).toEqual(['RST']);
      expect(rst.seq).toBe(reply.ack);
      expect(rst.reason).toBe('bad-ack');
      const sock = socketChanging(t, 'client', 'CLOSED>SYN-SENT', { since: 'reconnect' });
      expect(stateBefore(t, 'client', sock, rst.t + EPS)).toBe('SYN-SENT');
    });

    it(`${p}: that RST (SEQ = RCV.NXT) ends the TIME-WAIT socket (R13, tcp_rfc1337=0; RFC 9293 §3.10.7.4)`, () => {
      const t = trace(p);
      expect(states(t, 'server', { since: 'reconnect' })).toContain('TIME-WAIT>CLOSED');
    });
  }

  it('linux: on the wire, c:S s:. c:R c:S s:R.; the retried SYN is refused and connect() fails ECONNREFUSED (behaviour.md case 1, listener closed)', () => {
    const t = trace('linux');
    expect(wire(t, { since: 'reconnect' })).toBe('c:S s:. c:R c:S s:R.');
    const syns = segs(t, { flags: 'S', since: 'reconnect' });
    expect(syns[1]?.seq).toBe(syns[0]?.seq);
    const refusal = last(t, { from: 'server' });
    expect(refusal.seq).toBe(0);
    expect(refusal.ack).toBe(add32(syns[1]?.seq ?? NaN, 1));
    expect(refusal.reason).toBe('no-listener');
    expect(results(t, 'client', 'connect')).toEqual(['ok', 'ECONNREFUSED']);
  });

  it('linux: the TIME-WAIT ACK has reason time-wait-ack (R13)', () => {
    expect(first(trace('linux'), { from: 'server', since: 'reconnect' }).reason).toBe('time-wait-ack');
  });

  it('rfc9293: the TIME-WAIT ACK is a challenge ACK (Profiles: SYN to TIME-WAIT → challenge ACK, §3.10.7.4)', () => {
    expect(first(trace('rfc9293'), { from: 'server', since: 'reconnect' }).reason).toBe('challenge-ack');
  });
});

scenario('time-wait-old-syn', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the injected SYN is not newer than the TIME-WAIT socket's RCV.NXT (setup)`, () => {
      const t = trace(p);
      expect(reached(t, 'server', 'TIME-WAIT', { before: 'old-syn' })).toBe(true);
      const syn = one(t, { flags: 'S', during: 'old-syn' });
      expect(seqAfter(syn.seq, seqEnd(first(t, { from: 'client', fin: true })))).toBe(false);
    });

    it(`${p}: TIME-WAIT answers the old SYN with an ACK (old numbers), not RST and not S. (behaviour.md case 1, old SYN: c:S s:.; R13)`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'old-syn' })).toMatch(/^c:S s:\. /);
      const reply = first(t, { from: 'server', since: 'old-syn' });
      expect(reply.flags).toEqual(['ACK']);
      expect(reply.seq).toBe(seqEnd(first(t, { from: 'server', fin: true })));
      expect(reply.ack).toBe(seqEnd(first(t, { from: 'client', fin: true })));
      expect(segs(t, { from: 'server', since: 'old-syn', rst: true })).toEqual([]);
      expect(segs(t, { from: 'server', since: 'old-syn', syn: true })).toEqual([]);
    });

    it(`${p}: the client host, with no socket, answers that ACK with R, seq = SEG.ACK, which ends TIME-WAIT (R1, R13; capture s1_timewait_old_syn)`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'old-syn' })).toBe('c:S s:. c:R');
      const reply = first(t, { from: 'server', since: 'old-syn' });
      const rst = one(t, { from: 'client', rst: true });
      expect(rst.flags).toEqual(['RST']);
      expect(rst.seq).toBe(reply.ack);
      expect(rst.reason).toBe('no-connection');
      expect(states(t, 'server', { since: 'old-syn' })).toEqual(['TIME-WAIT>CLOSED']);
    });
  }

  it('linux: the ACK has reason time-wait-ack (R13)', () => {
    expect(first(trace('linux'), { from: 'server', since: 'old-syn' }).reason).toBe('time-wait-ack');
  });

  it('rfc9293: the ACK is a challenge ACK (Profiles: SYN to TIME-WAIT, §3.10.7.4)', () => {
    expect(first(trace('rfc9293'), { from: 'server', since: 'old-syn' }).reason).toBe('challenge-ack');
  });
});
