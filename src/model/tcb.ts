/**
 * The transmission control block (RFC 9293 §3.3.1) and the pure arithmetic on it.
 * The chart in endpoint.ts decides which state comes next; the functions here work out
 * the numbers and the effects (segments, results, timers) of a transition.
 */
import type { KeepaliveConfig, Profile } from './profiles.ts';
import { retryBudget } from './profiles.ts';
import { segLength, type Control, type Outgoing, type Segment } from './segment.ts';
import { seqAdd, seqDiff, seqInWindow, seqLe, seqLt } from './seq.ts';
import type { TcpState } from './states.ts';
import type { CallName, CallResult, DropWhy, Errno, Reason, TimerName } from './trace.ts';
import type { Micros } from './scenario.ts';

/** A segment sent and not yet acknowledged: what the retransmission timer resends. */
export interface InFlight {
  seq: number;
  len: number;
  ctl: Control;
  reason: Reason;
}

export type TimerId = 'rto' | 'keepalive';

export interface Tcb {
  p: Profile;
  /** The state the socket is in (kept by the chart's entry actions). */
  state: TcpState;
  /** Made by a listener for an incoming SYN (a passive open). */
  passive: boolean;
  iss: number;
  irs: number;
  sndUna: number;
  sndNxt: number;
  sndWnd: number;
  rcvNxt: number;
  /** Bytes the application wrote that have not been sent yet. */
  sendQueue: number;
  flight: InFlight[];
  /** A FIN waits behind the queued data (close or shutdown(write) was called). */
  finQueued: boolean;
  finSent: boolean;
  finReason: Reason;
  /** Bytes received and not yet read by the application. */
  recvQueue: number;
  peerFin: boolean;
  rdShut: boolean;
  wrShut: boolean;
  /** The application no longer holds the socket (close(), exit, or its own connect timeout). */
  orphan: boolean;
  linger: Micros | null;
  keepalive: KeepaliveConfig | null;
  probesOut: number;
  /** RTO from the last round-trip sample; `rto` is it with backoff applied. */
  rtoBase: Micros;
  rto: Micros;
  rtoArmed: boolean;
  retransmits: number;
  /** When the give-up budget started: the first SYN, or the first data retransmission. */
  budgetFrom: Micros | null;
  /** When our SYN (or SYN-ACK) left, for the first round-trip sample. */
  synAt: Micros | null;
  /** An error waiting for the application's next call (Linux sk_err). */
  soError: Errno | null;
  /** The connection ended by reset or timeout: recv() then reads end of stream, send() gets EPIPE. */
  done: boolean;
  /** A connect() waits for its outcome. */
  connecting: boolean;
  connectTimeout: Micros | null;
  /** The connection once reached ESTABLISHED. */
  synchronized: boolean;
  /** When this socket last answered an out-of-window segment (Linux last_oow_ack_time). */
  lastOowAck: Micros | null;
}

export type Effect =
  | { type: 'segment'; out: Outgoing }
  | { type: 'result'; call: CallName; result: CallResult; bytes?: number }
  | { type: 'error'; errno: Errno }
  | { type: 'timer'; timer: TimerName }
  | { type: 'drop'; why: DropWhy }
  /** The application's handle is gone (its own connect timeout closed it). */
  | { type: 'released' }
  | { type: 'arm'; timer: TimerId; delay: Micros; due: Micros }
  | { type: 'disarm'; timer: TimerId };

export interface EndpointInput {
  profile: Profile;
  iss: number;
  passive?: boolean;
}

export function newTcb(input: EndpointInput): Tcb {
  const p = input.profile;
  return {
    p,
    state: 'CLOSED',
    passive: input.passive ?? false,
    iss: input.iss >>> 0,
    irs: 0,
    sndUna: input.iss >>> 0,
    sndNxt: input.iss >>> 0,
    sndWnd: 0,
    rcvNxt: 0,
    sendQueue: 0,
    flight: [],
    finQueued: false,
    finSent: false,
    finReason: 'close',
    recvQueue: 0,
    peerFin: false,
    rdShut: false,
    wrShut: false,
    orphan: false,
    linger: null,
    keepalive: null,
    probesOut: 0,
    rtoBase: p.rtoInitial,
    rto: p.rtoInitial,
    rtoArmed: false,
    retransmits: 0,
    budgetFrom: null,
    synAt: null,
    soError: null,
    done: false,
    connecting: false,
    connectTimeout: null,
    synchronized: false,
    lastOowAck: null,
  };
}

/** A transition's work: a private copy of the TCB to change, and the effects in order. */
export interface Work {
  t: Tcb;
  fx: Effect[];
  at: Micros;
}

export function begin(tcb: Tcb, at: Micros): Work {
  return { t: { ...tcb }, fx: [], at };
}

// ── Reading the TCB ────────────────────────────────────────────────────────────

export function rcvWnd(t: Tcb): number {
  return Math.max(0, t.p.rcvBuf - t.recvQueue);
}

export function inFlightBytes(t: Tcb): number {
  return seqDiff(t.sndNxt, t.sndUna);
}

/** RFC 9293 §3.10.7.4, first check: is the segment's sequence space acceptable? */
export function acceptable(t: Tcb, seg: Segment): boolean {
  const len = segLength(seg);
  const wnd = rcvWnd(t);
  if (len === 0) return wnd === 0 ? seg.seq === t.rcvNxt : seqInWindow(seg.seq, t.rcvNxt, wnd);
  if (wnd === 0) return false;
  return seqInWindow(seg.seq, t.rcvNxt, wnd) || seqInWindow(seqAdd(seg.seq, len - 1), t.rcvNxt, wnd);
}

/** RFC 5961 §3.2: a RST resets only when SEG.SEQ is exactly RCV.NXT. */
export function rstExact(t: Tcb, seg: Segment): boolean {
  return seg.ctl === 'rst' && seg.seq === t.rcvNxt;
}

export function rstInWindow(t: Tcb, seg: Segment): boolean {
  return seg.ctl === 'rst' && seqInWindow(seg.seq, t.rcvNxt, Math.max(1, rcvWnd(t)));
}

/** SND.UNA < SEG.ACK =< SND.NXT: the segment acknowledges something new (RFC 9293 §3.10.7.4). */
export function ackAdvances(t: Tcb, seg: Segment): boolean {
  return seg.ack !== null && seqLt(t.sndUna, seg.ack) && seqLe(seg.ack, t.sndNxt);
}

/** SEG.ACK > SND.NXT: acknowledges data never sent. */
export function ackTooNew(t: Tcb, seg: Segment): boolean {
  return seg.ack !== null && seqLt(t.sndNxt, seg.ack);
}

/** SYN-SENT: SEG.ACK =< ISS or SEG.ACK > SND.NXT is unacceptable (RFC 9293 §3.10.7.3). */
export function synSentAckBad(t: Tcb, seg: Segment): boolean {
  return seg.ack !== null && (seqLe(seg.ack, t.iss) || seqLt(t.sndNxt, seg.ack));
}

/** Does this segment acknowledge our FIN? */
export function acksOurFin(t: Tcb, seg: Segment): boolean {
  return t.finSent && seg.ack !== null && seg.ack === t.sndNxt && t.sendQueue === 0;
}

/** Does this segment carry the peer's FIN as the next thing in sequence? */
export function finIsNext(t: Tcb, seg: Segment): boolean {
  return seg.ctl === 'fin' && !t.peerFin && seqLe(seg.seq, t.rcvNxt) && seqLe(t.rcvNxt, seqAdd(seg.seq, seg.len));
}

/** Payload beyond RCV.NXT: data the application has not seen yet. */
export function carriesNewData(t: Tcb, seg: Segment): boolean {
  return seg.len > 0 && seqLt(t.rcvNxt, seqAdd(seg.seq, seg.len));
}

// ── Writing segments ─────────────────────────────────────────────────────────────

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

// ── Timers ──────────────────────────────────────────────────────────────────────

export function arm(w: Work, timer: TimerId, delay: Micros): void {
  if (timer === 'rto') w.t.rtoArmed = true;
  w.fx.push({ type: 'disarm', timer }, { type: 'arm', timer, delay, due: w.at + delay });
}

export function disarm(w: Work, timer: TimerId): void {
  if (timer === 'rto') w.t.rtoArmed = false;
  w.fx.push({ type: 'disarm', timer });
}

export function armKeepalive(w: Work, delay?: Micros): void {
  if (w.t.keepalive) arm(w, 'keepalive', delay ?? w.t.keepalive.idle);
}

// ── Sending ─────────────────────────────────────────────────────────────────────

/** Send what the peer's window allows, then the FIN once the queue is empty; keep the RTO running. */
export function pump(w: Work): void {
  const t = w.t;
  let sent = false;
  while (t.sendQueue > 0) {
    const room = t.sndWnd - inFlightBytes(t);
    if (room <= 0) break;
    const len = Math.min(t.p.mss, t.sendQueue, room);
    t.flight = [...t.flight, { seq: t.sndNxt, len, ctl: 'none', reason: 'data' }];
    transmit(w, 'none', t.sndNxt, t.rcvNxt, len, 'data');
    t.sndNxt = seqAdd(t.sndNxt, len);
    t.sendQueue -= len;
    sent = true;
  }
  if (t.sendQueue === 0 && t.finQueued && !t.finSent) {
    t.flight = [...t.flight, { seq: t.sndNxt, len: 0, ctl: 'fin', reason: t.finReason }];
    transmit(w, 'fin', t.sndNxt, t.rcvNxt, 0, t.finReason);
    t.sndNxt = seqAdd(t.sndNxt, 1);
    t.finSent = true;
    sent = true;
  }
  if (sent && !t.rtoArmed) arm(w, 'rto', t.rto);
}

/** Queue a FIN behind any unsent data: close() or shutdown(write) (R7). */
export function queueFin(w: Work, reason: Reason): void {
  w.t.wrShut = true;
  w.t.finQueued = true;
  w.t.finReason = reason;
  pump(w);
}

/** The connection is gone for good: no more timers, nothing left to send. */
export function finish(w: Work): void {
  const t = w.t;
  t.done = true;
  t.sendQueue = 0;
  t.flight = [];
  if (t.rtoArmed) disarm(w, 'rto');
  if (t.keepalive) disarm(w, 'keepalive');
}

/** Report an asynchronous error; the application's next call receives it once (R9). */
export function fail(w: Work, errno: Errno): void {
  const t = w.t;
  if (t.connecting) {
    t.connecting = false;
    result(w, 'connect', errno);
    return;
  }
  if (t.orphan) return;
  t.soError = errno;
  w.fx.push({ type: 'error', errno });
}

// ── Receiving ───────────────────────────────────────────────────────────────────

/** First round-trip sample: RFC 6298 §2.2 with the profile's floors. */
function sampleRtt(w: Work): void {
  const t = w.t;
  if (t.synAt === null) return;
  const r = Math.max(0, w.at - t.synAt);
  t.rtoBase = Math.min(t.p.rtoMax, Math.max(t.p.rtoMin, r + Math.max(2 * r, t.p.rttvarMin)));
  t.rto = t.rtoBase;
  t.synAt = null;
}

/** ACK processing in a synchronized state (RFC 9293 §3.10.7.4, fifth check). */
export function processAck(w: Work, seg: Segment): void {
  const t = w.t;
  if (seg.ack === null) return;
  if (ackAdvances(t, seg)) {
    const ack = seg.ack;
    t.flight = t.flight.filter((f) => seqLt(ack, seqAdd(f.seq, segLength(f))));
    t.sndUna = ack;
    t.retransmits = 0;
    t.budgetFrom = null;
    t.rto = t.rtoBase;
    if (t.flight.length === 0) disarm(w, 'rto');
    else arm(w, 'rto', t.rto);
  }
  t.sndWnd = seg.win;
}

/** Take in-order data and the FIN; acknowledge what arrived (RFC 9293 §3.10.7.4, seventh and eighth checks). */
export function processText(w: Work, seg: Segment): void {
  const t = w.t;
  let ackNeeded = false;
  if (seg.len > 0) {
    if (seqLe(seg.seq, t.rcvNxt) && carriesNewData(t, seg)) {
      const fresh = Math.min(seqDiff(seqAdd(seg.seq, seg.len), t.rcvNxt), rcvWnd(t));
      t.recvQueue += fresh;
      t.rcvNxt = seqAdd(t.rcvNxt, fresh);
    }
    ackNeeded = true;
  }
  if (finIsNext(t, seg) && seqAdd(seg.seq, seg.len) === t.rcvNxt) {
    t.rcvNxt = seqAdd(t.rcvNxt, 1);
    t.peerFin = true;
    ackNeeded = true;
  }
  if (ackNeeded) sendAck(w);
}

/** Everything a synchronized endpoint does with an acceptable segment, then send what it can. */
export function receive(w: Work, seg: Segment): void {
  processAck(w, seg);
  processText(w, seg);
  if (w.t.keepalive && !w.t.done) {
    w.t.probesOut = 0;
    armKeepalive(w);
  }
  pump(w);
}

// ── Opening ─────────────────────────────────────────────────────────────────────

export function sendSyn(w: Work, retransmission = false): void {
  transmit(w, 'syn', w.t.iss, null, 0, 'handshake', retransmission);
}

export function sendSynAck(w: Work, retransmission = false): void {
  transmit(w, 'syn', w.t.iss, w.t.rcvNxt, 0, 'handshake', retransmission);
}

/** Record the peer's SYN: IRS, RCV.NXT, its window. */
export function takeSyn(w: Work, seg: Segment): void {
  w.t.irs = seg.seq;
  w.t.rcvNxt = seqAdd(seg.seq, 1);
  w.t.sndWnd = seg.win;
}

/** Our SYN (or SYN-ACK) is out: it occupies ISS, and the RTO runs from rtoInitial. */
export function startHandshake(w: Work): void {
  const t = w.t;
  t.sndNxt = seqAdd(t.iss, 1);
  t.flight = [{ seq: t.iss, len: 0, ctl: 'syn', reason: 'handshake' }];
  t.synAt = w.at;
  t.budgetFrom = w.at;
  t.rto = t.p.rtoInitial;
  arm(w, 'rto', t.rto);
}

/** The handshake completed: both sides synchronized. */
export function established(w: Work, seg: Segment): void {
  const t = w.t;
  t.synchronized = true;
  processAck(w, seg);
  sampleRtt(w);
  if (t.connecting) {
    t.connecting = false;
    result(w, 'connect', 'ok');
  }
  armKeepalive(w);
}

// ── Retransmission ──────────────────────────────────────────────────────────────

/** Whether the retransmission timer gives up now (R11; Linux tcp_write_timeout()). */
export function retriesExhausted(t: Tcb, state: TcpState, at: Micros): boolean {
  const p = t.p;
  if (state === 'SYN-RECEIVED' && t.passive) return t.retransmits >= p.synackRetries;
  const limit =
    state === 'SYN-SENT'
      ? p.synRetries
      : state === 'SYN-RECEIVED'
        ? p.synackRetries
        : t.orphan
          ? p.orphanRetries
          : p.retries2;
  if (p.giveUp === 'count' || t.budgetFrom === null) return t.retransmits >= limit;
  const base = state === 'SYN-SENT' || state === 'SYN-RECEIVED' ? p.rtoInitial : p.rtoMin;
  return at - t.budgetFrom >= retryBudget(limit, base, p.rtoMax);
}

/** Resend the oldest unacknowledged segment and back off (RFC 6298 §5.5-5.6). */
export function retransmit(w: Work, state: TcpState): void {
  const t = w.t;
  const head = t.flight[0];
  w.fx.push({
    type: 'timer',
    timer: state === 'SYN-SENT' ? 'syn' : state === 'SYN-RECEIVED' ? 'synack' : 'retransmit',
  });
  if (!head) return;
  if (t.retransmits === 0 && t.budgetFrom === null) t.budgetFrom = w.at;
  t.retransmits += 1;
  t.synAt = null; // Karn: no round-trip sample from a retransmitted segment
  if (head.ctl === 'syn') transmit(w, 'syn', head.seq, state === 'SYN-SENT' ? null : t.rcvNxt, 0, head.reason, true);
  else transmit(w, head.ctl, head.seq, t.rcvNxt, head.len, head.reason, true);
  const linear = state === 'SYN-SENT' && t.retransmits < t.p.synLinearTimeouts;
  t.rto = linear ? t.rto : Math.min(t.p.rtoMax, t.rto * 2);
  arm(w, 'rto', t.rto);
}

export function timerFired(w: Work, timer: TimerName): void {
  w.fx.push({ type: 'timer', timer });
}
