import { parseScenario, formatError } from './parse.ts';
const cases: Record<string, string> = {
ok: `id: crash-reboot
title: { en: Server crashes and reboots, zh-CN: 服务器主机崩溃后重启 }
profile: linux            # linux (default) | rfc9293
hosts: [client, server]   # two or more names
seed: 7
tune: { retries2: 3, keepalive: { idle: 10s } }
steps:
  - server: listen 80
  - client: connect server:80
  - client: send 100      # 100 bytes of data
  - server: crash
    label: crash
  - server: reboot
  - client: send 50
  - wait: 5s
  - network: drop next server->client SYN-ACK
  - network: inject client->server:80 rst+ack seq in-window
`,
bad: `id: Bad_Id
profle: bsd
profile: bsd
hosts: [client, sever, client]
tune: { rto: 5, foo: 1, keepalive: { idl: 1s } }
steps:
  - server: listen 80
  - client: conect server:80
  - wait: 5
`,
bad2: `id: x
hosts: [client, server]
steps:
  - server: listen 70000
  - client: connect sever:80
  - client: send -5
  - client: send 1.5
  - client: close now
  - clinet: close
  - netwrok: partition
  - client: connect server:80 timout 3s
  - server.80: crash
  - label: a
    wait: 1s
  - label: a
    client: recv
  - client: shutdown wirte
  - network: drop next client->client
  - network: inject client->server SNY
  - client: keepalive 10s 5 3
  - client: close
    server: close
  - label: z
`,
syntax: `id: x\nhosts: [a, b\nsteps: []\n`,
empty: `# nothing\n`,
seq: `- a\n- b\n`,
nosteps: `id: x\nhosts: [a, b]\n`,
emptysteps: `id: x\nhosts: [a, b]\nsteps: []\n`,
bomb: `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`,
deep: '['.repeat(100000),
dup: `id: x\nid: y\nhosts: [a,b]\nsteps: [{wait: 1s}]\n`,
};
for (const [name, text] of Object.entries(cases)) {
  const t = performance.now();
  const r = parseScenario(text, name + '.yaml');
  const ms = (performance.now() - t).toFixed(2);
  console.log(`--- ${name} (${ms} ms)`);
  if (r.ok) console.log(JSON.stringify(r.scenario, null, 1).slice(0, 3000));
  else for (const e of r.errors) console.log(formatError(e));
}
