/**
 * The classic libpcap file format, read as a stream: a 24-byte file header, then records
 * of a 16-byte header and the captured bytes. Both byte orders, micro- and nanosecond
 * time stamps, and the "modified" format whose record headers carry 8 bytes more.
 */
import { CaptureError } from './errors.ts';
import { isKnownLinktype } from './decode.ts';
import { Carry, MAX_RECORD, type ChunkReader, type RecordSink } from './records.ts';

const FILE_HEADER = 24;
const MAGICS = [
  { magic: 0xa1b2c3d4, scale: 1e6, record: 16 },
  { magic: 0xa1b23c4d, scale: 1e9, record: 16 },
  { magic: 0xa1b2cd34, scale: 1e6, record: 24 },
] as const;

/** The format a file's first four bytes announce, if they are a pcap magic number. */
export function pcapMagic(head: DataView): { little: boolean; scale: number; record: number } | null {
  for (const little of [true, false]) {
    const word = head.getUint32(0, little);
    const found = MAGICS.find((m) => m.magic === word);
    if (found) return { little, scale: found.scale, record: found.record };
  }
  return null;
}

export class PcapReader implements ChunkReader {
  private readonly carry = new Carry();
  private format: { little: boolean; scale: number; record: number; linktype: number } | null = null;
  private count = 0;

  private readonly file: string;
  private readonly sink: RecordSink;

  constructor(file: string, sink: RecordSink) {
    this.file = file;
    this.sink = sink;
  }

  feed(chunk: Uint8Array): void {
    const bytes = this.carry.join(chunk);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    if (this.format === null) {
      if (bytes.length < FILE_HEADER) {
        this.carry.keep(bytes, 0);
        return;
      }
      this.format = this.header(view);
      at = FILE_HEADER;
    }
    const { little, scale, record, linktype } = this.format;
    while (bytes.length - at >= record) {
      const captured = view.getUint32(at + 8, little);
      const n = this.count + 1;
      if (captured > MAX_RECORD) {
        throw new CaptureError(
          this.file,
          `record length ${captured} bytes is larger than any packet (at most ${MAX_RECORD}): the file is damaged here`,
          n,
        );
      }
      if (bytes.length - at - record < captured) break;
      this.count = n;
      const ts = view.getUint32(at, little) + view.getUint32(at + 4, little) / scale;
      const start = at + record;
      if (captured === 0) this.sink.skip(n, 'empty-record');
      else this.sink.frame(n, ts, linktype, view, start, captured);
      at = start + captured;
    }
    this.carry.keep(bytes, at);
  }

  end(): void {
    if (this.format === null) {
      throw new CaptureError(this.file, `pcap: the file ends inside its ${FILE_HEADER}-byte header`);
    }
    if (this.carry.pending > 0) {
      this.sink.warn({
        packet: this.count + 1,
        line: null,
        message: `the file ends inside this record (cut short): its last ${this.carry.pending} bytes are ignored`,
      });
    }
  }

  private header(view: DataView): { little: boolean; scale: number; record: number; linktype: number } {
    const magic = pcapMagic(view);
    if (magic === null) throw new CaptureError(this.file, 'pcap: bad magic number');
    const { little } = magic;
    const major = view.getUint16(4, little);
    const minor = view.getUint16(6, little);
    const snaplen = view.getUint32(16, little);
    // Bits 16 and up of this field say whether frames carry an FCS; the link type is below.
    const linktype = view.getUint32(20, little) & 0xffff;
    const warn = (message: string) => {
      this.sink.warn({ packet: null, line: null, message });
    };
    if (major !== 2) warn(`pcap version ${major}.${minor} (expected 2.4): reading it as 2.4`);
    if (snaplen === 0) warn('the header gives a snap length of 0, which is invalid: reading the records anyway');
    else if (snaplen > 16 * 1024 * 1024) warn(`the header gives a snap length of ${snaplen} bytes: ignored`);
    if (!isKnownLinktype(linktype)) {
      throw new CaptureError(
        this.file,
        `pcap: link type ${linktype} is not one this reader decodes (Ethernet, Linux cooked v1/v2, raw IP, loopback)`,
      );
    }
    return { ...magic, linktype };
  }
}
