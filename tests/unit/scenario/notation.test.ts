import { describe, expect, it } from 'vitest';
import {
  flagNotation,
  hostLabel,
  readSegment,
  readWire,
  resolveHost,
  SEGMENT_PATTERN,
  WIRE_PATTERN,
} from '../../../src/scenario/notation.ts';

function segment(token: string) {
  const read = readSegment(token);
  if (!read.ok) throw new Error(read.message);
  return read.value;
}

function problem(read: { ok: true } | { ok: false; message: string }): string {
  expect(read.ok).toBe(false);
  return read.ok ? '' : read.message;
}

describe("behaviour.md's flags, in tcpdump's letters", () => {
  it.each([
    ['S', ['SYN']],
    ['S.', ['SYN', 'ACK']],
    ['.', ['ACK']],
    ['P.', ['PSH', 'ACK']],
    ['F.', ['FIN', 'ACK']],
    ['FP.', ['FIN', 'PSH', 'ACK']],
    ['R', ['RST']],
    ['R.', ['RST', 'ACK']],
  ])('c:%s is the client sending %j', (flags, names) => {
    expect(segment(`c:${flags}`)).toEqual({ text: `c:${flags}`, host: 'c', flags: names });
  });

  it('writes flags back in tcpdump order whatever order they come in', () => {
    expect(flagNotation(['ACK', 'FIN'])).toBe('F.');
    expect(flagNotation(['ACK', 'PSH', 'FIN'])).toBe('FP.');
    expect(flagNotation(['RST'])).toBe('R');
  });

  it('takes a full host name as well as an initial', () => {
    expect(segment('server:R.')).toEqual({ text: 'server:R.', host: 'server', flags: ['RST', 'ACK'] });
    expect(segment('web-2:S')).toEqual({ text: 'web-2:S', host: 'web-2', flags: ['SYN'] });
  });
});

describe('a mistake in a segment says what to write instead', () => {
  it.each([
    ['cS', "'cS' is not a segment: write HOST:FLAGS, e.g. c:S or server:R."],
    ['.S', "'.S' is not a segment: write HOST:FLAGS — which host sends it? e.g. c:S."],
    [':S', "':S' names no host: write HOST:FLAGS, e.g. c:S"],
    ['c:', "'c:': no flags after ':' — flags are F FIN, S SYN, R RST, P PSH, . ACK"],
    ['C:S', "'C' in 'C:S' is not a host name: lowercase letters, digits and - — did you mean 'c:S'?"],
    ['c:X', "'c:X': 'X' is not a flag letter — flags are F FIN, S SYN, R RST, P PSH, . ACK"],
    ['c:A', "'c:A': 'A' is not a flag letter (ACK is '.') — flags are F FIN, S SYN, R RST, P PSH, . ACK"],
    ['c:.S', "'c:.S': flags go in tcpdump's order, F S R P . — did you mean 'c:S.'?"],
    ['c:.F', "'c:.F': flags go in tcpdump's order, F S R P . — did you mean 'c:F.'?"],
    ['c:s.', "'c:s.': flag letters are capitals — did you mean 'c:S.'?"],
    ['c:SS', "'c:SS': flag 'S' is written twice"],
    ['c:SYN+ACK', "'c:SYN+ACK': write tcpdump's letters — did you mean 'c:S.'?"],
    ['c:rst,ack', "'c:rst,ack': write tcpdump's letters — did you mean 'c:R.'?"],
    ['c:[R.]', "'c:[R.]': write the flags without brackets, e.g. 'c:R.'"],
  ])('%s: %s', (token, message) => {
    expect(problem(readSegment(token))).toBe(message);
  });
});

describe('a wire', () => {
  it('is segments separated by any whitespace, in order', () => {
    const read = readWire('  c:S   s:S.\tc:.  ');
    expect(read.ok && read.value.map((s) => s.text)).toEqual(['c:S', 's:S.', 'c:.']);
  });

  it('may be empty: no segment at all', () => {
    expect(readWire('')).toEqual({ ok: true, value: [] });
    expect(readWire('   ')).toEqual({ ok: true, value: [] });
  });

  it('names the position of the segment that is wrong', () => {
    expect(problem(readWire('c:S s:X c:.'))).toBe(
      "segment 2 's:X': 'X' is not a flag letter — flags are F FIN, S SYN, R RST, P PSH, . ACK",
    );
  });

  it("refuses behaviour.md's … and points to wire-includes", () => {
    for (const gap of ['…', '...']) {
      expect(problem(readWire(`c:S ${gap} s:S. c:R`))).toBe(
        `segment 2 is '${gap}': a wire lists every segment — use wire-includes for a subsequence`,
      );
    }
  });

  it('has JSON Schema patterns that accept what readWire accepts and refuse what it refuses', () => {
    const wire = new RegExp(WIRE_PATTERN);
    const one = new RegExp(SEGMENT_PATTERN);
    for (const good of ['c:S s:S. c:. c:P. s:. s:R.', '', 'server:FP. client:R']) {
      expect(readWire(good).ok, good).toBe(true);
      expect(wire.test(good), good).toBe(true);
    }
    for (const bad of ['c:.S', 'c:', 'cS', 'c:S …', 'C:S', 'c:SS']) {
      expect(readWire(bad).ok, bad).toBe(false);
      expect(wire.test(bad), bad).toBe(false);
    }
    expect(one.test('s:F.')).toBe(true);
    expect(one.test('s:F. c:R')).toBe(false);
  });
});

describe('the host of a segment', () => {
  const hosts = ['client', 'server', 'attacker'];

  it('is a host named in full, or the host whose initial it is', () => {
    expect(resolveHost('server', hosts)).toEqual({ ok: true, value: 'server' });
    expect(resolveHost('s', hosts)).toEqual({ ok: true, value: 'server' });
    expect(resolveHost('a', hosts)).toEqual({ ok: true, value: 'attacker' });
  });

  it('refuses an initial two hosts share, naming both', () => {
    expect(problem(resolveHost('c', ['client', 'cache', 'server']))).toBe(
      "'c' is the initial of 'client' and 'cache' — write the host's full name",
    );
  });

  it('prefers a host whose whole name is the letter', () => {
    expect(resolveHost('c', ['c', 'client'])).toEqual({ ok: true, value: 'c' });
  });

  it('suggests a near miss, or lists the hosts', () => {
    expect(problem(resolveHost('sever', hosts))).toBe("unknown host 'sever' — did you mean 'server'?");
    expect(problem(resolveHost('x', hosts))).toBe("unknown host 'x' — the hosts are 'client', 'server' and 'attacker'");
  });

  it('is shown by its initial unless another host shares it', () => {
    expect(hostLabel('client', ['client', 'server'])).toBe('c');
    expect(hostLabel('client', ['client', 'cache', 'server'])).toBe('client');
    expect(hostLabel('server', ['client', 'cache', 'server'])).toBe('s');
  });
});
