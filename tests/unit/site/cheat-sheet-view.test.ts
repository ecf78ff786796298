import { describe, expect, it } from 'vitest';
import type { ProfileName, Trace, TraceEvent, TraceSegment } from '../../../src/model/index.ts';
import type { CheatCase } from '../../../src/components/cheat-sheet.ts';
import { cheatSheetView, type CheatSheetInput } from '../../../src/components/cheat-sheet-view.ts';
import type { LessonInfo } from '../../../src/components/lessons.ts';

/** A trace with only what the cheat sheet reads: RST/FIN segments and call results. */
function trace(profile: ProfileName, segments: Partial<TraceSegment>[], events: TraceEvent[] = []): Trace {
  return {
    scenario: 'x',
    profile,
    hosts: ['client', 'server'],
    segments: segments.map((s, i) => ({ ...segment(i), ...s })),
    events,
    steps: [],
    isn: {},
  };
}
function segment(i: number): TraceSegment {
  return {
    i,
    t: i,
    arrival: i,
    from: 'client',
    to: 'server',
    sport: 40000,
    dport: 5000,
    flags: ['ACK'],
    seq: 0,
    ack: 0,
    len: 0,
    win: 65535,
    delivered: true,
    reason: 'ack',
    step: 1,
  };
}
const refused: TraceEvent = {
  t: 1,
  host: 'client',
  socket: '40000',
  step: 2,
  kind: 'call',
  call: 'connect',
  result: 'ECONNREFUSED',
};
const reset: TraceEvent = {
  t: 1,
  host: 'client',
  socket: '40000',
  step: 2,
  kind: 'call',
  call: 'recv',
  result: 'ECONNRESET',
};

const lessons: LessonInfo[] = [
  { slug: '02-closed-port', number: 2, title: 'A closed port', description: '', href: '/en/lessons/02-closed-port/' },
  { slug: '09-abort', number: 9, title: 'Aborting', description: '', href: '/en/lessons/09-abort/' },
];
const cases: CheatCase[] = [
  {
    lesson: '02-closed-port',
    scenarios: ['closed'],
    situation: 'SYN to `x`',
    wire: 'w',
    outcome: '**RST**',
    sees: 's',
  },
  { lesson: '02-closed-port', scenarios: ['quiet'], situation: 'Nothing', wire: 'w', outcome: 'o', sees: 's' },
  { lesson: '09-abort', scenarios: ['abort', 'hidden'], situation: 'Abort', wire: 'w', outcome: 'o', sees: 's' },
];
const runs: Record<string, Trace[]> = {
  closed: [
    trace('linux', [{ from: 'server', flags: ['RST', 'ACK'] }], [refused]),
    trace('rfc9293', [{ from: 'server', flags: ['RST', 'ACK'] }], [refused]),
  ],
  quiet: [trace('linux', []), trace('rfc9293', [])],
  abort: [
    trace('linux', [{ from: 'client', flags: ['RST', 'ACK'] }], [reset]),
    trace('rfc9293', [{ from: 'client', flags: ['RST'] }]),
  ],
  hidden: [trace('linux', [{ flags: ['FIN', 'ACK'] }]), trace('rfc9293', [{ flags: ['FIN', 'ACK'] }])],
};
const input = (overrides: Partial<CheatSheetInput> = {}): CheatSheetInput => ({
  lang: 'en',
  cases,
  lessons,
  drawnIn: (lesson) =>
    lesson === '09-abort'
      ? [{ id: 'abort', profile: undefined }]
      : [
          { id: 'closed', profile: undefined },
          { id: 'quiet', profile: 'rfc9293' },
        ],
  runs: (id) => runs[id] ?? [],
  scenarioTitle: (id) => `Title of ${id}`,
  scenarioProfile: () => 'linux',
  figureId: (id, profile) => `scn-${id}-${profile}`,
  playgroundHref: (id) => `/en/playground/#${id}`,
  ...overrides,
});

describe('cheatSheetView', () => {
  const view = cheatSheetView(input());

  it('groups consecutive cases by lesson and counts them', () => {
    expect(view.total).toBe(3);
    expect(view.groups.map((g) => [g.lesson.slug, g.cases.map((c) => c.anchor)])).toEqual([
      ['02-closed-port', ['case-closed', 'case-quiet']],
      ['09-abort', ['case-abort']],
    ]);
    expect(view.groups[0]?.cases[0]?.situation).toBe('SYN to <code>x</code>');
  });

  it('links a scenario to its figure when the lesson draws it under its own profile, else to the playground', () => {
    const [closed, quiet] = view.groups[0]?.cases ?? [];
    expect(closed?.scenarios[0]?.href).toBe('/en/lessons/02-closed-port/#scn-closed-linux');
    // Drawn only under the other profile: no figure of its own to land on.
    expect(quiet?.scenarios[0]).toMatchObject({ inLesson: false, href: '/en/playground/#quiet' });
    const abort = view.groups[1]?.cases[0];
    expect(abort?.scenarios.map((s) => [s.id, s.inLesson, s.href])).toEqual([
      ['abort', true, '/en/lessons/09-abort/#scn-abort-linux'],
      ['hidden', false, '/en/playground/#hidden'],
    ]);
  });

  it('shows what each scenario shows, naming who saw it and the profile when only one shows it', () => {
    const closed = view.groups[0]?.cases[0]?.scenarios[0];
    expect(closed?.chips.map((c) => c.text)).toEqual(['client: ECONNREFUSED', 'the server sent a RST']);
    const abort = view.groups[1]?.cases[0]?.scenarios[0];
    expect(abort?.chips.map((c) => c.text)).toEqual(['client: ECONNRESET (Linux only)', 'the client sent a RST']);
  });

  it('gives a case every symptom of its scenarios, and the filter an option per symptom with its count', () => {
    expect(view.groups[1]?.cases[0]?.symptoms).toEqual(['ECONNRESET', 'rst-client', 'fin-no-rst']);
    expect(view.options.map((o) => [o.symptom, o.count])).toEqual([
      ['ECONNREFUSED', 1],
      ['ECONNRESET', 1],
      ['rst-server', 1],
      ['rst-client', 1],
      ['fin-no-rst', 1],
      ['quiet', 1],
    ]);
  });

  it('speaks Chinese on the Chinese page', () => {
    const zh = cheatSheetView(input({ lang: 'zh-CN' }));
    expect(zh.groups[1]?.cases[0]?.scenarios[0]?.chips.map((c) => c.text)).toEqual([
      '客户端：ECONNRESET（仅 Linux）',
      '客户端发出了 RST',
    ]);
  });

  it('refuses a case whose lesson does not exist', () => {
    expect(() => cheatSheetView(input({ lessons: lessons.slice(1) }))).toThrow(
      /names lesson 02-closed-port, which does not exist/,
    );
  });
});
