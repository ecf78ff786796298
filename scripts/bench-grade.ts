/**
 * Benchmark (not a test): grade 10,000 submission files of 20 answers each, and compare with
 * reading and JSON.parse-ing the same files. Budget (DESIGN.md): under 5 s and at most 3× the
 * read + parse time. Run: npm run bench:grade
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildKey } from '../src/assign/key.ts';
import { readModelVersion } from '../src/assign/load.ts';
import { parseAssignment } from '../src/assign/parse.ts';
import { filesUnder, mapBounded, readInputFiles } from '../src/assign/read-files.ts';
import { gradeInputs } from '../src/assign/sources.ts';
import { SUBMISSION_FORMAT } from '../src/assign/submission.ts';
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
const files = (await filesUnder(dir)) ?? [];

// Both sides read the files the same way (in parallel, 64 at a time, as npm run grade does).
let t0 = performance.now();
const sizes = await mapBounded(
  files,
  64,
  async (f) => Object.keys(JSON.parse(await readFile(f, 'utf8')) as object).length,
);
const sink = sizes.reduce((a, b) => a + b, 0);
const baseline = performance.now() - t0;

t0 = performance.now();
const inputs = await readInputFiles([dir]);
if (typeof inputs === 'string') throw new Error(inputs);
const { graded } = gradeInputs(key, inputs, null);
const grading = performance.now() - t0;
await rm(dir, { recursive: true });

const ratio = grading / baseline;
process.stdout.write(
  `${N} submissions × ${ANSWERS} answers: read + JSON.parse ${baseline.toFixed(0)} ms; read + grade + gradebook + report ${grading.toFixed(0)} ms (${ratio.toFixed(2)}×); ${graded.results.length} graded, ${graded.errors.length} rejected (${sink > 0 ? 'ok' : ''})\n`,
);
process.exitCode = grading < 5000 && ratio <= 3 ? 0 : 1;
