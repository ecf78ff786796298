/**
 * A host: its socket table, the demultiplexing of arriving segments, the reset for a
 * segment nobody owns (RFC 9293 §3.10.7.1), listeners and their accept queues, and the
 * fate of a process or a whole machine (exit, crash, reboot, power-off).
 */
import type { Effect, EndpointEvent, ChartTimerEvent } from './endpoint/events.ts';
import { forgotten, transition, type EndpointSnapshot } from './endpoint/transition.ts';
import type { Profile } from './profiles.ts';
import type { Micros } from './scenario.ts';
import { demultiplex } from './demux.ts';
import type { Outgoing, Segment } from './segment.ts';
import { Sock, type Holder, type Peer } from './socket.ts';
import { inGroup } from './states.ts';
import type { CallName, CallResult, DropWhy, Reason, TraceEvent } from './trace.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type NewEvent = DistributiveOmit<TraceEvent, 't' | 'step'>;

/** What a host needs from the simulation around it. */
export interface World {
  readonly now: Micros;
  readonly profile: Profile;
  nextSocketId(): number;
  /** Put a segment on the wire from this host. */
  transmit(from: Host, to: string, seg: Segment, reason: Reason, retransmission: boolean): void;
  /** Deliver `event` to the socket after `delay`, replacing its timer `id`. */
  schedule(host: Host, sock: Sock, id: string, delay: Micros, event: EndpointEvent | ChartTimerEvent): void;
  record(event: NewEvent): void;
  /** Initial sequence number for a connection (RFC 9293 §3.4.1: clock-driven per 4-tuple). */
  isn(host: Host, localPort: number, remote: Peer): number;
}

export class Host {
  readonly name: string;
  readonly index: number;
  up = true;
  /** Boot count: a reboot forgets every socket and every timer. */
  boots = 0;
  sockets: Sock[] = [];
  readonly world: World;
  /** The sender of the segment being delivered: where a listener's reset goes. */
  private replyTo: Peer | null = null;
  /** The trace index of the segment being processed, for drop events. */
  private arrival = -1;

  constructor(name: string, index: number, world: World) {
    this.name = name;
    this.index = index;
    this.world = world;
  }

  // ── Stepping sockets ──────────────────────────────────────────────────────────

  /** Give a socket an event: the chart decides; timers are set first, then the state change, then the rest. */
  step(sock: Sock, event: EndpointEvent | ChartTimerEvent, quiet = false): void {
    const { snapshot, effects } = transition(sock.snapshot, event);
    for (const fx of effects) {
      if (fx.type === 'schedule') this.world.schedule(this, sock, fx.id, fx.delay, fx.event);
      else if (fx.type === 'cancel') sock.timers.delete(fx.id);
    }
    this.setSnapshot(sock, snapshot, quiet);
    if (!quiet) for (const fx of effects) this.handle(sock, fx);
  }

  /** The one place a socket's state changes: logged as smoltcp's set_state logs `old => new`. */
  private setSnapshot(sock: Sock, next: EndpointSnapshot, quiet: boolean): void {
    const from = sock.state;
    sock.snapshot = next;
    const to = sock.state;
    if (to === from) return;
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

  private handle(sock: Sock, fx: Effect): void {
    const at = { host: this.name, socket: sock.name };
    switch (fx.type) {
      case 'segment':
        this.send(sock, fx.out);
        return;
      case 'result': {
        const result = this.reported(fx.result);
        this.world.record(
          fx.bytes === undefined
            ? { kind: 'call', ...at, call: fx.call, result }
            : { kind: 'call', ...at, call: fx.call, result, bytes: fx.bytes },
        );
        return;
      }
      case 'error':
        this.world.record({ kind: 'error', ...at, errno: this.reported(fx.errno) });
        return;
      case 'timer':
        this.world.record({ kind: 'timer', ...at, timer: fx.timer });
        return;
      case 'drop':
        this.dropped(fx.why, sock.name);
        return;
      case 'released':
        sock.holder = 'released';
        return;
      case 'schedule':
      case 'cancel':
        return;
    }
  }

  /** What the application is told: ECONNREFUSED is its own error (R9) unless refusedReportedAsReset. */
  private reported<R extends CallResult>(result: R): R | 'ECONNRESET' {
    return result === 'ECONNREFUSED' && this.world.profile.refusedReportedAsReset ? 'ECONNRESET' : result;
  }

  setArrival(index: number): void {
    this.arrival = index;
  }

  dropped(why: DropWhy, socket?: string): void {
    this.world.record(
      socket === undefined
        ? { kind: 'drop', host: this.name, why, segment: this.arrival }
        : { kind: 'drop', host: this.name, socket, why, segment: this.arrival },
    );
  }

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
      const r = s.remote;
      if (s.localPort === dport && r && r.host === from && r.port === sport && inGroup(s.state, 'connection')) return s;
    }
    return this.listenerOn(dport);
  }

  listenerOn(port: number): Sock | undefined {
    return this.sockets.find((s) => s.localPort === port && s.state === 'LISTEN');
  }

  receive(seg: Segment, from: string, at: Micros): void {
    this.replyTo = { host: from, port: seg.sport };
    try {
      demultiplex(this, seg, from, at);
    } finally {
      this.replyTo = null;
    }
  }

  /** Forget a socket without a word on the wire (TIME-WAIT reopened, embryonic reset, crash). */
  kill(sock: Sock): void {
    sock.timers.clear();
    this.setSnapshot(sock, forgotten(sock.snapshot), false);
  }

  /** Closing a listener resets the connections nobody accepted and forgets half-open ones (Linux inet_csk_listen_stop). */
  private listenerClosed(listener: Sock): void {
    const at = this.world.now;
    for (const child of this.sockets) {
      if (child.listener !== listener || child.holder !== 'listener') continue;
      if (child.state === 'SYN-RECEIVED') this.kill(child);
      else if (child.state !== 'CLOSED') this.step(child, { type: 'ABORT', at, reason: 'listener-closed' });
    }
    listener.acceptQueue = [];
  }

  // ── The application's calls ────────────────────────────────────────────────────

  call(sock: Sock, call: CallName, result: CallResult): void {
    this.world.record({ kind: 'call', host: this.name, socket: sock.name, call, result });
  }

  /** A new socket in the table, held by the application unless a listener made it. */
  add(
    name: string,
    localPort: number,
    remote: Peer | null,
    iss: number,
    holder: Holder = 'application',
    listener: Sock | null = null,
  ): Sock {
    const sock = new Sock({
      id: this.world.nextSocketId(),
      name,
      localPort,
      remote,
      profile: this.world.profile,
      iss,
      holder,
      listener,
    });
    this.sockets.push(sock);
    return sock;
  }

  /** A local port taken by a listener, a bound socket or a connection that still lives. */
  portTaken(port: number, remote?: Peer): boolean {
    return this.sockets.some((s) => {
      if (s.localPort !== port) return false;
      if (s.state === 'LISTEN') return true;
      if (s.state === 'CLOSED') return s.holder === 'application' && s.tcb.life === 'new' && s.remote === null;
      if (s.listener) return remote !== undefined && s.remote?.host === remote.host && s.remote.port === remote.port;
      return true;
    });
  }

  /** The sockets the application holds, oldest first. */
  held(): Sock[] {
    return this.sockets.filter((s) => s.holder === 'application');
  }

  // ── The process and the machine ────────────────────────────────────────────────

  /** The process ends: the kernel closes each descriptor it held, as close() would (R8). */
  exit(reason: Reason, at: Micros): void {
    const aborts = this.world.profile.exitAborts;
    for (const sock of this.held()) {
      sock.holder = 'released';
      if (sock.state === 'CLOSED') continue;
      this.step(sock, aborts ? { type: 'ABORT', at, reason: 'abort' } : { type: 'CLOSE', at, reason });
    }
  }

  /** All state is lost and nothing is sent (a crash, or the power cut). */
  crash(): void {
    if (this.world.profile.crashResets) {
      const at = this.world.now;
      for (const sock of this.sockets) {
        if (inGroup(sock.state, 'synchronized')) this.step(sock, { type: 'ABORT', at, reason: 'abort' });
      }
    }
    for (const sock of this.sockets) sock.timers.clear();
    this.sockets = [];
    this.up = false;
    this.boots += 1;
  }

  boot(): void {
    this.up = true;
  }
}
