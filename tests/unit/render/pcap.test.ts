import { describe, expect, it } from 'vitest';
import { DEFAULT_EPOCH, readPcap, tracePcap } from '../../../src/render/pcap.ts';
import type { Trace } from '../../../src/model/trace.ts';
import { lossyTrace, refusedTrace, segment } from './fixtures.ts';
import { nth } from '../nth.ts';

/** The test's own RFC 1071 sum, independent of src/render/inet.ts: a valid header sums to 0xffff. */
function sum16(...parts: Uint8Array[]): number {
  let sum = 0;
  for (const bytes of parts) {
    for (let k = 0; k < bytes.length; k += 2) sum += nth(bytes, k) * 256 + (bytes[k + 1] ?? 0);
  }
  while (sum > 0xffff) sum = (sum % 0x10000) + Math.floor(sum / 0x10000);
  return sum;
}

interface Record {
  sec: number;
  usec: number;
  incl: number;
  orig: number;
  frame: Uint8Array;
}

/** Splits the file into records by hand, without readPcap. */
function records(bytes: Uint8Array): Record[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record[] = [];
  for (let at = 24; at < bytes.length;) {
    const incl = view.getUint32(at + 8, true);
    out.push({
      sec: view.getUint32(at, true),
      usec: view.getUint32(at + 4, true),
      incl,
      orig: view.getUint32(at + 12, true),
      frame: bytes.subarray(at + 16, at + 16 + incl),
    });
    at += 16 + incl;
  }
  return out;
}

const be16 = (b: Uint8Array, at: number): number => nth(b, at) * 256 + nth(b, at + 1);
const be32 = (b: Uint8Array, at: number): number => be16(b, at) * 65536 + be16(b, at + 2);
const TCP = 34; // Ethernet 14 + IPv4 20

describe('tracePcap', () => {
  it('writes the classic pcap global header: LE magic, v2.4, snaplen 65535, Ethernet', () => {
    const bytes = tracePcap(refusedTrace());
    expect(Array.from(bytes.subarray(0, 24))).toEqual([
      0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 0, 0, 0,
    ]);
  });

  it('writes one record per segment, and nothing else', () => {
    const trace = lossyTrace();
    const bytes = tracePcap(trace);
    const recs = records(bytes);
    expect(recs).toHaveLength(trace.segments.length);
    expect(24 + recs.reduce((n, r) => n + 16 + r.incl, 0)).toBe(bytes.length);
  });

  it('sizes each frame as Ethernet 14 + IPv4 20 + TCP 20 (24 with MSS on SYN) + payload', () => {
    const trace = lossyTrace();
    records(tracePcap(trace)).forEach((r, k) => {
      const seg = nth(trace.segments, k);
      const tcpHeader = seg.flags.includes('SYN') ? 24 : 20;
      expect(r.incl).toBe(14 + 20 + tcpHeader + seg.len);
      expect(r.orig).toBe(r.incl);
      expect(be16(r.frame, 16)).toBe(20 + tcpHeader + seg.len); // IPv4 total length
      expect(nth(r.frame, TCP + 12) >> 4).toBe(tcpHeader / 4);
      expect(r.frame.subarray(TCP + tcpHeader).every((b) => b === 0)).toBe(true);
    });
  });

  it('stamps each record with epoch + send time, 2026-01-01T00:00:00Z by default', () => {
    const trace = lossyTrace();
    const recs = records(tracePcap(trace));
    expect(DEFAULT_EPOCH).toBe(Date.UTC(2026, 0, 1) / 1000);
    expect(recs.map((r) => [r.sec - DEFAULT_EPOCH, r.usec])).toEqual(
      trace.segments.map((s) => [Math.floor(s.t), Math.round((s.t % 1) * 1e6)]),
    );
    expect(records(tracePcap(trace, { epoch: 1000 }))[4]).toMatchObject({ sec: 1001, usec: 150000 });
  });

  it('addresses host i as 10.0.0.(i+1) with MAC 02:00:00:00:00:(i+1)', () => {
    const recs = records(tracePcap(refusedTrace()));
    const syn = nth(recs, 0);
    const rst = nth(recs, 1);
    expect(Array.from(syn.frame.subarray(0, 14))).toEqual([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00]);
    expect(Array.from(syn.frame.subarray(26, 34))).toEqual([10, 0, 0, 1, 10, 0, 0, 2]);
    expect(Array.from(rst.frame.subarray(26, 34))).toEqual([10, 0, 0, 2, 10, 0, 0, 1]);
  });

  it('writes IPv4 with version 4, IHL 5, DF, TTL 64, protocol 6 and an incrementing id', () => {
    records(tracePcap(lossyTrace())).forEach((r, k) => {
      const ip = r.frame.subarray(14, 34);
      expect(ip[0]).toBe(0x45);
      expect(be16(ip, 4)).toBe(k + 1);
      expect(be16(ip, 6)).toBe(0x4000);
      expect(ip[8]).toBe(64);
      expect(ip[9]).toBe(6);
    });
  });

  it('gives every IPv4 header a valid checksum', () => {
    for (const r of records(tracePcap(lossyTrace()))) {
      expect(be16(r.frame, 24)).not.toBe(0);
      expect(sum16(r.frame.subarray(14, 34))).toBe(0xffff);
    }
  });

  it('gives every TCP segment a valid checksum over the pseudo-header', () => {
    for (const r of records(tracePcap(lossyTrace()))) {
      const tcp = r.frame.subarray(TCP);
      const pseudo = Uint8Array.of(...r.frame.subarray(26, 34), 0, 6, tcp.length >> 8, tcp.length & 0xff);
      expect(sum16(pseudo, tcp)).toBe(0xffff);
    }
  });

  it('keeps the TCP checksum valid for an odd payload length', () => {
    const trace: Trace = {
      ...refusedTrace(),
      segments: [segment({ i: 0, t: 0, step: 1, len: 7, flags: ['PSH', 'ACK'], ack: 5 })],
    };
    const r = nth(records(tracePcap(trace)), 0);
    const tcp = r.frame.subarray(TCP);
    expect(tcp.length).toBe(27);
    expect(sum16(Uint8Array.of(10, 0, 0, 1, 10, 0, 0, 2, 0, 6, 0, 27), tcp)).toBe(0xffff);
  });

  it('sets the flag bits FIN 0x01 SYN 0x02 RST 0x04 PSH 0x08 ACK 0x10', () => {
    const flagBytes = (t: Trace) => records(tracePcap(t)).map((r) => r.frame[TCP + 13]);
    expect(flagBytes(refusedTrace())).toEqual([0x02, 0x14]);
    expect(flagBytes(lossyTrace())).toEqual([0x02, 0x12, 0x10, 0x18, 0x18, 0x10, 0x18, 0x10, 0x14]);
    const fin: Trace = {
      ...refusedTrace(),
      segments: [segment({ i: 0, t: 0, step: 1, flags: ['FIN', 'PSH', 'ACK'], ack: 1 })],
    };
    expect(flagBytes(fin)).toEqual([0x19]);
  });

  it('writes ports, absolute seq and ack, 0 for a missing ack', () => {
    const trace = lossyTrace();
    records(tracePcap(trace)).forEach((r, k) => {
      const seg = nth(trace.segments, k);
      expect(be16(r.frame, TCP)).toBe(seg.sport);
      expect(be16(r.frame, TCP + 2)).toBe(seg.dport);
      expect(be32(r.frame, TCP + 4)).toBe(seg.seq);
      expect(be32(r.frame, TCP + 8)).toBe(seg.ack ?? 0);
    });
  });

  it('carries MSS 1460 as the only option, on SYN segments only', () => {
    const recs = records(tracePcap(lossyTrace()));
    expect(Array.from(nth(recs, 0).frame.subarray(TCP + 20, TCP + 24))).toEqual([2, 4, 0x05, 0xb4]);
    expect(Array.from(nth(recs, 1).frame.subarray(TCP + 20, TCP + 24))).toEqual([2, 4, 0x05, 0xb4]);
    expect(nth(recs, 2).frame[TCP + 12]).toBe(0x50);
  });

  it('clamps the window to 65535', () => {
    const recs = records(tracePcap(lossyTrace()));
    expect(be16(nth(recs, 5).frame, TCP + 14)).toBe(65535);
    expect(be16(nth(recs, 1).frame, TCP + 14)).toBe(65160);
  });

  it('caps the payload so a frame stays within the snaplen', () => {
    const trace: Trace = { ...refusedTrace(), segments: [segment({ i: 0, t: 0, step: 1, len: 100_000 })] };
    const r = nth(records(tracePcap(trace)), 0);
    expect(r.incl).toBe(65535);
    expect(readPcap(tracePcap(trace)).packets[0]).toMatchObject({ payloadLen: 65535 - 54, tcpChecksumOk: true });
  });

  it('is deterministic', () => {
    expect(tracePcap(lossyTrace())).toEqual(tracePcap(lossyTrace()));
  });

  it('writes only a global header for a trace without segments', () => {
    expect(tracePcap({ ...refusedTrace(), segments: [] })).toHaveLength(24);
  });
});

describe('readPcap', () => {
  it('round-trips every field of every segment', () => {
    const trace = lossyTrace();
    const file = readPcap(tracePcap(trace));
    expect(file.linktype).toBe(1);
    expect(file.packets).toHaveLength(trace.segments.length);
    file.packets.forEach((p, k) => {
      const seg = nth(trace.segments, k);
      const ip = (host: string) => `10.0.0.${trace.hosts.indexOf(host) + 1}`;
      expect(p.ts - DEFAULT_EPOCH).toBeCloseTo(seg.t, 6);
      expect(p).toMatchObject({
        srcIp: ip(seg.from),
        dstIp: ip(seg.to),
        sport: seg.sport,
        dport: seg.dport,
        seq: seg.seq,
        ack: seg.ack ?? 0,
        flags: seg.flags,
        win: Math.min(seg.win, 65535),
        payloadLen: seg.len,
        ipId: k + 1,
        mss: seg.flags.includes('SYN') ? 1460 : null,
        ipChecksumOk: true,
        tcpChecksumOk: true,
      });
    });
  });

  it('notices a corrupted byte in the IPv4 header or in the TCP segment', () => {
    const bytes = tracePcap(refusedTrace());
    const flip = (at: number, bit: number) => {
      bytes.set([nth(bytes, at) ^ bit], at);
    };
    flip(24 + 16 + 22, 0x01); // first packet's TTL
    flip(bytes.length - 20 + 5, 0x80); // last packet's seq
    const [first, last] = readPcap(bytes).packets;
    expect(first).toMatchObject({ ipChecksumOk: false, tcpChecksumOk: true });
    expect(last).toMatchObject({ ipChecksumOk: true, tcpChecksumOk: false });
  });

  it('rejects a file that is not a pcap, or that is cut short', () => {
    expect(() => readPcap(new TextEncoder().encode('not a capture file, really'))).toThrow(/magic/);
    expect(() => readPcap(new Uint8Array(10))).toThrow(/shorter/);
    expect(() => readPcap(tracePcap(refusedTrace()).subarray(0, 60))).toThrow(/packet 1: truncated/);
  });
});
