/** The Node edge of `npm run check`: which YAML files the arguments name, and their texts. */
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { readScenarioText } from '../scenario/load.ts';
import type { Source } from './index.ts';

const YAML = /\.ya?ml$/;

/**
 * Every YAML file the paths name (a directory: every YAML file below it, sorted), read.
 * A path that does not exist, a file that is not YAML or a folder without any is a usage error.
 */
export async function collectSources(
  paths: readonly string[],
  exercisesDir: string,
  cwd: string,
): Promise<{ ok: true; sources: Source[] } | { ok: false; message: string }> {
  const files: string[] = [];
  for (const path of paths) {
    const absolute = resolve(cwd, path);
    const info = await stat(absolute).catch(() => null);
    if (info === null) return { ok: false, message: `'${path}': no such file or directory` };
    if (info.isDirectory()) {
      const found = await yamlFilesUnder(absolute);
      if (found.length === 0) return { ok: false, message: `'${path}' holds no YAML files` };
      files.push(...found);
    } else if (YAML.test(absolute)) files.push(absolute);
    else return { ok: false, message: `'${path}' is not a YAML file (.yaml or .yml) or a directory` };
  }
  const unique = [...new Set(files)];
  return { ok: true, sources: await Promise.all(unique.map((f) => readSource(f, exercisesDir, cwd))) };
}

async function yamlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && YAML.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function readSource(absolute: string, exercisesDir: string, cwd: string): Promise<Source> {
  const shown = relative(cwd, absolute);
  const file = shown.startsWith('..') || isAbsolute(shown) ? absolute : shown;
  const inside = relative(exercisesDir, absolute);
  const underExercises = inside.startsWith('..') || isAbsolute(inside) ? null : inside.split(sep).join('/');
  const read = await readScenarioText(absolute);
  return read.ok ? { file, underExercises, text: read.text } : { file, underExercises, unreadable: read.message };
}
