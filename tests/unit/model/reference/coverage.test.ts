/**
 * Every scenario file is covered by reference checks or by its expect: block, and every
 * reference check has a file.
 */
import { describe, expect, it } from 'vitest';
import { scenarioFiles } from '../helpers.ts';
import { coverageGaps, referenceCheckIds } from './common.ts';

describe('coverage of exercises/scenarios/', () => {
  it('every scenario file parses', () => {
    const bad = scenarioFiles()
      .filter((f) => f.errors.length > 0)
      .map((f) => `${f.file}: ${f.errors.join('; ')}`);
    expect(bad).toEqual([]);
  });

  it('every scenario file has a reference check here or an expect: block, and every reference check has a scenario file', () => {
    const { ids, problems } = referenceCheckIds();
    expect(problems).toEqual([]);
    expect(coverageGaps(scenarioFiles(), ids)).toEqual({ uncovered: [], withoutFile: [] });
  });
});

describe('the coverage rule', () => {
  const file = (id: string, expects: boolean) => ({ file: `${id}.yaml`, id, expects });

  it('counts a scenario with only an expect: block as covered, and one with only reference checks', () => {
    expect(coverageGaps([file('new', true), file('old', false)], new Set(['old']))).toEqual({
      uncovered: [],
      withoutFile: [],
    });
  });

  it('names a scenario with neither, and a reference check whose scenario file is gone', () => {
    expect(coverageGaps([file('bare', false), file('both', true)], new Set(['both', 'gone']))).toEqual({
      uncovered: ['bare.yaml'],
      withoutFile: ['gone'],
    });
  });

  it('finds the reference checks of this folder, one place per scenario', () => {
    const { ids } = referenceCheckIds();
    expect(ids.has('closed-port')).toBe(true);
    expect(ids.has('listener-closed')).toBe(true);
    expect(ids.size).toBeGreaterThan(30);
  });
});
