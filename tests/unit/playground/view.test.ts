import { describe, expect, it } from 'vitest';
import { simulate } from '../../../src/model/index.ts';
import { parseScenario } from '../../../src/scenario/parse.ts';
import { escapeHtml, firstItems, traceView } from '../../../src/components/trace-view.ts';

function trace(text: string) {
  const parsed = parseScenario(text, 'view.yaml');
  if (!parsed.ok) throw new Error(parsed.errors[0]?.message);
  return simulate(parsed.scenario);
}

const abort =
  'id: x\nhosts: [client, server]\nsteps:\n  - server: listen 5000\n  - client: connect server:5000\n  - client: linger 0s\n  - client: close\n';

describe('traceView', () => {
  it('draws one diagram frame and one table row per segment and event, each row naming its frame', () => {
    const t = trace(abort);
    const view = traceView('en', t, 'Abort', 'pg');
    const count = t.segments.length + t.events.length;
    expect(view.frames).toBe(count);
    expect(view.rows.match(/<tr /g)).toHaveLength(count);
    expect([...view.rows.matchAll(/data-frame="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([...Array(count).keys()]);
    expect(view.svg).toContain('class="sequence"');
    expect(view.rows).toContain('<strong>RST+ACK</strong>');
  });

  it('writes the rows (which the player reads its captions from) in the page language', () => {
    const view = traceView('zh-CN', trace(abort), '中止', 'pg');
    expect(view.rows).toMatch(/[\u4e00-\u9fff]/);
    expect(view.svg).toContain('<title id="pg-title">中止</title>');
  });

  it('escapes what the author wrote', () => {
    expect(escapeHtml(`<b title="x">'&'</b>`)).toBe('&lt;b title=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;');
    expect(traceView('en', trace(abort), '<script>', 'pg').svg).toContain('&lt;script&gt;');
  });
});

describe('firstItems', () => {
  it('keeps a short trace as it is', () => {
    const t = trace(abort);
    expect(firstItems(t)).toEqual({ trace: t, total: t.segments.length + t.events.length });
  });

  it('cuts a long trace to its first items in time order', () => {
    const t = trace(abort);
    const { trace: cut, total } = firstItems(t, 5);
    expect(total).toBe(t.segments.length + t.events.length);
    expect(cut.segments.length + cut.events.length).toBe(5);
    const last = Math.max(...cut.segments.map((s) => s.t), ...cut.events.map((e) => e.t));
    const left = [...t.segments.slice(cut.segments.length), ...t.events.slice(cut.events.length)];
    expect(left.every((item) => item.t >= last)).toBe(true);
  });
});
