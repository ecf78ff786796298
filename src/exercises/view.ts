/**
 * The build-time API for the exercise widget: everything a page needs to render an exercise's
 * questions in one language, with every answer, feedback and hint already computed, so the
 * page never loads the model (goal challenges excepted: their grader runs the model on demand).
 */
import { CATALOGUE, type BeliefId, type Reason, type Trace } from '../model/index.ts';
import { beliefText, reasonText, t, type Lang, type UiKey } from '../i18n/index.ts';
import { hintSocket, holdingsAt } from './holdings.ts';
import { NOTHING, SEGMENT_CLASSES, APP_RESULTS, type AskKind } from './kinds.ts';
import type { PredicateDoc } from './schema.ts';
import { solveExercise, type SolvedChoiceQuestion } from './solve.ts';
import type { Exercise } from './types.ts';

export interface DiagnosisView {
  belief: BeliefId;
  asIf: string;
  fact: string;
  /** "You answered as if {asIf}. In fact: {fact}" */
  text: string;
}

export interface ChoiceView {
  /** What the learner submits and what progress stores (the same in both languages). */
  value: string;
  label: string;
  correct: boolean;
  /** The beliefs this wrong choice signals (empty for the right one and for undiagnosed ones). */
  diagnosis: DiagnosisView[];
}

export interface RuleView {
  reason: Reason;
  /** behaviour.md rule ids, e.g. ["R5", "R8"]; empty for ordinary traffic. */
  rules: string[];
  kind: 'rst' | 'fin' | 'other';
  /** The catalogue's one-line explanation (reasonText). */
  text: string;
  /** "Rule R5, R8: …", or the explanation alone when no rule applies. */
  sentence: string;
  /** The short plain-language label (reason-label.<id>). */
  label: string;
  rfc: string[];
  linux: string[];
}

export interface LessonLink {
  lesson: string;
  /** Root-relative, locale included, base path not: `/en/lessons/08-crash-reboot/#a-section`. */
  href: string;
  /** The heading of the section `href` points at; null when it points at the lesson's top. */
  section: string | null;
}

/**
 * Finds where a lesson shows a question's rule at work: the heading (its id and text) of the
 * first section that draws a scenario whose trace carries `reason`, or, failing that, draws
 * the exercise's own scenario. Null when no section does; the link then opens the lesson's top.
 */
export type SectionLookup = (
  lesson: string,
  lang: Lang,
  find: { reason: Reason | null; scenario: string | null },
) => { id: string; title: string } | null;

interface QuestionViewBase {
  /** `${exercise id}/${question id}`: the progress key, shared by both locales. */
  key: string;
  id: string;
  /** The player shows steps 1 … stopAfterStep (segments and events whose `step` ≤ this), then stops. */
  stopAfterStep: number;
  prompt: string;
  /** The lesson to read: the one teaching the deciding rule, else the exercise's. */
  lesson: LessonLink;
}

export interface ChoiceQuestionView extends QuestionViewBase {
  kind: Exclude<AskKind, 'goal'>;
  host: string;
  choices: ChoiceView[];
  /** The right choice's value. */
  answer: string;
  /** What the model did, one sentence: "server sends RST." */
  outcome: string;
  /** The rule that decided it; null when no segment did (nothing sent, a silent timer). */
  rule: RuleView | null;
  /** Graduated: 1 the rule family, 2 the socket's state and what it holds at the stop, 3 the answer. */
  hints: [string, string, string];
}

export interface GoalQuestionView extends QuestionViewBase {
  kind: 'goal';
  /** The verbs the step builder offers. */
  toolbox: readonly string[];
  /** The hosts the learner may act for. */
  hosts: readonly string[];
  /** The predicate, for the grader in the worker (grade() evaluates it). */
  goal: PredicateDoc;
}

export type QuestionView = ChoiceQuestionView | GoalQuestionView;

export interface ExerciseView {
  id: string;
  lesson: string;
  title: string;
  /** exercises/scenarios/ID, or null when the exercise has inline steps (then play `trace`). */
  scenarioId: string | null;
  /** The real trace the player plays (its profile is the exercise's). */
  trace: Trace;
  questions: QuestionView[];
}

function lessonLink(
  lesson: string,
  lang: Lang,
  sections: SectionLookup | undefined,
  find: { reason: Reason | null; scenario: string | null },
): LessonLink {
  const section = sections?.(lesson, lang, find) ?? null;
  const page = `/${lang === 'zh-CN' ? 'zh-cn' : 'en'}/lessons/${lesson}/`;
  return { lesson, href: section ? `${page}#${section.id}` : page, section: section?.title ?? null };
}

/** An answer value in the learner's words. */
export function choiceLabel(kind: Exclude<AskKind, 'goal'>, value: string, lang: Lang): string {
  if (kind === 'next-segment' && (value === NOTHING || (SEGMENT_CLASSES as readonly string[]).includes(value))) {
    return t(lang, `exercise.choice.${value}` as UiKey);
  }
  if (kind === 'result' && (APP_RESULTS as readonly string[]).includes(value))
    return t(lang, `exercise.result.${value}` as UiKey);
  if (kind === 'reason') return t(lang, `reason-label.${value}` as UiKey);
  return value;
}

export function ruleView(reason: Reason, lang: Lang): RuleView {
  const entry = CATALOGUE[reason];
  const text = reasonText(reason, lang);
  return {
    reason,
    rules: [...entry.rules],
    kind: entry.kind,
    text,
    sentence: entry.rules.length === 0 ? text : t(lang, 'exercise.rule', { rules: entry.rules.join(', '), text }),
    label: t(lang, `reason-label.${reason}` as UiKey),
    rfc: [...entry.rfc],
    linux: [...entry.linux],
  };
}

export function diagnosisView(belief: BeliefId, lang: Lang): DiagnosisView {
  const { asIf, fact } = beliefText(belief, lang);
  return { belief, asIf, fact, text: t(lang, 'exercise.diagnosis', { asIf, fact }) };
}

/**
 * Everything needed to render the exercise in `lang`. Throws when the exercise is not well posed
 * (npm run check says why). With `sections`, lesson links point at the section showing the rule.
 */
export function exerciseView(exercise: Exercise, lang: Lang, sections?: SectionLookup): ExerciseView {
  const solved = solveExercise(exercise);
  if (solved.trace === null || solved.problems.length > 0) {
    throw new Error(
      `${exercise.file}: not well posed — run npm run check (${solved.problems[0]?.message ?? 'no trace'})`,
    );
  }
  const trace = solved.trace;
  const questions = solved.questions.map((s): QuestionView => {
    const q = s.question;
    const base = {
      key: `${exercise.id}/${q.id}`,
      id: q.id,
      stopAfterStep: q.at,
      prompt: q.prompt[lang],
    };
    if (q.ask === 'goal') {
      return {
        ...base,
        kind: 'goal',
        toolbox: q.toolbox,
        hosts: q.hosts,
        goal: q.goal,
        lesson: lessonLink(exercise.lesson, lang, sections, { reason: null, scenario: exercise.scenarioId }),
      };
    }
    return choiceView(exercise, trace, s as SolvedChoiceQuestion, base, lang, sections);
  });
  return {
    id: exercise.id,
    lesson: exercise.lesson,
    title: exercise.title[lang],
    scenarioId: exercise.scenarioId,
    trace,
    questions,
  };
}

function choiceView(
  exercise: Exercise,
  trace: Trace,
  s: SolvedChoiceQuestion,
  base: Omit<QuestionViewBase, 'lesson'>,
  lang: Lang,
  sections: SectionLookup | undefined,
): ChoiceQuestionView {
  const q = s.question;
  const answer = s.answer ?? '';
  const reason = s.evidence?.reason ?? null;
  const rule = reason === null ? null : ruleView(reason, lang);
  const lesson = (reason === null ? undefined : CATALOGUE[reason].lesson) ?? exercise.lesson;
  const choices = s.choices.map((value) => ({
    value,
    label: choiceLabel(q.ask, value, lang),
    correct: value === answer,
    diagnosis: (s.diagnoses[value] ?? []).map((b) => diagnosisView(b, lang)),
  }));
  const answerLabel = choiceLabel(q.ask, answer, lang);
  const socket = hintSocket(trace, q.host, q.socket ?? s.socket ?? undefined, s.evidence, q.at);
  const outcome = outcomeText(q.ask, q.host, socket, answer, answerLabel, s, lang);
  return {
    ...base,
    kind: q.ask,
    host: q.host,
    choices,
    answer,
    outcome,
    rule,
    lesson: lessonLink(lesson, lang, sections, { reason, scenario: exercise.scenarioId }),
    hints: [
      familyHint(reason, lang),
      holdingsHint(trace, q.host, socket, q.at, lang),
      t(lang, 'exercise.hint.reveal', { answer: answerLabel, why: rule?.sentence ?? outcome }),
    ],
  };
}

function outcomeText(
  kind: Exclude<AskKind, 'goal'>,
  host: string,
  socket: string | null,
  answer: string,
  label: string,
  s: SolvedChoiceQuestion,
  lang: Lang,
): string {
  switch (kind) {
    case 'next-segment':
      return answer === NOTHING
        ? t(lang, 'exercise.outcome.nothing', { host })
        : t(lang, 'exercise.outcome.next-segment', { host, answer: label });
    case 'state':
      return t(lang, 'exercise.outcome.state', { host, socket: socket ?? '', answer });
    case 'result':
      return t(lang, 'exercise.outcome.result', { host, call: s.call ?? 'call', answer: label });
    case 'reason':
      return t(lang, 'exercise.outcome.reason', { host, segment: s.question.of === 'fin' ? 'FIN' : 'RST', label });
  }
}

const FAMILIES: readonly [string, readonly string[]][] = [
  ['no-socket', ['R1', 'R2', 'R3']],
  ['closing', ['R4', 'R5', 'R6', 'R7', 'R8']],
  ['receiving-rst', ['R9', 'R10']],
  ['timers', ['R11', 'R12']],
  ['time-wait', ['R13']],
  ['listen-queue', ['R14']],
  ['syn-sent', ['R15']],
];

/** Hint 1: the family of the rule that decides the answer. */
function familyHint(reason: Reason | null, lang: Lang): string {
  if (reason === null) return t(lang, 'exercise.hint.family.none');
  const first = CATALOGUE[reason].rules[0];
  const family =
    first === undefined ? 'ordinary' : (FAMILIES.find(([, rules]) => rules.includes(first))?.[0] ?? 'ordinary');
  return t(lang, `exercise.hint.family.${family}` as UiKey);
}

/** Hint 2: the socket's state when the player stops, and what it holds. */
function holdingsHint(trace: Trace, host: string, socket: string | null, at: number, lang: Lang): string {
  const held = socket === null ? null : holdingsAt(trace, host, socket, at);
  if (socket === null || held === null) return t(lang, 'exercise.hint.no-socket', { host });
  const state = t(lang, 'exercise.hint.state', { host, socket, state: held.state });
  if (held.state === 'CLOSED') return state;
  const parts = [
    ...(held.unread > 0 ? [t(lang, 'exercise.hint.unread', { n: held.unread })] : []),
    ...(held.queued > 0 ? [t(lang, 'exercise.hint.queued', { n: held.queued })] : []),
    ...(held.finSent ? [t(lang, 'exercise.hint.fin-sent')] : []),
    ...(held.finReceived ? [t(lang, 'exercise.hint.fin-received')] : []),
  ];
  const holds =
    parts.length === 0
      ? t(lang, 'exercise.hint.holds-nothing')
      : t(lang, 'exercise.hint.holds', { list: parts.join(t(lang, 'exercise.hint.list-separator')) });
  return `${state} ${holds}`;
}
