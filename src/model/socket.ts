/**
 * A socket in a host's table: the endpoint actor plus what the kernel and the
 * application know about it (its name, its port, its listener, who holds it).
 */
import { createActor } from 'xstate';
import { endpointMachine, type EndpointActor, type EndpointEmitted } from './endpoint.ts';
import type { Profile } from './profiles.ts';
import type { TcpState } from './states.ts';
import type { Tcb } from './tcb.ts';

/** XState's clock interface: the simulator supplies one per socket, on simulated time. */
export interface Clock {
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface Peer {
  host: string;
  port: number;
}

export interface Sock {
  /** Unique within the simulation, in creation order. */
  id: number;
  /** The name traces use: an `as` name given at creation, else "PORT", "PORT#n" or the local port. */
  name: string;
  /** Other names the scenario may use for it (`accept as NAME`). */
  aliases: string[];
  localPort: number;
  remote: Peer | null;
  actor: EndpointActor;
  /** Cached actor state, kept in step by deliver(). */
  state: TcpState;
  /** The listener that made this socket, for a passive open. */
  listener: Sock | null;
  /** Listener bookkeeping. */
  backlog: number;
  children: number;
  acceptQueue: Sock[];
  /** The application holds a descriptor for it (false for unaccepted children and after close()). */
  held: boolean;
  /** The application had it and let it go (close(), exit, its own connect timeout). */
  released: boolean;
}

/** How a host's sockets reach the simulator: the clock for their timers and a sink for their effects. */
export interface SocketPort {
  clockFor(sock: Sock): Clock;
  effect(sock: Sock, fx: EndpointEmitted): void;
}

export interface NewSocket {
  id: number;
  name: string;
  localPort: number;
  remote: Peer | null;
  profile: Profile;
  iss: number;
  passive?: boolean;
  listener?: Sock | null;
  held: boolean;
}

export function makeSocket(spec: NewSocket, port: SocketPort): Sock {
  const sock = {
    id: spec.id,
    name: spec.name,
    aliases: [],
    localPort: spec.localPort,
    remote: spec.remote,
    state: 'CLOSED',
    listener: spec.listener ?? null,
    backlog: 128,
    children: 0,
    acceptQueue: [],
    held: spec.held,
    released: false,
  } as Omit<Sock, 'actor'> as Sock;
  sock.actor = createActor(endpointMachine, {
    input: { profile: spec.profile, iss: spec.iss, passive: spec.passive ?? false },
    clock: port.clockFor(sock),
  });
  sock.actor.on('*', (fx) => port.effect(sock, fx as EndpointEmitted));
  sock.actor.start();
  return sock;
}

export function tcbOf(sock: Sock): Tcb {
  return sock.actor.getSnapshot().context;
}

export function stateOf(sock: Sock): TcpState {
  return sock.actor.getSnapshot().value as TcpState;
}
