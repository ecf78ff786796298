/**
 * A trace as the markup lessons and the playground show: the sequence diagram, one caption
 * per diagram item and the rows of the trace table. Pure and string-only, so lesson pages
 * render it at build time with the very function the playground calls after each edit.
 */
import type { Trace } from '../model/trace.ts';
import { segmentLabel, sequenceSvg, traceItems } from '../render/sequence.ts';
import { reasonText, t, type Lang } from '../i18n/index.ts';
import { eventSentence, itemSentence, numbers, sequenceWords } from './trace-text.ts';

export interface TraceView {
  svg: string;
  frames: number;
  /** `<li data-frame>` per diagram item, for the player's caption. */
  captions: string;
  /** `<tr>` per segment and event. */
  rows: string;
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

export function traceView(lang: Lang, trace: Trace, title: string, domId: string): TraceView {
  const items = traceItems(trace);
  const sentences = items.map((item) => itemSentence(lang, item));
  const { svg, frames } = sequenceSvg(trace, sequenceWords(lang, title, sentences.join(' ').slice(0, 600)), domId);
  const captions = sentences.map((s, frame) => `<li data-frame="${frame}">${escapeHtml(s)}</li>`).join('');
  const rows = items
    .map((item) => {
      const time = `<th scope="row">${item.t.toFixed(3)}</th>`;
      if (item.kind === 'event')
        return `<tr class="row-event">${time}<td colspan="3">${escapeHtml(eventSentence(lang, item.event))}</td></tr>`;
      const seg = item.seg;
      const kind = seg.flags.includes('RST') ? 'rst' : seg.flags.includes('FIN') ? 'fin' : 'other';
      const marks = `${seg.retransmission ? ` (${t(lang, 'trace.retransmission')})` : ''}${seg.delivered ? '' : ` (${t(lang, 'trace.lost')})`}`;
      return (
        `<tr class="row-seg row-${kind}">${time}` +
        `<td>${escapeHtml(`${seg.from} → ${seg.to}`)}: <strong>${escapeHtml(segmentLabel(seg))}</strong>${escapeHtml(marks)}</td>` +
        `<td>${escapeHtml(numbers(trace, seg))}</td>` +
        `<td><code>${seg.reason}</code>: ${escapeHtml(reasonText(seg.reason, lang))}</td></tr>`
      );
    })
    .join('');
  return { svg, frames, captions, rows };
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
