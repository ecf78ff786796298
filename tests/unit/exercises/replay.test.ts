/**
 * Every shipped exercise replayed through the model, as Learn Git Branching replays its levels:
 * each question is well posed (the model answers it, exactly one offered choice is right), each
 * `expect:` holds, each belief's answer is computed, each goal is reachable, not met at the start,
 * and the search's own solution passes grade().
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BELIEF_IDS } from '../../../src/model/index.ts';
import { coverage } from '../../../src/exercises/coverage.ts';
import { grade } from '../../../src/exercises/grade.ts';
import { solveExercise } from '../../../src/exercises/solve.ts';
import { course, exercises, ROOT } from './course.ts';

const lessons = readdirSync(join(ROOT, 'content/lessons/en'))
  .filter((n) => n.endsWith('.mdx') && !n.startsWith('_'))
  .map((n) => n.slice(0, -4));

describe('the shipped exercises', () => {
  it('all parse', () => {
    expect(course.errors).toEqual([]);
    expect(exercises.length).toBeGreaterThanOrEqual(36);
  });

  it('sit in the folder of their lesson, and every lesson has at least three', () => {
    for (const e of exercises) expect(e.file.split('/')[1], e.file).toBe(e.lesson);
    for (const lesson of lessons) {
      expect(exercises.filter((e) => e.lesson === lesson).length, lesson).toBeGreaterThanOrEqual(3);
    }
    expect(exercises.every((e) => lessons.includes(e.lesson))).toBe(true);
  });

  it('hold at least 120 questions', () => {
    expect(exercises.reduce((n, e) => n + e.questions.length, 0)).toBeGreaterThanOrEqual(120);
  });

  it('cover every RST and FIN reason, every application result, and diagnose every belief twice', () => {
    const c = coverage(exercises.map(solveExercise));
    expect(c.uncovered).toEqual({ reasons: [], results: [], beliefs: [] });
  });
});

describe.each(exercises.map((e) => [e.id, e] as const))('%s', (_id, exercise) => {
  const solved = solveExercise(exercise);

  it('is well posed, and its expect: lines agree with the model', () => {
    expect(solved.problems).toEqual([]);
    expect(solved.trace).not.toBeNull();
  });

  it('has exactly one right choice per question, and every belief answered', () => {
    for (const s of solved.questions) {
      if ('check' in s) continue;
      expect(s.answer, s.question.id).not.toBeNull();
      expect(
        s.choices.filter((c) => c === s.answer),
        s.question.id,
      ).toHaveLength(1);
      expect(Object.keys(s.beliefs).sort()).toEqual([...BELIEF_IDS].sort());
      if (s.question.expect !== undefined) expect(s.answer).toBe(s.question.expect);
      for (const [choice, beliefs] of Object.entries(s.diagnoses)) {
        expect(choice).not.toBe(s.answer);
        for (const b of beliefs) expect(s.beliefs[b]).toBe(choice);
      }
    }
  });

  it('grades the right choice right and every other one wrong', () => {
    for (const s of solved.questions) {
      if ('check' in s || s.answer === null) continue;
      for (const choice of s.choices) {
        const g = grade(exercise, s.question.id, choice);
        expect(g).toMatchObject({ valid: true, kind: 'choice', correct: choice === s.answer });
      }
    }
  });

  it('has goals the search can reach, whose solution grade() accepts', () => {
    for (const s of solved.questions) {
      if (!('check' in s)) continue;
      expect(s.check.ok, s.question.id).toBe(true);
      if (!s.check.ok) continue;
      expect(grade(exercise, s.question.id, { steps: s.check.witness })).toEqual({
        valid: true,
        kind: 'goal',
        correct: true,
      });
      expect(grade(exercise, s.question.id, { steps: [] })).toEqual({ valid: true, kind: 'goal', correct: false });
    }
  });
});
