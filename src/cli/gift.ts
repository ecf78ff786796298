/**
 * npm run gift -- --assignment ID (--learner NAME | --seed N) [--lang en|zh-CN] [--out FILE]
 *
 * Writes a Moodle GIFT file of the assignment in a learner's variants (the same pick as the
 * assignment page) or in pool entry N of every exercise: question text, choices, the model's
 * answer marked right. Exit codes: 0 written, 2 bad usage or unknown assignment, 70 internal error.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { assignmentGift, type GiftPick } from '../assign/gift.ts';
import { loadAssignment } from '../assign/load.ts';
import { loadCourse } from '../exercises/load.ts';
import type { Lang } from '../i18n/index.ts';
import { readArgs, runMain } from './run.ts';

const NAME = 'gift';
const USAGE = 'usage: npm run gift -- --assignment ID (--learner NAME | --seed N) [--lang en|zh-CN] [--out FILE]';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VALUE_OPTIONS = ['--assignment', '--learner', '--seed', '--lang', '--out'] as const;
const LANGS: readonly Lang[] = ['en', 'zh-CN'];

function usageError(message: string): number {
  process.stderr.write(`${NAME}: ${message}\n${USAGE}\n`);
  return 2;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const read = readArgs(args, VALUE_OPTIONS);
  if (typeof read === 'string') return usageError(read);
  const { options, paths } = read;
  if (paths.length > 0) return usageError(`unknown argument '${paths[0] ?? ''}'`);
  const id = options.get('--assignment');
  if (id === undefined) return usageError('--assignment ID is required');
  const learner = options.get('--learner');
  const seedText = options.get('--seed');
  if ((learner === undefined) === (seedText === undefined)) return usageError('give either --learner NAME or --seed N');
  const langText = options.get('--lang') ?? 'en';
  const lang = LANGS.find((l) => l.toLowerCase() === langText.toLowerCase());
  if (lang === undefined) return usageError(`--lang must be en or zh-CN, not '${langText}'`);
  if (learner !== undefined && (learner.trim() === '' || learner.length > 200))
    return usageError('--learner must be a learner id of 1 to 200 characters, as in the link you sent');
  const course = await loadCourse(ROOT);
  const loaded = await loadAssignment(ROOT, course, id);
  if (!loaded.ok) {
    process.stderr.write(loaded.errors.map((e) => `${NAME}: ${e}\n`).join(''));
    return 2;
  }
  let pick: GiftPick;
  if (seedText !== undefined) {
    const pool = loaded.assignment.pool;
    const seed = /^\d+$/.test(seedText) ? Number(seedText) : -1;
    if (seed < 0 || seed >= pool)
      return usageError(`--seed must be a whole number from 0 to ${pool - 1} (the pool of '${id}'), not '${seedText}'`);
    pick = { seed };
  } else pick = { learner: learner ?? '' };
  const text = assignmentGift(loaded.key, course.exercises, pick, lang);
  const out = options.get('--out');
  if (out === undefined) process.stdout.write(text);
  else await writeFile(out, text);
  return 0;
}

await runMain(NAME, main);
