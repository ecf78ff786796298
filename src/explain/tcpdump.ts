/**
 * tcpdump's text output, line by line: `-n` or `-nn`, with or without `-S` (absolute
 * sequence numbers), `-tt` / `-tttt` / default time stamps, `-v` (the IP header on its
 * own line), `-e`, and `-i any` (interface and direction before the protocol).
 *
 * Without `-S`, tcpdump prints sequence and acknowledgement numbers of ACK-bearing
 * segments relative to the first such segment it saw on the conversation (print-tcp.c);
 * this reader keeps the same table to turn them back into absolute numbers, and tells
 * the two forms apart by whether the numbers sit near that first segment's or near zero.
 */
import { CaptureError, type CaptureWarning } from './errors.ts';
import { ACK, FIN, PSH, RST, SYN, URG, seqAdd, seqDiff, type Packet, type SkipWhy } from './packet.ts';
import { SERVICES } from './services.ts';

const CHATTER =
  /^(listening on |tcpdump: |reading from file |\d+ packets? (captured|received by filter|dropped by kernel))/;
const HEX_DUMP = /^\s+0x[0-9a-f]{4}:\s/i;
const STAMP_EPOCH = /^(\d+\.\d+)\s+/;
const STAMP_DATE = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d+)\s+/;
const STAMP_TIME = /^(\d\d):(\d\d):(\d\d)\.(\d+)\s+/;
const TCP_PART = /(\S+)\.([\w-]+) > (\S+)\.([\w-]+): Flags \[([^\]]*)\](.*)$/;
/** Link-layer protocols tcpdump names when the frame carries no IP. */
const NOT_IP = /(^|\s)(ARP|RARP|STP|LLDP|CDP|IPX|LLC|ethertype (?!IPv[46]))/;
const IP_LINE = /(^|\s)(IP6?|ethertype IPv[46] \([^)]*\), length \d+:)(\s|$)/;

export interface TextSink {
  packet(p: Packet): void;
  skip(n: number, why: SkipWhy): void;
  warn(w: CaptureWarning): void;
}

type Mode = 'unknown' | 'absolute' | 'relative';

interface Bases {
  /** Sequence base of the conversation's first side (in print-tcp.c's collating order) and of the second. */
  first: number;
  second: number;
}

export class TcpdumpReader {
  private readonly decoder = new TextDecoder();
  private partial = '';
  private lineNo = 0;
  private pending: { text: string; line: number } | null = null;
  private mode: Mode = 'unknown';
  private readonly bases = new Map<string, Bases>();
  private lastTime = -Infinity;
  private dayOffset = 0;
  private understood = 0;
  private firstGarbage: { line: number; text: string; problem: string | null } | null = null;
  private garbageWarnings = 0;

  private readonly file: string;

  private readonly sink: TextSink;

  constructor(file: string, sink: TextSink) {
    this.file = file;

    this.sink = sink;
  }

  feed(chunk: Uint8Array): void {
    const text = this.partial + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    if (this.partial.length > 1_000_000) {
      throw new CaptureError(this.file, 'a line longer than 1 MB: this is not tcpdump text', null, this.lineNo + 1);
    }
    for (const line of lines) this.line(line);
  }

  end(): void {
    const rest = this.partial + this.decoder.decode();
    if (rest !== '') this.line(rest);
    this.flushPending();
    if (this.understood === 0) {
      const where = this.firstGarbage;
      if (where === null) throw new CaptureError(this.file, 'no packets: the text holds no tcpdump lines');
      throw new CaptureError(
        this.file,
        where.problem ?? `not a pcap, pcapng or tcpdump text file: cannot read “${where.text.slice(0, 80)}”`,
        null,
        where.line,
      );
    }
  }

  private line(raw: string): void {
    const n = ++this.lineNo;
    const text = raw.replace(/\r$/, '');
    if (text.trim() === '' || CHATTER.test(text) || HEX_DUMP.test(text)) return;
    // -v puts the IPv4 header on one line and the TCP part, indented, on the next.
    if (/^\s/.test(text) && this.pending !== null) {
      const joined = `${this.pending.text} ${text.trim()}`;
      const line = this.pending.line;
      this.pending = null;
      this.parse(joined, line);
      return;
    }
    this.flushPending();
    if (/ IP \(tos /.test(text) && !text.includes('Flags [')) {
      this.pending = { text, line: n };
      return;
    }
    this.parse(text, n);
  }

  private flushPending(): void {
    if (this.pending === null) return;
    const { text, line } = this.pending;
    this.pending = null;
    // An IPv4 header line with nothing after it: not TCP (tcpdump prints UDP and ICMP the same way).
    this.understood++;
    this.sink.skip(line, /proto TCP/.test(text) ? 'truncated' : 'not-tcp');
  }

  private parse(text: string, n: number): void {
    const ts = this.timestamp(text, n);
    const tcp = TCP_PART.exec(text);
    if (tcp === null) {
      if (ts !== null && IP_LINE.test(text)) {
        this.understood++;
        this.sink.skip(n, 'not-tcp');
        return;
      }
      if (ts !== null && NOT_IP.test(text)) {
        this.understood++;
        this.sink.skip(n, 'not-ip');
        return;
      }
      this.garbage(n, text);
      return;
    }
    const [, srcIp = '', sportText = '', dstIp = '', dportText = '', flagText = '', rest = ''] = tcp;
    const sport = port(sportText);
    const dport = port(dportText);
    if (sport === null || dport === null) {
      const name = sport === null ? sportText : dportText;
      this.garbage(
        n,
        text,
        `port '${name}' is a service name this reader does not know: capture the text with tcpdump -nn`,
      );
      return;
    }
    const flags = parseFlags(flagText);
    const body = rest.replace(/options \[[^\]]*\]/, '');
    const options = /options \[([^\]]*)\]/.exec(rest)?.[1] ?? '';
    const seqMatch = /(?:^|[\s,])seq (\d+)(?::(\d+))?/.exec(body);
    const ackMatch = /(?:^|[\s,])ack (\d+)/.exec(body);
    const len = Number(/(?:^|[\s,])length (\d+)/.exec(body)?.[1] ?? '0');
    const win = Number(/(?:^|[\s,])win (\d+)/.exec(body)?.[1] ?? '0');
    const wscale = /wscale (\d+)/.exec(options)?.[1];
    let seq = seqMatch ? Number(seqMatch[1]) >>> 0 : null;
    let ack = flags & ACK && ackMatch ? Number(ackMatch[1]) >>> 0 : null;
    if (flags & ACK) [seq, ack] = this.absolute(srcIp, sport, dstIp, dport, flags, seq, ack);
    this.understood++;
    this.sink.packet({
      n,
      ts: ts ?? n * 1e-6,
      src: srcIp,
      dst: dstIp,
      sport,
      dport,
      flags,
      seq,
      ack,
      len,
      win,
      wscale: flags & SYN && wscale !== undefined ? Math.min(Number(wscale), 14) : null,
    });
  }

  private garbage(n: number, text: string, problem?: string): void {
    const message = problem ?? `not a tcpdump line, skipped: “${text.slice(0, 60)}”`;
    this.firstGarbage ??= { line: n, text, problem: problem ?? null };
    this.sink.skip(n, 'text-line');
    if (this.garbageWarnings++ < 3) this.sink.warn({ packet: null, line: n, message });
  }

  /** Seconds: since 1970 for -tt and -tttt, since midnight (days counted on) for the default stamp. */
  private timestamp(text: string, n: number): number | null {
    let ts: number | null = null;
    const epoch = STAMP_EPOCH.exec(text);
    const date = epoch ? null : STAMP_DATE.exec(text);
    const time = epoch || date ? null : STAMP_TIME.exec(text);
    if (epoch) {
      ts = Number(epoch[1]);
    } else if (date) {
      const [y = 1970, mo = 1, d = 1, h = 0, mi = 0, sec = 0] = date.slice(1, 7).map(Number);
      ts = Date.UTC(y, mo - 1, d, h, mi, sec) / 1000 + Number(`0.${date[7] ?? '0'}`);
    } else if (time) {
      const [h = 0, mi = 0, sec = 0] = time.slice(1, 4).map(Number);
      ts = h * 3600 + mi * 60 + sec + Number(`0.${time[4] ?? '0'}`) + this.dayOffset;
      // Time of day only: a stamp far before the previous one means midnight passed.
      if (ts < this.lastTime - 43_200) {
        this.dayOffset += 86_400;
        ts += 86_400;
      }
    }
    if (ts !== null && !Number.isFinite(ts)) {
      throw new CaptureError(this.file, 'the time stamp is not a number', null, n);
    }
    if (ts !== null) this.lastTime = ts;
    return ts;
  }

  /** print-tcp.c's relative numbers turned back into absolute ones (see the file comment). */
  private absolute(
    srcIp: string,
    sport: number,
    dstIp: string,
    dport: number,
    flags: number,
    seq: number | null,
    ack: number | null,
  ): [number | null, number | null] {
    const a = `${srcIp}.${sport}`;
    const b = `${dstIp}.${dport}`;
    const forward = a < b;
    const key = forward ? `${a}>${b}` : `${b}>${a}`;
    const bases = this.bases.get(key);
    if (bases === undefined || flags & SYN) {
      // The first ACK-bearing segment (or any SYN+ACK) is printed in full and sets the bases.
      const mine = seq ?? 0;
      const theirs = ack === null ? 0 : seqAdd(ack, -1);
      this.bases.set(key, forward ? { first: mine, second: theirs } : { first: theirs, second: mine });
      return [seq, ack];
    }
    const mineBase = forward ? bases.first : bases.second;
    const theirBase = forward ? bases.second : bases.first;
    if (this.mode === 'unknown') {
      const value = seq ?? ack;
      const base = seq !== null ? mineBase : theirBase;
      if (value !== null) this.mode = value < Math.abs(seqDiff(value, base)) ? 'relative' : 'absolute';
    }
    if (this.mode !== 'relative') return [seq, ack];
    return [seq === null ? null : seqAdd(seq, mineBase), ack === null ? null : seqAdd(ack, theirBase)];
  }
}

/** A port number, or the number behind a service name tcpdump prints without -nn; null for a name it does not know. */
function port(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  return SERVICES[text] ?? null;
}

function parseFlags(text: string): number {
  let flags = 0;
  for (const c of text) {
    if (c === 'S') flags |= SYN;
    else if (c === 'F') flags |= FIN;
    else if (c === 'R') flags |= RST;
    else if (c === 'P') flags |= PSH;
    else if (c === '.') flags |= ACK;
    else if (c === 'U') flags |= URG;
  }
  return flags;
}
