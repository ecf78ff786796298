/**
 * What the exercises cover, read from the solved answers (never from what authors claim):
 * every RST reason the answer of a reason or next-segment question, every FIN reason in a
 * next-segment answer, every application result the answer of a result question, and every
 * belief diagnosed by at least two questions.
 */
import { BELIEF_IDS, type BeliefId, type Reason } from '../model/index.ts';
import { APP_RESULTS, FIN_REASONS, RST_REASONS } from './kinds.ts';
import type { SolvedExercise } from './solve.ts';

/** A belief counts as covered once this many questions diagnose it. */
export const DIAGNOSES_NEEDED = 2;

export interface LessonCoverage {
  lesson: string;
  exercises: number;
  questions: number;
  reasons: string[];
  results: string[];
  beliefs: string[];
}

export interface Coverage {
  exercises: number;
  questions: number;
  lessons: LessonCoverage[];
  /** Question keys (`exercise/question`) that cover each id. */
  reasons: Record<string, string[]>;
  results: Record<string, string[]>;
  beliefs: Record<string, string[]>;
  uncovered: { reasons: Reason[]; results: string[]; beliefs: BeliefId[] };
}

export function coverage(all: readonly SolvedExercise[]): Coverage {
  const reasons: Record<string, string[]> = {};
  const results: Record<string, string[]> = {};
  const beliefs: Record<string, string[]> = {};
  const lessons = new Map<string, LessonCoverage>();
  const add = (map: Record<string, string[]>, id: string, key: string) => {
    const list = (map[id] ??= []);
    if (!list.includes(key)) list.push(key);
  };
  let questions = 0;
  for (const solved of all) {
    const { exercise } = solved;
    const lesson = lessons.get(exercise.lesson) ?? {
      lesson: exercise.lesson,
      exercises: 0,
      questions: 0,
      reasons: [],
      results: [],
      beliefs: [],
    };
    lessons.set(exercise.lesson, lesson);
    lesson.exercises++;
    for (const s of solved.questions) {
      questions++;
      lesson.questions++;
      if ('check' in s) continue;
      const key = `${exercise.id}/${s.question.id}`;
      const covered: string[] = [];
      const seg = s.evidence;
      if (s.question.ask === 'reason' && s.answer !== null) covered.push(s.answer);
      if (
        s.question.ask === 'next-segment' &&
        seg !== null &&
        (s.answer === 'RST' || s.answer === 'FIN' || s.question.detail === 'flags')
      ) {
        const kind = seg.flags.includes('RST') ? 'rst' : seg.flags.includes('FIN') ? 'fin' : null;
        if (kind !== null) covered.push(seg.reason);
      }
      for (const r of covered) {
        add(reasons, r, key);
        if (!lesson.reasons.includes(r)) lesson.reasons.push(r);
      }
      if (s.question.ask === 'result' && s.answer !== null) {
        add(results, s.answer, key);
        if (!lesson.results.includes(s.answer)) lesson.results.push(s.answer);
      }
      for (const ids of Object.values(s.diagnoses)) {
        for (const b of ids) {
          add(beliefs, b, key);
          if (!lesson.beliefs.includes(b)) lesson.beliefs.push(b);
        }
      }
    }
  }
  const wanted: readonly Reason[] = [...RST_REASONS, ...FIN_REASONS];
  return {
    exercises: all.length,
    questions,
    lessons: [...lessons.values()].sort((a, b) => a.lesson.localeCompare(b.lesson)),
    reasons,
    results,
    beliefs,
    uncovered: {
      reasons: wanted.filter((r) => (reasons[r] ?? []).length === 0),
      results: APP_RESULTS.filter((r) => (results[r] ?? []).length === 0),
      beliefs: BELIEF_IDS.filter((b) => (beliefs[b] ?? []).length < DIAGNOSES_NEEDED),
    },
  };
}

/** The table `npm run check` prints. */
export function coverageTable(c: Coverage): string[] {
  const rows = [['lesson', 'exercises', 'questions', 'reasons', 'results', 'beliefs']];
  for (const l of c.lessons) {
    rows.push([
      l.lesson,
      String(l.exercises),
      String(l.questions),
      String(l.reasons.length),
      String(l.results.length),
      String(l.beliefs.length),
    ]);
  }
  rows.push([
    'total',
    String(c.exercises),
    String(c.questions),
    String(
      Object.keys(c.reasons).filter(
        (r) => (RST_REASONS as readonly string[]).includes(r) || (FIN_REASONS as readonly string[]).includes(r),
      ).length,
    ),
    String(Object.keys(c.results).length),
    String(BELIEF_IDS.length - c.uncovered.beliefs.length),
  ]);
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const lines = rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '),
  );
  const total = RST_REASONS.length + FIN_REASONS.length;
  lines.push(
    `reasons covered: ${total - c.uncovered.reasons.length}/${total} (RST: every one the answer of a reason or next-segment question; FIN: in a next-segment answer)`,
    `results covered: ${APP_RESULTS.length - c.uncovered.results.length}/${APP_RESULTS.length}`,
    `beliefs diagnosed by ${DIAGNOSES_NEEDED}+ questions: ${BELIEF_IDS.length - c.uncovered.beliefs.length}/${BELIEF_IDS.length}`,
  );
  const missing = [
    ...c.uncovered.reasons.map((r) => `reason ${r}`),
    ...c.uncovered.results.map((r) => `result ${r}`),
    ...c.uncovered.beliefs.map((b) => `belief ${b}`),
  ];
  if (missing.length > 0) lines.push(`uncovered: ${missing.join(', ')}`);
  return lines;
}
