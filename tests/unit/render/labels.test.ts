import { describe, expect, it } from 'vitest';
import { flagNames, shownNumbers, tcpdumpFlags } from '../../../src/render/labels.ts';
import { segment } from './fixtures.ts';

describe('tcpdumpFlags', () => {
  it('writes tcpdump letters in header-bit order, ACK as a dot', () => {
    expect(tcpdumpFlags(['SYN'])).toBe('[S]');
    expect(tcpdumpFlags(['SYN', 'ACK'])).toBe('[S.]');
    expect(tcpdumpFlags(['RST', 'ACK'])).toBe('[R.]');
    expect(tcpdumpFlags(['FIN', 'PSH', 'ACK'])).toBe('[FP.]');
    expect(tcpdumpFlags([])).toBe('[none]');
    expect(flagNames(['FIN', 'ACK'])).toBe('FIN,ACK');
  });
});

describe('shownNumbers', () => {
  const isn = { 'client:40000>server:80': [{ t: 0, isn: 100 }], 'server:80>client:40000': [{ t: 0, isn: 0xfffffff0 }] };

  it('takes seq from the sender ISN and ack from the receiver ISN, modulo 2^32', () => {
    const seg = segment({ i: 0, t: 0, step: 1, seq: 150, ack: 0x10 });
    expect(shownNumbers({ isn }, seg)).toEqual({ seq: 50, ack: 32, seqRelative: true, ackRelative: true });
  });

  it('leaves SEQ=0 of a reset answering a segment without ACK as 0', () => {
    const rst = segment({
      i: 0,
      t: 0,
      step: 1,
      from: 'server',
      to: 'client',
      sport: 80,
      dport: 40000,
      flags: ['RST', 'ACK'],
      seq: 0,
      ack: 101,
    });
    expect(shownNumbers({ isn }, rst)).toEqual({ seq: 0, ack: 1, seqRelative: false, ackRelative: true });
  });

  it('uses the ISN of the connection in force when a 4-tuple is used again', () => {
    const reused = {
      'client:40000>server:80': [
        { t: 0, isn: 100 },
        { t: 5, isn: 9000 },
      ],
    };
    expect(shownNumbers({ isn: reused }, segment({ i: 0, t: 1, step: 1, seq: 150 })).seq).toBe(50);
    expect(shownNumbers({ isn: reused }, segment({ i: 1, t: 5, step: 2, seq: 9001 })).seq).toBe(1);
  });

  it('shows absolute numbers for a connection with no known ISN, and no ack when there is none', () => {
    const seg = segment({ i: 0, t: 0, step: 1, sport: 40001, seq: 7 });
    expect(shownNumbers({ isn }, seg)).toEqual({ seq: 7, ack: null, seqRelative: false, ackRelative: false });
  });
});
