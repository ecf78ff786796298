/** The few UI strings the exercise widget needs in the browser, so it does not ship the dictionaries. */
import { t, type Lang, type UiKey } from '../i18n/index.ts';

const KEYS = [
  'exercise.correct',
  'exercise.wrong',
  'exercise.choose',
  'exercise.attempts',
  'exercise.hint.none-left',
  'exercise.hint.n',
  'exercise.read-lesson',
  'exercise.read-section',
  'exercise.restored',
  'exercise.restored-answer',
  'exercise.load-failed',
  'exercise.stage.failed',
  'exercise.done',
  'exercise.goal.loading',
  'progress.notice',
] as const satisfies readonly UiKey[];

export type WidgetKey = (typeof KEYS)[number];
export type WidgetStrings = Record<WidgetKey, string>;

export function widgetStrings(lang: Lang): WidgetStrings {
  return Object.fromEntries(KEYS.map((k) => [k, t(lang, k)])) as WidgetStrings;
}
