import { describe, expect, it } from 'vitest';
import {
  FORMAT,
  VERSION,
  emptyProgress,
  readProgress,
  recordAnswer,
  recordHint,
  writeProgress,
} from '../../../src/progress/store.ts';

const now = new Date('2026-03-01T10:00:00Z');
const later = new Date('2026-03-01T10:05:00Z');
const KEY = 'crash-reboot-first-data/q1';

describe('reading stored progress', () => {
  it('reads nothing stored as empty progress, with nothing set aside', () => {
    expect(readProgress(null)).toEqual({ progress: emptyProgress(), setAside: null });
    expect(readProgress('  ')).toEqual({ progress: emptyProgress(), setAside: null });
  });

  it('round-trips what it writes', () => {
    const p = recordHint(recordAnswer(emptyProgress(), KEY, false, now), KEY, later);
    expect(readProgress(writeProgress(p))).toEqual({ progress: p, setAside: null });
  });

  it('sets aside text that is not JSON, keeping it as it was', () => {
    const text = '{"format":"tcp-reset-lab-pro';
    expect(readProgress(text)).toEqual({ progress: emptyProgress(), setAside: { text, problem: 'unreadable' } });
  });

  it('sets aside another site’s data as foreign', () => {
    expect(readProgress('{"version":1,"items":[]}').setAside?.problem).toBe('foreign');
    expect(readProgress('[1,2]').setAside?.problem).toBe('foreign');
  });

  it('sets aside data from a newer version instead of reading it', () => {
    const text = JSON.stringify({ format: FORMAT, version: VERSION + 1, questions: {} });
    expect(readProgress(text).setAside).toEqual({ text, problem: 'newer' });
  });

  it('sets aside a record with a wrong field or a hostile key', () => {
    const good = recordAnswer(emptyProgress(), KEY, true, now);
    const bad = { ...good, questions: { [KEY]: { ...good.questions[KEY], attempts: -1 } } };
    expect(readProgress(JSON.stringify(bad)).setAside?.problem).toBe('unreadable');
    const hostile = `{"format":"${FORMAT}","version":1,"questions":{"__proto__":${JSON.stringify(good.questions[KEY])}}}`;
    expect(readProgress(hostile).setAside?.problem).toBe('unreadable');
  });
});

describe('recording answers and hints', () => {
  it('counts a right first answer as right at first try, in box 2', () => {
    const r = recordAnswer(emptyProgress(), KEY, true, now).questions[KEY];
    expect(r).toMatchObject({ attempts: 1, firstTry: true, hints: 0, solved: true, box: 2, struggled: false });
    expect(r?.when).toBe(now.toISOString());
  });

  it('a miss then a right answer: two attempts, not first try, box 1', () => {
    const p = recordAnswer(recordAnswer(emptyProgress(), KEY, false, now), KEY, true, later);
    expect(p.questions[KEY]).toMatchObject({ attempts: 2, firstTry: false, solved: true, box: 1, struggled: true });
    expect(p.questions[KEY]?.when).toBe(later.toISOString());
  });

  it('a hint before a right answer counts the hint and keeps the answer from being first try', () => {
    const p = recordAnswer(recordHint(emptyProgress(), KEY, now), KEY, true, later);
    expect(p.questions[KEY]).toMatchObject({ attempts: 1, hints: 1, firstTry: false, box: 1 });
  });

  it('keeps the first outcome as first try when the question is answered again', () => {
    let p = recordAnswer(emptyProgress(), KEY, true, now);
    p = recordAnswer(p, KEY, false, later);
    p = recordAnswer(p, KEY, true, later);
    expect(p.questions[KEY]).toMatchObject({ firstTry: true, attempts: 3, box: 1 });
  });

  it('does not change the progress it is given', () => {
    const p = emptyProgress();
    recordAnswer(p, KEY, true, now);
    expect(p.questions).toEqual({});
  });
});
