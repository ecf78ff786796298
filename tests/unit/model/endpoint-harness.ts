/**
 * A single endpoint on a bench, as smoltcp's socket tests do it: a socket, a hand-driven
 * clock, segments written from a template, and setup helpers built on each other.
 */
import { createActor } from 'xstate';
import { endpointMachine, type EndpointEmitted, type EndpointEvent } from '../../../src/model/endpoint.ts';
import { PROFILES, type Profile } from '../../../src/model/profiles.ts';
import type { Segment } from '../../../src/model/segment.ts';
import type { TcpState } from '../../../src/model/states.ts';
import type { Outgoing } from '../../../src/model/segment.ts';

export const LOCAL_ISS = 1000;
export const REMOTE_ISS = 5000;

interface Pending {
  due: number;
  fire: () => void;
  id: number;
}

export class Bench {
  now = 0;
  out: EndpointEmitted[] = [];
  private timers: Pending[] = [];
  private nextId = 0;
  readonly actor;

  constructor(profile: Profile = PROFILES.linux, iss = LOCAL_ISS, passive = false) {
    const clock = {
      setTimeout: (fire: () => void, delay: number) => {
        const id = ++this.nextId;
        if (Number.isFinite(delay)) this.timers.push({ due: this.now + delay, fire, id });
        return id;
      },
      clearTimeout: (id: unknown) => {
        this.timers = this.timers.filter((t) => t.id !== id);
      },
    };
    this.actor = createActor(endpointMachine, { input: { profile, iss, passive }, clock });
    this.actor.on('*', (fx) => this.out.push(fx as EndpointEmitted));
    this.actor.start();
  }

  get state(): TcpState {
    return this.actor.getSnapshot().value as TcpState;
  }

  get tcb() {
    return this.actor.getSnapshot().context;
  }

  send(event: DistributiveOmit<EndpointEvent, 'at'>): EndpointEmitted[] {
    this.out = [];
    this.actor.send({ ...event, at: this.now } as EndpointEvent);
    return this.out;
  }

  /** A segment from the peer: the template plus the fields that differ. */
  recv(fields: Partial<Segment>): EndpointEmitted[] {
    return this.send({
      type: 'SEGMENT',
      seg: {
        sport: 80,
        dport: 40000,
        ctl: 'none',
        seq: this.tcb.rcvNxt,
        ack: this.tcb.sndNxt,
        len: 0,
        win: 65535,
        ...fields,
      },
    });
  }

  /** Let simulated time pass, firing timers in order. */
  advance(micros: number): EndpointEmitted[] {
    this.out = [];
    const until = this.now + micros;
    for (;;) {
      this.timers.sort((a, b) => a.due - b.due || a.id - b.id);
      const next = this.timers[0];
      if (!next || next.due > until) break;
      this.timers.shift();
      this.now = next.due;
      next.fire();
    }
    this.now = until;
    return this.out;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function segments(fx: EndpointEmitted[]): Outgoing[] {
  return fx.flatMap((e) => (e.type === 'segment' ? [e.out] : []));
}

export function results(fx: EndpointEmitted[]): string[] {
  return fx.flatMap((e) => (e.type === 'result' ? [`${e.call}:${e.result}`] : []));
}

export function errors(fx: EndpointEmitted[]): string[] {
  return fx.flatMap((e) => (e.type === 'error' ? [e.errno] : []));
}

// ── Setup helpers, each built on the one before (smoltcp's style) ──

export function listen(profile?: Profile): Bench {
  const b = new Bench(profile, LOCAL_ISS, true);
  b.send({ type: 'LISTEN' });
  return b;
}

export function synReceived(profile?: Profile): Bench {
  const b = listen(profile);
  b.recv({ ctl: 'syn', seq: REMOTE_ISS, ack: null });
  return b;
}

export function synSent(profile?: Profile): Bench {
  const b = new Bench(profile);
  b.send({ type: 'CONNECT', timeout: null });
  return b;
}

export function established(profile?: Profile): Bench {
  const b = synSent(profile);
  b.now += 100_000;
  b.recv({ ctl: 'syn', seq: REMOTE_ISS, ack: LOCAL_ISS + 1 });
  return b;
}

export function finWait1(profile?: Profile): Bench {
  const b = established(profile);
  b.send({ type: 'CLOSE' });
  return b;
}

export function finWait2(profile?: Profile): Bench {
  const b = finWait1(profile);
  b.recv({});
  return b;
}

export function closeWait(profile?: Profile): Bench {
  const b = established(profile);
  b.recv({ ctl: 'fin' });
  return b;
}

export function lastAck(profile?: Profile): Bench {
  const b = closeWait(profile);
  b.send({ type: 'CLOSE' });
  return b;
}

export function closing(profile?: Profile): Bench {
  const b = finWait1(profile);
  // The peer's FIN crosses ours: it does not acknowledge our FIN yet.
  b.recv({ ctl: 'fin', ack: b.tcb.sndNxt - 1 });
  return b;
}

export function timeWait(profile?: Profile): Bench {
  const b = finWait2(profile);
  b.recv({ ctl: 'fin' });
  return b;
}
