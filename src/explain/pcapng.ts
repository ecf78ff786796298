/**
 * pcapng (draft-ietf-opsawg-pcapng), read as a stream of blocks: Section Header, Interface
 * Description, Enhanced, Simple and the obsolete Packet block. Every other block is skipped
 * by its length, as the format intends. Each section sets its own byte order.
 */
import { CaptureError } from './errors.ts';
import { isKnownLinktype } from './decode.ts';
import { Carry, MAX_RECORD, type ChunkReader, type RecordSink } from './records.ts';

export const SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB = 1;
const OPB = 2;
const SPB = 3;
const EPB = 6;
/** Non-packet blocks (name resolution, statistics, custom) may be large, but not this large. */
const MAX_BLOCK = 16 * 1024 * 1024;

interface Interface {
  linktype: number;
  snaplen: number;
  /** Time stamp units per second. */
  units: number;
  /** Seconds added to every time stamp (if_tsoffset). */
  offset: number;
  known: boolean;
}

export class PcapngReader implements ChunkReader {
  private readonly carry = new Carry();
  private little = true;
  private inSection = false;
  private interfaces: Interface[] = [];
  private count = 0;
  private offset = 0;
  private lastTs = 0;
  private warnedLinktype = new Set<number>();

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
    while (bytes.length - at >= 12) {
      let type = view.getUint32(at, this.little);
      if (type === SHB) {
        const bom = view.getUint32(at + 8, true);
        if (bom === BYTE_ORDER_MAGIC) this.little = true;
        else if (view.getUint32(at + 8, false) === BYTE_ORDER_MAGIC) this.little = false;
        else throw this.damaged(`the section header at byte ${this.offset + at} has a bad byte-order magic`);
        type = SHB;
      } else if (!this.inSection) {
        throw new CaptureError(this.file, 'pcapng: the file does not start with a Section Header Block');
      }
      const length = view.getUint32(at + 4, this.little);
      if (length < 12 || length % 4 !== 0) {
        throw this.damaged(
          `block at byte ${this.offset + at} gives its length as ${length}, which is ${length < 12 ? 'shorter than a block header' : 'not a multiple of 4'}`,
        );
      }
      if (length > MAX_BLOCK) throw this.damaged(`block at byte ${this.offset + at} claims ${length} bytes`);
      if (bytes.length - at < length) break;
      if (view.getUint32(at + length - 4, this.little) !== length) {
        throw this.damaged(`block at byte ${this.offset + at}: its two length fields disagree`);
      }
      this.block(type, new DataView(bytes.buffer, bytes.byteOffset + at, length));
      at += length;
    }
    this.offset += at;
    this.carry.keep(bytes, at);
  }

  end(): void {
    if (!this.inSection) throw new CaptureError(this.file, 'pcapng: the file ends inside its first block');
    if (this.carry.pending > 0) {
      this.sink.warn({
        packet: this.count + 1,
        line: null,
        message: `the file ends inside a block (cut short): its last ${this.carry.pending} bytes are ignored`,
      });
    }
  }

  private damaged(problem: string): CaptureError {
    return new CaptureError(this.file, `pcapng: ${problem}`, this.count + 1);
  }

  private block(type: number, view: DataView): void {
    const length = view.byteLength;
    const little = this.little;
    switch (type) {
      case SHB: {
        if (length < 28) throw this.damaged('a section header block is shorter than 28 bytes');
        this.inSection = true;
        this.interfaces = [];
        return;
      }
      case IDB: {
        if (length < 20) throw this.damaged('an interface description block is shorter than 20 bytes');
        const linktype = view.getUint16(8, little);
        const iface: Interface = {
          linktype,
          snaplen: view.getUint32(12, little),
          units: 1e6,
          offset: 0,
          known: isKnownLinktype(linktype),
        };
        this.options(view, 16, length - 4, iface);
        this.interfaces.push(iface);
        return;
      }
      case EPB:
      case OPB: {
        if (length < 32) throw this.damaged('a packet block is shorter than 32 bytes');
        const id = type === EPB ? view.getUint32(8, little) : view.getUint16(8, little);
        const high = view.getUint32(12, little);
        const low = view.getUint32(16, little);
        const captured = view.getUint32(20, little);
        this.packet(id, high * 4294967296 + low, captured, 28, view);
        return;
      }
      case SPB: {
        if (length < 16) throw this.damaged('a simple packet block is shorter than 16 bytes');
        const original = view.getUint32(8, little);
        const snaplen = this.interfaces[0]?.snaplen ?? 0;
        const captured = Math.min(original, length - 16, snaplen === 0 ? Infinity : snaplen);
        this.packet(0, null, captured, 12, view);
        return;
      }
      default:
        return;
    }
  }

  /** One packet: `stamp` in the interface's units, or null (a simple packet block has none). */
  private packet(id: number, stamp: number | null, captured: number, at: number, view: DataView) {
    const length = view.byteLength;
    const n = ++this.count;
    const iface = this.interfaces[id];
    if (iface === undefined) throw this.damaged(`the packet names interface ${id}, which no block described`);
    if (captured > MAX_RECORD) throw this.damaged(`captured length ${captured} is larger than any packet`);
    if (at + captured > length - 4) {
      throw this.damaged(`captured length ${captured} does not fit in its ${length}-byte block`);
    }
    if (stamp !== null) this.lastTs = stamp / iface.units + iface.offset;
    if (!iface.known) {
      if (!this.warnedLinktype.has(iface.linktype)) {
        this.warnedLinktype.add(iface.linktype);
        this.sink.warn({
          packet: n,
          line: null,
          message: `interface ${id} has link type ${iface.linktype}, which this reader does not decode: its packets are skipped`,
        });
      }
      this.sink.skip(n, 'link-type');
      return;
    }
    if (captured === 0) {
      this.sink.skip(n, 'empty-record');
      return;
    }
    this.sink.frame(n, this.lastTs, iface.linktype, view, at, captured);
  }

  /** Interface options that change time stamps: if_tsresol (9) and if_tsoffset (14). */
  private options(view: DataView, from: number, to: number, iface: Interface): void {
    const little = this.little;
    for (let k = from; k + 4 <= to;) {
      const code = view.getUint16(k, little);
      const size = view.getUint16(k + 2, little);
      if (code === 0 || k + 4 + size > to) return;
      if (code === 9 && size >= 1) {
        const r = view.getUint8(k + 4);
        const exponent = r & 0x7f;
        // Past 10^-15 (or 2^-50) a double cannot hold the stamp anyway.
        if (r & 0x80) iface.units = 2 ** Math.min(exponent, 50);
        else iface.units = 10 ** Math.min(exponent, 15);
      } else if (code === 14 && size >= 8) {
        iface.offset = Number(view.getBigInt64(k + 4, little));
      }
      k += 4 + Math.ceil(size / 4) * 4;
    }
  }
}
