/**
 * GIFT (Moodle's plain-text question format) for an assignment, closed book: one multiple-choice
 * question per choice question, in a learner's variants or in one seed's, with the model's
 * answer marked right and the rule that decides it as its feedback. Pure.
 */
import type { AskKind } from '../exercises/kinds.ts';
import type { Exercise } from '../exercises/types.ts';
import { choiceLabel } from '../exercises/view.ts';
import { reasonText, type Lang } from '../i18n/index.ts';
import { pickVariant } from './hash.ts';
import type { AnswerKey } from './key.ts';
import { variantOf } from './variants.ts';

/** Whose variants: a learner's (as the assignment page picks them), or pool entry `seed` of every exercise. */
export type GiftPick = { learner: string } | { seed: number };

export interface GiftQuestion {
  /** Shown to the instructor in Moodle's question bank. */
  name: string;
  text: string;
  choices: { label: string; correct: boolean; feedback: string | null }[];
  /** A comment line above the question. */
  comment: string;
}

/** GIFT's special characters (~ = # { } :) and the backslash get a backslash; a line break becomes \n. */
export function giftEscape(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

const comment = (text: string) => `// ${text.replace(/\r?\n/g, ' ')}`;

export function giftText(header: readonly string[], category: string, questions: readonly GiftQuestion[]): string {
  const out = [...header.map(comment), `$CATEGORY: ${category.replace(/\r?\n/g, ' ')}`, ''];
  for (const q of questions) {
    out.push(comment(q.comment), `::${giftEscape(q.name)}::[plain]${giftEscape(q.text)} {`);
    for (const c of q.choices) {
      const feedback = c.feedback === null ? '' : `#${giftEscape(c.feedback)}`;
      out.push(`\t${c.correct ? '=' : '~'}${giftEscape(c.label)}${feedback}`);
    }
    out.push('}', '');
  }
  return out.join('\n');
}

/** Which pool entry of each exercise the pick gets. */
export function giftEntry(key: AnswerKey, pick: GiftPick, exerciseId: string, pool: number): number {
  return 'seed' in pick ? pick.seed : pickVariant(key.assignment.id, pick.learner, exerciseId, pool);
}

/** The assignment's questions for this pick, in `lang`; prompts come from the variant (its numbers). */
export function giftQuestions(
  key: AnswerKey,
  course: ReadonlyMap<string, Exercise>,
  pick: GiftPick,
  lang: Lang,
): GiftQuestion[] {
  return key.exercises.flatMap((e) => {
    const k = giftEntry(key, pick, e.id, e.pool.length);
    const entry = e.pool[k] ?? e.pool[0];
    const base = course.get(e.id);
    const variant = base === undefined ? undefined : variantOf(base, k);
    return (entry?.questions ?? []).map((q, i): GiftQuestion => {
      const kind = q.ask as Exclude<AskKind, 'goal'>;
      const prompt = variant?.questions.find((x) => x.id === q.id)?.prompt ?? e.questions[i]?.prompt;
      const rule = q.reason === null ? null : reasonText(q.reason, lang);
      return {
        name: `${e.id}/${q.id}`,
        text: `${e.title[lang]} — ${prompt?.[lang] ?? ''}`,
        comment: `${e.id}, question ${q.id}, variant ${k}`,
        choices: q.choices.map((value) => ({
          label: choiceLabel(kind, value, lang),
          correct: value === q.answer,
          feedback: value === q.answer ? rule : null,
        })),
      };
    });
  });
}

/** The whole GIFT file. */
export function assignmentGift(
  key: AnswerKey,
  course: ReadonlyMap<string, Exercise>,
  pick: GiftPick,
  lang: Lang,
): string {
  const who = 'seed' in pick ? `seed ${pick.seed}` : `learner ${pick.learner}`;
  return giftText(
    [
      `${key.assignment.title[lang]} (${key.assignment.id}), ${who}, ${lang}.`,
      `Answer-key version ${key.version}. The answers marked = are the model's (npm run gift); regenerate rather than edit.`,
    ],
    `tcp-reset-lab/${key.assignment.id}`,
    giftQuestions(key, course, pick, lang),
  );
}
