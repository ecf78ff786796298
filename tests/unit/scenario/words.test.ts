import { describe, expect, it } from 'vitest';
import { parseDuration, readDuration } from '../../../src/scenario/duration.ts';
import { closest, editDistance } from '../../../src/scenario/suggest.ts';

describe('parseDuration', () => {
  it('turns a number with a unit into integer microseconds', () => {
    expect(parseDuration('250us')).toBe(250);
    expect(parseDuration('250µs')).toBe(250);
    expect(parseDuration('800ms')).toBe(800_000);
    expect(parseDuration('5s')).toBe(5_000_000);
    expect(parseDuration('1.5s')).toBe(1_500_000);
    expect(parseDuration('0.3s')).toBe(300_000);
    expect(parseDuration('2m')).toBe(120_000_000);
    expect(parseDuration('1h')).toBe(3_600_000_000);
    expect(parseDuration('0s')).toBe(0);
  });

  it('returns null for anything without a unit or not a duration', () => {
    for (const text of ['5', '', 's', '5 s', '-1s', '5sec', '1e3ms', '.5s', '5S'])
      expect(parseDuration(text)).toBeNull();
  });

  it('explains what is wrong', () => {
    expect(readDuration('5')).toEqual({
      ok: false,
      message: "duration '5' needs a unit, e.g. '5s' or '5ms' (units: us, ms, s, m, h)",
    });
    expect(readDuration('-2s')).toEqual({ ok: false, message: "duration '-2s' must not be negative" });
    expect(readDuration('0.5us')).toEqual({ ok: false, message: "duration '0.5us' is finer than a microsecond" });
    expect(readDuration('25h')).toEqual({ ok: false, message: "duration '25h' is longer than 24h" });
  });
});

describe('suggestions', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('conenct', 'connect')).toBe(1);
    expect(editDistance('conect', 'connect')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only what is close, ignoring case', () => {
    expect(closest('Conect', ['listen', 'connect'])).toBe('connect');
    expect(closest('x', ['a', 'b'])).toBeUndefined();
    expect(closest('frobnicate', ['listen', 'connect'])).toBeUndefined();
  });
});
