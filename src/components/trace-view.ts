/**
 * A trace as the markup lessons and the playground show: the sequence diagram, the rows of
 * the trace table (the player reads its captions from them) and the bursts' segment lists. Pure and string-only, so lesson pages
 * render it at build time with the very function the playground calls after each edit.
 */
import type { Trace } from '../model/trace.ts';
import { segmentLabel, sequenceSvg, type SequenceOptions } from '../render/sequence.ts';
import { frameGroups, traceItems } from '../render/trace-items.ts';
import { reasonText, t, type Lang } from '../i18n/index.ts';
import { burstWords, eventSentence, itemSentence, numbers, sequenceWords } from './trace-text.ts';

export interface TraceView {
  svg: string;
  frames: number;
  /** `<tr>` per segment and event, each with the `data-frame` it is drawn in. */
  rows: string;
  /** One `<details>` per burst drawn as one arrow, listing its segments. */
  bursts: string;
  /** The scenario's labelled steps and the frame each starts at. */
  chapters: { label: string; text: string; frame: number }[];
}

/** HTML-escapes text; everything a scenario author wrote passes through here. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function traceView(
  lang: Lang,
  trace: Trace,
  title: string,
  domId: string,
  options: SequenceOptions = {},
): TraceView {
  const items = traceItems(trace);
  const groups = frameGroups(items);
  const words = burstWords(lang);
  const sentences = groups.map((group) => {
    const first = items[group[0] ?? 0];
    if (!first) return '';
    if (group.length === 1 || first.kind !== 'segment') return itemSentence(lang, first);
    const bytes = group.reduce((sum, i) => sum + ((items[i]?.kind === 'segment' && items[i].seg.len) || 0), 0);
    return `${first.seg.from} → ${first.seg.to}: ${words.burst(group.length, bytes, first.seg.len > 0)}`;
  });
  const { svg, frames } = sequenceSvg(
    trace,
    sequenceWords(
      lang,
      title,
      t(lang, 'diagram.desc', { segments: trace.segments.length, events: trace.events.length }),
    ),
    domId,
    options,
  );
  const frameOf = new Map<number, number>();
  groups.forEach((group, f) => group.forEach((i) => frameOf.set(i, f)));
  const rows = items
    .map((item, i) => {
      const time = `<th scope="row">${item.t.toFixed(3)}</th>`;
      const frame = `data-frame="${frameOf.get(i) ?? 0}"`;
      if (item.kind === 'event')
        return `<tr ${frame}>${time}<td colspan="3">${escapeHtml(eventSentence(lang, item.event))}</td></tr>`;
      const seg = item.seg;
      // Only RST and FIN rows are styled apart; an event row is the one whose cell spans three columns.
      const kind = seg.flags.includes('RST') ? ' class="row-rst"' : seg.flags.includes('FIN') ? ' class="row-fin"' : '';
      const marks = `${seg.retransmission ? ` (${t(lang, 'trace.retransmission')})` : ''}${seg.delivered ? '' : ` (${t(lang, 'trace.lost')})`}`;
      return (
        `<tr${kind} ${frame}>${time}` +
        `<td>${escapeHtml(`${seg.from} → ${seg.to}`)}: <strong>${escapeHtml(segmentLabel(seg))}</strong>${escapeHtml(marks)}</td>` +
        `<td>${escapeHtml(numbers(trace, seg))}</td>` +
        `<td><code>${seg.reason}</code>: ${escapeHtml(reasonText(seg.reason, lang))}</td></tr>`
      );
    })
    .join('');
  const bursts = groups
    .map((group, f) => {
      if (group.length < 2) return '';
      const list = group
        .map((i) => {
          const item = items[i];
          return item?.kind === 'segment'
            ? `<li>${escapeHtml(`${segmentLabel(item.seg)} ${numbers(trace, item.seg)}`)}</li>`
            : '';
        })
        .join('');
      return `<details class="scenario-burst" data-frame="${f}"><summary>${escapeHtml(sentences[f] ?? '')}</summary><p>${escapeHtml(t(lang, 'trace.numbers'))}</p><ol>${list}</ol></details>`;
    })
    .join('');
  const chapters = trace.steps.flatMap((step) => {
    if (!step.label) return [];
    const i = items.findIndex((item) => (item.kind === 'segment' ? item.seg.step : item.event.step) === step.index);
    return i < 0 ? [] : [{ label: step.label, text: step.text, frame: frameOf.get(i) ?? 0 }];
  });
  return { svg, frames, rows, bursts, chapters };
}

/** Items drawn at most: far beyond what one can read, and more would take seconds to lay out. */
export const MAX_DRAWN = 1500;

/**
 * The trace up to its first `max` items in time order. Segments and events are each sorted
 * by time, so the items kept are a prefix of each list.
 */
export function firstItems(trace: Trace, max: number = MAX_DRAWN): { trace: Trace; total: number } {
  const items = traceItems(trace);
  if (items.length <= max) return { trace, total: items.length };
  const kept = items.slice(0, max);
  const segments = kept.filter((item) => item.kind === 'segment').length;
  return {
    trace: { ...trace, segments: trace.segments.slice(0, segments), events: trace.events.slice(0, max - segments) },
    total: items.length,
  };
}
