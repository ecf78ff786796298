import { describe, expect, it } from 'vitest';
import type { NetworkVerb } from '../../../src/model/scenario.ts';
import { parseNetworkVerb } from '../../../src/scenario/network-verbs.ts';

const context = { hosts: ['client', 'server', 'mallory'] };

function verb(text: string): NetworkVerb {
  const result = parseNetworkVerb(text, context);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function problem(text: string): string {
  const result = parseNetworkVerb(text, context);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.message;
}

describe('network steps', () => {
  it('partition and heal act on all hosts, or between two', () => {
    expect(verb('partition')).toEqual({ verb: 'partition' });
    expect(verb('heal')).toEqual({ verb: 'heal' });
    expect(verb('partition client server')).toEqual({ verb: 'partition', between: ['client', 'server'] });
    expect(verb('heal server client')).toEqual({ verb: 'heal', between: ['server', 'client'] });
  });

  it('drop next loses any segment, a data segment, or one with exactly these flags', () => {
    expect(verb('drop next client->server')).toEqual({ verb: 'drop-next', from: 'client', to: 'server' });
    expect(verb('drop next client->server data')).toEqual({
      verb: 'drop-next',
      from: 'client',
      to: 'server',
      data: true,
    });
    expect(verb('drop next server->client ACK')).toEqual({
      verb: 'drop-next',
      from: 'server',
      to: 'client',
      flags: ['ACK'],
    });
  });

  it('reads flags joined by +, comma or -, in any case, into header-bit order', () => {
    const flagsOf = (word: string) => {
      const v = verb(`drop next server->client ${word}`);
      return v.verb === 'drop-next' ? v.flags : undefined;
    };
    expect(flagsOf('SYN+ACK')).toEqual(['SYN', 'ACK']);
    expect(flagsOf('SYN-ACK')).toEqual(['SYN', 'ACK']);
    expect(flagsOf('ack,syn')).toEqual(['SYN', 'ACK']);
    expect(flagsOf('ACK+FIN')).toEqual(['FIN', 'ACK']);
    expect(flagsOf('ack+psh+rst+syn+fin')).toEqual(['FIN', 'SYN', 'RST', 'PSH', 'ACK']);
  });

  it('delay sets the one-way delay in microseconds', () => {
    expect(verb('delay 50ms')).toEqual({ verb: 'delay', delay: 50_000 });
    expect(verb('delay 0ms')).toEqual({ verb: 'delay', delay: 0 });
  });

  it('inject forges a segment, seq exact unless told otherwise', () => {
    expect(verb('inject mallory->server RST')).toEqual({
      verb: 'inject',
      from: 'mallory',
      to: 'server',
      flags: ['RST'],
      seq: 'exact',
    });
    expect(verb('inject client->server:8080 RST+ACK len 0 seq in-window')).toEqual({
      verb: 'inject',
      from: 'client',
      to: 'server',
      port: 8080,
      flags: ['RST', 'ACK'],
      seq: 'in-window',
      len: 0,
    });
  });
});

describe('mistakes in network steps', () => {
  it('suggests the action meant', () => {
    expect(problem('partiton')).toBe("unknown network action 'partiton' — did you mean 'partition'?");
    expect(problem('explode')).toBe(
      "unknown network action 'explode' — expected one of partition, heal, drop, delay, inject",
    );
  });

  it('names unknown hosts, a host talking to itself and a half-given pair', () => {
    expect(problem('drop next client->sever')).toBe("unknown host 'sever' — did you mean 'server'?");
    expect(problem('drop next client->client')).toBe(
      "'client->client' goes from a host to itself; name two different hosts",
    );
    expect(problem('partition client')).toBe("'partition' takes two hosts or none, e.g. 'partition client server'");
    expect(problem('heal client client')).toBe("'heal client client' names the same host twice");
    expect(problem('drop next client-server')).toContain(
      "expected FROM->TO, e.g. 'client->server', not 'client-server'",
    );
    expect(problem('drop client->server')).toBe("expected 'drop next FROM->TO', not 'drop client->server'");
  });

  it('names an unknown or repeated flag', () => {
    expect(problem('drop next server->client SNY+ACK')).toBe(
      "unknown flag 'SNY' — did you mean 'SYN'? (flags: FIN, SYN, RST, PSH, ACK)",
    );
    expect(problem('inject client->server RST+rst')).toBe("flag 'RST' is given twice in 'RST+rst'");
    expect(problem('inject client->server')).toContain("expected FLAGS such as RST after 'inject client->server'");
  });

  it('checks seq, len and port values', () => {
    expect(problem('inject client->server RST seq in-widow')).toBe(
      "'seq in-widow': expected 'exact', 'in-window' or 'out-of-window' — did you mean 'in-window'?",
    );
    expect(problem('inject client->server RST len -1')).toBe("len '-1' must not be negative");
    expect(problem('inject client->server:0 RST')).toBe('port 0 is out of range (1–65535)');
  });

  it('names words left over after a complete step', () => {
    expect(problem('drop next client->server ACK now')).toBe("unexpected 'now' after 'drop next client->server ACK'");
    expect(problem('delay 5ms 6ms')).toBe("unexpected '6ms' after 'delay 5ms'");
  });
});
