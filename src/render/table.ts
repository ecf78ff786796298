/** A trace as a fixed-width text table: the CLI's default output and the screen-reader version of the diagram. */
import type { Trace, TraceEvent, TraceSegment, TraceStep } from '../model/trace.ts';
import { flagNames, shownNumbers, tcpdumpFlags } from './labels.ts';

export interface TableOptions {
  /** ANSI colours for a terminal: RST red, FIN yellow, SYN cyan, losses and errors red. Off by default. */
  color?: boolean;
}

interface Row {
  step: number;
  t: number;
  text: string;
}

/** One line per segment (at its send time) and per event, grouped under a header per step. */
export function traceTable(trace: Trace, options: TableOptions = {}): string {
  const paint = options.color === true ? ansi : plain;
  const rows = [...segmentRows(trace, paint), ...trace.events.map((e) => eventRow(trace, e, paint))];
  // Stable: segments before events at equal times, each in trace order.
  rows.sort((a, b) => a.step - b.step || a.t - b.t);
  const steps = new Map(trace.steps.map((s) => [s.index, s]));
  const stepNumbers = [...new Set([...steps.keys(), ...rows.map((r) => r.step)])].sort((a, b) => a - b);
  const lines = [`scenario ${trace.scenario}, profile ${trace.profile}`];
  for (const n of stepNumbers) {
    const step = steps.get(n);
    if (step) lines.push(stepHeader(step));
    for (const row of rows) if (row.step === n) lines.push(`${time(row.t)}  ${row.text}`.trimEnd());
  }
  return lines.join('\n') + '\n';
}

function stepHeader(step: TraceStep): string {
  const label = step.label === undefined ? '' : ` [${step.label}]`;
  return `── step ${step.index}${label}: ${step.text} ──`;
}

function time(t: number): string {
  return t.toFixed(3).padStart(7);
}

type Paint = (text: string, code: number) => string;
const plain: Paint = (text) => text;
const ansi: Paint = (text, code) => (text === '' ? text : `\x1b[${code}m${text}\x1b[0m`);
const RED = 31;
const YELLOW = 33;
const CYAN = 36;
const DIM = 2;

/** Segment lines as columns, each padded to the widest cell so the table lines up. */
function segmentRows(trace: Trace, paint: Paint): Row[] {
  const cells = trace.segments.map((seg) => {
    const n = shownNumbers(trace, seg);
    return [
      `${seg.from} → ${seg.to}`,
      `${seg.sport} → ${seg.dport}`,
      tcpdumpFlags(seg.flags),
      flagNames(seg.flags),
      `seq=${n.seq}`,
      n.ack === null ? '' : `ack=${n.ack}`,
      `len=${seg.len}`,
      seg.reason,
    ];
  });
  const widths = cells.reduce<number[]>((w, row) => row.map((cell, k) => Math.max(w[k] ?? 0, cell.length)), []);
  return trace.segments.map((seg, i) => {
    const padded = (cells[i] ?? []).map((cell, k) => cell.padEnd(widths[k] ?? 0));
    const colour = flagColour(seg);
    const [pair, ports, letters, names, ...rest] = padded;
    const marks = [
      seg.delivered ? '' : paint('LOST', RED),
      seg.retransmission === true ? paint('(retransmission)', DIM) : '',
    ].filter((m) => m !== '');
    const text = [pair, ports, paintPadded(letters ?? '', colour, paint), names, ...rest, ...marks].join('  ');
    return { step: seg.step, t: seg.t, text };
  });
}

function flagColour(seg: TraceSegment): number | null {
  if (seg.flags.includes('RST')) return RED;
  if (seg.flags.includes('FIN')) return YELLOW;
  if (seg.flags.includes('SYN')) return CYAN;
  return null;
}

/** Colours the text but not its padding, so widths stay right. */
function paintPadded(cell: string, code: number | null, paint: Paint): string {
  if (code === null) return cell;
  const text = cell.trimEnd();
  return paint(text, code) + cell.slice(text.length);
}

function eventRow(trace: Trace, e: TraceEvent, paint: Paint): Row {
  const who = e.socket === undefined ? e.host : `${e.host} ${e.socket}`;
  return { step: e.step, t: e.t, text: `${who}: ${eventText(trace, e, paint)}` };
}

function eventText(trace: Trace, e: TraceEvent, paint: Paint): string {
  switch (e.kind) {
    case 'state':
      return `${e.from} → ${e.to}`;
    case 'call': {
      const bytes = e.bytes === undefined ? '' : ` (${e.bytes} bytes)`;
      const result = e.result === 'ok' || e.result === 'eof' ? e.result : paint(e.result, RED);
      return `${e.call}() → ${result}${bytes}`;
    }
    case 'error':
      return `error ${paint(e.errno, RED)}`;
    case 'timer':
      return `timer ${e.timer} fired`;
    case 'drop': {
      const seg = trace.segments[e.segment];
      const what = seg ? `${tcpdumpFlags(seg.flags)} ${seg.from} → ${seg.to}` : `segment #${e.segment}`;
      return `drop ${what} (${e.why})`;
    }
    case 'host':
      return e.what;
  }
}
