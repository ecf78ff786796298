import { parseScenario } from './parse.ts';
const steps = [
  'server: listen 80', 'client: connect server:80 timeout 3s', 'server: accept', 'client: send 100',
  'server: recv', 'server.80#1: send 50', 'client: recv 50', 'network: delay 100ms', 'client: keepalive 10s 5s 3',
  'wait: 2s', 'network: partition', 'client: send 10', 'wait: 30s', 'network: heal', 'network: drop next server->client ACK',
  'client: shutdown write', 'server: close', 'network: inject client->server:80 RST seq in-window', 'server: crash', 'server: reboot',
];
const text = `id: bench\ntitle: { en: Bench, zh-CN: 基准 }\nhosts: [client, server]\ntune: { rto: 200ms, retries2: 3 }\nsteps:\n` +
  steps.map((s, i) => `  - ${s.replace(': ', ': ')}${i % 5 === 0 ? `\n    label: l${i}` : ''}  # step ${i}`).join('\n') + '\n';
for (let i = 0; i < 200; i++) parseScenario(text, 'b.yaml');
const n = 2000; const t = performance.now();
for (let i = 0; i < n; i++) { const r = parseScenario(text, 'b.yaml'); if (!r.ok) throw new Error(JSON.stringify(r.errors)); }
console.log(((performance.now() - t) / n).toFixed(3), 'ms per parse');
const deep = '['.repeat(262000); let t2 = performance.now(); console.log(parseScenario(deep, 'd').ok, (performance.now()-t2).toFixed(0), 'ms deep');
