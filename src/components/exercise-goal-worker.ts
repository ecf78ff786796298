/** The goal grader's Web Worker: runs the learner's steps through the model with grade(). */
import { grade } from '../exercises/grade.ts';
import type { Exercise } from '../exercises/types.ts';

interface GoalRequest {
  id: number;
  exercise: Exercise;
  questionId: string;
  steps: string[];
}

// Typed by hand: the project's lib is the DOM's, not the worker's.
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<GoalRequest>) => void): void;
  postMessage(message: unknown): void;
};

scope.addEventListener('message', ({ data }) => {
  let result;
  try {
    result = grade(data.exercise, data.questionId, { steps: data.steps });
  } catch (error) {
    result = { valid: false, message: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage({ id: data.id, grade: result });
});
