/**
 * What a socket holds when the player stops (the second hint): its state, bytes received but
 * not yet read, bytes written but not yet acknowledged, FIN sent or received. Read from the
 * trace alone: the socket's own ACK numbers say what it received, its peer's what it delivered.
 */
import type { TcpState, Trace, TraceSegment } from '../model/index.ts';
import { connectionSocket, stateAfter } from './answers.ts';

export interface Holdings {
  socket: string;
  state: TcpState;
  /** Received and acknowledged, not yet read by the application. */
  unread: number;
  /** Written by the application, not yet acknowledged by the peer. */
  queued: number;
  finSent: boolean;
  finReceived: boolean;
}

interface Tuple {
  local: number;
  remote: number;
  /** Index of the segment that opened this incarnation (the host's SYN or SYN-ACK). */
  from: number;
}

const diff = (a: number, b: number): number => (a - b) >>> 0;

/** The ports of a socket, from the SYN or SYN-ACK it sent as it entered SYN-SENT or SYN-RECEIVED. */
function tupleOf(trace: Trace, host: string, socket: string, until: number): Tuple | null {
  let tuple: Tuple | null = null;
  for (const e of trace.events) {
    if (e.step > until) break;
    if (e.kind !== 'state' || e.host !== host || e.socket !== socket) continue;
    if (e.to !== 'SYN-SENT' && e.to !== 'SYN-RECEIVED') continue;
    const wantAck = e.to === 'SYN-RECEIVED';
    const seg = trace.segments.find(
      (s) =>
        s.from === host &&
        s.t === e.t &&
        s.flags.includes('SYN') &&
        s.flags.includes('ACK') === wantAck &&
        s.reason !== 'forged',
    );
    if (seg !== undefined) tuple = { local: seg.sport, remote: seg.dport, from: seg.i };
  }
  return tuple;
}

/** The host's socket on the connection of `seg` (a segment it sent or received), if the trace shows one. */
export function socketOfSegment(trace: Trace, host: string, seg: TraceSegment): string | null {
  const local = seg.from === host ? seg.sport : seg.dport;
  const remote = seg.from === host ? seg.dport : seg.sport;
  const names = new Set<string>();
  for (const e of trace.events)
    if (e.kind === 'state' && e.host === host && e.socket !== undefined) names.add(e.socket);
  for (const name of names) {
    const tuple = tupleOf(trace, host, name, seg.step);
    if (tuple !== null && tuple.local === local && tuple.remote === remote) return name;
  }
  return null;
}

/** What the socket holds once step `at` has run; null when the trace shows no connection for it. */
export function holdingsAt(trace: Trace, host: string, socket: string, at: number): Holdings | null {
  const tuple = tupleOf(trace, host, socket, at);
  const state = stateAfter(trace, host, socket, at);
  if (tuple === null) return null;
  const segs = trace.segments.filter(
    (s) =>
      s.i >= tuple.from &&
      s.step <= at &&
      s.reason !== 'forged' &&
      ((s.from === host && s.sport === tuple.local && s.dport === tuple.remote) ||
        (s.to === host && s.dport === tuple.local && s.sport === tuple.remote)),
  );
  const mine = segs.filter((s) => s.from === host);
  const theirs = segs.filter((s) => s.to === host && s.delivered);
  const myIsn = mine.find((s) => s.flags.includes('SYN'))?.seq;
  // The host's first acknowledgement carries the peer's ISN + 1: bytes received count from there.
  const firstAck = mine.find((s) => s.ack !== null && s.flags.includes('ACK'))?.ack ?? null;
  const finSent = mine.some((s) => s.flags.includes('FIN'));
  const finReceived = theirs.some((s) => s.flags.includes('FIN'));
  const maxAck = (list: TraceSegment[], from: number | null) =>
    from === null
      ? 0
      : Math.max(
          0,
          ...list.filter((s) => s.ack !== null && s.flags.includes('ACK')).map((s) => diff(s.ack ?? 0, from)),
        );
  const received = Math.max(0, maxAck(mine, firstAck) - (finReceived ? 1 : 0));
  const calls = trace.events.filter((e) => e.kind === 'call' && e.host === host && e.socket === socket && e.step <= at);
  const total = (call: 'recv' | 'send') =>
    calls.reduce((n, e) => n + (e.kind === 'call' && e.call === call && e.result === 'ok' ? (e.bytes ?? 0) : 0), 0);
  const written = total('send');
  const delivered = Math.min(
    written,
    maxAck(
      theirs.filter((s) => !s.flags.includes('RST')),
      myIsn === undefined ? null : (myIsn + 1) >>> 0,
    ),
  );
  return {
    socket,
    state,
    unread: Math.max(0, received - total('recv')),
    queued: Math.max(0, written - delivered),
    finSent,
    finReceived,
  };
}

/** The socket a hint is about: the one named, the one on the deciding segment, or the host's only one. */
export function hintSocket(
  trace: Trace,
  host: string,
  named: string | undefined,
  evidence: TraceSegment | null,
  at: number,
): string | null {
  if (named !== undefined) return named;
  if (evidence !== null && (evidence.from === host || evidence.to === host)) {
    const found = socketOfSegment(trace, host, evidence);
    if (found !== null) return found;
  }
  const only = connectionSocket(trace, host, at);
  return typeof only === 'string' ? only : null;
}
