/**
 * Hypotheses as scenarios. For a captured RST or FIN, each rule that might have produced
 * it becomes the scenario that rule implies, built from what the capture shows (who
 * opened, who sent data and in what order, who closed first, how long things were quiet).
 * Which of them really produce such a segment is for the model to say (confirm.ts).
 */
import type { Reason } from '../model/trace.ts';
import type { Step } from '../model/scenario.ts';
import { seqDiff } from './packet.ts';
import { ScenarioBuilder } from './scenario-build.ts';
import type { Conn, EndEvent, Milestone, Seg, Side } from './track.ts';
import { segKind, signature, triggerOf, windowOf, type SegKind } from './wire.ts';

export const HOSTS = ['client', 'server'] as const;
/** Bytes per `send` in a hypothesis: what the wire shows, up to this (more changes nothing it checks). */
export const SEND_CAP = 1000;
const us = (seconds: number) => Math.round(seconds * 1e6);
const name = (side: Side) => HOSTS[side];

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

const has = (list: readonly Milestone[], side: Side, kind: Milestone['kind']) =>
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

const bytesOf = (n: number) => Math.max(1, Math.min(roughly(n), SEND_CAP));

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
function replay(b: ScenarioBuilder, sit: Situation, opts: ReplayOptions = {}): number {
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
function sendTrigger(b: ScenarioBuilder, sit: Situation, since: number | null): boolean {
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

function quietBefore(sit: Situation): number {
  const before = sit.ev.before.at(-2);
  return sit.trigger !== null && before !== undefined ? sit.trigger.t - before.t : 0;
}

type Add = (reason: Reason, variant: string, fill: ((b: ScenarioBuilder) => unknown) | null, anyPort?: boolean) => void;

function collector(stories: Story[]): Add {
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

/** RST hypotheses that fit the wire's shape; each builds its scenario. */
export function resetStories(sit: Situation): Story[] {
  const { x, y, window: w } = sit;
  const [cport, sport] = sit.ports;
  const stories: Story[] = [];
  const add = collector(stories);
  const answersSyn = sit.triggerKind === 'SYN' && x === 1;
  const synSent = x === 0 && has(w, 0, 'SYN') && !has(w, 1, 'SYNACK');
  const handshake = has(w, 0, 'SYN') && has(w, 1, 'SYNACK');
  const established = !answersSyn && !synSent;

  if (answersSyn && !has(w, 1, 'SYNACK')) {
    add('no-listener', 'no-listener', (b) => {
      b.host('client', { verb: 'connect', host: 'server', port: sport, from: cport, as: 'c' });
    });
  }
  if (synSent && sit.triggerKind === 'ACK') {
    add('bad-ack', 'old-connection', (b) => {
      b.host('server', { verb: 'listen', port: sport });
      b.host('client', { verb: 'connect', host: 'server', port: sport, from: cport, as: 'old' });
      b.host('server', { verb: 'accept' });
      b.host('client', { verb: 'reboot' });
      b.host('client', { verb: 'connect', host: 'server', port: sport, from: cport, as: 'c' });
    });
  }
  if (sit.trigger !== null && sit.triggerKind !== 'RST') noConnection(sit, add);
  const serverQuiet = !has(w, 1, 'DATA') && !has(w, 1, 'FIN');
  if (handshake && x === 1 && sit.trigger !== null && serverQuiet && sit.triggerKind !== 'FIN') {
    add('accept-queue-overflow', 'queue-full', (b) => {
      b.tune.abort_on_overflow = true;
      b.host('server', { verb: 'listen', port: sport, backlog: 1 });
      b.dropNext('client', 'server', ['ACK']);
      b.host('client', { verb: 'connect', host: 'server', port: sport, from: cport, as: 'c' });
      b.host('client', { verb: 'connect', host: 'server', port: sport, as: 'a1' });
      b.host('client', { verb: 'connect', host: 'server', port: sport, as: 'a2' });
      if (sit.triggerKind === 'DATA') {
        b.host('client', { verb: 'send', bytes: bytesOf(sit.trigger?.len ?? 1) }, 'c');
      } else b.wait(2_000_000);
    });
  }
  if (established) {
    add('abort', 'abort', (b) => {
      replay(b, sit);
      b.host(name(x), { verb: 'abort' });
    });
  }
  if (established && has(w, y, 'DATA')) {
    add('close-unread-data', 'unread', (b) => {
      replay(b, sit, { unreadBy: x, halfCloseBy: x });
      b.host(name(x), { verb: 'close' });
    });
  }
  if (established && has(w, x, 'FIN') && sit.triggerKind === 'DATA') {
    add('data-after-close', 'closed', (b) => sendTrigger(b, sit, replay(b, sit, { withoutLast: true })));
  }
  if (established && has(w, x, 'KA')) add('keepalive-expired', 'keepalive', (b) => keepalive(b, sit));
  if (handshake && x === 1 && serverQuiet) {
    add('listener-closed', 'listener-closed', (b) => {
      b.host('server', { verb: 'listen', port: sport, as: 'listener' });
      b.host('client', { verb: 'connect', host: 'server', port: sport, from: cport, as: 'c' });
      for (const m of w) {
        if (m.kind === 'DATA' && m.side === 0) b.host('client', { verb: 'send', bytes: bytesOf(m.bytes) });
      }
      b.host('server', { verb: 'close' }, 'listener');
    });
  }
  return stories;
}

/** A forged reset (and the sender's earlier resets, forged as well), injected where the capture has them. */
export function forgedStory(sit: Situation): Story[] {
  const { x, y, conn, ev } = sit;
  const stories: Story[] = [];
  const add = collector(stories);
  const handshake = has(sit.window, 0, 'SYN') && has(sit.window, 1, 'SYNACK');
  const earlier = conn.events.filter((e) => e.kind === 'rst' && e.seg.from === x && e.index < ev.index);
  const here = rfc5961Class(ev);
  if (!handshake && earlier.length === 0 && here === null) {
    add('forged', 'to-port', (b) => b.inject(name(x), name(y), ['RST'], 'exact', sit.ports[y]), true);
    return stories;
  }
  add('forged', 'injected', (b) => {
    replay(b, { ...sit, window: ev.milestones.filter((m) => m.index < ev.index) });
    for (const e of earlier) b.inject(name(x), name(y), ['RST'], rfc5961Class(e) ?? 'exact');
    b.inject(name(x), name(y), ['RST'], here ?? 'exact');
  });
  return stories;
}

/** The sender no longer has the connection when the peer's segment arrives: how it lost it depends on what came before. */
function noConnection(sit: Situation, add: Add): void {
  const { x, y, window: w, ev } = sit;
  const [cport, sport] = sit.ports;
  const xs = ev.sides[x];
  const handshake = has(w, 0, 'SYN') || has(w, 1, 'SYNACK');
  if (sit.triggerKind === 'SYNACK' && x === 0) {
    add('no-connection', 'connect-timeout', (b) => {
      b.host('server', { verb: 'listen', port: sport });
      b.delay(2_000_000);
      b.host('client', { verb: 'connect', host: 'server', port: sport, from: cport, timeout: 800_000, as: 'c' });
    });
    return;
  }
  if (sit.triggerKind === 'ACK' && x === 0 && has(w, 0, 'SYN') && !has(w, 1, 'SYNACK')) {
    add('no-connection', 'time-wait-syn', (b) => {
      b.host('server', { verb: 'listen', port: sport });
      b.host('client', { verb: 'connect', host: 'server', port: sport, from: cport, as: 'c' });
      b.host('server', { verb: 'accept' });
      b.host('server', { verb: 'close' });
      b.host('client', { verb: 'recv' });
      b.host('client', { verb: 'close' });
      b.wait(300_000);
      b.inject('client', 'server', ['SYN'], 'exact', sport);
    });
    return;
  }
  if (!handshake && w.length === 0 && sit.trigger !== null) {
    // Nothing before it on this tuple: a segment for a connection the host never had.
    const flags =
      sit.triggerKind === 'DATA'
        ? (['ACK'] as const)
        : sit.triggerKind === 'FIN'
          ? (['FIN', 'ACK'] as const)
          : (['ACK'] as const);
    const len = sit.triggerKind === 'DATA' ? sit.trigger.len : 0;
    add(
      'no-connection',
      'stray-segment',
      (b) => {
        b.inject(name(y), name(x), [...flags], 'exact', sit.ports[x]);
        if (len > 0) b.steps[b.steps.length - 1] = withLength(b.steps[b.steps.length - 1], len);
      },
      true,
    );
    return;
  }
  const quiet = quietBefore(sit);
  const priorReset = ev.milestones.some((m) => m.kind === 'RST' && m.side === x && m.index < ev.index);
  if (priorReset) {
    add('no-connection', 'after-reset', (b) => {
      b.host('server', { verb: 'listen', port: sport });
      b.host('client', { verb: 'connect', host: 'server', port: sport, from: cport, as: 'c' });
      b.host('server', { verb: 'accept' });
      b.partition();
      b.host(name(x), { verb: 'abort' });
      b.heal();
      return sendTrigger(b, sit, null);
    });
    return;
  }
  if (sit.triggerKind === 'ACK') {
    // The peer acknowledged something, and the sender had forgotten the connection by then:
    // only a timer the model does not have (TCP_LINGER2 < 0) or a lost race does that.
    add('no-connection', 'unmodelled-ack', null);
    return;
  }
  if (has(w, x, 'FIN') && quiet >= 1) {
    add('no-connection', 'fin-wait-2-timeout', (b) => {
      b.tune.fin_timeout = roughly(us(Math.max(0.5, quiet / 2)));
      return sendTrigger(b, sit, replay(b, sit, { withoutLast: true }));
    });
  }
  if (xs.longestRun !== null && xs.longestRun.count >= 2) {
    add('no-connection', 'retransmission-timeout', (b) => {
      b.tune.retries2 = 3;
      replay(b, sit, { withoutLast: true, partitionBefore: x });
      b.wait(30_000_000);
      b.heal();
      return sendTrigger(b, sit, null);
    });
  }
  add('no-connection', 'crash-reboot', (b) => {
    const t = replay(b, sit, { withoutLast: true });
    b.host(name(x), { verb: 'crash' });
    b.host(name(x), { verb: 'reboot' });
    if (x === 1) b.host('server', { verb: 'listen', port: sport });
    return sendTrigger(b, sit, t);
  });
}

/** An inject step carrying `len` bytes of payload. */
function withLength(step: Step | undefined, len: number): Step {
  if (step?.kind !== 'network' || step.action.verb !== 'inject') throw new Error('withLength: not an inject step');
  return { ...step, action: { ...step.action, len }, text: `${step.text} len ${len}` };
}

/** Keepalive probes as the capture spaced them, answered until the peer went quiet. */
function keepalive(b: ScenarioBuilder, sit: Situation): boolean {
  const { x, y, window: w } = sit;
  const probes = w.filter((m) => m.side === x && m.kind === 'KA');
  const first = probes[0];
  if (first === undefined) return false;
  const activity = w.filter((m) => m.kind !== 'KA' && m.t < first.t).at(-1);
  const idle = Math.max(1, Math.round(first.t - (activity?.t ?? first.t - 1)));
  const second = probes[1];
  const interval = second === undefined ? idle : Math.max(1, Math.round(second.t - first.t));
  const after = sit.ev.before.filter((s) => s.from === y && s.t > first.t).at(-1);
  const answered = after === undefined ? 0 : probes.filter((p) => p.t <= after.t).length;
  const count = Math.max(1, probes.length - answered);
  replay(b, sit);
  b.host(name(x), { verb: 'keepalive', idle: idle * 1e6, interval: interval * 1e6, count });
  b.wait(us(idle + interval * Math.max(0, answered - 1) + interval / 2));
  b.partition();
  b.wait(us(interval * (count + 2)));
  return true;
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
