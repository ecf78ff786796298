/**
 * The chart's guards, by name: each asks one question of the arriving segment or call and the
 * TCB. A guard given the wrong event throws (assertEvent): the chart wires each to its events.
 */
import { assertEvent } from 'xstate';
import type { Segment } from '../segment.ts';
import { retriesExhausted, type RetryPhase } from '../retransmit.ts';
import * as tcb from '../tcb.ts';
import type { EndpointContext, Tcb } from '../tcb.ts';
import { at, type EndpointEvent } from './events.ts';

interface Args {
  context: EndpointContext;
  event: EndpointEvent;
}

function segOf(event: EndpointEvent): Segment {
  assertEvent(event, 'SEGMENT');
  return event.seg;
}

/** A guard on the arriving segment: `test(tcb, segment)`. */
function onSegment(test: (t: Tcb, seg: Segment) => boolean) {
  return ({ context, event }: Args) => test(context.tcb, segOf(event));
}

/** A guard on the TCB alone. */
function onTcb(test: (t: Tcb) => boolean) {
  return ({ context }: Args) => test(context.tcb);
}

export const guards = {
  // ── the arriving segment's control bits ──
  isRst: onSegment((_, s) => s.ctl === 'rst'),
  isSyn: onSegment((_, s) => s.ctl === 'syn'),
  isFin: onSegment((_, s) => s.ctl === 'fin'),
  hasAck: onSegment((_, s) => s.ack !== null),
  noAck: onSegment((_, s) => s.ack === null),

  // ── RFC 9293 §3.10.7.4 and RFC 5961 ──
  /** RFC 5961 §3.2: only a RST at exactly RCV.NXT resets a synchronized connection. */
  rstExact: onSegment(tcb.rstExact),
  /** RFC 5961 §3.2: a RST elsewhere in the window is challenged, not believed. */
  rstInWindow: onSegment(tcb.rstInWindow),
  /** RFC 9293 §3.10.7.4 first check: the sequence space lies outside the receive window. */
  unacceptable: onSegment((t, s) => !tcb.acceptable(t, s)),
  /** RFC 9293 §3.10.7.4 fifth check: SEG.ACK > SND.NXT acknowledges something never sent. */
  ackTooNew: onSegment(tcb.ackTooNew),
  /** SND.UNA < SEG.ACK =< SND.NXT: news for the sender (ends SYN-RECEIVED, §3.10.7.4). */
  ackAdvances: onSegment(tcb.ackAdvances),
  /** The handshake's ACK arrives carrying the peer's FIN: straight to CLOSE-WAIT. */
  handshakeAckWithFin: onSegment((t, s) => tcb.ackAdvances(t, s) && tcb.finIsNext(t, s)),
  /** The peer's SYN again, same ISN: its SYN-ACK was lost (RFC 9293 §3.10.7.4). */
  duplicateSyn: onSegment((t, s) => s.ctl === 'syn' && s.seq === t.irs),

  // ── SYN-SENT, RFC 9293 §3.10.7.3 ──
  /** SEG.ACK =< ISS or > SND.NXT: it acknowledges something we never sent (R15). */
  synSentAckBad: onSegment(tcb.synSentAckBad),
  /** A RST is acceptable in SYN-SENT only if it acknowledges our SYN. */
  synSentRstAcceptable: onSegment((t, s) => s.ctl === 'rst' && s.ack === t.sndNxt),
  /** The SYN-ACK we wait for: a SYN acknowledging ours. */
  synAckGood: onSegment((t, s) => s.ctl === 'syn' && s.ack === t.sndNxt),

  // ── FIN ──
  /** The peer's FIN is the next thing in sequence (§3.10.7.4 eighth check). */
  finIsNext: onSegment(tcb.finIsNext),
  /** The segment acknowledges our FIN. */
  finAcked: onSegment(tcb.acksOurFin),
  /** Both at once: our FIN acknowledged and theirs arriving (FIN-WAIT-1 straight to TIME-WAIT). */
  finAckedAndFinIsNext: onSegment((t, s) => tcb.acksOurFin(t, s) && tcb.finIsNext(t, s)),
  /** R6: new data after close() or shutdown(both) (RFC 2525 §2.16; Linux tcp_rcv_state_process). */
  dataAfterClose: onSegment((t, s) => t.rdShut && t.fin !== 'none' && tcb.carriesNewData(t, s)),
  /** TIME-WAIT: an in-order bare ACK only refreshes the timer (Linux tcp_timewait_state_process). */
  bareAckInOrder: onSegment((t, s) => s.ctl === 'none' && s.len === 0 && s.seq === t.rcvNxt),

  // ── the socket and its application ──
  /** Received data waiting for recv(). */
  dataQueued: onTcb((t) => t.recvQueue > 0),
  /** R5: close() with received data unread resets (truths.ts closeMayReset). */
  unread: onTcb((t) => t.recvQueue > 0 && t.p.closeMayReset),
  /** R4: SO_LINGER {on, 0} makes close() an abort (truths.ts closeMayReset). */
  lingerZero: onTcb((t) => t.linger === 0 && t.p.closeMayReset),
  /** A socket opens once: connect() or listen() on a used socket fails (EISCONN, EINVAL). */
  fresh: onTcb((t) => t.life === 'new'),
  /** An error set by a reset or a timeout waits for the application's next call (R9). */
  errorPending: onTcb((t) => t.soError !== null),
  /** The peer's FIN arrived: once its data is read, recv() returns end of stream. */
  peerFinReceived: onTcb((t) => t.peerFin),
  /** shutdown(read), or a connection that ended: recv() returns end of stream. */
  readEnded: onTcb((t) => t.rdShut || t.life === 'ended'),
  /** shutdown(write) or shutdown(both): the write side sends FIN. */
  writeSide: ({ event }: Args) => {
    assertEvent(event, 'SHUTDOWN');
    return event.how !== 'read';
  },

  // ── timers ──
  /** The retransmission budget of this phase is spent (R11; Linux tcp_write_timeout()). */
  retriesExhausted: ({ context, event }: Args, params: { phase: RetryPhase }) =>
    retriesExhausted(context.tcb, params.phase, at(event)),
  /** Keepalive waits while data is in flight: the retransmission timer watches the peer then. */
  dataInFlight: onTcb((t) => t.flight.length > 0),
  /** Every probe went unanswered (RFC 1122 §4.2.3.6; Linux tcp_keepalive_timer). */
  keepaliveExhausted: onTcb((t) => t.keepalive !== null && t.probesOut >= t.keepalive.count),
};
