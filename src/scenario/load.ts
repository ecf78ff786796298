/** The Node edge of src/scenario: read a scenario file from disk and parse it. */
import { readFile, stat } from 'node:fs/promises';
import { MAX_SCENARIO_BYTES, parseScenario, type ParseResult } from './parse.ts';

/** Reads and parses `path`; an unreadable or oversized file is an error naming the path, never a throw. */
export async function loadScenarioFile(path: string): Promise<ParseResult> {
  const read = await readScenarioText(path);
  return read.ok
    ? parseScenario(read.text, path)
    : { ok: false, errors: [{ file: path, line: null, message: read.message }] };
}

/** The text of `path` without a byte-order mark, or why it cannot be had (missing, too large, unreadable). */
export async function readScenarioText(
  path: string,
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, message: 'not a file' };
    // Refuse before reading: the parser would reject it anyway.
    if (info.size > MAX_SCENARIO_BYTES) {
      return { ok: false, message: `file is too large: a scenario may be at most ${MAX_SCENARIO_BYTES / 1024} KiB` };
    }
    const text = await readFile(path, 'utf8');
    return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot read file (${code ?? String(error)})`;
    return { ok: false, message: why };
  }
}
