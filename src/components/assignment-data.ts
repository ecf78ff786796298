/**
 * What an assignment page fetches for a learner's variant, written at build time per
 * assignment, locale, exercise and pool entry (src/pages/assignment-data/): the questions
 * file (the trace up to the first question's stop, every step's text, the questions as
 * fieldsets of radios), and apart from it the feedback file (the model's answer, the belief
 * behind each wrong choice, the rule), which a practice page fetches after an answer and an
 * exam page only once the learner submits. Pure; the variant is the grader's pool entry.
 */
import { exerciseView, type ChoiceQuestionView, type ExerciseView } from '../exercises/view.ts';
import type { Exercise } from '../exercises/types.ts';
import { t, type Lang } from '../i18n/index.ts';
import { stageHtml } from './exercise-markup.ts';
import { courseSections } from './lesson-sections.ts';
import { escapeHtml } from './trace-view.ts';

export interface VariantQuestions {
  exercise: string;
  variant: number;
  /** The question ids in order: the grader's key questions for this entry. */
  questions: string[];
  /** The stage and the questions' forms, in the page's language. */
  html: string;
}

export interface ChoiceFeedback {
  value: string;
  correct: boolean;
  /** "You answered as if …. In fact: …", one per belief that predicts this choice. */
  diagnosis: string[];
}

export interface QuestionFeedback {
  id: string;
  answer: string;
  answerLabel: string;
  choices: ChoiceFeedback[];
  /** The rule that decided it, as a sentence; null when no segment did. */
  rule: string | null;
  outcome: string;
  /** Root-relative, locale included, no base path. */
  lesson: string;
}

export interface VariantFeedback {
  exercise: string;
  variant: number;
  questions: QuestionFeedback[];
}

const choiceQuestions = (view: ExerciseView): ChoiceQuestionView[] =>
  view.questions.filter((q): q is ChoiceQuestionView => q.kind !== 'goal');

function questionForm(view: ExerciseView, q: ChoiceQuestionView, n: number, of: number, lang: Lang, practice: boolean) {
  const id = `as-${view.id}-${q.id}`;
  const label = t(lang, 'exercise.question-n', { n, of });
  const step = view.trace.steps[q.stopAfterStep - 1]?.text ?? '';
  const choices = q.choices
    .map(
      (c) =>
        `<label class="ex-choice"><input type="radio" name="${id}" value="${escapeHtml(c.value)}" /> <span>${escapeHtml(c.label)}</span></label>`,
    )
    .join('');
  const check = practice
    ? `<div class="ex-actions"><button type="submit" class="ex-button">${escapeHtml(t(lang, 'exercise.submit'))}</button></div>`
    : '';
  return (
    `<form class="ex-question" id="${id}" data-exercise="${escapeHtml(view.id)}" data-question="${escapeHtml(q.id)}">` +
    `<fieldset><legend><span class="ex-n">${escapeHtml(label)}</span> ${escapeHtml(q.prompt)}</legend>` +
    `<p class="as-at">${escapeHtml(t(lang, 'assignment.at-step', { step: q.stopAfterStep, text: step }))}</p>` +
    `<div class="ex-choices">${choices}</div>${check}</fieldset>` +
    `<div class="ex-status" role="status" aria-live="polite"></div></form>`
  );
}

/** The questions file of one pool entry in one language. */
export function variantQuestions(variant: Exercise, k: number, lang: Lang, practice: boolean): VariantQuestions {
  const view = exerciseView(variant, lang);
  const questions = choiceQuestions(view);
  const firstStop = view.questions.findIndex((q) => q.kind !== 'goal');
  const steps = view.trace.steps.map((s) => `<li><code>${escapeHtml(s.text)}</code></li>`).join('');
  const html =
    `<div class="ex-stage">${stageHtml(view, Math.max(0, firstStop), lang)}</div>` +
    `<details class="ex-steps as-all-steps"><summary>${escapeHtml(t(lang, 'assignment.all-steps'))}</summary><ol>${steps}</ol></details>` +
    questions.map((q, i) => questionForm(view, q, i + 1, questions.length, lang, practice)).join('');
  return { exercise: variant.id, variant: k, questions: questions.map((q) => q.id), html };
}

/** The feedback file of one pool entry in one language. */
export function variantFeedback(variant: Exercise, k: number, lang: Lang): VariantFeedback {
  const view = exerciseView(variant, lang, courseSections);
  return {
    exercise: variant.id,
    variant: k,
    questions: choiceQuestions(view).map((q) => ({
      id: q.id,
      answer: q.answer,
      answerLabel: q.choices.find((c) => c.correct)?.label ?? q.answer,
      choices: q.choices.map((c) => ({
        value: c.value,
        correct: c.correct,
        diagnosis: c.diagnosis.map((d) => d.text),
      })),
      rule: q.rule?.sentence ?? null,
      outcome: q.outcome,
      lesson: q.lesson.href,
    })),
  };
}
