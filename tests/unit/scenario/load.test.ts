import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../src/scenario/load.ts';
import { formatError } from '../../../src/scenario/parse.ts';

const dir = mkdtempSync(join(tmpdir(), 'scenario-load-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadScenarioFile', () => {
  it('reads and parses a file, naming it in errors', async () => {
    const good = await loadScenarioFile(
      write('good.yaml', '\uFEFFid: good\nhosts: [a, b]\nsteps:\n  - a: listen 80\n'),
    );
    expect(good.ok && good.scenario.steps[0]?.text).toBe('a: listen 80');
    const path = write('bad.yaml', 'id: bad\nhosts: [a, b]\nsteps:\n  - a: lisen 80\n');
    const bad = await loadScenarioFile(path);
    expect(bad.ok ? [] : bad.errors.map(formatError)).toEqual([
      `${path}:4: unknown verb 'lisen' — did you mean 'listen'?`,
    ]);
  });

  it('names the path of a file it cannot read, without throwing', async () => {
    const path = join(dir, 'missing.yaml');
    expect(await loadScenarioFile(path)).toEqual({
      ok: false,
      errors: [{ file: path, line: null, message: 'no such file' }],
    });
    expect(await loadScenarioFile(dir)).toEqual({
      ok: false,
      errors: [{ file: dir, line: null, message: 'not a file' }],
    });
  });

  it('refuses a file over 256 KiB before reading it', async () => {
    const path = write('big.yaml', `# ${'x'.repeat(300 * 1024)}\n`);
    expect(await loadScenarioFile(path)).toEqual({
      ok: false,
      errors: [{ file: path, line: null, message: 'file is too large: a scenario may be at most 256 KiB' }],
    });
  });
});
