/**
 * `npm run check`'s logic: every YAML file under exercises/ goes to the checker for its
 * folder. Only scenarios have one today; exercises and assignments add theirs here.
 * Pure: file texts in, reports out (files.ts reads the disk, src/cli/check.ts prints).
 */
import { checkScenario } from './scenarios.ts';
import { summarize, type FileReport, type Summary } from './report.ts';

export interface Checker {
  /** The folder under exercises/ whose YAML files this checker reads; also its name in the summary. */
  folder: string;
  check(text: string, file: string): FileReport;
}

export const CHECKERS: readonly Checker[] = [{ folder: 'scenarios', check: checkScenario }];

/** A file to check: where it is shown, where it sits under exercises/ (null: elsewhere), and its text or why it has none. */
export type Source = { file: string; underExercises: string | null } & ({ text: string } | { unreadable: string });

/**
 * The checker for a file, from its path under exercises/ ("scenarios/x.yaml"). A file
 * given from elsewhere is read as a scenario, the one kind of file that stands alone.
 */
export function checkerFor(underExercises: string | null): Checker | undefined {
  if (underExercises === null) return CHECKERS[0];
  const folder = underExercises.split('/')[0];
  return CHECKERS.find((c) => c.folder === folder && underExercises.includes('/'));
}

export function checkSources(sources: readonly Source[]): {
  reports: { kind: string; report: FileReport }[];
  summary: Summary;
} {
  const reports = sources.map((source) => {
    const { file } = source;
    const checker = checkerFor(source.underExercises);
    if (checker === undefined) {
      const folders = CHECKERS.map((c) => `exercises/${c.folder}/`).join(', ');
      const message = `no checker reads this folder — YAML files belong in ${folders}`;
      return {
        kind: 'unchecked',
        report: { file, problems: [{ file, line: null, message }], expects: false, checks: 0 },
      };
    }
    if ('unreadable' in source) {
      const problems = [{ file, line: null, message: source.unreadable }];
      return { kind: checker.folder, report: { file, problems, expects: false, checks: 0 } };
    }
    return { kind: checker.folder, report: checker.check(source.text, file) };
  });
  return { reports, summary: summarize(reports) };
}
