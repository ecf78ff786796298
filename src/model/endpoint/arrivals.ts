/**
 * The chart's actions for arriving segments (RFC 9293 §3.10.7). The chart has already decided
 * what kind of arrival it is; these do the arithmetic and say what goes back on the wire.
 */
import { assertEvent } from 'xstate';
import { established, receive, startHandshake, takeSyn } from '../receive.ts';
import { arm, drop, fail, finish, outOfWindowAck, pump, sendAck, sendSynAck } from '../send.ts';
import { resetFor, type Segment } from '../segment.ts';
import type { Errno, Reason } from '../trace.ts';
import { act } from './act.ts';
import type { EndpointEvent } from './events.ts';

function segOf(event: EndpointEvent): Segment {
  assertEvent(event, 'SEGMENT');
  return event.seg;
}

export const arrivals = {
  /** LISTEN: a SYN makes a connection; answer SYN-ACK (RFC 9293 §3.10.7.2). */
  takeSyn: act((w, e) => {
    takeSyn(w, segOf(e));
    sendSynAck(w);
    startHandshake(w);
  }),
  /** SYN-SENT: the SYN-ACK for our SYN; ACK it and send what waits (§3.10.7.3). */
  completeActiveOpen: act((w, e) => {
    const s = segOf(e);
    takeSyn(w, s);
    established(w, s);
    sendAck(w, 'handshake');
    pump(w);
  }),
  /** SYN-SENT: a bare SYN crossed ours (simultaneous open, §3.10.7.3). */
  simultaneousOpen: act((w, e) => {
    takeSyn(w, segOf(e));
    sendSynAck(w);
  }),
  /** SYN-RECEIVED: the handshake's ACK; take whatever it carries. */
  completePassiveOpen: act((w, e) => {
    const s = segOf(e);
    established(w, s);
    receive(w, s);
  }),
  resendSynAck: act((w) => sendSynAck(w, true)),
  /** An acceptable segment: its ACK, data and FIN (§3.10.7.4, fifth to eighth checks). */
  receive: act((w, e) => receive(w, segOf(e))),

  /** R15, R2: an ACK for something never sent is answered <SEQ=SEG.ACK><CTL=RST>; SYN-SENT retries its SYN soon. */
  resetBadAck: act<{ reason: Reason; retry?: boolean }>((w, e, { reason, retry }) => {
    const out = resetFor(segOf(e), reason);
    if (out) w.fx.push({ type: 'segment', out });
    const soon = w.t.p.synSentBadAckRetry;
    if (retry === true && soon !== null && w.t.retransmits === 0) arm(w, 'rto', soon);
  }),
  /** R9: a RST acknowledging our SYN: the connection is refused. */
  refused: act((w) => {
    fail(w, 'ECONNREFUSED');
    finish(w);
  }),
  /**
   * R9: a valid RST ends the connection; the application hears `report` once (Linux tcp_reset()
   * picks it by state; the profile says what CLOSE-WAIT reports).
   */
  resetByPeer: act<{ report: Errno | 'profile' }>((w, _e, { report }) => {
    const t = w.t;
    if (!t.p.resetKeepsReceivedData) t.recvQueue = 0;
    fail(w, report === 'profile' ? t.p.resetInCloseWait : report);
    finish(w);
  }),
  /** R6: new data for a socket nobody will read again: RST, and the connection is gone. */
  resetDataAfterClose: act((w, e) => {
    const out = resetFor(segOf(e), 'data-after-close');
    if (out) w.fx.push({ type: 'segment', out });
    fail(w, 'ECONNRESET');
    finish(w);
  }),

  /** RFC 5961 §3.2 and §4.2: answer a suspicious RST or SYN with an ACK that shows where we are. */
  challengeAck: act((w, e) => outOfWindowAck(w, segOf(e), 'challenge-ack', true)),
  /** RFC 9293 §3.10.7.4: an unacceptable segment gets an ACK and is dropped. */
  ackUnacceptable: act((w, e) => {
    outOfWindowAck(w, segOf(e), 'ack', false);
    drop(w, 'not-acceptable');
  }),
  /** R13: TIME-WAIT answers with an ACK carrying its old numbers, never with RST. */
  timeWaitAck: act((w, e) => {
    const s = segOf(e);
    outOfWindowAck(w, s, s.ctl === 'syn' ? w.t.p.timeWaitSynReply : 'time-wait-ack', false);
  }),
  /** A RST outside the window is dropped without a word (RFC 5961 §3.2). */
  dropOutOfWindow: act((w) => drop(w, 'out-of-window')),
  /** R3: a RST is never answered. */
  dropRst: act((w) => drop(w, 'rst-no-reply')),
  dropSilently: act((w) => drop(w, 'not-acceptable')),
};
