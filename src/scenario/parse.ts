/**
 * parseScenario: YAML text to a typed Scenario (Contract 1), or errors that
 * each name the file and the 1-based line. Pure: no I/O, never throws on bad input.
 */
import type { LocalizedText, Scenario, Tune } from '../model/scenario.ts';
import { parseDuration } from './duration.ts';
import { ScenarioDocSchema, StepSchema, type ScenarioDoc, type StepDoc, type TuneDoc } from './schema.ts';
import { readSteps, type StepEntry } from './steps.ts';
import { describeIssue, describeValue, GENERIC_ISSUE } from './issues.ts';
import { readYamlTree, type YamlTree } from './yaml-tree.ts';

/** Larger than any scenario; keeps a pasted or hostile file from stalling the page. */
export const MAX_SCENARIO_BYTES = 256 * 1024;

export interface ScenarioError {
  file: string;
  /** 1-based; null when the problem has no place in the file (empty, too large). */
  line: number | null;
  message: string;
}

/** A Scenario plus the optional description, which the model does not need. */
export interface ParsedScenario extends Scenario {
  description?: LocalizedText;
}

export type ParseResult = { ok: true; scenario: ParsedScenario } | { ok: false; errors: ScenarioError[] };

/** `FILE:LINE: message`, or `FILE: message` when there is no line. */
export function formatError(e: ScenarioError): string {
  return e.line === null ? `${e.file}: ${e.message}` : `${e.file}:${e.line}: ${e.message}`;
}

/** Parses and validates one scenario file's text; `file` is only used in errors. */
export function parseScenario(text: string, file: string): ParseResult {
  const fail = (problems: readonly { line: number | null; message: string }[]): ParseResult => ({
    ok: false,
    errors: [...problems]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      .map((p) => ({ file, line: p.line, message: printable(p.message) })),
  });
  if (text.length > MAX_SCENARIO_BYTES || byteLength(text) > MAX_SCENARIO_BYTES) {
    return fail([
      { line: null, message: `file is too large: a scenario may be at most ${MAX_SCENARIO_BYTES / 1024} KiB` },
    ]);
  }
  const read = readYamlTree(text);
  if (!read.ok) return fail(read.problems);
  const { tree } = read;
  if (tree.value === null || tree.value === undefined) {
    return fail([{ line: null, message: 'file is empty — expected a scenario with id, hosts and steps' }]);
  }
  if (typeof tree.value !== 'object' || Array.isArray(tree.value)) {
    return fail([
      {
        line: tree.lineAt([]),
        message: `expected a mapping with id, hosts and steps at the top, found ${describeValue(tree.value)}`,
      },
    ]);
  }
  const raw = tree.value as Record<string, unknown>;
  const parsed = ScenarioDocSchema.safeParse(raw, { reportInput: true, error: () => GENERIC_ISSUE });
  if (parsed.success) {
    const { steps, problems } = stepProblems(parsed.data.steps, parsed.data.hosts, raw, tree);
    return problems.length > 0 ? fail(problems) : { ok: true, scenario: toScenario(parsed.data, steps) };
  }
  const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue, tree));
  // Still read the steps that are well formed when the hosts are, so one run shows every mistake.
  const hosts = ScenarioDocSchema.shape.hosts.safeParse(raw['hosts']);
  if (hosts.success && Array.isArray(raw['steps'])) {
    const wellFormed = (raw['steps'] as unknown[]).map((step) => StepSchema.safeParse(step));
    problems.push(
      ...stepProblems(
        wellFormed.map((r) => (r.success ? r.data : undefined)),
        hosts.data,
        raw,
        tree,
      ).problems,
    );
  }
  return fail(problems);
}

/** Reads the steps given (undefined: a step that failed the schema, skipped), with lines. */
function stepProblems(
  docs: readonly (StepDoc | undefined)[],
  hosts: string[],
  raw: Record<string, unknown>,
  tree: YamlTree,
) {
  const rawSteps = Array.isArray(raw['steps']) ? (raw['steps'] as unknown[]) : [];
  const entries: StepEntry[] = [];
  docs.forEach((doc, index) => {
    const step = rawSteps[index];
    const keys = step !== null && typeof step === 'object' ? Object.keys(step) : [];
    if (doc !== undefined) entries.push({ index, doc, keys });
  });
  const { steps, problems } = readSteps(entries, hosts, tree.lineAt);
  return { steps, problems: problems.map((p) => ({ line: tree.lineAt(p.path), message: p.message })) };
}

function toScenario(doc: ScenarioDoc, steps: Scenario['steps']): ParsedScenario {
  const scenario: ParsedScenario = { id: doc.id, profile: doc.profile, hosts: doc.hosts, steps };
  if (doc.title !== undefined) scenario.title = doc.title;
  if (doc.description !== undefined) scenario.description = doc.description;
  if (doc.seed !== undefined) scenario.seed = doc.seed;
  if (doc.tune !== undefined) scenario.tune = toTune(doc.tune);
  return scenario;
}

function toTune(doc: TuneDoc): Tune {
  const tune: Tune = {};
  const micros = (text: string): number => parseDuration(text) ?? 0; // validated by the schema
  if (doc.rto !== undefined) tune.rto = micros(doc.rto);
  if (doc.syn_retries !== undefined) tune.syn_retries = doc.syn_retries;
  if (doc.synack_retries !== undefined) tune.synack_retries = doc.synack_retries;
  if (doc.retries2 !== undefined) tune.retries2 = doc.retries2;
  if (doc.orphan_retries !== undefined) tune.orphan_retries = doc.orphan_retries;
  if (doc.fin_timeout !== undefined) tune.fin_timeout = micros(doc.fin_timeout);
  if (doc.time_wait !== undefined) tune.time_wait = micros(doc.time_wait);
  if (doc.keepalive !== undefined) {
    const { idle, interval, count } = doc.keepalive;
    tune.keepalive = {
      ...(idle === undefined ? {} : { idle: micros(idle) }),
      ...(interval === undefined ? {} : { interval: micros(interval) }),
      ...(count === undefined ? {} : { count }),
    };
  }
  if (doc.abort_on_overflow !== undefined) tune.abort_on_overflow = doc.abort_on_overflow;
  return tune;
}

/** UTF-8 length without allocating: a surrogate pair is two units of two bytes each. */
function byteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes += unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** Messages quote the author's text: keep them one line, readable and short (control characters, C0, DEL and C1, escaped). */
function printable(message: string): string {
  const clean = message.replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > 300 ? `${clean.slice(0, 299)}…` : clean;
}
