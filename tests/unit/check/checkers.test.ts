import { describe, expect, it } from 'vitest';
import { checkerFor, checkSources, CHECKERS } from '../../../src/check/index.ts';
import { checkScenario } from '../../../src/check/scenarios.ts';
import { summaryLine } from '../../../src/check/report.ts';

/** A SYN to a closed port: behaviour.md case 1, `c:S s:R.`, connect ECONNREFUSED (R1, R9). */
const CLOSED_PORT = `id: t
hosts: [client, server]
steps:
  - client: connect server:5000
`;

describe('which checker reads a file', () => {
  it('goes by its folder under exercises/', () => {
    expect(checkerFor('scenarios/closed-port.yaml')?.folder).toBe('scenarios');
    expect(checkerFor('scenarios/more/x.yml')?.folder).toBe('scenarios');
  });

  it('reads a file given from outside exercises/ as a scenario', () => {
    expect(checkerFor(null)?.folder).toBe('scenarios');
  });

  it('reads a lesson folder with the exercise checker', () => {
    expect(checkerFor('08-crash-reboot/first-data.yaml')?.folder).toBe('exercises');
  });

  it('has none for a folder no checker owns, or a file directly in exercises/', () => {
    expect(checkerFor('homework/week-1.yaml')).toBeUndefined();
    expect(checkerFor('assignments/week-1.yaml')?.folder).toBe('assignments');
    expect(checkerFor('loose.yaml')).toBeUndefined();
  });

  it('each checker owns a different folder', () => {
    const folders = CHECKERS.map((c) => c.folder);
    expect(new Set(folders).size).toBe(folders.length);
  });
});

describe('the scenario checker', () => {
  it('passes a scenario whose expect: block is right under both profiles, counting its checks', () => {
    const report = checkScenario(
      `${CLOSED_PORT}expect:\n  wire: c:S s:R.\n  results: { client: [connect:ECONNREFUSED] }\n`,
      't.yaml',
    );
    expect(report).toEqual({ file: 't.yaml', problems: [], expects: true, checks: 4 });
  });

  it('fails a wrong one with FILE:LINE, the profile, what was expected and what the model produced', () => {
    const report = checkScenario(`${CLOSED_PORT}expect:\n  wire: c:S s:R\n`, 't.yaml');
    expect(report.problems).toEqual(
      ['linux', 'rfc9293'].map((p) => ({
        file: 't.yaml',
        line: 6,
        message: `${p}: expected wire c:S s:R — got c:S s:R. (segment 2: R expected, R. seen)`,
      })),
    );
  });

  it('runs an override only under its profile', () => {
    const report = checkScenario(`${CLOSED_PORT}expect:\n  rfc9293: { wire: c:S }\n`, 't.yaml');
    expect(report.checks).toBe(1);
    expect(report.problems.map((p) => [p.line, p.message.slice(0, 22)])).toEqual([[6, 'rfc9293: expected wire']]);
  });

  it('passes a scenario without expect: that parses, running nothing', () => {
    expect(checkScenario(CLOSED_PORT, 't.yaml')).toEqual({ file: 't.yaml', problems: [], expects: false, checks: 0 });
  });

  it('reports a file that does not parse with its errors', () => {
    const report = checkScenario('id: t\nhosts: [client, server]\nsteps:\n  - client: conect server:1\n', 't.yaml');
    expect(report.problems).toEqual([
      { file: 't.yaml', line: 4, message: "unknown verb 'conect' — did you mean 'connect'?" },
    ]);
  });

  it('reports a scenario that cannot run as written at the step, once per profile', () => {
    const text = `id: t\nhosts: [client, server]\nsteps:\n  - server: listen 80\n  - server: listen 81\n  - server: close\nexpect:\n  wire: ''\n`;
    const report = checkScenario(text, 't.yaml');
    expect(report.problems.map((p) => [p.line, p.message.split(':')[0]])).toEqual([
      [6, 'linux'],
      [6, 'rfc9293'],
    ]);
    expect(report.problems[0]?.message).toContain("'close' is ambiguous");
  });
});

describe('a run over several files', () => {
  it('sends each file to its checker, and one in a folder nobody reads gets a problem', () => {
    const { reports, summary } = checkSources([
      { file: 'exercises/scenarios/a.yaml', underExercises: 'scenarios/a.yaml', text: CLOSED_PORT },
      { file: 'exercises/other/b.yaml', underExercises: 'other/b.yaml', text: CLOSED_PORT },
      { file: 'exercises/scenarios/c.yaml', underExercises: 'scenarios/c.yaml', unreadable: 'permission denied' },
    ]);
    expect(reports.map((r) => [r.kind, r.report.problems.map((p) => p.message)])).toEqual([
      ['scenarios', []],
      [
        'unchecked',
        ['no checker reads this folder — YAML files belong in exercises/scenarios/ or exercises/NN-lesson/'],
      ],
      ['scenarios', ['permission denied']],
    ]);
    expect(summary).toEqual({ files: 3, byKind: { scenarios: 2, unchecked: 1 }, expects: 0, checks: 0, problems: 2 });
  });

  it('sums up files, scenarios with expect:, checks and problems in one line', () => {
    expect(summaryLine({ files: 37, byKind: { scenarios: 37 }, expects: 30, checks: 212, problems: 0 })).toBe(
      'checked 37 files (scenarios: 37), 30 with expect:, 212 checks run — no problems',
    );
    expect(summaryLine({ files: 1, byKind: { scenarios: 1 }, expects: 1, checks: 1, problems: 1 })).toBe(
      'checked 1 file (scenarios: 1), 1 with expect:, 1 check run — 1 problem',
    );
  });
});
