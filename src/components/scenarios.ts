/**
 * Build-time registry of the scenarios in exercises/scenarios/: parsed once, simulated
 * once per profile. Lesson pages get traces from here; none of this ships to the browser.
 */
import { simulate, type BeliefId, type ProfileName, type Trace } from '../model/index.ts';
import { formatError, parseScenario, type ParsedScenario } from '../scenario/parse.ts';

const sources = import.meta.glob<string>('/exercises/scenarios/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

let cache: Map<string, ParsedScenario> | null = null;
const traces = new Map<string, Trace>();

export function allScenarios(): Map<string, ParsedScenario> {
  if (cache) return cache;
  cache = new Map();
  for (const [path, text] of Object.entries(sources)) {
    const file = path.replace(/^\//, '');
    const parsed = parseScenario(text, file);
    if (!parsed.ok) throw new Error(parsed.errors.map(formatError).join('\n'));
    cache.set(parsed.scenario.id, parsed.scenario);
  }
  return cache;
}

export function scenarioById(id: string): ParsedScenario {
  const found = allScenarios().get(id);
  if (!found)
    throw new Error(
      `no scenario '${id}' in exercises/scenarios/ (known: ${[...allScenarios().keys()].sort().join(', ')})`,
    );
  return found;
}

/** The scenario's trace under `profile` (its own by default), or as someone holding `belief` expects it. */
export function traceOf(id: string, profile?: ProfileName, belief?: BeliefId): Trace {
  const scenario = scenarioById(id);
  const p = profile ?? scenario.profile;
  const key = belief ? `${id}|belief:${belief}` : `${id}|${p}`;
  let trace = traces.get(key);
  if (!trace) {
    trace = simulate(scenario, belief ? { belief } : { profile: p });
    traces.set(key, trace);
  }
  return trace;
}

/** Figure ids already used while rendering one page (keyed by its request), so a scenario shown twice gets two ids. */
export const shown = new WeakMap<object, Set<string>>();
