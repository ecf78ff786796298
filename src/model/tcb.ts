/**
 * The transmission control block (RFC 9293 §3.3.1) and the questions the chart asks of it.
 * The chart (endpoint/chart.ts) decides which state comes next; the TCB holds the numbers, and
 * send.ts, receive.ts and retransmit.ts work out what a transition does to them.
 */
import type { Effect } from './endpoint/events.ts';
import type { KeepaliveConfig, Profile } from './profiles.ts';
import type { Micros } from './scenario.ts';
import { segLength, type Control, type Segment } from './segment.ts';
import { seqAdd, seqDiff, seqInWindow, seqLe, seqLt } from './seq.ts';
import type { Errno, Reason } from './trace.ts';

/** A segment sent and not yet acknowledged: what the retransmission timer resends. */
export interface InFlight {
  seq: number;
  len: number;
  ctl: Control;
  reason: Reason;
}

export interface Tcb {
  p: Profile;
  /** By connect() (active), or made by a listener for an incoming SYN (passive). */
  opened: 'active' | 'passive';
  iss: number;
  irs: number;
  sndUna: number;
  sndNxt: number;
  sndWnd: number;
  rcvNxt: number;
  /** Bytes the application wrote that have not been sent yet. */
  sendQueue: number;
  /** Sent and not yet acknowledged, oldest first; the retransmission timer runs while it is not empty. */
  flight: readonly InFlight[];
  /** Our FIN: not asked for; waiting behind queued data (close or shutdown(write)); sent; acknowledged. */
  fin: 'none' | 'queued' | 'sent' | 'acked';
  finReason: Reason;
  /** Bytes received and not yet read by the application. */
  recvQueue: number;
  /** The peer's FIN arrived: after the queued bytes, recv() reads end of stream. */
  peerFin: boolean;
  /** shutdown(read) or close(): the application reads no more. */
  rdShut: boolean;
  /**
   * Who the socket answers to: its listener (a passive open still in the handshake, which no
   * application can see yet), a connect() waiting for its outcome, the application (which hears of
   * errors on its next call), or nobody — an orphan after close(), exit or its own connect timeout.
   */
  user: 'listener' | 'connecting' | 'application' | 'orphan';
  /** Where the connection is in its life: never synchronized; synchronized once; ended by reset, timeout or abort. */
  life: 'new' | 'synchronized' | 'ended';
  linger: Micros | null;
  keepalive: KeepaliveConfig | null;
  probesOut: number;
  /** RTO from the last round-trip sample; `rto` is it with backoff applied. */
  rtoBase: Micros;
  rto: Micros;
  retransmits: number;
  /** When the give-up budget started: the first SYN, or the first data retransmission. */
  budgetFrom: Micros | null;
  /** When our SYN (or SYN-ACK) left, for the first round-trip sample. */
  synAt: Micros | null;
  /** An error waiting for the application's next call (Linux sk_err); only ever set in CLOSED. */
  soError: Errno | null;
  connectTimeout: Micros | null;
  /** When this socket last answered an out-of-window segment (Linux last_oow_ack_time). */
  lastOowAck: Micros | null;
  /** The effects of the transition that made this TCB, in order (see endpoint/events.ts `act`). */
  out: readonly Effect[];
}

/**
 * The chart's context: the TCB behind one key. XState merges an `assign` into a copy of the
 * context key by key, so a one-key context makes that copy cheap; the TCB itself is copied once,
 * by `begin`.
 */
export interface EndpointContext {
  readonly tcb: Tcb;
}

export interface EndpointInput {
  profile: Profile;
  iss: number;
  passive?: boolean;
}

export function newTcb(input: EndpointInput): Tcb {
  const p = input.profile;
  const iss = input.iss >>> 0;
  return {
    p,
    opened: input.passive === true ? 'passive' : 'active',
    iss,
    irs: 0,
    sndUna: iss,
    sndNxt: iss,
    sndWnd: 0,
    rcvNxt: 0,
    sendQueue: 0,
    flight: [],
    fin: 'none',
    finReason: 'close',
    recvQueue: 0,
    peerFin: false,
    rdShut: false,
    user: input.passive === true ? 'listener' : 'application',
    life: 'new',
    linger: null,
    keepalive: p.keepaliveByDefault ? p.keepalive : null,
    probesOut: 0,
    rtoBase: p.rtoInitial,
    rto: p.rtoInitial,
    retransmits: 0,
    budgetFrom: null,
    synAt: null,
    soError: null,
    connectTimeout: null,
    lastOowAck: null,
    out: [],
  };
}

/** A transition's work: a private copy of the TCB to change, the effects in order, and the time. */
export interface Work {
  t: Tcb;
  fx: Effect[];
  at: Micros;
}

export function begin(tcb: Tcb, at: Micros): Work {
  return { t: { ...tcb }, fx: [], at };
}

// ── Questions about the TCB ─────────────────────────────────────────────────────

export function rcvWnd(t: Tcb): number {
  return Math.max(0, t.p.rcvBuf - t.recvQueue);
}

export function inFlightBytes(t: Tcb): number {
  return seqDiff(t.sndNxt, t.sndUna);
}

export function finSent(t: Tcb): boolean {
  return t.fin === 'sent' || t.fin === 'acked';
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
  return finSent(t) && seg.ack !== null && seg.ack === t.sndNxt && t.sendQueue === 0;
}

/** Does this segment carry the peer's FIN as the next thing in sequence? */
export function finIsNext(t: Tcb, seg: Segment): boolean {
  return seg.ctl === 'fin' && !t.peerFin && seqLe(seg.seq, t.rcvNxt) && seqLe(t.rcvNxt, seqAdd(seg.seq, seg.len));
}

/** Payload beyond RCV.NXT: data the application has not seen yet. */
export function carriesNewData(t: Tcb, seg: Segment): boolean {
  return seg.len > 0 && seqLt(t.rcvNxt, seqAdd(seg.seq, seg.len));
}
