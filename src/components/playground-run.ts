/**
 * One playground run: scenario text in, mistakes by line or a trace out. Pure; the
 * playground calls it in a Web Worker so that a scenario that runs for seconds (a short
 * keepalive interval over a long wait) never freezes the page.
 */
import { ScenarioRunError, simulate, type ProfileName, type Trace } from '../model/index.ts';
import type { LocalizedText } from '../model/scenario.ts';
import { parseScenario } from '../scenario/parse.ts';

export interface RunRequest {
  /** Replies carry it back, so an answer to an older edit is recognised and dropped. */
  seq: number;
  text: string;
  /** null: the scenario's own `profile:`. */
  profile: ProfileName | null;
}

export interface Problem {
  line: number | null;
  message: string;
}

export type RunOutcome =
  | { kind: 'problems'; problems: Problem[] }
  | { kind: 'trace'; id: string; title: LocalizedText | null; hosts: string[]; trace: Trace }
  /** The model failed in a way that is not the author's mistake. */
  | { kind: 'crash'; message: string };

export function runScenario(text: string, profile: ProfileName | null): RunOutcome {
  const parsed = parseScenario(text, 'scenario');
  if (!parsed.ok) return { kind: 'problems', problems: parsed.errors.map(({ line, message }) => ({ line, message })) };
  const { scenario } = parsed;
  try {
    const trace = simulate(scenario, profile === null ? {} : { profile });
    return { kind: 'trace', id: scenario.id, title: scenario.title ?? null, hosts: scenario.hosts, trace };
  } catch (error) {
    // A scenario can parse and still not run (an ambiguous socket): the model names the line.
    if (error instanceof ScenarioRunError)
      return { kind: 'problems', problems: [{ line: error.line, message: error.message }] };
    return { kind: 'crash', message: error instanceof Error ? error.message : String(error) };
  }
}
