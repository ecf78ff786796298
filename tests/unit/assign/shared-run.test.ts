/** The CLI's file reading and the instructor page's worker feed one grading run and give the same gradebook. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readInputFiles } from '../../../src/assign/read-files.ts';
import { gradeInputs } from '../../../src/assign/sources.ts';
import { readSubmissionJson, submissionCode } from '../../../src/assign/submission.ts';
import { gradeRequest, summaryOf } from '../../../src/components/grader-run.ts';
import { runCli } from '../cli/run-cli.ts';
import { assignmentNamed, modelSubmission } from './submissions.ts';

const GRADE = fileURLToPath(new URL('../../../src/cli/grade.ts', import.meta.url));
const exam = await assignmentNamed('fin-or-rst-exam');
const { key } = exam;

async function folder(): Promise<{ dir: string; names: string[]; roster: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'shared-run-'));
  const files: [string, string][] = [
    ['ada.json', JSON.stringify(modelSubmission(exam, 'ada'))],
    ['bob.json', JSON.stringify(modelSubmission(exam, 'bob', { wrong: 3 }))],
    ['tampered.json', JSON.stringify({ ...modelSubmission(exam, 'eve'), version: 'ffffffffffffffff' })],
    ['notes.json', 'these are my notes {'],
    [
      'codes.txt',
      `${await submissionCode(modelSubmission(exam, 'cy', { wrong: 1 }))}\n${await submissionCode(modelSubmission(exam, 'ada', { wrong: 2, at: '2026-12-11T09:00:00Z' }))}\n`,
    ],
    ['huge.json', ' '.repeat(1_100_000)],
  ];
  for (const [name, text] of files) await writeFile(join(dir, name), text);
  const roster = 'learner,name\nada,Ada\nbob,Bob\ndee,Dee\n';
  await writeFile(join(dir, 'roster.csv'), roster);
  return { dir, names: files.map(([n]) => n).sort(), roster };
}

describe('one grading run for the CLI and the page', () => {
  it('gives identical gradebooks, reports and rejections from files on disk and from File objects', async () => {
    const { dir, names, roster } = await folder();
    const inputs = await readInputFiles(names.map((n) => join(dir, n)));
    if (typeof inputs === 'string') throw new Error(inputs);
    const cli = gradeInputs(key, inputs, roster);
    const files = await Promise.all(names.map(async (n) => new File([await readFile(join(dir, n))], n)));
    const told: number[] = [];
    const page = await gradeRequest({ key, files, codes: [], roster: new File([roster], 'roster.csv') }, (done) =>
      told.push(done),
    );
    const local = (text: string) => text.replaceAll(`${dir}/`, '');
    expect(page.csv).toBe(cli.csv);
    expect(page.report).toBe(local(cli.report));
    expect(summaryOf(page).errors).toEqual(cli.graded.errors.map((e) => ({ ...e, file: basename(e.file) })));
    expect(told.at(-1)).toBe(names.length);
    // What the run decided, read back from the CSV: the latest of ada's two submissions counts.
    const rows = Papa.parse<Record<string, string>>(page.csv, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r['learner'])).toEqual(['ada', 'bob', 'cy', 'dee']);
    expect(rows.find((r) => r['learner'] === 'ada')?.['score']).not.toBe('100');
    expect(rows.find((r) => r['learner'] === 'dee')?.['late']).toBe('missing');
    expect(summaryOf(page).errors.map((e) => e.file)).toEqual(['huge.json', 'notes.json', 'tampered.json']);
    expect(summaryOf(page).unknown).toEqual(['cy']);
  });

  it('pasted codes grade like the same codes in a file', async () => {
    const code = await submissionCode(modelSubmission(exam, 'cy', { wrong: 1 }));
    const pasted = await gradeRequest(
      { key, files: [], codes: [{ name: 'line 1', text: code }], roster: null },
      () => {},
    );
    const filed = await gradeRequest({ key, files: [new File([code], 'c.txt')], codes: [], roster: null }, () => {});
    expect(pasted.csv).toBe(filed.csv);
    expect(pasted.graded.results[0]?.learner).toBe('cy');
  });

  it('gives the same CSV as npm run grade for the same folder', async () => {
    const { dir, roster } = await folder();
    const out = join(dir, 'cli.csv');
    const r = await runCli(
      [
        '--assignment',
        key.assignment.id,
        '--roster',
        join(dir, 'roster.csv'),
        '--out',
        out,
        join(dir, 'ada.json'),
        join(dir, 'bob.json'),
        join(dir, 'codes.txt'),
      ],
      [],
      GRADE,
    );
    expect(r.status).toBe(0);
    const names = ['ada.json', 'bob.json', 'codes.txt'];
    const files = await Promise.all(names.map(async (n) => new File([await readFile(join(dir, n))], n)));
    const page = await gradeRequest({ key, files, codes: [], roster: new File([roster], 'r.csv') }, () => {});
    expect(page.csv).toBe(await readFile(out, 'utf8'));
  });
});

describe('the quick submission check', () => {
  it('leaves every refusal to the schema, so extra or overlong fields are still rejected', () => {
    const good = modelSubmission(exam, 'ada');
    expect(readSubmissionJson(JSON.stringify(good)).ok).toBe(true);
    const extraAnswerKey = { ...good, answers: good.answers.map((a, i) => (i === 0 ? { ...a, score: 1 } : a)) };
    expect(readSubmissionJson(JSON.stringify(extraAnswerKey)).ok).toBe(false);
    expect(readSubmissionJson(JSON.stringify({ ...good, learner: 'x'.repeat(201) })).ok).toBe(false);
    expect(readSubmissionJson(JSON.stringify({ ...good, learner: '' })).ok).toBe(false);
    expect(readSubmissionJson(JSON.stringify({ ...good, extra: true })).ok).toBe(false);
    expect(readSubmissionJson(JSON.stringify({ ...good, answers: 'none' })).ok).toBe(false);
  });
});
