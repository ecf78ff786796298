/** The trace: what a simulation produced (Contract 2 of DESIGN.md). */
import type { BeliefId } from './beliefs.ts';
import type { TcpState } from './states.ts';

/** Header flag names, in header-bit order. */
export const FLAG_ORDER = ['FIN', 'SYN', 'RST', 'PSH', 'ACK'] as const;
export type Flag = (typeof FLAG_ORDER)[number];

/** What an application call can return. */
// prettier-ignore
export const RESULTS = [
  // success, end of stream, "try again": the call did not fail
  'ok', 'eof', 'EAGAIN',
  // the connection's fate (DESIGN.md Contract 2)
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN',
  // misuse of a socket
  'EADDRINUSE', 'EISCONN', 'EINVAL', 'EBADF',
] as const;
export type CallResult = (typeof RESULTS)[number];
export type Errno = Exclude<CallResult, 'ok' | 'eof'>;

// prettier-ignore
export const CALLS = [
  'bind', 'listen', 'connect', 'accept', 'send', 'recv', 'close', 'shutdown', 'abort',
  // setsockopt
  'linger', 'keepalive',
] as const;
export type CallName = (typeof CALLS)[number];

export const TIMERS = ['syn', 'synack', 'retransmit', 'keepalive', 'fin-wait-2', 'time-wait', 'connect'] as const;
export type TimerName = (typeof TIMERS)[number];

// prettier-ignore
export const DROP_WHY = [
  // lost on the wire, or by a host that is down
  'partition', 'host-down', 'drop-next',
  // discarded by the receiving TCP
  'accept-queue-full', 'out-of-window', 'rst-no-reply', 'not-acceptable', 'rate-limited',
] as const;
export type DropWhy = (typeof DROP_WHY)[number];

/** Reason ids: the rule that produced a segment (see catalogue.ts). */
// prettier-ignore
export const REASONS = [
  // RST
  'no-listener', 'no-connection', 'bad-ack', 'abort', 'close-unread-data', 'data-after-close',
  'keepalive-expired', 'accept-queue-overflow', 'listener-closed',
  // FIN
  'close', 'shutdown', 'exit', 'power-off',
  // others
  'handshake', 'data', 'ack', 'keepalive-probe', 'time-wait-ack', 'challenge-ack', 'forged',
] as const;
export type Reason = (typeof REASONS)[number];

export interface TraceSegment {
  /** Index in `segments`, 0-based. */
  i: number;
  /** Seconds since the start, when the segment left its host. */
  t: number;
  /** Seconds since the start, when it reached (or would have reached) the other host. */
  arrival: number;
  from: string;
  to: string;
  sport: number;
  dport: number;
  flags: Flag[];
  seq: number;
  ack: number | null;
  len: number;
  /** Advertised receive window. */
  win: number;
  delivered: boolean;
  reason: Reason;
  retransmission?: true;
  /** The 1-based scenario step during which the segment was sent. */
  step: number;
}

interface EventBase {
  t: number;
  host: string;
  /** The socket's scenario name ("80", "80#1", "40000" or its `as` name); absent for host events. */
  socket?: string;
  /** The 1-based scenario step during which the event happened. */
  step: number;
}
export type TraceEvent =
  | (EventBase & { kind: 'state'; from: TcpState; to: TcpState })
  | (EventBase & { kind: 'call'; call: CallName; result: CallResult; bytes?: number })
  | (EventBase & { kind: 'error'; errno: Errno })
  | (EventBase & { kind: 'timer'; timer: TimerName })
  | (EventBase & { kind: 'drop'; why: DropWhy; segment: number })
  | (EventBase & { kind: 'host'; what: 'crash' | 'reboot' | 'power-off' | 'exit' | 'up' });

export interface TraceStep {
  /** 1-based, as exercises refer to steps. */
  index: number;
  label?: string;
  /** Seconds: when the step ran. */
  t: number;
  /** The step as written, e.g. "client: connect server:80". */
  text: string;
  /** Index of the first segment / event produced by this step. */
  firstSegment: number;
  firstEvent: number;
}

export interface Trace {
  scenario: string;
  profile: ProfileName;
  hosts: string[];
  segments: TraceSegment[];
  events: TraceEvent[];
  steps: TraceStep[];
  /**
   * Each side's initial sequence numbers, for relative sequence numbers, keyed
   * "host:port>peer:port"; a 4-tuple used again gets another entry, from time `t` (seconds) on.
   */
  isn: Record<string, { t: number; isn: number }[]>;
  /** Present when the trace is what a misconception predicts (beliefs.ts), not what TCP does. */
  belief?: BeliefId;
}

export type ProfileName = 'linux' | 'rfc9293';
