/** The instructor grader's Web Worker: reads the files it is given, grades them, answers with the gradebook and report. */
import { gradeRequest, summaryOf, type GradeReply, type GradeRequest } from './grader-run.ts';

// Typed by hand: the project's lib is the DOM's, not the worker's.
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<GradeRequest>) => void): void;
  postMessage(message: GradeReply): void;
};

scope.addEventListener('message', (event) => {
  const { seq, ...request } = event.data;
  gradeRequest(request, (done, total) => {
    scope.postMessage({ seq, kind: 'progress', done, total });
  })
    .then((run) => {
      scope.postMessage({ seq, kind: 'graded', summary: summaryOf(run), csv: run.csv, report: run.report });
    })
    .catch((error: unknown) => {
      scope.postMessage({ seq, kind: 'error', message: error instanceof Error ? error.message : String(error) });
    });
});
