/**
 * parseAssignment: an assignment file's text to a typed Assignment, or `FILE:LINE` errors.
 * The exercises it names are checked against the course: each must exist and have at least
 * one choice question (goal challenges are practice only; they are not graded here).
 */
import { describeIssue, describeValue, GENERIC_ISSUE } from '../scenario/issues.ts';
import { MAX_SCENARIO_BYTES, printable, type ScenarioError } from '../scenario/parse.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { readYamlTree } from '../scenario/yaml-tree.ts';
import type { Exercise } from '../exercises/types.ts';
import { AssignmentDocSchema, DEFAULT_POOL, type AssignmentDoc } from './schema.ts';

export interface Assignment {
  id: string;
  file: string;
  title: AssignmentDoc['title'];
  description: AssignmentDoc['description'] | null;
  mode: 'practice' | 'exam';
  exercises: string[];
  /** Milliseconds since the epoch, or null. */
  due: number | null;
  dueText: string | null;
  /** Percent. */
  pass: number;
  /** Entries in each exercise's pool; 1 when variants are off. */
  pool: number;
  /** The file's text, part of the answer-key version. */
  source: string;
}

export type AssignmentParseResult = { ok: true; assignment: Assignment } | { ok: false; errors: ScenarioError[] };

export function parseAssignment(
  text: string,
  file: string,
  exercises: ReadonlyMap<string, Exercise>,
): AssignmentParseResult {
  const fail = (problems: { line: number | null; message: string }[]): AssignmentParseResult => ({
    ok: false,
    errors: problems
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      .map((p) => ({ file, line: p.line, message: printable(p.message) })),
  });
  if (text.length > MAX_SCENARIO_BYTES) return fail([{ line: null, message: 'file is too large for an assignment' }]);
  const read = readYamlTree(text);
  if (!read.ok) return fail(read.problems);
  const { tree } = read;
  if (tree.value === null || typeof tree.value !== 'object' || Array.isArray(tree.value)) {
    return fail([
      {
        line: tree.lineAt([]),
        message: `expected a mapping with id, title, mode and exercises, found ${describeValue(tree.value)}`,
      },
    ]);
  }
  const parsed = AssignmentDocSchema.safeParse(tree.value, { reportInput: true, error: () => GENERIC_ISSUE });
  if (!parsed.success) {
    const root = { schema: AssignmentDocSchema, name: 'the assignment' };
    return fail(parsed.error.issues.flatMap((issue) => describeIssue(issue, tree, root)));
  }
  const doc = parsed.data;
  const problems: { line: number | null; message: string }[] = [];
  const known = [...exercises.keys()].sort();
  doc.exercises.forEach((id, i) => {
    const line = tree.lineAt(['exercises', i]);
    const exercise = exercises.get(id);
    if (exercise === undefined) {
      problems.push({ line, message: `no exercise '${id}' in exercises/${didYouMean(id, known)}` });
    } else if (!exercise.questions.some((q) => q.ask !== 'goal')) {
      problems.push({
        line,
        message: `exercise '${id}' has only goal challenges; an assignment grades choice questions`,
      });
    }
    if (doc.exercises.indexOf(id) !== i) problems.push({ line, message: `exercise '${id}' is listed twice` });
  });
  if (problems.length > 0) return fail(problems);
  const pool = doc.variants === true ? DEFAULT_POOL : typeof doc.variants === 'number' ? doc.variants : 1;
  return {
    ok: true,
    assignment: {
      id: doc.id,
      file,
      title: doc.title,
      description: doc.description ?? null,
      mode: doc.mode,
      exercises: doc.exercises,
      due: doc.due === undefined ? null : Date.parse(doc.due),
      dueText: doc.due ?? null,
      pass: doc.pass ?? 50,
      pool,
      source: text,
    },
  };
}
