/**
 * What a page fetches after the learner answers: /exercise-data/<exercise id>.json, written at
 * build time. Per question, in both languages: the model's answer, feedback for every choice
 * (the rule sentence and the belief diagnosis), the hints, the lesson link, and the markup of
 * what comes next (the trace up to the next stop and the next question). Nothing of it is in
 * the page before an answer is given. The first stages come separately (firstStages), without
 * any of it, so the page can fetch them as soon as it has loaded.
 */
import { exerciseView, type ExerciseView } from '../exercises/view.ts';
import type { Exercise } from '../exercises/types.ts';
import type { Lang } from '../i18n/index.ts';
import { questionHtml, stageHtml } from './exercise-markup.ts';
import { courseSections } from './lesson-sections.ts';

type PerLang<T> = Record<Lang, T>;

export interface ChoiceFeedback {
  value: string;
  correct: boolean;
  /** "You answered as if …. In fact: …", one per belief that predicts this choice. */
  diagnosis: PerLang<string[]>;
  /** The belief ids behind `diagnosis`. */
  beliefs: string[];
}

export interface QuestionData {
  key: string;
  kind: string;
  /** The model's answer (null for a goal: the worker grades it). */
  answer: string | null;
  answerLabel: PerLang<string> | null;
  choices: ChoiceFeedback[];
  /** The rule that decided it, as a sentence; null when no segment did. */
  rule: PerLang<string> | null;
  outcome: PerLang<string> | null;
  /** Root-relative (no base path), locale included, to the section that shows the rule where one does. */
  lesson: PerLang<string>;
  /** That section's heading; null when the link opens the lesson's top. */
  section: PerLang<string | null>;
  hints: PerLang<string[]>;
  /** Shown once the question is resolved: the trace up to the next stop (all of it after the last). */
  stage: PerLang<string>;
  /** The next question's form, or null after the last. */
  next: PerLang<string> | null;
}

export interface ExerciseData {
  id: string;
  lesson: string;
  questions: QuestionData[];
  /** The exercise itself, for the goal grader in the worker; present only when it has goals. */
  exercise: Exercise | null;
}

const perLang = <T>(f: (lang: Lang) => T): PerLang<T> => ({ en: f('en'), 'zh-CN': f('zh-CN') });

/** The data file of one exercise. */
export function exerciseData(exercise: Exercise): ExerciseData {
  const views = perLang((lang) => exerciseView(exercise, lang, courseSections));
  const en = views.en;
  const questions = en.questions.map((q, k): QuestionData => {
    const at = (lang: Lang) => views[lang].questions[k] ?? q;
    const next = k + 1 < en.questions.length ? perLang((lang) => questionHtml(views[lang], k + 1, lang)) : null;
    const base = {
      key: q.key,
      kind: q.kind,
      lesson: perLang((lang) => at(lang).lesson.href),
      section: perLang((lang) => at(lang).lesson.section),
      stage: perLang((lang) => stageHtml(views[lang], k + 1, lang)),
      next,
    };
    if (q.kind === 'goal') {
      return {
        ...base,
        answer: null,
        answerLabel: null,
        choices: [],
        rule: null,
        outcome: null,
        hints: perLang(() => []),
      };
    }
    const choice = (lang: Lang) => {
      const v = at(lang);
      if (v.kind === 'goal') throw new Error(`${exercise.file}: question ${q.id} changes kind between languages`);
      return v;
    };
    return {
      ...base,
      answer: q.answer,
      answerLabel: perLang((lang) => choice(lang).choices.find((c) => c.correct)?.label ?? q.answer),
      choices: q.choices.map((c, i) => ({
        value: c.value,
        correct: c.correct,
        beliefs: c.diagnosis.map((d) => d.belief),
        diagnosis: perLang((lang) => (choice(lang).choices[i]?.diagnosis ?? []).map((d) => d.text)),
      })),
      rule: q.rule === null ? null : perLang((lang) => choice(lang).rule?.sentence ?? ''),
      outcome: perLang((lang) => choice(lang).outcome),
      hints: perLang((lang) => [...choice(lang).hints]),
    };
  });
  return {
    id: exercise.id,
    lesson: exercise.lesson,
    questions,
    exercise: exercise.questions.some((q) => q.ask === 'goal') ? exercise : null,
  };
}

/** The page's part: the first question's form, rendered in the page's language. */
export function firstQuestionHtml(view: ExerciseView, lang: Lang): string {
  return questionHtml(view, 0, lang);
}

/**
 * A lesson's first stages in one language, by exercise id: /exercise-stage/<lesson>.<locale>.json.
 * The trace up to each first question is the bulk of an exercise, so the page fetches it once it
 * has loaded instead of carrying it; it shows no more than the page used to (no answers in it).
 */
export function firstStages(exercises: Exercise[], lang: Lang): Record<string, string> {
  return Object.fromEntries(exercises.map((e) => [e.id, stageHtml(exerciseView(e, lang), 0, lang)]));
}
