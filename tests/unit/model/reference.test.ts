/**
 * Reference checks: every scenario in exercises/scenarios/ is simulated under both
 * profiles and its trace is checked against article/behaviour.md (rules R1–R15, the
 * cases table, the Profiles table), the Linux captures in article/linux-captures/ and
 * RFC 9293. The expected values below come from those documents, never from the
 * model's own output: when the model disagrees, the test fails.
 *
 * Retransmission counts and timings are a profile detail (behaviour.md: "no exercise
 * should hinge on it"); only inequalities such as "at least two SYNs" are checked.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/model/catalogue.ts';
import type { ProfileName, Trace } from '../../../src/model/trace.ts';
import {
  PROFILE_NAMES,
  add32,
  appSees,
  calls,
  errorEvents,
  errors,
  finalState,
  first,
  hasAck,
  isData,
  isRst,
  last,
  one,
  rcvNxt,
  reached,
  results,
  rstsFrom,
  run,
  runFresh,
  scenarioFiles,
  segs,
  seqAfter,
  seqEnd,
  sndNxt,
  socketChanging,
  socketOfCall,
  stateBefore,
  stateEvents,
  states,
  step,
  timers,
  wire,
} from './helpers.ts';

type TraceOf = (profile: ProfileName) => Trace;

const covered = new Set<string>();
const EPS = 1e-9;

/** What a profile-specific expectation looks like in a test name. */
const ABORT_FORM: Record<ProfileName, string> = { linux: 'R.', rfc9293: 'R' };
/** behaviour.md R9 / Profiles table: what a RST received in CLOSE-WAIT reports. */
const RESET_IN_CLOSE_WAIT: Record<ProfileName, string> = { linux: 'EPIPE', rfc9293: 'ECONNRESET' };

/**
 * R5: a close with received data still unread (by the application's close() or the kernel's,
 * for a process that ended, R8) sends a reset instead of FIN, at the step labelled `at`:
 * seq = SND.NXT; Linux R. with ack = RCV.NXT, RFC 9293 R without ACK (§3.10.5).
 */
function unreadDataReset(trace: TraceOf, at: string, source: string): void {
  for (const p of PROFILE_NAMES) {
    it(`${p}: with unread data the server sends a reset instead of FIN, seq = SND.NXT (${source}; R5)`, () => {
      const t = trace(p);
      expect(segs(t, { from: 'server', fin: true })).toEqual([]);
      const rst = one(t, { from: 'server', rst: true });
      expect(rst.step).toBe(step(t, at).index);
      expect(rst.seq).toBe(sndNxt(t, 'server', clientPort(t), rst.t));
      expect(rst.reason).toBe('close-unread-data');
    });
  }

  it(`linux: the reset is R. with ack = RCV.NXT, all the client's data (${source}: s:R.)`, () => {
    const t = trace('linux');
    const rst = one(t, { from: 'server', rst: true });
    expect(rst.flags).toEqual(['RST', 'ACK']);
    expect(rst.ack).toBe(seqEnd(one(t, { from: 'client', data: true })));
  });

  it('rfc9293: the reset is R without ACK (<SEQ=SND.NXT><CTL=RST>, §3.10.5)', () => {
    expect(one(trace('rfc9293'), { from: 'server', rst: true }).flags).toEqual(['RST']);
  });
}

/**
 * One `describe` per scenario id, with the checks every scenario gets (rule catalogue,
 * R3, determinism) added to the scenario-specific ones in `body`.
 */
function scenario(id: string, body: (trace: TraceOf) => void): void {
  covered.add(id);
  describe(id, () => {
    body((profile) => run(id, profile));

    for (const p of PROFILE_NAMES) {
      it(`${p}: every segment carries a reason from the rule catalogue; RSTs carry reset reasons, FINs FIN reasons`, () => {
        const t = run(id, p);
        for (const s of t.segments) {
          const entry = CATALOGUE[s.reason];
          expect(entry, `segment ${s.i} reason '${s.reason}'`).toBeDefined();
          // A forged segment (network: inject) is an attacker's, not a rule's: exempt.
          if (isRst(s) && s.reason !== 'forged') expect(entry.kind, `RST ${s.i} (${s.reason})`).toBe('rst');
          if (entry.kind === 'rst') expect(isRst(s), `segment ${s.i} has reason ${s.reason} but no RST`).toBe(true);
          if (entry.kind === 'fin')
            expect(s.flags, `segment ${s.i} has reason ${s.reason} but no FIN`).toContain('FIN');
        }
      });

      it(`${p}: no RST is ever sent in reply to a RST (R3)`, () => {
        const t = run(id, p);
        for (const r of rstsFrom(t)) {
          if (r.reason === 'forged') continue;
          const trigger = t.segments.filter(
            (s) =>
              s.delivered &&
              s.to === r.from &&
              s.sport === r.dport &&
              s.dport === r.sport &&
              Math.abs(s.arrival - r.t) < EPS,
          );
          expect(trigger.filter(isRst), `RST ${r.i} (${r.reason}) answers a RST`).toEqual([]);
        }
      });

      it(`${p}: simulating twice gives the same trace (determinism)`, () => {
        expect(JSON.stringify(runFresh(id, p))).toBe(JSON.stringify(runFresh(id, p)));
      });
    }
  });
}

/** The client's port of its first connection (the sport of its first SYN). */
const clientPort = (t: Trace, q: { during?: string | number } = {}): number =>
  first(t, { from: 'client', flags: 'S', ...q }).sport;

// ═════════════════════════════════════════════════════════════════════════════
// Section 1: SYN to a closed port, to TIME-WAIT
// ═════════════════════════════════════════════════════════════════════════════

for (const id of ['closed-port', 'bound-not-listening']) {
  const row = id === 'closed-port' ? 'case 1, a port nothing is bound to' : 'case 2, port bound, listen() never called';
  scenario(id, (trace) => {
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
  });
}

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

// ═════════════════════════════════════════════════════════════════════════════
// Section 2: nobody listening, nobody accepting
// ═════════════════════════════════════════════════════════════════════════════

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

// ═════════════════════════════════════════════════════════════════════════════
// Section 3: connect timeouts
// ═════════════════════════════════════════════════════════════════════════════

scenario('connect-timeout-late-synack', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the application's timeout closes the socket before any SYN-ACK arrives; connect() reports ETIMEDOUT and no SYN follows (setup; DESIGN connect timeout)`, () => {
      const t = trace(p);
      const sock = socketOfCall(t, 'client', 'connect');
      expect(results(t, 'client', 'connect')).toEqual(['ETIMEDOUT']);
      const firstSynAck = first(t, { flags: 'S.' });
      expect(stateBefore(t, 'client', sock, firstSynAck.arrival)).toBe('CLOSED');
      const closedAt = calls(t, 'client', 'connect')[0]?.t ?? NaN;
      expect(segs(t, { from: 'client', syn: true, after: closedAt })).toEqual([]);
    });

    it(`${p}: every late SYN-ACK is answered by the client host with R, seq = SEG.ACK (behaviour.md case 3: c:S … s:S. c:R; R1)`, () => {
      const t = trace(p);
      expect(wire(t)).toMatch(/^c:S .*s:S\. c:R/);
      const synAcks = segs(t, { flags: 'S.', delivered: true });
      const rsts = rstsFrom(t, 'client');
      expect(rsts).toHaveLength(synAcks.length);
      synAcks.forEach((sa, k) => {
        const r = rsts[k];
        expect(r?.flags).toEqual(['RST']);
        expect(r?.seq).toBe(sa.ack);
        expect(r?.t).toBeCloseTo(sa.arrival, 9);
        expect(r?.reason).toBe('no-connection');
      });
    });

    it(`${p}: the server's request socket is dropped quietly by the RST, nothing is sent back (R9 RST in SYN-RECEIVED from LISTEN, R3)`, () => {
      const t = trace(p);
      expect(states(t, 'server')).toContain('SYN-RECEIVED>CLOSED');
      expect(rstsFrom(t, 'server')).toEqual([]);
      expect(errors(t, 'server')).toEqual([]);
    });
  }
});

scenario('connect-timeout-socket-kept', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the socket kept in SYN-SENT keeps retrying its SYN (at least two SYNs) (capture s3_connect_timeout_socket_kept)`, () => {
      const t = trace(p);
      const syns = segs(t, { from: 'client', flags: 'S' });
      expect(syns.length).toBeGreaterThanOrEqual(2);
      for (const s of syns) expect(s.seq).toBe(syns[0]?.seq);
    });

    it(`${p}: the late SYN-ACK is ACKed and the connection opens; no RST (behaviour.md case 3, socket kept open)`, () => {
      const t = trace(p);
      const synAck = first(t, { flags: 'S.', delivered: true });
      const ack = first(t, { from: 'client', flags: '.', after: synAck.arrival - EPS });
      expect(ack.ack).toBe(add32(synAck.seq, 1));
      expect(results(t, 'client', 'connect')).toEqual(['ok']);
      expect(reached(t, 'client', 'ESTABLISHED')).toBe(true);
      expect(reached(t, 'server', 'ESTABLISHED')).toBe(true);
      expect(rstsFrom(t)).toEqual([]);
    });
  }
});

scenario('syn-retries-exhausted', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: only SYNs on the wire, at least two, all with the same ISN; the server sends nothing (behaviour.md case 3, SYN retries run out: c:S c:S c:S)`, () => {
      const t = trace(p);
      const sent = segs(t);
      expect(sent.length).toBeGreaterThanOrEqual(2);
      for (const s of sent) {
        expect(s.from).toBe('client');
        expect(s.flags).toEqual(['SYN']);
        expect(s.seq).toBe(sent[0]?.seq);
      }
    });

    it(`${p}: connect() fails with ETIMEDOUT and nothing is sent when the timer gives up, no RST (R11: "wrong: no RST")`, () => {
      const t = trace(p);
      const c = calls(t, 'client', 'connect');
      expect(c.map((e) => e.result)).toEqual(['ETIMEDOUT']);
      expect(segs(t, { after: c[0]?.t ?? NaN })).toEqual([]);
      expect(rstsFrom(t)).toEqual([]);
      expect(finalState(t, 'client', c[0]?.socket ?? '')).toBe('CLOSED');
    });
  }
});

// ═════════════════════════════════════════════════════════════════════════════
// Section 4: timers that give up
// ═════════════════════════════════════════════════════════════════════════════

scenario('retransmission-timeout', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: during the partition the client only retransmits its data (c:P. × n), no RST or FIN (behaviour.md case 4, retransmission gives up)`, () => {
      const t = trace(p);
      const sent = segs(t, { from: 'client', since: 'send', before: 'server-send' });
      expect(sent.length).toBeGreaterThanOrEqual(2);
      for (const s of sent) {
        expect(isData(s)).toBe(true);
        expect(s.seq).toBe(sent[0]?.seq);
      }
    });

    it(`${p}: the client gives up silently with ETIMEDOUT before the partition heals (R11)`, () => {
      const t = trace(p);
      const gaveUp = errorEvents(t, 'client', { before: 'server-send' });
      expect(gaveUp.map((e) => e.errno)).toEqual(['ETIMEDOUT']);
      expect(segs(t, { from: 'client', after: gaveUp[0]?.t ?? NaN, before: 'server-send' })).toEqual([]);
    });

    it(`${p}: later the server's data meets no socket: s:P. c:R, seq = SEG.ACK; the server sees ECONNRESET (R1, case 4)`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'server-send' })).toBe('s:P. c:R');
      const data = one(t, { from: 'server', data: true });
      const rst = one(t, { from: 'client', rst: true });
      expect(rst.seq).toBe(data.ack);
      expect(rst.reason).toBe('no-connection');
      expect(appSees(t, 'server', { since: 'server-send' })).toEqual([
        'send:ok',
        'error:ECONNRESET',
        'recv:ECONNRESET',
      ]);
    });
  }
});

scenario('keepalive-timeout', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: keepalive probes are bare ACKs with seq = SND.UNA − 1; one is answered, those after the partition are not (capture s4_keepalive_timeout)`, () => {
      const t = trace(p);
      const port = clientPort(t);
      const probes = segs(t, { from: 'client', reason: 'keepalive-probe' });
      for (const pr of probes) {
        expect(pr.flags).toEqual(['ACK']);
        expect(pr.len).toBe(0);
        expect(pr.seq).toBe(add32(sndNxt(t, 'client', port, pr.t), -1));
      }
      const answered = probes.filter((pr) => pr.step < step(t, 'partition').index);
      expect(answered.length).toBeGreaterThanOrEqual(1);
      expect(
        segs(t, { from: 'server', flags: '.', after: answered[0]?.arrival ?? NaN, before: 'partition' }).length,
      ).toBeGreaterThanOrEqual(1);
      const unanswered = segs(t, { from: 'client', reason: 'keepalive-probe', since: 'partition' });
      expect(unanswered.length).toBeGreaterThanOrEqual(2); // TCP_KEEPCNT = 2
      for (const pr of unanswered) expect(pr.delivered).toBe(false);
    });

    it(`${p}: the client reports ETIMEDOUT when keepalive gives up (R12)`, () => {
      const t = trace(p);
      expect(errors(t, 'client')).toEqual(['ETIMEDOUT']);
    });

    it(`${p}: later the server's data meets no socket: s:P. c:R, seq = SEG.ACK; server ECONNRESET (behaviour.md case 4, keepalive)`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'server-send' })).toBe('s:P. c:R');
      const data = one(t, { from: 'server', data: true });
      const rst = last(t, { from: 'client', rst: true });
      expect(rst.flags).toEqual(['RST']);
      expect(rst.seq).toBe(data.ack);
      expect(rst.reason).toBe('no-connection');
      expect(appSees(t, 'server', { since: 'server-send' })).toEqual([
        'send:ok',
        'error:ECONNRESET',
        'recv:ECONNRESET',
      ]);
    });
  }

  it('linux: after the unanswered probes the client sends R. (seq = SND.NXT, ack = RCV.NXT), then reports ETIMEDOUT (R12, Profiles: keepalive gives up)', () => {
    const t = trace('linux');
    const port = clientPort(t);
    const resets = rstsFrom(t, 'client', { before: 'server-send' });
    expect(resets.map((r) => r.flags.join(','))).toEqual(['RST,ACK']);
    const r = resets[0]!;
    expect(r.reason).toBe('keepalive-expired');
    expect(r.seq).toBe(sndNxt(t, 'client', port, r.t));
    expect(r.ack).toBe(rcvNxt(t, 'client', port, r.t));
    expect(r.t).toBeGreaterThan(last(t, { reason: 'keepalive-probe' }).t);
    const err = errorEvents(t, 'client')[0];
    expect(err?.t).toBeGreaterThanOrEqual(r.t);
  });

  it('rfc9293: keepalive gives up silently — no reset from the client before the server writes (Profiles: keepalive gives up; RFC 1122 §4.2.3.6)', () => {
    const t = trace('rfc9293');
    expect(rstsFrom(t, 'client', { before: 'server-send' })).toEqual([]);
  });
});

scenario('fin-wait-2-timeout', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the client closes with FIN; the server ACKs it and stays in CLOSE-WAIT (setup)`, () => {
      const t = trace(p);
      const fin = one(t, { from: 'client', fin: true });
      expect(fin.reason).toBe('close');
      expect(reached(t, 'client', 'FIN-WAIT-2', { during: 'client-close' })).toBe(true);
      expect(reached(t, 'server', 'CLOSE-WAIT')).toBe(true);
    });

    it(`${p}: the server's later data is answered with R, seq = SEG.ACK; no RST before that`, () => {
      const t = trace(p);
      expect(rstsFrom(t, undefined, { before: 'server-send' })).toEqual([]);
      expect(wire(t, { since: 'server-send' })).toBe('s:P. c:R');
      const data = one(t, { from: 'server', data: true });
      const rst = one(t, { from: 'client', rst: true });
      expect(rst.flags).toEqual(['RST']);
      expect(rst.seq).toBe(data.ack);
    });

    it(`${p}: the server, in CLOSE-WAIT, gets ${RESET_IN_CLOSE_WAIT[p]} on its next send, then end of stream (R9, Profiles: RST received in CLOSE-WAIT)`, () => {
      const t = trace(p);
      const e = RESET_IN_CLOSE_WAIT[p];
      expect(appSees(t, 'server', { since: 'server-send' })).toEqual([
        'send:ok',
        `error:${e}`,
        `send:${e}`,
        'recv:eof',
      ]);
    });
  }

  it('linux: the orphaned FIN-WAIT-2 times out (tcp_fin_timeout, tuned) and nothing is sent at expiry; the reply to later data comes from "no socket" (behaviour.md case 4; R11, R1)', () => {
    const t = trace('linux');
    const sock = socketOfCall(t, 'client', 'close');
    expect(timers(t, 'client')).toContain('fin-wait-2');
    expect(states(t, 'client', { socket: sock, before: 'server-send' })).toContain('FIN-WAIT-2>CLOSED');
    expect(segs(t, { from: 'client', during: 'timeout' })).toEqual([]);
    expect(one(t, { from: 'client', rst: true }).reason).toBe('no-connection');
  });

  it('rfc9293: the orphaned FIN-WAIT-2 has no timeout and stays (Profiles: orphaned FIN-WAIT-2 — "no timeout defined; stays")', () => {
    const t = trace('rfc9293');
    const sock = socketOfCall(t, 'client', 'close');
    expect(timers(t, 'client')).not.toContain('fin-wait-2');
    const data = one(t, { from: 'server', data: true });
    expect(stateBefore(t, 'client', sock, data.arrival)).toBe('FIN-WAIT-2');
  });
});

// ═════════════════════════════════════════════════════════════════════════════
// Section 5: half-open connections
// ═════════════════════════════════════════════════════════════════════════════

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

// ═════════════════════════════════════════════════════════════════════════════
// Section 6: the process dies
// ═════════════════════════════════════════════════════════════════════════════

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

// ═════════════════════════════════════════════════════════════════════════════
// Section 7: crash and reboot
// ═════════════════════════════════════════════════════════════════════════════

scenario('crash-reboot', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the crash and the reboot send nothing`, () => {
      const t = trace(p);
      expect(segs(t, { since: 'crash', before: 'send' })).toEqual([]);
    });

    it(`${p}: the client's data reaches a host with no connection but a listener: c:P. s:R, seq = SEG.ACK (behaviour.md case 7; R2)`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'send', before: 'reconnect' })).toBe('c:P. s:R');
      const data = one(t, { from: 'client', data: true });
      const rst = one(t, { from: 'server', rst: true });
      expect(rst.seq).toBe(data.ack);
      expect(rst.reason).toBe('no-connection');
      expect(stateBefore(t, 'server', '5000', rst.t)).toBe('LISTEN');
    });

    it(`${p}: the client sees ECONNRESET, then EPIPE (R9)`, () => {
      const t = trace(p);
      expect(appSees(t, 'client', { since: 'send', before: 'reconnect' })).toEqual([
        'send:ok',
        'error:ECONNRESET',
        'recv:ECONNRESET',
        'send:EPIPE',
      ]);
    });

    it(`${p}: a new connect() works: c:S s:S. c:.`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'reconnect' })).toBe('c:S s:S. c:.');
      expect(results(t, 'client', 'connect', { since: 'reconnect' })).toEqual(['ok']);
    });
  }
});

scenario('client-reboot-same-port', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the reboot sends nothing; the new SYN from the same port has a new ISN`, () => {
      const t = trace(p);
      expect(segs(t, { during: 'reboot' })).toEqual([]);
      const oldSyn = first(t, { flags: 'S' });
      const newSyn = first(t, { flags: 'S', since: 'reconnect' });
      expect(newSyn.sport).toBe(oldSyn.sport);
      expect(newSyn.seq).not.toBe(oldSyn.seq);
    });

    it(`${p}: the server's ESTABLISHED socket answers the SYN with a challenge ACK (R10), and the client resets it with R, seq = SEG.ACK (R15)`, () => {
      const t = trace(p);
      const port = clientPort(t);
      expect(wire(t, { since: 'reconnect' })).toMatch(/^c:S s:\. c:R/);
      const ack = first(t, { from: 'server', since: 'reconnect' });
      expect(ack.flags).toEqual(['ACK']);
      expect(ack.reason).toBe('challenge-ack');
      expect(ack.seq).toBe(sndNxt(t, 'server', port, ack.t));
      expect(ack.ack).toBe(rcvNxt(t, 'server', port, step(t, 'reboot').t + EPS));
      const rst = first(t, { from: 'client', rst: true });
      expect(rst.flags).toEqual(['RST']);
      expect(rst.seq).toBe(ack.ack);
      expect(rst.reason).toBe('bad-ack');
      const sock = socketChanging(t, 'client', 'CLOSED>SYN-SENT', { since: 'reconnect' });
      expect(stateBefore(t, 'client', sock, rst.t + EPS)).toBe('SYN-SENT');
    });

    it(`${p}: the server's old connection is reset: its recv gets ECONNRESET (behaviour.md case 7, client reboots)`, () => {
      const t = trace(p);
      const old = socketOfCall(t, 'server', 'accept');
      expect(errors(t, 'server', { socket: old })).toEqual(['ECONNRESET']);
      expect(results(t, 'server', 'recv', { during: 'old-recv' })).toEqual(['ECONNRESET']);
    });
  }

  it('linux: on the wire, c:S s:. c:R c:S s:S. c:. — the retried SYN opens the new connection (behaviour.md case 7; RFC 9293 Figure 9)', () => {
    const t = trace('linux');
    expect(wire(t, { since: 'reconnect' })).toBe('c:S s:. c:R c:S s:S. c:.');
    const syns = segs(t, { flags: 'S', since: 'reconnect' });
    expect(syns[1]?.seq).toBe(syns[0]?.seq);
    expect(first(t, { flags: 'S.', since: 'reconnect' }).ack).toBe(add32(syns[1]?.seq ?? NaN, 1));
    expect(results(t, 'client', 'connect')).toEqual(['ok', 'ok']);
  });
});

// ═════════════════════════════════════════════════════════════════════════════
// Section 8: SO_LINGER
// ═════════════════════════════════════════════════════════════════════════════

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
      const rst = atAbort[0]!;
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

// ═════════════════════════════════════════════════════════════════════════════
// Extras (the "+" rows of the cases table)
// ═════════════════════════════════════════════════════════════════════════════

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

scenario('rst-in-established', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the abort sends ${ABORT_FORM[p]} with seq = SND.NXT, and nothing answers it (R4, R3; Profiles: abort)`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'abort' })).toBe(`s:${ABORT_FORM[p]}`);
      const rst = one(t, { from: 'server', rst: true });
      expect(rst.reason).toBe('abort');
      expect(rst.seq).toBe(sndNxt(t, 'server', clientPort(t), rst.t));
      if (p === 'linux') expect(rst.ack).toBe(rcvNxt(t, 'server', clientPort(t), rst.t));
    });

    it(`${p}: the client sees ECONNRESET once, then recv returns 0 and send EPIPE (R9; capture x_rst_in_established_recv_first)`, () => {
      const t = trace(p);
      expect(appSees(t, 'client', { since: 'abort' })).toEqual([
        'error:ECONNRESET',
        'recv:ECONNRESET',
        'recv:eof',
        'send:EPIPE',
      ]);
    });
  }
});

scenario('rst-in-established-send-first', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the abort sends ${ABORT_FORM[p]}; neither of the client's sends puts a segment on the wire (R4; Profiles: abort)`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'abort' })).toBe(`s:${ABORT_FORM[p]}`);
      expect(one(t, { from: 'server', rst: true }).reason).toBe('abort');
    });

    it(`${p}: the first send returns ECONNRESET, the second EPIPE (R9; capture x_rst_in_established_send_first)`, () => {
      const t = trace(p);
      expect(results(t, 'client', 'send', { since: 'abort' })).toEqual(['ECONNRESET', 'EPIPE']);
    });
  }
});

scenario('rst-in-fin-wait-2', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: shutdown(write) sends FIN; the server aborts from CLOSE-WAIT with ${ABORT_FORM[p]}, seq = SND.NXT (R4: CLOSE-WAIT sends a reset in both profiles)`, () => {
      const t = trace(p);
      expect(one(t, { from: 'client', fin: true }).reason).toBe('shutdown');
      expect(wire(t, { since: 'abort' })).toBe(`s:${ABORT_FORM[p]}`);
      const rst = one(t, { from: 'server', rst: true });
      expect(stateBefore(t, 'server', socketOfCall(t, 'server', 'accept'), rst.t)).toBe('CLOSE-WAIT');
      expect(rst.seq).toBe(sndNxt(t, 'server', clientPort(t), rst.t));
      if (p === 'linux') expect(rst.ack).toBe(seqEnd(one(t, { from: 'client', fin: true })));
    });

    it(`${p}: a RST received in FIN-WAIT-2 gives ECONNRESET, as in ESTABLISHED (R9; capture x_rst_in_fin_wait2)`, () => {
      const t = trace(p);
      const rst = one(t, { from: 'server', rst: true });
      expect(stateBefore(t, 'client', socketOfCall(t, 'client', 'shutdown'), rst.arrival)).toBe('FIN-WAIT-2');
      expect(appSees(t, 'client', { since: 'abort' })).toEqual(['error:ECONNRESET', 'recv:ECONNRESET']);
    });
  }
});

scenario('listener-closed', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: the handshake completes without accept() (R14), then closing the listener resets the waiting connection (Linux inet_csk_listen_stop → tcp_disconnect)`, () => {
      const t = trace(p);
      expect(wire(t, { during: 'connect' })).toBe('c:S s:S. c:.');
      expect(wire(t, { during: 'listener-closed' })).toBe('s:R' + (p === 'linux' ? '.' : ''));
      const rst = one(t, { from: 'server', rst: true });
      expect(rst.reason).toBe('listener-closed');
    });

    it(`${p}: the client, whose connect() had succeeded, gets ECONNRESET (R9)`, () => {
      const t = trace(p);
      expect(appSees(t, 'client', { since: 'listener-closed' })).toEqual(['error:ECONNRESET', 'recv:ECONNRESET']);
    });
  }
});

scenario('never-rst-a-rst', (trace) => {
  for (const p of PROFILE_NAMES) {
    it(`${p}: a RST to a port with no socket gets no answer (R3)`, () => {
      expect(wire(trace(p), { during: 'rst' })).toBe('c:R');
    });

    it(`${p}: a bare ACK gets R (no ACK flag) with seq = SEG.ACK, which the client host does not answer (R1, R3)`, () => {
      const t = trace(p);
      expect(wire(t, { during: 'ack' })).toBe('c:. s:R');
      const ack = one(t, { flags: '.', during: 'ack' });
      const rst = one(t, { from: 'server', during: 'ack' });
      expect(rst.seq).toBe(ack.ack);
      expect(rst.reason).toBe('no-connection');
    });

    it(`${p}: a SYN gets R. with seq 0, ack = SEG.SEQ + 1, which the client host does not answer (R1, R3)`, () => {
      const t = trace(p);
      expect(wire(t, { during: 'syn' })).toBe('c:S s:R.');
      const syn = one(t, { flags: 'S', during: 'syn' });
      const rst = one(t, { from: 'server', during: 'syn' });
      expect(rst.seq).toBe(0);
      expect(rst.ack).toBe(add32(syn.seq, 1));
      expect(rst.reason).toBe('no-listener');
    });
  }
});

scenario('forged-rst', (trace) => {
  /** The server's RCV.NXT and window when the forgeries arrive. */
  const serverView = (t: Trace) => {
    const port = clientPort(t);
    const at = step(t, 'out-of-window').t + EPS;
    const rcv = rcvNxt(t, 'server', port, at);
    const win = last(t, { from: 'server', until: at }).win;
    return { rcv, win };
  };
  const inWindow = (seq: number, rcv: number, win: number): boolean => (seq - rcv) >>> 0 < win;

  for (const p of PROFILE_NAMES) {
    it(`${p}: the forged RSTs are out of window, in window but inexact, and exact (setup)`, () => {
      const t = trace(p);
      const { rcv, win } = serverView(t);
      const oow = one(t, { flags: 'R', during: 'out-of-window' });
      const inw = one(t, { flags: 'R', during: 'in-window' });
      const exact = one(t, { flags: 'R', during: 'exact' });
      expect(inWindow(oow.seq, rcv, win)).toBe(false);
      expect(inWindow(inw.seq, rcv, win)).toBe(true);
      expect(inw.seq).not.toBe(rcv);
      expect(exact.seq).toBe(rcv);
    });

    it(`${p}: an out-of-window RST is dropped silently (R10)`, () => {
      const t = trace(p);
      expect(wire(t, { during: 'out-of-window' })).toBe('c:R');
      expect(states(t, 'server', { during: 'out-of-window' })).toEqual([]);
    });

    it(`${p}: an in-window, inexact RST draws a challenge ACK with ack = RCV.NXT (R10)`, () => {
      const t = trace(p);
      expect(wire(t, { during: 'in-window' })).toBe('c:R s:.');
      const ack = one(t, { from: 'server', during: 'in-window' });
      expect(ack.reason).toBe('challenge-ack');
      expect(ack.ack).toBe(serverView(t).rcv);
    });

    it(`${p}: a SYN on the ESTABLISHED 4-tuple draws a challenge ACK, not RST (R10)`, () => {
      const t = trace(p);
      expect(wire(t, { during: 'syn' })).toBe('c:S s:.');
      const ack = one(t, { from: 'server', during: 'syn' });
      expect(ack.reason).toBe('challenge-ack');
      expect(ack.ack).toBe(serverView(t).rcv);
    });

    it(`${p}: the connection survives all three: the server's data is received`, () => {
      const t = trace(p);
      expect(errors(t, 'server', { before: 'exact' })).toEqual([]);
      expect(results(t, 'server', 'send')).toEqual(['ok']);
      expect(results(t, 'client', 'recv')).toEqual(['ok']);
    });

    it(`${p}: only the exact RST resets: ECONNRESET, and nothing is sent back (R10, R3)`, () => {
      const t = trace(p);
      expect(wire(t, { since: 'exact' })).toBe('c:R');
      expect(errors(t, 'server')).toEqual(['ECONNRESET']);
      expect(states(t, 'server', { during: 'exact' })).toEqual(['ESTABLISHED>CLOSED']);
      expect(results(t, 'server', 'recv')).toEqual(['ECONNRESET']);
    });
  }
});

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

// ═════════════════════════════════════════════════════════════════════════════
// Lesson 0: the orderly close
// ═════════════════════════════════════════════════════════════════════════════

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

// ═════════════════════════════════════════════════════════════════════════════
// Coverage: every scenario file has a reference check, and every check a file
// ═════════════════════════════════════════════════════════════════════════════

describe('coverage of exercises/scenarios/', () => {
  it('every scenario file parses', () => {
    const bad = scenarioFiles()
      .filter((f) => f.errors.length > 0)
      .map((f) => `${f.file}: ${f.errors.join('; ')}`);
    expect(bad).toEqual([]);
  });

  it('every scenario file has a reference check here, and every reference check has a scenario file', () => {
    const ids = scenarioFiles()
      .map((f) => f.id ?? f.file)
      .sort();
    expect(ids).toEqual([...covered].sort());
  });
});
