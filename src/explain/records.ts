/**
 * What the binary readers share: the sink they hand records to, and the carry that keeps
 * a record split across two chunks of the stream until the rest arrives.
 */
import type { CaptureWarning } from './errors.ts';

/** Bigger than any real packet (libpcap's limit is 256 KiB): a larger length means a damaged file. */
export const MAX_RECORD = 262_144;

export interface RecordSink {
  /** One captured frame, at [offset, offset + length) of `view`; `n` counts records from 1, `ts` is seconds since 1970. */
  frame(n: number, ts: number, linktype: number, view: DataView, offset: number, length: number): void;
  /** A record that is not a packet (or a packet with no bytes): it still has a number. */
  skip(n: number, why: 'empty-record' | 'link-type'): void;
  warn(warning: CaptureWarning): void;
}

/** A push parser: fed the file chunk by chunk, told when it ends. */
export interface ChunkReader {
  feed(chunk: Uint8Array): void;
  end(): void;
}

/** Holds the unread tail of the previous chunk and joins it to the next one. */
export class Carry {
  private rest = new Uint8Array(0);

  /** The bytes to parse now: what was left over, then `chunk`. */
  join(chunk: Uint8Array): Uint8Array {
    if (this.rest.length === 0) return chunk;
    const joined = new Uint8Array(this.rest.length + chunk.length);
    joined.set(this.rest);
    joined.set(chunk, this.rest.length);
    return joined;
  }

  /** Keeps `bytes` from `offset` on for the next chunk (copied: the stream may reuse its buffer). */
  keep(bytes: Uint8Array, offset: number): void {
    this.rest = bytes.slice(offset);
  }

  get pending(): number {
    return this.rest.length;
  }
}
