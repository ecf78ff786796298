/**
 * The data files the widget fetches after an answer (exercise-data.ts), built from every shipped
 * exercise: well posed, diagnosed, and the page's part shows nothing past the first stop.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseData, firstQuestionHtml, firstStages } from '../../../src/components/exercise-data.ts';
import { tracePrefix } from '../../../src/components/exercise-markup.ts';
import { grade } from '../../../src/exercises/grade.ts';
import { solveExercise } from '../../../src/exercises/solve.ts';
import { exerciseView } from '../../../src/exercises/view.ts';
import { exercises, ROOT } from './course.ts';

describe.each(exercises.map((e) => [e.id, e] as const))('the data file of %s', (_, exercise) => {
  const data = exerciseData(exercise);
  const solved = solveExercise(exercise);

  it('has exactly one correct choice per question, the one grade() accepts', () => {
    for (const q of data.questions) {
      if (q.kind === 'goal') continue;
      const correct = q.choices.filter((c) => c.correct);
      expect(
        correct.map((c) => c.value),
        q.key,
      ).toEqual([q.answer]);
      const id = q.key.split('/')[1] ?? '';
      for (const c of q.choices) {
        const g = grade(exercise, id, c.value);
        expect(g.valid && g.kind === 'choice' && g.correct, `${q.key} ${c.value}`).toBe(c.correct);
      }
    }
  });

  it('carries a diagnosis in both languages for every choice a belief predicts', () => {
    for (const [k, q] of data.questions.entries()) {
      const s = solved.questions[k];
      if (q.kind === 'goal' || s === undefined || 'check' in s) continue;
      for (const c of q.choices) {
        expect(c.beliefs, `${q.key} ${c.value}`).toEqual(s.diagnoses[c.value] ?? []);
        expect(c.diagnosis.en).toHaveLength(c.beliefs.length);
        expect(c.diagnosis['zh-CN']).toHaveLength(c.beliefs.length);
        for (const text of c.diagnosis.en) expect(text).toMatch(/^You answered as if /);
      }
      if (q.rule !== null) {
        expect(q.rule.en).not.toBe('');
        expect(q.rule['zh-CN']).not.toBe('');
      }
      expect(q.hints.en).toHaveLength(3);
      expect(q.hints['zh-CN']).toHaveLength(3);
    }
  });

  it('reveals the next question only after this one, and the whole trace after the last', () => {
    expect(data.questions.map((q) => q.next === null)).toEqual(
      data.questions.map((_, k) => k === data.questions.length - 1),
    );
    const view = exerciseView(exercise, 'en');
    const all = view.trace.segments.length + view.trace.events.length;
    const last = data.questions.at(-1);
    expect((last?.stage.en.match(/<tr[^>]*data-frame=/g) ?? []).length).toBe(all);
  });

  it('puts nothing past the first stop in the page or its first-stage file', () => {
    const view = exerciseView(exercise, 'en');
    const stop = view.questions[0]?.stopAfterStep ?? 0;
    const question = firstQuestionHtml(view, 'en');
    const stage = firstStages([exercise], 'en')[exercise.id] ?? '';
    const shown = tracePrefix(view.trace, stop);
    expect((stage.match(/<tr[^>]*data-frame=/g) ?? []).length).toBe(shown.segments.length + shown.events.length);
    const listed = /<details class="ex-steps">.*?<\/details>/.exec(stage)?.[0] ?? '';
    expect((listed.match(/<li>/g) ?? []).length).toBe(Math.min(stop, view.trace.steps.length));
    const first = data.questions[0];
    if (first?.outcome) expect(question + stage).not.toContain(first.outcome.en);
    expect(question).not.toContain('data-correct');
  });

  it('gives the goal grader an exercise that survives JSON', () => {
    if (data.exercise === null) {
      expect(exercise.questions.some((q) => q.ask === 'goal')).toBe(false);
      return;
    }
    const copy = JSON.parse(JSON.stringify(data.exercise)) as typeof exercise;
    for (const s of solved.questions) {
      if (!('check' in s) || !s.check.ok) continue;
      expect(grade(copy, s.question.id, { steps: s.check.witness })).toEqual({
        valid: true,
        kind: 'goal',
        correct: true,
      });
    }
  });
});

describe('the lessons', () => {
  it('every lesson page in both locales shows its own exercises', () => {
    for (const locale of ['en', 'zh-cn']) {
      const dir = join(ROOT, 'content/lessons', locale);
      for (const file of readdirSync(dir).filter((f) => /^\d\d-.*\.mdx$/.test(f))) {
        const lesson = file.slice(0, -4);
        expect(readFileSync(join(dir, file), 'utf8'), `${locale}/${file}`).toContain(
          `<Exercises lesson="${lesson}" />`,
        );
      }
    }
  });
});
