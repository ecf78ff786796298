/** The playground's Web Worker: runs each scenario it is sent and answers with the outcome. */
import { runScenario, type RunRequest } from './playground-run.ts';

// Typed by hand: the project's lib is the DOM's, not the worker's.
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<RunRequest>) => void): void;
  postMessage(message: unknown): void;
};

scope.addEventListener('message', ({ data }) => {
  scope.postMessage({ seq: data.seq, ...runScenario(data.text, data.profile, data.belief) });
});
