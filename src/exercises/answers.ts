/**
 * What a question's answer is in a given trace. Pure and TCP-free: it only reads what the
 * model produced (segments, calls, states), so the same reader gives the real answer and the
 * answer each belief predicts. What each kind asks at `at` is defined here and in README.
 */
import type { TcpState, Trace, TraceEvent, TraceSegment } from '../model/index.ts';
import { flagSet, NOTHING, segmentClass } from './kinds.ts';
import type { ChoiceQuestion } from './types.ts';

/** An answer and the segment that decided it (null when no segment did: nothing sent, a silent timer). */
export type Reading =
  | {
      ok: true;
      answer: string;
      evidence: TraceSegment | null;
      /** The socket the answer is about (state, result), and the call (result). */
      socket?: string;
      call?: string;
    }
  | { ok: false; why: string };

type CallEvent = Extract<TraceEvent, { kind: 'call' }>;

export function readAnswer(trace: Trace, q: ChoiceQuestion): Reading {
  const last = trace.steps.length;
  const inWindow = (step: number, until: number) => step > q.at && step <= until;
  switch (q.ask) {
    case 'next-segment': {
      const until = q.until ?? last;
      const seg = sentBy(trace, q.host).find((s) => inWindow(s.step, until));
      if (seg === undefined) return { ok: true, answer: NOTHING, evidence: null };
      return {
        ok: true,
        answer: q.detail === 'flags' ? flagSet(seg.flags) : segmentClass(seg.flags, seg.len),
        evidence: seg,
      };
    }
    case 'reason': {
      const until = q.until ?? last;
      const flag = q.of === 'fin' ? 'FIN' : 'RST';
      const seg = sentBy(trace, q.host).find(
        (s) => inWindow(s.step, until) && s.flags.includes(flag) && !(flag === 'FIN' && s.flags.includes('RST')),
      );
      if (seg === undefined) return { ok: false, why: `${q.host} sends no ${flag} after step ${q.at}` };
      return { ok: true, answer: seg.reason, evidence: seg };
    }
    case 'result': {
      const until = q.until ?? last;
      const call = trace.events.find(
        (e): e is CallEvent =>
          e.kind === 'call' &&
          e.host === q.host &&
          inWindow(e.step, until) &&
          (q.socket === undefined || e.socket === q.socket) &&
          (q.call === undefined || e.call === q.call),
      );
      if (call === undefined) return { ok: false, why: `${q.host} makes no ${q.call ?? 'call'} after step ${q.at}` };
      return {
        ok: true,
        answer: call.result,
        evidence: resultEvidence(trace, call),
        call: call.call,
        ...(call.socket === undefined ? {} : { socket: call.socket }),
      };
    }
    case 'state': {
      const until = q.until ?? q.at + 1;
      const socket = q.socket ?? connectionSocket(trace, q.host, until);
      if (typeof socket !== 'string') return { ok: false, why: socket.why };
      const evidence =
        trace.segments
          .filter(
            (s) =>
              inWindow(s.step, until) &&
              s.reason !== 'forged' &&
              (s.from === q.host || (s.to === q.host && s.delivered)) &&
              (s.flags.includes('RST') || s.flags.includes('FIN')),
          )
          .at(-1) ?? null;
      return { ok: true, answer: stateAfter(trace, q.host, socket, until), evidence, socket };
    }
  }
}

/** Segments the host itself sent, in order (forged ones are a third party's, whatever `from` says). */
export function sentBy(trace: Trace, host: string): TraceSegment[] {
  return trace.segments.filter((s) => s.from === host && s.reason !== 'forged');
}

/** The segment behind a call's result: the RST that reset it, the FIN that ended the stream, the host's own keepalive RST. */
function resultEvidence(trace: Trace, call: CallEvent): TraceSegment | null {
  const before = trace.segments.filter((s) => s.step <= call.step && s.arrival <= call.t);
  const received = (flag: 'RST' | 'FIN') =>
    before
      .filter(
        (s) =>
          s.to === call.host && s.delivered && s.flags.includes(flag) && (flag === 'RST' || !s.flags.includes('RST')),
      )
      .at(-1) ?? null;
  switch (call.result) {
    case 'ECONNRESET':
    case 'ECONNREFUSED':
    case 'EPIPE':
      // A socket that refused data after shutdown(both) reset the connection itself.
      return received('RST') ?? before.filter((s) => s.from === call.host && s.flags.includes('RST')).at(-1) ?? null;
    case 'eof':
      return received('FIN');
    case 'ETIMEDOUT':
      return before.filter((s) => s.from === call.host && s.reason === 'keepalive-expired').at(-1) ?? null;
    default:
      return null;
  }
}

/** The socket's state once step `until` has run: its last state change, or CLOSED when its host crashed since. */
export function stateAfter(trace: Trace, host: string, socket: string, until: number): TcpState {
  let state: TcpState = 'CLOSED';
  for (const e of trace.events) {
    if (e.step > until || e.host !== host) continue;
    if (e.kind === 'state' && e.socket === socket) state = e.to;
    else if (e.kind === 'host' && (e.what === 'crash' || e.what === 'reboot')) state = 'CLOSED';
  }
  return state;
}

/** Sockets of the host that ever did more than listen, up to step `until`, in the order they appeared. */
export function connectionSockets(trace: Trace, host: string, until: number): string[] {
  const listeners = new Set<string>();
  const sockets: string[] = [];
  for (const e of trace.events) {
    if (e.kind !== 'state' || e.host !== host || e.step > until || e.socket === undefined) continue;
    if (e.to === 'LISTEN' || (e.from === 'LISTEN' && e.to === 'CLOSED')) listeners.add(e.socket);
    else if (!sockets.includes(e.socket)) sockets.push(e.socket);
  }
  return sockets.filter((s) => !listeners.has(s));
}

/** The host's one connection socket, or why there is not exactly one. */
export function connectionSocket(trace: Trace, host: string, until: number): string | { why: string } {
  const sockets = connectionSockets(trace, host, until);
  if (sockets.length === 1 && sockets[0] !== undefined) return sockets[0];
  if (sockets.length === 0) return { why: `${host} has no connection socket by step ${until}` };
  return { why: `${host} has several connection sockets (${sockets.join(', ')}) — name one with 'socket:'` };
}
