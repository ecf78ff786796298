/**
 * Budget (DESIGN.md "Budgets"): simulating one lesson scenario takes under 0.5 ms at the
 * median. Run with `npm run bench`; the medians are printed and checked against the budget.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { simulate } from '../../src/model/index.ts';
import type { ProfileName, Scenario } from '../../src/model/index.ts';
import { parseScenario } from '../../src/scenario/parse.ts';

const BUDGET_MS = 0.5;
const dir = new URL('../../exercises/scenarios/', import.meta.url);
const scenarios: Scenario[] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => {
    const parsed = parseScenario(readFileSync(new URL(f, dir), 'utf8'), f);
    if (!parsed.ok) throw new Error(`${f}: ${parsed.errors.map((e) => e.message).join('; ')}`);
    return parsed.scenario;
  });

const medians: string[] = [];
afterAll(() => {
  console.log(`\nmedian per scenario (budget ${BUDGET_MS} ms)\n${medians.join('\n')}`);
});

for (const profile of ['linux', 'rfc9293'] as ProfileName[]) {
  describe(`simulate (${profile})`, () => {
    for (const scenario of scenarios) {
      test(scenario.id, async ({ bench }) => {
        const result = await bench(scenario.id, () => {
          simulate(scenario, { profile });
        }).run();
        const p50 = result.latency.p50;
        medians.push(`${profile.padEnd(8)} ${scenario.id.padEnd(34)} ${p50.toFixed(3)} ms`);
        expect(p50).toBeLessThan(BUDGET_MS);
      });
    }
  });
}
