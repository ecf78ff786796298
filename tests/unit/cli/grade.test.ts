import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from './run-cli.ts';

const GRADE = fileURLToPath(new URL('../../../src/cli/grade.ts', import.meta.url));

describe('npm run grade', () => {
  it('rejects bad files on their own lines, exits 1, writes the gradebook and the report, no stack trace', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'grade-'));
    await writeFile(join(dir, 'bad.json'), '{ not json');
    await writeFile(join(dir, 'roster.csv'), 'learner\nada\n');
    const out = join(dir, 'grades.csv');
    const report = join(dir, 'report.md');
    const r = await runCli(
      [
        '--assignment',
        'fin-or-rst-exam',
        '--roster',
        join(dir, 'roster.csv'),
        '--out',
        out,
        '--report',
        report,
        join(dir, 'bad.json'),
      ],
      [],
      GRADE,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad.json: rejected: not JSON');
    expect(r.stderr).toContain('roster: ada: no submission');
    expect(r.stderr).not.toMatch(STACK_LINE);
    const rows = Papa.parse<Record<string, string>>(await readFile(out, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((x) => x['learner'])).toEqual(['ada']);
    expect(await readFile(report, 'utf8')).toContain('## Errors');
  });

  it('says what is wrong with the usage and exits 2', async () => {
    const r = await runCli(['--assignment', 'no-such-assignment', 'x.json'], [], GRADE);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("no assignment 'no-such-assignment'");
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
