/**
 * Hypotheses checked by simulation: a story's scenario runs through the model, its trace
 * goes through the same tracker as the capture, and the hypothesis is confirmed when the
 * model sends a segment for that very reason whose wire facts equal the captured one's.
 */
import { simulate, type Trace } from '../model/index.ts';
import type { Scenario } from '../model/scenario.ts';
import type { TcpState } from '../model/states.ts';
import type { ProfileName, Reason, TraceSegment } from '../model/trace.ts';
import { HOSTS, type Situation, type Story } from './stories.ts';
import { traceConnections } from './trace-conns.ts';
import type { EndEvent } from './conn.ts';
import { sameSignature, signature, type Signature } from './wire.ts';

export interface Hypothesis {
  reason: Reason;
  /** The profile the story ran under: Linux first, the letter of RFC 9293 when Linux explains nothing. */
  profile: ProfileName;
  variant: string;
  scenario: Scenario | null;
  confirmed: boolean;
  /** The sender's state just before the segment, in the simulation that confirmed it. */
  state: TcpState | 'no socket' | null;
  /** False when the model cannot stage this story: the hypothesis stays open, unchecked. */
  checked: boolean;
  /** Why the simulation could not even run, if it could not. */
  failure: string | null;
}

/** Segments the host sends with no socket behind them (behaviour.md R1, R2). */
const HOST_REASONS: ReadonlySet<Reason> = new Set(['no-listener', 'no-connection']);
const CACHE_SIZE = 1024;
/** One RST or FIN of a simulation, read back through the tracker, with its wire facts. */
interface SimulatedEnd {
  ports: [number, number];
  hosts: [string, string];
  kind: EndEvent['kind'];
  from: 0 | 1;
  /** 1-based index of the segment in the trace. */
  n: number;
  reason: Reason | undefined;
  signature: Signature;
}
/** A simulation's trace and its resets and FINs; or why it could not run. */
type Outcome = { trace: Trace; ends: SimulatedEnd[] } | string;
const cache = new Map<string, Outcome>();
/** How many hypotheses were checked, and how many of them needed a simulation of their own. */
export const simulationStats = { checks: 0, runs: 0 };

/** Simulations are deterministic (seed fixed), so one run serves every connection that tells the same story. */
function run(scenario: Scenario): Outcome {
  let key = `${scenario.profile}|${JSON.stringify(scenario.tune ?? null)}`;
  for (const step of scenario.steps) key += `\n${step.text}`;
  simulationStats.checks++;
  const known = cache.get(key);
  if (known !== undefined) return known;
  simulationStats.runs++;
  let result: Outcome;
  try {
    const trace = simulate(scenario);
    const { conns, reasonOf } = traceConnections(trace);
    const ends = conns.flatMap((conn) =>
      conn.events.map((ev) => ({
        ports: conn.port,
        hosts: conn.ip,
        kind: ev.kind,
        from: ev.seg.from,
        n: ev.seg.n,
        reason: reasonOf(ev.seg),
        signature: signature(ev),
      })),
    );
    result = { trace, ends };
  } catch (error) {
    result = error instanceof Error ? error.message : String(error);
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, result);
  return result;
}

export function checkStory(
  story: Story,
  sit: Situation,
  captured: Signature,
  id: string,
  profile: ProfileName = 'linux',
): Hypothesis {
  if (story.build === null) {
    return {
      reason: story.reason,
      profile,
      variant: story.variant,
      scenario: null,
      confirmed: false,
      state: null,
      checked: false,
      failure: null,
    };
  }
  const scenario = story.build.build(id, [HOSTS[0], HOSTS[1]], profile);
  const outcome = run(scenario);
  const base = { reason: story.reason, profile, variant: story.variant, scenario, checked: true };
  if (typeof outcome === 'string') return { ...base, confirmed: false, state: null, failure: outcome };
  const x = sit.x;
  const [cport, sport] = sit.ports;
  const { trace } = outcome;
  for (const end of outcome.ends) {
    if (end.ports[1] !== sport || end.hosts[x] !== HOSTS[x]) continue;
    if (end.ports[0] !== cport && !story.anyClientPort) continue;
    if (end.kind !== sit.ev.kind || end.from !== x || end.reason !== story.reason) continue;
    if (!sameSignature(captured, end.signature)) continue;
    const segment = trace.segments[end.n - 1];
    const state =
      HOST_REASONS.has(story.reason) || segment === undefined ? 'no socket' : stateBefore(trace, segment, x, sport);
    return { ...base, confirmed: true, state, failure: null };
  }
  return { ...base, confirmed: false, state: null, failure: null };
}

/**
 * The state of the sender's socket when the segment left: after every change of earlier
 * steps, before the ones the segment's own step made (a change at the same moment in the
 * same step is the one the segment belongs to).
 */
function stateBefore(trace: Trace, segment: TraceSegment, x: 0 | 1, port: number): TcpState | null {
  const socket = x === 0 ? 'c' : `${port}#1`;
  let before: TcpState | null = null;
  for (const ev of trace.events) {
    if (ev.kind !== 'state' || ev.host !== HOSTS[x] || ev.socket !== socket) continue;
    if (ev.t < segment.t || (ev.t === segment.t && ev.step < segment.step)) before = ev.to;
    else if (ev.t === segment.t) return before ?? ev.from;
  }
  return before;
}
