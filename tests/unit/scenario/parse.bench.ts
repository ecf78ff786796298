import { expect, test } from 'vitest';
import { parseScenario } from '../../../src/scenario/parse.ts';

/** Budget: a typical 20-step scenario parses in well under 5 ms (the playground parses on every edit). */
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
const TEXT = `id: bench
title: { en: Twenty steps, zh-CN: 二十步 }
hosts: [client, server]
tune: { rto: 200ms, retries2: 3 }
steps:
${STEPS.map((step, i) => `  - ${step}${i % 5 === 0 ? `\n    label: s${i}` : ''}  # step ${i + 1}`).join('\n')}
`;

test('parseScenario reads a typical 20-step file in well under 5 ms', async ({ bench }) => {
  const result = await bench('parse 20 steps', () => {
    if (!parseScenario(TEXT, 'bench.yaml').ok) throw new Error('bench scenario must parse');
  }).run();
  expect(result.latency.mean).toBeLessThan(5);
});
