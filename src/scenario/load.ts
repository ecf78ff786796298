/** The Node edge of src/scenario: read a scenario file from disk and parse it. */
import { readFile, stat } from 'node:fs/promises';
import { MAX_SCENARIO_BYTES, parseScenario, type ParseResult } from './parse.ts';

/** Reads and parses `path`; an unreadable or oversized file is an error naming the path, never a throw. */
export async function loadScenarioFile(path: string): Promise<ParseResult> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return failure(path, 'not a file');
    // Refuse before reading: the parser would reject it anyway.
    if (info.size > MAX_SCENARIO_BYTES) {
      return failure(path, `file is too large: a scenario may be at most ${MAX_SCENARIO_BYTES / 1024} KiB`);
    }
    const text = await readFile(path, 'utf8');
    return parseScenario(text.startsWith('\uFEFF') ? text.slice(1) : text, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : `cannot read file (${code ?? String(error)})`;
    return failure(path, why);
  }
}

function failure(file: string, message: string): ParseResult {
  return { ok: false, errors: [{ file, line: null, message }] };
}
