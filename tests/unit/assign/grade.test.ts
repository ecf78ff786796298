import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { gradeAll, type Input } from '../../../src/assign/grade.ts';
import { compareRoster, gradebookCsv, misconceptionReport } from '../../../src/assign/gradebook.ts';
import { pickVariant } from '../../../src/assign/hash.ts';
import { loadAssignment } from '../../../src/assign/load.ts';
import { variantOf } from '../../../src/assign/variants.ts';
import { solveExercise } from '../../../src/exercises/solve.ts';
import {
  readSubmissionText,
  submissionCode,
  SUBMISSION_FORMAT,
  type Submission,
} from '../../../src/assign/submission.ts';
import { course, ROOT } from '../exercises/course.ts';

const loaded = await loadAssignment(ROOT, course, 'fin-or-rst-exam');
if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
const { key, assignment } = loaded;

/** A submission whose answers are the model's for the learner's own variant, solved afresh (not read from the key). */
function submission(learner: string, wrongFirst = false, at = '2026-12-10T10:00:00Z'): Submission {
  const answers = assignment.exercises.flatMap((id) => {
    const base = course.exercises.get(id);
    if (base === undefined) throw new Error(id);
    const v = variantOf(base, pickVariant(assignment.id, learner, id, assignment.pool));
    return solveExercise(v).questions.flatMap((s) =>
      'check' in s ? [] : [{ exercise: id, question: s.question.id, answer: s.answer ?? '', at }],
    );
  });
  if (wrongFirst && answers[0] !== undefined) answers[0].answer = answers[0].answer === 'nothing' ? 'RST' : 'nothing';
  return {
    format: SUBMISSION_FORMAT,
    assignment: key.assignment.id,
    version: key.version,
    learner,
    submittedAt: at,
    build: 'test',
    answers,
  };
}

const input = async (file: string, text: string): Promise<Input[]> =>
  (await readSubmissionText(text)).map((read) => ({ file, read }));

describe('grading submissions', () => {
  it('gives full marks to the model’s own answers and ignores a score written in the file', async () => {
    const s = { ...submission('ada'), score: 0 };
    const graded = gradeAll(key, await input('ada.json', JSON.stringify(s)));
    expect(graded.errors).toEqual([]);
    expect(graded.results[0]?.score).toBe(100);
    const liar = { ...submission('bob', true), score: 100 };
    const g2 = gradeAll(key, await input('bob.json', JSON.stringify(liar)));
    expect(g2.results[0]?.score).toBeLessThan(100);
  });

  it('reads text codes, several to a file', async () => {
    const text = `${await submissionCode(submission('ada'))}\n${await submissionCode(submission('bob'))}\n`;
    const graded = gradeAll(key, await input('codes.txt', text));
    expect(graded.results.map((r) => r.learner)).toEqual(['ada', 'bob']);
  });

  it('counts the latest of two submissions', async () => {
    const early = submission('ada', false, '2026-12-01T10:00:00Z');
    const late = submission('ada', true, '2026-12-02T10:00:00Z');
    const graded = gradeAll(key, [
      ...(await input('b.json', JSON.stringify(late))),
      ...(await input('a.json', JSON.stringify(early))),
    ]);
    expect(graded.results).toHaveLength(1);
    expect(graded.results[0]?.file).toBe('b.json');
  });

  it('rejects each bad file on its own line and still grades the good one', async () => {
    let deep = '0';
    for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
    const bad: [string, string][] = [
      ['not-json.json', 'hello'],
      ['huge.json', `"${'x'.repeat(1_100_000)}"`],
      ['deep.json', deep],
      ['proto.json', JSON.stringify(submission('eve')).replace('{', '{"__proto__":{"admin":true},')],
      ['ctor.json', JSON.stringify({ ...submission('eve'), constructor: 1 })],
      ['other.json', JSON.stringify({ ...submission('eve'), assignment: 'rst-basics-practice' })],
      ['version.json', JSON.stringify({ ...submission('eve'), version: '0000000000000000' })],
      ['code.txt', 'TRL1.!!!notbase64'],
    ];
    const inputs = [...(await input('good.json', JSON.stringify(submission('ada'))))];
    for (const [file, text] of bad) inputs.push(...(await input(file, text)));
    const graded = gradeAll(key, inputs);
    expect(graded.results.map((r) => r.learner)).toEqual(['ada']);
    expect(graded.errors.map((e) => e.file)).toEqual(bad.map(([f]) => f));
    expect(graded.errors.find((e) => e.file === 'version.json')?.message).toContain('version');
  });

  it('writes a gradebook that papaparse reads back, with missing learners from the roster', async () => {
    const graded = gradeAll(key, [
      ...(await input('a.json', JSON.stringify(submission('ada, "the first"')))),
      ...(await input('b.json', JSON.stringify(submission('bob', true)))),
    ]);
    const csv = gradebookCsv(key, graded, ['ada, "the first"', 'bob', 'cy']);
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r['learner'])).toEqual(['ada, "the first"', 'bob', 'cy']);
    expect(rows[0]?.['pass']).toBe('pass');
    expect(rows[2]?.['late']).toBe('missing');
    expect(compareRoster(graded, ['bob', 'cy'])).toEqual({ missing: ['cy'], unknown: ['ada, "the first"'] });
  });

  it('names the belief behind a diagnosed wrong answer in the report', async () => {
    const graded = gradeAll(key, await input('a.json', JSON.stringify(submission('ada'))));
    const report = misconceptionReport(key, graded, null);
    expect(report).toContain('## Beliefs across the class');
    expect(report).toContain('abort-with-queued-data');
  });
});
