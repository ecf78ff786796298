/**
 * Reference checks, behaviour.md section 4: timers that give up. See common.ts for the rules
 * they follow.
 */
import { expect, it } from 'vitest';
import {
  PROFILE_NAMES,
  add32,
  appSees,
  errorEvents,
  errors,
  isData,
  last,
  one,
  rcvNxt,
  reached,
  rstsFrom,
  segs,
  sndNxt,
  socketOfCall,
  stateBefore,
  states,
  step,
  timers,
  wire,
} from '../helpers.ts';
import { RESET_IN_CLOSE_WAIT, clientPort, scenario } from './common.ts';

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
    const r = one(t, { from: 'client', rst: true, before: 'server-send' });
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
