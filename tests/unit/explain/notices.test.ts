/**
 * The notices issue 10 asks for, on hand-written tcpdump text: a RST answered with a RST
 * (R3 says no TCP does that), a RST after minutes of silence, retransmissions before a
 * give-up, and RFC 5961's exact / in-window / out-of-window resets.
 */
import { describe, expect, it } from 'vitest';
import { explainBytes } from './helpers.ts';

const C = '10.0.0.1.40000';
const S = '10.0.0.2.80';
const line = (t: number, from: string, to: string, rest: string) => `${t.toFixed(6)} IP ${from} > ${to}: Flags ${rest}`;
const handshake = [
  line(1, C, S, '[S], seq 100, win 1000, options [mss 1460,wscale 0], length 0'),
  line(1.001, S, C, '[S.], seq 500, ack 101, win 1000, options [mss 1460,wscale 0], length 0'),
  line(1.002, C, S, '[.], ack 501, win 1000, length 0'),
];
const explain = (lines: string[]) => explainBytes(new TextEncoder().encode([...handshake, ...lines].join('\n') + '\n'));

describe('notices', () => {
  it('a RST answered at once with a RST', () => {
    const report = explain([
      line(2, C, S, '[R], seq 101, win 0, length 0'),
      line(2.0001, S, C, '[R], seq 501, win 0, length 0'),
    ]);
    const first = report.connections[0]?.resets[0];
    expect(first?.notices.join(' ')).toMatch(/answered this RST with a RST/);
  });

  it('a RST from a host silent for minutes (a half-open connection?)', () => {
    const report = explain([
      line(600, C, S, '[P.], seq 101:201, ack 501, win 1000, length 100'),
      line(600.0001, S, C, '[R], seq 501, win 0, length 0'),
    ]);
    const reset = report.connections[0]?.resets[0];
    expect(reset?.reason).toBe('no-connection');
    expect(reset?.notices.join(' ')).toMatch(/silent for 10 min/);
  });

  it('retransmissions without an answer, then quiet: the give-up sends nothing', () => {
    const report = explain(
      [2, 2.2, 2.6, 3.4, 5].map((t) => line(t, C, S, '[P.], seq 101:201, ack 501, win 1000, length 100')),
    );
    expect(report.connections[0]?.notices.join(' ')).toMatch(
      /client retransmitted 4 times over 2.8 s without an answer, then went quiet/,
    );
  });

  it('RFC 5961: a reset not at RCV.NXT but in the window, and one far outside it', () => {
    const report = explain([line(2, C, S, '[R], seq 601, win 0, length 0')]);
    expect(report.connections[0]?.resets[0]?.notices.join(' ')).toMatch(
      /500 away from the peer’s RCV.NXT but inside its window/,
    );
    const far = explain([line(2, C, S, `[R], seq ${101 + 2 ** 30}, win 0, length 0`)]);
    expect(far.connections[0]?.resets[0]?.notices.join(' ')).toMatch(/outside its window/);
    expect(far.connections[0]?.resets[0]?.candidates[0]).toBe('forged');
  });

  it('no notice for an ordinary reset at exactly RCV.NXT', () => {
    const report = explain([line(2, S, C, '[R.], seq 501, ack 101, win 0, length 0')]);
    expect(report.connections[0]?.resets[0]?.notices).toEqual([]);
  });
});
