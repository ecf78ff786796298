/**
 * What a host does with an arriving segment before any socket's chart sees it: the reset for a
 * segment nobody owns (R1, R3), a listener's new connections and its full accept queue (R14),
 * and a new SYN reopening a TIME-WAIT 4-tuple (R13).
 */
import type { ChartTimerEvent, EndpointEvent } from './endpoint/events.ts';
import type { Micros } from './scenario.ts';
import type { Profile } from './profiles.ts';
import { resetFor, segLength, type Segment } from './segment.ts';
import { inGroup } from './states.ts';
import { rstInWindow } from './tcb.ts';
import { seqLt } from './seq.ts';
import type { Holder, Peer, Sock } from './socket.ts';
import type { DropWhy, Reason } from './trace.ts';

/** What these rules need of the host (host.ts's Host). */
interface Host {
  readonly world: {
    readonly profile: Pick<
      Profile,
      | 'timeWaitIsnGap'
      | 'abortOnOverflow'
      | 'rstInWindowResets'
      | 'rstAcknowledged'
      | 'timeWaitRefusesSyn'
      | 'listenerAcksLostData'
    >;
    isn(host: Host, localPort: number, remote: Peer): number;
    transmit(from: Host, to: string, seg: Segment, reason: Reason, retransmission: boolean): void;
  };
  lookup(dport: number, from: string, sport: number): Sock | undefined;
  listenerOn(port: number): Sock | undefined;
  step(sock: Sock, event: EndpointEvent | ChartTimerEvent, quiet?: boolean): void;
  kill(sock: Sock): void;
  dropped(why: DropWhy, socket?: string): void;
  add(name: string, port: number, remote: Peer | null, iss: number, holder: Holder, listener: Sock | null): Sock;
}

export function demultiplex(host: Host, seg: Segment, from: string, at: Micros): void {
  const acks = seg.ctl === 'rst' && host.world.profile.rstAcknowledged;
  const target = acks ? host.lookup(seg.dport, from, seg.sport) : undefined;
  deliver(host, seg, from, at);
  // A belief (truths.ts rstAcknowledged): a RST that reset a connection is acknowledged. Real TCP never answers one (R3).
  if (target && target.state === 'CLOSED') ack(host, seg, from, seg.ack ?? 0);
}

function deliver(host: Host, seg: Segment, from: string, at: Micros): void {
  const sock = host.lookup(seg.dport, from, seg.sport);
  const isBareSyn = seg.ctl === 'syn' && seg.ack === null;
  if (!sock) {
    // R1 (and R3: never a reset for a reset).
    if (!reset(host, seg, from, isBareSyn ? 'no-listener' : 'no-connection')) host.dropped('rst-no-reply');
    return;
  }
  if (sock.state === 'LISTEN') {
    // A belief (truths.ts listenerAcksLostData): the listener takes data it has no connection for (not R2).
    if (!isBareSyn && seg.ack !== null && seg.ctl !== 'rst' && host.world.profile.listenerAcksLostData) {
      ack(host, seg, from, seg.ack);
    } else if (!isBareSyn) host.step(sock, { type: 'SEGMENT', at, seg });
    else if (queueFull(sock)) host.dropped('accept-queue-full', sock.name);
    else spawnChild(host, sock, seg, from, at, host.world.isn(host, seg.dport, { host: from, port: seg.sport }));
    return;
  }
  if (sock.state === 'TIME-WAIT' && isBareSyn && host.world.profile.timeWaitRefusesSyn) {
    // A belief (truths.ts timeWaitRefusesSyn): TIME-WAIT refuses new connections (not R13).
    reset(host, seg, from, 'no-listener');
    return;
  }
  if (sock.state === 'TIME-WAIT' && isBareSyn) {
    // R13: a newer SYN with a listener behind the 4-tuple reopens it (RFC 6191; Linux TCP_TW_SYN).
    const listener = host.listenerOn(seg.dport);
    const tw = sock.tcb;
    if (listener && seqLt(tw.rcvNxt, seg.seq) && !queueFull(listener)) {
      host.kill(sock);
      spawnChild(host, listener, seg, from, at, (tw.sndNxt + host.world.profile.timeWaitIsnGap) >>> 0);
      return;
    }
  }
  const listener = sock.listener;
  const completes = seg.ack !== null && seg.ctl !== 'rst' && seg.ctl !== 'syn';
  if (sock.state === 'SYN-RECEIVED' && listener && completes && queueFull(listener)) {
    // R14: the handshake cannot complete into a full accept queue (Linux tcp_check_req).
    if (host.world.profile.abortOnOverflow) {
      reset(host, seg, from, 'accept-queue-overflow');
      host.kill(sock);
    } else host.dropped('accept-queue-full', sock.name);
    return;
  }
  // A belief (truths.ts rstInWindowResets): any RST in the window resets, as if it were exact (not R10).
  const believed = seg.ctl === 'rst' && host.world.profile.rstInWindowResets && inGroup(sock.state, 'synchronized');
  const exact = believed && rstInWindow(sock.tcb, seg) ? { ...seg, seq: sock.tcb.rcvNxt } : seg;
  host.step(sock, { type: 'SEGMENT', at, seg: exact });
}

/** A bare ACK from the host for a segment: only beliefs send one (see their callers). */
function ack(host: Host, seg: Segment, from: string, seq: number): void {
  const reply: Segment = {
    sport: seg.dport,
    dport: seg.sport,
    ctl: 'none',
    seq,
    ack: (seg.seq + segLength(seg)) >>> 0,
    len: 0,
    win: 0,
  };
  host.world.transmit(host, from, reply, 'ack', false);
}

/** Linux holds `backlog + 1` connections waiting for accept() (behaviour.md R14). */
function queueFull(listener: Sock): boolean {
  return listener.acceptQueue.length > listener.backlog;
}

/** A listener's new connection, named `PORT#n`, taking the SYN that made it. */
function spawnChild(host: Host, listener: Sock, syn: Segment, from: string, at: Micros, iss: number): void {
  listener.children += 1;
  const name = `${listener.localPort}#${listener.children}`;
  const child = host.add(name, listener.localPort, { host: from, port: syn.sport }, iss, 'listener', listener);
  host.step(child, { type: 'LISTEN', at }, true);
  host.step(child, { type: 'SEGMENT', at, seg: syn });
}

/** A reset the host sends for a segment, from no socket's TCB (R1, R14): false for a RST (R3). */
function reset(host: Host, seg: Segment, from: string, reason: Reason): boolean {
  const rst = resetFor(seg, reason);
  if (!rst) return false;
  const reply: Segment = { sport: seg.dport, dport: seg.sport, ctl: 'rst', seq: rst.seq, ack: rst.ack, len: 0, win: 0 };
  host.world.transmit(host, from, reply, rst.reason, false);
  return true;
}
