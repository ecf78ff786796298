/**
 * The explainer's report as the /explain/ page shows it: pure string builders, so a unit
 * test reads what the page will show. The one place the explainer calls the lessons'
 * sequence renderer (src/render/sequence.ts).
 */
import { connectionTrace } from '../explain/conn-trace.ts';
import type { ConnectionReport, EndReport, Report } from '../explain/report.ts';
import { span } from '../explain/words.ts';
import { sequenceSvg } from '../render/sequence.ts';
import { t, type Lang } from '../i18n/index.ts';
import { encodeShared } from './playground-link.ts';

/** Where the page's links go: the site's base path and the page's locale folder. */
export interface Links {
  base: string;
  locale: string;
}

const esc = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Connections worth reading first: those with resets, then the others, each group in time order. */
export function ordered(report: Report): ConnectionReport[] {
  const reset = report.connections.filter((c) => c.resets.length > 0);
  const rest = report.connections.filter((c) => c.resets.length === 0);
  return [...reset, ...rest];
}

export function summaryText(report: Report, lang: Lang): string {
  const resets = report.connections.reduce((n, c) => n + c.resets.length, 0);
  const fins = report.connections.reduce((n, c) => n + c.fins.length, 0);
  return t(lang, 'explain.done', { file: report.file, connections: report.connections.length, resets, fins });
}

export function summaryHtml(report: Report, lang: Lang, limit: number): string {
  const parts: string[] = [`<h2>${esc(t(lang, 'explain.report', { file: report.file }))}</h2>`];
  const skipped = Object.entries(report.skipped)
    .filter(([, n]) => n > 0)
    .map(([why, n]) => `${why}: ${n}`);
  if (skipped.length > 0) parts.push(`<p>${esc(t(lang, 'explain.skipped', { list: skipped.join(', ') }))}</p>`);
  if (report.warnings.length > 0) {
    const items = report.warnings.map((w) => {
      const where = w.line !== null ? `line ${w.line}: ` : w.packet !== null ? `packet ${w.packet}: ` : '';
      return `<li>${esc(where + w.message)}</li>`;
    });
    parts.push(
      `<details class="ex-warnings"><summary>${esc(t(lang, 'explain.warnings'))} (${report.warningCount})</summary><ul>${items.join('')}</ul></details>`,
    );
  }
  if (report.connections.length > limit) {
    parts.push(`<p>${esc(t(lang, 'explain.more', { shown: limit, total: report.connections.length }))}</p>`);
  }
  return parts.join('');
}

function endHtml(conn: ConnectionReport, end: EndReport, k: number, lang: Lang, links: Links): string {
  const rst = end.flags.includes('RST');
  const flags = end.flags.filter((f) => f !== 'PSH').join('+');
  const heading = t(lang, 'explain.end', {
    flags,
    side: t(lang, end.side === 'client' ? 'explain.side.client' : 'explain.side.server'),
    time: span(end.dt, lang),
    packet: end.packet,
  });
  const confirmed = end.confirmed ? ` <span class="ex-mark">✓ ${esc(t(lang, 'explain.confirmed'))}</span>` : '';
  const lesson =
    end.lesson === null
      ? ''
      : ` <a href="${esc(`${links.base}${links.locale}/lessons/${end.lesson}/`)}">${esc(t(lang, 'explain.lesson', { lesson: end.lesson }))}</a>`;
  const rows: [string, string][] = [
    ['explain.reason', `<code>${esc(end.reason)}</code>${confirmed}: ${esc(end.sentence)}${lesson}`],
  ];
  if (end.state !== null) rows.push(['explain.state', `<code>${esc(end.state)}</code>`]);
  rows.push(['explain.evidence', esc(end.evidence)], ['explain.model', esc(end.model)]);
  const others = end.candidates.slice(1);
  if (others.length > 0) {
    const list = others.map((r) =>
      (end.confirmedBy as string[]).includes(r)
        ? `<code>${esc(r)}</code> (${esc(t(lang, 'explain.confirmed'))})`
        : `<code>${esc(r)}</code>`,
    );
    rows.push(['explain.others', list.join(', ')]);
  }
  if (end.notices.length > 0) {
    rows.push(['explain.notices', `<ul>${end.notices.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`]);
  }
  const dl = rows
    .map(([key, html]) => `<dt>${esc(t(lang, key as Parameters<typeof t>[1]))}</dt><dd>${html}</dd>`)
    .join('');
  const replay =
    end.scenario === null
      ? ''
      : `<p><a class="ex-replay" href="${esc(`${links.base}${links.locale}/playground/#${encodeShared({ text: end.scenario, profile: null, belief: null })}`)}">${esc(t(lang, 'explain.replay'))}</a></p>`;
  return (
    `<article class="ex-end ${rst ? 'ex-end-rst' : 'ex-end-fin'}" id="ex-${conn.id}-${k}">` +
    `<h3>${esc(heading)}</h3><dl>${dl}</dl>${replay}</article>`
  );
}

/** One connection: its summary line, every RST and FIN explained, and a slot for the diagram. */
export function connectionHtml(conn: ConnectionReport, lang: Lang, links: Links, open: boolean): string {
  const ends = [...conn.resets, ...conn.fins].sort((a, b) => a.t - b.t || a.packet - b.packet);
  const body =
    ends.length === 0
      ? `<p>${esc(t(lang, 'explain.none'))}</p>`
      : ends.map((e, k) => endHtml(conn, e, k, lang, links)).join('');
  return (
    `<details class="ex-conn" data-conn="${conn.id}"${open ? ' open' : ''}>` +
    `<summary><span class="ex-conn-id">${esc(t(lang, 'explain.connection', { id: conn.id }))}</span> ` +
    `<span class="ex-state">${esc(conn.state)}</span> ${esc(conn.summary)}</summary>` +
    `<div class="ex-diagram-slot"></div>${body}</details>`
  );
}

/** Sequence numbers relative to each side's initial one, as Wireshark shows them. */
function relative(value: number, isn: number | null): number {
  return isn === null ? value : (value - isn) >>> 0;
}

/** The connection drawn by the lessons' renderer, with the segments as a table for screen readers. */
export function diagramHtml(conn: ConnectionReport, lang: Lang): string {
  const hosts: [string, string] = [t(lang, 'explain.side.client'), t(lang, 'explain.side.server')];
  const trace = connectionTrace(conn, hosts);
  const title = t(lang, 'explain.diagram', { id: conn.id });
  const description = t(lang, 'explain.diagram.desc', {
    count: conn.packets,
    client: conn.client,
    server: conn.server,
  });
  const { svg } = sequenceSvg(trace, { title, description, lost: '', eventLabel: () => '' }, `ex-seq-${conn.id}`);
  const elided =
    conn.elided === null
      ? ''
      : `<p class="ex-elided">${esc(t(lang, 'explain.elided', { count: conn.elided.count }))}</p>`;
  const rows = conn.segments
    .map((s) => {
      const from = s.from === 0 ? 0 : 1;
      const seq = relative(s.seq, conn.isn[from]);
      const ack = s.ack === null ? '–' : String(relative(s.ack, conn.isn[from === 0 ? 1 : 0]));
      const flags = s.flags.join('+') + (s.rtx ? ` (${t(lang, 'explain.retransmission')})` : '');
      return `<tr><th scope="row">${s.dt.toFixed(6)}</th><td>${esc(`${hosts[from]} → ${hosts[from === 0 ? 1 : 0]}`)}: <strong>${esc(flags)}</strong></td><td>${seq} / ${ack} / ${s.len}</td></tr>`;
    })
    .join('');
  return (
    `<figure class="scenario ex-figure"><figcaption>${esc(`${conn.client} → ${conn.server}`)}</figcaption>` +
    `<div class="scenario-diagram" tabindex="0" role="region" aria-label="${esc(title)}">${svg}</div>${elided}` +
    `<details class="scenario-table"><summary>${esc(t(lang, 'explain.table'))}</summary><table><thead><tr>` +
    `<th scope="col">${esc(t(lang, 'explain.table.time'))}</th><th scope="col">${esc(t(lang, 'explain.table.segment'))}</th>` +
    `<th scope="col">${esc(t(lang, 'explain.table.numbers'))}</th></tr></thead><tbody>${rows}</tbody></table></details></figure>`
  );
}
