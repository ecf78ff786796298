/**
 * Goal challenges: a predicate on the trace, the learner's steps checked against the toolbox
 * and run through the model, and a bounded breadth-first search over toolbox steps that proves
 * a goal reachable and not already met at the start. The model decides; this only reads traces.
 */
import { ScenarioRunError, simulate, type ProfileName, type Step, type Trace } from '../model/index.ts';
import type { ParsedScenario } from '../scenario/parse.ts';
import type { StepDoc } from '../scenario/schema.ts';
import { readSteps } from '../scenario/steps.ts';
import { sentBy } from './answers.ts';
import { flagSet, segmentClass } from './kinds.ts';
import type { PredicateDoc } from './schema.ts';
import type { GoalQuestion } from './types.ts';

/** Does the trace meet the predicate? Several keys in one mapping must all hold. */
export function meets(trace: Trace, p: PredicateDoc): boolean {
  const checks: boolean[] = [];
  if (p.segment !== undefined) {
    const { from, to, is, flags, reason } = p.segment;
    checks.push(
      sentBy(trace, from).some(
        (s) =>
          (to === undefined || s.to === to) &&
          (is === undefined || segmentClass(s.flags, s.len) === is) &&
          (flags === undefined || flagSet(s.flags) === flags) &&
          (reason === undefined || s.reason === reason),
      ),
    );
  }
  if (p.result !== undefined) {
    const { host, socket, call, result } = p.result;
    checks.push(
      trace.events.some(
        (e) =>
          e.kind === 'call' &&
          e.host === host &&
          e.result === result &&
          (socket === undefined || e.socket === socket) &&
          (call === undefined || e.call === call),
      ),
    );
  }
  if (p.state !== undefined) {
    const { host, socket, state } = p.state;
    checks.push(
      trace.events.some(
        (e) => e.kind === 'state' && e.host === host && e.to === state && (socket === undefined || e.socket === socket),
      ),
    );
  }
  if (p.not !== undefined) checks.push(!meets(trace, p.not));
  if (p.all !== undefined) checks.push(p.all.every((c) => meets(trace, c)));
  if (p.any !== undefined) checks.push(p.any.some((c) => meets(trace, c)));
  return checks.every(Boolean);
}

/** One learner step ("client: send 100", "wait: 5s", "network: partition") read against the toolbox. */
export function readGoalStep(
  q: GoalQuestion,
  hosts: readonly string[],
  text: string,
  index: number,
): { ok: true; step: Step } | { ok: false; message: string } {
  const colon = text.indexOf(':');
  const key = colon === -1 ? '' : text.slice(0, colon).trim();
  const value = colon === -1 ? '' : text.slice(colon + 1).trim();
  const verb = key === 'wait' ? 'wait' : (value.split(/\s+/)[0] ?? '');
  if (key === '')
    return { ok: false, message: `step ${index + 1}: expected 'HOST: VERB ARGS', 'wait: D' or 'network: …'` };
  if (!q.toolbox.includes(verb))
    return { ok: false, message: `step ${index + 1}: '${verb}' is not in the toolbox (${q.toolbox.join(', ')})` };
  const host = key.split('.')[0] ?? key;
  if (key !== 'wait' && key !== 'network' && !q.hosts.includes(host)) {
    return { ok: false, message: `step ${index + 1}: you may act only for ${q.hosts.join(', ')}` };
  }
  const doc = { [key]: value } as StepDoc;
  const { steps, problems } = readSteps([{ index, doc, keys: [key] }], hosts, () => null);
  const step = steps[0];
  if (step === undefined) return { ok: false, message: `step ${index + 1}: ${problems[0]?.message ?? 'not a step'}` };
  return { ok: true, step };
}

/** The scenario's first `at` steps, then `extra`. */
function withSteps(scenario: ParsedScenario, at: number, extra: readonly Step[]): ParsedScenario {
  return { ...scenario, steps: [...scenario.steps.slice(0, at), ...extra] };
}

/** Runs the start plus the steps; a step that cannot run (an ambiguous socket, a host that is down) is reported. */
export function runGoal(
  scenario: ParsedScenario,
  profile: ProfileName,
  q: GoalQuestion,
  extra: readonly Step[],
): { ok: true; trace: Trace; met: boolean } | { ok: false; message: string } {
  try {
    const trace = simulate(withSteps(scenario, q.at, extra), { profile });
    return { ok: true, trace, met: meets(trace, q.goal) };
  } catch (error) {
    if (error instanceof ScenarioRunError) return { ok: false, message: error.message };
    throw error;
  }
}

/** Longest toolbox sequence the search tries, and most simulations it may run. */
export const SEARCH_DEPTH = 3;
export const SEARCH_BUDGET = 6000;

/** The concrete steps the search tries for each toolbox verb (a learner may write any arguments). */
export function candidateSteps(scenario: ParsedScenario, q: GoalQuestion): string[] {
  const ports = new Map<string, Set<number>>();
  const note = (host: string, port: number) => {
    if (!ports.has(host)) ports.set(host, new Set());
    ports.get(host)?.add(port);
  };
  for (const s of scenario.steps) {
    if (s.kind !== 'host') continue;
    const a = s.action;
    if (a.verb === 'listen' || a.verb === 'bind') note(s.host, a.port);
    if (a.verb === 'connect') note(a.host, a.port);
  }
  const args: Record<string, string[]> = {
    send: ['send 100'],
    recv: ['recv'],
    shutdown: ['shutdown write', 'shutdown read', 'shutdown both'],
    linger: ['linger 0s'],
    keepalive: ['keepalive 1s 1s 2'],
  };
  const out: string[] = [];
  for (const verb of q.toolbox) {
    if (verb === 'wait') out.push('wait: 1s', 'wait: 2m', 'wait: 20m');
    else if (verb === 'partition' || verb === 'heal') out.push(`network: ${verb}`);
    else
      for (const host of q.hosts) {
        const mine = [...(ports.get(host) ?? [])];
        const others = [...ports].filter(([h]) => h !== host).flatMap(([h, ps]) => [...ps].map((p) => `${h}:${p}`));
        const forms =
          verb === 'listen' || verb === 'bind'
            ? mine.map((p) => `${verb} ${p}`)
            : verb === 'connect'
              ? others.map((to) => `connect ${to}`)
              : (args[verb] ?? [verb]);
        for (const form of forms) out.push(`${host}: ${form}`);
      }
  }
  return out;
}

export type GoalCheck =
  | { ok: true; witness: string[]; tried: number }
  | { ok: false; why: 'met-at-start' | 'unreachable' | 'start-fails'; message: string; tried: number };

/** Proves the goal well posed: not met by the start alone, met by some toolbox sequence of at most SEARCH_DEPTH steps. */
export function checkGoal(scenario: ParsedScenario, profile: ProfileName, q: GoalQuestion): GoalCheck {
  const start = runGoal(scenario, profile, q, []);
  if (!start.ok) return { ok: false, why: 'start-fails', message: `the start cannot run: ${start.message}`, tried: 1 };
  if (start.met) return { ok: false, why: 'met-at-start', message: 'the goal is already met at the start', tried: 1 };
  const candidates = candidateSteps(scenario, q).flatMap((text, i) => {
    const read = readGoalStep(q, scenario.hosts, text, i);
    return read.ok ? [{ text, step: read.step }] : [];
  });
  let frontier: { texts: string[]; steps: Step[] }[] = [{ texts: [], steps: [] }];
  let tried = 1;
  for (let depth = 1; depth <= SEARCH_DEPTH; depth++) {
    const next: typeof frontier = [];
    for (const path of frontier) {
      for (const c of candidates) {
        if (tried >= SEARCH_BUDGET) break;
        const steps = [...path.steps, c.step];
        const texts = [...path.texts, c.text];
        tried++;
        const run = runGoal(scenario, profile, q, steps);
        if (!run.ok) continue;
        if (run.met) return { ok: true, witness: texts, tried };
        next.push({ texts, steps });
      }
    }
    frontier = next;
  }
  const message = `no sequence of up to ${SEARCH_DEPTH} toolbox steps meets the goal (${tried} runs tried)`;
  return { ok: false, why: 'unreachable', message, tried };
}
