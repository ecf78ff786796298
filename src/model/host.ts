/**
 * A host: its socket table, the demultiplexing of arriving segments, the reset for a
 * segment nobody owns (RFC 9293 §3.10.7.1), listeners and their accept queues, and the
 * fate of a process or a whole machine (exit, crash, reboot, power-off).
 */
import type { EndpointEmitted, EndpointEvent } from './endpoint.ts';
import type { Profile } from './profiles.ts';
import type { Micros } from './scenario.ts';
import { resetFor, type Outgoing, type Segment } from './segment.ts';
import { seqLt } from './seq.ts';
import { makeSocket, stateOf, tcbOf, type Clock, type Peer, type Sock } from './socket.ts';
import type { TcpState } from './states.ts';
import type { CallName, CallResult, DropWhy, Reason, TraceEvent } from './trace.ts';

/** What a host needs from the simulation around it. */
export interface World {
  readonly now: Micros;
  readonly profile: Profile;
  nextSocketId(): number;
  clockFor(host: Host, sock: Sock): Clock;
  /** Put a segment on the wire from this host. */
  transmit(from: Host, to: string, seg: Segment, reason: Reason, retransmission: boolean): void;
  record(event: DistributiveOmit<TraceEvent, 't' | 'step'>): void;
  /** Initial sequence number for a connection (RFC 9293 §3.4.1: clock-driven per 4-tuple). */
  isn(host: Host, localPort: number, remote: Peer): number;
  ephemeralPort(host: Host): number;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const CONNECTED_STATES: ReadonlySet<TcpState> = new Set([
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
]);

export class Host {
  readonly name: string;
  readonly index: number;
  up = true;
  /** Boot count: a reboot forgets every socket and every timer. */
  boots = 0;
  sockets: Sock[] = [];
  private world: World;

  constructor(name: string, index: number, world: World) {
    this.name = name;
    this.index = index;
    this.world = world;
  }

  // ── Delivering events to sockets ──────────────────────────────────────────────

  /** Send an event to a socket and log its state change, as smoltcp's set_state does. */
  deliver(sock: Sock, event: EndpointEvent, quiet = false): void {
    this.run(sock, () => sock.actor.send(event), quiet);
  }

  /**
   * Run something that may move a socket (an event, a timer firing inside its actor): log the
   * state change first, then what the socket emitted on the way, in order.
   */
  run(sock: Sock, body: () => void, quiet = false): void {
    const before = sock.state;
    const outer = this.pending;
    const mine: EndpointEmitted[] = [];
    this.pending = mine;
    try {
      body();
    } finally {
      this.pending = outer;
    }
    const after = stateOf(sock);
    if (after !== before) this.changed(sock, before, after, quiet);
    if (!quiet) for (const fx of mine) this.handle(sock, fx);
  }

  /** Effects of the socket being run, held back until its state change is logged. */
  private pending: EndpointEmitted[] | null = null;

  private changed(sock: Sock, from: TcpState, to: TcpState, quiet: boolean): void {
    sock.state = to;
    if (!quiet) this.world.record({ kind: 'state', host: this.name, socket: sock.name, from, to });
    const listener = sock.listener;
    if (
      listener &&
      from === 'SYN-RECEIVED' &&
      (to === 'ESTABLISHED' || to === 'CLOSE-WAIT') &&
      listener.state === 'LISTEN'
    ) {
      listener.acceptQueue.push(sock);
    }
    if (from === 'LISTEN' && to === 'CLOSED') this.listenerClosed(sock);
  }

  /** What the socket's chart emitted: segments to send, results and errors to log. */
  effect(sock: Sock, fx: EndpointEmitted): void {
    if (this.pending) this.pending.push(fx);
    else this.handle(sock, fx);
  }

  private handle(sock: Sock, fx: EndpointEmitted): void {
    switch (fx.type) {
      case 'segment':
        this.send(sock, fx.out);
        return;
      case 'result':
        this.world.record(
          fx.bytes === undefined
            ? { kind: 'call', host: this.name, socket: sock.name, call: fx.call, result: fx.result }
            : { kind: 'call', host: this.name, socket: sock.name, call: fx.call, result: fx.result, bytes: fx.bytes },
        );
        return;
      case 'error':
        this.world.record({ kind: 'error', host: this.name, socket: sock.name, errno: fx.errno });
        return;
      case 'timer':
        this.world.record({ kind: 'timer', host: this.name, socket: sock.name, timer: fx.timer });
        return;
      case 'drop':
        this.dropped(fx.why, sock.name);
        return;
      case 'released':
        sock.held = false;
        sock.released = true;
        return;
    }
  }

  private lastArrival = -1;

  /** The trace index of the segment being processed, for drop events. */
  setArrival(index: number): void {
    this.lastArrival = index;
  }

  dropped(why: DropWhy, socket?: string): void {
    this.world.record(
      socket === undefined
        ? { kind: 'drop', host: this.name, why, segment: this.lastArrival }
        : { kind: 'drop', host: this.name, socket, why, segment: this.lastArrival },
    );
  }

  /** The sender of the segment being delivered: where a listener's reset goes. */
  private replyTo: Peer | null = null;

  private send(sock: Sock, out: Outgoing): void {
    const peer = sock.remote ?? this.replyTo;
    if (!peer) return;
    const seg: Segment = {
      sport: sock.localPort,
      dport: peer.port,
      ctl: out.ctl,
      seq: out.seq,
      ack: out.ack,
      len: out.len,
      win: out.win,
    };
    this.world.transmit(this, peer.host, seg, out.reason, out.retransmission === true);
  }

  // ── Segments arriving ─────────────────────────────────────────────────────────

  /** Find the socket for a segment: the connection first, then a listener (RFC 9293 §3.10.7). */
  lookup(dport: number, from: string, sport: number): Sock | undefined {
    for (const s of this.sockets) {
      if (
        s.localPort === dport &&
        s.remote &&
        s.remote.host === from &&
        s.remote.port === sport &&
        CONNECTED_STATES.has(s.state)
      )
        return s;
    }
    return this.listenerOn(dport);
  }

  listenerOn(port: number): Sock | undefined {
    return this.sockets.find((s) => s.localPort === port && s.state === 'LISTEN');
  }

  receive(seg: Segment, from: string, at: Micros): void {
    this.replyTo = { host: from, port: seg.sport };
    try {
      this.demuxAndDeliver(seg, from, at);
    } finally {
      this.replyTo = null;
    }
  }

  private demuxAndDeliver(seg: Segment, from: string, at: Micros): void {
    const sock = this.lookup(seg.dport, from, seg.sport);
    const isBareSyn = seg.ctl === 'syn' && seg.ack === null;
    if (!sock) {
      // R1 (and R3: never a reset for a reset).
      const rst = resetFor(seg, isBareSyn ? 'no-listener' : 'no-connection');
      if (!rst) return this.dropped('rst-no-reply');
      const reply: Segment = {
        sport: seg.dport,
        dport: seg.sport,
        ctl: rst.ctl,
        seq: rst.seq,
        ack: rst.ack,
        len: 0,
        win: 0,
      };
      this.world.transmit(this, from, reply, rst.reason, false);
      return;
    }
    if (sock.state === 'LISTEN') {
      if (!isBareSyn) return this.deliver(sock, { type: 'SEGMENT', at, seg });
      if (this.queueFull(sock)) return this.dropped('accept-queue-full', sock.name);
      this.spawnChild(sock, seg, from, at, this.world.isn(this, seg.dport, { host: from, port: seg.sport }));
      return;
    }
    if (sock.state === 'TIME-WAIT' && isBareSyn) {
      // R13: a newer SYN with a listener behind the 4-tuple reopens it (RFC 6191; Linux TCP_TW_SYN).
      const listener = this.listenerOn(seg.dport);
      const tw = tcbOf(sock);
      if (listener && seqLt(tw.rcvNxt, seg.seq) && !this.queueFull(listener)) {
        this.kill(sock);
        this.spawnChild(listener, seg, from, at, (tw.sndNxt + this.world.profile.timeWaitIsnGap) >>> 0);
        return;
      }
    }
    const listener = sock.listener;
    if (
      sock.state === 'SYN-RECEIVED' &&
      listener &&
      seg.ack !== null &&
      seg.ctl !== 'rst' &&
      seg.ctl !== 'syn' &&
      this.queueFull(listener)
    ) {
      // R14: the handshake cannot complete into a full accept queue (Linux tcp_check_req).
      if (!this.world.profile.abortOnOverflow) return this.dropped('accept-queue-full', sock.name);
      const rst = resetFor(seg, 'accept-queue-overflow');
      if (rst)
        this.world.transmit(
          this,
          from,
          { sport: seg.dport, dport: seg.sport, ctl: 'rst', seq: rst.seq, ack: rst.ack, len: 0, win: 0 },
          rst.reason,
          false,
        );
      this.kill(sock);
      return;
    }
    this.deliver(sock, { type: 'SEGMENT', at, seg });
  }

  private queueFull(listener: Sock): boolean {
    return listener.acceptQueue.length > listener.backlog;
  }

  private spawnChild(listener: Sock, syn: Segment, from: string, at: Micros, iss: number): void {
    listener.children += 1;
    const child = makeSocket(
      {
        id: this.world.nextSocketId(),
        name: `${listener.localPort}#${listener.children}`,
        localPort: listener.localPort,
        remote: { host: from, port: syn.sport },
        profile: this.world.profile,
        iss,
        passive: true,
        listener,
        held: false,
      },
      { clockFor: (s) => this.world.clockFor(this, s), effect: (s, fx) => this.effect(s, fx) },
    );
    this.sockets.push(child);
    this.deliver(child, { type: 'LISTEN', at }, true);
    this.deliver(child, { type: 'SEGMENT', at, seg: syn });
  }

  /** Forget a socket without a word on the wire (TIME-WAIT reopened, embryonic reset, crash). */
  kill(sock: Sock): void {
    const from = sock.state;
    sock.actor.stop();
    sock.state = 'CLOSED';
    if (from !== 'CLOSED') this.world.record({ kind: 'state', host: this.name, socket: sock.name, from, to: 'CLOSED' });
  }

  /** Closing a listener resets the connections nobody accepted and forgets half-open ones (Linux inet_csk_listen_stop). */
  private listenerClosed(listener: Sock): void {
    const at = this.world.now;
    for (const child of this.sockets) {
      if (child.listener !== listener || child.held || child.released) continue;
      if (child.state === 'SYN-RECEIVED') this.kill(child);
      else if (child.state !== 'CLOSED') this.deliver(child, { type: 'ABORT', at, reason: 'listener-closed' });
    }
    listener.acceptQueue = [];
  }

  // ── The application's calls ────────────────────────────────────────────────────

  call(sock: Sock, call: CallName, result: CallResult): void {
    this.world.record({ kind: 'call', host: this.name, socket: sock.name, call, result });
  }

  newSocket(name: string, localPort: number, remote: Peer | null, iss: number): Sock {
    const sock = makeSocket(
      { id: this.world.nextSocketId(), name, localPort, remote, profile: this.world.profile, iss, held: true },
      { clockFor: (s) => this.world.clockFor(this, s), effect: (s, fx) => this.effect(s, fx) },
    );
    this.sockets.push(sock);
    return sock;
  }

  /** A local port taken by a listener, a bound socket or a connection that still lives. */
  portTaken(port: number, remote?: Peer): boolean {
    return this.sockets.some((s) => {
      if (s.localPort !== port) return false;
      if (s.state === 'LISTEN') return true;
      if (s.state === 'CLOSED') return s.held && !tcbOf(s).done && !tcbOf(s).synchronized && s.remote === null;
      if (s.listener) return remote !== undefined && s.remote?.host === remote.host && s.remote.port === remote.port;
      return true;
    });
  }

  /** The sockets the application holds, oldest first. */
  held(): Sock[] {
    return this.sockets.filter((s) => s.held);
  }

  // ── The process and the machine ────────────────────────────────────────────────

  /** The process ends: the kernel closes each descriptor it held, as close() would (R8). */
  exit(reason: Reason, at: Micros): void {
    for (const sock of this.held()) {
      sock.held = false;
      sock.released = true;
      if (sock.state === 'CLOSED') continue;
      this.deliver(sock, { type: 'CLOSE', at, reason });
    }
  }

  /** All state is lost and nothing is sent (a crash, or the power cut). */
  crash(): void {
    for (const sock of this.sockets) sock.actor.stop();
    this.sockets = [];
    this.up = false;
    this.boots += 1;
  }

  boot(): void {
    this.up = true;
  }
}
