/**
 * Checks an exercise file needs beyond its schema: step references that name real steps,
 * hosts that exist, well-formed goal predicates and unique question ids, each located at
 * its line with a suggestion for near misses.
 */
import { TCP_STATES } from '../model/index.ts';
import type { LocatedProblem, ParsedScenario } from '../scenario/parse.ts';
import { didYouMean, listWords } from '../scenario/suggest.ts';
import type { YamlTree } from '../scenario/yaml-tree.ts';
import { isFlagSet } from './kinds.ts';
import type { PredicateDoc } from './schema.ts';
import type { Question } from './types.ts';

/** A step label or 1-based index to its index, or why it names no step. */
export function resolveStep(ref: string | number, scenario: ParsedScenario): number | string {
  const n = scenario.steps.length;
  if (typeof ref === 'number') return ref <= n ? ref : `step ${ref} does not exist — the scenario has ${n} steps`;
  const index = scenario.steps.findIndex((s) => s.label === ref);
  if (index !== -1) return index + 1;
  const labels = scenario.steps.flatMap((s) => (s.label === undefined ? [] : [s.label]));
  const hint =
    didYouMean(ref, labels) ||
    (labels.length === 0
      ? ' — the scenario has no labels; use a 1-based index'
      : ` — the labels are ${listWords(labels, 'and')}`);
  return `no step labelled '${ref}'${hint}`;
}

export function unknownHost(where: string, host: string, scenario: ParsedScenario): string {
  return `${where}: unknown host '${host}'${didYouMean(host, scenario.hosts) || ` — the hosts are ${listWords(scenario.hosts, 'and')}`}`;
}

export function checkPredicate(
  p: PredicateDoc,
  path: PropertyKey[],
  tree: YamlTree,
  scenario: ParsedScenario,
  where: string,
  problems: LocatedProblem[],
): void {
  const hostAt = (host: string | undefined, key: PropertyKey[]) => {
    if (host !== undefined && !scenario.hosts.includes(host))
      problems.push({ line: tree.lineAt(key), message: unknownHost(where, host, scenario) });
  };
  if (p.segment !== undefined) {
    hostAt(p.segment.from, [...path, 'segment', 'from']);
    hostAt(p.segment.to, [...path, 'segment', 'to']);
    if (p.segment.flags !== undefined && !isFlagSet(p.segment.flags)) {
      problems.push({
        line: tree.lineAt([...path, 'segment', 'flags']),
        message: `${where}: '${p.segment.flags}' is not a flag set — write flags in header order joined by +, e.g. RST+ACK`,
      });
    }
  }
  if (p.result !== undefined) hostAt(p.result.host, [...path, 'result', 'host']);
  if (p.state !== undefined) {
    hostAt(p.state.host, [...path, 'state', 'host']);
    if (!TCP_STATES.includes(p.state.state)) return;
  }
  if (p.not !== undefined) checkPredicate(p.not, [...path, 'not'], tree, scenario, where, problems);
  p.all?.forEach((c, i) => {
    checkPredicate(c, [...path, 'all', i], tree, scenario, where, problems);
  });
  p.any?.forEach((c, i) => {
    checkPredicate(c, [...path, 'any', i], tree, scenario, where, problems);
  });
}

export function checkIds(questions: readonly (Question | null)[], tree: YamlTree, problems: LocatedProblem[]): void {
  const seen = new Map<string, number>();
  for (const q of questions) {
    if (q === null) continue;
    const first = seen.get(q.id);
    if (first === undefined) seen.set(q.id, q.index);
    else
      problems.push({
        line: tree.lineAt(['questions', q.index, 'id']),
        message: `question ${q.index + 1}: id '${q.id}' is already used by question ${first + 1} — ids must be unique`,
      });
  }
}
