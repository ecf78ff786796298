/** How a segment is named on screen: tcpdump's flag letters and Wireshark's relative sequence numbers. */
import type { Flag, Trace, TraceSegment } from '../model/trace.ts';

const LETTER: Record<Flag, string> = { FIN: 'F', SYN: 'S', RST: 'R', PSH: 'P', ACK: '.' };

/** tcpdump's form: `[S]`, `[S.]`, `[R.]`, `[FP.]`; `[none]` when no flag is set. */
export function tcpdumpFlags(flags: readonly Flag[]): string {
  return flags.length === 0 ? '[none]' : `[${flags.map((f) => LETTER[f]).join('')}]`;
}

/** The names joined compactly, e.g. `RST,ACK`. */
export function flagNames(flags: readonly Flag[]): string {
  return flags.join(',');
}

export interface ShownNumbers {
  seq: number;
  ack: number | null;
  /** False where no ISN is known (or for a RST with SEQ=0), so the absolute number is shown. */
  seqRelative: boolean;
  ackRelative: boolean;
}

/**
 * Sequence numbers as Wireshark shows them: seq relative to the sender's ISN, ack relative
 * to the receiver's. A RST answering a segment without ACK carries SEQ=0 (RFC 9293 §3.10.7.1),
 * which is not a position in anyone's sequence space, so it stays 0.
 */
/** The ISN in force for a side of a 4-tuple at time t: the latest one chosen by then. */
function isnAt(trace: Pick<Trace, 'isn'>, key: string, t: number): number | undefined {
  let found: number | undefined;
  for (const entry of trace.isn[key] ?? []) if (entry.t <= t) found = entry.isn;
  return found;
}

export function shownNumbers(trace: Pick<Trace, 'isn'>, seg: TraceSegment): ShownNumbers {
  const senderIsn = isnAt(trace, `${seg.from}:${seg.sport}>${seg.to}:${seg.dport}`, seg.t);
  const receiverIsn = isnAt(trace, `${seg.to}:${seg.dport}>${seg.from}:${seg.sport}`, seg.t);
  const zeroReset = seg.flags.includes('RST') && seg.seq === 0;
  const seqRelative = senderIsn !== undefined && !zeroReset;
  const ackRelative = seg.ack !== null && receiverIsn !== undefined;
  return {
    seq: seqRelative ? (seg.seq - senderIsn) >>> 0 : seg.seq,
    ack: seg.ack === null ? null : ackRelative ? (seg.ack - receiverIsn) >>> 0 : seg.ack,
    seqRelative,
    ackRelative,
  };
}
