/**
 * The JavaScript budgets of DESIGN.md ("Budgets"), measured on a built site. A page's initial
 * JS is every classic and module <script> it carries — inline, or a same-origin file plus the
 * files that file imports statically, recursively — each gzipped on its own and summed. A Web
 * Worker a script creates (`new Worker(new URL(…))`) counts too: the playground starts its
 * worker, which runs the model, as soon as the page loads.
 *
 *   lesson   a page with a scenario (`<scenario-player`) or exercises (`<exercise-set`)  ≤ 40 KB gzip in all;
 *            a goal challenge's builder and worker are imported dynamically, so they are not initial JS
 *   practice a practice page (`<exercise-set`, no scenario player)  ≤ 40 KB gzip in all
 *   progress the progress and review pages (`<progress-page`, `<review-page`)  ≤ 40 KB gzip in all
 *   assignment  an assignment page (`<assignment-page`)  ≤ 40 KB gzip in all, as a lesson: the learner's
 *            questions are fetched as data, and the text-code packer is imported only when asked for
 *   playground  the playground (`<scenario-playground`)      ≤ 150 KB gzip in all
 *   explain  the capture explainer (`<capture-explainer`)   ≤ 150 KB gzip in all, its worker included
 *   grader   the instructor's grader (`<grader-page`)       ≤ 80 KB gzip in all, its worker included
 *            (the submission schema, the CSV writer and both dictionaries for the report's words)
 *   plain    any other page: adds no JS of ours to the bare Starlight page
 *
 * A lesson page's HTML, uncompressed, is at most 162 KB (HTML_BUDGET): Lighthouse's mobile
 * performance score falls with a heavy document (lesson 9 at 176 KB scored 94). Lighthouse
 * simulates a slow link that fetches the stylesheet only once the whole document is in, so every
 * 30 KB of HTML costs about 150 ms of first paint; an exercise's first stage is fetched after load
 * for that reason (/exercise-stage/), the player's stylesheet is inline, and its controls are made
 * in the browser. A lesson links one stylesheet, no more: each blocks first paint.
 *
 * The bare Starlight page is the home page, /en/. Starlight's doc pages (sidebar, table of
 * contents) carry a few scripts more than that splash page, so a plain page may add JS only
 * where it is Starlight's own: a script of a Starlight component (Astro names the file after
 * it) or one whose string literals all occur in Starlight's source. Anything else is ours.
 *
 * Usage: `node scripts/check-budgets.ts [DIST]` after the build (default dist/); set
 * BASE_PATH as for the build when it was built for a sub-folder.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { normalizeBase } from '../src/integrations/base-links.ts';

const KB = 1024;
const BUDGETS = {
  lesson: 40 * KB,
  practice: 40 * KB,
  progress: 40 * KB,
  assignment: 40 * KB,
  playground: 150 * KB,
  explain: 150 * KB,
  grader: 80 * KB,
} as const;
// The heaviest lesson's HTML. Lighthouse's simulated mobile load fetches a page in round trips of
// 150 ms that carry about 30 KB each once the connection is up to speed; from 162.5 KB (166,500 bytes
// with the response headers) the HTML needs one more, and first paint moves 150 ms later. At 157 KB
// (zh-cn lesson 10) and with one stylesheet and one widget script before first paint, it scores 98
// served uncompressed (median of 3), from 94 at 216 KB. The budget keeps it under that step.
const HTML_BUDGET = 162 * KB;
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = process.argv[2] ?? join(root, 'dist');
const base = normalizeBase(process.env['BASE_PATH']);
const SITE = 'http://site.invalid';

type Kind =
  'baseline' | 'lesson' | 'practice' | 'progress' | 'assignment' | 'playground' | 'explain' | 'grader' | 'plain';

interface Script {
  /** `_astro/x.js` for a file, `inline <hash>` for an inline script. */
  name: string;
  text: string;
  gzip: number;
  /** The page's scripts that import this one; empty when the page itself loads it. */
  importedBy: Set<string>;
}

interface Page {
  path: string;
  kind: Kind;
  scripts: Map<string, Script>;
  /** Bytes of the HTML file itself, uncompressed. */
  htmlBytes: number;
  /** The stylesheets the HTML links (`<link rel="stylesheet">`), each one blocking first paint. */
  stylesheets: number;
}

const problems: string[] = [];
const gzipCache = new Map<string, number>();

function gzipSize(text: string): number {
  let size = gzipCache.get(text);
  if (size === undefined) gzipCache.set(text, (size = gzipSync(text).length));
  return size;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'pagefind' ? [] : htmlFiles(path);
      return name.endsWith('.html') ? [path] : [];
    });
}

/** The URL path a built file is served at: `dist/en/index.html` → `/en/`. */
function urlPathOf(file: string): string {
  const path = relative(dist, file).split(sep).join('/');
  return base + path.replace(/(^|\/)index\.html$/, '$1');
}

/** The file behind a same-origin URL, or null (with a problem recorded) when there is none. */
function fileFor(spec: string, from: string, owner: string): string | null {
  const url = new URL(spec, SITE + from);
  if (url.origin !== SITE) {
    problems.push(`${owner}: loads JavaScript from another origin: ${spec}`);
    return null;
  }
  if (!url.pathname.startsWith(base)) {
    problems.push(`${owner}: ${spec} is outside the base path ${base} (set BASE_PATH as for the build)`);
    return null;
  }
  const file = join(dist, decodeURIComponent(url.pathname.slice(base.length)));
  if (!existsSync(file)) {
    problems.push(`${owner}: ${spec} points at ${relative(dist, file)}, which the build did not produce`);
    return null;
  }
  return file;
}

/** Static `import … from "x"`, `import "x"`, `export … from "x"`; dynamic import() is not initial JS. */
const STATIC_IMPORT = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?(["'`])([^"'`\n]+?)\1/g;

/** `new Worker(new URL("…", import.meta.url))`, as Vite emits for a worker module. */
const WORKER = /new\s+(?:Shared)?Worker\(\s*new\s+URL\(\s*(["'`])([^"'`\n]+?)\1/g;

/**
 * The widget loader (Widgets.astro's script) imports the widgets dynamically, but every one the
 * page has as soon as it has loaded, so they count as initial JS: all of them, an upper bound.
 */
const WIDGET_LOADER = /(?:^|\/)Widgets\.astro_astro_type_script_/;
const DYNAMIC_IMPORT = /\bimport\(\s*(["'`])([^"'`\n]+?)\1\s*\)/g;

function importsOf(text: string, importer: string): string[] {
  const dynamic = WIDGET_LOADER.test(importer) ? [...text.matchAll(DYNAMIC_IMPORT)] : [];
  return [...text.matchAll(STATIC_IMPORT), ...text.matchAll(WORKER), ...dynamic]
    .map((m) => m[2] ?? '')
    .filter((spec) => /^(\.{1,2}\/|\/)/.test(spec));
}

function addFile(file: string, owner: string, scripts: Map<string, Script>, importer?: string): void {
  const name = relative(dist, file).split(sep).join('/');
  const known = scripts.get(name);
  if (known !== undefined) {
    if (importer !== undefined) known.importedBy.add(importer);
    return;
  }
  const text = readFileSync(file, 'utf8');
  scripts.set(name, {
    name,
    text,
    gzip: gzipSize(text),
    importedBy: new Set(importer === undefined ? [] : [importer]),
  });
  followImports(text, urlPathOf(file), owner, scripts, name);
}

function followImports(
  text: string,
  from: string,
  owner: string,
  scripts: Map<string, Script>,
  importer: string,
): void {
  for (const spec of importsOf(text, importer)) {
    const file = fileFor(spec, from, owner);
    if (file !== null) addFile(file, owner, scripts, importer);
  }
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m === null ? undefined : (m[1] ?? m[2] ?? m[3] ?? '');
}

function pageJs(file: string): Page {
  const html = readFileSync(file, 'utf8');
  const path = urlPathOf(file);
  const scripts = new Map<string, Script>();
  for (const [, attrs = '', body = ''] of html.matchAll(SCRIPT)) {
    const type = (attribute(attrs, 'type') ?? '').trim().toLowerCase();
    if (!JS_TYPES.has(type)) continue;
    const src = attribute(attrs, 'src');
    if (src !== undefined) {
      const target = fileFor(src, path, path);
      if (target !== null) addFile(target, path, scripts);
      continue;
    }
    if (body.trim() === '') continue;
    const name = `inline ${createHash('sha256').update(body).digest('hex').slice(0, 8)}`;
    scripts.set(name, { name, text: body, gzip: gzipSize(body), importedBy: new Set() });
    if (type === 'module') followImports(body, path, path, scripts, name);
  }
  const kind: Kind = path === `${base}en/` ? 'baseline' : kindOf(html, path);
  const stylesheets = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].length;
  return { path, kind, scripts, htmlBytes: Buffer.byteLength(html), stylesheets };
}

/** A page's type, by the first custom element (or page shape) it carries, in this order. */
const KINDS: readonly [Kind, (html: string, path: string) => boolean][] = [
  ['playground', (html) => html.includes('<scenario-playground')],
  ['explain', (html) => html.includes('<capture-explainer')],
  ['grader', (html) => html.includes('<grader-page')],
  ['lesson', (html) => html.includes('<scenario-player')],
  ['lesson', (html, path) => html.includes('<exercise-set') && path.includes('/lessons/')],
  ['practice', (html) => html.includes('<exercise-set')],
  ['progress', (html) => html.includes('<progress-page') || html.includes('<review-page')],
  ['assignment', (html) => html.includes('<assignment-page')],
];

function kindOf(html: string, path: string): Kind {
  return KINDS.find(([, test]) => test(html, path))?.[0] ?? 'plain';
}

/**
 * Everything Starlight ships as source, to recognise its scripts in the build: its own package
 * and Expressive Code, the code-block component it renders every fenced code block with (its
 * copy button script comes with any page that shows code).
 */
function starlightSource(): Starlight {
  const dirs = [
    join(root, 'node_modules', '@astrojs', 'starlight'),
    join(root, 'node_modules', '@expressive-code'),
    join(root, 'node_modules', 'astro-expressive-code'),
  ].filter((d) => existsSync(d));
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => {
      const p = join(d, n);
      return statSync(p).isDirectory()
        ? n === 'node_modules'
          ? []
          : walk(p)
        : /\.(astro|[cm]?[jt]s)$/.test(n)
          ? [p]
          : [];
    });
  const files = dirs.flatMap((d) => walk(d));
  const components = new Set(
    files.filter((f) => f.endsWith('.astro')).map((f) => f.slice(f.lastIndexOf(sep) + 1, -'.astro'.length)),
  );
  return { text: files.map((f) => readFileSync(f, 'utf8')).join('\n'), components };
}

/** String literals that say what a script is about (selectors, element names, keys), imports left out. */
function literals(text: string): string[] {
  const code = text.replace(STATIC_IMPORT, '');
  return [...code.matchAll(/(["'`])((?:(?!\1)[^\\\n])*)\1/g)]
    .map((m) => m[2] ?? '')
    .filter((s) => s.length >= 4 && /[a-z]{3}/i.test(s) && !s.includes('${'));
}

type Starlight = { text: string; components: Set<string> };

/** Starlight's: a Starlight component's script, a file only Starlight's scripts import, or Starlight's words throughout. */
function isStarlights(
  script: Script,
  scripts: Map<string, Script>,
  starlight: Starlight,
  seen = new Set<string>(),
): boolean {
  if (seen.has(script.name)) return true; // an import cycle: decided by the rest of the chain
  seen.add(script.name);
  const component = /(?:^|\/)([\w-]+)\.astro_astro_type_script_index_\d+_lang\.[\w-]+\.js$/.exec(script.name)?.[1];
  if (component !== undefined) return starlight.components.has(component);
  const importers = [...script.importedBy].map((name) => scripts.get(name)).filter((s) => s !== undefined);
  if (importers.length > 0) return importers.every((s) => isStarlights(s, scripts, starlight, seen));
  const found = literals(script.text);
  return found.length > 0 && found.every((s) => starlight.text.includes(s));
}

function total(scripts: Iterable<Script>): number {
  let sum = 0;
  for (const s of scripts) sum += s.gzip;
  return sum;
}

const kb = (bytes: number): string => (bytes / KB).toFixed(1);

function check(): void {
  if (!existsSync(dist)) throw new Error(`${dist} is missing: build the site first (npm run build)`);
  const pages = htmlFiles(dist).map(pageJs);
  const home = pages.find((p) => p.kind === 'baseline');
  if (home === undefined) throw new Error(`no home page at ${base}en/ in ${dist}: it is the baseline`);
  const starlight = starlightSource();
  const rows: string[][] = [];
  for (const page of pages) {
    const all = total(page.scripts.values());
    const extra = [...page.scripts.values()].filter((s) => !home.scripts.has(s.name));
    const budget = page.kind === 'baseline' || page.kind === 'plain' ? null : BUDGETS[page.kind];
    let verdict = 'ok';
    if (budget !== null && all > budget) {
      verdict = 'OVER';
      problems.push(
        `${page.path}: ${page.kind} page ships ${kb(all)} KB gzip of JS, over its budget of ${kb(budget)} KB`,
      );
    }
    if (page.kind === 'lesson' && page.htmlBytes > HTML_BUDGET) {
      verdict = 'HTML OVER';
      problems.push(`${page.path}: ${kb(page.htmlBytes)} KB of HTML, over the lesson budget of ${kb(HTML_BUDGET)} KB`);
    }
    // A second stylesheet shares the slow link with the first before anything is painted (an
    // Expressive Code block brings one: lessons write their few lines of code as <pre class="snippet">).
    if (page.kind === 'lesson' && page.stylesheets !== 1) {
      verdict = 'CSS';
      problems.push(`${page.path}: links ${page.stylesheets} stylesheets; a lesson links one, the site's own`);
    }
    if (page.kind === 'plain') {
      const ours = extra.filter((s) => !isStarlights(s, page.scripts, starlight));
      if (ours.length > 0) {
        verdict = 'ADDS JS';
        problems.push(
          `${page.path}: a page without scenarios adds ${kb(total(ours))} KB gzip of JS to the bare Starlight page: ${ours.map((s) => s.name).join(', ')}`,
        );
      }
    }
    rows.push([
      page.path,
      page.kind,
      kb(all),
      kb(total(extra)),
      budget === null ? (page.kind === 'plain' ? 'adds none' : '—') : `≤ ${kb(budget)}`,
      verdict,
    ]);
  }
  printTable(['page', 'type', 'KB gzip', `over ${base}en/`, 'budget', 'result'], rows);
  printSummary(pages, home);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, k) => (k >= 2 && k <= 3 ? c.padStart(widths[k] ?? 0) : c.padEnd(widths[k] ?? 0)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

function printSummary(pages: Page[], home: Page): void {
  console.log(`\nbaseline ${home.path}: ${kb(total(home.scripts.values()))} KB gzip in ${home.scripts.size} scripts`);
  for (const kind of [
    'lesson',
    'practice',
    'progress',
    'assignment',
    'playground',
    'explain',
    'grader',
    'plain',
  ] as const) {
    const sizes = pages.filter((p) => p.kind === kind).map((p) => total(p.scripts.values()));
    if (sizes.length === 0) continue;
    console.log(`${kind}: ${sizes.length} pages, ${kb(Math.min(...sizes))}–${kb(Math.max(...sizes))} KB gzip`);
  }
  const lessons = pages.filter((p) => p.kind === 'lesson');
  const heaviest = lessons.reduce<Page | undefined>((a, p) => (a && a.htmlBytes >= p.htmlBytes ? a : p), undefined);
  if (heaviest)
    console.log(`heaviest lesson HTML: ${heaviest.path} ${kb(heaviest.htmlBytes)} KB (budget ${kb(HTML_BUDGET)} KB)`);
}

try {
  check();
} catch (error) {
  problems.push(error instanceof Error ? error.message : String(error));
}
if (problems.length > 0) {
  console.error(`\ncheck-budgets: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exitCode = 1;
} else {
  console.log('\ncheck-budgets: every page is within its JavaScript budget');
}
