/** The explainer's report as text for a terminal, one block per connection, in the reader's language. */
import type { CaptureWarning } from './errors.ts';
import type { ConnectionReport, EndReport, Report } from './report.ts';
import { WORDS, span, type Lang } from './words.ts';

export function warningLine(w: CaptureWarning, lang: Lang): string {
  const where = w.line !== null ? `line ${w.line}: ` : w.packet !== null ? `packet ${w.packet}: ` : '';
  return `${WORDS[lang].label.warning}${WORDS[lang].colon}${where}${w.message}`;
}

function endBlock(e: EndReport, lang: Lang): string[] {
  const w = WORDS[lang];
  const l = w.label;
  const flags = e.flags.join('+');
  const numbers = `seq ${e.seq}${e.ack === null ? '' : ` ack ${e.ack}`}${e.len > 0 ? ` len ${e.len}` : ''}`;
  const c = w.colon;
  const lines = [`  ${flags} ${w[e.side]} ${e.from} ${l.at(span(e.dt, lang), e.packet)}${w.comma}${numbers}`];
  const mark = e.confirmed ? w.paren(l.confirmedMark) : '';
  const lesson = e.lesson ? w.paren(`${l.lesson}${c}${e.lesson}`) : '';
  lines.push(`    ${l.reason}${c}${e.reason}${mark} — ${e.sentence}${lesson}`);
  if (e.state !== null) lines.push(`    ${l.state}${c}${e.state}`);
  lines.push(`    ${l.evidence}${c}${e.evidence}`);
  lines.push(`    ${l.model}${c}${e.model}`);
  const others = e.candidates.slice(1);
  if (others.length > 0) {
    const shown = others.map((r) => ((e.confirmedBy as string[]).includes(r) ? `${r}${w.paren(l.confirmedMark)}` : r));
    lines.push(`    ${l.others}${c}${shown.join(w.comma)}`);
  }
  for (const n of e.notices) lines.push(`    ${l.notice}${c}${n}`);
  return lines;
}

export function connectionText(c: ConnectionReport, lang: Lang): string {
  const w = WORDS[lang];
  const ends = [...c.resets, ...c.fins].sort((a, b) => a.t - b.t || a.packet - b.packet);
  const lines = [`#${c.id} ${c.summary}`];
  for (const n of c.notices) lines.push(`  ${w.label.notice}${w.colon}${n}`);
  for (const e of ends) lines.push(...endBlock(e, lang));
  if (c.moreEnds > 0) lines.push(`  ${w.label.more(c.moreEnds)}`);
  return lines.join('\n') + '\n\n';
}

/** The first lines: what was read and what was skipped. */
export function headerText(report: Omit<Report, 'connections'>, connections: number, lang: Lang): string {
  const w = WORDS[lang];
  const skipped = Object.entries(report.skipped)
    .filter(([, n]) => n > 0)
    .map(([why, n]) => `${n} ${w.skip[why] ?? why}`);
  const lines = [
    `${report.file}: ${w.label.header(report.format ?? '?', report.records, report.tcp, connections)}` +
      (skipped.length > 0 ? `${w.sep}${w.label.skipped}${w.colon}${skipped.join(w.comma)}` : ''),
  ];
  for (const warning of report.warnings) lines.push(warningLine(warning, lang));
  if (report.warningCount > report.warnings.length) lines.push(`… (${report.warningCount - report.warnings.length})`);
  if (connections === 0) lines.push(w.label.noConnections);
  return lines.join('\n') + '\n';
}
