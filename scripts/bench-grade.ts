/**
 * Benchmark (not a test): grade 10,000 submission files of 20 answers each, and compare with
 * reading and JSON.parse-ing the same files. Budget (DESIGN.md): under 5 s and at most 3× the
 * read + parse time. Run: npm run bench:grade
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gradeAll, type Input } from '../src/assign/grade.ts';
import { buildKey } from '../src/assign/key.ts';
import { readModelVersion } from '../src/assign/load.ts';
import { parseAssignment } from '../src/assign/parse.ts';
import { readSubmissionText, SUBMISSION_FORMAT } from '../src/assign/submission.ts';
import { loadCourse } from '../src/exercises/load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const N = 10_000;
const ANSWERS = 20;

const course = await loadCourse(ROOT);
const text = `id: bench\ntitle: { en: Bench, zh-CN: 基准 }\nmode: exam\nvariants: true\nexercises: [abort-with-queued-data, killed-with-unread-data, half-open-state-lost, listener-closes-with-queue, time-wait-listener-gone, four-way-close]\n`;
const parsed = parseAssignment(text, 'bench.yaml', course.exercises);
if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
const key = buildKey(parsed.assignment, course.exercises, await readModelVersion(ROOT));
const slots = key.exercises.flatMap((e) => e.pool[0]?.questions.map((q) => ({ e: e.id, q })) ?? []).slice(0, ANSWERS);
if (slots.length < ANSWERS) throw new Error(`only ${slots.length} questions`);

const dir = await mkdtemp(join(tmpdir(), 'bench-grade-'));
for (let i = 0; i < N; i++) {
  const answers = slots.map(({ e, q }, j) => ({
    exercise: e,
    question: q.id,
    answer: (i + j) % 3 === 0 ? (q.choices[0] ?? '') : q.answer,
    at: '2026-12-10T10:00:00Z',
  }));
  const s = {
    format: SUBMISSION_FORMAT,
    assignment: 'bench',
    version: key.version,
    learner: `learner-${i}`,
    submittedAt: '2026-12-10T10:00:00Z',
    build: 'bench',
    answers,
  };
  await writeFile(join(dir, `${i}.json`), JSON.stringify(s));
}
const files = (await readdir(dir)).map((f) => join(dir, f));

let t0 = performance.now();
let sink = 0;
for (const f of files) sink += Object.keys(JSON.parse(await readFile(f, 'utf8')) as object).length;
const baseline = performance.now() - t0;

t0 = performance.now();
const inputs: Input[] = [];
for (const f of files)
  for (const read of await readSubmissionText(await readFile(f, 'utf8'))) inputs.push({ file: f, read });
const graded = gradeAll(key, inputs);
const grading = performance.now() - t0;
await rm(dir, { recursive: true });

const ratio = grading / baseline;
process.stdout.write(
  `${N} submissions × ${ANSWERS} answers: read + JSON.parse ${baseline.toFixed(0)} ms; read + grade ${grading.toFixed(0)} ms (${ratio.toFixed(2)}×); ${graded.results.length} graded, ${graded.errors.length} rejected (${sink > 0 ? 'ok' : ''})\n`,
);
process.exitCode = grading < 5000 && ratio <= 3 ? 0 : 1;
