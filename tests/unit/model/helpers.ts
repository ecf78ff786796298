/**
 * Trace queries for the reference tests: small, readable questions about a trace
 * ("which RSTs did the server send?", "what did recv() return?") so that each test
 * reads like the row of article/behaviour.md it checks.
 *
 * Flag notation follows behaviour.md (tcpdump): `S` SYN, `S.` SYN+ACK, `.` ACK,
 * `P.` data+ACK, `F.` FIN+ACK, `R` RST alone, `R.` RST+ACK.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, formatError } from '../../../src/scenario/parse.ts';
import { simulate } from '../../../src/model/index.ts';
import type { Scenario } from '../../../src/model/scenario.ts';
import type { CallName, ProfileName, Trace, TraceEvent, TraceSegment, TraceStep } from '../../../src/model/trace.ts';

export const PROFILE_NAMES: readonly ProfileName[] = ['linux', 'rfc9293'];

// ── scenarios ─────────────────────────────────────────────────────────────────

export const SCENARIO_DIR = join(import.meta.dirname, '../../../exercises/scenarios');

export interface ScenarioFile {
  file: string;
  id: string | null;
  scenario: Scenario | null;
  /** It has an `expect:` block, which `npm run check` verifies. */
  expects: boolean;
  errors: string[];
}

/** Every `*.yaml` / `*.yml` file in exercises/scenarios/, parsed. */
export function scenarioFiles(): ScenarioFile[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(join(SCENARIO_DIR, file), 'utf8');
      const parsed = parseScenario(text, file);
      if (parsed.ok) {
        const { scenario } = parsed;
        return { file, id: scenario.id, scenario, expects: scenario.expect !== undefined, errors: [] };
      }
      // Keep the id if we can see it, so the coverage check still names the file.
      const m = /^id:\s*([\w-]+)/m.exec(text);
      return { file, id: m?.[1] ?? null, scenario: null, expects: false, errors: parsed.errors.map(formatError) };
    });
}

let files: ScenarioFile[] | undefined;
const cache = new Map<string, Trace>();

export function scenarioById(id: string): Scenario {
  files ??= scenarioFiles();
  const f = files.find((s) => s.id === id);
  if (!f) throw new Error(`no scenario with id '${id}' in exercises/scenarios/`);
  if (!f.scenario) throw new Error(`${f.file} does not parse:\n${f.errors.join('\n')}`);
  return f.scenario;
}

/** The trace of scenario `id` under `profile` (memoised: traces are deterministic). */
export function run(id: string, profile: ProfileName): Trace {
  const key = `${id}/${profile}`;
  let t = cache.get(key);
  if (!t) {
    t = simulate(scenarioById(id), { profile });
    cache.set(key, t);
  }
  return t;
}

/** A fresh, unmemoised trace, for the determinism check. */
export function runFresh(id: string, profile: ProfileName): Trace {
  return simulate(scenarioById(id), { profile });
}

// ── sequence arithmetic (mod 2^32) ───────────────────────────────────────────

export const add32 = (a: number, n: number): number => (a + n) >>> 0;
/** a is after b in sequence space (RFC 9293 §3.4). */
export const seqAfter = (a: number, b: number): boolean => ((a - b) | 0) > 0;

/** Sequence space a segment occupies: data, plus 1 each for SYN and FIN. */
export const segLen = (s: TraceSegment): number =>
  s.len + (s.flags.includes('SYN') ? 1 : 0) + (s.flags.includes('FIN') ? 1 : 0);
/** The sequence number right after this segment. */
export const seqEnd = (s: TraceSegment): number => add32(s.seq, segLen(s));

// ── segments ──────────────────────────────────────────────────────────────────

/** behaviour.md notation of a segment's flags: S, S., ., P., F., R, R. … */
export function notation(s: TraceSegment): string {
  const letters = [
    s.flags.includes('FIN') ? 'F' : '',
    s.flags.includes('SYN') ? 'S' : '',
    s.flags.includes('RST') ? 'R' : '',
    s.flags.includes('PSH') ? 'P' : '',
  ].join('');
  return letters + (s.flags.includes('ACK') ? '.' : '');
}

export const isRst = (s: TraceSegment): boolean => s.flags.includes('RST');
export const isFin = (s: TraceSegment): boolean => s.flags.includes('FIN');
export const isSyn = (s: TraceSegment): boolean => s.flags.includes('SYN');
export const hasAck = (s: TraceSegment): boolean => s.flags.includes('ACK');
export const isData = (s: TraceSegment): boolean => s.len > 0;

export interface SegQuery {
  from?: string;
  to?: string;
  /** behaviour.md notation, exact: 'R' matches RST alone, 'R.' only RST+ACK. */
  flags?: string;
  /** Any RST / FIN / SYN, whatever else is set. */
  rst?: boolean;
  fin?: boolean;
  syn?: boolean;
  /** Carries payload. */
  data?: boolean;
  reason?: string;
  retransmission?: boolean;
  delivered?: boolean;
  /** Sent during this step or later (a label or a 1-based index). */
  since?: string | number;
  /** Sent before this step (a label or a 1-based index). */
  before?: string | number;
  /** Sent during exactly this step. */
  during?: string | number;
  /** A port on either end (identifies a connection together with the host names). */
  port?: number;
  /** Sent at or after / before this time (seconds). */
  after?: number;
  until?: number;
}

export function segs(trace: Trace, q: SegQuery = {}): TraceSegment[] {
  const since = q.since === undefined ? undefined : stepIndex(trace, q.since);
  const before = q.before === undefined ? undefined : stepIndex(trace, q.before);
  const during = q.during === undefined ? undefined : stepIndex(trace, q.during);
  return trace.segments.filter(
    (s) =>
      (q.from === undefined || s.from === q.from) &&
      (q.to === undefined || s.to === q.to) &&
      (q.flags === undefined || notation(s) === q.flags) &&
      (q.rst === undefined || isRst(s) === q.rst) &&
      (q.fin === undefined || isFin(s) === q.fin) &&
      (q.syn === undefined || isSyn(s) === q.syn) &&
      (q.data === undefined || isData(s) === q.data) &&
      (q.reason === undefined || s.reason === q.reason) &&
      (q.retransmission === undefined || (s.retransmission === true) === q.retransmission) &&
      (q.delivered === undefined || s.delivered === q.delivered) &&
      (since === undefined || s.step >= since) &&
      (before === undefined || s.step < before) &&
      (during === undefined || s.step === during) &&
      (q.port === undefined || s.sport === q.port || s.dport === q.port) &&
      (q.after === undefined || s.t >= q.after) &&
      (q.until === undefined || s.t < q.until),
  );
}

/** Exactly one segment matches; returns it. */
export function one(trace: Trace, q: SegQuery): TraceSegment {
  const found = segs(trace, q);
  const [only] = found;
  if (only === undefined || found.length !== 1) {
    throw new Error(
      `expected exactly one segment matching ${JSON.stringify(q)}, found ${found.length}:\n${wireOf(found)}`,
    );
  }
  return only;
}

/** The first segment that matches, or an error naming the query. */
export function first(trace: Trace, q: SegQuery): TraceSegment {
  const s = segs(trace, q)[0];
  if (!s) throw new Error(`no segment matches ${JSON.stringify(q)}\n${wire(trace)}`);
  return s;
}

export function last(trace: Trace, q: SegQuery): TraceSegment {
  const found = segs(trace, q);
  const s = found[found.length - 1];
  if (!s) throw new Error(`no segment matches ${JSON.stringify(q)}\n${wire(trace)}`);
  return s;
}

export const rstsFrom = (trace: Trace, host?: string, q: SegQuery = {}): TraceSegment[] =>
  segs(trace, { ...q, ...(host === undefined ? {} : { from: host }), rst: true });

/** behaviour.md wire notation, e.g. `c:S s:R.` (host initials). */
export function wireOf(list: readonly TraceSegment[]): string {
  return list.map((s) => `${s.from[0]}:${notation(s)}`).join(' ');
}
export const wire = (trace: Trace, q: SegQuery = {}): string => wireOf(segs(trace, q));

/**
 * The next sequence number a host would send on the connection between `port` and its
 * peer, from what it has put on the wire before time `t` (RSTs excluded): SND.NXT.
 */
export function sndNxt(trace: Trace, host: string, port: number, t = Infinity): number {
  return highestEnd(segs(trace, { from: host, port, rst: false, until: t }));
}

/**
 * What a host expects next from its peer on that connection: the end of the peer's
 * in-sequence, delivered segments that arrived before time `t` (RSTs excluded): RCV.NXT.
 */
export function rcvNxt(trace: Trace, host: string, port: number, t = Infinity): number {
  return highestEnd(
    segs(trace, { to: host, port, rst: false, delivered: true }).filter((s) => s.arrival < t && s.reason !== 'forged'),
  );
}

function highestEnd(list: readonly TraceSegment[]): number {
  let best: number | undefined;
  for (const s of list) {
    const end = seqEnd(s);
    if (best === undefined || seqAfter(end, best)) best = end;
  }
  if (best === undefined) throw new Error('no segments to compute a sequence number from');
  return best;
}

// ── steps ─────────────────────────────────────────────────────────────────────

/** 1-based step index for a label (or the index itself). */
export function stepIndex(trace: Trace, ref: string | number): number {
  if (typeof ref === 'number') return ref;
  const s = trace.steps.find((x) => x.label === ref);
  if (!s) throw new Error(`no step labelled '${ref}' in ${trace.scenario}`);
  return s.index;
}

export function step(trace: Trace, ref: string | number): TraceStep {
  const i = stepIndex(trace, ref);
  const s = trace.steps.find((x) => x.index === i);
  if (!s) throw new Error(`no step ${i} in ${trace.scenario}`);
  return s;
}

// ── events ────────────────────────────────────────────────────────────────────

type Ev<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

export interface EvQuery {
  socket?: string;
  since?: string | number;
  before?: string | number;
  during?: string | number;
}

function evs<K extends TraceEvent['kind']>(trace: Trace, kind: K, host: string, q: EvQuery): Ev<K>[] {
  const since = q.since === undefined ? undefined : stepIndex(trace, q.since);
  const before = q.before === undefined ? undefined : stepIndex(trace, q.before);
  const during = q.during === undefined ? undefined : stepIndex(trace, q.during);
  return trace.events.filter(
    (e): e is Ev<K> =>
      e.kind === kind &&
      e.host === host &&
      (q.socket === undefined || e.socket === q.socket) &&
      (since === undefined || e.step >= since) &&
      (before === undefined || e.step < before) &&
      (during === undefined || e.step === during),
  );
}

/** Application calls of a host (optionally one call name), in order. */
export function calls(trace: Trace, host: string, call?: CallName, q: EvQuery = {}): Ev<'call'>[] {
  return evs(trace, 'call', host, q).filter((e) => call === undefined || e.call === call);
}

/** What those calls returned, e.g. ['ECONNRESET', 'eof']. */
export const results = (trace: Trace, host: string, call?: CallName, q: EvQuery = {}): string[] =>
  calls(trace, host, call, q).map((e) => e.result);

/**
 * What the application sees, in order: `send:ok`, `recv:ECONNRESET`, and asynchronous
 * errors as `error:ETIMEDOUT`. Setup calls (listen, bind, accept, linger, keepalive) are left out.
 */
export function appSees(trace: Trace, host: string, q: EvQuery = {}): string[] {
  const setup = new Set(['listen', 'bind', 'accept', 'linger', 'keepalive']);
  return [...evs(trace, 'call', host, q), ...evs(trace, 'error', host, q)]
    .sort((a, b) => trace.events.indexOf(a) - trace.events.indexOf(b))
    .filter((e) => e.kind !== 'call' || !setup.has(e.call))
    .map((e) => (e.kind === 'call' ? `${e.call}:${e.result}` : `error:${e.errno}`));
}

/** Errnos set on a host's sockets asynchronously (a RST, a timer giving up). */
export const errors = (trace: Trace, host: string, q: EvQuery = {}): string[] =>
  evs(trace, 'error', host, q).map((e) => e.errno);

export const errorEvents = (trace: Trace, host: string, q: EvQuery = {}): Ev<'error'>[] => evs(trace, 'error', host, q);

/** State changes of a host's sockets as `FROM>TO`. */
export const states = (trace: Trace, host: string, q: EvQuery = {}): string[] =>
  evs(trace, 'state', host, q).map((e) => `${e.from}>${e.to}`);

export const stateEvents = (trace: Trace, host: string, q: EvQuery = {}): Ev<'state'>[] => evs(trace, 'state', host, q);

/** Did any socket of the host enter `state`? */
export const reached = (trace: Trace, host: string, state: string, q: EvQuery = {}): boolean =>
  evs(trace, 'state', host, q).some((e) => e.to === state);

/** The socket's state just before time t (the last change strictly before t). */
export function stateBefore(trace: Trace, host: string, socket: string, t: number): string {
  let st = 'CLOSED';
  for (const e of evs(trace, 'state', host, { socket })) if (e.t < t) st = e.to;
  return st;
}

/** The socket's state at the end of the trace. */
export const finalState = (trace: Trace, host: string, socket: string): string =>
  stateBefore(trace, host, socket, Infinity);

/** Timers that fired on a host, by name. */
export const timers = (trace: Trace, host: string, q: EvQuery = {}): string[] =>
  evs(trace, 'timer', host, q).map((e) => e.timer);

/** The socket name a host's connection on `port` goes by in events (its local port, or `as` name). */
export function socketOfCall(trace: Trace, host: string, call: CallName, nth = 0): string {
  const c = calls(trace, host, call)[nth];
  if (!c?.socket) throw new Error(`no ${call}() #${nth} on ${host}`);
  return c.socket;
}

/** The socket that made the state change `FROM>TO` (the first one matching). */
export function socketChanging(trace: Trace, host: string, change: string, q: EvQuery = {}): string {
  const e = stateEvents(trace, host, q).find((x) => `${x.from}>${x.to}` === change);
  if (!e?.socket) throw new Error(`no ${change} on ${host} (${JSON.stringify(q)})`);
  return e.socket;
}
