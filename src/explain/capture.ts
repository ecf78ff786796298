/**
 * A capture file of any supported kind, read as a stream: the first bytes decide whether
 * it is pcap, pcapng or tcpdump text, then records go through the frame decoder and come
 * out as TCP segments. Everything that is not a TCP segment is counted by why.
 */
import { decodeFrame } from './decode.ts';
import { CaptureError, type CaptureWarning } from './errors.ts';
import type { Packet, SkipWhy } from './packet.ts';
import { PcapReader, pcapMagic } from './pcap.ts';
import { PcapngReader, SHB } from './pcapng.ts';
import type { ChunkReader, RecordSink } from './records.ts';
import { TcpdumpReader } from './tcpdump.ts';

export type CaptureFormat = 'pcap' | 'pcapng' | 'tcpdump-text';

export interface CaptureStats {
  format: CaptureFormat | null;
  /** Records (or text lines that held a packet) read, TCP or not. */
  records: number;
  tcp: number;
  skipped: Partial<Record<SkipWhy, number>>;
  /** The first warnings (at most MAX_WARNINGS); `warningCount` has them all. */
  warnings: CaptureWarning[];
  warningCount: number;
}

const MAX_WARNINGS = 20;
/** Bytes looked at before deciding the format. */
const SNIFF = 512;

/** Feeds a capture's bytes in any chunking; `end()` returns the counts once the last chunk is in. */
export class CaptureReader {
  private reader: ChunkReader | null = null;
  private head: Uint8Array[] = [];
  private headBytes = 0;
  readonly stats: CaptureStats = { format: null, records: 0, tcp: 0, skipped: {}, warnings: [], warningCount: 0 };

  private readonly file: string;

  private readonly onPacket: (packet: Packet) => void;

  constructor(file: string, onPacket: (packet: Packet) => void) {
    this.file = file;

    this.onPacket = onPacket;
  }

  feed(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.reader !== null) {
      this.reader.feed(chunk);
      return;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes >= SNIFF) this.start();
  }

  end(): CaptureStats {
    if (this.reader === null) {
      if (this.headBytes === 0) throw new CaptureError(this.file, 'the file is empty (0 bytes)');
      this.start();
    }
    this.reader?.end();
    return this.stats;
  }

  private start(): void {
    const head = new Uint8Array(this.headBytes);
    let at = 0;
    for (const part of this.head) {
      head.set(part, at);
      at += part.length;
    }
    this.head = [];
    const format = sniff(head);
    if (format === null) {
      const shown = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
      throw new CaptureError(
        this.file,
        `not a pcap, pcapng or tcpdump text file: it starts with the bytes ${shown}, which are no capture's magic number`,
      );
    }
    this.stats.format = format;
    this.reader =
      format === 'tcpdump-text'
        ? new TcpdumpReader(this.file, {
            packet: (p) => {
              this.packet(p);
            },
            skip: (_n, why) => {
              this.skip(why);
            },
            warn: (w) => {
              this.warn(w);
            },
          })
        : format === 'pcap'
          ? new PcapReader(this.file, this.records())
          : new PcapngReader(this.file, this.records());
    this.reader.feed(head);
  }

  private records(): RecordSink {
    return {
      frame: (n, ts, linktype, view, offset, length) => {
        const decoded = decodeFrame(linktype, view, offset, length);
        if (typeof decoded === 'string') {
          this.skip(decoded);
          return;
        }
        const packet = decoded as Packet;
        packet.n = n;
        packet.ts = ts;
        this.packet(packet);
      },
      skip: (_n, why) => {
        this.skip(why);
      },
      warn: (w) => {
        this.warn(w);
      },
    };
  }

  private packet(packet: Packet): void {
    this.stats.records++;
    this.stats.tcp++;
    this.onPacket(packet);
  }

  private skip(why: SkipWhy): void {
    if (why !== 'text-line') this.stats.records++;
    this.stats.skipped[why] = (this.stats.skipped[why] ?? 0) + 1;
  }

  private warn(warning: CaptureWarning): void {
    this.stats.warningCount++;
    if (this.stats.warnings.length < MAX_WARNINGS) this.stats.warnings.push(warning);
  }
}

/** pcap and pcapng by magic number; text when the first bytes hold no NUL and decode as UTF-8. */
function sniff(head: Uint8Array): CaptureFormat | null {
  if (head.length >= 4) {
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    if (pcapMagic(view) !== null) return 'pcap';
    if (view.getUint32(0) === SHB) return 'pcapng';
  }
  if (head.includes(0)) return null;
  try {
    // A multi-byte character may be cut at the end of the sniffed bytes: leave the last 3 out.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
  } catch {
    return null;
  }
  return 'tcpdump-text';
}
