import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { traceTable } from '../../../src/render/table.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { CLIENT_ISN, lossyTrace, refusedTrace, segment } from './fixtures.ts';
import { nth } from '../nth.ts';

const lines = (trace: Trace): string[] => traceTable(trace).trimEnd().split('\n');
/** The line for segment i: segment lines are the ones with a `from → to` pair and `seq=`. */
const segmentLines = (trace: Trace): string[] => lines(trace).filter((l) => / seq=\d/.test(l));

describe('traceTable', () => {
  it('starts with the scenario id and the profile', () => {
    expect(lines(lossyTrace())[0]).toBe('scenario lossy-data, profile rfc9293');
  });

  it('writes one line per segment and per event, plus a header per step', () => {
    const trace = lossyTrace();
    expect(lines(trace)).toHaveLength(1 + trace.steps.length + trace.segments.length + trace.events.length);
    expect(segmentLines(trace)).toHaveLength(trace.segments.length);
  });

  it('shows a refused connection as [S] then [R.] RST,ACK with SEQ=0 and ack relative to the SYN', () => {
    const [syn, rst] = segmentLines(refusedTrace());
    expect(syn).toMatch(/^ {2}0\.000 {2}client → server {2}40000 → 80 {2}\[S\] +SYN +seq=0 +len=0 +handshake$/);
    expect(syn).not.toContain('ack=');
    expect(rst).toMatch(
      /^ {2}0\.050 {2}server → client {2}80 → 40000 {2}\[R\.\] {2}RST,ACK {2}seq=0 {2}ack=1 {2}len=0 {2}no-listener$/,
    );
  });

  it('numbers seq from the sender ISN and ack from the receiver ISN, across a 2^32 wrap', () => {
    const seg = segmentLines(lossyTrace());
    expect(seg[1]).toMatch(/\[S\.\] +SYN,ACK +seq=0 +ack=1 +len=0 /);
    expect(seg[3]).toMatch(/\[P\.\] +PSH,ACK +seq=1 +ack=1 +len=100 /);
    expect(seg[5]).toMatch(/\[\.\] +ACK +seq=1 +ack=101 +len=0 /);
    expect(seg[6]).toMatch(/seq=1 +ack=101 +len=10 /);
    expect(seg[7]).toMatch(/seq=101 +ack=11 +len=0 /);
    expect(seg[8]).toMatch(/\[R\.\] +RST,ACK +seq=101 +ack=11 +len=0 +abort$/);
  });

  it('prints absolute numbers where no ISN is known', () => {
    const trace: Trace = { ...refusedTrace(), isn: {} };
    const [syn, rst] = segmentLines(trace);
    expect(syn).toContain(`seq=${CLIENT_ISN} `);
    expect(rst).toMatch(new RegExp(`seq=0 +ack=${CLIENT_ISN + 1} `));
  });

  it('marks a lost segment LOST and its resend (retransmission)', () => {
    const seg = segmentLines(lossyTrace());
    expect(seg[3]).toMatch(/ data +LOST$/);
    expect(seg[4]).toMatch(/ data +\(retransmission\)$/);
    expect(seg.filter((l) => l.includes('LOST'))).toHaveLength(1);
  });

  it('lines the segment columns up', () => {
    const seg = segmentLines(lossyTrace());
    const columnOf = (pattern: RegExp) => new Set(seg.map((l) => l.search(pattern)));
    expect(columnOf(/\[/)).toEqual(new Set([38]));
    expect(columnOf(/seq=/).size).toBe(1);
    expect(columnOf(/len=/).size).toBe(1);
    expect(columnOf(/(?<=len=\d+ +)[a-z]/).size).toBe(1);
  });

  it('writes times in seconds with three decimals', () => {
    expect(nth(segmentLines(lossyTrace()), 4).slice(0, 9)).toBe('  1.150  ');
    const late: Trace = { ...refusedTrace(), segments: [segment({ i: 0, t: 123.4567, step: 1 })], events: [] };
    expect(nth(segmentLines(late), 0).slice(0, 9)).toBe('123.457  ');
  });

  it('puts a header before the lines of each step, with its label, even for a step with no lines', () => {
    const all = lines(lossyTrace());
    const header = (n: number) => all.findIndex((l) => l.startsWith(`── step ${n}`));
    expect(all[header(3)]).toBe('── step 3 [lossy]: network: drop next client->server ──');
    expect(all[header(4)]).toBe('── step 4: client: send 100 ──');
    expect(header(4)).toBe(header(3) + 1);
    expect(all[header(4) + 1]).toContain('len=100');
    expect(all[header(5) - 1]).toContain('drop [P.] client → server (drop-next)');
    expect(all.at(-2)).toBe('── step 8: server: crash ──');
  });

  it('orders lines by time within a step, a segment before an event at the same time', () => {
    const all = lines(refusedTrace());
    expect(all.slice(2)).toEqual([
      expect.stringContaining('[S]'),
      '  0.000  client 40000: CLOSED → SYN-SENT',
      expect.stringContaining('[R.]'),
      '  0.100  client 40000: SYN-SENT → CLOSED',
      '  0.100  client 40000: connect() → ECONNREFUSED',
    ]);
  });

  it('writes each kind of event in words', () => {
    const all = lines(lossyTrace());
    expect(all).toContain('  0.050  server 80#1: LISTEN → SYN-RECEIVED');
    expect(all).toContain('  0.150  client 40000: send() → ok (100 bytes)');
    expect(all).toContain('  0.200  server: drop [P.] client → server (drop-next)');
    expect(all).toContain('  1.150  client 40000: timer retransmit fired');
    expect(all).toContain('  2.300  server 80#1: error ECONNRESET');
    expect(all).toContain('  2.300  server: crash');
  });

  it('uses no ANSI colours unless asked', () => {
    expect(traceTable(lossyTrace())).not.toContain('\x1b[');
    const coloured = traceTable(lossyTrace(), { color: true });
    expect(coloured).toContain('\x1b[31m[R.]\x1b[0m');
    expect(stripVTControlCharacters(coloured)).toBe(traceTable(lossyTrace()));
  });

  it('keeps to ASCII apart from the arrows and the step rules', () => {
    expect(traceTable(lossyTrace()).replace(/[→─]/g, '')).toMatch(/^[\x20-\x7e\n]*$/);
  });
});
