/**
 * Scaling (DESIGN.md "Budgets": cost per segment flat as transfers grow): a 1 MB and a 10 MB
 * transfer, written in the scenario language as an application would do it — the client
 * writes a window's worth, the server reads it — and the time per segment of each.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { simulate } from '../../src/model/index.ts';
import type { Scenario } from '../../src/model/index.ts';
import { parseScenario } from '../../src/scenario/parse.ts';

const CHUNK = 65_535;

function transfer(bytes: number): Scenario {
  const rounds = Math.ceil(bytes / CHUNK);
  const steps = ['server: listen 5000', 'client: connect server:5000', 'server: accept'];
  for (let i = 0; i < rounds; i++) steps.push(`client: send ${Math.min(CHUNK, bytes - i * CHUNK)}`, 'server: recv');
  steps.push('client: close', 'server: close');
  const text = `id: transfer-${bytes}\nhosts: [client, server]\nsteps:\n${steps.map((s) => `  - ${s}`).join('\n')}\n`;
  const parsed = parseScenario(text, `transfer-${bytes}.yaml`);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '));
  return parsed.scenario;
}

const perSegment = new Map<number, number>();
afterAll(() => {
  const rows = [...perSegment].map(
    ([bytes, us]) => `${(bytes / 1e6).toFixed(0).padStart(3)} MB  ${us.toFixed(2)} µs/segment`,
  );
  console.log(`\ncost per segment\n${rows.join('\n')}`);
});

describe('a bulk transfer', () => {
  for (const bytes of [1_000_000, 10_000_000]) {
    const scenario = transfer(bytes);
    const segments = simulate(scenario).segments.length;
    test(`${bytes / 1e6} MB: ${segments} segments`, async ({ bench }) => {
      const run = () => {
        simulate(scenario);
      };
      const result = await bench(`${bytes / 1e6} MB`, run).run({ iterations: 10, time: 0, warmupIterations: 2 });
      perSegment.set(bytes, (result.latency.p50 * 1000) / segments);
      // The transfer completes: every byte is acknowledged and both sides close.
      expect(segments).toBeGreaterThan((bytes / 1448) * 1.9);
    });
  }
  test('the cost per segment stays flat from 1 MB to 10 MB (within 1.5×)', () => {
    const small = perSegment.get(1_000_000);
    const large = perSegment.get(10_000_000);
    expect(small).toBeDefined();
    expect(large).toBeDefined();
    expect((large ?? Infinity) / (small ?? 1)).toBeLessThan(1.5);
  });
});
