/** The UI strings the assignment page's script needs, so it does not ship the dictionaries. */
import { t, type Lang, type UiKey } from '../i18n/index.ts';

const KEYS = [
  'exercise.correct',
  'exercise.wrong',
  'exercise.choose',
  'exercise.read-lesson',
  'assignment.learner.from-link',
  'assignment.learner.current',
  'assignment.learner.invalid',
  'assignment.loading',
  'assignment.waiting',
  'assignment.load-failed',
  'assignment.answered',
  'assignment.answer-was',
  'assignment.not-answered',
  'assignment.score',
  'assignment.finished',
  'assignment.downloaded',
  'assignment.copied',
  'assignment.copy-manual',
  'assignment.notice.set-aside',
  'assignment.due.past',
  'assignment.due.open',
] as const satisfies readonly UiKey[];

export type AssignmentKey = (typeof KEYS)[number];
export type AssignmentStrings = Record<AssignmentKey, string>;

export function assignmentStrings(lang: Lang): AssignmentStrings {
  return Object.fromEntries(KEYS.map((k) => [k, t(lang, k)])) as AssignmentStrings;
}
