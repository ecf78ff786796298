import { describe, expect, it } from 'vitest';
import type { Step } from '../../../src/model/scenario.ts';
import { formatError, parseScenario, type ParseResult } from '../../../src/scenario/parse.ts';

/** Line numbers below are this text's lines, counted from 1. */
const FULL = `# yaml-language-server: $schema=../../public/schema/scenario.json
id: every-verb
title: { en: Every verb, zh-CN: 每个动词 }
description:
  en: One of each step.
  zh-CN: 每种步骤各一个。
profile: rfc9293
hosts: [client, server, attacker]
seed: 7
tune:
  rto: 200ms
  syn_retries: 2
  synack_retries: 1
  retries2: 3
  orphan_retries: 0
  fin_timeout: 2m
  time_wait: 1.5s
  keepalive: { idle: 10s, interval: 5s, count: 3 }
  abort_on_overflow: true
steps:
  - server: listen 80 backlog 1 as web
    label: listening
  - server: bind 8080
  - client: connect server:80 from 40000 timeout 3s as c1
  - server.web: accept as conn
  - client.c1: send 100
  - server.conn: recv
  - server.80#1: recv 50
  - client: shutdown write
  - client: linger 0s
  - client: keepalive 10s 5s 3
  - client:   close       # extra spaces are not part of the text
  - server: abort
  - server: exit
  - server: crash
    label: crash
  - server: reboot
  - client: power-off
  - network: partition
  - network: heal client server
  - network: drop next server->client SYN-ACK
  - network: drop next client->server data
  - network: drop next client->server
  - network: delay 800us
  - network: inject attacker->server:80 ack+rst seq out-of-window len 10
  - network: inject attacker->client fin
  - wait: 5s
`;

function parsed(text: string): ParseResult & { ok: true } {
  const result = parseScenario(text, 'full.yaml');
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  return result;
}

describe('parseScenario on a valid file', () => {
  it('reads the header: id, both titles, description, profile, hosts and seed', () => {
    const { scenario } = parsed(FULL);
    expect(scenario.id).toBe('every-verb');
    expect(scenario.title).toEqual({ en: 'Every verb', 'zh-CN': '每个动词' });
    expect(scenario.description).toEqual({ en: 'One of each step.', 'zh-CN': '每种步骤各一个。' });
    expect(scenario.profile).toBe('rfc9293');
    expect(scenario.hosts).toEqual(['client', 'server', 'attacker']);
    expect(scenario.seed).toBe(7);
  });

  it('turns tune durations into integer microseconds and keeps counts', () => {
    expect(parsed(FULL).scenario.tune).toEqual({
      rto: 200_000,
      syn_retries: 2,
      synack_retries: 1,
      retries2: 3,
      orphan_retries: 0,
      fin_timeout: 120_000_000,
      time_wait: 1_500_000,
      keepalive: { idle: 10_000_000, interval: 5_000_000, count: 3 },
      abort_on_overflow: true,
    });
  });

  it('reads every step into the typed step, with its text, line and label', () => {
    const expected: Step[] = [
      {
        kind: 'host',
        host: 'server',
        action: { verb: 'listen', port: 80, backlog: 1, as: 'web' },
        text: 'server: listen 80 backlog 1 as web',
        line: 21,
        label: 'listening',
      },
      { kind: 'host', host: 'server', action: { verb: 'bind', port: 8080 }, text: 'server: bind 8080', line: 23 },
      {
        kind: 'host',
        host: 'client',
        action: { verb: 'connect', host: 'server', port: 80, from: 40000, timeout: 3_000_000, as: 'c1' },
        text: 'client: connect server:80 from 40000 timeout 3s as c1',
        line: 24,
      },
      {
        kind: 'host',
        host: 'server',
        socket: 'web',
        action: { verb: 'accept', as: 'conn' },
        text: 'server.web: accept as conn',
        line: 25,
      },
      {
        kind: 'host',
        host: 'client',
        socket: 'c1',
        action: { verb: 'send', bytes: 100 },
        text: 'client.c1: send 100',
        line: 26,
      },
      { kind: 'host', host: 'server', socket: 'conn', action: { verb: 'recv' }, text: 'server.conn: recv', line: 27 },
      {
        kind: 'host',
        host: 'server',
        socket: '80#1',
        action: { verb: 'recv', bytes: 50 },
        text: 'server.80#1: recv 50',
        line: 28,
      },
      {
        kind: 'host',
        host: 'client',
        action: { verb: 'shutdown', how: 'write' },
        text: 'client: shutdown write',
        line: 29,
      },
      { kind: 'host', host: 'client', action: { verb: 'linger', timeout: 0 }, text: 'client: linger 0s', line: 30 },
      {
        kind: 'host',
        host: 'client',
        action: { verb: 'keepalive', idle: 10_000_000, interval: 5_000_000, count: 3 },
        text: 'client: keepalive 10s 5s 3',
        line: 31,
      },
      { kind: 'host', host: 'client', action: { verb: 'close' }, text: 'client: close', line: 32 },
      { kind: 'host', host: 'server', action: { verb: 'abort' }, text: 'server: abort', line: 33 },
      { kind: 'host', host: 'server', action: { verb: 'exit' }, text: 'server: exit', line: 34 },
      { kind: 'host', host: 'server', action: { verb: 'crash' }, text: 'server: crash', line: 35, label: 'crash' },
      { kind: 'host', host: 'server', action: { verb: 'reboot' }, text: 'server: reboot', line: 37 },
      { kind: 'host', host: 'client', action: { verb: 'power-off' }, text: 'client: power-off', line: 38 },
      { kind: 'network', action: { verb: 'partition' }, text: 'network: partition', line: 39 },
      {
        kind: 'network',
        action: { verb: 'heal', between: ['client', 'server'] },
        text: 'network: heal client server',
        line: 40,
      },
      {
        kind: 'network',
        action: { verb: 'drop-next', from: 'server', to: 'client', flags: ['SYN', 'ACK'] },
        text: 'network: drop next server->client SYN-ACK',
        line: 41,
      },
      {
        kind: 'network',
        action: { verb: 'drop-next', from: 'client', to: 'server', data: true },
        text: 'network: drop next client->server data',
        line: 42,
      },
      {
        kind: 'network',
        action: { verb: 'drop-next', from: 'client', to: 'server' },
        text: 'network: drop next client->server',
        line: 43,
      },
      { kind: 'network', action: { verb: 'delay', delay: 800 }, text: 'network: delay 800us', line: 44 },
      {
        kind: 'network',
        action: {
          verb: 'inject',
          from: 'attacker',
          to: 'server',
          port: 80,
          flags: ['RST', 'ACK'],
          seq: 'out-of-window',
          len: 10,
        },
        text: 'network: inject attacker->server:80 ack+rst seq out-of-window len 10',
        line: 45,
      },
      {
        kind: 'network',
        action: { verb: 'inject', from: 'attacker', to: 'client', flags: ['FIN'], seq: 'exact' },
        text: 'network: inject attacker->client fin',
        line: 46,
      },
      { kind: 'wait', duration: 5_000_000, text: 'wait: 5s', line: 47 },
    ];
    expect(parsed(FULL).scenario.steps).toEqual(expected);
  });

  it('defaults the profile to linux and leaves seed, tune and title out when absent', () => {
    const { scenario } = parsed('id: small\nhosts: [a, b]\nsteps:\n  - wait: 1s\n');
    expect(scenario).toEqual({
      id: 'small',
      profile: 'linux',
      hosts: ['a', 'b'],
      steps: [{ kind: 'wait', duration: 1_000_000, text: 'wait: 1s', line: 4 }],
    });
    expect(Object.hasOwn(scenario, 'seed')).toBe(false);
    expect(Object.hasOwn(scenario, 'tune')).toBe(false);
  });

  it('accepts a few anchors and aliases, reporting an aliased step at its own line', () => {
    const text = 'id: alias\nhosts: [a, b]\nsteps:\n  - &probe { a: send 1 }\n  - *probe\n';
    const steps = parsed(text).scenario.steps;
    expect(steps.map((s) => [s.text, s.line])).toEqual([
      ['a: send 1', 4],
      ['a: send 1', 5],
    ]);
  });

  it('accepts flow style and a byte order mark', () => {
    const { scenario } = parsed('\uFEFF{ id: flow, hosts: [a, b], steps: [{ a: "listen 80" }, { wait: 2m }] }');
    expect(scenario.steps.map((s) => s.text)).toEqual(['a: listen 80', 'wait: 2m']);
  });
});

describe('formatError', () => {
  it('writes FILE:LINE: message', () => {
    expect(formatError({ file: 'a.yaml', line: 9, message: 'boom' })).toBe('a.yaml:9: boom');
  });

  it('writes FILE: message when the error has no line', () => {
    expect(formatError({ file: 'a.yaml', line: null, message: 'file is empty' })).toBe('a.yaml: file is empty');
  });
});
