/**
 * The assignment page's words after an answer, from a pool entry's feedback file: right (with
 * what the model did and the rule), or wrong (with the belief it signals) — and, once an exam is
 * submitted, the model's answer. Plus the due date in the reader's time zone. Pure but for the DOM.
 */
import type { QuestionFeedback } from './assignment-data.ts';
import type { AssignmentKey } from './assignment-strings.ts';

type Say = (key: AssignmentKey, vars?: Record<string, string | number>) => string;

/** `given` is the learner's choice (undefined: none); `final` shows the answer to a wrong or missing one. */
export function feedbackLines(q: QuestionFeedback, given: string | undefined, final: boolean, s: Say): string[] {
  const choice = q.choices.find((c) => c.value === given);
  const answer = s('assignment.answer-was', { answer: q.answerLabel });
  const lines =
    choice === undefined
      ? [s('assignment.not-answered'), answer, q.rule ?? q.outcome]
      : choice.correct
        ? [s('exercise.correct'), q.outcome, q.rule ?? '']
        : [s('exercise.wrong'), ...choice.diagnosis, ...(final ? [answer, q.rule ?? q.outcome] : [])];
  return lines.filter((l) => l !== '');
}

/** Writes the due date in the reader's language and time zone, and whether it has passed. */
export function showDue(due: string, lang: string, s: Say): void {
  const time = document.querySelector<HTMLTimeElement>('.as-due time');
  const at = Date.parse(due);
  if (!time || Number.isNaN(at)) return;
  time.textContent = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(at);
  const past = Date.now() > at;
  const note = document.querySelector<HTMLElement>('.as-due-state');
  if (note) note.textContent = ` ${s(past ? 'assignment.due.past' : 'assignment.due.open')}`;
  document.querySelector('.as-due')?.classList.toggle('as-past', past);
}
