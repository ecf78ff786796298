/** Runs a CLI in `src/cli/` as a child process, the way `npm run simulate` or `npm run check` does. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root, with a trailing separator; children run here so relative paths work. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SCRIPT = fileURLToPath(new URL('../../../src/cli/simulate.ts', import.meta.url));
export const CHECK_SCRIPT = fileURLToPath(new URL('../../../src/cli/check.ts', import.meta.url));

export interface CliResult {
  /** Exit code, or null when the child was killed (timeout). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Spawns `script` (simulate by default) with `process.execPath` (inside vitest that is the Node 24 that strips
 * types). Asynchronous so tests marked `concurrent` share the start-up cost; the timeout
 * only stops a hung child, it is not a time budget.
 */
export function runCli(
  args: readonly string[],
  nodeFlags: readonly string[] = [],
  script: string = SCRIPT,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, script, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20_000,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      resolve({ status, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

/** A stack trace line as Node prints one: "\n    at …". */
export const STACK_LINE = /\n\s+at /;
