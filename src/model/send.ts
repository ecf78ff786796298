/**
 * What a socket sends and tells: segments, call results, errors for the application, drops,
 * and the two timers the TCB arms itself (retransmission and keepalive).
 */
import type { TimerId } from './endpoint/events.ts';
import type { Control, Outgoing, Segment } from './segment.ts';
import { seqAdd } from './seq.ts';
import { inFlightBytes, rcvWnd, type InFlight, type Work } from './tcb.ts';
import type { CallName, CallResult, DropWhy, Errno, Reason, TimerName } from './trace.ts';
import type { Micros } from './scenario.ts';

export function transmit(
  w: Work,
  ctl: Control,
  seq: number,
  ack: number | null,
  len: number,
  reason: Reason,
  retransmission = false,
): void {
  const out: Outgoing = { ctl, seq, ack, len, win: rcvWnd(w.t), reason };
  if (retransmission) out.retransmission = true;
  w.fx.push({ type: 'segment', out });
}

/** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
export function sendAck(w: Work, reason: Reason = 'ack'): void {
  transmit(w, 'none', w.t.sndNxt, w.t.rcvNxt, 0, reason);
}

/** A reset the endpoint starts itself (abort, unread data, keepalive): seq = SND.NXT. */
export function sendActiveReset(w: Work, reason: Reason): void {
  transmit(w, 'rst', w.t.sndNxt, w.t.p.activeResetWithAck ? w.t.rcvNxt : null, 0, reason);
}

export function sendSyn(w: Work, retransmission = false): void {
  transmit(w, 'syn', w.t.iss, null, 0, 'handshake', retransmission);
}

export function sendSynAck(w: Work, retransmission = false): void {
  transmit(w, 'syn', w.t.iss, w.t.rcvNxt, 0, 'handshake', retransmission);
}

/**
 * The ACK that answers an out-of-window segment, a suspicious RST or a SYN. Linux sends at
 * most one per socket per tcp_invalid_ratelimit (500 ms), so that two endpoints cannot ping-pong
 * ACKs; data segments without SYN are exempt, challenge ACKs are not (tcp_oow_rate_limited,
 * tcp_send_challenge_ack).
 */
export function outOfWindowAck(w: Work, seg: Segment, reason: Reason, challenge: boolean): void {
  const t = w.t;
  const limit = t.p.oowAckInterval;
  const exempt = !challenge && seg.len > 0 && seg.ctl !== 'syn';
  if (limit !== null && !exempt && t.lastOowAck !== null && w.at - t.lastOowAck < limit) {
    drop(w, 'rate-limited');
    return;
  }
  if (!exempt) t.lastOowAck = w.at;
  sendAck(w, reason);
}

export function result(w: Work, call: CallName, res: CallResult, bytes?: number): void {
  w.fx.push(bytes === undefined ? { type: 'result', call, result: res } : { type: 'result', call, result: res, bytes });
}

export function drop(w: Work, why: DropWhy): void {
  w.fx.push({ type: 'drop', why });
}

export function timerFired(w: Work, timer: TimerName): void {
  w.fx.push({ type: 'timer', timer });
}

// ── The TCB's own timers ─────────────────────────────────────────────────────────

const TIMER_EVENT = { rto: 'RTO', keepalive: 'KEEPALIVE_TIMER' } as const;

/** (Re)start a timer: it fires `delay` from now unless re-armed or disarmed first. */
export function arm(w: Work, timer: keyof typeof TIMER_EVENT, delay: Micros): void {
  w.fx.push({ type: 'schedule', id: timer, delay, event: { type: TIMER_EVENT[timer], at: w.at + delay } });
}

export function disarm(w: Work, timer: TimerId): void {
  w.fx.push({ type: 'cancel', id: timer });
}

export function armKeepalive(w: Work, delay?: Micros): void {
  if (w.t.keepalive) arm(w, 'keepalive', delay ?? w.t.keepalive.idle);
}

// ── Sending data and FIN ─────────────────────────────────────────────────────────

/** Send what the peer's window allows, then the FIN once the queue is empty; keep the RTO running. */
export function pump(w: Work): void {
  const t = w.t;
  const idle = t.flight.length === 0;
  let flight: InFlight[] | null = null;
  while (t.sendQueue > 0) {
    const room = t.sndWnd - inFlightBytes(t);
    if (room <= 0) break;
    const len = Math.min(t.p.mss, t.sendQueue, room);
    flight ??= [...t.flight];
    flight.push({ seq: t.sndNxt, len, ctl: 'none', reason: 'data' });
    transmit(w, 'none', t.sndNxt, t.rcvNxt, len, 'data');
    t.sndNxt = seqAdd(t.sndNxt, len);
    t.sendQueue -= len;
  }
  if (t.sendQueue === 0 && t.fin === 'queued') {
    flight ??= [...t.flight];
    flight.push({ seq: t.sndNxt, len: 0, ctl: 'fin', reason: t.finReason });
    transmit(w, 'fin', t.sndNxt, t.rcvNxt, 0, t.finReason);
    t.sndNxt = seqAdd(t.sndNxt, 1);
    t.fin = 'sent';
  }
  if (flight === null) return;
  t.flight = flight;
  if (idle) arm(w, 'rto', t.rto);
}

/** Queue a FIN behind any unsent data: close() or shutdown(write) (R7). */
export function queueFin(w: Work, reason: Reason): void {
  if (w.t.fin === 'none') w.t.fin = 'queued';
  w.t.finReason = reason;
  pump(w);
}

// ── Ending ──────────────────────────────────────────────────────────────────────

/** The connection is gone for good: no more timers, nothing left to send. */
export function finish(w: Work): void {
  const t = w.t;
  t.life = 'ended';
  t.sendQueue = 0;
  if (t.flight.length > 0) disarm(w, 'rto');
  t.flight = [];
  if (t.keepalive) disarm(w, 'keepalive');
}

/**
 * Report an asynchronous error: a waiting connect() gets it, else the application's next call,
 * once (R9); nobody hears of it on an orphan or on a passive open still in its handshake.
 */
export function fail(w: Work, errno: Errno): void {
  const t = w.t;
  if (t.user === 'connecting') {
    t.user = 'application';
    result(w, 'connect', errno);
    return;
  }
  if (t.user !== 'application') return;
  t.soError = errno;
  w.fx.push({ type: 'error', errno });
}
