/**
 * npm run grade -- --assignment ID [--roster roster.csv] [--out grades.csv] [--report report.md] FILES|DIRS…
 *
 * Re-grades submission files and text codes against the model's answer key, writes the CSV
 * gradebook (stdout without --out) and the misconception report. One line per rejected file
 * on stderr. Exit codes: 0 every file graded, 1 some file rejected, 2 bad usage, 70 internal error.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeAll, type Input } from '../assign/grade.ts';
import { compareRoster, gradebookCsv, misconceptionReport, readRoster } from '../assign/gradebook.ts';
import { loadAssignment } from '../assign/load.ts';
import { MAX_SUBMISSION_BYTES, readSubmissionText } from '../assign/submission.ts';
import { loadCourse } from '../exercises/load.ts';
import { runMain } from './run.ts';

const NAME = 'grade';
const USAGE =
  'usage: npm run grade -- --assignment ID [--roster roster.csv] [--out grades.csv] [--report report.md] FILES|DIRS…';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VALUE_OPTIONS = ['--assignment', '--roster', '--out', '--report'] as const;

async function filesUnder(path: string): Promise<string[] | null> {
  const info = await stat(path).catch(() => null);
  if (info === null) return null;
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function readInputs(paths: readonly string[]): Promise<Input[] | string> {
  const inputs: Input[] = [];
  for (const p of paths) {
    const files = await filesUnder(p);
    if (files === null) return `'${p}': no such file or directory`;
    for (const file of files) {
      const info = await stat(file);
      if (info.size > MAX_SUBMISSION_BYTES) {
        inputs.push({ file, read: { ok: false, message: 'larger than 1 MB' } });
        continue;
      }
      const text = await readFile(file, 'utf8');
      for (const read of await readSubmissionText(text)) inputs.push({ file, read });
    }
  }
  return inputs;
}

function usageError(message: string): number {
  process.stderr.write(`${NAME}: ${message}\n${USAGE}\n`);
  return 2;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = new Map<string, string>();
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if ((VALUE_OPTIONS as readonly string[]).includes(a)) {
      const v = args[++i];
      if (v === undefined) return usageError(`${a} needs a value`);
      options.set(a, v);
    } else if (a.startsWith('-')) return usageError(`unknown option '${a}'`);
    else paths.push(a);
  }
  const id = options.get('--assignment');
  if (id === undefined) return usageError('--assignment ID is required');
  if (paths.length === 0) return usageError('give submission files or folders');
  const course = await loadCourse(ROOT);
  const loaded = await loadAssignment(ROOT, course, id);
  if (!loaded.ok) {
    process.stderr.write(loaded.errors.map((e) => `${NAME}: ${e}\n`).join(''));
    return 2;
  }
  const inputs = await readInputs(paths);
  if (typeof inputs === 'string') return usageError(inputs);
  const rosterPath = options.get('--roster');
  const roster = rosterPath === undefined ? null : readRoster(await readFile(rosterPath, 'utf8'));
  const graded = gradeAll(loaded.key, inputs);
  const csv = gradebookCsv(loaded.key, graded, roster);
  const rosterCheck = roster === null ? null : compareRoster(graded, roster);
  const out = options.get('--out');
  if (out === undefined) process.stdout.write(csv);
  else await writeFile(out, csv);
  const report = options.get('--report');
  if (report !== undefined) await writeFile(report, misconceptionReport(loaded.key, graded, rosterCheck));
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
