/**
 * Model-based tests with xstate/graph. First the endpoint chart alone: every RFC state is
 * reachable. Then a two-host system, explored by shortest paths over scenario steps:
 * properties that must hold on every path (R1, R3, crashed hosts, determinism).
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromTransition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { endpointMachine } from '../../../src/model/endpoint/chart.ts';
import type { Effect, EndpointEvent } from '../../../src/model/endpoint/events.ts';
import { initialSnapshot, transition } from '../../../src/model/endpoint/transition.ts';
import type { Host } from '../../../src/model/host.ts';
import { PROFILES } from '../../../src/model/profiles.ts';
import type { Scenario, Step } from '../../../src/model/scenario.ts';
import type { Segment } from '../../../src/model/segment.ts';
import { Simulation, ScenarioRunError } from '../../../src/model/simulator.ts';
import { TCP_STATES } from '../../../src/model/states.ts';
import type { EndpointContext } from '../../../src/model/tcb.ts';
import type { Trace } from '../../../src/model/trace.ts';

const PEER_ISS = 7000;
/**
 * How many distinct situations the graph walks find. Structural counts, as XState's own
 * model-based tests assert them: a change means the chart (or the system's reachable states)
 * changed, and the new number must be explained in the commit that changes it.
 * - the chart alone: (state, our FIN, the peer's FIN, who the socket answers to, its life) — 34;
 * - a client and a server within five steps of the vocabulary below — 221, the same before and
 *   after the chart became a table (the refactor changed no decision).
 */
const PATHS_ENDPOINT = 34;
const PATHS_SYSTEM = 221;
const INPUT = { profile: PROFILES.linux, iss: 1000 };

/** The events a peer, the application or a timer could send, given where the socket is. */
function endpointEvents(snapshot: { context: EndpointContext; value: unknown }): EndpointEvent[] {
  const t = snapshot.context.tcb;
  const at = 0;
  const seg = (s: Partial<Segment>): EndpointEvent => ({
    type: 'SEGMENT',
    at,
    seg: { sport: 1, dport: 2, ctl: 'none', seq: t.rcvNxt, ack: t.sndNxt, len: 0, win: 65535, ...s },
  });
  return [
    { type: 'CONNECT', at, timeout: null },
    { type: 'LISTEN', at },
    { type: 'CLOSE', at },
    { type: 'SHUTDOWN', at, how: 'write' },
    { type: 'ABORT', at },
    seg({ ctl: 'syn', seq: PEER_ISS, ack: null }),
    seg({ ctl: 'syn', seq: PEER_ISS, ack: t.sndNxt }),
    seg({}),
    seg({ ctl: 'fin' }),
    seg({ ctl: 'fin', ack: t.sndUna }),
    seg({ ctl: 'rst', ack: null }),
    { type: 'RTO', at },
  ];
}

/** What one step did, as a line: the state reached, what went out or was reported, the timers it armed. */
function line(state: unknown, effects: readonly Effect[], chartTimers: readonly number[]): string {
  const said = effects.map((fx) => {
    if (fx.type === 'segment') return `${fx.out.ctl}/${fx.out.seq}/${fx.out.ack}/${fx.out.len}/${fx.out.reason}`;
    if (fx.type === 'result') return `${fx.call}:${fx.result}`;
    if (fx.type === 'schedule') return `arm:${fx.id}:${fx.delay}`;
    return fx.type === 'cancel' ? `cancel:${fx.id}` : JSON.stringify(fx);
  });
  return `${String(state)} ${said.join(' ')} | chart timers ${chartTimers.join(',')}`;
}

/** Replay events through the pure transition() from a fresh snapshot. */
function replayPure(events: readonly EndpointEvent[]): string[] {
  let snapshot = initialSnapshot(INPUT);
  return events.map((event) => {
    const step = transition(snapshot, event);
    snapshot = step.snapshot;
    const chart = step.effects.flatMap((fx) =>
      fx.type === 'schedule' && fx.id.startsWith('xstate.') ? [fx.delay] : [],
    );
    const own = step.effects.filter((fx) => !('id' in fx && fx.id.startsWith('xstate.')));
    return line(snapshot.value, own, chart);
  });
}

/** Replay the same events through a live XState actor, its delays on a recording clock. */
function replayLive(events: readonly EndpointEvent[]): string[] {
  let started: number[] = [];
  const clock = {
    setTimeout: (_fire: () => void, delay: number) => {
      if (Number.isFinite(delay)) started.push(delay);
      return started.length;
    },
    clearTimeout: () => undefined,
  };
  const actor = createActor(endpointMachine, { input: INPUT, clock }).start();
  return events.map((event) => {
    const before = actor.getSnapshot().context;
    started = [];
    actor.send(event);
    const after = actor.getSnapshot();
    return line(after.value, after.context === before ? [] : after.context.tcb.out, started);
  });
}

describe('the endpoint chart (xstate/graph)', () => {
  const paths = getShortestPaths(endpointMachine, {
    input: INPUT,
    events: endpointEvents as never,
    serializeState: ({ value, context: { tcb } }: { value: unknown; context: EndpointContext }) =>
      `${String(value)}|${tcb.fin}|${tcb.peerFin}|${tcb.user}|${tcb.life}`,
    limit: 5000,
  });

  it('finds the shortest paths to exactly the situations the chart has', () => {
    expect(paths.length).toBe(PATHS_ENDPOINT);
  });

  it('reaches every one of the eleven RFC 9293 states', () => {
    const reached = new Set(paths.map((p) => p.state.value));
    for (const state of TCP_STATES) expect(reached, state).toContain(state);
  });

  it('replays every path through transition() exactly as a live actor runs it', () => {
    let compared = 0;
    for (const path of paths) {
      const events = path.steps.slice(1).map((s) => s.event);
      const pure = replayPure(events);
      expect(pure, events.map((e) => e.type).join(' > ')).toEqual(replayLive(events));
      // …and each replay ends where the graph says the path ends.
      expect(pure.at(-1)?.split(' ')[0] ?? 'CLOSED').toBe(path.state.value);
      compared += events.length;
    }
    expect(compared).toBeGreaterThan(paths.length);
  });
});

// ── A two-host system ─────────────────────────────────────────────────────────────

const VOCABULARY = [
  'server: listen 80',
  'client: connect server:80',
  'server: accept',
  'client: send 10',
  'server: send 10',
  'client: recv',
  'server: recv',
  'client: close',
  'server: close',
  'client: abort',
  'server: abort',
  'client: shutdown write',
  'server: crash',
  'server: reboot',
  'client: exit',
  'network: partition',
  'network: heal',
  'wait: 2s',
  'wait: 70s',
];

function toStep(text: string): Step {
  const [head, rest] = text.split(': ') as [string, string];
  if (head === 'wait') return { kind: 'wait', duration: rest === '2s' ? 2_000_000 : 70_000_000, text };
  if (head === 'network')
    return { kind: 'network', action: { verb: rest === 'partition' ? 'partition' : 'heal' }, text };
  const [verb, arg] = rest.split(' ') as [string, string | undefined];
  const action =
    verb === 'listen'
      ? { verb: 'listen' as const, port: 80 }
      : verb === 'connect'
        ? { verb: 'connect' as const, host: 'server', port: 80 }
        : verb === 'send'
          ? { verb: 'send' as const, bytes: Number(arg) }
          : verb === 'shutdown'
            ? { verb: 'shutdown' as const, how: 'write' as const }
            : ({ verb } as { verb: 'accept' | 'recv' | 'close' | 'abort' | 'crash' | 'reboot' | 'exit' });
  return { kind: 'host', host: head, action, text };
}

interface Observed {
  trace: Trace;
  sim: Simulation;
  /** Segments that reached a host where no socket matched, and what that host sent at that moment. */
  unmatched: { seg: Segment; replies: number; rstReplies: number }[];
}

/** Run steps, watching every arrival for R1 and R3 at the host itself. */
function observe(texts: readonly string[]): Observed {
  const scenario: Scenario = { id: 'graph', profile: 'linux', hosts: ['client', 'server'], steps: texts.map(toStep) };
  const sim = new Simulation(scenario);
  const unmatched: Observed['unmatched'] = [];
  for (const host of sim.hosts.values()) {
    const h = host as Host & { receive: Host['receive'] };
    const original = h.receive.bind(h);
    h.receive = (seg, from, at) => {
      const matched = h.lookup(seg.dport, from, seg.sport) !== undefined;
      const before = sim.trace.segments.length;
      original(seg, from, at);
      if (!matched) {
        const sent = sim.trace.segments.slice(before).filter((s) => s.from === h.name);
        unmatched.push({ seg, replies: sent.length, rstReplies: sent.filter((s) => s.flags.includes('RST')).length });
      }
    };
  }
  for (const step of scenario.steps) {
    try {
      sim.run([step]);
    } catch (e) {
      // A step the system cannot take from here (no socket yet, host down) is skipped, as a user would.
      if (!(e instanceof ScenarioRunError)) throw e;
    }
  }
  return { trace: sim.trace, sim, unmatched };
}

/** Where the system is, without names or numbers: each host's socket states, up or down, and the wire. */
function signature(texts: readonly string[]): string {
  const { sim } = observe(texts);
  const hosts = [...sim.hosts.values()].map((h) => {
    const socks = h.sockets
      .filter((s) => s.state !== 'CLOSED' || s.holder === 'application')
      .map((s) => `${s.state}${s.holder === 'application' ? '*' : ''}`)
      .sort();
    return `${h.name}:${h.up ? 'up' : 'down'}:${socks.join('+')}`;
  });
  return `${hosts.join(' ')} ${sim.net.isCut('client', 'server') ? 'cut' : 'ok'}`;
}

const system = fromTransition((steps: string[], event: { type: string }) => [...steps, event.type], [] as string[]);

describe('a client and a server (xstate/graph over scenario steps)', () => {
  const paths = getShortestPaths(system, {
    events: VOCABULARY.map((type) => ({ type })),
    serializeState: (s: { context: string[] }) => signature(s.context),
    stopWhen: (s: { context: string[] }) => s.context.length >= 5,
    limit: 20000,
  });

  it('explores a bounded set of paths', () => {
    // 221 distinct situations within five steps when this was written; a big change means the model changed.
    expect(paths.length).toBe(PATHS_SYSTEM);
  });

  const runs = paths.map((p) => ({ steps: p.state.context, ...observe(p.state.context) }));

  it('never answers a RST with a RST (R3)', () => {
    for (const run of runs) {
      for (const u of run.unmatched) if (u.seg.ctl === 'rst') expect(u.rstReplies, run.steps.join(' / ')).toBe(0);
    }
  });

  it('answers every other segment that matches no socket with exactly one RST (R1)', () => {
    let checked = 0;
    for (const run of runs) {
      for (const u of run.unmatched) {
        if (u.seg.ctl === 'rst') continue;
        expect(u.rstReplies, run.steps.join(' / ')).toBe(1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a crashed host sends nothing until it reboots', () => {
    for (const run of runs) {
      let down = false;
      let from = 0;
      for (const e of run.trace.events) {
        if (e.host !== 'server' || e.kind !== 'host') continue;
        if (e.what === 'crash') {
          down = true;
          from = e.t;
        }
        if (e.what === 'reboot') {
          expect(run.trace.segments.filter((s) => s.from === 'server' && s.t > from && s.t < e.t)).toEqual([]);
          down = false;
        }
      }
      if (down)
        expect(
          run.trace.segments.filter((s) => s.from === 'server' && s.t > from),
          run.steps.join(' / '),
        ).toEqual([]);
    }
  });

  it('replays each path to the same trace twice', () => {
    for (const run of runs) expect(JSON.stringify(observe(run.steps).trace)).toBe(JSON.stringify(run.trace));
  });
});
