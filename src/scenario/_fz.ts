import { parseScenario, formatError } from './parse.ts';
const samples = [
  '', ' ', '\t', '---\n---\n', '%YAML 1.1\n---\nid: x', ':', '- - -', '{', '"', "'", '&a *a', '*a', '!!binary x',
  '? [a, b]\n: c', 'id: x\nhosts: [a, b]\nsteps: [{ a: "" }]', 'id: x\nhosts: [a, b]\nsteps: [{}]',
  'id: x\nhosts: [a, b]\nsteps: [{ network: "" }]', 'id: x\nhosts: [a, b]\nsteps: [{ wait: null }]',
  'id: x\nhosts: [a, b]\nsteps: [{ a.: close }]', 'id: x\nhosts: [a, b]\nsteps: [{ "a.80#1.x": close }]',
  '\u0000\u0001\u0002', '\uFEFF', 'id: x\nhosts: [a, b]\nsteps:\n  - a: connect :80\n  - a: connect b:\n  - a: connect b:x',
  'id: x\nhosts: [a, b]\nsteps:\n  - a: listen\n  - a: listen 80 backlog\n  - a: listen 80 as 9x\n  - a: send\n  - a: recv 0\n  - a: shutdown\n  - a: keepalive 1s\n  - a: linger 5\n  - a: Connect b:80\n  - a: connect b:80 from 80 from 81',
  'id: x\nhosts: [a, b]\nsteps:\n  - network: drop\n  - network: drop b->a\n  - network: drop next a->c\n  - network: drop next a-b\n  - network: partition a\n  - network: partition a a\n  - network: delay\n  - network: inject a->b\n  - network: inject a->b:99999 RST\n  - network: inject a->b RST seq maybe\n  - network: inject a->b RST+RST\n  - network: inject a->b SYN+ len -1\n  - network: heal a b c',
  'id: x\nhosts: [a, b]\nsteps: [{ wait: 5 }, { wait: -1s }, { wait: 0.5us }, { wait: 25h }, {wait: 1.5 s}]',
  'id: x\nhosts: [a, b]\nsteps: [{ wait: 1s, label: 1 }, { wait: 1s, label: "x y" }, { wait: 1s, lable: x }]',
];
for (const text of samples) {
  const r = parseScenario(text, 'f.yaml');
  console.log('###', JSON.stringify(text.slice(0, 40)));
  console.log(r.ok ? 'OK' : r.errors.map(formatError).join('\n'));
}
