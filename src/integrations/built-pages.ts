import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Apply `rewrite` to every HTML page under `dir`; returns how many pages changed, of how many. */
export async function rewritePages(dir: URL, rewrite: (html: string) => string): Promise<[number, number]> {
  const root = fileURLToPath(dir);
  const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.html'));
  let changed = 0;
  for (const file of files) {
    const path = join(root, file);
    const html = await readFile(path, 'utf8');
    const done = rewrite(html);
    if (done !== html) {
      await writeFile(path, done);
      changed++;
    }
  }
  return [changed, files.length];
}
