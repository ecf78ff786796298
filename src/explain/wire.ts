/**
 * What the wire shows around one RST or FIN: the segment it answers (if its numbers say it
 * answers one), how its sequence and acknowledgement numbers relate to what each side had
 * sent, and the order of what happened before it. The same function reads a capture and a
 * simulated trace, so "the model reproduces the capture" means these facts are equal.
 */
import { ACK, FIN, PSH, RST, SYN, seqAdd, seqSpace } from './packet.ts';
import type { EndEvent, Milestone, MilestoneKind, Seg, Side } from './conn.ts';

export type SegKind = MilestoneKind | 'ACK';

export function segKind(seg: Seg): SegKind {
  if (seg.flags & RST) return 'RST';
  if (seg.flags & SYN) return seg.flags & ACK ? 'SYNACK' : 'SYN';
  if (seg.flags & FIN) return 'FIN';
  if (seg.len > 0 && seg.probe === null) return 'DATA';
  if (seg.probe === 'keepalive') return 'KA';
  return 'ACK';
}

const other = (side: Side): Side => (side === 0 ? 1 : 0);

export interface Signature {
  kind: 'rst' | 'fin';
  side: Side;
  /** tcpdump's letters for the flags that matter: `R`, `R.`, `F.`, `FP.`. */
  flags: string;
  /** Every relation its sequence number has: `zero`, `trigger-ack`, `own-next`, `rcv-nxt`. */
  seq: string;
  /** Every relation its acknowledgement number has (`trigger-end`, `peer-next`), or `none` without ACK. */
  ack: string;
  /** What it answers: the kind of the peer's segment just before, when its numbers come from it. */
  trigger: SegKind | 'none';
  /** What happened since the connection (re)started, each side's kinds in order of first appearance. */
  before: string;
  /** For a FIN: what the sender did with data the peer sent after it (`acked`, `reset`, `none`). */
  after: string;
}

/** The peer's segment just before the event, if the sender said nothing in between. */
export function triggerOf(ev: EndEvent): Seg | null {
  const last = ev.before[ev.before.length - 1];
  return last !== undefined && last.from !== ev.seg.from ? last : null;
}

/**
 * How the sequence number was chosen. A reset that answers a segment takes its number from
 * it (0, or SEG.ACK): other coincidences are by-products then and are left out.
 */
function seqRelations(ev: EndEvent, trigger: Seg | null): string[] {
  const { seg } = ev;
  // Only these two forms answer a segment (R1): RST+ACK with seq 0, and a bare RST with seq = SEG.ACK.
  if (seg.seq === 0 && seg.flags & ACK && trigger !== null) return ['zero'];
  if (!(seg.flags & ACK) && trigger?.ack != null && seg.seq === trigger.ack) return ['trigger-ack'];
  const me = ev.sides[seg.from];
  const peer = ev.sides[other(seg.from)];
  const found: string[] = [];
  if (me.nxt !== null && seg.seq === me.nxt) found.push('own-next');
  if (peer.lastAck !== null && seg.seq === peer.lastAck) found.push('rcv-nxt');
  return found;
}

function ackRelations(ev: EndEvent, trigger: Seg | null): string[] {
  const { seg } = ev;
  if (seg.ack === null) return ['none'];
  const peer = ev.sides[other(seg.from)];
  const found: string[] = [];
  if (trigger !== null && seg.ack === seqAdd(trigger.seq, seqSpace(trigger.flags, trigger.len)))
    found.push('trigger-end');
  if (peer.nxt !== null && seg.ack === peer.nxt) found.push('peer-next');
  return found;
}

/**
 * Milestones since the connection last (re)started as far as the sender is concerned: the
 * opener's latest SYN, or just after the sender's own previous RST, whichever is later.
 */
export function windowOf(ev: EndEvent): Milestone[] {
  const list = ev.milestones;
  let start = 0;
  for (let k = list.length - 1; k >= 0; k--) {
    const m = list[k];
    if (m === undefined) continue;
    if (m.kind === 'SYN' && m.side === 0) {
      start = k;
      break;
    }
    if (m.kind === 'RST' && m.side === ev.seg.from) {
      start = k + 1;
      break;
    }
  }
  return list.slice(start);
}

function firstAppearances(list: readonly Milestone[]): string {
  const seen = new Set<string>();
  for (const m of list) seen.add(`${m.side === 0 ? 'c' : 's'}:${m.kind}`);
  return [...seen].join(' ');
}

function finAfter(ev: EndEvent): string {
  const x = ev.seg.from;
  const data = ev.after.findIndex((s) => s.from !== x && s.len > 0 && !s.rtx);
  if (data === -1) return 'none';
  const reply = ev.after.slice(data + 1).find((s) => s.from === x);
  if (reply === undefined) return 'none';
  return reply.flags & RST ? 'reset' : 'acked';
}

function flagLetters(flags: number): string {
  return `${flags & RST ? 'R' : ''}${flags & FIN ? 'F' : ''}${flags & PSH && !(flags & RST) ? 'P' : ''}${flags & ACK ? '.' : ''}`;
}

export function signature(ev: EndEvent): Signature {
  const trigger = triggerOf(ev);
  const seq = seqRelations(ev, trigger);
  const solicited = seq.includes('zero') || seq.includes('trigger-ack');
  return {
    kind: ev.kind,
    side: ev.seg.from,
    flags: flagLetters(ev.seg.flags),
    seq: seq.join('+') || 'other',
    // Whether an ACK rides on it or went separately is timing (delayed ACKs), not a rule: only a reply's ack counts.
    ack: ackRelations(ev, solicited ? trigger : null).join('+') || 'other',
    trigger: solicited && trigger !== null ? segKind(trigger) : 'none',
    before: firstAppearances(windowOf(ev).filter((m) => m.index < ev.index)),
    after: ev.kind === 'fin' ? finAfter(ev) : 'none',
  };
}

/**
 * Whether a simulated event reproduces a captured one. A capture that began mid-connection
 * shows no handshake, so the simulation's handshake is left out of the comparison then.
 */
export function sameSignature(captured: Signature, simulated: Signature): boolean {
  const handshake = /(^| )(c:SYN|s:SYNACK)( |$)/.test(captured.before);
  const before = handshake
    ? simulated.before
    : simulated.before
        .split(' ')
        .filter((k) => k !== 'c:SYN' && k !== 's:SYNACK')
        .join(' ');
  return (
    captured.kind === simulated.kind &&
    captured.side === simulated.side &&
    captured.flags === simulated.flags &&
    captured.seq === simulated.seq &&
    captured.ack === simulated.ack &&
    captured.trigger === simulated.trigger &&
    captured.before === before &&
    captured.after === simulated.after
  );
}
