/**
 * The grader, shared by `npm run grade` and the instructor page: submissions in, one result
 * per learner (the latest submission counts), errors per file, out. Every answer is compared
 * with the learner's own variant in the answer key; a score in the file changes nothing. Pure.
 */
import type { BeliefId } from '../model/index.ts';
import { pickVariant } from './hash.ts';
import type { AnswerKey, KeyQuestion } from './key.ts';
import type { Read, Submission } from './submission.ts';
import { rejectionText, type Rejection } from './rejection.ts';

export interface GradedAnswer {
  exercise: string;
  question: string;
  answer: string | null;
  correct: boolean;
  /** Beliefs a wrong answer signals. */
  beliefs: BeliefId[];
  key: KeyQuestion;
}

export interface LearnerResult {
  learner: string;
  file: string;
  submittedAt: string;
  late: boolean;
  correct: number;
  total: number;
  /** Percent, one decimal. */
  score: number;
  passed: boolean;
  answers: GradedAnswer[];
}

export interface FileError {
  file: string;
  /** Why, as data (the instructor page says it in its language)… */
  why: Rejection;
  /** …and in English, for the CLI and the report. */
  message: string;
}

const refused = (file: string, why: Rejection): FileError => ({ file, why, message: rejectionText(why) });

export interface Graded {
  results: LearnerResult[];
  errors: FileError[];
}

/** One read submission with where it came from. */
export interface Input {
  file: string;
  read: Read;
}

export function gradeOne(key: AnswerKey, s: Submission, file: string): LearnerResult {
  // Answers usually come in the key's order: try the same position first, and only build a
  // lookup by (exercise, question) when one is elsewhere or missing.
  let given: Map<string, string> | null = null;
  const find = (exercise: string, question: string, at: number): string | null => {
    const a = s.answers[at];
    if (a !== undefined && a.exercise === exercise && a.question === question) return a.answer;
    given ??= new Map(s.answers.map((x) => [`${x.exercise}\u0000${x.question}`, x.answer]));
    return given.get(`${exercise}\u0000${question}`) ?? null;
  };
  const answers: GradedAnswer[] = [];
  let correct = 0;
  for (const e of key.exercises) {
    const entry = e.pool[pickVariant(key.assignment.id, s.learner, e.id, e.pool.length)] ?? e.pool[0];
    for (const q of entry?.questions ?? []) {
      const answer = find(e.id, q.id, answers.length);
      const right = answer !== null && answer === q.answer;
      if (right) correct++;
      const beliefs = answer === null || right ? [] : (q.diagnoses[answer] ?? []);
      answers.push({ exercise: e.id, question: q.id, answer, correct: right, beliefs, key: q });
    }
  }
  const total = answers.length;
  const score = total === 0 ? 0 : Math.round((1000 * correct) / total) / 10;
  const due = key.assignment.due === null ? null : Date.parse(key.assignment.due);
  const at = Date.parse(s.submittedAt);
  return {
    learner: s.learner,
    file,
    submittedAt: s.submittedAt,
    late: due !== null && (Number.isNaN(at) || at > due),
    correct,
    total,
    score,
    passed: score >= key.assignment.pass,
    answers,
  };
}

export function gradeAll(key: AnswerKey, inputs: readonly Input[], onProgress?: (done: number) => void): Graded {
  const errors: FileError[] = [];
  const latest = new Map<string, { s: Submission; file: string }>();
  inputs.forEach(({ file, read }, i) => {
    if (i % 500 === 0) onProgress?.(i);
    if (!read.ok) {
      errors.push(refused(file, read.why));
      return;
    }
    const s = read.submission;
    if (s.assignment !== key.assignment.id) {
      errors.push(refused(file, { id: 'other-assignment', found: s.assignment, expected: key.assignment.id }));
      return;
    }
    if (s.version !== key.version) {
      errors.push(refused(file, { id: 'other-version', found: s.version, expected: key.version }));
      return;
    }
    const before = latest.get(s.learner);
    if (before === undefined || before.s.submittedAt <= s.submittedAt) latest.set(s.learner, { s, file });
  });
  const results = [...latest.values()]
    .map(({ s, file }) => gradeOne(key, s, file))
    .sort((a, b) => (a.learner < b.learner ? -1 : a.learner > b.learner ? 1 : 0));
  onProgress?.(inputs.length);
  return { results, errors };
}
