/**
 * A socket in a host's table: the endpoint's snapshot plus what the kernel and the application
 * know about it (its name, its port, its listener, who holds it). The snapshot is the only place
 * its state lives; `Host.step` is the only thing that replaces it.
 */
import type { EndpointSnapshot } from './endpoint/transition.ts';
import { initialSnapshot } from './endpoint/transition.ts';
import type { Profile } from './profiles.ts';
import type { TcpState } from './states.ts';
import type { Tcb } from './tcb.ts';

export interface Peer {
  host: string;
  port: number;
}

/**
 * Who has a descriptor for the socket: its listener (a connection not accept()ed yet), the
 * application, or nobody any more (it was closed, its process exited, its connect timed out).
 */
export type Holder = 'listener' | 'application' | 'released';

export interface NewSocket {
  id: number;
  name: string;
  localPort: number;
  remote: Peer | null;
  profile: Profile;
  iss: number;
  listener?: Sock | null;
  holder: Holder;
}

export class Sock {
  /** Unique within the simulation, in creation order. */
  readonly id: number;
  /** The name traces use: an `as` name given at creation, else "PORT", "PORT#n" or the local port. */
  readonly name: string;
  /** Other names the scenario may use for it (`accept as NAME`). */
  readonly aliases: string[] = [];
  readonly localPort: number;
  readonly remote: Peer | null;
  /** The listener that made this socket, for a passive open. */
  readonly listener: Sock | null;
  holder: Holder;
  snapshot: EndpointSnapshot;
  /** The timers running for it: id → the simulator's token for the pending firing. */
  readonly timers = new Map<string, number>();
  /** Listener bookkeeping. */
  backlog = 128;
  children = 0;
  acceptQueue: Sock[] = [];

  constructor(spec: NewSocket) {
    this.id = spec.id;
    this.name = spec.name;
    this.localPort = spec.localPort;
    this.remote = spec.remote;
    this.listener = spec.listener ?? null;
    this.holder = spec.holder;
    this.snapshot = initialSnapshot({ profile: spec.profile, iss: spec.iss, passive: this.listener !== null });
  }

  get state(): TcpState {
    return this.snapshot.value;
  }

  get tcb(): Tcb {
    return this.snapshot.context.tcb;
  }
}
