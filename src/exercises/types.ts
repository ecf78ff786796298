/** An exercise as the rest of the code takes it: validated, its steps resolved to indices. */
import type { CallName, LocalizedText, ProfileName } from '../model/index.ts';
import type { ParsedScenario } from '../scenario/parse.ts';
import type { AskKind } from './kinds.ts';
import type { PredicateDoc } from './schema.ts';

interface QuestionBase {
  /** Unique in the exercise; progress is keyed by `${exercise.id}/${id}`. */
  id: string;
  /** 0-based position in the file. */
  index: number;
  /** The line of the question in its file. */
  line: number | null;
  /** 1-based step after which the player stops. */
  at: number;
  prompt: LocalizedText;
}

export interface ChoiceQuestion extends QuestionBase {
  ask: Exclude<AskKind, 'goal'>;
  host: string;
  socket?: string;
  /** The last step the answer is read from (state: after which the state is read); null: kind's default. */
  until: number | null;
  detail?: 'flags';
  of?: 'rst' | 'fin';
  call?: CallName;
  /** The author's subset of choices, or null for every answer of the kind. */
  choices: readonly string[] | null;
  expect?: string;
  /** Lines of `expect:` and `choices:`, where the check reports what it finds about them. */
  expectLine: number | null;
  choicesLine: number | null;
}

export interface GoalQuestion extends QuestionBase {
  ask: 'goal';
  toolbox: readonly string[];
  /** The hosts the learner may act for. */
  hosts: readonly string[];
  goal: PredicateDoc;
  goalLine: number | null;
}

export type Question = ChoiceQuestion | GoalQuestion;

export interface Exercise {
  id: string;
  lesson: string;
  title: LocalizedText;
  file: string;
  /** The scenario it runs: the one named by `scenario:`, or its own inline steps (id = the exercise's). */
  scenario: ParsedScenario;
  /** The id under exercises/scenarios/, or null when the steps are inline. */
  scenarioId: string | null;
  /** The profile the real answers come from. */
  profile: ProfileName;
  questions: Question[];
}
