import { describe, expect, it } from 'vitest';
import { mastery, masterySvg } from '../../../src/progress/mastery.ts';
import { emptyProgress, recordAnswer, recordHint } from '../../../src/progress/store.ts';

const now = new Date('2026-03-01T10:00:00Z');
const lessons = [
  { lesson: '00-a', title: 'A', keys: ['x/q1', 'x/q2', 'y/q1'] },
  { lesson: '01-b', title: 'B <b>', keys: ['z/q1'] },
];

describe('mastery per lesson', () => {
  it('counts tried, mastered, right at first try and hints from the records', () => {
    let p = recordAnswer(emptyProgress(), 'x/q1', true, now);
    p = recordAnswer(recordHint(p, 'x/q2', now), 'x/q2', true, now);
    p = recordAnswer(p, 'y/q1', false, now);
    const [a, b] = mastery(lessons, p.questions);
    expect(a).toMatchObject({ questions: 3, tried: 3, mastered: 1, firstTry: 1, hints: 1 });
    expect(b).toMatchObject({ questions: 1, tried: 0, mastered: 0 });
  });

  it('draws a chart with a title, a description and every number written out', () => {
    const svg = masterySvg(mastery(lessons, {}), {
      title: 'Mastery',
      description: 'Per lesson',
      mastered: 'mastered',
      tried: 'tried',
    });
    expect(svg).toContain('<title id="mc-title">Mastery</title>');
    expect(svg).toContain('0/3 mastered');
    expect(svg).toContain('0/1 tried');
    expect(svg).toContain('B &lt;b&gt;');
    expect(svg).not.toContain('<b>');
  });
});
