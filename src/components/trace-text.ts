/** The words around a trace, in the page's language: captions, table rows, diagram labels. */
import type { Trace, TraceEvent, TraceSegment } from '../model/trace.ts';
import { shownNumbers } from '../render/labels.ts';
import { segmentLabel, type SequenceWords } from '../render/sequence.ts';
import type { TraceItem } from '../render/trace-items.ts';
import { reasonText, t, type Lang } from '../i18n/index.ts';

export function eventLabel(event: TraceEvent): string {
  switch (event.kind) {
    case 'state':
      return `${event.socket ?? ''} ${event.to}`.trim();
    case 'call':
      return `${event.call}() → ${event.result}${event.bytes !== undefined ? ` ${event.bytes}B` : ''}`;
    case 'error':
      return `error ${event.errno}`;
    case 'timer':
      return `timer: ${event.timer}`;
    case 'drop':
      return `dropped: ${event.why}`;
    case 'host':
      return `${event.host}: ${event.what}`;
  }
}

export function eventSentence(lang: Lang, event: TraceEvent): string {
  const socket = event.socket ?? '';
  switch (event.kind) {
    case 'state':
      return t(lang, 'trace.state', { host: event.host, socket, from: event.from, to: event.to });
    case 'call':
      return t(lang, 'trace.call', {
        host: event.host,
        socket,
        call: event.call,
        result: event.bytes !== undefined ? `${event.result} (${event.bytes} B)` : event.result,
      });
    case 'error':
      return t(lang, 'trace.error', { host: event.host, socket, errno: event.errno });
    case 'timer':
      return t(lang, 'trace.timer', { host: event.host, socket, timer: event.timer });
    case 'drop':
      return t(lang, 'trace.drop', { host: event.host, why: event.why });
    case 'host':
      return t(lang, `trace.host.${event.what}`, { host: event.host });
  }
}

export function numbers(trace: Trace, seg: TraceSegment): string {
  const n = shownNumbers(trace, seg);
  return `${n.seq} / ${n.ack ?? '–'} / ${seg.len}`;
}

export function segmentSentence(lang: Lang, seg: TraceSegment): string {
  const head = t(lang, 'trace.sent', { from: seg.from, to: seg.to, flags: segmentLabel(seg) });
  const extra = [seg.retransmission ? t(lang, 'trace.retransmission') : '', seg.delivered ? '' : t(lang, 'trace.lost')]
    .filter(Boolean)
    .join(', ');
  return `${head}${extra ? ` (${extra})` : ''} — ${reasonText(seg.reason, lang)}`;
}

export function itemSentence(lang: Lang, item: TraceItem): string {
  return item.kind === 'segment' ? segmentSentence(lang, item.seg) : eventSentence(lang, item.event);
}

/** How the page's language writes a burst, a break in time and the time unit. */
export function burstWords(lang: Lang): Required<Pick<SequenceWords, 'burst' | 'gap' | 'unit'>> {
  const number = (n: number) => n.toLocaleString(lang === 'zh-CN' ? 'zh-CN' : 'en');
  return {
    burst: (count, bytes, data) =>
      data
        ? t(lang, 'diagram.burst.data', { count: String(count), bytes: number(bytes) })
        : t(lang, 'diagram.burst.ack', { count: String(count) }),
    gap: (seconds) => t(lang, 'diagram.gap', { seconds: seconds.toFixed(3) }),
    unit: t(lang, 'diagram.unit'),
  };
}

export function sequenceWords(lang: Lang, title: string, description: string): SequenceWords {
  return { title, description, lost: t(lang, 'trace.lost'), eventLabel, ...burstWords(lang) };
}
