/**
 * npm run schema [-- --check]: writes public/schema/scenario.json, exercise.json and assignment.json from the
 * Zod schemas; with --check, changes nothing and exits 1 when a file on disk is out of date.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exerciseJsonSchemaText } from '../exercises/json-schema.ts';
import { scenarioJsonSchemaText } from '../scenario/json-schema.ts';
import { assignmentJsonSchemaText } from '../assign/schema.ts';

const SCHEMAS = [
  { shown: 'public/schema/scenario.json', text: scenarioJsonSchemaText },
  { shown: 'public/schema/exercise.json', text: exerciseJsonSchemaText },
  { shown: 'public/schema/assignment.json', text: assignmentJsonSchemaText },
];

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`schema: unknown argument '${unknown[0] ?? ''}'\nusage: npm run schema [-- --check]\n`);
    return 2;
  }
  let stale = 0;
  for (const { shown, text: make } of SCHEMAS) {
    const target = fileURLToPath(new URL(`../../${shown}`, import.meta.url));
    const text = make();
    if (args.includes('--check')) {
      const current = await readFile(target, 'utf8').catch(() => null);
      if (current === text) continue;
      process.stderr.write(`${shown} is ${current === null ? 'missing' : 'out of date'}: run npm run schema\n`);
      stale++;
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, text);
    process.stdout.write(`wrote ${shown}\n`);
  }
  return stale > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
