/** The Node edge of src/exercises: read exercises/ from disk into a Course (CLIs and tests). */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readCourse, type Course } from './course.ts';

const YAML = /\.ya?ml$/;
const LESSON_DIR = /^[0-9]{2}-[a-z0-9-]+$/;

async function texts(dir: string, root: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const out: Record<string, string> = {};
  for (const e of entries.filter((x) => x.isFile() && YAML.test(x.name))) {
    const path = join(e.parentPath, e.name);
    out[relative(root, path)] = await readFile(path, 'utf8');
  }
  return out;
}

/** Every scenario and exercise under `root`/exercises/, with paths relative to `root`. */
export async function loadCourse(root: string): Promise<Course> {
  const base = join(root, 'exercises');
  const lessons = (await readdir(base, { withFileTypes: true })).filter(
    (d) => d.isDirectory() && LESSON_DIR.test(d.name),
  );
  const exerciseFiles: Record<string, string> = {};
  for (const d of lessons) Object.assign(exerciseFiles, await texts(join(base, d.name), root));
  return readCourse(await texts(join(base, 'scenarios'), root), exerciseFiles);
}
