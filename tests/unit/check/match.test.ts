/**
 * The matcher against hand-made traces: these test how expectations are compared with a
 * trace, not TCP, so the traces need not be ones the model would produce.
 */
import { describe, expect, it } from 'vitest';
import { matchChecks } from '../../../src/check/match.ts';
import type { Check, SegmentPattern } from '../../../src/scenario/expect.ts';
import type { CallName, CallResult, Flag, Trace, TraceEvent, TraceSegment } from '../../../src/model/trace.ts';

const LETTERS: Record<string, Flag> = { F: 'FIN', S: 'SYN', R: 'RST', P: 'PSH', '.': 'ACK' };
const HOSTS = ['client', 'server'];

/** `c:S` → a segment from the host with that initial. */
function pattern(token: string, hosts = HOSTS): SegmentPattern {
  const [who = '', letters = ''] = token.split(':');
  const host = hosts.find((h) => h === who) ?? hosts.find((h) => h.startsWith(who)) ?? who;
  return { host, flags: Array.from(letters, (l) => LETTERS[l] ?? 'ACK') };
}

function traceOf(wire: string, calls: [string, CallName, CallResult][] = [], hosts = HOSTS): Trace {
  const segments: TraceSegment[] = (wire === '' ? [] : wire.split(' ')).map((token, i) => {
    const { host, flags } = pattern(token, hosts);
    const to = hosts.find((h) => h !== host) ?? host;
    const reason = flags.includes('RST') ? 'abort' : flags.includes('FIN') ? 'close' : 'data';
    const base = { i, t: i, arrival: i + 0.05, from: host, to, sport: 1, dport: 2, step: 1 };
    return { ...base, flags, seq: 0, ack: null, len: 0, win: 0, delivered: true, reason };
  });
  const events: TraceEvent[] = calls.map(([host, call, result], k) => ({
    kind: 'call',
    t: k,
    host,
    call,
    result,
    step: 1,
  }));
  return { scenario: 'x', profile: 'linux', hosts, segments, events, steps: [], isn: {} };
}

const wire = (text: string, line = 8): Check => ({
  kind: 'wire',
  segments: text === '' ? [] : text.split(' ').map((t) => pattern(t)),
  line,
});
const includes = (text: string, line = 9): Check => ({
  kind: 'wire-includes',
  segments: text.split(' ').map((t) => pattern(t)),
  line,
});
const never = (token: string, line = 10): Check => ({ kind: 'never', segment: pattern(token), line });
const results = (host: string, expected: string[], line = 11): Check => ({
  kind: 'results',
  host,
  expected: expected.map((e) => {
    const [a = '', b] = e.split(':');
    return b === undefined ? { result: a as CallResult } : { call: a as CallName, result: b as CallResult };
  }),
  line,
});

describe('wire: every segment, in order', () => {
  const trace = traceOf('c:S s:S. c:. c:P. s:. s:R.');

  it('passes when the wire is exactly that', () => {
    expect(matchChecks(trace, [wire('c:S s:S. c:. c:P. s:. s:R.')])).toEqual([]);
  });

  it('says where the flags first differ, on the line of the key', () => {
    expect(matchChecks(trace, [wire('c:S s:S. c:. c:P. s:. s:R', 12)])).toEqual([
      {
        line: 12,
        message:
          'expected wire c:S s:S. c:. c:P. s:. s:R — got c:S s:S. c:. c:P. s:. s:R. (segment 6: R expected, R. seen)',
      },
    ]);
  });

  it('names both hosts when the sender differs', () => {
    const [m] = matchChecks(traceOf('c:S c:R.'), [wire('c:S s:R.')]);
    expect(m?.message).toBe('expected wire c:S s:R. — got c:S c:R. (segment 2: s:R. expected, c:R. seen)');
  });

  it('says when the wire ends early or goes on', () => {
    expect(matchChecks(traceOf('c:S'), [wire('c:S s:R.')])[0]?.message).toBe(
      'expected wire c:S s:R. — got c:S (segment 2: s:R. expected, none seen)',
    );
    expect(matchChecks(traceOf('c:S s:R. c:R'), [wire('c:S s:R.')])[0]?.message).toBe(
      'expected wire c:S s:R. — got c:S s:R. c:R (segment 3: c:R seen, none expected)',
    );
  });

  it("'' expects no segment at all", () => {
    expect(matchChecks(traceOf(''), [wire('')])).toEqual([]);
    expect(matchChecks(traceOf('c:S'), [wire('')])[0]?.message).toBe(
      "expected wire '' — got c:S (segment 1: c:S seen, none expected)",
    );
  });

  it('counts PSH: a data segment is P., not .', () => {
    expect(matchChecks(traceOf('c:P.'), [wire('c:.')])[0]?.message).toContain('(segment 1: . expected, P. seen)');
  });

  it('shows a run of one segment with its count, as behaviour.md writes c:P. × n', () => {
    const [m] = matchChecks(traceOf('c:S s:S. c:. c:P. c:P. c:P. c:P. s:P. c:R'), [wire('c:S s:S. c:. c:P. s:P. c:R')]);
    expect(m?.message).toBe(
      'expected wire c:S s:S. c:. c:P. s:P. c:R — got c:S s:S. c:. c:P.×4 s:P. c:R (segment 5: s:P. expected, c:P. seen)',
    );
  });

  it('shows full host names where an initial is shared', () => {
    const hosts = ['client', 'cache', 'server'];
    const trace3 = traceOf('client:S server:R.', [], hosts);
    const check: Check = { kind: 'wire', segments: [pattern('client:S', hosts), pattern('cache:R.', hosts)], line: 1 };
    expect(matchChecks(trace3, [check])[0]?.message).toBe(
      'expected wire client:S cache:R. — got client:S s:R. (segment 2: cache:R. expected, s:R. seen)',
    );
  });
});

describe('wire-includes: an ordered subsequence', () => {
  const trace = traceOf('c:S s:S. c:. c:P. c:P. c:P. s:P. c:R');

  it('passes with anything before, between and after', () => {
    expect(matchChecks(trace, [includes('c:P. c:P. s:P. c:R'), includes('c:S c:R'), includes('s:P.')])).toEqual([]);
  });

  it('fails when the order is wrong, naming the item and where the search stopped', () => {
    expect(matchChecks(trace, [includes('c:R s:P.')])).toEqual([
      {
        line: 9,
        message: 'expected wire-includes c:R s:P. — got c:S s:S. c:. c:P.×3 s:P. c:R (s:P. not found after segment 8)',
      },
    ]);
  });

  it('fails when an item is missing altogether, or repeated more often than it appears', () => {
    expect(matchChecks(trace, [includes('s:R')])[0]?.message).toContain('(s:R not found)');
    expect(matchChecks(trace, [includes('c:P. c:P. c:P. c:P.')])[0]?.message).toContain(
      '(c:P. not found after segment 6)',
    );
  });
});

describe('never: segments that must not appear', () => {
  const trace = traceOf('c:S s:S. c:. s:F. c:R');

  it('passes when no segment has exactly those flags from that host', () => {
    expect(matchChecks(trace, [never('s:R'), never('s:R.'), never('c:F.'), never('c:R.')])).toEqual([]);
  });

  it('names the first offending segment and its reason', () => {
    expect(matchChecks(trace, [never('s:S'), never('c:R', 14)])).toEqual([
      { line: 14, message: 'expected never c:R — got c:S s:S. c:. s:F. c:R (segment 5: c:R, reason abort)' },
    ]);
  });
});

describe("results: a subsequence of the host's call results", () => {
  const trace = traceOf('', [
    ['client', 'connect', 'ok'],
    ['server', 'accept', 'ok'],
    ['client', 'send', 'ok'],
    ['client', 'recv', 'ECONNRESET'],
    ['client', 'send', 'EPIPE'],
  ]);

  it('passes with other results between, with or without the call', () => {
    expect(matchChecks(trace, [results('client', ['ECONNRESET', 'EPIPE'])])).toEqual([]);
    expect(matchChecks(trace, [results('client', ['connect:ok', 'recv:ECONNRESET', 'send:EPIPE'])])).toEqual([]);
    expect(matchChecks(trace, [results('server', ['accept:ok'])])).toEqual([]);
  });

  it("looks only at that host's calls", () => {
    expect(matchChecks(trace, [results('server', ['EPIPE'])])[0]?.message).toBe(
      'expected server results EPIPE — got accept:ok (EPIPE not found)',
    );
  });

  it('fails on the wrong order or the wrong call, naming where the search stopped', () => {
    expect(matchChecks(trace, [results('client', ['EPIPE', 'ECONNRESET'])])).toEqual([
      {
        line: 11,
        message:
          'expected client results EPIPE ECONNRESET — got connect:ok send:ok recv:ECONNRESET send:EPIPE (ECONNRESET not found after call 4)',
      },
    ]);
    expect(matchChecks(trace, [results('client', ['send:ECONNRESET'])])[0]?.message).toContain(
      '(send:ECONNRESET not found)',
    );
  });

  it('says so when the host made no call', () => {
    expect(matchChecks(traceOf(''), [results('client', ['ok'])])[0]?.message).toBe(
      'expected client results ok — got (no calls) (ok not found)',
    );
  });
});

describe('several checks', () => {
  it('report every failure, in the order given', () => {
    const trace = traceOf('c:S s:R.', [['client', 'connect', 'ECONNREFUSED']]);
    const found = matchChecks(trace, [wire('c:S s:S.', 1), never('s:R.', 2), results('client', ['ok'], 3)]);
    expect(found.map((m) => m.line)).toEqual([1, 2, 3]);
  });
});
