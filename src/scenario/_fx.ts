import { readdirSync, readFileSync } from 'node:fs';
import { parseScenario, formatError } from './parse.ts';
const dir = 'tests/fixtures/scenarios-bad/';
for (const f of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
  const r = parseScenario(readFileSync(dir + f, 'utf8'), f);
  console.log(r.ok ? `${f}: OK?!` : r.errors.map(formatError).join('\n'));
}
