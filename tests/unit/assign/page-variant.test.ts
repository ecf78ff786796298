/**
 * The assignment page and the grader agree: the build's registry (import.meta.glob, as the
 * Astro build reads it) gives the very answer key `npm run grade` builds from disk, and for any
 * learner the data file the page fetches (the pool entry the page's hash picks) asks the key's
 * questions, offers the key's choices and holds the key's answers.
 */
import { describe, expect, it } from 'vitest';
import { gradeAll } from '../../../src/assign/grade.ts';
import { pickVariant } from '../../../src/assign/hash.ts';
import { loadAssignment } from '../../../src/assign/load.ts';
import { allAssignments } from '../../../src/components/assignment-registry.ts';
import { variantFeedback, variantQuestions } from '../../../src/components/assignment-data.ts';
import { buildSubmission } from '../../../src/components/assignment-submit.ts';
import { getStaticPaths } from '../../../src/pages/assignment-data/[id]/[locale]/[exercise]/[part].json.ts';
import { course, ROOT } from '../exercises/course.ts';

const entries = allAssignments();
const learners = ['alice', 'bob', 'x@example.org', '学员-7', 's1042'];
const paths = new Set(getStaticPaths().map((p) => Object.values(p.params).join('/')));

describe('assignment pages and the grader', () => {
  it('ship at least the practice and the exam example', () => {
    expect(entries.map((e) => e.assignment.mode).sort()).toEqual(expect.arrayContaining(['exam', 'practice']));
  });

  for (const entry of entries) {
    const { id } = entry.assignment;
    describe(id, async () => {
      const cli = await loadAssignment(ROOT, course, id);
      if (!cli.ok) throw new Error(cli.errors.join('\n'));

      it('has the answer key and version of npm run grade', () => {
        expect(entry.key.version).toBe(cli.key.version);
        expect(entry.key).toEqual(cli.key);
      });

      for (const learner of learners) {
        it(`gives ${learner} the grader's variant of every exercise, in both languages`, () => {
          for (const e of cli.key.exercises) {
            const k = pickVariant(id, learner, e.id, e.pool.length);
            const keyEntry = e.pool[k];
            const variant = entry.pools.get(e.id)?.[k];
            if (keyEntry === undefined || variant === undefined) throw new Error(`${e.id}: no entry ${k}`);
            for (const locale of ['en', 'zh-cn'] as const) {
              expect(paths).toContain(`${id}/${locale}/${e.id}/${k}`);
              expect(paths).toContain(`${id}/${locale}/${e.id}/${k}-feedback`);
            }
            for (const lang of ['en', 'zh-CN'] as const) {
              const q = variantQuestions(variant, k, lang, entry.assignment.mode === 'practice');
              expect(q.questions).toEqual(keyEntry.questions.map((x) => x.id));
              for (const kq of keyEntry.questions) {
                const form = new RegExp(`<form[^>]*data-question="${kq.id}"[\\s\\S]*?</form>`).exec(q.html)?.[0] ?? '';
                const offered = [...form.matchAll(/type="radio"[^>]*value="([^"]*)"/g)].map((m) => m[1]);
                expect(offered).toEqual(kq.choices);
              }
              const fb = variantFeedback(variant, k, lang);
              expect(fb.questions.map((x) => [x.id, x.answer])).toEqual(
                keyEntry.questions.map((x) => [x.id, x.answer]),
              );
            }
          }
        });
      }

      it('grades the answers the page would show as right at full marks, and one wrong at n−1', () => {
        const learner = 'alice';
        const chosen = cli.key.exercises.flatMap((e) => {
          const k = pickVariant(id, learner, e.id, e.pool.length);
          const variant = entry.pools.get(e.id)?.[k];
          if (variant === undefined) throw new Error(e.id);
          return variantFeedback(variant, k, 'en').questions.map((q) => ({
            exercise: e.id,
            question: q.id,
            answer: q.answer,
            wrong: q.choices.find((c) => !c.correct)?.value ?? '',
          }));
        });
        const stored = (wrongAt: number) => ({
          finished: false,
          answers: new Map(
            chosen.map((c, i) => [
              `${c.exercise}/${c.question}`,
              { answer: i === wrongAt ? c.wrong : c.answer, at: '2026-12-01T00:00:00.000Z' },
            ]),
          ),
        });
        const meta = {
          format: 'tcp-reset-lab/submission@1',
          assignment: id,
          version: entry.key.version,
          build: 'test',
        };
        const now = new Date('2026-12-01T00:00:00Z');
        for (const wrongAt of [-1, 0]) {
          const s = buildSubmission(meta, learner, stored(wrongAt), chosen, now);
          const graded = gradeAll(cli.key, [{ file: 'a.json', read: { ok: true, submission: s } }]);
          expect(graded.errors).toEqual([]);
          expect(graded.results[0]?.total).toBe(chosen.length);
          expect(graded.results[0]?.correct).toBe(chosen.length - (wrongAt === -1 ? 0 : 1));
        }
      });
    });
  }
});
