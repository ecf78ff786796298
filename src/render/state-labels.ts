/** Edge labels of the state diagram: parallel transitions grouped by shared guards, wrapped to a width. */
import type { ModelTransition } from './machine-transitions.ts';

/** Words the diagram needs, in the page's language. */
export interface StateDiagramWords {
  title: string;
  description: string;
  /** An event as shown on an edge: `SEGMENT` → `rcv`, `after timeWait` → `2MSL`. */
  event: (event: string) => string;
  /** A guard as shown between brackets: `finAcked` → `ACK of FIN`. */
  guard: (guard: string) => string;
}

interface LabelLine {
  events: string[];
  guards: string[];
}

/** Parallel transitions grouped into lines: events that share their guards share a line. */
function labelLines(
  parallel: readonly ModelTransition[],
  words: Pick<StateDiagramWords, 'event' | 'guard'>,
): LabelLine[] {
  const guardsByEvent = new Map<string, (string | null)[]>();
  for (const tr of parallel) guardsByEvent.set(tr.event, [...(guardsByEvent.get(tr.event) ?? []), tr.guard]);
  const lines = new Map<string, LabelLine>();
  for (const [event, guards] of guardsByEvent) {
    // An unguarded transition to the same state means the event always leads here.
    const shown = guards.includes(null) ? [] : (guards as string[]).map(words.guard);
    const key = shown.join('|');
    const line = lines.get(key) ?? { events: [], guards: shown };
    line.events.push(words.event(event));
    lines.set(key, line);
  }
  return [...lines.values()];
}

/** A line split into pieces that may wrap: the events, then each guard. */
function pieces({ events, guards }: LabelLine): string[] {
  return [
    events.join(', '),
    ...guards.map((g, i) => `${i === 0 ? '[' : ''}${g}${i === guards.length - 1 ? ']' : ' |'}`),
  ];
}

/** One line per group of events that share their guards: `close(), abort [unread data | linger 0]`. */
export function edgeLabel(
  parallel: readonly ModelTransition[],
  words: Pick<StateDiagramWords, 'event' | 'guard'>,
): string[] {
  return labelLines(parallel, words).map((line) => pieces(line).join(' '));
}

/** Width in columns of Latin text: a CJK character takes two. */
function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += ch >= '\u2e80' ? 2 : 1;
  return n;
}

/** Lines wider than `wrap` columns break between pieces, never inside one. */
export function wrapped(
  parallel: readonly ModelTransition[],
  words: Pick<StateDiagramWords, 'event' | 'guard'>,
  wrap: number,
  indent: string,
): string[] {
  return labelLines(parallel, words).flatMap((line) => {
    const out: string[] = [];
    for (const piece of pieces(line)) {
      const last = out.at(-1);
      if (last !== undefined && columns(`${last} ${piece}`) - (out.length > 1 ? indent.length : 0) <= wrap)
        out[out.length - 1] = `${last} ${piece}`;
      else out.push(last === undefined ? piece : `${indent}${piece}`);
    }
    return out;
  });
}
