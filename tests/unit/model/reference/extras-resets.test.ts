/**
 * Reference checks, Extras (the "+" rows of behaviour.md's cases table): a RST in ESTABLISHED
 * and FIN-WAIT-2, the listener closing, RST never answered, forged RSTs (RFC 5961). See
 * common.ts for the rules they follow.
 */
import { expect, it } from 'vitest';
import type { Trace } from '../../../../src/model/trace.ts';
import {
  PROFILE_NAMES,
  add32,
  appSees,
  errors,
  last,
  one,
  rcvNxt,
  results,
  seqEnd,
  sndNxt,
  socketOfCall,
  stateBefore,
  states,
  step,
  wire,
} from '../helpers.ts';
import { ABORT_FORM, EPS, clientPort, scenario } from './common.ts';

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
