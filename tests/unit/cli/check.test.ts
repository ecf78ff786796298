/**
 * `npm run check` as an author runs it: a child process per invocation. A new scenario is
 * only a YAML file; its `expect:` block is written from behaviour.md (case 1: a SYN to a
 * closed port is answered `s:R.`, connect() fails ECONNREFUSED; R1, R9).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CHECK_SCRIPT, ROOT, runCli, STACK_LINE, type CliResult } from './run-cli.ts';

// One child at a time, each allowed to be slow on a loaded machine: nothing here times anything
// (run-cli's 20 s child timeout still stops a hung child).
vi.setConfig({ testTimeout: 30_000 });

const scratch = mkdtempSync(join(tmpdir(), 'check-cli-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const check = (args: readonly string[]): Promise<CliResult> => runCli(args, [], CHECK_SCRIPT);

/** Writes a file in the scratch folder and returns its path. */
function file(name: string, text: string): string {
  const path = join(scratch, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** Lines 1–6; the `expect:` block starts on line 7. */
const NEW_SCENARIO = `# A SYN to a port nobody uses.
id: new-closed-port
title: { en: A new scenario, zh-CN: 一个新场景 }
hosts: [client, server]
steps:
  - client: connect server:7000
`;

function noStackTrace(r: CliResult): void {
  expect(r.stdout).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(STACK_LINE);
}

describe('npm run check over exercises/', () => {
  it('passes on the shipped files, says how many it checked, and prints the coverage table', async () => {
    const r = await check([]);
    const dir = join(ROOT, 'exercises/scenarios');
    const yaml = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
    const withExpect = yaml.filter((f) => /^expect:/m.test(readFileSync(join(dir, f), 'utf8')));
    const lessons = readdirSync(join(ROOT, 'exercises')).filter((d) => /^\d\d-/.test(d));
    const exercises = lessons.flatMap((d) => readdirSync(join(ROOT, 'exercises', d)).filter((f) => /\.ya?ml$/.test(f)));
    const assignments = readdirSync(join(ROOT, 'exercises/assignments')).filter((f) => /\.ya?ml$/.test(f));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [summary, header, ...rest] = r.stdout.split('\n');
    expect(summary).toMatch(
      new RegExp(
        `^checked ${yaml.length + exercises.length + assignments.length} files \\(exercises: ${exercises.length}, assignments: ${assignments.length}, scenarios: ${yaml.length}\\), \\d+ with expect:, \\d+ checks run — no problems$`,
      ),
    );
    expect(header).toMatch(/^lesson +exercises +questions +reasons +results +beliefs$/);
    expect(rest.filter((l) => /^\d\d-/.test(l)).map((l) => l.split(' ')[0])).toEqual(lessons.sort());
    expect(rest).toContain('results covered: 8/8');
    expect(withExpect.length).toBeGreaterThan(0);
  });

  it('with --json prints the counts, the coverage and nothing uncovered', async () => {
    const r = await check(['--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      exercises: number;
      questions: number;
      coverage: { lessons: unknown[]; reasons: Record<string, string[]>; beliefs: Record<string, string[]> };
      uncovered: Record<string, string[]>;
    };
    expect(out.exercises).toBeGreaterThanOrEqual(36);
    expect(out.questions).toBeGreaterThanOrEqual(120);
    expect(out.uncovered).toEqual({ reasons: [], results: [], beliefs: [] });
    expect(out.coverage.reasons['close-unread-data']?.length).toBeGreaterThan(0);
    expect(out.coverage.lessons.length).toBe(12);
  });

  it('checks only the files and folders given', async () => {
    const r = await check(['exercises/scenarios/closed-port.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^checked 1 file \(scenarios: 1\), 1 with expect:, \d+ checks run — no problems\n$/);
  });
});

describe('a new scenario that is only a YAML file', () => {
  it('passes with a correct expect: block', async () => {
    const path = file(
      'good/new-closed-port.yaml',
      `${NEW_SCENARIO}expect:\n  wire: c:S s:R.\n  never: [s:S.]\n  results: { client: [connect:ECONNREFUSED] }\n`,
    );
    const r = await check([path]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('checked 1 file (scenarios: 1), 1 with expect:, 6 checks run — no problems\n');
  });

  it('fails with a wrong one, naming the file, the line, the profile and the first difference', async () => {
    const path = file(
      'wrong/new-closed-port.yaml',
      [
        NEW_SCENARIO + 'expect:', //                              7
        '  wire: c:S s:R', //                                      8
        '  results: { client: [connect:ok] }', //                  9
        '  rfc9293:', //                                           10
        '    wire: c:S s:R.', //                                   11
        '',
      ].join('\n'),
    );
    const r = await check([path]);
    expect(r.status).toBe(1);
    noStackTrace(r);
    expect(r.stderr.split('\n')).toEqual([
      `${path}:8: linux: expected wire c:S s:R — got c:S s:R. (segment 2: R expected, R. seen)`,
      `${path}:9: linux: expected client results connect:ok — got connect:ECONNREFUSED (connect:ok not found)`,
      `${path}:9: rfc9293: expected client results connect:ok — got connect:ECONNREFUSED (connect:ok not found)`,
      '',
    ]);
    expect(r.stdout).toBe('checked 1 file (scenarios: 1), 1 with expect:, 4 checks run — 3 problems\n');
  });

  it('gets every notation mistake reported at its own line, in one run', async () => {
    const path = file(
      'notation/bad.yaml',
      [
        NEW_SCENARIO + 'expect:', //                              7
        '  wire: c:S s:.R', //                                     8
        '  wire-includes: c:S … s:R.', //                          9
        '  never: [x:R]', //                                       10
        '  results:', //                                           11
        '    client: [ECONNREFUSD]', //                            12
        '  rfc9293:', //                                           13
        '    never: [c:SYN]', //                                   14
        '    wires: c:S', //                                       15
        '',
      ].join('\n'),
    );
    const r = await check([path]);
    expect(r.status).toBe(1);
    noStackTrace(r);
    expect(r.stderr.split('\n')).toEqual([
      `${path}:8: expect.wire: segment 2 's:.R': flags go in tcpdump's order, F S R P . — did you mean 's:R.'?`,
      `${path}:9: expect.wire-includes: segment 2 is '…': a wire lists every segment — use wire-includes for a subsequence`,
      `${path}:10: expect.never[0]: 'x:R': unknown host 'x' — the hosts are 'client' and 'server'`,
      `${path}:12: unknown result 'ECONNREFUSD' — did you mean 'ECONNREFUSED'?`,
      `${path}:14: 'c:SYN': write tcpdump's letters — did you mean 'c:S'?`,
      `${path}:15: unknown key 'wires' in 'expect.rfc9293' — did you mean 'wire'?`,
      '',
    ]);
    expect(r.stdout).toMatch(/— 6 problems\n$/);
  });

  it('with bad YAML gets FILE:LINE, like the simulate CLI, and no stack trace', async () => {
    const path = file('yaml/broken.yaml', `${NEW_SCENARIO}expect:\n  wire: "c:S s:R.\n`);
    const r = await check([path]);
    expect(r.status).toBe(1);
    noStackTrace(r);
    expect(r.stderr).toMatch(new RegExp(`^${path.replaceAll('.', '\\.')}:8: not valid YAML: `));
  });
});

describe('a folder', () => {
  it('is checked file by file, below it too, in order', async () => {
    file('tree/a.yaml', `${NEW_SCENARIO}expect:\n  wire: c:S s:R.\n`);
    file('tree/deeper/b.yml', NEW_SCENARIO);
    file('tree/notes.txt', 'not a scenario');
    const r = await check([join(scratch, 'tree')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('checked 2 files (scenarios: 2), 1 with expect:, 2 checks run — no problems\n');
  });
});

describe('an exercise given alone', () => {
  it('is checked against the shipped scenarios, with FILE:LINE for an expect: the model disagrees with', async () => {
    const path = file(
      '02-closed-port-time-wait/wrong.yaml',
      [
        'id: wrong-expect',
        'lesson: 02-closed-port-time-wait',
        'title: { en: Wrong, zh-CN: 错 }',
        'scenario: closed-port',
        'questions:',
        '  - at: connect',
        '    ask: result',
        '    host: client',
        '    prompt: { en: "What does connect() report?", zh-CN: connect() 报告什么？ }',
        '    expect: ECONNRESET',
        '',
      ].join('\n'),
    );
    const r = await check([path]);
    expect(r.status).toBe(1);
    noStackTrace(r);
    // closed-port has one step, so nothing comes after it: the model has no answer to give.
    expect(r.stderr).toBe(`${path}:6: question 1: the model gives no answer — client makes no call after step 1\n`);
  });
});

describe('bad usage exits 2 with the usage line', () => {
  it.each([
    { args: ['--frobnicate'], message: "check: unknown option '--frobnicate'" },
    { args: ['exercises/scenaros'], message: "check: 'exercises/scenaros': no such file or directory" },
    { args: ['README.md'], message: "check: 'README.md' is not a YAML file (.yaml or .yml) or a directory" },
    { args: ['src/cli'], message: "check: 'src/cli' holds no YAML files" },
  ])('$args', async ({ args, message }) => {
    const r = await check(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${message}\nusage: npm run check [-- [--json] FILE|DIR …] (--help for more)\n`);
  });

  it('--help explains the exit codes and exits 0', async () => {
    const r = await check(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: npm run check [-- [--json] FILE|DIR …]');
    expect(r.stdout).toContain('1   problems found, one line each: FILE:LINE: message');
  });

  it("'--' ends the options: what follows is a path", async () => {
    const r = await check(['--', '--help']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'--help': no such file or directory");
  });
});
