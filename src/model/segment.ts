/**
 * Segments as the model handles them. As in smoltcp, the control field is one value,
 * not a soup of flag bits: a segment is a SYN, a FIN, a RST or none of those,
 * and the acknowledgement is a number or absent.
 */
import type { Flag, Reason } from './trace.ts';

export type Control = 'none' | 'syn' | 'fin' | 'rst';

export interface Segment {
  sport: number;
  dport: number;
  ctl: Control;
  seq: number;
  /** SEG.ACK when the ACK bit is set. */
  ack: number | null;
  /** Payload bytes (the model carries counts, not contents). */
  len: number;
  win: number;
}

/** What an endpoint asks its host to transmit; the host adds the ports. */
export interface Outgoing {
  ctl: Control;
  seq: number;
  ack: number | null;
  len: number;
  win: number;
  reason: Reason;
  retransmission?: true;
}

/** Sequence space a segment occupies: SYN and FIN count one each (RFC 9293 §3.4). */
export function segLength(seg: { ctl: Control; len: number }): number {
  return seg.len + (seg.ctl === 'syn' || seg.ctl === 'fin' ? 1 : 0);
}

/** The header flags, in header-bit order (FLAG_ORDER): the one control, PSH with payload, ACK with SEG.ACK. */
export function flagsOf(seg: { ctl: Control; ack: number | null; len: number }): Flag[] {
  const flags: Flag[] = [];
  if (seg.ctl === 'fin') flags.push('FIN');
  else if (seg.ctl === 'syn') flags.push('SYN');
  else if (seg.ctl === 'rst') flags.push('RST');
  if (seg.len > 0) flags.push('PSH');
  if (seg.ack !== null) flags.push('ACK');
  return flags;
}

/**
 * The reset that answers a segment nobody owns (RFC 9293 §3.10.7.1, Linux tcp_v4_send_reset).
 * Never a reset for a reset (R3). With ACK: <SEQ=SEG.ACK><CTL=RST>; without:
 * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
 */
export function resetFor(seg: Segment, reason: Reason): Outgoing | null {
  if (seg.ctl === 'rst') return null;
  if (seg.ack !== null) return { ctl: 'rst', seq: seg.ack, ack: null, len: 0, win: 0, reason };
  return { ctl: 'rst', seq: 0, ack: (seg.seq + segLength(seg)) >>> 0, len: 0, win: 0, reason };
}
