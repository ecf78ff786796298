/**
 * What the tracker keeps of a connection: its two sides' running counts, the segments kept
 * from its start and end, its milestones and its RST and FIN events, with the small helpers
 * that read and trim them.
 */
import { ACK, SYN, type Packet } from './packet.ts';

/** 0 is the client (the side that opened, or is thought to have), 1 the server. */
export type Side = 0 | 1;

export interface Seg {
  n: number;
  t: number;
  from: Side;
  flags: number;
  seq: number;
  /** tcpdump text prints no sequence number on a pure ACK: `seq` is then the sender's next one. */
  seqShown: boolean;
  ack: number | null;
  len: number;
  win: number;
  /** Nothing new: every byte (and SYN or FIN) it carries was sent before. */
  rtx: boolean;
  /** A keepalive probe (an ACK one byte behind, or for text an idle ACK repeating itself), or a zero-window probe. */
  probe: 'keepalive' | 'zero-window' | null;
}

export type MilestoneKind = 'SYN' | 'SYNACK' | 'DATA' | 'FIN' | 'RST' | 'KA';

/** Something new on the wire, in order: consecutive data from one side is one milestone. */
export interface Milestone {
  side: Side;
  kind: MilestoneKind;
  t: number;
  bytes: number;
  /** Index (0-based) of the first segment of the connection it stands for. */
  index: number;
}

export interface SideState {
  isn: number | null;
  /** One past the highest sequence number sent (SND.NXT as the wire shows it). */
  nxt: number | null;
  /** The last acknowledgement number sent (this side's RCV.NXT). */
  lastAck: number | null;
  lastWin: number;
  wscale: number | null;
  syn: boolean;
  synAck: boolean;
  bytes: number;
  packets: number;
  dataSegs: number;
  rtx: number;
  probes: number;
  fin: boolean;
  rsts: number;
  lastT: number | null;
  /** When it last sent anything but a RST. */
  lastLiveT: number | null;
  /** Retransmissions in a row with nothing heard from the peer meanwhile. */
  rtxRun: number;
  rtxRunFrom: number;
  /** The longest such run: how many, over which seconds, and whether the peer ever answered after it. */
  longestRun: { count: number; from: number; to: number; answered: boolean } | null;
}

export interface EndEvent {
  kind: 'rst' | 'fin';
  seg: Seg;
  /** Index (0-based) of the segment in its connection. */
  index: number;
  /** The last segments before it (at most CONTEXT), oldest first. */
  before: Seg[];
  /** The first segments after it (at most AFTER). */
  after: Seg[];
  /** Both sides' counts just before it. */
  sides: [SideState, SideState];
  milestones: Milestone[];
}

export interface Conn {
  id: number;
  ip: [string, string];
  port: [number, number];
  /** True when the client's SYN (or the server's SYN+ACK) told who opened; false when guessed from ports. */
  openerSeen: boolean;
  first: number;
  last: number;
  packets: number;
  sides: [SideState, SideState];
  /** The first `head` segments, then the last `tail` ones (TrackerOptions); `elided` were in between. */
  head: Seg[];
  tail: Seg[];
  elided: number;
  events: EndEvent[];
  /** Resets and FINs past MAX_EVENTS, counted only. */
  moreEvents: number;
  milestones: Milestone[];
}

/** Milestones kept: every kind's first appearance, and the latest RECENT_MILESTONES. */
export const MAX_MILESTONES = 20;
export const RECENT_MILESTONES = 8;

export function newSide(): SideState {
  return {
    isn: null,
    nxt: null,
    lastAck: null,
    lastWin: -1,
    wscale: null,
    syn: false,
    synAck: false,
    bytes: 0,
    packets: 0,
    dataSegs: 0,
    rtx: 0,
    probes: 0,
    fin: false,
    rsts: 0,
    lastT: null,
    lastLiveT: null,
    rtxRun: 0,
    rtxRunFrom: 0,
    longestRun: null,
  };
}

export const copySide = (s: SideState): SideState => ({ ...s, longestRun: s.longestRun && { ...s.longestRun } });

/** Which of the two ends is the server, when no SYN says so: the well-known or non-ephemeral port. */
export function guessServer(p: Packet): 'src' | 'dst' {
  if (p.flags & SYN && p.flags & ACK) return 'src';
  if (p.dport < 1024 !== p.sport < 1024) return p.sport < 1024 ? 'src' : 'dst';
  if (p.dport >= 32768 !== p.sport >= 32768) return p.sport >= 32768 ? 'dst' : 'src';
  return 'dst';
}

/** Reset, or closed both ways. */
export function isEnded(conn: Conn): boolean {
  const [c, s] = conn.sides;
  return c.rsts + s.rsts > 0 || (c.fin && s.fin);
}

/** Drops the oldest milestone that neither is its kind's first appearance nor among the latest ones. */
export function forgetMilestone(list: Milestone[]): void {
  const seen = new Set<string>();
  for (let k = 0; k < list.length - RECENT_MILESTONES; k++) {
    const m = list[k];
    if (m === undefined) continue;
    const key = `${m.side}${m.kind}`;
    if (seen.has(key) && m.kind !== 'SYN' && m.kind !== 'RST') {
      list.splice(k, 1);
      return;
    }
    seen.add(key);
  }
  list.splice(3, 1);
}

/** Every segment kept for a connection, in order, with a marker count of the ones left out. */
export function keptSegments(conn: Conn): Seg[] {
  return [...conn.head, ...conn.tail];
}
