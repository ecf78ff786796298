import { describe, expect, it } from 'vitest';
import { afterAnswer, afterHint, boxCounts, dueForReview, INTERVAL_DAYS } from '../../../src/progress/leitner.ts';
import { emptyProgress, recordAnswer, recordHint } from '../../../src/progress/store.ts';

const now = new Date('2026-03-01T10:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 24 * 3600 * 1000);

describe('the Leitner boxes', () => {
  it('moves a clean right answer up one box, to at most box 5', () => {
    expect(afterAnswer(null, true, now).box).toBe(2);
    expect(afterAnswer(2, true, now).box).toBe(3);
    expect(afterAnswer(5, true, now).box).toBe(5);
  });

  it('sends a right answer after a miss or a hint back to box 1, due at once', () => {
    expect(afterAnswer(4, false, now)).toEqual({ box: 1, due: now.toISOString() });
    expect(afterHint(now)).toEqual({ box: 1, due: now.toISOString() });
  });

  it('schedules each box later than the one before', () => {
    expect(afterAnswer(2, true, now).due).toBe(days(INTERVAL_DAYS[3]).toISOString());
    const intervals = [1, 2, 3, 4, 5].map((b) => INTERVAL_DAYS[b as 1 | 2 | 3 | 4 | 5]);
    expect([...intervals].sort((a, b) => a - b)).toEqual(intervals);
    expect(new Set(intervals).size).toBe(5);
  });
});

describe('what the review page brings back', () => {
  it('brings back a missed question at once, and not one answered right at first try', () => {
    let p = recordAnswer(emptyProgress(), 'a/q1', false, now);
    p = recordAnswer(p, 'b/q1', true, now);
    expect(dueForReview(p.questions, now).map((i) => i.key)).toEqual(['a/q1']);
  });

  it('brings back a question that needed a hint, once its box is due', () => {
    let p = recordAnswer(recordHint(emptyProgress(), 'a/q1', now), 'a/q1', true, now);
    expect(dueForReview(p.questions, now).map((i) => i.key)).toEqual(['a/q1']);
    // Answered cleanly now: box 2, so it waits a day.
    p = recordAnswer(p, 'a/q1', true, now);
    expect(dueForReview(p.questions, days(0.5))).toEqual([]);
    expect(dueForReview(p.questions, days(1)).map((i) => i.box)).toEqual([2]);
  });

  it('lists box 1 before higher boxes', () => {
    let p = recordAnswer(recordAnswer(emptyProgress(), 'z/q1', false, now), 'z/q1', true, now);
    p = recordAnswer(p, 'z/q1', true, now); // box 2
    p = recordAnswer(p, 'a/q1', false, now); // box 1, unsolved
    expect(dueForReview(p.questions, days(2)).map((i) => i.key)).toEqual(['a/q1', 'z/q1']);
  });

  it('counts questions per box', () => {
    let p = recordAnswer(emptyProgress(), 'a/q1', true, now);
    p = recordAnswer(p, 'b/q1', false, now);
    expect(boxCounts(p.questions)).toEqual({ 1: 1, 2: 1, 3: 0, 4: 0, 5: 0 });
  });
});
