/**
 * Budget: the playground parses the scenario on every edit, so a typical 20-step file and the
 * longest scenario in exercises/scenarios/ each parse in under 5 ms at the median (a third of a
 * 60 Hz frame). Run with `npm run bench`; the medians are printed and checked against the budget.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import { formatError, parseScenario } from '../../src/scenario/parse.ts';

const BUDGET_MS = 5;

const STEPS = [
  'server: listen 80',
  'client: connect server:80 timeout 3s',
  'server: accept',
  'client: send 100',
  'server: recv',
  'server.80#1: send 50',
  'client: recv 50',
  'network: delay 100ms',
  'client: keepalive 10s 5s 3',
  'wait: 2s',
  'network: partition',
  'client: send 10',
  'wait: 30s',
  'network: heal',
  'network: drop next server->client ACK',
  'client: shutdown write',
  'server: close',
  'network: inject client->server:80 RST seq in-window',
  'server: crash',
  'server: reboot',
];
const TWENTY_STEPS = `id: bench
title: { en: Twenty steps, zh-CN: 二十步 }
hosts: [client, server]
tune: { rto: 200ms, retries2: 3 }
steps:
${STEPS.map((step, i) => `  - ${step}${i % 5 === 0 ? `\n    label: s${i}` : ''}  # step ${i + 1}`).join('\n')}
`;

const dir = new URL('../../exercises/scenarios/', import.meta.url);
const [longest] = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((file) => ({ file, text: readFileSync(new URL(file, dir), 'utf8') }))
  .sort((a, b) => b.text.length - a.text.length);

const medians: string[] = [];
afterAll(() => {
  console.log(`\nparse, median (budget ${BUDGET_MS} ms)\n${medians.join('\n')}`);
});

const cases = [
  { name: `${STEPS.length} steps, labels and comments`, file: 'bench.yaml', text: TWENTY_STEPS },
  ...(longest === undefined ? [] : [{ name: `longest scenario (${longest.file})`, ...longest }]),
];

for (const { name, file, text } of cases) {
  test(`parseScenario: ${name}`, async ({ bench }) => {
    const parsed = parseScenario(text, file);
    if (!parsed.ok) throw new Error(parsed.errors.map(formatError).join('\n'));
    const result = await bench(name, () => {
      parseScenario(text, file);
    }).run();
    const p50 = result.latency.p50;
    medians.push(`${name.padEnd(50)} ${p50.toFixed(3)} ms (${text.length} characters)`);
    expect(p50).toBeLessThan(BUDGET_MS);
  });
}
