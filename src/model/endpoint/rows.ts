/** Rows of the table that several states share, each named for what it decides. */
import type { RetryPhase } from '../retransmit.ts';
import { answer, exhausted } from './setup.ts';

/** RFC 9293 §3.10.7.4 checks one to five with RFC 5961, the same in every synchronized state. */
export const synchronizedChecks = [
  { guard: 'rstExact', target: 'CLOSED', actions: { type: 'resetByPeer', params: { report: 'ECONNRESET' } } },
  { guard: 'rstInWindow', actions: 'challengeAck' }, // RFC 5961 §3.2
  { guard: 'isRst', actions: 'dropOutOfWindow' }, // RFC 5961 §3.2
  { guard: 'isSyn', actions: 'challengeAck' }, // RFC 5961 §4.2
  { guard: 'unacceptable', actions: 'ackUnacceptable' }, // §3.10.7.4 first check
  { guard: 'noAck', actions: 'dropSilently' }, // §3.10.7.4 fifth check: no ACK, drop
  { guard: 'ackTooNew', actions: 'ackUnacceptable' }, // §3.10.7.4 fifth check: ACK of unsent data
] as const;

/** The retransmission timer: resend, or give up once the phase's budget is spent (R11). */
export const retransmitOrGiveUp = (phase: RetryPhase) =>
  [
    { guard: exhausted(phase), target: 'CLOSED', actions: { type: 'giveUp', params: { phase } } },
    { actions: { type: 'retransmit', params: { phase } } },
  ] as const;

/** Keepalive (RFC 1122 §4.2.3.6): wait while data is in flight, probe, or give up (R12). */
export const keepaliveTimer = [
  { guard: 'dataInFlight', actions: 'keepaliveRearm' },
  { guard: 'keepaliveExhausted', target: 'CLOSED', actions: 'keepaliveGiveUp' },
  { actions: 'keepaliveProbe' },
] as const;

/** close() where our FIN has not been asked for: reset if data is unread (R5) or linger is 0 (R4), else FIN (R7). */
export const closeOrReset = (next: 'FIN-WAIT-1' | 'LAST-ACK') =>
  [
    { guard: 'unread', target: 'CLOSED', actions: 'resetUnread' },
    { guard: 'lingerZero', target: 'CLOSED', actions: 'abortReset' },
    { target: next, actions: 'closeWithFin' },
  ] as const;
/** abort: the unread-data reset still comes first (Linux __tcp_close checks it before SO_LINGER). */
export const abortOrReset = [
  { guard: 'unread', target: 'CLOSED', actions: 'resetUnread' },
  { target: 'CLOSED', actions: 'abortReset' },
] as const;
/** close() after shutdown(write): the FIN is already queued or sent; the socket becomes an orphan. */
export const closeOrOrphan = [
  { guard: 'unread', target: 'CLOSED', actions: 'resetUnread' },
  { guard: 'lingerZero', target: 'CLOSED', actions: 'abortReset' },
  { actions: 'orphan' },
] as const;

/** recv() where the peer may still send: read, end of stream after shutdown(read), or nothing yet. */
export const recvOpen = [
  { guard: 'dataQueued', actions: { type: 'read', params: { windowUpdate: true } } },
  { guard: 'readEnded', actions: answer('eof') },
  { actions: answer('EAGAIN') },
] as const;
/** recv() after the peer's FIN: what is queued, then end of stream. */
export const recvAfterFin = [
  { guard: 'dataQueued', actions: { type: 'read', params: { windowUpdate: false } } },
  { actions: answer('eof') },
] as const;
