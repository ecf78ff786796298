/**
 * RST hypotheses: for a reset seen on the wire, the rules that could have sent it, each with
 * the scenario that would reproduce it if that rule is the one (checked by confirm.ts).
 */
import type { Step } from '../model/scenario.ts';
import type { ScenarioBuilder } from './scenario-build.ts';
import {
  bytesOf,
  collector,
  has,
  name,
  quietBefore,
  replay,
  rfc5961Class,
  roughly,
  sendTrigger,
  us,
  type Add,
  type Situation,
  type Story,
} from './stories.ts';

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
