/**
 * The explainer's Web Worker: reads the file it is given as a stream (or the pasted text),
 * explains it and answers with the report. Nothing leaves the browser.
 */
import { CaptureError } from '../explain/errors.ts';
import { explainStream } from '../explain/explain.ts';
import type { ExplainReply, ExplainRequest } from './explainer-run.ts';

// Typed by hand: the project's lib is the DOM's, not the worker's.
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<ExplainRequest>) => void): void;
  postMessage(message: ExplainReply): void;
};

/** A File's bytes chunk by chunk, reporting progress about every megabyte. */
async function* chunks(file: File, seq: number): AsyncGenerator<Uint8Array> {
  const reader = file.stream().getReader();
  let done = 0;
  let told = 0;
  for (;;) {
    const next = await reader.read();
    if (next.done) return;
    done += next.value.byteLength;
    if (done - told >= 1 << 20) {
      told = done;
      scope.postMessage({ seq, kind: 'progress', done, total: file.size });
    }
    yield next.value;
  }
}

async function explain(request: ExplainRequest): Promise<ExplainReply> {
  const { seq, lang } = request;
  try {
    const report =
      request.kind === 'file'
        ? await explainStream(chunks(request.file, seq), request.file.name, { lang })
        : await explainStream([new TextEncoder().encode(request.text)], request.name, { lang });
    return { seq, kind: 'report', report };
  } catch (error) {
    if (error instanceof CaptureError) return { seq, kind: 'error', message: error.message };
    return { seq, kind: 'crash', message: error instanceof Error ? error.message : String(error) };
  }
}

scope.addEventListener('message', ({ data }) => {
  void explain(data).then((reply) => {
    scope.postMessage(reply);
  });
});
