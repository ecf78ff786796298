/**
 * npm run schema [-- --check]: writes public/schema/scenario.json from the Zod schema;
 * with --check, changes nothing and exits 1 when the file on disk is out of date.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../scenario/json-schema.ts';

const target = fileURLToPath(new URL('../../public/schema/scenario.json', import.meta.url));
const shown = 'public/schema/scenario.json';

async function main(args: readonly string[]): Promise<number> {
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`schema: unknown argument '${unknown[0] ?? ''}'\nusage: npm run schema [-- --check]\n`);
    return 2;
  }
  const text = scenarioJsonSchemaText();
  if (args.includes('--check')) {
    const current = await readFile(target, 'utf8').catch(() => null);
    if (current === text) return 0;
    process.stderr.write(`${shown} is ${current === null ? 'missing' : 'out of date'}: run npm run schema\n`);
    return 1;
  }
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, text);
  process.stdout.write(`wrote ${shown}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
