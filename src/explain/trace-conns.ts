/**
 * A simulated trace read back as a capture: its segments go through the same tracker as a
 * capture's packets, so the explainer compares like with like.
 */
import { FLAG_ORDER, type Reason, type Trace } from '../model/trace.ts';
import type { Packet } from './packet.ts';
import type { Conn, Seg } from './conn.ts';
import { Tracker } from './track.ts';

export interface TraceConns {
  conns: Conn[];
  /** The model's reason for a segment of one of these connections. */
  reasonOf: (seg: Seg) => Reason | undefined;
}

export function traceConnections(trace: Trace): TraceConns {
  const conns: Conn[] = [];
  const tracker = new Tracker((conn) => conns.push(conn));
  for (const seg of trace.segments) {
    const flags = seg.flags.reduce((bits, flag) => bits | (1 << FLAG_ORDER.indexOf(flag)), 0);
    const packet: Packet = {
      n: seg.i + 1,
      ts: seg.t,
      src: seg.from,
      dst: seg.to,
      sport: seg.sport,
      dport: seg.dport,
      flags,
      seq: seg.seq,
      ack: seg.flags.includes('ACK') ? seg.ack : null,
      len: seg.len,
      win: seg.win,
      wscale: null,
    };
    tracker.add(packet);
  }
  tracker.flush();
  conns.sort((a, b) => a.id - b.id);
  return { conns, reasonOf: (seg) => trace.segments[seg.n - 1]?.reason };
}
