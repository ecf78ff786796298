/** Messages between the explainer page and its Web Worker. */
import type { Report } from '../explain/report.ts';
import type { Lang } from '../i18n/index.ts';

export type ExplainRequest = { seq: number; lang: Lang } & (
  { kind: 'file'; file: File } | { kind: 'text'; name: string; text: string }
);

export type ExplainReply = { seq: number } & (
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'report'; report: Report }
  /** The capture cannot be read: the message names the file and the packet or line. */
  | { kind: 'error'; message: string }
  /** Something that is not the capture's fault. */
  | { kind: 'crash'; message: string }
);
