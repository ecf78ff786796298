/** The option reader the grade and gift commands share. */
import { describe, expect, test } from 'vitest';
import { readArgs } from '../../../src/cli/run.ts';

const NAMES = ['--assignment', '--out'];

describe('readArgs', () => {
  test('reads --name value and --name=value, and keeps paths in order', () => {
    const read = readArgs(['a.json', '--assignment', 'week-1', 'dir/', '--out=grades.csv'], NAMES);
    expect(read).toEqual({
      options: new Map([
        ['--assignment', 'week-1'],
        ['--out', 'grades.csv'],
      ]),
      paths: ['a.json', 'dir/'],
    });
  });

  test('names an unknown option and an option without its value', () => {
    expect(readArgs(['--asignment', 'x'], NAMES)).toBe("unknown option '--asignment'");
    expect(readArgs(['-q'], NAMES)).toBe("unknown option '-q'");
    expect(readArgs(['a.json', '--out'], NAMES)).toBe('--out needs a value');
    expect(readArgs(['--out='], NAMES)).toBe('--out needs a value');
  });
});
