/**
 * Checks that both languages are first-class (STYLE.md, principle 9): what exists in one
 * locale exists in the other. Each returns problems as lines that name the file or key, so
 * the same functions check the repository and, in the tests, planted mistakes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { locales } from '../../src/integrations/content-layout.ts';
import { formatError, parseScenario } from '../../src/scenario/parse.ts';

/** Content folders and URLs use Starlight's lowercase locale names. */
export const LOCALES = Object.keys(locales);
/** Top-level pages (content/<name>/<locale>.mdx) that may exist, but then in every locale. */
export const PAGES = ['home', 'about', 'playground', 'explain', 'lessons-index', 'instructor-grade'];

const PAGE_FILE = /^[^_].*\.mdx?$/;

function pageFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => PAGE_FILE.test(name))
        .sort()
    : [];
}

/** The frontmatter's fields, or a problem when there is none or it is not YAML. */
export function frontmatter(text: string): Record<string, unknown> | string {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\s*(\r?\n|$)/.exec(text);
  if (match === null) return 'has no frontmatter (--- … --- at the top)';
  try {
    const data: unknown = parse(match[1] ?? '');
    return data !== null && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : 'frontmatter is not a mapping';
  } catch (error) {
    return `frontmatter is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

function fieldProblems(file: string, path: string, fields: readonly string[]): string[] {
  const data = frontmatter(readFileSync(path, 'utf8'));
  if (typeof data === 'string') return [`${file}: ${data}`];
  return fields
    .filter((field) => typeof data[field] !== 'string' || data[field].trim() === '')
    .map((field) => `${file}: frontmatter has no ${field}`);
}

/** (a) Every lesson in every locale, each with a title and a description. */
export function lessonProblems(root: string): string[] {
  const names = new Map(LOCALES.map((locale) => [locale, pageFiles(join(root, 'content', 'lessons', locale))]));
  const all = [...new Set([...names.values()].flat())].sort();
  const problems: string[] = [];
  for (const name of all) {
    const have = LOCALES.filter((locale) => names.get(locale)?.includes(name));
    for (const locale of LOCALES.filter((l) => !have.includes(l))) {
      problems.push(
        `content/lessons/${locale}/${name} is missing: the lesson exists only in ${have.map((l) => `content/lessons/${l}/`).join(', ')}`,
      );
    }
    for (const locale of have) {
      const file = `content/lessons/${locale}/${name}`;
      problems.push(...fieldProblems(file, join(root, file), ['title', 'description']));
    }
  }
  return problems;
}

const placeholders = (text: string): string =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(', ');

/** (b) The same UI string keys in every dictionary, none empty, with the same {placeholders}. */
export function dictionaryProblems(dictionaries: Readonly<Record<string, Record<string, unknown>>>): string[] {
  const files = Object.keys(dictionaries);
  const keys = [...new Set(files.flatMap((file) => Object.keys(dictionaries[file] ?? {})))].sort();
  const problems: string[] = [];
  for (const key of keys) {
    const values = files.map((file) => [file, dictionaries[file]?.[key]] as const);
    const present = values.filter(([, value]) => value !== undefined).map(([file]) => file);
    for (const [file, value] of values) {
      if (value === undefined) problems.push(`${file}: key '${key}' is missing (it is in ${present.join(', ')})`);
      else if (typeof value !== 'string' || value.trim() === '') problems.push(`${file}: key '${key}' is empty`);
    }
    const shapes = new Set(values.map(([, value]) => (typeof value === 'string' ? placeholders(value) : '')));
    if (present.length === files.length && shapes.size > 1) {
      problems.push(
        `key '${key}' has different {placeholders} in ${files.join(' and ')}: ${[...shapes].map((s) => `[${s}]`).join(' vs ')}`,
      );
    }
  }
  return problems;
}

/**
 * (b′) The rule catalogue's prose: a sentence under `reason.<id>` for every reason id in every
 * dictionary, and no `reason.` key that names no reason (a renamed id would leave it behind).
 */
export function reasonProblems(
  dictionaries: Readonly<Record<string, Record<string, unknown>>>,
  reasons: readonly string[],
): string[] {
  return Object.entries(dictionaries).flatMap(([file, dictionary]) => [
    ...reasons
      .filter((reason) => typeof dictionary[`reason.${reason}`] !== 'string')
      .map((reason) => `${file}: no sentence for reason '${reason}' (key 'reason.${reason}')`),
    ...Object.keys(dictionary)
      .filter((key) => key.startsWith('reason.') && !reasons.includes(key.slice('reason.'.length)))
      .map((key) => `${file}: key '${key}' names no reason id`),
  ]);
}

/** (b″) Every belief's words: `belief.<id>.as-if` and `.fact` in every dictionary, and no key for an unknown belief. */
export function beliefProblems(
  dictionaries: Readonly<Record<string, Record<string, unknown>>>,
  beliefs: readonly string[],
): string[] {
  const keys = beliefs.flatMap((b) => [`belief.${b}.name`, `belief.${b}.as-if`, `belief.${b}.fact`]);
  return Object.entries(dictionaries).flatMap(([file, dictionary]) => [
    ...keys.filter((key) => typeof dictionary[key] !== 'string').map((key) => `${file}: no '${key}'`),
    ...Object.keys(dictionary)
      .filter((key) => key.startsWith('belief.') && !keys.includes(key))
      .map((key) => `${file}: key '${key}' names no belief`),
  ]);
}

/** (c) Every scenario parses and has a title in English and in Chinese. */
export function scenarioProblems(root: string): string[] {
  const dir = join(root, 'exercises', 'scenarios');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
    : [];
  return files.flatMap((name) => {
    const file = `exercises/scenarios/${name}`;
    const parsed = parseScenario(readFileSync(join(dir, name), 'utf8'), file);
    if (!parsed.ok) return parsed.errors.map(formatError);
    const title = parsed.scenario.title;
    return (['en', 'zh-CN'] as const)
      .filter((lang) => (title?.[lang] ?? '').trim() === '')
      .map((lang) => `${file}: no title in ${lang} (title: { en: …, zh-CN: … })`);
  });
}

/** (d) The home, about, playground and explain pages in every locale or in none, each with a title. */
export function pageProblems(root: string): string[] {
  return PAGES.flatMap((page) => {
    const files = pageFiles(join(root, 'content', page));
    const present = LOCALES.filter((locale) => files.some((f) => f.replace(/\.mdx?$/, '') === locale));
    if (present.length === 0) return [];
    return LOCALES.flatMap((locale) => {
      const name = files.find((f) => f.replace(/\.mdx?$/, '') === locale);
      if (name === undefined)
        return [
          `content/${page}/${locale}.mdx is missing: the ${page} page exists only in ${present.map((l) => `content/${page}/${l}.mdx`).join(', ')}`,
        ];
      return fieldProblems(`content/${page}/${name}`, join(root, 'content', page, name), ['title']);
    });
  });
}
