/**
 * Build the site for a sub-folder (BASE_PATH=/course/) into a temporary directory and check
 * that every internal URL in its HTML and CSS starts with that base and points at a file
 * the build produced. Run with the project's Node (24+): `node scripts/check-base-path.ts`.
 * `--keep` leaves the build in place and prints where it is.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const base = '/course/';
const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'tcp-reset-lab-base-'));
const keep = process.argv.includes('--keep');

/** URL-valued attributes in HTML, including a meta refresh's `content="0; url=…"`. */
const htmlUrl = /\s(href|src|action|poster|srcset|content)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const cssUrl = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi;

interface Problem {
  file: string;
  url: string;
  why: string;
}

function build(): void {
  const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'build', '--outDir', outDir], {
    cwd: root,
    env: { ...process.env, BASE_PATH: base },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`astro build with BASE_PATH=${base} failed`);
}

function filesUnder(dir: string, extension: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, extension);
    return name.endsWith(extension) ? [path] : [];
  });
}

/** The URLs an HTML attribute holds: one, several for `srcset`, the target of a meta refresh. */
function attributeUrls(name: string, value: string): string[] {
  const attribute = name.toLowerCase();
  if (attribute === 'srcset') return value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
  if (attribute === 'content') {
    const refresh = /^\s*\d+\s*;\s*url\s*=\s*(.+)$/i.exec(value);
    return refresh?.[1] === undefined ? [] : [refresh[1].trim()];
  }
  return [value];
}

/** Links to other sites, data, fragments and same-page queries are not ours to check. */
function isInternal(url: string): boolean {
  return url !== '' && !/^([a-z][a-z\d+.-]*:|\/\/|#|\?)/i.test(url);
}

/** Why an internal URL is wrong, or undefined when it is under the base and its target was built. */
function problemWith(url: string): string | undefined {
  if (!url.startsWith(base)) return `does not start with ${base}`;
  const path = decodeURI(url.slice(base.length).replace(/[?#].*$/, ''));
  const target = join(outDir, path);
  const built = path === '' || path.endsWith('/') ? join(target, 'index.html') : target;
  return existsSync(built) ? undefined : `points at ${relative(outDir, built)}, which the build did not produce`;
}

function check(): { problems: Problem[]; files: number; urls: number } {
  const problems: Problem[] = [];
  let urls = 0;
  const files = [...filesUnder(outDir, '.html'), ...filesUnder(outDir, '.css')];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const found = file.endsWith('.css')
      ? [...text.matchAll(cssUrl)].map((m) => m[1] ?? m[2] ?? m[3] ?? '')
      : [...text.matchAll(htmlUrl)].flatMap((m) => attributeUrls(m[1] ?? '', m[2] ?? m[3] ?? ''));
    for (const url of found.filter(isInternal)) {
      urls += 1;
      const why = problemWith(url);
      if (why !== undefined) problems.push({ file: relative(outDir, file), url, why });
    }
  }
  return { problems, files: files.length, urls };
}

try {
  build();
  const { problems, files, urls } = check();
  for (const { file, url, why } of problems) console.error(`${file}: ${url} ${why}`);
  const summary = `${urls} internal URLs in ${files} HTML and CSS files built for ${base}`;
  if (problems.length > 0) {
    console.error(`check-base-path: ${problems.length} of ${summary} are wrong`);
    process.exitCode = 1;
  } else {
    console.log(`check-base-path: all ${summary} are correct`);
  }
} finally {
  if (keep) console.log(`check-base-path: build kept in ${outDir}`);
  else rmSync(outDir, { recursive: true, force: true });
}
