/**
 * Connection tracking: segments grouped by 4-tuple, a new connection when a SYN with a
 * new initial sequence number reuses the tuple. Each connection keeps running counts,
 * the first and the latest segments (not all of them: a capture may be larger than
 * memory), and for every RST and FIN a snapshot of what came before and after it.
 */
import {
  MAX_MILESTONES,
  copySide,
  forgetMilestone,
  guessServer,
  isEnded,
  newSide,
  type Conn,
  type EndEvent,
  type MilestoneKind,
  type Seg,
  type Side,
  type SideState,
} from './conn.ts';
import { ConnectionKeys } from './keys.ts';
import { ACK, FIN, RST, SYN, seqAdd, seqLt, seqSpace, type Packet } from './packet.ts';

/** Segments kept per connection by default: enough to draw its start and its end. */
const HEAD = 12;
const TAIL = 28;
const CONTEXT = 12;
const AFTER = 6;
const MAX_EVENTS = 24;
/** An ACK that repeats itself after this much quiet is taken for a probe when text hides its sequence number. */
const PROBE_IDLE = 0.5;
/**
 * Connections are handed on (and their memory freed) this long after their last segment
 * (capture time): 5 s once closed or reset, 5 min when still open — Zeek's tcp_close_delay,
 * tcp_reset_delay and tcp_inactivity_timeout.
 */
const ENDED_IDLE = 5;
const OPEN_IDLE = 300;
const SWEEP_EVERY = 8192;
/**
 * At most this many ended connections wait out their delay at once; past it the ones quiet
 * longest are handed on early, so a busy capture's memory stays bounded (a conntrack table's
 * limit, in effect).
 */
const MAX_ENDED = 1000;

export interface TrackerOptions {
  /** Segments kept from a connection's start and end (at least CONTEXT at the end). */
  head?: number;
  tail?: number;
}

export class Tracker {
  private readonly live = new Map<string, Conn>();
  /** Ended connections still tracked, least recently active first, with their keys. */
  private readonly ended = new Map<Conn, string>();
  private nextId = 1;
  private seen = 0;
  private readonly done: (conn: Conn) => void;
  /** Events whose `after` list is still filling, per connection. */
  private readonly open = new Map<Conn, EndEvent[]>();

  private readonly head: number;
  private readonly tail: number;

  constructor(done: (conn: Conn) => void, options: TrackerOptions = {}) {
    this.done = done;
    this.head = options.head ?? HEAD;
    this.tail = Math.max(CONTEXT, options.tail ?? TAIL);
  }

  private readonly keys = new ConnectionKeys();

  add(p: Packet): void {
    const key = this.keys.of(this.keys.endpoint(p.src, p.sport), this.keys.endpoint(p.dst, p.dport));
    let conn = this.live.get(key);
    let from: Side;
    if (conn === undefined) {
      conn = this.create(p);
      this.live.set(key, conn);
      from = 0;
      if (conn.ip[0] !== p.src || conn.port[0] !== p.sport) from = 1;
    } else {
      from = conn.ip[0] === p.src && conn.port[0] === p.sport ? 0 : 1;
      if (this.startsAnew(conn, from, p)) {
        this.finish(conn);
        conn = this.create(p);
        this.live.set(key, conn);
        from = conn.ip[0] === p.src && conn.port[0] === p.sport ? 0 : 1;
      }
    }
    this.segment(conn, from, p);
    if (isEnded(conn)) {
      this.ended.delete(conn);
      this.ended.set(conn, key);
      if (this.ended.size > MAX_ENDED) this.evictEnded();
    }
    if (++this.seen % SWEEP_EVERY === 0) this.sweep(p.ts);
  }

  private evictEnded(): void {
    for (const [conn, key] of this.ended) {
      if (this.ended.size <= MAX_ENDED) break;
      this.live.delete(key);
      this.finish(conn);
    }
  }

  /** Hands on every connection still tracked, in the order they started. */
  flush(): void {
    const rest = [...this.live.values()].sort((x, y) => x.id - y.id);
    this.live.clear();
    for (const conn of rest) this.finish(conn);
  }

  private create(p: Packet): Conn {
    const serverIsSrc = p.flags & SYN && !(p.flags & ACK) ? false : guessServer(p) === 'src';
    const client = serverIsSrc ? { ip: p.dst, port: p.dport } : { ip: p.src, port: p.sport };
    const server = serverIsSrc ? { ip: p.src, port: p.sport } : { ip: p.dst, port: p.dport };
    return {
      id: this.nextId++,
      ip: [client.ip, server.ip],
      port: [client.port, server.port],
      openerSeen: (p.flags & SYN) !== 0,
      first: p.ts,
      last: p.ts,
      packets: 0,
      sides: [newSide(), newSide()],
      head: [],
      tail: [],
      elided: 0,
      events: [],
      moreEvents: 0,
      milestones: [],
    };
  }

  /** A SYN with a new initial sequence number (or any SYN on a tuple that never had one) is a new connection. */
  private startsAnew(conn: Conn, from: Side, p: Packet): boolean {
    if (!(p.flags & SYN) || p.flags & ACK || conn.packets === 0) return false;
    const side = conn.sides[from];
    if (from === 1) return true;
    return side.isn === null ? true : side.isn !== p.seq;
  }

  private segment(conn: Conn, from: Side, p: Packet): void {
    const me = conn.sides[from];
    const peer = conn.sides[from === 0 ? 1 : 0];
    const flags = p.flags;
    const shown = p.seq !== null;
    const seq = p.seq ?? me.nxt ?? (peer.lastAck === null ? 0 : peer.lastAck);
    const space = seqSpace(flags, p.len);
    const end = seqAdd(seq, space);
    let rtx = false;
    let probe: Seg['probe'] = null;
    if (flags & SYN) {
      rtx = me.isn === seq;
      me.isn = seq;
      if (flags & ACK) me.synAck = true;
      else me.syn = true;
      if (p.wscale !== null) me.wscale = p.wscale;
    } else if (space > 0 && me.nxt !== null && !seqLt(me.nxt, end)) {
      rtx = p.len > 0 || (flags & FIN) !== 0;
    }
    const pureAck = (flags & (SYN | FIN | RST)) === 0 && flags & ACK;
    if (pureAck && p.len <= 1 && me.nxt !== null) {
      const behind = shown
        ? seq === seqAdd(me.nxt, -1)
        : p.len === 0 && p.ack === me.lastAck && p.ts - conn.last >= PROBE_IDLE;
      if (behind) probe = peer.lastWin === 0 ? 'zero-window' : 'keepalive';
    }
    if (probe !== null) rtx = false;
    const seg: Seg = {
      n: p.n,
      t: p.ts,
      from,
      flags,
      seq,
      seqShown: shown,
      ack: p.ack,
      len: p.len,
      win: p.win,
      rtx,
      probe,
    };
    const index = conn.packets;
    // Events waiting for what follows them.
    const waiting = this.open.get(conn);
    if (waiting !== undefined) {
      for (const ev of waiting) ev.after.push(seg);
      const still = waiting.filter((ev) => ev.after.length < AFTER);
      if (still.length === 0) this.open.delete(conn);
      else this.open.set(conn, still);
    }
    if (flags & RST || (flags & FIN && !me.fin && !rtx)) this.event(conn, flags & RST ? 'rst' : 'fin', seg, index);
    this.milestone(conn, seg, index, me, space, rtx);

    // Counts.
    conn.packets++;
    conn.last = p.ts;
    me.packets++;
    if (space > 0 && !rtx && probe === null) {
      if (me.nxt === null || seqLt(me.nxt, end)) me.nxt = end;
      if (p.len > 0) {
        me.bytes += p.len;
        me.dataSegs++;
      }
    } else if (me.nxt === null && shown && !(flags & RST)) {
      me.nxt = seq;
    }
    if (rtx) {
      me.rtx++;
      if (me.rtxRun === 0) me.rtxRunFrom = p.ts;
      me.rtxRun++;
      if (me.longestRun === null || me.rtxRun >= me.longestRun.count) {
        me.longestRun = { count: me.rtxRun, from: me.rtxRunFrom, to: p.ts, answered: false };
      }
    }
    if (peer.rtxRun > 0) {
      if (peer.longestRun !== null && peer.longestRun.to >= peer.rtxRunFrom) peer.longestRun.answered = true;
      peer.rtxRun = 0;
    }
    if (probe === 'keepalive') me.probes++;
    if (flags & FIN) me.fin = true;
    if (flags & RST) me.rsts++;
    if (p.ack !== null) me.lastAck = p.ack;
    if (!(flags & RST)) me.lastWin = p.win;
    me.lastT = p.ts;
    if (!(flags & RST)) me.lastLiveT = p.ts;

    if (conn.head.length < this.head) conn.head.push(seg);
    else {
      if (conn.tail.length === this.tail) {
        conn.tail.shift();
        conn.elided++;
      }
      conn.tail.push(seg);
    }
  }

  private event(conn: Conn, kind: 'rst' | 'fin', seg: Seg, index: number): void {
    if (conn.events.length >= MAX_EVENTS) {
      conn.moreEvents++;
      return;
    }
    const recent = [...conn.head, ...conn.tail].slice(-CONTEXT);
    const ev: EndEvent = {
      kind,
      seg,
      index,
      before: recent,
      after: [],
      sides: [copySide(conn.sides[0]), copySide(conn.sides[1])],
      milestones: conn.milestones.map((m) => ({ ...m })),
    };
    conn.events.push(ev);
    this.open.set(conn, [...(this.open.get(conn) ?? []), ev]);
  }

  private milestone(conn: Conn, seg: Seg, index: number, me: SideState, space: number, rtx: boolean): void {
    let kind: MilestoneKind | null = null;
    if (seg.flags & RST) kind = 'RST';
    else if (seg.flags & SYN) kind = seg.flags & ACK ? 'SYNACK' : 'SYN';
    else if (rtx) kind = null;
    else if (seg.flags & FIN && !me.fin) kind = seg.len > 0 ? 'DATA' : 'FIN';
    else if (seg.len > 0 && space > 0 && seg.probe === null) kind = 'DATA';
    else if (seg.probe === 'keepalive') kind = 'KA';
    if (kind === null) return;
    const list = conn.milestones;
    const last = list[list.length - 1];
    if (last !== undefined && last.side === seg.from && last.kind === kind && kind !== 'RST') {
      last.bytes += seg.len;
    } else {
      list.push({ side: seg.from, kind, t: seg.t, bytes: seg.len, index });
      if (list.length > MAX_MILESTONES) forgetMilestone(list);
    }
    // Data carried on the FIN is one milestone, the FIN another.
    if (kind === 'DATA' && seg.flags & FIN && !me.fin) {
      list.push({ side: seg.from, kind: 'FIN', t: seg.t, bytes: 0, index });
    }
  }

  private finish(conn: Conn): void {
    this.open.delete(conn);
    this.ended.delete(conn);
    this.done(conn);
  }

  /** Hands on connections idle long enough that nothing more is likely to come. */
  private sweep(now: number): void {
    for (const [key, conn] of this.live) {
      if (now - conn.last > (isEnded(conn) ? ENDED_IDLE : OPEN_IDLE)) {
        this.live.delete(key);
        this.finish(conn);
      }
    }
  }
}
