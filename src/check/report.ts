/** What `npm run check` found: per file, and for the whole run. Pure. */
import { formatError, type ScenarioError } from '../scenario/parse.ts';

/** One checked file: its problems (`FILE:LINE: message`), whether it has `expect:`, how many checks ran. */
export interface FileReport {
  file: string;
  problems: ScenarioError[];
  expects: boolean;
  checks: number;
}

export interface Summary {
  files: number;
  /** Files by the checker that read them, e.g. { scenarios: 37 }. */
  byKind: Record<string, number>;
  expects: number;
  checks: number;
  problems: number;
}

export function summarize(reports: readonly { kind: string; report: FileReport }[]): Summary {
  const byKind: Record<string, number> = {};
  for (const { kind } of reports) byKind[kind] = (byKind[kind] ?? 0) + 1;
  return {
    files: reports.length,
    byKind,
    expects: reports.filter((r) => r.report.expects).length,
    checks: reports.reduce((n, r) => n + r.report.checks, 0),
    problems: reports.reduce((n, r) => n + r.report.problems.length, 0),
  };
}

/** Every problem, one line each, sorted by file then line. */
export function problemLines(reports: readonly { report: FileReport }[]): string[] {
  return reports.flatMap((r) => [...r.report.problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).map(formatError));
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `checked 37 files (scenarios: 37), 30 with expect:, 212 checks run — no problems` */
export function summaryLine(s: Summary): string {
  const kinds = Object.entries(s.byKind).map(([kind, n]) => `${kind}: ${n}`);
  const files = `checked ${plural(s.files, 'file')}${kinds.length === 0 ? '' : ` (${kinds.join(', ')})`}`;
  const outcome = s.problems === 0 ? 'no problems' : plural(s.problems, 'problem');
  return `${files}, ${s.expects} with expect:, ${plural(s.checks, 'check')} run — ${outcome}`;
}
