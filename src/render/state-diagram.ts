/**
 * The TCP state diagram, drawn from the endpoint statechart itself: `machineTransitions`
 * reads every transition out of the machine definition, `stateDiagramSvg` draws them with
 * the eleven states placed roughly as in RFC 9293 Figure 5. Pure: a machine in, an SVG
 * string out. States carry `data-state`, edges `data-from`/`data-to`, so a custom element
 * can highlight the current state and the last transition.
 */

import type { MachineTransitions, ModelTransition } from './machine-transitions.ts';
import { edgeLabel, wrapped, type StateDiagramWords } from './state-labels.ts';

type Point = readonly [number, number];
type Anchor = 'start' | 'middle' | 'end';
/** A hand-placed edge: its polyline (or a loop) and where its label goes. */
interface Route {
  points?: readonly Point[];
  /** A self-transition: a small loop under the state's box. */
  loop?: true;
  /** Baseline of the first label line, or of the last one with `up`. */
  label: { x: number; y: number; anchor: Anchor; up?: boolean; wrap?: number };
}

const W = 840;
const H = 1015;
const BW = 124;
const BH = 34;
const LINE = 15;

/** Where each state sits, after RFC 9293 Figure 5 (CLOSED drawn once, at the top). */
export const LAYOUT: Readonly<Record<string, Point>> = {
  CLOSED: [420, 60],
  LISTEN: [420, 190],
  'SYN-RECEIVED': [240, 330],
  'SYN-SENT': [600, 330],
  ESTABLISHED: [420, 470],
  'FIN-WAIT-1': [240, 620],
  'CLOSE-WAIT': [600, 620],
  'FIN-WAIT-2': [240, 800],
  CLOSING: [420, 800],
  'LAST-ACK': [600, 800],
  'TIME-WAIT': [420, 940],
};

const at = (s: string): Point => LAYOUT[s] ?? [W / 2, H / 2];
const top = (s: string, dx = 0): Point => [at(s)[0] + dx, at(s)[1] - BH / 2];
const bottom = (s: string, dx = 0): Point => [at(s)[0] + dx, at(s)[1] + BH / 2];
const left = (s: string, dy = 0): Point => [at(s)[0] - BW / 2, at(s)[1] + dy];
const right = (s: string, dy = 0): Point => [at(s)[0] + BW / 2, at(s)[1] + dy];

/** Edges into CLOSED from below run up a bus on either side and enter CLOSED from above. */
const BUS_LEFT = 12;
const BUS_RIGHT = W - 12;
const BUS_TOP = 14;
const busLeft = (from: Point): Point[] => [
  from,
  [BUS_LEFT, from[1]],
  [BUS_LEFT, BUS_TOP],
  [at('CLOSED')[0] - 36, BUS_TOP],
  top('CLOSED', -36),
];
const busRight = (...from: Point[]): Point[] => [
  ...from,
  [BUS_RIGHT, (from.at(-1) as Point)[1]],
  [BUS_RIGHT, BUS_TOP],
  [at('CLOSED')[0] + 36, BUS_TOP],
  top('CLOSED', 36),
];
/** Labels of the bus edges sit in the margins, above the stub that leaves the state. */
const marginLeft = (s: string) => ({ x: BUS_LEFT + 8, y: at(s)[1] - 6, anchor: 'start' as const, up: true, wrap: 22 });
const marginRight = (s: string) => ({ x: BUS_RIGHT - 8, y: at(s)[1] - 6, anchor: 'end' as const, up: true, wrap: 24 });

/** The layout table of edges, keyed `FROM>TO`. An edge missing here is drawn straight. */
const ROUTES: Readonly<Record<string, Route>> = {
  'CLOSED>LISTEN': { points: [bottom('CLOSED', 12), top('LISTEN', 12)], label: { x: 440, y: 130, anchor: 'start' } },
  'LISTEN>CLOSED': { points: [top('LISTEN', -12), bottom('CLOSED', -12)], label: { x: 400, y: 130, anchor: 'end' } },
  'CLOSED>SYN-SENT': {
    points: [right('CLOSED'), [600, 60], top('SYN-SENT')],
    label: { x: 608, y: 110, anchor: 'start', wrap: 14 },
  },
  'LISTEN>SYN-RECEIVED': {
    points: [left('LISTEN'), [240, 190], top('SYN-RECEIVED')],
    label: { x: 299, y: 182, anchor: 'middle' },
  },
  'SYN-SENT>SYN-RECEIVED': {
    points: [left('SYN-SENT'), right('SYN-RECEIVED')],
    label: { x: 420, y: 322, anchor: 'middle' },
  },
  'SYN-SENT>ESTABLISHED': {
    points: [bottom('SYN-SENT', -30), top('ESTABLISHED', 40)],
    label: { x: 526, y: 400, anchor: 'start' },
  },
  'SYN-SENT>CLOSED': { points: busRight(right('SYN-SENT')), label: marginRight('SYN-SENT') },
  'SYN-RECEIVED>ESTABLISHED': {
    points: [bottom('SYN-RECEIVED', 40), left('ESTABLISHED', -6)],
    label: { x: 322, y: 400, anchor: 'start' },
  },
  'SYN-RECEIVED>CLOSE-WAIT': {
    points: [bottom('SYN-RECEIVED', 10), [250, 555], [620, 555], top('CLOSE-WAIT', 20)],
    label: { x: 440, y: 548, anchor: 'middle' },
  },
  'SYN-RECEIVED>FIN-WAIT-1': {
    points: [bottom('SYN-RECEIVED', -30), top('FIN-WAIT-1', -30)],
    label: { x: 202, y: 470, anchor: 'end' },
  },
  'SYN-RECEIVED>CLOSED': { points: busLeft(left('SYN-RECEIVED')), label: marginLeft('SYN-RECEIVED') },
  'ESTABLISHED>CLOSED': {
    points: busRight(right('ESTABLISHED', -8)),
    label: { ...marginRight('ESTABLISHED'), y: 454 },
  },
  'ESTABLISHED>CLOSE-WAIT': {
    points: [right('ESTABLISHED', 8), [580, 478], top('CLOSE-WAIT', -20)],
    label: { x: 588, y: 520, anchor: 'start' },
  },
  'ESTABLISHED>FIN-WAIT-1': {
    points: [bottom('ESTABLISHED', -40), top('FIN-WAIT-1', 40)],
    label: { x: 332, y: 580, anchor: 'start' },
  },
  'FIN-WAIT-1>FIN-WAIT-2': {
    points: [bottom('FIN-WAIT-1', -40), top('FIN-WAIT-2', -40)],
    label: { x: 192, y: 672, anchor: 'end' },
  },
  'FIN-WAIT-1>CLOSING': {
    points: [right('FIN-WAIT-1', -8), [390, 612], top('CLOSING', -30)],
    label: { x: 398, y: 680, anchor: 'start' },
  },
  'FIN-WAIT-1>TIME-WAIT': {
    points: [right('FIN-WAIT-1', 10), [330, 630], [330, 932], left('TIME-WAIT', -8)],
    label: { x: 322, y: 700, anchor: 'end', wrap: 16 },
  },
  'FIN-WAIT-1>CLOSED': { points: busLeft(left('FIN-WAIT-1')), label: marginLeft('FIN-WAIT-1') },
  'FIN-WAIT-2>TIME-WAIT': {
    points: [bottom('FIN-WAIT-2'), [240, 948], left('TIME-WAIT', 8)],
    label: { x: 250, y: 940, anchor: 'start' },
  },
  'FIN-WAIT-2>FIN-WAIT-2': { loop: true, label: { x: 200, y: 866, anchor: 'middle' } },
  'FIN-WAIT-2>CLOSED': { points: busLeft(left('FIN-WAIT-2')), label: marginLeft('FIN-WAIT-2') },
  'CLOSE-WAIT>LAST-ACK': { points: [bottom('CLOSE-WAIT'), top('LAST-ACK')], label: { x: 592, y: 715, anchor: 'end' } },
  'CLOSE-WAIT>CLOSED': { points: busRight(right('CLOSE-WAIT')), label: marginRight('CLOSE-WAIT') },
  'CLOSING>TIME-WAIT': { points: [bottom('CLOSING'), top('TIME-WAIT')], label: { x: 428, y: 872, anchor: 'start' } },
  'CLOSING>CLOSED': {
    points: busRight(right('CLOSING', 8), [510, 808], [510, 850]),
    label: { x: 540, y: 870, anchor: 'start' },
  },
  'LAST-ACK>CLOSED': { points: busRight(right('LAST-ACK')), label: marginRight('LAST-ACK') },
  'TIME-WAIT>CLOSED': { points: busRight(right('TIME-WAIT')), label: { x: 490, y: 962, anchor: 'start' } },
  'TIME-WAIT>TIME-WAIT': { loop: true, label: { x: 380, y: 1006, anchor: 'middle' } },
};

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The edges to draw: one per distinct (from, to) pair, in the order the machine lists them. */
export function edgesOf(transitions: MachineTransitions): Map<string, ModelTransition[]> {
  const edges = new Map<string, ModelTransition[]>();
  for (const tr of transitions.moves) {
    const key = `${tr.from}>${tr.to}`;
    edges.set(key, [...(edges.get(key) ?? []), tr]);
  }
  return edges;
}

/** A route for an edge the layout table does not know: a straight line between the boxes, or a loop. */
function fallback(from: string, to: string): Route {
  if (from === to) return { loop: true, label: { x: at(from)[0] - 40, y: bottom(from)[1] + 46, anchor: 'middle' } };
  const [x1, y1] = at(from);
  const [x2, y2] = at(to);
  const clip = (x: number, y: number, dx: number, dy: number): Point => {
    const k = Math.min(
      Math.abs(dx) > 0 ? BW / 2 / Math.abs(dx) : Infinity,
      Math.abs(dy) > 0 ? BH / 2 / Math.abs(dy) : Infinity,
    );
    return [x + dx * k, y + dy * k];
  };
  return {
    points: [clip(x1, y1, x2 - x1, y2 - y1), clip(x2, y2, x1 - x2, y1 - y2)],
    label: { x: (x1 + x2) / 2 + 6, y: (y1 + y2) / 2, anchor: 'start' },
  };
}

function pathOf(from: string, route: Route): string {
  if (route.loop) {
    const [x, y] = bottom(from, -40);
    return `M${x - 10},${y} C${x - 30},${y + 40} ${x + 30},${y + 40} ${x + 10},${y}`;
  }
  return (route.points ?? []).map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${Math.round(x)},${Math.round(y)}`).join(' ');
}

function labelOf(lines: readonly string[], route: Route): string {
  const { x, y, anchor, up } = route.label;
  const first = up ? y - (lines.length - 1) * LINE : y;
  const spans = lines.map((line, i) => `<tspan x="${x}" y="${first + i * LINE}">${esc(line)}</tspan>`).join('');
  return `<text text-anchor="${anchor}">${spans}</text>`;
}

/** Draw the diagram: every move of the machine as an edge, every state once. */
export function stateDiagramSvg(
  transitions: MachineTransitions,
  options: { words: StateDiagramWords; id: string },
): string {
  const { words, id } = options;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" class="state-diagram" role="img" aria-labelledby="${id}-title ${id}-desc" data-marker="${id}-head" data-marker-last="${id}-head-last">`,
  );
  parts.push(
    `<title id="${id}-title">${esc(words.title)}</title><desc id="${id}-desc">${esc(words.description)}</desc>`,
  );
  const head = (name: string, cls: string, size: number) =>
    `<marker id="${id}-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="${size}" markerHeight="${size}" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="${cls}"/></marker>`;
  parts.push(`<defs>${head('head', 'sd-head', 10)}${head('head-last', 'sd-head-last', 14)}</defs>`);
  const edges = edgesOf(transitions);
  const paths: string[] = [];
  const labels: string[] = [];
  for (const [key, parallel] of edges) {
    const { from, to } = parallel[0] as ModelTransition;
    const route = ROUTES[key] ?? fallback(from, to);
    const data = `data-from="${esc(from)}" data-to="${esc(to)}"`;
    paths.push(`<g class="sd-edge" ${data}><path d="${pathOf(from, route)}" marker-end="url(#${id}-head)"/></g>`);
    const lines = wrapped(
      parallel,
      words,
      route.label.wrap ?? Infinity,
      route.label.anchor === 'start' ? '\u2002' : '',
    );
    labels.push(`<g class="sd-label" data-edge="${esc(key)}">${labelOf(lines, route)}</g>`);
  }
  parts.push(`<g class="sd-edges">${paths.join('')}</g><g class="sd-labels">${labels.join('')}</g>`);
  const states = new Set([...Object.keys(LAYOUT), ...transitions.moves.flatMap((t) => [t.from, t.to])]);
  parts.push('<g class="sd-states">');
  for (const state of states) {
    const [x, y] = at(state);
    parts.push(
      `<g class="sd-state" data-state="${esc(state)}"><rect x="${x - BW / 2}" y="${y - BH / 2}" width="${BW}" height="${BH}" rx="9"/>` +
        `<text x="${x}" y="${y + 5}" text-anchor="middle">${esc(state)}</text></g>`,
    );
  }
  parts.push('</g></svg>');
  return parts.join('');
}

/** One line of the text alternative. */
export interface TransitionRow {
  to: string | null;
  /** As on the diagram: `rcv [ACK of FIN]`. */
  label: string;
  /** As in the machine: `SEGMENT [finAcked] / receive`. */
  code: string;
}

/** The text alternative, per source state in layout order: what moves where, and what stays. */
export function transitionRows(
  transitions: MachineTransitions,
  words: Pick<StateDiagramWords, 'event' | 'guard'>,
): { state: string; rows: TransitionRow[] }[] {
  const row = (tr: ModelTransition, moves: boolean): TransitionRow => ({
    to: moves ? tr.to : null,
    label: edgeLabel([tr], words).join(''),
    code: `${tr.event}${tr.guard ? ` [${tr.guard}]` : ''}${tr.actions.length ? ` / ${tr.actions.join(', ')}` : ''}`,
  });
  const order = [
    ...new Set([
      ...Object.keys(LAYOUT),
      ...transitions.moves.map((t) => t.from),
      ...transitions.stays.map((t) => t.from),
    ]),
  ];
  const grouped = order.map((state) => ({
    state,
    rows: [
      ...transitions.moves.filter((t) => t.from === state).map((t) => row(t, true)),
      ...transitions.stays.filter((t) => t.from === state).map((t) => row(t, false)),
    ],
  }));
  return [...grouped, { state: '*', rows: transitions.everywhere.map((t) => row(t, false)) }].filter(
    (g) => g.rows.length > 0,
  );
}
