/** What the explainer reports: per connection, per RST and FIN (Contract 4 of DESIGN.md). */
import type { ProfileName, Reason } from '../model/trace.ts';
import type { CaptureFormat } from './capture.ts';
import type { CaptureWarning } from './errors.ts';
import type { SkipWhy } from './packet.ts';
import type { Side } from './conn.ts';
import type { Verdict } from './words.ts';
import type { ZeekState } from './zeek.ts';

export interface CheckedHypothesis {
  reason: Reason;
  profile: ProfileName;
  variant: string;
  /** The model reproduced the segment with this story. */
  confirmed: boolean;
  /** False when the model cannot stage the story: it fits the wire, unchecked. */
  checked: boolean;
}

export interface EndReport {
  /** Capture time stamp of the segment (seconds). */
  t: number;
  /** Seconds since the connection's first segment. */
  dt: number;
  packet: number;
  from: string;
  side: 'client' | 'server';
  flags: string[];
  seq: number;
  ack: number | null;
  len: number;
  reason: Verdict;
  sentence: string;
  lesson: string | null;
  /** The sender's probable state before it, from the simulation that confirmed the reason. */
  state: string | null;
  candidates: Verdict[];
  confirmed: boolean;
  confirmedBy: Reason[];
  evidence: string;
  model: string;
  notices: string[];
  hypotheses: CheckedHypothesis[];
  /** The scenario the explainer built for the reason, in the scenario language. */
  scenario: string | null;
}

export interface DrawnSegment {
  n: number;
  dt: number;
  from: Side;
  flags: string[];
  seq: number;
  ack: number | null;
  len: number;
  win: number;
  rtx: boolean;
}

export interface ConnectionReport {
  id: number;
  client: string;
  server: string;
  openerSeen: boolean;
  start: number;
  end: number;
  packets: number;
  bytes: { client: number; server: number };
  state: ZeekState;
  ended: string;
  summary: string;
  resets: EndReport[];
  fins: EndReport[];
  /** Resets and FINs past the explainer's limit per connection, counted only. */
  moreEnds: number;
  notices: string[];
  /** Initial sequence numbers seen, for relative numbers: client, server. */
  isn: [number | null, number | null];
  /** The first and last segments (a long connection's middle is left out: `elided` segments after the first `head`). */
  segments: DrawnSegment[];
  elided: { after: number; count: number } | null;
}

export interface Report {
  file: string;
  format: CaptureFormat | null;
  records: number;
  tcp: number;
  connections: ConnectionReport[];
  skipped: Partial<Record<SkipWhy, number>>;
  warnings: CaptureWarning[];
  warningCount: number;
}
