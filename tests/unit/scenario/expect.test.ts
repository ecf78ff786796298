import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checksFor, type ExpectBlock } from '../../../src/scenario/expect.ts';
import { readResult } from '../../../src/scenario/expect-schema.ts';
import { formatError, parseScenario } from '../../../src/scenario/parse.ts';

/** Lines 1–6; an `expect:` block starts on line 7. */
const HEAD = `id: x
hosts: [client, server]
steps:
  - server: listen 80
  - client: connect server:80
  - client: send 10
`;

function block(expectText: string): ExpectBlock {
  const parsed = parseScenario(HEAD + expectText, 'x.yaml');
  if (!parsed.ok) throw new Error(parsed.errors.map(formatError).join('\n'));
  if (parsed.scenario.expect === undefined) throw new Error('no expect block');
  return parsed.scenario.expect;
}

function errors(expectText: string, head = HEAD): string[] {
  const parsed = parseScenario(head + expectText, 'x.yaml');
  expect(parsed.ok).toBe(false);
  return parsed.ok ? [] : parsed.errors.map(formatError);
}

describe('an expect: block is read into typed checks', () => {
  it('resolves hosts, keeps every check with the line of its key', () => {
    const read = block(
      [
        'expect:', //                                         7
        '  wire: c:S s:S. c:. c:P. s:.', //                    8
        '  wire-includes: client:P. server:.', //              9
        '  never: [s:R, s:R.]', //                             10
        '  results:', //                                       11
        '    client: [connect:ok, ok]', //                     12
        '    s: [EAGAIN]', //                                  13
      ].join('\n'),
    );
    expect(read.overrides).toEqual({});
    expect(read.base.wire).toEqual([
      {
        kind: 'wire',
        line: 8,
        segments: [
          { host: 'client', flags: ['SYN'] },
          { host: 'server', flags: ['SYN', 'ACK'] },
          { host: 'client', flags: ['ACK'] },
          { host: 'client', flags: ['PSH', 'ACK'] },
          { host: 'server', flags: ['ACK'] },
        ],
      },
    ]);
    expect(read.base['wire-includes']).toEqual([
      {
        kind: 'wire-includes',
        line: 9,
        segments: [
          { host: 'client', flags: ['PSH', 'ACK'] },
          { host: 'server', flags: ['ACK'] },
        ],
      },
    ]);
    expect(read.base.never).toEqual([
      { kind: 'never', line: 10, segment: { host: 'server', flags: ['RST'] } },
      { kind: 'never', line: 10, segment: { host: 'server', flags: ['RST', 'ACK'] } },
    ]);
    expect(read.base.results).toEqual([
      { kind: 'results', line: 12, host: 'client', expected: [{ call: 'connect', result: 'ok' }, { result: 'ok' }] },
      { kind: 'results', line: 13, host: 'server', expected: [{ result: 'EAGAIN' }] },
    ]);
  });

  it("'' is a wire with no segment", () => {
    expect(block("expect:\n  wire: ''\n").base.wire).toEqual([{ kind: 'wire', line: 8, segments: [] }]);
  });

  it('a scenario without expect: has none', () => {
    const parsed = parseScenario(HEAD, 'x.yaml');
    expect(parsed.ok && parsed.scenario.expect).toBeUndefined();
  });
});

describe('profile overrides', () => {
  const read = block(
    [
      'expect:', //                                 7
      '  wire: c:S s:S. c:.', //                     8
      '  never: [s:R]', //                           9
      '  results: { client: [ok] }', //             10
      '  linux:', //                                11
      '    wire: c:S s:S. c:. c:P. s:.', //          12
      '  rfc9293:', //                              13
      '    never: ~', //                            14
      '    results: { server: [EAGAIN] }', //       15
    ].join('\n'),
  );

  it('replace only the keys they name', () => {
    const linux = checksFor(read, 'linux');
    expect(linux.map((c) => [c.kind, c.line])).toEqual([
      ['wire', 12],
      ['never', 9],
      ['results', 10],
    ]);
  });

  it('replace a whole key, results for every host at once; ~ leaves a key unchecked', () => {
    const rfc = checksFor(read, 'rfc9293');
    expect(rfc.map((c) => [c.kind, c.line])).toEqual([
      ['wire', 8],
      ['results', 15],
    ]);
    expect(rfc[1]).toMatchObject({ kind: 'results', host: 'server' });
  });

  it('apply to one profile only: a block with only an override checks nothing under the other', () => {
    const only = block('expect:\n  rfc9293: { wire: c:S }\n');
    expect(checksFor(only, 'linux')).toEqual([]);
    expect(checksFor(only, 'rfc9293')).toHaveLength(1);
  });
});

describe('mistakes in an expect: block name their line', () => {
  it.each([
    ['  wire: c:S s:X\n', "x.yaml:8: expect.wire: segment 2 's:X': 'X' is not a flag letter"],
    ['  wire: c:S … s:R\n', "x.yaml:8: expect.wire: segment 2 is '…': a wire lists every segment — use wire-includes"],
    ['  wire-includes: c:.S\n', "x.yaml:8: expect.wire-includes: segment 1 'c:.S': flags go in tcpdump's order"],
    ['  wire: x:S\n', "x.yaml:8: expect.wire: segment 1 'x:S': unknown host 'x' — the hosts are 'client' and 'server'"],
    [
      '  wire: c:S sever:S.\n',
      "x.yaml:8: expect.wire: segment 2 'sever:S.': unknown host 'sever' — did you mean 'server'?",
    ],
    ['  never: [s:F., q:R]\n', "x.yaml:8: expect.never[1]: 'q:R': unknown host 'q'"],
    ['  never: [s:Q]\n', "x.yaml:8: 's:Q': 'Q' is not a flag letter"],
    ['  never: s:F.\n', 'x.yaml:8: expect.never: expected a list'],
    ['  wire: [c:S]\n', 'x.yaml:8: expect.wire: expected text, found a list'],
    ['  results: { client: [ECONNRESTE] }\n', "x.yaml:8: unknown result 'ECONNRESTE' — did you mean 'ECONNRESET'?"],
    ['  results: { client: [rcv:ok] }\n', "x.yaml:8: unknown call 'rcv' in 'rcv:ok' — did you mean 'recv'?"],
    ['  results: { client: ECONNRESET }\n', 'x.yaml:8: expect.results.client: expected a list'],
    ['  results: { sever: [ok] }\n', "x.yaml:8: expect.results: unknown host 'sever' — did you mean 'server'?"],
    ['  results: { client: [ok], c: [ok] }\n', "x.yaml:8: expect.results: 'client' and 'c' both name host 'client'"],
    ['  wire-include: c:S\n', "x.yaml:8: unknown key 'wire-include' in 'expect' — did you mean 'wire-includes'?"],
    ['  linux: { wires: c:S }\n', "x.yaml:8: unknown key 'wires' in 'expect.linux' — did you mean 'wire'?"],
    ['  bsd: { wire: c:S }\n', "x.yaml:8: unknown key 'bsd' in 'expect'"],
    ['  rfc9293:\n    wire: c:Q\n', "x.yaml:9: expect.rfc9293.wire: segment 1 'c:Q': 'Q' is not a flag letter"],
  ])('%j → %s', (text, message) => {
    const [first, ...rest] = errors(`expect:\n${text}`);
    expect(first?.startsWith(message), first).toBe(true);
    expect(rest).toEqual([]);
  });

  it('an empty block checks nothing, which is a mistake', () => {
    expect(errors('expect: {}\n')).toEqual([
      'x.yaml:7: expect: checks nothing — give at least one of wire, wire-includes, never, results, linux or rfc9293',
    ]);
  });

  it('an initial two hosts share is refused where it is used, naming both', () => {
    const head = HEAD.replace('[client, server]', '[client, cache, server]');
    expect(errors('expect:\n  wire: c:S s:R.\n', head)).toEqual([
      "x.yaml:8: expect.wire: segment 1 'c:S': 'c' is the initial of 'client' and 'cache' — write the host's full name",
    ]);
    const parsed = parseScenario(`${head}expect:\n  wire: client:S s:R.\n`, 'x.yaml');
    expect(parsed.ok).toBe(true);
  });

  it('every mistake in one run, in line order, with those in the steps', () => {
    const text = HEAD.replace('connect server:80', 'conect server:80');
    expect(
      errors(['expect:', '  wire: c:S x:S.', '  never: [c:Z]', '  results: { client: [EPIPEE] }', ''].join('\n'), text),
    ).toEqual([
      "x.yaml:5: unknown verb 'conect' — did you mean 'connect'?",
      "x.yaml:8: expect.wire: segment 2 'x:S.': unknown host 'x' — the hosts are 'client' and 'server'",
      "x.yaml:9: 'c:Z': 'Z' is not a flag letter — flags are F FIN, S SYN, R RST, P PSH, . ACK",
      "x.yaml:10: unknown result 'EPIPEE' — did you mean 'EPIPE'?",
    ]);
  });
});

describe('a call result', () => {
  it('is a result, or a call and its result', () => {
    expect(readResult('eof')).toEqual({ ok: true, value: { result: 'eof' } });
    expect(readResult('connect:ECONNREFUSED')).toEqual({
      ok: true,
      value: { call: 'connect', result: 'ECONNREFUSED' },
    });
  });

  it('lists what is expected when nothing is close', () => {
    expect(readResult('broken')).toEqual({
      ok: false,
      message: "unknown result 'broken' — expected ok, eof or an errno such as ECONNRESET",
    });
  });
});

describe("the README's example", () => {
  it('parses, with every key it shows', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const example = /```yaml\n(expect:\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const read = block(example ?? '');
    expect(Object.keys(read.base)).toEqual(['wire', 'wire-includes', 'never', 'results']);
    expect(Object.keys(read.overrides)).toEqual(['rfc9293']);
  });
});
