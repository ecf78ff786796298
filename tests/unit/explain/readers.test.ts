/** The capture readers: every container, link type and text form gives the same segments and the same explanation. */
import { describe, expect, it } from 'vitest';
import { CaptureReader } from '../../../src/explain/capture.ts';
import type { Packet } from '../../../src/explain/packet.ts';
import { explainBytes } from './helpers.ts';
import {
  ethernet,
  framed,
  ipv4,
  nullLoop,
  pcap,
  pcapng,
  sll,
  sll2,
  tcp,
  unreadDataConversation,
  type Frame,
} from './frames.ts';

function packets(bytes: Uint8Array): { packets: Packet[]; skipped: Record<string, number> } {
  const out: Packet[] = [];
  const reader = new CaptureReader('t', (p) => out.push({ ...p }));
  reader.feed(bytes);
  const stats = reader.end();
  return { packets: out, skipped: stats.skipped };
}

const conversation = unreadDataConversation();
const ethernetFrames = framed(conversation, (ip) => ethernet(ip));

/** What the hand-built conversation holds, field by field (frames.ts). */
function expectConversation(got: Packet[], src = '10.9.0.1', dst = '10.9.0.2'): void {
  expect(got).toHaveLength(6);
  expect(got[0]).toMatchObject({
    src,
    dst,
    sport: 40000,
    dport: 80,
    flags: 0x02,
    seq: 100,
    ack: null,
    len: 0,
    wscale: 7,
  });
  expect(got[3]).toMatchObject({ flags: 0x18, seq: 101, ack: 5001, len: 100 });
  expect(got[5]).toMatchObject({ src: dst, dst: src, flags: 0x14, seq: 5001, ack: 201, len: 0 });
  expect(got[5]?.ts).toBeCloseTo(1000.304, 6);
}

function expectUnreadData(bytes: Uint8Array): void {
  const reset = explainBytes(bytes).connections[0]?.resets[0];
  expect(reset?.reason).toBe('close-unread-data');
  expect(reset?.confirmed).toBe(true);
}

describe('pcap', () => {
  for (const little of [true, false]) {
    for (const nano of [false, true]) {
      it(`${little ? 'little' : 'big'}-endian, ${nano ? 'nano' : 'micro'}second time stamps`, () => {
        const bytes = pcap(ethernetFrames, { little, nano });
        expectConversation(packets(bytes).packets);
        expectUnreadData(bytes);
      });
    }
  }

  const links: [string, number, (ip: Uint8Array) => Uint8Array][] = [
    ['Ethernet with a VLAN tag', 1, (ip) => ethernet(ip, [42])],
    ['Ethernet with two tags (QinQ)', 1, (ip) => ethernet(ip, [10, 20])],
    ['Linux cooked capture v1', 113, sll],
    ['Linux cooked capture v2', 276, sll2],
    ['raw IP (101)', 101, (ip) => ip],
    ['raw IPv4 (228)', 228, (ip) => ip],
    ['BSD loopback (NULL)', 0, (ip) => nullLoop(ip)],
    ['OpenBSD loopback (LOOP, network order)', 108, (ip) => Uint8Array.of(0, 0, 0, 2, ...ip)],
  ];
  for (const [name, linktype, link] of links) {
    it(`link type ${name}`, () => {
      const bytes = pcap(framed(conversation, link), { linktype });
      expectConversation(packets(bytes).packets);
      expectUnreadData(bytes);
    });
  }

  it('IPv6, with a hop-by-hop header on the data segment', () => {
    const v6 = unreadDataConversation(true);
    const bytes = pcap(framed(v6, (ip) => ethernet(ip)));
    const got = packets(bytes).packets;
    expectConversation(got, '2001:db8::1', '2001:db8::2');
    expectUnreadData(bytes);
    expect(explainBytes(bytes).connections[0]?.client).toBe('[2001:db8::1]:40000');
  });

  it('counts what is not TCP and skips it: UDP, ARP, IP fragments', () => {
    const udp = ipv4([10, 0, 0, 1], [10, 0, 0, 2], new Uint8Array(8), 17);
    const fragment = ipv4([10, 0, 0, 1], [10, 0, 0, 2], tcp({ sport: 1, dport: 2, seq: 0, flags: '.' }), 6, 0x0010);
    const frames: Frame[] = [
      ...ethernetFrames,
      { ts: 1001, bytes: ethernet(udp) },
      { ts: 1001, bytes: ethernet(new Uint8Array(28), [], 0x0806) },
      { ts: 1001, bytes: ethernet(fragment) },
    ];
    const report = explainBytes(pcap(frames));
    expect(report.tcp).toBe(6);
    expect(report.records).toBe(9);
    expect(report.skipped).toEqual({ 'not-tcp': 1, 'not-ip': 1, 'ip-fragment': 1 });
  });
});

describe('pcapng', () => {
  it('little-endian, enhanced packet blocks, a name-resolution block and an unknown block skipped', () => {
    const bytes = pcapng(ethernetFrames, { extraBlocks: true });
    expectConversation(packets(bytes).packets);
    expectUnreadData(bytes);
  });

  it('a big-endian section', () => {
    const bytes = pcapng(ethernetFrames, { little: false });
    expectConversation(packets(bytes).packets);
  });

  it('if_tsresol: nanoseconds (10^-9) and 2^-20 units', () => {
    expect(packets(pcapng(ethernetFrames, { tsresol: 9 })).packets[5]?.ts).toBeCloseTo(1000.304, 6);
    expect(packets(pcapng(ethernetFrames, { tsresol: 0x80 | 20 })).packets[5]?.ts).toBeCloseTo(1000.304, 5);
  });

  it('simple packet blocks (no time stamps) still give the segments', () => {
    const got = packets(pcapng(ethernetFrames, { simple: true })).packets;
    expect(got.map((p) => p.seq)).toEqual([100, 5000, 101, 101, 5001, 5001]);
  });

  it('Linux cooked v2 interfaces, as tcpdump -i any writes them', () => {
    expectUnreadData(pcapng(framed(conversation, sll2), { linktype: 276 }));
  });
});

/** The same conversation as tcpdump prints it, in several of its forms. */
const ABSOLUTE = [
  '1000.000000 IP 10.9.0.1.40000 > 10.9.0.2.80: Flags [S], seq 100, win 1000, options [mss 1460,wscale 7], length 0',
  '1000.001000 IP 10.9.0.2.80 > 10.9.0.1.40000: Flags [S.], seq 5000, ack 101, win 1000, options [mss 1460,wscale 7], length 0',
  '1000.002000 IP 10.9.0.1.40000 > 10.9.0.2.80: Flags [.], ack 5001, win 1000, length 0',
  '1000.003000 IP 10.9.0.1.40000 > 10.9.0.2.80: Flags [P.], seq 101:201, ack 5001, win 1000, length 100',
  '1000.004000 IP 10.9.0.2.80 > 10.9.0.1.40000: Flags [.], ack 201, win 1000, length 0',
  '1000.304000 IP 10.9.0.2.80 > 10.9.0.1.40000: Flags [R.], seq 5001, ack 201, win 1000, length 0',
];
/**
 * Without -S, print-tcp.c shows the first ACK-bearing segment of a conversation (here the
 * SYN+ACK) in full and later ones relative to it: server numbers − 5000, client numbers − 100.
 */
const RELATIVE = [
  '00:16:40.000000 IP 10.9.0.1.40000 > 10.9.0.2.http: Flags [S], seq 100, win 1000, options [mss 1460,wscale 7], length 0',
  '00:16:40.001000 IP 10.9.0.2.http > 10.9.0.1.40000: Flags [S.], seq 5000, ack 101, win 1000, options [mss 1460,wscale 7], length 0',
  '00:16:40.002000 IP 10.9.0.1.40000 > 10.9.0.2.http: Flags [.], ack 1, win 1000, length 0',
  '00:16:40.003000 IP 10.9.0.1.40000 > 10.9.0.2.http: Flags [P.], seq 1:101, ack 1, win 1000, length 100: HTTP: GET / HTTP/1.1',
  '00:16:40.004000 IP 10.9.0.2.http > 10.9.0.1.40000: Flags [.], ack 101, win 1000, length 0',
  '00:16:40.304000 IP 10.9.0.2.http > 10.9.0.1.40000: Flags [R.], seq 1, ack 101, win 1000, length 0',
];

const text = (lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n');
const seqs = (got: Packet[]) => got.map((p) => [p.seq, p.ack]);
const EXPECTED_NUMBERS = [
  [100, null],
  [5000, 101],
  [null, 5001],
  [101, 5001],
  [null, 201],
  [5001, 201],
];

describe('tcpdump text', () => {
  it('-nn -S -tt: absolute numbers, epoch time stamps', () => {
    const got = packets(text(ABSOLUTE)).packets;
    expect(seqs(got)).toEqual(EXPECTED_NUMBERS);
    expect(got[5]?.ts).toBeCloseTo(1000.304, 6);
    expectUnreadData(text(ABSOLUTE));
  });

  it('-n without -S: port names and relative numbers are turned back into absolute ones', () => {
    const got = packets(text(RELATIVE)).packets;
    expect(seqs(got)).toEqual(EXPECTED_NUMBERS);
    expect(got[1]?.sport).toBe(80);
    expect(got[5]?.ts).toBeCloseTo(1000.304, 6);
    expectUnreadData(text(RELATIVE));
  });

  it('-tttt dates, -v header lines, -i any interface and direction, -e link headers', () => {
    const variants = [
      ABSOLUTE.map((l) => l.replace('1000.', '2026-01-01 00:16:40.').replace(/^(\S+ \S+)\.(\d{3})000/, '$1.$2000')),
      ABSOLUTE.map((l) =>
        l.replace(' IP ', ' IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 52)\n    '),
      ),
      ABSOLUTE.map((l) => l.replace(' IP ', ' eth0  In  IP ')),
      ABSOLUTE.map((l) =>
        l.replace(' IP ', ' 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 66: '),
      ),
    ];
    for (const lines of variants) {
      const got = packets(text(lines)).packets;
      expect(seqs(got)).toEqual(EXPECTED_NUMBERS);
      expect(got[5]?.ts).toBeCloseTo(lines === variants[0] ? 1767226600.304 : 1000.304, 6);
      expectUnreadData(text(lines));
    }
  });

  it('IPv6 addresses', () => {
    const lines = ABSOLUTE.map((l) =>
      l.replace(/IP 10\.9\.0\.(\d)\.(\w+) > 10\.9\.0\.(\d)\./, 'IP6 2001:db8::$1.$2 > 2001:db8::$3.'),
    );
    const got = packets(text(lines)).packets;
    expect(got[0]).toMatchObject({ src: '2001:db8::1', dst: '2001:db8::2', sport: 40000 });
  });

  it('skips tcpdump’s own chatter, counts UDP and ARP lines, and keeps hex dumps out', () => {
    const lines = [
      'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode',
      'listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
      ...ABSOLUTE,
      '1001.000000 IP 10.9.0.1.53 > 10.9.0.2.40001: 1234 1/0/0 A 10.0.0.1 (45)',
      '1001.100000 ARP, Request who-has 10.9.0.2 tell 10.9.0.1, length 28',
      '\t0x0000:  4500 0034 0000 4000 4006 0000 0a09 0001',
      '8 packets captured',
    ];
    const { packets: got, skipped } = packets(text(lines));
    expect(got).toHaveLength(6);
    expect(skipped).toEqual({ 'not-tcp': 1, 'not-ip': 1 });
  });
});
