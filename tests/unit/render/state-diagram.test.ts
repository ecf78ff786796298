import { describe, expect, it } from 'vitest';
import { endpointMachine, simulate, TCP_STATES } from '../../../src/model/index.ts';
import type { Scenario } from '../../../src/model/scenario.ts';
import { sequenceSvg } from '../../../src/render/sequence.ts';
import {
  machineTransitions,
  type MachineTransitions,
  type ModelTransition,
} from '../../../src/render/machine-transitions.ts';
import { edgesOf, stateDiagramSvg, transitionRows } from '../../../src/render/state-diagram.ts';
import { edgeLabel, type StateDiagramWords } from '../../../src/render/state-labels.ts';
import en from '../../../src/i18n/en.json';
import zhCN from '../../../src/i18n/zh-CN.json';

const words: StateDiagramWords = { title: 'T', description: 'D', event: (e) => e, guard: (g) => g };
const transitions = machineTransitions(endpointMachine);
const svg = stateDiagramSvg(transitions, { words, id: 'sd' });

/** The (from, to) pairs the SVG draws as edges, read back from the string. */
function drawnEdges(drawn: string): string[] {
  return [...drawn.matchAll(/<g class="sd-edge[^"]*" data-from="([^"]+)" data-to="([^"]+)"/g)].map(
    (m) => `${m[1]}>${m[2]}`,
  );
}

/** The moves that have no edge in the drawing. */
function undrawn(list: MachineTransitions, drawn: string): ModelTransition[] {
  const edges = new Set(drawnEdges(drawn));
  return list.moves.filter((t) => !edges.has(`${t.from}>${t.to}`));
}

const has = (from: string, to: string, event: string, guard: string | null = null) =>
  transitions.moves.some(
    (t) => t.from === from && t.to === to && t.event === event && (guard === null || t.guard === guard),
  );

describe('machineTransitions: reference checks of the model against RFC 9293 Figure 5', () => {
  it('finds a non-trivial chart: at least 25 distinct state-changing transitions', () => {
    const distinct = new Set(transitions.moves.map((t) => `${t.from}>${t.to} ${t.event} [${t.guard ?? ''}]`));
    expect(distinct.size).toBeGreaterThanOrEqual(25);
    expect(distinct.size).toBe(transitions.moves.length);
  });

  it('has every arrow of Figure 5: opens, handshakes and both ways of closing', () => {
    expect(has('CLOSED', 'LISTEN', 'LISTEN')).toBe(true);
    expect(has('CLOSED', 'SYN-SENT', 'CONNECT')).toBe(true);
    expect(has('LISTEN', 'SYN-RECEIVED', 'SEGMENT', 'isSyn')).toBe(true);
    expect(has('LISTEN', 'CLOSED', 'CLOSE')).toBe(true);
    expect(has('SYN-SENT', 'SYN-RECEIVED', 'SEGMENT', 'isSyn')).toBe(true);
    expect(has('SYN-SENT', 'ESTABLISHED', 'SEGMENT', 'synAckGood')).toBe(true);
    expect(has('SYN-SENT', 'CLOSED', 'CLOSE')).toBe(true);
    expect(has('SYN-RECEIVED', 'ESTABLISHED', 'SEGMENT', 'ackAdvances')).toBe(true);
    expect(has('SYN-RECEIVED', 'FIN-WAIT-1', 'CLOSE')).toBe(true);
    expect(has('ESTABLISHED', 'FIN-WAIT-1', 'CLOSE')).toBe(true);
    expect(has('ESTABLISHED', 'CLOSE-WAIT', 'SEGMENT', 'finIsNext')).toBe(true);
    expect(has('FIN-WAIT-1', 'FIN-WAIT-2', 'SEGMENT', 'finAcked')).toBe(true);
    expect(has('FIN-WAIT-1', 'CLOSING', 'SEGMENT', 'finIsNext')).toBe(true);
    expect(has('FIN-WAIT-2', 'TIME-WAIT', 'SEGMENT', 'finIsNext')).toBe(true);
    expect(has('CLOSING', 'TIME-WAIT', 'SEGMENT', 'finAcked')).toBe(true);
    expect(has('CLOSE-WAIT', 'LAST-ACK', 'CLOSE')).toBe(true);
    expect(has('LAST-ACK', 'CLOSED', 'SEGMENT', 'finAcked')).toBe(true);
    expect(has('TIME-WAIT', 'CLOSED', 'after timeWait')).toBe(true);
  });

  it('has the resets and timers the figure leaves to the text (§3.10.7, §3.8.3)', () => {
    expect(has('SYN-SENT', 'CLOSED', 'RTO', 'retriesExhausted')).toBe(true);
    expect(has('ESTABLISHED', 'CLOSED', 'SEGMENT', 'rstExact')).toBe(true);
    expect(has('ESTABLISHED', 'CLOSED', 'CLOSE', 'unread')).toBe(true);
  });

  it('names delayed transitions after their delay and keeps guard and action names', () => {
    const timeWait = transitions.moves.find((t) => t.from === 'TIME-WAIT' && t.event === 'after timeWait');
    expect(timeWait).toEqual({
      from: 'TIME-WAIT',
      to: 'CLOSED',
      event: 'after timeWait',
      guard: null,
      actions: ['timeWaitOver'],
    });
    expect(transitions.moves.filter((t) => t.event.startsWith('xstate.'))).toEqual([]);
  });

  it('moves only between the eleven RFC states', () => {
    for (const t of transitions.moves) {
      expect(TCP_STATES).toContain(t.from);
      expect(TCP_STATES).toContain(t.to);
    }
  });

  it('lists transitions that leave the state as it is as stays, but a re-entry that restarts a timer as a move', () => {
    expect(transitions.stays).toContainEqual({
      from: 'ESTABLISHED',
      to: 'ESTABLISHED',
      event: 'SEGMENT',
      guard: 'rstInWindow',
      actions: ['challengeAck'],
    });
    expect(transitions.stays.every((t) => t.from === t.to)).toBe(true);
    expect(has('TIME-WAIT', 'TIME-WAIT', 'SEGMENT', 'isFin')).toBe(true);
    // Socket options are set the same way in every state; send() and recv() depend on the state.
    expect(transitions.everywhere.map((t) => t.event)).toEqual(expect.arrayContaining(['LINGER', 'KEEPALIVE']));
    expect(transitions.everywhere.map((t) => t.event)).not.toContain('SEND');
  });
});

describe('stateDiagramSvg', () => {
  it('draws every state-changing transition of the machine as an edge', () => {
    expect(undrawn(transitions, svg)).toEqual([]);
  });

  it('fails that check for a transition the drawing does not have (testing the test)', () => {
    const fake: ModelTransition = { from: 'LISTEN', to: 'TIME-WAIT', event: 'SEGMENT', guard: 'made-up', actions: [] };
    const withFake: MachineTransitions = { ...transitions, moves: [...transitions.moves, fake] };
    expect(undrawn(withFake, svg)).toEqual([fake]);
  });

  it('draws one edge per distinct (from, to) pair, however many transitions share it', () => {
    const drawn = drawnEdges(svg);
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(drawn.length).toBe(edgesOf(transitions).size);
    expect(drawn.length).toBeLessThan(transitions.moves.length);
  });

  it('draws each of the eleven states exactly once', () => {
    const states = [...svg.matchAll(/<g class="sd-state[^"]*" data-state="([^"]+)"/g)].map((m) => m[1]);
    expect(states.slice().sort()).toEqual([...TCP_STATES].sort());
  });

  it('ends every edge with an arrowhead and labels it', () => {
    const paths = [...svg.matchAll(/<g class="sd-edge[^>]*><path [^>]*>/g)].map((m) => m[0]);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path).toContain('marker-end="url(#sd-head)"');
    expect(svg.match(/class="sd-label"/g)?.length).toBe(paths.length);
  });

  it('draws an edge the layout table does not know, instead of dropping it', () => {
    const fake: ModelTransition = { from: 'LISTEN', to: 'TIME-WAIT', event: 'SEGMENT', guard: null, actions: [] };
    const drawn = stateDiagramSvg({ ...transitions, moves: [...transitions.moves, fake] }, { words, id: 'f' });
    expect(drawnEdges(drawn)).toContain('LISTEN>TIME-WAIT');
  });

  it('has a title and a description for assistive technology', () => {
    expect(svg).toMatch(/role="img" aria-labelledby="sd-title sd-desc"/);
    expect(svg).toContain('<title id="sd-title">T</title><desc id="sd-desc">D</desc>');
  });

  it('escapes text', () => {
    const drawn = stateDiagramSvg(transitions, { words: { ...words, title: '<b>&' }, id: 'e' });
    expect(drawn).toContain('&lt;b&gt;&amp;');
  });
});

describe('edge labels', () => {
  const pair = (from: string, to: string) => edgesOf(transitions).get(`${from}>${to}`) ?? [];

  it('merges parallel transitions: events that share their guards share a line', () => {
    // An abort never sends FIN (R4): only close() and shutdown(write) lead to FIN-WAIT-1.
    expect(edgeLabel(pair('ESTABLISHED', 'FIN-WAIT-1'), words)).toEqual(['CLOSE', 'SHUTDOWN [writeSide]']);
    expect(edgeLabel(pair('ESTABLISHED', 'CLOSED'), words)).toContain('CLOSE [unread | lingerZero]');
    expect(edgeLabel(pair('ESTABLISHED', 'CLOSED'), words)).toContain('ABORT');
  });

  it('uses the words it is given for events and guards', () => {
    const shown = edgeLabel(pair('LISTEN', 'SYN-RECEIVED'), {
      event: (e) => (e === 'SEGMENT' ? 'rcv' : e),
      guard: (g) => (g === 'isSyn' ? 'SYN' : g),
    });
    expect(shown).toEqual(['rcv [SYN]']);
  });

  it('wraps a long label between guards, never inside one', () => {
    const drawn = stateDiagramSvg(transitions, {
      words: { ...words, guard: (g) => (g === 'lingerZero' ? 'linger zero' : g) },
      id: 'w',
    });
    const label = drawn.match(/<g class="sd-label" data-edge="ESTABLISHED&gt;CLOSED">(.*?)<\/g>/)?.[1] ?? '';
    const lines = [...label.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]?.trim());
    expect(lines).toContain('linger zero]');
  });
});

describe('the text alternative', () => {
  it('lists every move, stay and everywhere-transition exactly once', () => {
    const rows = transitionRows(transitions, words).flatMap((g) => g.rows);
    expect(rows.length).toBe(transitions.moves.length + transitions.stays.length + transitions.everywhere.length);
    expect(rows.filter((r) => r.to !== null).length).toBe(transitions.moves.length);
    expect(rows).toContainEqual({ to: 'CLOSED', label: 'CLOSE [unread]', code: 'CLOSE [unread] / resetUnread' });
  });

  it('has words in both locales for every event and guard of the machine', () => {
    const all = [...transitions.moves, ...transitions.stays, ...transitions.everywhere];
    const keys = new Set(
      all.flatMap((t) => [`state.event.${t.event}`, ...(t.guard ? [`state.guard.${t.guard}`] : [])]),
    );
    for (const key of keys) {
      expect(Object.keys(en), key).toContain(key);
      expect(Object.keys(zhCN), key).toContain(key);
    }
  });
});

describe('the link from a sequence diagram', () => {
  it('names host, socket and both states on every state change, so a state diagram can follow it', () => {
    const steps = [
      { kind: 'host', host: 'server', action: { verb: 'listen', port: 80 } },
      { kind: 'host', host: 'client', action: { verb: 'connect', host: 'server', port: 80 } },
    ] as const;
    const scenario: Scenario = {
      id: 'link',
      profile: 'linux',
      hosts: ['client', 'server'],
      steps: steps.map((s, i) => ({ ...s, text: `step ${i}` })),
    };
    const trace = simulate(scenario);
    const drawn = sequenceSvg(
      trace,
      { title: 'T', description: 'D', lost: 'lost', eventLabel: (e) => e.kind },
      'q',
    ).svg;
    const changes = trace.events.filter((e) => e.kind === 'state');
    const tagged = [
      ...drawn.matchAll(/data-host="([^"]+)" data-socket="([^"]+)" data-from="([^"]+)" data-to="([^"]+)"/g),
    ].map((m) => m.slice(1).join(' '));
    expect(tagged).toEqual(changes.map((e) => `${e.host} ${e.socket} ${e.from} ${e.to}`));
    expect(tagged).toContain('server 80 CLOSED LISTEN');
  });
});
