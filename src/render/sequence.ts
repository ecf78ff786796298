/**
 * A trace as a sequence diagram: one lifeline per host, one arrow per segment (one per burst
 * of back-to-back segments), socket states and calls beside the lifelines. Pure: a trace in,
 * an SVG string out. Every drawn item carries `data-frame`, the frame of frameGroups() it
 * draws, so a player can reveal them one by one. Labels beside the last lifeline carry `ev-end`
 * (the stylesheet anchors them at their end), so no item repeats a presentation attribute.
 * Every label has a row of its own, so no two labels overlap; the drawing is narrow (WIDTH
 * user units) so it stays legible on a phone and scales up on wide screens. RST and FIN differ by line style, arrowhead and label, never by
 * colour alone.
 */
import type { Trace, TraceEvent, TraceSegment } from '../model/trace.ts';
import { frameGroups, timerSpans, traceItems } from './trace-items.ts';

/** Words the diagram needs, in the page's language. */
export interface SequenceWords {
  title: string;
  description: string;
  lost: string;
  /** A short label for an event beside its lifeline. */
  eventLabel: (event: TraceEvent) => string;
  /** The label of a burst: "45 × data, 100,000 B". */
  burst?: (count: number, bytes: number, data: boolean) => string;
  /** The label at a break in the time axis: "59.950 s later". */
  gap?: (seconds: number) => string;
  /** The time axis' unit, "s". */
  unit?: string;
}

export interface SequenceOptions {
  /** Segments to mark (with ◆ and a class): in a comparison, those only this trace has. */
  marked?: (seg: TraceSegment) => boolean;
}

/** User units across; the drawing is as wide as a phone's content column. */
export const WIDTH = 350;
/** Font sizes in user units (the stylesheet sets the same). */
const FONT = 13;
const SMALL = 12;
const ROW = 22;
const HEAD = 30;
/** A pause at least this long (seconds) breaks the time axis. */
const GAP = 1;
export const MARK = '◆';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Estimated width of text in the diagram's monospace font: wide (CJK) characters are 1 em. */
export function textWidth(text: string, size: number = FONT): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? size : size * 0.6;
  return width;
}

/** The text, cut with an ellipsis if it is wider than `max`. */
function fit(text: string, max: number, size: number = FONT): string {
  if (textWidth(text, size) <= max) return text;
  // Diagram labels are ASCII and CJK: cutting at code points is safe.
  const chars = Array.from(text);
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, size) > max) chars.pop();
  return `${chars.join('')}…`;
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

const englishBurst = (count: number, bytes: number, data: boolean) =>
  data ? `${count} × data, ${bytes.toLocaleString('en')} B` : `${count} × ACK`;

export interface SequenceLayout {
  svg: string;
  /** Frames drawn: frameGroups(traceItems(trace)).length. */
  frames: number;
}

/** Draw the diagram. Rows are frames in time order, not a linear time scale; long pauses break the axis. */
export function sequenceSvg(
  trace: Trace,
  words: SequenceWords,
  id: string,
  options: SequenceOptions = {},
): SequenceLayout {
  const items = traceItems(trace);
  const groups = frameGroups(items);
  const frameOf = new Map<number, number>();
  groups.forEach((group, f) => group.forEach((i) => frameOf.set(i, f)));
  // Rows: one per frame, one more at each break in time.
  const frameY: number[] = [];
  const rows: { t: number; y: number; f: number }[] = [];
  const gaps: { y: number; seconds: number }[] = [];
  const times: { t: number; y: number }[] = [];
  let y = HEAD;
  let prev: number | undefined;
  groups.forEach((group, f) => {
    const t = items[group[0] ?? 0]?.t ?? 0;
    if (prev !== undefined && t - prev >= GAP) {
      gaps.push({ y, seconds: t - prev });
      y += ROW;
    }
    if (t !== prev) times.push({ t, y });
    frameY[f] = y;
    rows.push({ t, y, f });
    y += ROW;
    prev = t;
  });
  const endY = y;
  let height = y + 8;
  const arrivalY = (f: number, at: number): number => {
    const row = rows.find((r) => r.f > f && r.t >= at);
    if (row) return row.y + 3;
    height = Math.max(height, endY + ROW);
    return endY + 3;
  };
  const timeText = (t: number) => t.toFixed(3);
  const unit = words.unit ?? 's';
  const timeCol = Math.max(textWidth(unit, SMALL), ...times.map((r) => textWidth(timeText(r.t), SMALL))) + 6;
  const hosts = trace.hosts;
  const left = timeCol + 16;
  const right = WIDTH - 16;
  const hostX = (name: string) => {
    const i = Math.max(0, hosts.indexOf(name));
    return hosts.length === 1 ? (left + right) / 2 : left + ((right - left) * i) / (hosts.length - 1);
  };

  const body: string[] = [];
  for (const { t, y: ty } of times) body.push(`<text x="2" y="${ty + 15}" class="time">${timeText(t)}</text>`);
  const gapWords = words.gap ?? ((s: number) => `${s.toFixed(3)} s later`);
  for (const gap of gaps) {
    body.push(
      `<text x="${(left + right) / 2}" y="${gap.y + 15}" class="gap-label">${esc(fit(gapWords(gap.seconds), right - left))}</text>`,
    );
  }
  // Timers that ran: a dotted bar outside the lifeline from start to firing, shown when it fires.
  const lanes = new Map<string, number>();
  for (const span of timerSpans(trace, items)) {
    const lane = lanes.get(span.host) ?? 0;
    lanes.set(span.host, lane + 1);
    const outer = hosts.indexOf(span.host) === 0 && hosts.length > 1 ? -1 : 1;
    const x = hostX(span.host) + outer * (5 + (lane % 3) * 4);
    const frame = frameOf.get(span.item) ?? 0;
    const ya = (rows.find((r) => r.t >= span.from)?.y ?? HEAD) + 11;
    const yb = (frameY[frame] ?? 0) + 11;
    body.push(
      `<g class="timer-span" data-frame="${frame}"><title>${esc(`timer ${span.timer}: ${span.from.toFixed(3)} → ${span.to.toFixed(3)} s`)}</title><line x1="${x}" y1="${ya}" x2="${x}" y2="${yb}"/><circle cx="${x}" cy="${yb}" r="2.5"/></g>`,
    );
  }
  groups.forEach((group, f) => {
    const top = frameY[f] ?? 0;
    const base = top + 15;
    const first = items[group[0] ?? 0];
    if (!first) return;
    if (first.kind === 'segment') {
      const segs = group.flatMap((i) => {
        const item = items[i];
        return item?.kind === 'segment' ? [item.seg] : [];
      });
      const seg = first.seg;
      const kind = segmentKind(seg);
      const x1 = hostX(seg.from);
      const x2 = hostX(seg.to);
      const y1 = top + 19;
      const arrival = Math.max(...segs.map((s) => s.arrival));
      const [ex, ey] = seg.delivered ? [x2, arrivalY(f, arrival)] : [(x1 + x2) / 2, y1 + 8];
      const marker = seg.delivered
        ? ` marker-end="url(#${id}-${kind === 'rst' ? 'rst' : kind === 'fin' ? 'fin' : 'head'})"`
        : '';
      const bytes = segs.reduce((sum, s) => sum + s.len, 0);
      const burst = segs.length > 1;
      const marked = options.marked?.(seg) ? `${MARK} ` : '';
      const text = burst
        ? (words.burst ?? englishBurst)(segs.length, bytes, seg.len > 0)
        : `${segmentLabel(seg)}${seg.retransmission ? ' (re)' : ''}${seg.delivered ? '' : ` (${words.lost})`}`;
      const max = Math.max(Math.abs(x2 - x1) - 12, 140);
      const label = fit(`${marked}${text}`, max);
      const half = textWidth(label) / 2;
      const lx = Math.min(Math.max((x1 + x2) / 2, timeCol + 4 + half), WIDTH - 2 - half);
      const lost = seg.delivered
        ? ''
        : `<path d="M${ex - 6},${ey - 6} L${ex + 6},${ey + 6} M${ex - 6},${ey + 6} L${ex + 6},${ey - 6}" class="lost-mark"/>`;
      // A burst is one arrow with two faint ones behind it, so it reads as many.
      const shadow = burst
        ? [3, 6].map((d) => `<line x1="${x1}" y1="${y1 + d}" x2="${ex}" y2="${ey + d}" class="burst-shadow"/>`).join('')
        : '';
      const classes = `seg seg-${kind}${seg.delivered ? '' : ' seg-lost'}${burst ? ' seg-burst' : ''}${marked ? ' seg-marked' : ''}`;
      body.push(
        `<g class="${classes}" data-frame="${f}">${shadow}` +
          `<line x1="${x1}" y1="${y1}" x2="${ex}" y2="${ey}"${marker}/>${lost}` +
          `<text x="${lx}" y="${base}" class="seg-label">${esc(label)}</text></g>`,
      );
      return;
    }
    const ev = first.event;
    const x = hostX(ev.host);
    // Labels point inwards from the lifeline, so they use the space between the hosts.
    const last = hosts.length > 1 && hosts.indexOf(ev.host) === hosts.length - 1;
    const tx = last ? x - 6 : x + 6;
    const room = last ? tx - timeCol - 4 : WIDTH - 2 - tx;
    const label = fit(words.eventLabel(ev), room);
    const cls =
      ev.kind === 'error' || (ev.kind === 'call' && ev.result !== 'ok' && ev.result !== 'eof') ? ' ev-error' : '';
    // A state change names its socket and states, so a linked state diagram can follow it.
    const change =
      ev.kind === 'state'
        ? ` data-host="${esc(ev.host)}" data-socket="${esc(ev.socket ?? '')}" data-from="${ev.from}" data-to="${ev.to}"`
        : '';
    const w = textWidth(label);
    const box =
      ev.kind === 'host'
        ? `<rect x="${(last ? tx - w : tx) - 4}" y="${top + 3}" width="${w + 8}" height="17" rx="3"/>`
        : '';
    body.push(
      `<g class="ev ev-${ev.kind}${cls}${last ? ' ev-end' : ''}" data-frame="${f}"${change}>${box}<text x="${tx}" y="${base}">${esc(label)}</text></g>`,
    );
  });

  // Lifelines, broken where time jumps, and host names.
  const lines: string[] = [];
  for (const host of hosts) {
    const x = hostX(host);
    const w = textWidth(host, FONT);
    const nx = Math.min(Math.max(x - w / 2, timeCol + 2), WIDTH - 2 - w);
    let from = HEAD - 6;
    const pieces: string[] = [];
    for (const gap of gaps) {
      pieces.push(`M${x},${from} V${gap.y + 5}`, `M${x - 6},${gap.y + 8} l12,-4 M${x - 6},${gap.y + 16} l12,-4`);
      from = gap.y + 18;
    }
    pieces.push(`M${x},${from} V${height - 4}`);
    lines.push(
      `<g class="host"><text x="${nx}" y="16" class="host-name">${esc(host)}</text><path d="${pieces.join(' ')}" class="lifeline"/></g>`,
    );
  }
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" class="sequence" role="img" aria-labelledby="${titleId} ${descId}">` +
    `<title id="${titleId}">${esc(words.title)}</title><desc id="${descId}">${esc(words.description)}</desc>` +
    `<defs>` +
    `<marker id="${id}-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head"/></marker>` +
    `<marker id="${id}-fin" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="head-open"/></marker>` +
    `<marker id="${id}-rst" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z M9,0 L9,10" class="head-bar"/></marker>` +
    `</defs>` +
    `<text x="2" y="16" class="time time-unit">${esc(unit)}</text>` +
    lines.join('') +
    body.join('') +
    '</svg>';
  return { svg, frames: groups.length };
}
