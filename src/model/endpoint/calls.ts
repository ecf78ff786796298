/**
 * The chart's actions for socket calls: connect, listen, send, recv, setsockopt, close,
 * shutdown and abort. Which one runs in which state is the chart's decision, not theirs.
 */
import { assertEvent } from 'xstate';
import { startHandshake } from '../receive.ts';
import { armKeepalive, finish, pump, queueFin, result, sendAck, sendActiveReset, sendSyn } from '../send.ts';
import { rcvWnd, type Work } from '../tcb.ts';
import type { CallName, CallResult } from '../trace.ts';
import { act } from './act.ts';
import type { EndpointEvent } from './events.ts';

/** The call an event stands for, as the trace names it. */
const CALL_OF = {
  CONNECT: 'connect',
  LISTEN: 'listen',
  SEND: 'send',
  RECV: 'recv',
  CLOSE: 'close',
  SHUTDOWN: 'shutdown',
  ABORT: 'abort',
  LINGER: 'linger',
  KEEPALIVE: 'keepalive',
} as const satisfies Partial<Record<EndpointEvent['type'], CallName>>;

function callOf(event: EndpointEvent): CallName {
  assertEvent(event, Object.keys(CALL_OF) as (keyof typeof CALL_OF)[]);
  return CALL_OF[event.type];
}

/** The application's own close() or abort() returns ok; the kernel closing for a dead process or listener returns nothing. */
function closedByApplication(w: Work, e: EndpointEvent): void {
  assertEvent(e, ['CLOSE', 'ABORT']);
  if (e.reason === undefined) result(w, callOf(e), 'ok');
}

export const calls = {
  /** The call returns at once with this result, and nothing else happens. */
  answer: act<{ result: CallResult }>((w, e, { result: res }) => result(w, callOf(e), res)),
  /** The error a reset or a timeout left behind, handed to the first call that asks (R9). */
  reportError: act((w, e) => {
    if (w.t.soError === null) return;
    result(w, callOf(e), w.t.soError);
    w.t.soError = null;
  }),

  /** connect(): SYN out, a connect() waiting for its outcome (RFC 9293 §3.10.1). */
  openActive: act((w, e) => {
    assertEvent(e, 'CONNECT');
    w.t.user = 'connecting';
    w.t.connectTimeout = e.timeout;
    sendSyn(w);
    startHandshake(w);
  }),
  openPassive: act((w) => result(w, 'listen', 'ok')),

  /** send(): queue the bytes and send what the peer's window allows (RFC 9293 §3.10.2). */
  queueData: act((w, e) => {
    assertEvent(e, 'SEND');
    w.t.sendQueue += e.bytes;
    result(w, 'send', 'ok', e.bytes);
    pump(w);
  }),
  /** recv() takes queued bytes; reopening a nearly closed window is announced (Linux tcp_cleanup_rbuf()). */
  read: act<{ windowUpdate: boolean }>((w, e, { windowUpdate }) => {
    assertEvent(e, 'RECV');
    const t = w.t;
    const n = Math.min(e.bytes ?? t.recvQueue, t.recvQueue);
    const before = rcvWnd(t);
    t.recvQueue -= n;
    result(w, 'recv', 'ok', n);
    if (windowUpdate && before < t.p.rcvBuf / 2 && rcvWnd(t) >= t.p.rcvBuf / 2) sendAck(w);
  }),

  setLinger: act((w, e) => {
    assertEvent(e, 'LINGER');
    w.t.linger = e.timeout;
    result(w, 'linger', 'ok');
  }),
  /** SO_KEEPALIVE: the idle timer starts now where the connection is open (`arm`), else once it is. */
  setKeepalive: act<{ arm: boolean } | undefined>((w, e, params) => {
    assertEvent(e, 'KEEPALIVE');
    w.t.keepalive = e.config;
    w.t.probesOut = 0;
    result(w, 'keepalive', 'ok');
    if (params?.arm === true) armKeepalive(w);
  }),

  /** close() on a socket that is already closed: nothing to do. */
  closeOk: act((w, e) => closedByApplication(w, e)),
  /** The socket is let go without a word on the wire (nothing was ever synchronized, or TIME-WAIT is cut short). */
  closeQuietly: act((w, e) => {
    w.t.user = 'orphan';
    finish(w);
    if (e.type === 'CLOSE' || e.type === 'ABORT') closedByApplication(w, e);
  }),
  /** R7 (R8 for an exiting process): FIN after the queued data; the socket becomes an orphan. */
  closeWithFin: act((w, e) => {
    assertEvent(e, 'CLOSE');
    w.t.user = 'orphan';
    w.t.rdShut = true;
    closedByApplication(w, e);
    queueFin(w, e.reason ?? 'close');
  }),
  /** R5: close() with unread received data resets instead of FIN (RFC 1122 §4.2.2.13; Linux __tcp_close). */
  resetUnread: act((w, e) => {
    w.t.user = 'orphan';
    closedByApplication(w, e);
    sendActiveReset(w, 'close-unread-data');
    finish(w);
  }),
  /** R4: abort discards queued data and resets (RFC 9293 §3.10.5 ABORT; Linux tcp_disconnect). */
  abortReset: act((w, e) => {
    assertEvent(e, ['CLOSE', 'ABORT']);
    w.t.user = 'orphan';
    closedByApplication(w, e);
    sendActiveReset(w, (e.type === 'ABORT' ? e.reason : undefined) ?? 'abort');
    finish(w);
  }),
  /** close() after our FIN is queued or sent: the kernel finishes the close alone. */
  orphan: act((w, e) => {
    w.t.user = 'orphan';
    w.t.rdShut = true;
    closedByApplication(w, e);
  }),

  /** shutdown(write) or (both): FIN after the queued data; reading goes on unless both (R7). */
  shutdownWrite: act((w, e) => {
    assertEvent(e, 'SHUTDOWN');
    if (e.how === 'both') w.t.rdShut = true;
    result(w, 'shutdown', 'ok');
    queueFin(w, 'shutdown');
  }),
  /** shutdown(read) sends nothing (R6); the write side is already shut or cannot be yet. */
  shutdownRead: act((w, e) => {
    assertEvent(e, 'SHUTDOWN');
    if (e.how !== 'write') w.t.rdShut = true;
    result(w, 'shutdown', 'ok');
  }),
};
