/**
 * Hypotheses as scenarios. For a captured RST or FIN, each rule that might have produced
 * it becomes the scenario that rule implies, built from what the capture shows (who
 * opened, who sent data and in what order, who closed first, how long things were quiet).
 * Which of them really produce such a segment is for the model to say (confirm.ts).
 */
import type { Reason } from '../model/trace.ts';
import { seqDiff } from './packet.ts';
import { ScenarioBuilder } from './scenario-build.ts';
import type { Conn, EndEvent, Milestone, Seg, Side } from './conn.ts';
import { segKind, signature, triggerOf, windowOf, type SegKind } from './wire.ts';

export const HOSTS = ['client', 'server'] as const;
/** Bytes per `send` in a hypothesis: what the wire shows, up to this (more changes nothing it checks). */
export const SEND_CAP = 1000;
export const us = (seconds: number) => Math.round(seconds * 1e6);
export const name = (side: Side) => HOSTS[side];

export interface Story {
  reason: Reason;
  /** Which way of producing it: `crash-reboot`, `fin-wait-2-timeout` … (words.ts has the sentences). */
  variant: string;
  /** null: the wire fits this rule but the model cannot stage it (words.ts says why). */
  build: ScenarioBuilder | null;
  /** The story's segments come from a port the model picks (a forged segment to a port). */
  anyClientPort?: boolean;
}

/** What the stories need to know about one captured event. */
export interface Situation {
  conn: Conn;
  ev: EndEvent;
  x: Side;
  y: Side;
  /** Milestones before the event, since the connection last (re)started. */
  window: Milestone[];
  /** The peer's segment the event answers, when its numbers say it answers one. */
  trigger: Seg | null;
  triggerKind: SegKind | null;
  /**
   * The ports the scenarios use: the server's own, and a fixed one for the client, whose
   * ephemeral port changes nothing the model decides — so connections that tell the same
   * story share one simulation.
   */
  ports: [number, number];
}

/** The client port every hypothesis uses (another one if the server listens there). */
export const CLIENT_PORT = 40000;

export function situation(conn: Conn, ev: EndEvent): Situation {
  const x = ev.seg.from;
  const sig = signature(ev);
  const trigger = sig.trigger === 'none' ? null : triggerOf(ev);
  return {
    conn,
    ev,
    x,
    y: x === 0 ? 1 : 0,
    window: windowOf(ev).filter((m) => m.index < ev.index),
    trigger,
    triggerKind: trigger === null ? null : segKind(trigger),
    ports: [conn.port[1] === CLIENT_PORT ? CLIENT_PORT + 1 : CLIENT_PORT, conn.port[1]],
  };
}

export const has = (list: readonly Milestone[], side: Side, kind: Milestone['kind']) =>
  list.some((m) => m.side === side && m.kind === kind);

/** How a side ended its sending earlier: shutdown(write) when it went on ACKing the peer's data, else close(). */
function finVerb(conn: Conn, side: Side): 'close' | 'shutdown' {
  const fin = conn.events.find((e) => e.kind === 'fin' && e.seg.from === side);
  return fin !== undefined && signature(fin).after === 'acked' ? 'shutdown' : 'close';
}

interface ReplayOptions {
  /** This side never reads what the peer sent. */
  unreadBy?: Side;
  /** Earlier FINs of this side are shutdown(write), whatever the capture suggests. */
  halfCloseBy?: Side;
  /** Partition the network just before this side's last data (its retransmissions then go unanswered). */
  partitionBefore?: Side;
  /** Leave out the last milestone (the segment the event answers, which the story sends itself). */
  withoutLast?: boolean;
}

/** The milestones before the segment the event answers (the story sends that one itself). */
function withoutTrigger(list: Milestone[], sit: Situation): Milestone[] {
  const last = list.at(-1);
  const { trigger } = sit;
  if (trigger === null || last === undefined || last.side !== sit.y) return list;
  if (sit.triggerKind === 'FIN' && last.kind === 'FIN') return list.slice(0, -1);
  if (sit.triggerKind !== 'DATA' || last.kind !== 'DATA') return list;
  const rest = last.bytes - trigger.len;
  return rest > 0 ? [...list.slice(0, -1), { ...last, bytes: rest }] : list.slice(0, -1);
}

/** One significant digit: nearby byte counts and pauses make the same scenario, so one simulation serves them all. */
export function roughly(value: number): number {
  if (value <= 0) return 0;
  const scale = 10 ** Math.floor(Math.log10(value));
  return Math.round(value / scale) * scale;
}

export const bytesOf = (n: number) => Math.max(1, Math.min(roughly(n), SEND_CAP));

function pause(b: ScenarioBuilder, seconds: number): void {
  if (seconds >= 0.001) b.wait(roughly(us(seconds)));
}

/**
 * The connection's shape, not every segment: each side's first data and FIN in the order
 * they came, then the last thing that happened before the event if that is not already
 * among them. The wire facts compared (signature) depend on nothing more.
 */
export function shapeOf(list: readonly Milestone[]): Milestone[] {
  const seen = new Set<string>();
  const kept: Milestone[] = [];
  for (const m of list) {
    const key = `${m.side}${m.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(m);
  }
  const last = list.at(-1);
  if (last !== undefined && kept.at(-1) !== last) kept.push(last);
  return kept;
}

/** The handshake and the connection's shape after it, with the quiet between them; returns the capture time reached. */
export function replay(b: ScenarioBuilder, sit: Situation, opts: ReplayOptions = {}): number {
  const { conn } = sit;
  const [cport, sport] = sit.ports;
  b.host('server', { verb: 'listen', port: sport });
  b.host('client', { verb: 'connect', host: 'server', port: sport, from: cport, as: 'c' });
  b.host('server', { verb: 'accept' });
  let list = sit.window.filter((m) => m.kind === 'DATA' || m.kind === 'FIN');
  if (opts.withoutLast) list = withoutTrigger(list, sit);
  list = shapeOf(list);
  const lastData =
    opts.partitionBefore === undefined
      ? -1
      : list.findLastIndex((m) => m.side === opts.partitionBefore && m.kind === 'DATA');
  let t = sit.window.find((m) => m.kind !== 'SYN' && m.kind !== 'SYNACK')?.t ?? sit.window.at(-1)?.t ?? sit.ev.seg.t;
  list.forEach((m, k) => {
    pause(b, m.t - t);
    t = m.t;
    if (k === lastData) b.partition();
    const other: Side = m.side === 0 ? 1 : 0;
    if (m.kind === 'DATA') {
      b.host(name(m.side), { verb: 'send', bytes: bytesOf(m.bytes) });
      if (opts.unreadBy !== other) b.host(name(other), { verb: 'recv' });
    } else {
      const verb = opts.halfCloseBy === m.side ? 'shutdown' : finVerb(conn, m.side);
      b.host(name(m.side), verb === 'close' ? { verb: 'close' } : { verb: 'shutdown', how: 'write' });
    }
  });
  return t;
}

/** The peer sends the segment the event answers, as long after `since` (capture time) as it did. */
export function sendTrigger(b: ScenarioBuilder, sit: Situation, since: number | null): boolean {
  const y = name(sit.y);
  if (since !== null && sit.trigger !== null) pause(b, sit.trigger.t - since);
  switch (sit.triggerKind) {
    case 'DATA':
      b.host(y, { verb: 'send', bytes: bytesOf(sit.trigger?.len ?? 1) });
      return true;
    case 'FIN':
      b.host(y, { verb: 'close' });
      return true;
    case 'KA':
      b.host(y, { verb: 'keepalive', idle: 1_000_000, interval: 1_000_000, count: 3 });
      b.wait(1_500_000);
      return true;
    default:
      return false;
  }
}

export function quietBefore(sit: Situation): number {
  const before = sit.ev.before.at(-2);
  return sit.trigger !== null && before !== undefined ? sit.trigger.t - before.t : 0;
}

export type Add = (
  reason: Reason,
  variant: string,
  fill: ((b: ScenarioBuilder) => unknown) | null,
  anyPort?: boolean,
) => void;

export function collector(stories: Story[]): Add {
  return (reason, variant, fill, anyPort) => {
    if (fill === null) {
      stories.push({ reason, variant, build: null });
      return;
    }
    const b = new ScenarioBuilder();
    if (fill(b) !== false) stories.push({ reason, variant, build: b, ...(anyPort ? { anyClientPort: true } : {}) });
  };
}

/** How far a reset's sequence number sits from the peer's RCV.NXT, in RFC 5961's terms. */
export function rfc5961Class(ev: EndEvent): 'exact' | 'in-window' | 'out-of-window' | null {
  const peer = ev.sides[ev.seg.from === 0 ? 1 : 0];
  if (peer.lastAck === null) return null;
  const distance = Math.abs(seqDiff(ev.seg.seq, peer.lastAck));
  if (distance === 0) return 'exact';
  const window = peer.lastWin * 2 ** (peer.wscale ?? 0);
  return distance < Math.max(window, 1) ? 'in-window' : 'out-of-window';
}

/** FIN hypotheses: the ways an application or its host ends a direction. */
export function finStories(sit: Situation): Story[] {
  const { x, y } = sit;
  const stories: Story[] = [];
  const verbs = [
    ['close', 'close', { verb: 'close' }],
    ['exit', 'exit', { verb: 'exit' }],
    ['shutdown', 'shutdown', { verb: 'shutdown', how: 'write' }],
    ['shutdown', 'shutdown-both', { verb: 'shutdown', how: 'both' }],
    ['power-off', 'power-off', { verb: 'power-off' }],
  ] as const;
  const later = sit.ev.after.filter((s) => s.from === y && s.len > 0 && !s.rtx).slice(0, 2);
  for (const [reason, variant, action] of verbs) {
    const b = new ScenarioBuilder();
    replay(b, sit);
    if (sit.ev.seg.len > 0) b.host(name(x), { verb: 'send', bytes: bytesOf(sit.ev.seg.len) });
    b.host(name(x), action);
    for (const s of later) b.host(name(y), { verb: 'send', bytes: bytesOf(s.len) });
    stories.push({ reason, variant, build: b });
  }
  return stories;
}
