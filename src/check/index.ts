/**
 * `npm run check`'s logic: every YAML file under exercises/ goes to the checker for its
 * folder — scenarios/ to the scenario checker, a lesson folder (00-normal-close/) to the
 * exercise checker, which looks scenarios up by id; assignments add theirs here.
 * Pure: file texts in, reports and coverage out (files.ts reads the disk, src/cli/check.ts prints).
 */
import { coverage, type Coverage } from '../exercises/coverage.ts';
import type { SolvedExercise } from '../exercises/solve.ts';
import { parseScenario, type ParsedScenario } from '../scenario/parse.ts';
import { checkExercise, LESSON_FOLDER } from './exercises.ts';
import { checkScenario } from './scenarios.ts';
import { parseAssignment } from '../assign/parse.ts';
import type { Exercise } from '../exercises/types.ts';
import { summarize, type FileReport, type Summary } from './report.ts';

export interface Checker {
  /** Its name in the summary, and the folder (or kind of folder) under exercises/ it reads. */
  folder: string;
  /** Whether a file at this path under exercises/ is this checker's. */
  owns(underExercises: string): boolean;
}

export const CHECKERS: readonly Checker[] = [
  { folder: 'scenarios', owns: (p) => p.startsWith('scenarios/') },
  { folder: 'exercises', owns: (p) => LESSON_FOLDER.test(p) },
  { folder: 'assignments', owns: (p) => p.startsWith('assignments/') },
];

/** A file to check: where it is shown, where it sits under exercises/ (null: elsewhere), and its text or why it has none. */
export type Source = { file: string; underExercises: string | null } & ({ text: string } | { unreadable: string });

/**
 * The checker for a file, from its path under exercises/ ("scenarios/x.yaml"). A file
 * given from elsewhere is read as a scenario, the one kind of file that stands alone.
 */
export function checkerFor(underExercises: string | null): Checker | undefined {
  if (underExercises === null) return CHECKERS[0];
  return CHECKERS.find((c) => c.owns(underExercises));
}

export interface CheckOptions {
  /** Scenarios exercises may name, besides those among the sources (the CLI passes exercises/scenarios/). */
  library?: readonly Source[];
  /** Lesson ids that exist, or null when unknown. */
  lessons?: readonly string[] | null;
  /** Exercises assignments may name, besides those among the sources (the CLI passes the whole course). */
  exercises?: ReadonlyMap<string, Exercise>;
}

export function checkSources(
  sources: readonly Source[],
  options: CheckOptions = {},
): {
  reports: { kind: string; report: FileReport }[];
  summary: Summary;
  coverage: Coverage | null;
} {
  const scenarios = new Map<string, ParsedScenario>();
  for (const s of [...(options.library ?? []), ...sources]) {
    if ('unreadable' in s || (s.underExercises !== null && !s.underExercises.startsWith('scenarios/'))) continue;
    const parsed = parseScenario(s.text, s.file);
    if (parsed.ok) scenarios.set(parsed.scenario.id, parsed.scenario);
  }
  const context = { scenarios, lessons: options.lessons ?? null };
  const solved: SolvedExercise[] = [];
  const exerciseIds = new Map<string, string>();
  const assignments: { text: string; file: string }[] = [];
  const reports = sources.map((given) => {
    const source = asExercise(given) ?? given;
    const { file } = source;
    const checker = checkerFor(source.underExercises);
    if (checker === undefined) {
      const message =
        'no checker reads this folder — YAML files belong in exercises/scenarios/ or exercises/NN-lesson/';
      return {
        kind: 'unchecked',
        report: { file, problems: [{ file, line: null, message }], expects: false, checks: 0 },
      };
    }
    if ('unreadable' in source) {
      const problems = [{ file, line: null, message: source.unreadable }];
      return { kind: checker.folder, report: { file, problems, expects: false, checks: 0 } };
    }
    if (checker.folder === 'scenarios') return { kind: checker.folder, report: checkScenario(source.text, file) };
    if (checker.folder === 'assignments') {
      assignments.push({ text: source.text, file });
      return { kind: checker.folder, report: { file, problems: [], expects: false, checks: 0 } };
    }
    const checked = checkExercise(source.text, file, source.underExercises ?? '', context);
    if (checked.solved !== null) {
      const id = checked.solved.exercise.id;
      const first = exerciseIds.get(id);
      if (first !== undefined) {
        checked.report.problems.push({ file, line: 1, message: `exercise id '${id}' is already used by ${first}` });
      } else {
        exerciseIds.set(id, file);
        solved.push(checked.solved);
      }
    }
    return { kind: checker.folder, report: checked.report };
  });
  const known = new Map(options.exercises ?? []);
  for (const s of solved) known.set(s.exercise.id, s.exercise);
  for (const a of assignments) {
    const report = reports.find((r) => r.report.file === a.file)?.report;
    if (report !== undefined) checkAssignment(a.text, a.file, known, report);
  }
  const anyExercise = reports.some((r) => r.kind === 'exercises');
  return { reports, summary: summarize(reports), coverage: anyExercise ? coverage(solved) : null };
}

/**
 * A file from outside exercises/ with top-level `questions:` is an exercise, placed as if its
 * folder were under exercises/ (its folder must still be named after its lesson).
 */
function asExercise(source: Source): Source | null {
  if (source.underExercises !== null || !('text' in source) || !/^questions:/m.test(source.text)) return null;
  const parts = source.file.split(/[\\/]/);
  return { ...source, underExercises: parts.slice(-2).join('/') };
}

/**
 * An assignment must parse and name exercises that exist. Its variants need no check here:
 * a variant the model cannot pose well falls back to the exercise as written (variants.ts).
 */
function checkAssignment(
  text: string,
  file: string,
  exercises: ReadonlyMap<string, Exercise>,
  report: FileReport,
): void {
  const parsed = parseAssignment(text, file, exercises);
  if (!parsed.ok) {
    report.problems.push(...parsed.errors);
    return;
  }
  report.checks += parsed.assignment.exercises.length;
}
