/**
 * One playground run: scenario text in, mistakes by line or a trace out. Pure; the
 * playground calls it in a Web Worker so that a scenario that runs for seconds (a short
 * keepalive interval over a long wait) never freezes the page.
 */
import { ScenarioRunError, simulate, type BeliefId, type ProfileName, type Trace } from '../model/index.ts';
import type { LocalizedText, Scenario } from '../model/scenario.ts';
import { parseScenario } from '../scenario/parse.ts';

export interface RunRequest {
  /** Replies carry it back, so an answer to an older edit is recognised and dropped. */
  seq: number;
  text: string;
  /** null: the scenario's own `profile:`. */
  profile: ProfileName | null;
  /** Also run the scenario as someone holding this misconception expects it; null: don't. */
  belief: BeliefId | null;
}

/** The belief's run: its trace, or why the model could not run the scenario that way. */
export type Believed = { trace: Trace } | { error: string };

export interface Problem {
  line: number | null;
  message: string;
}

export type RunOutcome =
  | { kind: 'problems'; problems: Problem[] }
  | {
      kind: 'trace';
      id: string;
      title: LocalizedText | null;
      hosts: string[];
      trace: Trace;
      /** Present when a belief was asked for. */
      believed: Believed | null;
    }
  /** The model failed in a way that is not the author's mistake. */
  | { kind: 'crash'; message: string };

export function runScenario(text: string, profile: ProfileName | null, belief: BeliefId | null = null): RunOutcome {
  const parsed = parseScenario(text, 'scenario');
  if (!parsed.ok) return { kind: 'problems', problems: parsed.errors.map(({ line, message }) => ({ line, message })) };
  const { scenario } = parsed;
  try {
    const trace = simulate(scenario, profile === null ? {} : { profile });
    const believed = belief === null ? null : runBelief(scenario, belief);
    return { kind: 'trace', id: scenario.id, title: scenario.title ?? null, hosts: scenario.hosts, trace, believed };
  } catch (error) {
    // A scenario can parse and still not run (an ambiguous socket): the model names the line.
    if (error instanceof ScenarioRunError)
      return { kind: 'problems', problems: [{ line: error.line, message: error.message }] };
    return { kind: 'crash', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The scenario as `belief` pictures it (the linux profile with the belief's overlay). Its
 * failure is reported beside TCP's trace, never instead of it: the author's scenario ran.
 */
function runBelief(scenario: Scenario, belief: BeliefId): Believed {
  try {
    return { trace: simulate(scenario, { belief }) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
