/** npm run explain: the JSON of Contract 4, the languages, and a pcap written by `npm run simulate -- --pcap`. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CAPTURES } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function run(script: string, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'src', 'cli', script), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout, stderr });
    });
  });
}

interface Json {
  connections: {
    client: string;
    server: string;
    state: string;
    resets: { t: number; from: string; reason: string; candidates: string[]; confirmed: boolean; evidence: string }[];
    fins: unknown[];
  }[];
  skipped: Record<string, number>;
}

describe('npm run explain', () => {
  it.concurrent(
    '--json: connections with client, server, state, resets and fins; skipped',
    async () => {
      const result = await run('explain.ts', [join(CAPTURES, 'x_close_with_unread_data.txt'), '--json']);
      expect(result.status).toBe(0);
      const json = JSON.parse(result.stdout) as Json;
      expect(json.skipped).toEqual({});
      expect(json.connections).toHaveLength(1);
      const [conn] = json.connections;
      expect(conn).toMatchObject({ client: '10.200.0.1:53030', server: '10.200.0.2:5000', state: 'RSTR', fins: [] });
      expect(conn?.resets).toEqual([
        expect.objectContaining({
          t: 1795609450.164007,
          from: '10.200.0.2:5000',
          reason: 'close-unread-data',
          candidates: ['close-unread-data', 'abort'],
          confirmed: true,
        }),
      ]);
      expect(conn?.resets[0]?.evidence).toMatch(/^RST\+ACK, seq = its own next sequence number/);
    },
    60_000,
  );

  it.concurrent(
    '--lang zh-CN: the report in Chinese',
    async () => {
      const result = await run('explain.ts', ['--lang', 'zh-CN', join(CAPTURES, 's1_closed_port.txt')]);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/原因：no-listener（已确认）/);
      expect(result.stdout).toMatch(/被拒绝/);
    },
    60_000,
  );

  it.concurrent(
    'a pcap written by npm run simulate -- FILE --pcap OUT',
    async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'explain-cli-')), 'abort.pcap');
      const made = await run('simulate.ts', ['exercises/scenarios/linger-zero-abort.yaml', '--pcap', out]);
      expect(made.status).toBe(0);
      const result = await run('explain.ts', [out, '--json']);
      const json = JSON.parse(result.stdout) as Json;
      expect(json.connections[0]?.resets[0]).toMatchObject({ reason: 'abort', confirmed: true });
    },
    60_000,
  );

  it.concurrent(
    'usage errors exit with 2',
    async () => {
      expect((await run('explain.ts', [])).status).toBe(2);
      expect((await run('explain.ts', ['x.pcap', '--lang', 'fr'])).stderr).toMatch(/--lang takes en or zh-CN/);
    },
    60_000,
  );
});
