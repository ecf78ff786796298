import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatError, parseScenario } from '../../../src/scenario/parse.ts';

/** Contract 1 of DESIGN.md, copied verbatim: if the design's example stops parsing, one of them is wrong. */
const CRASH_REBOOT = `id: crash-reboot
title: { en: Server crashes and reboots, zh-CN: 服务器主机崩溃后重启 }
profile: linux            # linux (default) | rfc9293
hosts: [client, server]   # two or more names
seed: 7                   # optional: ISNs and ephemeral ports (default: from the id)
tune: { retries2: 3 }     # optional: shorter timers so a lesson stays short
steps:
  - server: listen 80
  - client: connect server:80
  - client: send 100      # 100 bytes of data
  - server: crash
    label: crash          # optional: exercises refer to steps by label or 1-based index
  - server: reboot
  - client: send 50
  - wait: 5s
`;

/** One step per row of DESIGN.md's verb table, with the table's own examples. */
const VERB_TABLE = `id: verb-table
hosts: [client, server]
tune: { rto: 1s, syn_retries: 2, synack_retries: 2, retries2: 3, orphan_retries: 1, fin_timeout: 10s, time_wait: 2s,
        keepalive: { idle: 10s, interval: 5s, count: 3 }, abort_on_overflow: false }
steps:
  - server: listen 80 backlog 128
  - client: connect server:80 from 40000 timeout 3s
  - server: accept
  - client: send 100
  - server: recv 100
  - server: recv
  - client: shutdown write
  - client: linger 0s
  - client: keepalive 10s 5s 3
  - server.80#1: close
  - client: abort
  - client: exit
  - server: crash
  - server: reboot
  - server: power-off
  - network: partition client server
  - network: heal client server
  - network: partition
  - network: heal
  - network: drop next server->client ACK
  - network: delay 50ms
  - network: inject client->server RST seq in-window
  - network: inject client->server:80 RST seq out-of-window
  - wait: 800ms
  - wait: 2m
`;

function mustParse(text: string, file: string) {
  const result = parseScenario(text, file);
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  return result.scenario;
}

describe('the examples in DESIGN.md', () => {
  it('parses the crash-reboot scenario of Contract 1', () => {
    const scenario = mustParse(CRASH_REBOOT, 'crash-reboot.yaml');
    expect(scenario.id).toBe('crash-reboot');
    expect(scenario.tune).toEqual({ retries2: 3 });
    expect(scenario.steps).toHaveLength(7);
    expect(scenario.steps[3]).toEqual({
      kind: 'host',
      host: 'server',
      action: { verb: 'crash' },
      text: 'server: crash',
      line: 11,
      label: 'crash',
    });
    expect(scenario.steps[6]).toEqual({ kind: 'wait', duration: 5_000_000, text: 'wait: 5s', line: 15 });
  });

  it('parses one step for every row of the verb table', () => {
    const steps = mustParse(VERB_TABLE, 'verb-table.yaml').steps;
    expect(steps).toHaveLength(25);
    expect(steps.map((s) => (s.kind === 'wait' ? 'wait' : s.action.verb))).toEqual([
      'listen',
      'connect',
      'accept',
      'send',
      'recv',
      'recv',
      'shutdown',
      'linger',
      'keepalive',
      'close',
      'abort',
      'exit',
      'crash',
      'reboot',
      'power-off',
      'partition',
      'heal',
      'partition',
      'heal',
      'drop-next',
      'delay',
      'inject',
      'inject',
      'wait',
      'wait',
    ]);
  });
});

describe('the scenarios shipped in exercises/scenarios', () => {
  const dir = new URL('../../../exercises/scenarios/', import.meta.url);
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

  it.skipIf(files.length === 0).each(files)('%s parses', (file) => {
    mustParse(readFileSync(new URL(file, dir), 'utf8'), `exercises/scenarios/${file}`);
  });
});
