/**
 * npm run grade -- --assignment ID [--roster roster.csv] [--out grades.csv] [--report report.md] FILES|DIRS…
 *
 * Re-grades submission files and text codes against the model's answer key, writes the CSV
 * gradebook (stdout without --out) and the misconception report. One line per rejected file
 * on stderr. Exit codes: 0 every file graded, 1 some file rejected, 2 bad usage, 70 internal error.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadAssignment } from '../assign/load.ts';
import { readInputFiles } from '../assign/read-files.ts';
import { gradeInputs } from '../assign/sources.ts';
import { loadCourse } from '../exercises/load.ts';
import { readArgs, runMain } from './run.ts';

const NAME = 'grade';
const USAGE =
  'usage: npm run grade -- --assignment ID [--roster roster.csv] [--out grades.csv] [--report report.md] FILES|DIRS…';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VALUE_OPTIONS = ['--assignment', '--roster', '--out', '--report'] as const;

function usageError(message: string): number {
  process.stderr.write(`${NAME}: ${message}\n${USAGE}\n`);
  return 2;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const read = readArgs(args, VALUE_OPTIONS);
  if (typeof read === 'string') return usageError(read);
  const { options, paths } = read;
  const id = options.get('--assignment');
  if (id === undefined) return usageError('--assignment ID is required');
  if (paths.length === 0) return usageError('give submission files or folders');
  const course = await loadCourse(ROOT);
  const loaded = await loadAssignment(ROOT, course, id);
  if (!loaded.ok) {
    process.stderr.write(loaded.errors.map((e) => `${NAME}: ${e}\n`).join(''));
    return 2;
  }
  const inputs = await readInputFiles(paths);
  if (typeof inputs === 'string') return usageError(inputs);
  const rosterPath = options.get('--roster');
  const rosterText = rosterPath === undefined ? null : await readFile(rosterPath, 'utf8').catch(() => null);
  if (rosterPath !== undefined && rosterText === null) return usageError(`'${rosterPath}': cannot read the roster`);
  const { graded, roster: rosterCheck, csv, report: reportText } = gradeInputs(loaded.key, inputs, rosterText);
  const out = options.get('--out');
  if (out === undefined) process.stdout.write(csv);
  else await writeFile(out, csv);
  const report = options.get('--report');
  if (report !== undefined) await writeFile(report, reportText);
  for (const e of graded.errors) process.stderr.write(`${e.file}: rejected: ${e.message}\n`);
  if (rosterCheck !== null) {
    for (const l of rosterCheck.missing) process.stderr.write(`roster: ${l}: no submission\n`);
    for (const l of rosterCheck.unknown) process.stderr.write(`roster: ${l}: submitted but not on the roster\n`);
  }
  process.stderr.write(
    `${NAME}: ${graded.results.length} learners graded, ${graded.errors.length} submissions rejected\n`,
  );
  return graded.errors.length > 0 ? 1 : 0;
}

await runMain(NAME, main);
