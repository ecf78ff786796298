/**
 * `npm run simulate` as a user runs it: a child process per invocation (DESIGN.md, Contract 2).
 * Independent runs are `concurrent` so the ~40 Node start-ups overlap; nothing here times anything.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD_SCENARIO_CASES, BAD_SCENARIOS_DIR } from '../../fixtures/scenarios-bad/cases.ts';
import { loadScenarioFile } from '../../../src/scenario/load.ts';
import { simulate } from '../../../src/model/index.ts';
import { readPcap } from '../../../src/render/pcap.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { ROOT, runCli, STACK_LINE } from './run-cli.ts';

const CLOSED_PORT = 'exercises/scenarios/closed-port.yaml';
const LINGER_ZERO = 'exercises/scenarios/linger-zero-abort.yaml';
const CRASH_REBOOT = 'exercises/scenarios/crash-reboot.yaml';
const USAGE_LINE = 'usage: npm run simulate -- FILE';

const scratch = mkdtempSync(join(tmpdir(), 'simulate-cli-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function parseTrace(stdout: string): Trace {
  return JSON.parse(stdout) as Trace;
}

describe('the table (default output)', () => {
  it.concurrent('shows the SYN and the RST+ACK that refuses it, with reason and errno', async () => {
    const r = await runCli([CLOSED_PORT]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('scenario closed-port, profile linux');
    expect(lines.some((l) => /client → server .*\[S\]\s+SYN\b/.test(l))).toBe(true);
    const rst = lines.find((l) => l.includes('[R.]'));
    expect(rst).toMatch(/server → client .*RST,ACK.*no-listener/);
    expect(r.stdout).toMatch(/connect\(\) → ECONNREFUSED/);
    expect(r.stdout).not.toContain('\x1b[');
  });

  it.concurrent('is coloured only with --color', async () => {
    const r = await runCli([CLOSED_PORT, '--color']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\x1b[31m[R.]\x1b[0m');
  });
});

describe('--json', () => {
  it.concurrent('prints the trace as pretty JSON, the same trace the model computes in-process', async () => {
    const r = await runCli([CRASH_REBOOT, '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('{\n  "scenario": "crash-reboot",\n  "profile": "linux",')).toBe(true);
    const trace = parseTrace(r.stdout);
    expect(Object.keys(trace)).toEqual(expect.arrayContaining(['scenario', 'profile', 'segments', 'events', 'steps']));
    expect(trace.segments.length).toBeGreaterThan(0);
    expect(trace.events.length).toBeGreaterThan(0);
    const loaded = await loadScenarioFile(join(ROOT, CRASH_REBOOT));
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(trace).toEqual(JSON.parse(JSON.stringify(simulate(loaded.scenario))) as Trace);
  });

  it.concurrent.each([
    { args: ['--profile', 'linux'], profile: 'linux', flags: ['RST', 'ACK'] },
    { args: ['--profile', 'rfc9293'], profile: 'rfc9293', flags: ['RST'] },
    { args: ['--profile=rfc9293'], profile: 'rfc9293', flags: ['RST'] },
  ])('honours $args: the SO_LINGER-0 abort is $flags', async ({ args, profile, flags }) => {
    // behaviour.md, Profiles: Linux sends RST+ACK on abort, RFC 9293 a bare RST.
    const r = await runCli([...args, '--json', LINGER_ZERO]);
    expect(r.status).toBe(0);
    const trace = parseTrace(r.stdout);
    expect(trace.profile).toBe(profile);
    const aborts = trace.segments.filter((s) => s.reason === 'abort');
    expect(aborts).toHaveLength(1);
    expect(aborts[0]?.flags).toEqual(flags);
  });
});

describe('--pcap', () => {
  it.concurrent(
    'writes a capture matching the JSON segments, keeps stdout pure JSON, and says so on stderr',
    async () => {
      const out = join(scratch, 'crash-reboot.pcap');
      const r = await runCli([CRASH_REBOOT, '--json', '--pcap', out]);
      expect(r.status).toBe(0);
      const trace = parseTrace(r.stdout); // throws if anything else reached stdout
      expect(r.stderr).toBe(`wrote ${out} (${trace.segments.length} packets)\n`);
      const { packets } = readPcap(new Uint8Array(readFileSync(out)));
      expect(
        packets.map((p) => ({ flags: p.flags, seq: p.seq, sport: p.sport, dport: p.dport, len: p.payloadLen })),
      ).toEqual(
        trace.segments.map((seg) => ({
          flags: seg.flags,
          seq: seg.seq,
          sport: seg.sport,
          dport: seg.dport,
          len: seg.len,
        })),
      );
      // A segment without ACK has no acknowledgement number to compare (the pcap field is zero).
      expect(packets.map((p, k) => (trace.segments[k]?.ack === null ? null : p.ack))).toEqual(
        trace.segments.map((seg) => seg.ack),
      );
      expect(packets.filter((p) => !p.ipChecksumOk || !p.tcpChecksumOk)).toEqual([]);
    },
  );

  it.concurrent('works with the table too, under a chosen profile', async () => {
    const out = join(scratch, 'closed-port.pcap');
    const r = await runCli(['--pcap', out, '--profile', 'rfc9293', CLOSED_PORT]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('scenario closed-port, profile rfc9293');
    expect(r.stderr).toBe(`wrote ${out} (2 packets)\n`);
    expect(readPcap(new Uint8Array(readFileSync(out))).packets.map((p) => p.flags)).toEqual([['SYN'], ['RST', 'ACK']]);
  });

  it.concurrent('exits 2 and prints nothing on stdout when OUT cannot be written', async () => {
    const notADir = join(scratch, 'plain-file');
    writeFileSync(notADir, '');
    const out = join(notADir, 'x.pcap');
    const r = await runCli([CLOSED_PORT, '--json', '--pcap', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`cannot write '${out}'`);
    expect(r.stderr).toContain(USAGE_LINE);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a bad scenario exits 1 with FILE:LINE: message', () => {
  it.concurrent.each(BAD_SCENARIO_CASES)('$file', async ({ file, line, messageIncludes }) => {
    const path = BAD_SCENARIOS_DIR + file;
    const r = await runCli([path]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(line === null ? `${path}: ` : `${path}:${line}: `);
    expect(r.stderr).toContain(messageIncludes);
    expect(r.stderr).not.toMatch(STACK_LINE);
    // Every error on its own line, each naming the file.
    for (const l of r.stderr.trimEnd().split('\n')) expect(l.startsWith(`${path}:`)).toBe(true);
  });

  it.concurrent('a missing FILE is a bad scenario too (exit 1), naming the path', async () => {
    const r = await runCli(['--json', 'exercises/scenarios/no-such-scenario.yaml']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('exercises/scenarios/no-such-scenario.yaml: no such file\n');
  });

  it.concurrent.each([
    {
      name: 'a host that is down',
      yaml: 'id: host-down\nhosts: [client, server]\nsteps:\n  - server: listen 80\n  - server: crash\n  - server: accept\n',
      expected: ":6: host 'server' is down",
    },
    {
      name: 'an ambiguous socket',
      yaml: 'id: ambiguous\nhosts: [client, server]\nsteps:\n  - server: listen 80\n  - server: listen 81\n  - server: accept\n',
      expected: ":6: host 'server' has several listeners (80, 81)",
    },
  ])('a scenario that cannot run as written ($name) exits 1 with FILE:LINE', async ({ name, yaml, expected }) => {
    const path = join(scratch, `${name.replaceAll(' ', '-')}.yaml`);
    writeFileSync(path, yaml);
    const r = await runCli([path, '--json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(path + expected)).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });
});

describe('bad usage exits 2 with the message and a one-line usage hint', () => {
  it.concurrent.each([
    { args: [], says: 'no scenario FILE given' },
    { args: [CLOSED_PORT, CRASH_REBOOT], says: 'expected one scenario FILE, got 2' },
    { args: [CLOSED_PORT, '--jsn'], says: "unknown option '--jsn' — did you mean '--json'?" },
    { args: ['-x', CLOSED_PORT], says: "unknown option '-x'" },
    {
      args: [CLOSED_PORT, '--profile', 'linx'],
      says: "unknown profile 'linx' — did you mean 'linux'? (expected 'linux' or 'rfc9293')",
    },
    { args: [CLOSED_PORT, '--profile=bsd'], says: "unknown profile 'bsd' (expected 'linux' or 'rfc9293')" },
    { args: [CLOSED_PORT, '--profile'], says: "--profile needs a value: a profile ('linux' or 'rfc9293')" },
    { args: ['--profile', '--json', CLOSED_PORT], says: '--profile needs a value' },
    { args: [CLOSED_PORT, '--pcap'], says: '--pcap needs a value: an output file' },
    { args: [CLOSED_PORT, '--pcap='], says: '--pcap needs a value' },
    { args: [CLOSED_PORT, '--json', '--json'], says: '--json is given more than once' },
    { args: [CLOSED_PORT, '--json=yes'], says: '--json takes no value' },
  ])('$args', async ({ args, says }) => {
    const r = await runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(says);
    expect(lines[0]?.startsWith('simulate: ')).toBe(true);
    expect(lines[1]?.startsWith(USAGE_LINE)).toBe(true);
  });
});

describe('other invocations', () => {
  it.concurrent('--help prints the usage, the exit codes and the missing-file rule on stdout, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith(USAGE_LINE)).toBe(true);
    expect(r.stdout).toMatch(/^ {2}1 .*\n.*FILE is missing or unreadable/m);
    expect(r.stdout).toMatch(/^ {2}2 /m);
    expect(r.stdout).toMatch(/^ {2}70 /m);
    const short = await runCli(['-h', 'whatever', '--bogus']);
    expect(short).toEqual(r);
  });

  it.concurrent('-- ends the options', async () => {
    const r = await runCli(['--json', '--', CLOSED_PORT]);
    expect(r.status).toBe(0);
    expect(parseTrace(r.stdout).scenario).toBe('closed-port');
  });

  it.concurrent('an unexpected failure is "FILE: internal error: …", exit 70, no stack trace', async () => {
    // Make the final write throw from inside the CLI, with no test hook in the CLI itself.
    const boom = 'data:text/javascript,process.stdout.write=()=>{throw new Error("boom")}';
    const r = await runCli([CLOSED_PORT], ['--import', boom]);
    expect(r.status).toBe(70);
    expect(r.stderr).toBe(`${CLOSED_PORT}: internal error: boom\n`);
  });
});
