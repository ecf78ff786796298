/**
 * A captured connection as a Trace, so the lessons' sequence renderer can draw it. Only
 * what a diagram shows is filled in: segments with their flags, numbers and times (relative
 * to the connection's start). `reason` is required by the trace format; for drawing, SYNs
 * are `handshake`, segments with data `data`, resets and FINs the reason the explainer gave.
 */
import { FLAG_ORDER, type Flag, type Reason, type Trace, type TraceSegment } from '../model/trace.ts';
import type { ConnectionReport } from './report.ts';

function drawnReason(flags: readonly string[], len: number, explained: Reason | undefined): Reason {
  if ((flags.includes('RST') || flags.includes('FIN')) && explained !== undefined) return explained;
  if (flags.includes('SYN')) return 'handshake';
  return len > 0 ? 'data' : 'ack';
}

export function connectionTrace(conn: ConnectionReport, hosts: [string, string]): Trace {
  const explained = new Map<number, Reason>();
  for (const end of [...conn.resets, ...conn.fins]) if (end.reason !== 'unknown') explained.set(end.packet, end.reason);
  const [cport, sport] = [Number(/:(\d+)$/.exec(conn.client)?.[1] ?? 0), Number(/:(\d+)$/.exec(conn.server)?.[1] ?? 0)];
  const segments: TraceSegment[] = conn.segments.map((s, i) => {
    const flags = s.flags.filter((f): f is Flag => (FLAG_ORDER as readonly string[]).includes(f));
    return {
      i,
      t: s.dt,
      arrival: s.dt,
      from: hosts[s.from],
      to: hosts[s.from === 0 ? 1 : 0],
      sport: s.from === 0 ? cport : sport,
      dport: s.from === 0 ? sport : cport,
      flags,
      seq: s.seq,
      ack: s.ack,
      len: s.len,
      win: s.win,
      delivered: true,
      reason: drawnReason(s.flags, s.len, explained.get(s.n)),
      ...(s.rtx ? { retransmission: true as const } : {}),
      step: 1,
    };
  });
  return {
    scenario: `connection-${conn.id}`,
    profile: 'linux',
    hosts: [...hosts],
    segments,
    events: [],
    steps: [],
    isn: {},
  };
}
