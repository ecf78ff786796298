/**
 * parseExercise: an exercise file's text to a typed Exercise, or errors that each name the file
 * and the 1-based line, with a suggestion for near misses. Pure: the scenarios it may name are
 * passed in; nothing is read from disk and nothing throws on bad input.
 */
import { z } from 'zod';
import type { LocalizedText } from '../model/index.ts';
import { describeIssue, describeValue, GENERIC_ISSUE } from '../scenario/issues.ts';
import {
  MAX_SCENARIO_BYTES,
  parseScenarioValue,
  printable,
  type LocatedProblem,
  type ParsedScenario,
  type ScenarioError,
} from '../scenario/parse.ts';
import { didYouMean, listWords } from '../scenario/suggest.ts';
import { readYamlTree, type YamlTree } from '../scenario/yaml-tree.ts';
import { ASK_KINDS, isFlagSet, vocabulary, type AskKind } from './kinds.ts';
import { ExerciseDocSchema, QUESTION_SCHEMAS } from './schema.ts';
import { checkIds, checkPredicate, resolveStep, unknownHost } from './parse-checks.ts';
import type { ChoiceQuestion, Exercise, GoalQuestion, Question } from './types.ts';

export type ExerciseParseResult = { ok: true; exercise: Exercise } | { ok: false; errors: ScenarioError[] };

/** Keys of an inline scenario, read by the scenario parser so its errors are the scenario language's own. */
const INLINE_KEYS = ['profile', 'hosts', 'seed', 'tune', 'steps'] as const;

const TopSchema = ExerciseDocSchema.extend({
  profile: z.unknown().optional(),
  hosts: z.unknown().optional(),
  seed: z.unknown().optional(),
  tune: z.unknown().optional(),
  steps: z.unknown().optional(),
  questions: z.array(z.unknown()).min(1, { error: 'an exercise needs at least one question' }),
});

/** Parses one exercise file; `scenarios` looks up `scenario: ID`. */
export function parseExercise(
  text: string,
  file: string,
  scenarios: (id: string) => ParsedScenario | undefined,
  scenarioIds: readonly string[] = [],
): ExerciseParseResult {
  const fail = (problems: readonly LocatedProblem[]): ExerciseParseResult => ({
    ok: false,
    errors: [...problems]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      .map((p) => ({ file, line: p.line, message: printable(p.message) })),
  });
  if (text.length > MAX_SCENARIO_BYTES) {
    return fail([
      { line: null, message: `file is too large: an exercise may be at most ${MAX_SCENARIO_BYTES / 1024} KiB` },
    ]);
  }
  const read = readYamlTree(text);
  if (!read.ok) return fail(read.problems);
  const { tree } = read;
  if (tree.value === null || tree.value === undefined) {
    return fail([{ line: null, message: 'file is empty — expected an exercise with id, lesson, title and questions' }]);
  }
  if (typeof tree.value !== 'object' || Array.isArray(tree.value)) {
    const found = describeValue(tree.value);
    return fail([
      { line: tree.lineAt([]), message: `expected a mapping with id, lesson, title and questions, found ${found}` },
    ]);
  }
  const raw = tree.value as Record<string, unknown>;
  const problems: LocatedProblem[] = [];
  const top = TopSchema.safeParse(raw, { reportInput: true, error: () => GENERIC_ISSUE });
  if (!top.success) {
    const root = { schema: ExerciseDocSchema, name: 'the exercise' };
    problems.push(...top.error.issues.flatMap((issue) => describeIssue(issue, tree, root)));
  }
  const scenario = readScenarioPart(raw, tree, scenarios, scenarioIds, problems);
  const questionDocs = Array.isArray(raw['questions']) ? (raw['questions'] as unknown[]) : [];
  const questions = questionDocs.map((doc, i) => readQuestion(doc, i, tree, scenario, problems));
  checkIds(questions, tree, problems);
  if (!top.success || scenario === null || problems.length > 0) return fail(problems);
  const exercise: Exercise = {
    id: top.data.id,
    lesson: top.data.lesson,
    title: top.data.title,
    file,
    scenario,
    scenarioId: top.data.scenario ?? null,
    profile: (raw['profile'] as Exercise['profile'] | undefined) ?? scenario.profile,
    questions: questions.filter((q): q is Question => q !== null),
  };
  return { ok: true, exercise };
}

/** The scenario named by `scenario:`, or the inline one; null after reporting why there is none. */
function readScenarioPart(
  raw: Record<string, unknown>,
  tree: YamlTree,
  scenarios: (id: string) => ParsedScenario | undefined,
  scenarioIds: readonly string[],
  problems: LocatedProblem[],
): ParsedScenario | null {
  const named = raw['scenario'];
  const inline = INLINE_KEYS.filter((k) => k in raw);
  if (typeof named === 'string') {
    const extra = inline.find((k) => k !== 'profile');
    if (extra !== undefined) {
      problems.push({
        line: tree.lineAt([extra]),
        message: `'${extra}' belongs to an inline scenario — name a scenario with 'scenario:' or write hosts and steps here, not both`,
      });
      return null;
    }
    const found = scenarios(named);
    if (found === undefined) {
      const hint = didYouMean(named, scenarioIds);
      problems.push({
        line: tree.lineAt(['scenario']),
        message: `no scenario '${named}' in exercises/scenarios/${hint}`,
      });
      return null;
    }
    if ('profile' in raw) {
      const profile = z.enum(['linux', 'rfc9293']).safeParse(raw['profile']);
      if (!profile.success) {
        problems.push({
          line: tree.lineAt(['profile']),
          message: `unknown profile ${describeValue(raw['profile'])} — expected 'linux' or 'rfc9293'`,
        });
        return null;
      }
    }
    return found;
  }
  if (named !== undefined) return null; // reported by the schema
  if (!('steps' in raw) || !('hosts' in raw)) {
    problems.push({
      line: tree.lineAt([]),
      message: "an exercise needs a scenario: 'scenario: ID', or inline 'hosts:' and 'steps:'",
    });
    return null;
  }
  const value: Record<string, unknown> = { id: typeof raw['id'] === 'string' ? raw['id'] : 'inline' };
  for (const key of INLINE_KEYS) if (key in raw) value[key] = raw[key];
  const parsed = parseScenarioValue(value, tree);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return null;
  }
  if (raw['title'] !== undefined) parsed.scenario.title = raw['title'] as LocalizedText;
  return parsed.scenario;
}

function readQuestion(
  doc: unknown,
  index: number,
  tree: YamlTree,
  scenario: ParsedScenario | null,
  problems: LocatedProblem[],
): Question | null {
  const path = ['questions', index];
  const line = tree.lineAt(path);
  const where = `question ${index + 1}`;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    problems.push({
      line,
      message: `${where}: expected a mapping with at, ask and prompt, found ${describeValue(doc)}`,
    });
    return null;
  }
  const ask = (doc as Record<string, unknown>)['ask'];
  if (typeof ask !== 'string' || !(ASK_KINDS as readonly string[]).includes(ask)) {
    const hint = typeof ask === 'string' ? didYouMean(ask, ASK_KINDS) : '';
    const message =
      ask === undefined
        ? `${where}: missing required key 'ask' — expected ${listWords(ASK_KINDS)}`
        : `${where}: unknown ask ${describeValue(ask)}${hint || ` — expected ${listWords(ASK_KINDS)}`}`;
    problems.push({ line: ask === undefined ? line : tree.lineAt([...path, 'ask']), message });
    return null;
  }
  const schema = QUESTION_SCHEMAS[ask as AskKind];
  const parsed = schema.safeParse(doc, { reportInput: true, error: () => GENERIC_ISSUE });
  if (!parsed.success) {
    const root = { schema: z.object({ questions: z.array(schema) }), name: where };
    for (const issue of parsed.error.issues) {
      problems.push(...describeIssue({ ...issue, path: [...path, ...issue.path] }, tree, root));
    }
    return null;
  }
  if (scenario === null) return null;
  const q = parsed.data;
  const lines = (key: string) => tree.lineAt([...path, key]);
  const before = problems.length;
  const step = (key: 'at' | 'until', ref: string | number | undefined): number | null => {
    if (ref === undefined) return null;
    const resolved = resolveStep(ref, scenario);
    if (typeof resolved === 'string') problems.push({ line: lines(key), message: `${where}: ${key}: ${resolved}` });
    return typeof resolved === 'number' ? resolved : null;
  };
  const base = { id: q.id ?? `q${index + 1}`, index, line, prompt: q.prompt };
  if (q.ask === 'goal') {
    const at = q.at === undefined ? scenario.steps.length : step('at', q.at);
    const hosts = q.hosts ?? scenario.hosts;
    for (const [i, host] of hosts.entries()) {
      if (!scenario.hosts.includes(host))
        problems.push({ line: tree.lineAt([...path, 'hosts', i]), message: unknownHost(where, host, scenario) });
    }
    checkPredicate(q.goal, [...path, 'goal'], tree, scenario, where, problems);
    if (at === null || problems.length > before) return null;
    const goal: GoalQuestion = {
      ...base,
      ask: 'goal',
      at,
      toolbox: q.toolbox,
      hosts,
      goal: q.goal,
      goalLine: lines('goal'),
    };
    return goal;
  }
  const at = step('at', q.at);
  const until = step('until', q.until);
  if (!scenario.hosts.includes(q.host))
    problems.push({ line: lines('host'), message: unknownHost(where, q.host, scenario) });
  if (at !== null && until !== null && until <= at) {
    problems.push({ line: lines('until'), message: `${where}: until: step ${until} is not after 'at' (step ${at})` });
  }
  if (q.ask === 'state' && at !== null && until === null && at >= scenario.steps.length) {
    problems.push({
      line: lines('at'),
      message: `${where}: a state question reads the state after the next step, and step ${at} is the last — add a step or set 'until'`,
    });
  }
  const spec = {
    ask: q.ask,
    detail: q.ask === 'next-segment' ? q.detail : undefined,
    of: q.ask === 'reason' ? q.of : undefined,
  };
  const words = vocabulary(spec);
  const checkWord = (word: string, key: 'choices' | 'expect', i?: number) => {
    const known = words.length === 0 ? isFlagSet(word) || word === 'nothing' : words.includes(word);
    if (known) return;
    const hint =
      words.length === 0
        ? ' — write flags in header order joined by +, e.g. RST+ACK, or nothing'
        : didYouMean(word, words) || ` — expected ${listWords(words.slice(0, 12))}${words.length > 12 ? ' …' : ''}`;
    const linePath = i === undefined ? [...path, key] : [...path, key, i];
    problems.push({ line: tree.lineAt(linePath), message: `${where}: ${q.ask} has no answer '${word}'${hint}` });
  };
  q.choices?.forEach((c, i) => {
    checkWord(c, 'choices', i);
  });
  if (q.choices !== undefined && new Set(q.choices).size !== q.choices.length) {
    problems.push({ line: lines('choices'), message: `${where}: a choice is listed twice` });
  }
  if (q.expect !== undefined) {
    checkWord(q.expect, 'expect');
    if (q.choices !== undefined && !q.choices.includes(q.expect)) {
      problems.push({ line: lines('expect'), message: `${where}: expect '${q.expect}' is not among the choices` });
    }
  }
  if (at === null || problems.length > before) return null;
  const question: ChoiceQuestion = {
    ...base,
    ask: q.ask,
    host: q.host,
    at,
    until,
    choices: q.choices ?? null,
    expectLine: lines('expect'),
    choicesLine: lines('choices'),
    ...(q.ask !== 'next-segment' && q.ask !== 'reason' && q.socket !== undefined ? { socket: q.socket } : {}),
    ...(q.ask === 'next-segment' && q.detail !== undefined ? { detail: q.detail } : {}),
    ...(q.ask === 'reason' && q.of !== undefined ? { of: q.of } : {}),
    ...(q.ask === 'result' && q.call !== undefined ? { call: q.call } : {}),
    ...(q.expect === undefined ? {} : { expect: q.expect }),
  };
  return question;
}
