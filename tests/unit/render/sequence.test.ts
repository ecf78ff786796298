import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/index.ts';
import type { Scenario, Step } from '../../../src/model/scenario.ts';
import { segmentKind, sequenceSvg, type SequenceWords } from '../../../src/render/sequence.ts';
import { frameGroups, timerSpans, traceItems } from '../../../src/render/trace-items.ts';

const words: SequenceWords = { title: 'T', description: 'D', lost: 'lost', eventLabel: (e) => e.kind };

type StepInput = Step extends infer S ? (S extends unknown ? Omit<S, 'text'> : never) : never;

function run(steps: StepInput[]) {
  const scenario: Scenario = {
    id: 'render',
    profile: 'linux',
    hosts: ['client', 'server'],
    steps: steps.map((s, i) => ({ ...s, text: `step ${i}` })),
  };
  return simulate(scenario);
}

const refused = run([{ kind: 'host', host: 'client', action: { verb: 'connect', host: 'server', port: 80 } }]);
const lossy = run([
  { kind: 'host', host: 'server', action: { verb: 'listen', port: 80 } },
  { kind: 'host', host: 'client', action: { verb: 'connect', host: 'server', port: 80 } },
  { kind: 'host', host: 'server', action: { verb: 'accept' } },
  { kind: 'network', action: { verb: 'partition' } },
  { kind: 'host', host: 'client', action: { verb: 'send', bytes: 10 } },
  { kind: 'host', host: 'server', action: { verb: 'close' } },
]);

describe('traceItems', () => {
  it('merges segments and events in time order, a segment first at equal times', () => {
    const items = traceItems(lossy);
    expect(items.length).toBe(lossy.segments.length + lossy.events.length);
    const times = items.map((item) => item.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const first = items[0];
    expect(first?.kind).toBe('event');
  });
});

describe('sequenceSvg', () => {
  const { svg, frames } = sequenceSvg(refused, words, 'x');

  it('gives every drawn item a frame number, one per trace item when nothing is a burst', () => {
    expect(frames).toBe(refused.segments.length + refused.events.length);
    const numbers = [...svg.matchAll(/data-frame="(\d+)"/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([...Array(frames).keys()]);
  });

  it('draws one lifeline per host and names it', () => {
    expect(svg.match(/class="lifeline"/g)?.length).toBe(2);
    expect(svg).toContain('>client</text>');
    expect(svg).toContain('>server</text>');
  });

  it('tells RST apart from other segments by class, marker and label, not colour alone', () => {
    expect(svg).toMatch(/class="seg seg-rst"[^>]*>.*?marker-end="url\(#x-rst\)".*?RST\+ACK/);
    expect(svg).toMatch(/class="seg seg-syn"/);
  });

  it('has a title and a description for assistive technology', () => {
    expect(svg).toMatch(/role="img" aria-labelledby="x-title x-desc"/);
    expect(svg).toContain('<title id="x-title">T</title>');
  });

  it('marks a lost segment with a cross and the word for lost, without an arrowhead', () => {
    const drawn = sequenceSvg(lossy, words, 'y').svg;
    const lost = drawn.match(/<g class="seg seg-(\w+) seg-lost"[^>]*>(.*?)<\/g>/);
    expect(lost).not.toBeNull();
    expect(lost?.[2]).toContain('class="lost-mark"');
    expect(lost?.[2]).toContain('(lost)');
    expect(lost?.[2]).not.toContain('marker-end');
  });

  it('draws FIN with its own arrowhead', () => {
    const drawn = sequenceSvg(lossy, words, 'z').svg;
    const fin = lossy.segments.find((s) => s.flags.includes('FIN'));
    expect(fin && segmentKind(fin)).toBe('fin');
    expect(drawn).toMatch(/seg-fin/);
  });

  it('escapes text', () => {
    const drawn = sequenceSvg(refused, { ...words, title: '<b>&' }, 'e').svg;
    expect(drawn).toContain('&lt;b&gt;&amp;');
  });
});

describe('timerSpans', () => {
  it('runs a retransmission timer from the lost segment to its retransmission', () => {
    const trace = run([
      { kind: 'host', host: 'server', action: { verb: 'listen', port: 80 } },
      { kind: 'host', host: 'client', action: { verb: 'connect', host: 'server', port: 80 } },
      { kind: 'network', action: { verb: 'partition' } },
      { kind: 'host', host: 'client', action: { verb: 'send', bytes: 10 } },
      { kind: 'wait', duration: 1_000_000 },
    ]);
    const spans = timerSpans(trace).filter((s) => s.timer === 'retransmit');
    const data = trace.segments.filter((s) => s.len > 0);
    expect(spans.length).toBeGreaterThan(0);
    expect(spans[0]?.from).toBe(data[0]?.t);
    expect(spans[0]?.to).toBe(data[1]?.t);
    expect(data[1]?.retransmission).toBe(true);
  });

  it('runs the TIME-WAIT timer from entering TIME-WAIT to its end', () => {
    const trace = run([
      { kind: 'host', host: 'server', action: { verb: 'listen', port: 80 } },
      { kind: 'host', host: 'client', action: { verb: 'connect', host: 'server', port: 80 } },
      { kind: 'host', host: 'server', action: { verb: 'accept' } },
      { kind: 'host', host: 'client', action: { verb: 'close' } },
      { kind: 'host', host: 'server', action: { verb: 'close' } },
      { kind: 'wait', duration: 61_000_000 },
    ]);
    const span = timerSpans(trace).find((s) => s.timer === 'time-wait');
    const entered = trace.events.find((e) => e.kind === 'state' && e.to === 'TIME-WAIT');
    expect(span?.from).toBe(entered?.t);
    // Linux TIME-WAIT lasts 60 s (behaviour.md, Profiles: timers).
    expect((span?.to ?? 0) - (span?.from ?? 0)).toBeCloseTo(60, 5);
    expect(sequenceSvg(trace, words, 'tw').svg).toContain('class="timer-span"');
  });
});

describe('bursts', () => {
  const trace = run([
    { kind: 'host', host: 'server', action: { verb: 'listen', port: 80 } },
    { kind: 'host', host: 'client', action: { verb: 'connect', host: 'server', port: 80 } },
    { kind: 'host', host: 'server', action: { verb: 'accept' } },
    { kind: 'host', host: 'client', action: { verb: 'send', bytes: 20000 } },
  ]);
  const data = trace.segments.filter((s) => s.len > 0);

  it('draws back-to-back data segments as one arrow labelled with their count and bytes', () => {
    expect(data.length).toBeGreaterThan(3);
    const drawn = sequenceSvg(trace, words, 'b').svg;
    const bursts = [...drawn.matchAll(/<g class="seg seg-data seg-burst"[^>]*>.*?<text[^>]*>([^<]*)<\/text>/g)];
    expect(bursts.length).toBe(1);
    expect(bursts[0]?.[1]).toBe(`${data.length} × data, 20,000 B`);
  });

  it('gives a burst one frame, covering each of its segments', () => {
    const items = traceItems(trace);
    const groups = frameGroups(items);
    expect(groups.flat()).toEqual([...items.keys()]);
    const burst = groups.find((g) => g.length > 1 && items[g[0] ?? 0]?.kind === 'segment');
    expect(burst?.map((i) => items[i]?.kind === 'segment' && items[i].seg.len > 0)).toEqual(burst?.map(() => true));
  });

  it('never puts two labels on one row', () => {
    const drawn = sequenceSvg(trace, words, 'r').svg;
    const ys = [...drawn.matchAll(/<g class="(?:seg|ev)[^>]*>.*?<text x="[^"]+" y="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ys).size).toBe(ys.length);
  });
});

describe('the time axis', () => {
  it('names its unit and breaks where time jumps', () => {
    const trace = run([
      { kind: 'host', host: 'server', action: { verb: 'listen', port: 80 } },
      { kind: 'host', host: 'client', action: { verb: 'connect', host: 'server', port: 80 } },
      { kind: 'wait', duration: 30_000_000 },
      { kind: 'host', host: 'client', action: { verb: 'close' } },
    ]);
    const drawn = sequenceSvg(trace, { ...words, unit: 'sec', gap: (s) => `gap ${s.toFixed(0)}` }, 'g').svg;
    expect(drawn).toContain('class="time time-unit">sec<');
    expect(drawn).toMatch(/class="gap-label">gap 30</);
  });
});
