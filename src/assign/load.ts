/** The Node edge of src/assign: read an assignment file and the model's sources from disk. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Course } from '../exercises/course.ts';
import { buildKey, type AnswerKey } from './key.ts';
import { modelVersion } from './model-version.ts';
import { parseAssignment, type Assignment } from './parse.ts';
import { formatError } from '../scenario/parse.ts';

export async function readModelVersion(root: string): Promise<string> {
  const dir = join(root, 'src', 'model');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const e of entries.filter((x) => x.isFile() && x.name.endsWith('.ts'))) {
    const path = join(e.parentPath, e.name);
    files[relative(root, path)] = await readFile(path, 'utf8');
  }
  return modelVersion(files);
}

/** Every assignment file's text, by path relative to `root`. */
export async function readAssignmentFiles(root: string): Promise<Record<string, string>> {
  const dir = join(root, 'exercises', 'assignments');
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: Record<string, string> = {};
  for (const n of names.filter((x) => /\.ya?ml$/.test(x)).sort())
    out[`exercises/assignments/${n}`] = await readFile(join(dir, n), 'utf8');
  return out;
}

export type LoadedAssignment = { ok: true; assignment: Assignment; key: AnswerKey } | { ok: false; errors: string[] };

/** The assignment with this id and its answer key, or why there is none. */
export async function loadAssignment(root: string, course: Course, id: string): Promise<LoadedAssignment> {
  const files = await readAssignmentFiles(root);
  const known: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseAssignment(text, file, course.exercises);
    if (!parsed.ok) {
      if (file.endsWith(`/${id}.yaml`) || file.endsWith(`/${id}.yml`))
        return { ok: false, errors: parsed.errors.map(formatError) };
      continue;
    }
    known.push(parsed.assignment.id);
    if (parsed.assignment.id === id) {
      return {
        ok: true,
        assignment: parsed.assignment,
        key: buildKey(parsed.assignment, course.exercises, await readModelVersion(root)),
      };
    }
  }
  return {
    ok: false,
    errors: [`no assignment '${id}' in exercises/assignments/ (known: ${known.join(', ') || 'none'})`],
  };
}
