/**
 * A trace as a sequence diagram: one lifeline per host, one arrow per segment, socket
 * states and calls beside the lifelines. Pure: a trace in, an SVG string out. Every drawn
 * item carries `data-frame`, its place in time order, so a player can reveal them one by one.
 * RST and FIN differ by line style, arrowhead and label, never by colour alone.
 */
import type { Trace, TraceEvent, TraceSegment } from '../model/trace.ts';

export type TraceItem =
  { kind: 'segment'; t: number; seg: TraceSegment } | { kind: 'event'; t: number; event: TraceEvent };

/**
 * Segments and events in one time line: by time, then by scenario step (a step's work comes
 * before the next step's at the same moment), then a segment leaving before the events it caused.
 */
export function traceItems(trace: Trace): TraceItem[] {
  const keyed: { item: TraceItem; step: number; order: number }[] = [
    ...trace.segments.map((seg, i) => ({
      item: { kind: 'segment' as const, t: seg.t, seg },
      step: seg.step,
      order: i,
    })),
    ...trace.events.map((event, i) => ({
      item: { kind: 'event' as const, t: event.t, event },
      step: event.step,
      order: trace.segments.length + i,
    })),
  ];
  keyed.sort(
    (a, b) =>
      a.item.t - b.item.t ||
      a.step - b.step ||
      (a.item.kind === b.item.kind ? 0 : a.item.kind === 'segment' ? -1 : 1) ||
      a.order - b.order,
  );
  return keyed.map(({ item }) => item);
}

/** Words the diagram needs, in the page's language. */
export interface SequenceWords {
  title: string;
  description: string;
  lost: string;
  /** A short label for an event beside its lifeline. */
  eventLabel: (event: TraceEvent) => string;
}

const ROW = 26;
const TOP = 58;
const LEFT = 64;
const WIDTH = 820;
const SIDE = 190;

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function segmentKind(seg: TraceSegment): 'rst' | 'fin' | 'syn' | 'data' | 'ack' {
  if (seg.flags.includes('RST')) return 'rst';
  if (seg.flags.includes('FIN')) return 'fin';
  if (seg.flags.includes('SYN')) return 'syn';
  return seg.len > 0 ? 'data' : 'ack';
}

export function segmentLabel(seg: TraceSegment): string {
  const flags = seg.flags.join('+');
  return seg.len > 0 ? `${flags} ${seg.len}B` : flags;
}

/** A timer that ran and fired: from when it was started to when it fired, on one host. */
export interface TimerSpan {
  host: string;
  socket: string;
  timer: string;
  from: number;
  to: number;
  /** Index, in traceItems() order, of the event that reports the timer firing. */
  item: number;
}

/**
 * When each fired timer started, read back from the trace: a retransmission timer from the
 * last time that segment was sent, TIME-WAIT and FIN-WAIT-2 from entering the state, the
 * application's connect timeout and the SYN timer from the connect, keepalive from the last
 * segment the host received on that connection or its previous probe.
 */
export function timerSpans(trace: Trace, items: TraceItem[] = traceItems(trace)): TimerSpan[] {
  const spans: TimerSpan[] = [];
  items.forEach((item, index) => {
    if (item.kind !== 'event' || item.event.kind !== 'timer') return;
    const ev = item.event;
    const socket = ev.socket ?? '';
    const before = items.slice(0, index);
    let from: number | undefined;
    const lastState = (to: string) =>
      [...before]
        .reverse()
        .find(
          (i) =>
            i.kind === 'event' &&
            i.event.kind === 'state' &&
            i.event.host === ev.host &&
            i.event.socket === socket &&
            i.event.to === to,
        )?.t;
    if (ev.timer === 'time-wait') from = lastState('TIME-WAIT');
    else if (ev.timer === 'fin-wait-2') from = lastState('FIN-WAIT-2');
    else if (ev.timer === 'connect') from = lastState('SYN-SENT');
    else {
      // The retransmitted (or probing) segment leaves at the moment the timer fires.
      const resent = trace.segments.find(
        (seg) =>
          seg.from === ev.host &&
          seg.t === ev.t &&
          (seg.retransmission || seg.reason === 'keepalive-probe' || seg.reason === 'keepalive-expired'),
      );
      const earlier = [...before].reverse().find((i) => {
        if (ev.timer === 'keepalive' && i.kind === 'event')
          return i.event.kind === 'call' && i.event.call === 'keepalive' && i.event.host === ev.host;
        if (i.kind !== 'segment' || i.t >= ev.t) return false;
        if (ev.timer === 'keepalive')
          return (
            (i.seg.to === ev.host && i.seg.delivered && i.seg.arrival < ev.t) ||
            (i.seg.from === ev.host && i.seg.reason === 'keepalive-probe')
          );
        return i.seg.from === ev.host && (resent ? i.seg.seq === resent.seq && i.seg.sport === resent.sport : true);
      });
      from = earlier?.kind === 'segment' && earlier.seg.to === ev.host ? earlier.seg.arrival : earlier?.t;
    }
    if (from !== undefined && from < ev.t)
      spans.push({ host: ev.host, socket, timer: ev.timer, from, to: ev.t, item: index });
  });
  return spans;
}

export interface SequenceLayout {
  svg: string;
  frames: number;
}

/** Draw the diagram. Rows are the distinct moments of the trace, not a linear time scale. */
export function sequenceSvg(trace: Trace, words: SequenceWords, id: string): SequenceLayout {
  const items = traceItems(trace);
  const times = new Set<number>();
  for (const item of items) {
    times.add(item.t);
    if (item.kind === 'segment') times.add(item.seg.arrival);
  }
  const sorted = [...times].sort((a, b) => a - b);
  // Events at the same moment on the same host stack downwards inside their row.
  const stack = new Map<string, number>();
  for (const item of items) {
    if (item.kind !== 'event') continue;
    const key = `${item.t}|${item.event.host}`;
    stack.set(key, (stack.get(key) ?? 0) + 1);
  }
  const rowHeight = new Map<number, number>();
  for (const t of sorted) rowHeight.set(t, ROW);
  for (const [key, n] of stack) {
    const t = Number(key.split('|')[0]);
    rowHeight.set(t, Math.max(rowHeight.get(t) ?? ROW, 16 * n + 10));
  }
  const rowY = new Map<number, number>();
  let y = TOP;
  for (const t of sorted) {
    rowY.set(t, y);
    y += rowHeight.get(t) ?? ROW;
  }
  const height = y + 20;
  const hosts = trace.hosts;
  const span = WIDTH - LEFT - 2 * SIDE;
  const hostX = (name: string) => {
    const i = Math.max(0, hosts.indexOf(name));
    return LEFT + SIDE + (hosts.length === 1 ? span / 2 : (span * i) / (hosts.length - 1));
  };
  const parts: string[] = [];
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" class="sequence" role="img" aria-labelledby="${titleId} ${descId}">`,
  );
  parts.push(`<title id="${titleId}">${esc(words.title)}</title><desc id="${descId}">${esc(words.description)}</desc>`);
  parts.push(
    `<defs>` +
      `<marker id="${id}-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head"/></marker>` +
      `<marker id="${id}-fin" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-open"/></marker>` +
      `<marker id="${id}-rst" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z M9,0 L9,10" class="head-bar"/></marker>` +
      `</defs>`,
  );
  // Lifelines and host names.
  for (const host of hosts) {
    const x = hostX(host);
    parts.push(
      `<g class="host"><text x="${x}" y="24" class="host-name">${esc(host)}</text><line x1="${x}" y1="34" x2="${x}" y2="${height - 10}" class="lifeline"/></g>`,
    );
  }
  // Time labels on the left.
  for (const t of sorted) {
    parts.push(`<text x="4" y="${(rowY.get(t) ?? 0) + 4}" class="time">${t.toFixed(3)}</text>`);
  }
  // Timers that ran: a dotted bar beside the lifeline from start to firing, shown when it fires.
  const lanes = new Map<string, number>();
  for (const span of timerSpans(trace, items)) {
    const x0 = hostX(span.host);
    const lane = lanes.get(span.host) ?? 0;
    lanes.set(span.host, lane + 1);
    const outer = hosts.indexOf(span.host) === 0 && hosts.length > 1 ? -1 : 1;
    const x = x0 + outer * (4 + (lane % 3) * 4);
    const ya = rowY.get(span.from) ?? 0;
    const yb = rowY.get(span.to) ?? 0;
    parts.push(
      `<g class="item timer-span" data-frame="${span.item}"><title>${esc(`timer ${span.timer}: ${span.from.toFixed(3)} → ${span.to.toFixed(3)} s`)}</title><line x1="${x}" y1="${ya}" x2="${x}" y2="${yb}"/><circle cx="${x}" cy="${yb}" r="2.5"/></g>`,
    );
  }
  const seen = new Map<string, number>();
  const burst = new Map<string, number>();
  items.forEach((item, frame) => {
    if (item.kind === 'segment') {
      const seg = item.seg;
      const kind = segmentKind(seg);
      const key = `${seg.t}|${seg.from}`;
      const nth = burst.get(key) ?? 0;
      burst.set(key, nth + 1);
      const dy = Math.min(nth, 6) * 3;
      const x1 = hostX(seg.from);
      const x2 = hostX(seg.to);
      const y1 = (rowY.get(seg.t) ?? 0) + dy;
      const y2 = (rowY.get(seg.arrival) ?? 0) + dy;
      const [ex, ey] = seg.delivered ? [x2, y2] : [(x1 + x2) / 2, (y1 + y2) / 2];
      const marker = seg.delivered
        ? ` marker-end="url(#${id}-${kind === 'rst' ? 'rst' : kind === 'fin' ? 'fin' : 'head'})"`
        : '';
      const label = `${segmentLabel(seg)}${seg.retransmission ? ' (re)' : ''}${seg.delivered ? '' : ` (${words.lost})`}`;
      const lx = (x1 + ex) / 2;
      const ly = (y1 + ey) / 2 - 5;
      const lost = seg.delivered
        ? ''
        : `<path d="M${ex - 6},${ey - 6} L${ex + 6},${ey + 6} M${ex - 6},${ey + 6} L${ex + 6},${ey - 6}" class="lost-mark"/>`;
      parts.push(
        `<g class="item seg seg-${kind}${seg.delivered ? '' : ' seg-lost'}" data-frame="${frame}">` +
          `<line x1="${x1}" y1="${y1}" x2="${ex}" y2="${ey}"${marker}/>${lost}` +
          `<text x="${lx}" y="${ly}" class="seg-label">${esc(label)}</text></g>`,
      );
      return;
    }
    const ev = item.event;
    const key = `${ev.t}|${ev.host}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    const x = hostX(ev.host);
    const yy = (rowY.get(ev.t) ?? 0) + nth * 16 + 4;
    const leftSide = hosts.indexOf(ev.host) === 0 && hosts.length > 1;
    const anchor = leftSide ? 'end' : 'start';
    const tx = leftSide ? x - 8 : x + 8;
    const cls =
      ev.kind === 'error' || (ev.kind === 'call' && ev.result !== 'ok' && ev.result !== 'eof') ? ' ev-error' : '';
    if (ev.kind === 'host') {
      parts.push(
        `<g class="item ev ev-host" data-frame="${frame}"><rect x="${x - 70}" y="${yy - 11}" width="140" height="16" rx="3"/><text x="${x}" y="${yy + 1}" class="ev-host-label">${esc(words.eventLabel(ev))}</text></g>`,
      );
      return;
    }
    // A state change names its socket and states, so a linked state diagram can follow it.
    const change =
      ev.kind === 'state'
        ? ` data-host="${esc(ev.host)}" data-socket="${esc(ev.socket ?? '')}" data-from="${ev.from}" data-to="${ev.to}"`
        : '';
    parts.push(
      `<g class="item ev ev-${ev.kind}${cls}" data-frame="${frame}"${change}><text x="${tx}" y="${yy + 1}" text-anchor="${anchor}">${esc(words.eventLabel(ev))}</text></g>`,
    );
  });
  parts.push('</svg>');
  return { svg: parts.join(''), frames: items.length };
}
