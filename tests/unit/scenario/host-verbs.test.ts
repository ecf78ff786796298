import { describe, expect, it } from 'vitest';
import type { HostVerb } from '../../../src/model/scenario.ts';
import { parseHostVerb } from '../../../src/scenario/host-verbs.ts';

const context = { hosts: ['client', 'server'], self: 'client' };

function verb(text: string): HostVerb {
  const result = parseHostVerb(text, context);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function problem(text: string): string {
  const result = parseHostVerb(text, context);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.message;
}

describe('socket calls', () => {
  it('bind and listen take a port, a backlog and a name', () => {
    expect(verb('bind 8080')).toEqual({ verb: 'bind', port: 8080 });
    expect(verb('bind 8080 as b')).toEqual({ verb: 'bind', port: 8080, as: 'b' });
    expect(verb('listen 80')).toEqual({ verb: 'listen', port: 80 });
    expect(verb('listen 80 as web backlog 0')).toEqual({ verb: 'listen', port: 80, backlog: 0, as: 'web' });
  });

  it('connect takes HOST:PORT, then from, timeout and as in any order', () => {
    expect(verb('connect server:80')).toEqual({ verb: 'connect', host: 'server', port: 80 });
    expect(verb('connect server:443 timeout 800ms as tls from 40001')).toEqual({
      verb: 'connect',
      host: 'server',
      port: 443,
      from: 40001,
      timeout: 800_000,
      as: 'tls',
    });
  });

  it('accept, send, recv, shutdown, linger and keepalive read their arguments', () => {
    expect(verb('accept')).toEqual({ verb: 'accept' });
    expect(verb('accept as conn')).toEqual({ verb: 'accept', as: 'conn' });
    expect(verb('send 1')).toEqual({ verb: 'send', bytes: 1 });
    expect(verb('recv')).toEqual({ verb: 'recv' });
    expect(verb('recv 4096')).toEqual({ verb: 'recv', bytes: 4096 });
    expect(verb('shutdown read')).toEqual({ verb: 'shutdown', how: 'read' });
    expect(verb('shutdown both')).toEqual({ verb: 'shutdown', how: 'both' });
    expect(verb('linger 0s')).toEqual({ verb: 'linger', timeout: 0 });
    expect(verb('keepalive 2h 75s 9')).toEqual({
      verb: 'keepalive',
      idle: 7_200_000_000,
      interval: 75_000_000,
      count: 9,
    });
  });

  it('close, abort and the host events take no arguments', () => {
    for (const name of ['close', 'abort', 'exit', 'crash', 'reboot', 'power-off'] as const) {
      expect(verb(name)).toEqual({ verb: name });
      expect(problem(`${name} now`)).toBe(`unexpected 'now' after '${name}' — '${name}' takes no arguments`);
    }
  });
});

describe('mistakes in socket calls', () => {
  it('suggests the verb meant, transpositions included', () => {
    expect(problem('conect server:80')).toBe("unknown verb 'conect' — did you mean 'connect'?");
    expect(problem('lsiten 80')).toBe("unknown verb 'lsiten' — did you mean 'listen'?");
    expect(problem('rcv')).toBe("unknown verb 'rcv' — did you mean 'recv'?");
    expect(problem('poweroff')).toBe("unknown verb 'poweroff' — did you mean 'power-off'?");
  });

  it('names an unknown host in connect and suggests a declared one', () => {
    expect(problem('connect sever:80')).toBe("unknown host 'sever' — did you mean 'server'?");
    expect(problem('connect db:80')).toBe("unknown host 'db' — the hosts are 'client' and 'server'");
  });

  it('refuses to connect a host to itself', () => {
    expect(problem('connect client:80')).toBe("'client' cannot connect to itself; name another host");
  });

  it('checks ports are whole numbers from 1 to 65535', () => {
    expect(problem('listen 0')).toBe('port 0 is out of range (1–65535)');
    expect(problem('listen 65536')).toBe('port 65536 is out of range (1–65535)');
    expect(problem('listen http')).toBe("port 'http' is not a number");
    expect(problem('connect server:80 from -1')).toBe("port '-1' must not be negative");
    expect(problem('connect server')).toContain("expected HOST:PORT after 'connect'");
  });

  it('checks byte counts are whole numbers of at least 1', () => {
    expect(problem('send -5')).toBe("byte count '-5' must not be negative");
    expect(problem('send 1.5')).toBe("byte count '1.5' is not a whole number");
    expect(problem('send 0')).toBe('byte count 0 is out of range (1–1048576)');
    expect(problem('send 1KB')).toBe("byte count '1KB' is not a number");
    expect(problem('send')).toBe("expected a byte count after 'send' (usage: send N)");
  });

  it('insists durations carry a unit', () => {
    expect(problem('linger 5')).toBe("linger: duration '5' needs a unit, e.g. '5s' or '5ms' (units: us, ms, s, m, h)");
    expect(problem('connect server:80 timeout 0s')).toBe('timeout must be longer than 0');
  });

  it('names extra words, repeated options and misspelt options', () => {
    expect(problem('send 10 20')).toBe("unexpected '20' after 'send 10'");
    expect(problem('listen 80 backlog 5 backlog 6')).toBe("'backlog' is given twice");
    expect(problem('connect server:80 timout 3s')).toBe(
      "unexpected 'timout' after 'connect server:80' — did you mean 'timeout'?",
    );
    expect(problem('listen 80 queue 5')).toBe(
      "unexpected 'queue' after 'listen 80' — expected 'backlog' or 'as' (usage: listen PORT [backlog N] [as NAME])",
    );
    expect(problem('shutdown wirte')).toBe(
      "'shutdown wirte': expected 'write', 'read' or 'both' — did you mean 'write'?",
    );
  });

  it('keeps `as` names apart from automatic names such as 80 or 80#2', () => {
    expect(problem('listen 80 as 8080')).toContain("socket name '8080' must start with a letter or '_'");
    expect(problem('accept as a#2')).toContain("socket name 'a#2'");
  });
});
