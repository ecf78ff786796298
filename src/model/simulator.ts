/**
 * The simulator: runs a scenario's steps against hosts and a network on a simulated
 * clock and records the trace. Same scenario, same profile → same trace.
 */
import type { ChartTimerEvent, EndpointEvent } from './endpoint/events.ts';
import { ScenarioRunError } from './errors.ts';
import { Host, type NewEvent, type World } from './host.ts';
import { Network } from './network.ts';
import { hash32, prng } from './prng.ts';
import { tuned, type Profile } from './profiles.ts';
import { Agenda, type Agendum } from './queue.ts';
import { BELIEF_BASE, believed, type BeliefId } from './beliefs.ts';
import type { Micros, Scenario, Step } from './scenario.ts';
import { flagsOf, type Segment } from './segment.ts';
import type { Peer, Sock } from './socket.ts';
import { runNetworkStep } from './network-steps.ts';
import { runHostStep } from './steps.ts';
import type { DropWhy, ProfileName, Reason, Trace, TraceSegment } from './trace.ts';

export { ScenarioRunError };

export interface SimulateOptions {
  /** Overrides the scenario's own profile. */
  profile?: ProfileName;
  /** Runs the scenario as someone holding this misconception expects (beliefs.ts): linux, overlaid. */
  belief?: BeliefId;
}

interface Arrival extends Agendum {
  cls: 0;
  seg: Segment;
  from: string;
  to: Host;
  index: number;
  /** Its line in the trace: `delivered` turns false if the host is down when it arrives. */
  entry: TraceSegment;
  /** Why the network loses it, decided as it leaves; null when it arrives. */
  lost: DropWhy | null;
}
interface Timer extends Agendum {
  cls: 1;
  sock: Sock;
  id: string;
  event: EndpointEvent | ChartTimerEvent;
  hostRef: Host;
  boots: number;
}

/** A step may not spin forever: past this many agenda items it is a model bug, not a scenario. */
const STEP_LIMIT = 200_000;

export class Simulation implements World {
  now: Micros = 0;
  readonly profile: Profile;
  readonly hosts = new Map<string, Host>();
  readonly net: Network;
  readonly trace: Trace;
  private agenda = new Agenda<Arrival | Timer>();
  private order = 0;
  private inFlight = 0;
  private socketIds = 0;
  private random: () => number;
  private seed: number;
  private step = 0;
  private current: Step | null = null;

  constructor(scenario: Scenario, options: SimulateOptions = {}) {
    const profileName = options.belief ? BELIEF_BASE : (options.profile ?? scenario.profile);
    const profile = tuned(profileName, scenario.tune);
    this.profile = options.belief ? believed(profile, options.belief) : profile;
    this.seed = scenario.seed ?? hash32(scenario.id);
    this.random = prng(this.seed);
    this.net = new Network(scenario.hosts);
    scenario.hosts.forEach((name, i) => this.hosts.set(name, new Host(name, i, this)));
    this.trace = {
      scenario: scenario.id,
      profile: profileName,
      hosts: [...scenario.hosts],
      segments: [],
      events: [],
      steps: [],
      isn: {},
      ...(options.belief ? { belief: options.belief } : {}),
    };
  }

  // ── World, for the hosts ───────────────────────────────────────────────────────

  nextSocketId(): number {
    return ++this.socketIds;
  }

  schedule(host: Host, sock: Sock, id: string, delay: Micros, event: EndpointEvent | ChartTimerEvent): void {
    const order = ++this.order;
    sock.timers.set(id, order);
    this.agenda.push({
      t: this.now + delay,
      cls: 1,
      host: host.index,
      order,
      sock,
      id,
      event,
      hostRef: host,
      boots: host.boots,
    });
  }

  record(event: NewEvent): void {
    this.trace.events.push({ ...event, t: this.now / 1e6, step: this.step });
  }

  isn(host: Host, localPort: number, remote: Peer): number {
    const secret = hash32(`${this.seed}|${host.name}|${host.boots}|${localPort}|${remote.host}|${remote.port}`);
    // Linux secure_tcp_seq(): a keyed hash plus a clock ticking every 64 ns.
    const iss = (secret + Math.floor((this.now * 1000) / 64)) >>> 0;
    const key = `${host.name}:${localPort}>${remote.host}:${remote.port}`;
    (this.trace.isn[key] ??= []).push({ t: this.now / 1e6, isn: iss });
    return iss;
  }

  randomWord(): number {
    return Math.floor(this.random() * 2 ** 32) >>> 0;
  }

  ephemeralPort(host: Host): number {
    for (;;) {
      // Linux ip_local_port_range: 32768-60999.
      const port = 32768 + Math.floor(this.random() * (60999 - 32768 + 1));
      if (!host.sockets.some((s) => s.localPort === port)) return port;
    }
  }

  transmit(from: Host, to: string, seg: Segment, why: Reason, retransmission: boolean): void {
    // A belief (truths.ts everyResetIsAbort) reads every RST as the peer's abort.
    const reason = seg.ctl === 'rst' && this.profile.everyResetIsAbort ? 'abort' : why;
    const index = this.trace.segments.length;
    const dest = this.hosts.get(to);
    if (!dest) return;
    const delay = this.net.delay;
    const lost = this.net.lose(from.name, to, seg);
    const entry: TraceSegment = {
      i: index,
      t: this.now / 1e6,
      arrival: (this.now + delay) / 1e6,
      from: from.name,
      to,
      sport: seg.sport,
      dport: seg.dport,
      flags: flagsOf(seg),
      seq: seg.seq,
      ack: seg.ack,
      len: seg.len,
      win: seg.win,
      delivered: lost === null,
      reason,
      step: this.step,
    };
    if (retransmission) entry.retransmission = true;
    this.trace.segments.push(entry);
    this.inFlight += 1;
    this.agenda.push({
      t: this.now + delay,
      cls: 0,
      host: dest.index,
      order: ++this.order,
      seg,
      from: from.name,
      to: dest,
      index,
      entry,
      lost,
    });
  }

  // ── Running ────────────────────────────────────────────────────────────────────

  host(name: string): Host {
    const h = this.hosts.get(name);
    if (!h) throw new Error(`no host ${name}`);
    return h;
  }

  run(steps: readonly Step[]): Trace {
    steps.forEach((step, i) => this.runStep(step, i + 1));
    return this.trace;
  }

  private runStep(step: Step, index: number): void {
    this.step = index;
    this.current = step;
    const mark = {
      index,
      t: this.now / 1e6,
      text: step.text,
      firstSegment: this.trace.segments.length,
      firstEvent: this.trace.events.length,
    };
    this.trace.steps.push(step.label === undefined ? mark : { ...mark, label: step.label });
    if (step.kind === 'wait') {
      this.settle(this.now + step.duration);
      return;
    }
    if (step.kind === 'network') runNetworkStep(this, step, step.action);
    else runHostStep(this, step, this.host(step.host), step.action);
    this.settle(this.now);
  }

  /** Run the agenda up to `until`, and on while any segment is still in flight. */
  settle(until: Micros): void {
    let budget = STEP_LIMIT;
    for (;;) {
      const next = this.agenda.peek();
      if (!next || (next.t > until && this.inFlight === 0)) break;
      this.agenda.pop();
      if (--budget === 0) {
        const message = `the simulation did not settle after ${STEP_LIMIT} events (t=${next.t / 1e6} s): shorten the waits or the timers`;
        throw this.current ? new ScenarioRunError(this.current, message) : new Error(message);
      }
      this.now = Math.max(this.now, next.t);
      if (next.cls === 0) this.arrive(next);
      else this.fire(next);
    }
    this.now = Math.max(this.now, until);
  }

  private arrive(a: Arrival): void {
    this.inFlight -= 1;
    const dest = a.to;
    dest.setArrival(a.index);
    if (a.lost !== null) dest.dropped(a.lost);
    else if (!dest.up) {
      a.entry.delivered = false;
      dest.dropped('host-down');
    } else dest.receive(a.seg, a.from, this.now);
  }

  /** A timer fires only if it is still the one armed under its id, on the same boot of a host that is up. */
  private fire(timer: Timer): void {
    const { sock, hostRef: host } = timer;
    if (sock.timers.get(timer.id) !== timer.order) return;
    sock.timers.delete(timer.id);
    if (!host.up || host.boots !== timer.boots) return;
    host.step(sock, timer.event);
  }
}

/** Run a scenario through the model. */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): Trace {
  return new Simulation(scenario, options).run(scenario.steps);
}
