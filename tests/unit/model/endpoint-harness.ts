/**
 * A single endpoint on a bench, as smoltcp's socket tests do it: a socket, a hand-driven
 * clock, segments written from a template, and setup helpers built on each other.
 */
import type { ChartTimerEvent, Effect, EndpointEvent } from '../../../src/model/endpoint/events.ts';
import { initialSnapshot, transition, type EndpointSnapshot } from '../../../src/model/endpoint/transition.ts';
import { PROFILES, type Profile } from '../../../src/model/profiles.ts';
import type { Outgoing, Segment } from '../../../src/model/segment.ts';
import type { TcpState } from '../../../src/model/states.ts';
import type { Tcb } from '../../../src/model/tcb.ts';

export const LOCAL_ISS = 1000;
export const REMOTE_ISS = 5000;

interface Pending {
  due: number;
  id: string;
  order: number;
  event: EndpointEvent | ChartTimerEvent;
}

/** One socket stepped through the pure `transition()`, with its timers on a hand-driven clock. */
export class Bench {
  now = 0;
  snapshot: EndpointSnapshot;
  private timers: Pending[] = [];
  private order = 0;

  constructor(profile: Profile = PROFILES.linux, iss = LOCAL_ISS, passive = false) {
    this.snapshot = initialSnapshot({ profile, iss, passive });
  }

  get state(): TcpState {
    return this.snapshot.value;
  }

  get tcb(): Tcb {
    return this.snapshot.context.tcb;
  }

  send(event: DistributiveOmit<EndpointEvent, 'at'>): Effect[] {
    return this.step({ ...event, at: this.now });
  }

  private step(event: EndpointEvent | ChartTimerEvent): Effect[] {
    const { snapshot, effects } = transition(this.snapshot, event);
    this.snapshot = snapshot;
    for (const fx of effects) {
      if (fx.type === 'schedule' || fx.type === 'cancel') this.timers = this.timers.filter((t) => t.id !== fx.id);
      if (fx.type === 'schedule')
        this.timers.push({ due: this.now + fx.delay, id: fx.id, order: ++this.order, event: fx.event });
    }
    return [...effects];
  }

  /** A segment from the peer: the template plus the fields that differ. */
  recv(fields: Partial<Segment>): Effect[] {
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
  advance(micros: number): Effect[] {
    const out: Effect[] = [];
    const until = this.now + micros;
    for (;;) {
      this.timers.sort((a, b) => a.due - b.due || a.order - b.order);
      const next = this.timers[0];
      if (!next || next.due > until) break;
      this.timers.shift();
      this.now = next.due;
      out.push(...this.step(next.event));
    }
    this.now = until;
    return out;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function segments(fx: Effect[]): Outgoing[] {
  return fx.flatMap((e) => (e.type === 'segment' ? [e.out] : []));
}

export function results(fx: Effect[]): string[] {
  return fx.flatMap((e) => (e.type === 'result' ? [`${e.call}:${e.result}`] : []));
}

export function errors(fx: Effect[]): string[] {
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
