/**
 * The chart's actions for timers: retransmission and its give-up, keepalive probes, and the
 * state timers (TIME-WAIT, FIN-WAIT-2, the application's connect timeout).
 */
import { retransmit, type RetryPhase } from '../retransmit.ts';
import { armKeepalive, arm, fail, finish, sendActiveReset, timerFired, transmit } from '../send.ts';
import type { TimerName } from '../trace.ts';
import { act } from './act.ts';

/** The trace's name for the retransmission timer of each phase. */
const RTO_TIMER: Record<RetryPhase, TimerName> = { syn: 'syn', synack: 'synack', data: 'retransmit' };

export const timers = {
  retransmit: act<{ phase: RetryPhase }>((w, _e, { phase }) => {
    timerFired(w, RTO_TIMER[phase]);
    retransmit(w, phase);
  }),
  /** R11: the retransmission timer gives up silently; ETIMEDOUT for whoever waits. */
  giveUp: act<{ phase: RetryPhase }>((w, _e, { phase }) => {
    timerFired(w, RTO_TIMER[phase]);
    fail(w, 'ETIMEDOUT');
    finish(w);
  }),

  keepaliveRearm: act((w) => armKeepalive(w)),
  /** A probe is an ACK one byte behind SND.UNA: the peer must answer it (RFC 1122 §4.2.3.6). */
  keepaliveProbe: act((w) => {
    const t = w.t;
    timerFired(w, 'keepalive');
    t.probesOut += 1;
    transmit(w, 'none', (t.sndUna - 1) >>> 0, t.rcvNxt, 0, 'keepalive-probe');
    if (t.keepalive) arm(w, 'keepalive', t.keepalive.interval);
  }),
  /** R12: Linux resets when keepalive gives up; the RFCs just drop the connection. */
  keepaliveGiveUp: act((w) => {
    timerFired(w, 'keepalive');
    if (w.t.p.keepaliveGivesUpWithReset) sendActiveReset(w, 'keepalive-expired');
    fail(w, 'ETIMEDOUT');
    finish(w);
  }),

  timeWaitOver: act((w) => timerFired(w, 'time-wait')),
  finWait2Over: act((w) => {
    timerFired(w, 'fin-wait-2');
    finish(w);
  }),
  /** The application's own connect timeout: it stops waiting and closes the socket. */
  connectTimedOut: act((w) => {
    timerFired(w, 'connect');
    fail(w, 'ETIMEDOUT');
    w.t.user = 'orphan';
    w.fx.push({ type: 'released' });
    finish(w);
  }),
};
