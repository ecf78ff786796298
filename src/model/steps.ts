/**
 * What each host verb of a scenario does: socket calls become endpoint events, host verbs
 * become host operations. Which socket a step means is which-socket.ts's decision.
 */
import type { EndpointEvent } from './endpoint/events.ts';
import { ScenarioRunError } from './errors.ts';
import type { Host, NewEvent } from './host.ts';
import type { Network } from './network.ts';
import type { Profile } from './profiles.ts';
import type { HostVerb, Micros, Step } from './scenario.ts';
import type { Segment } from './segment.ts';
import type { Peer } from './socket.ts';
import { inGroup } from './states.ts';
import type { CallName, CallResult, Reason } from './trace.ts';
import { implied, named, onlyListener } from './which-socket.ts';

/** What a call gets once the application has let the socket go (a stale descriptor). */
const AFTER_RELEASE: Partial<Record<CallName, CallResult>> = {
  send: 'EPIPE',
  recv: 'ENOTCONN',
  shutdown: 'ENOTCONN',
};

type HostStep = Extract<Step, { kind: 'host' }>;
type SocketVerb = Extract<
  HostVerb,
  { verb: 'send' | 'recv' | 'shutdown' | 'linger' | 'keepalive' | 'close' | 'abort' }
>;

/** What the verbs need from the running simulation (simulator.ts's Simulation). */
export interface StepContext {
  readonly now: Micros;
  readonly profile: Profile;
  readonly net: Network;
  readonly hosts: ReadonlyMap<string, Host>;
  host(name: string): Host;
  record(event: NewEvent): void;
  settle(until: Micros): void;
  isn(host: Host, localPort: number, remote: Peer): number;
  ephemeralPort(host: Host): number;
  randomWord(): number;
  transmit(from: Host, to: string, seg: Segment, reason: Reason, retransmission: boolean): void;
}

export function runHostStep(sim: StepContext, step: HostStep, host: Host, action: HostVerb): void {
  if (!host.up && action.verb !== 'reboot') {
    const hint = `add '${host.name}: reboot' before this step`;
    throw new ScenarioRunError(step, `host '${host.name}' is down: it crashed or was powered off; ${hint}`);
  }
  const at = sim.now;
  const refuse = (socket: string, call: CallName): void => {
    sim.record({ kind: 'call', host: host.name, socket, call, result: 'EADDRINUSE' });
  };
  const event = (what: 'exit' | 'crash' | 'reboot' | 'power-off'): void => {
    sim.record({ kind: 'host', host: host.name, what });
  };
  switch (action.verb) {
    case 'bind': {
      const name = action.as ?? String(action.port);
      if (host.portTaken(action.port)) refuse(name, 'bind');
      else host.call(host.add(name, action.port, null, 0), 'bind', 'ok');
      return;
    }
    case 'listen': {
      const name = action.as ?? String(action.port);
      const bound = host.held().find((s) => s.localPort === action.port && s.remote === null && s.state === 'CLOSED');
      if (!bound && host.portTaken(action.port)) {
        refuse(name, 'listen');
        return;
      }
      const sock = bound ?? host.add(name, action.port, null, 0);
      sock.backlog = action.backlog ?? 128;
      host.step(sock, { type: 'LISTEN', at });
      return;
    }
    case 'connect': {
      const remote = { host: action.host, port: action.port };
      if (action.from !== undefined && host.portTaken(action.from, remote)) {
        refuse(action.as ?? String(action.from), 'connect');
        return;
      }
      const port = action.from ?? sim.ephemeralPort(host);
      const sock = host.add(action.as ?? String(port), port, remote, sim.isn(host, port, remote));
      host.step(sock, { type: 'CONNECT', at, timeout: action.timeout ?? null });
      return;
    }
    case 'accept': {
      const listener = step.socket ? named(step, host, step.socket) : onlyListener(step, host);
      const child = listener.acceptQueue.shift();
      if (!child) {
        host.call(listener, 'accept', 'EAGAIN');
        return;
      }
      child.holder = 'application';
      if (action.as) child.aliases.push(action.as);
      host.call(child, 'accept', 'ok');
      return;
    }
    case 'exit':
      event('exit');
      host.exit('exit', at);
      return;
    case 'crash':
      event('crash');
      crash(sim, host);
      return;
    case 'reboot':
      if (host.up) {
        event('crash');
        crash(sim, host);
      }
      event('reboot');
      host.boot();
      return;
    case 'power-off':
      // Orderly: the processes end first (their FINs go out and are answered), then the host is down.
      event('power-off');
      host.exit('power-off', at);
      sim.settle(sim.now);
      host.crash();
      return;
    default:
      socketCall(sim, step, host, action);
  }
}

function socketCall(sim: StepContext, step: HostStep, host: Host, action: SocketVerb): void {
  const sock = step.socket ? named(step, host, step.socket) : implied(step, host, action.verb);
  if (sock.holder === 'released') {
    host.call(sock, action.verb, AFTER_RELEASE[action.verb] ?? 'EBADF');
    return;
  }
  const call = asBelieved(action, sim.profile);
  if (call.verb === 'close' || call.verb === 'abort') sock.holder = 'released';
  host.step(sock, callEvent(call, sim.now));
}

/**
 * The call as a belief sees it (truths.ts): with closeMayReset off an abort is a plain close;
 * with shutdownWriteCloses on, shutdown(write) is close(). Real profiles pass every call through.
 */
function asBelieved(action: SocketVerb, profile: Profile): SocketVerb {
  if (action.verb === 'abort' && !profile.closeMayReset) return { verb: 'close' };
  if (action.verb === 'shutdown' && action.how !== 'read' && profile.shutdownWriteCloses) return { verb: 'close' };
  return action;
}

/** A host crashes: silent (R11), unless a belief has its peers notice at once (truths.ts peerCrashNoticed). */
function crash(sim: StepContext, host: Host): void {
  host.crash();
  if (!sim.profile.peerCrashNoticed) return;
  for (const peer of sim.hosts.values()) {
    for (const sock of peer.sockets) {
      const remote = sock.remote;
      if (remote?.host !== host.name || !inGroup(sock.state, 'synchronized')) continue;
      // As if an exact RST had arrived, though none was sent.
      const seg = {
        sport: remote.port,
        dport: sock.localPort,
        ctl: 'rst',
        seq: sock.tcb.rcvNxt,
        ack: null,
        len: 0,
        win: 0,
      } as const;
      peer.step(sock, { type: 'SEGMENT', at: sim.now, seg });
    }
  }
}

function callEvent(action: SocketVerb, at: Micros): EndpointEvent {
  switch (action.verb) {
    case 'send':
      return { type: 'SEND', at, bytes: action.bytes };
    case 'recv':
      return action.bytes === undefined ? { type: 'RECV', at } : { type: 'RECV', at, bytes: action.bytes };
    case 'shutdown':
      return { type: 'SHUTDOWN', at, how: action.how };
    case 'linger':
      return { type: 'LINGER', at, timeout: action.timeout };
    case 'keepalive':
      return { type: 'KEEPALIVE', at, config: { idle: action.idle, interval: action.interval, count: action.count } };
    case 'close':
      return { type: 'CLOSE', at };
    case 'abort':
      return { type: 'ABORT', at };
  }
}
