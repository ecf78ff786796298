/**
 * The Node edge of grading: submission files and folders to Sources, read in parallel with
 * bounded concurrency (10,000 files one after the other spend most of their time waiting).
 */
import { Buffer } from 'node:buffer';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Input } from './grade.ts';
import { inputsOf, tooLarge, type Source } from './sources.ts';
import { MAX_SUBMISSION_BYTES } from './submission.ts';

/** Files read at once: enough to keep the disk busy, few enough for any open-file limit. */
const CONCURRENCY = 64;
/** Most submissions fit in one read. */
const FIRST_READ = 8 * 1024;

/** The files a path names (itself, or every file under a folder, sorted), or null when it does not exist. */
export async function filesUnder(path: string): Promise<string[] | null> {
  const info = await stat(path).catch(() => null);
  if (info === null) return null;
  if (!info.isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** `work(item)` for every item, at most `limit` at a time; results in the items' order. */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/**
 * One open, reads until the end or past the size limit, one close: no separate stat, and a
 * file over the limit is refused without being read through.
 */
async function readSource(file: string): Promise<Source> {
  const handle = await open(file).catch(() => null);
  if (handle === null) return { file, error: { id: 'unreadable' } };
  try {
    let buffer = Buffer.allocUnsafe(FIRST_READ);
    let size = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, null);
      size += bytesRead;
      if (bytesRead === 0) break;
      if (size === buffer.length) {
        if (size > MAX_SUBMISSION_BYTES) return tooLarge(file, size) ?? { file, error: { id: 'too-large' } };
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 4, MAX_SUBMISSION_BYTES + 1));
        buffer.copy(bigger);
        buffer = bigger;
      }
    }
    return { file, text: buffer.toString('utf8', 0, size) };
  } catch {
    return { file, error: { id: 'unreadable' } };
  } finally {
    await handle.close();
  }
}

/**
 * Every submission in the files under the paths, in file order, each file read and parsed in
 * its own lane so parsing overlaps the reads still in flight; a missing path comes back as its message.
 */
export async function readInputFiles(paths: readonly string[]): Promise<Input[] | string> {
  const files: string[] = [];
  for (const p of paths) {
    const found = await filesUnder(p);
    if (found === null) return `'${p}': no such file or directory`;
    files.push(...found);
  }
  return (await mapBounded(files, CONCURRENCY, async (file) => inputsOf(await readSource(file)))).flat();
}
