/**
 * What each scenario verb does: socket calls become endpoint events, host verbs become
 * host operations, network verbs change the wire. Which socket a step means is decided
 * here, with the rules of Contract 1 ("Which socket").
 */
import type { Host } from './host.ts';
import type { HostVerb, NetworkVerb, Step } from './scenario.ts';
import type { Control, Segment } from './segment.ts';
import { seqAdd } from './seq.ts';
import { ScenarioRunError } from './errors.ts';
import type { Network } from './network.ts';
import type { Profile } from './profiles.ts';
import type { Micros } from './scenario.ts';
import type { Reason, TraceEvent } from './trace.ts';
import { tcbOf, type Peer, type Sock } from './socket.ts';
import { rcvWnd } from './tcb.ts';
import type { CallName, CallResult } from './trace.ts';

/** What a call gets once the application has let the socket go (a stale descriptor). */
const AFTER_RELEASE: Record<string, CallResult> = {
  send: 'EPIPE',
  recv: 'ENOTCONN',
  shutdown: 'ENOTCONN',
  close: 'EBADF',
  abort: 'EBADF',
  linger: 'EBADF',
  keepalive: 'EBADF',
};

type HostStep = Extract<Step, { kind: 'host' }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What the verbs need from the running simulation (simulator.ts's Simulation). */
interface Simulation {
  readonly now: Micros;
  readonly profile: Profile;
  readonly net: Network;
  host(name: string): Host;
  record(event: DistributiveOmit<TraceEvent, 't' | 'step'>): void;
  settle(until: Micros): void;
  isn(host: Host, localPort: number, remote: Peer): number;
  ephemeralPort(host: Host): number;
  randomWord(): number;
  transmit(from: Host, to: string, seg: Segment, reason: Reason, retransmission: boolean): void;
}

export function runHostStep(sim: Simulation, step: HostStep, host: Host, action: HostVerb): void {
  const at = sim.now;
  if (!host.up && action.verb !== 'reboot') {
    throw new ScenarioRunError(
      step,
      `host '${host.name}' is down: it crashed or was powered off; add '${host.name}: reboot' before this step`,
    );
  }
  switch (action.verb) {
    case 'bind': {
      const name = action.as ?? String(action.port);
      if (host.portTaken(action.port)) return record(sim, host, name, 'bind', 'EADDRINUSE');
      const sock = host.newSocket(name, action.port, null, 0);
      return host.call(sock, 'bind', 'ok');
    }
    case 'listen': {
      const bound = host.held().find((s) => s.localPort === action.port && s.remote === null && s.state === 'CLOSED');
      if (!bound && host.portTaken(action.port))
        return record(sim, host, action.as ?? String(action.port), 'listen', 'EADDRINUSE');
      const sock = bound ?? host.newSocket(action.as ?? String(action.port), action.port, null, 0);
      sock.backlog = action.backlog ?? 128;
      return host.deliver(sock, { type: 'LISTEN', at });
    }
    case 'connect': {
      const remote = { host: action.host, port: action.port };
      if (action.from !== undefined && host.portTaken(action.from, remote)) {
        return record(sim, host, action.as ?? String(action.from), 'connect', 'EADDRINUSE');
      }
      const port = action.from ?? sim.ephemeralPort(host);
      const sock = host.newSocket(action.as ?? String(port), port, remote, sim.isn(host, port, remote));
      return host.deliver(sock, { type: 'CONNECT', at, timeout: action.timeout ?? null });
    }
    case 'accept': {
      const listener = step.socket ? named(step, host, step.socket) : onlyListener(step, host);
      const child = listener.acceptQueue.shift();
      if (!child) return host.call(listener, 'accept', 'EAGAIN');
      child.held = true;
      if (action.as) child.aliases.push(action.as);
      return host.call(child, 'accept', 'ok');
    }
    case 'exit':
      sim.record({ kind: 'host', host: host.name, what: 'exit' });
      return host.exit('exit', at);
    case 'crash':
      sim.record({ kind: 'host', host: host.name, what: 'crash' });
      return host.crash();
    case 'reboot':
      if (host.up) {
        sim.record({ kind: 'host', host: host.name, what: 'crash' });
        host.crash();
      }
      sim.record({ kind: 'host', host: host.name, what: 'reboot' });
      return host.boot();
    case 'power-off':
      // Orderly: the processes end first (their FINs go out and are answered), then the host is down.
      sim.record({ kind: 'host', host: host.name, what: 'power-off' });
      host.exit('power-off', at);
      sim.settle(sim.now);
      return host.crash();
    default:
      return socketCall(sim, step, host, action);
  }
}

function socketCall(sim: Simulation, step: HostStep, host: Host, action: HostVerb): void {
  const at = sim.now;
  const sock = step.socket ? named(step, host, step.socket) : implied(step, host, action.verb);
  if (sock.released) return host.call(sock, action.verb as CallName, AFTER_RELEASE[action.verb] ?? 'EBADF');
  switch (action.verb) {
    case 'send':
      return host.deliver(sock, { type: 'SEND', at, bytes: action.bytes });
    case 'recv':
      return host.deliver(
        sock,
        action.bytes === undefined ? { type: 'RECV', at } : { type: 'RECV', at, bytes: action.bytes },
      );
    case 'shutdown':
      return host.deliver(sock, { type: 'SHUTDOWN', at, how: action.how });
    case 'linger':
      return host.deliver(sock, { type: 'LINGER', at, timeout: action.timeout });
    case 'keepalive':
      return host.deliver(sock, {
        type: 'KEEPALIVE',
        at,
        config: { idle: action.idle, interval: action.interval, count: action.count },
      });
    case 'close':
    case 'abort':
      sock.held = false;
      sock.released = true;
      return host.deliver(sock, { type: action.verb === 'close' ? 'CLOSE' : 'ABORT', at });
    default:
      throw new ScenarioRunError(step, `'${action.verb}' is not a socket call`);
  }
}

function record(sim: Simulation, host: Host, socket: string, call: CallName, result: CallResult): void {
  sim.record({ kind: 'call', host: host.name, socket, call, result });
}

function names(socks: Sock[]): string {
  return socks.map((s) => [s.name, ...s.aliases].join('/')).join(', ');
}

function named(step: Step, host: Host, name: string): Sock {
  const found = [...host.sockets].reverse().find((s) => s.name === name || s.aliases.includes(name));
  if (found) return found;
  const known = host.sockets.length ? `; its sockets are: ${names(host.sockets)}` : '; it has no sockets yet';
  throw new ScenarioRunError(step, `host '${host.name}' has no socket '${name}'${known}`);
}

function onlyListener(step: Step, host: Host): Sock {
  const listeners = host.held().filter((s) => s.state === 'LISTEN');
  if (listeners.length === 1) return listeners[0]!;
  if (listeners.length === 0)
    throw new ScenarioRunError(step, `host '${host.name}' has no listening socket to accept from`);
  throw new ScenarioRunError(
    step,
    `host '${host.name}' has several listeners (${names(listeners)}): write '${host.name}.NAME: accept'`,
  );
}

/** The host's only connection socket, or else its only socket (Contract 1). */
function implied(step: Step, host: Host, verb: string): Sock {
  const held = host.held();
  const connections = held.filter((s) => s.remote !== null);
  if (connections.length === 1) return connections[0]!;
  if (connections.length === 0 && held.length === 1) return held[0]!;
  if (held.length === 0) {
    const released = host.sockets.filter((s) => s.released);
    if (released.length === 1) return released[0]!;
    throw new ScenarioRunError(step, `host '${host.name}' has no socket for '${verb}'`);
  }
  const choices = connections.length > 1 ? connections : held;
  throw new ScenarioRunError(
    step,
    `'${verb}' is ambiguous: host '${host.name}' has ${choices.length} sockets (${names(choices)}); write '${host.name}.NAME: ${verb}'`,
  );
}

export function runNetworkStep(sim: Simulation, step: Step, action: NetworkVerb): void {
  switch (action.verb) {
    case 'partition':
      return sim.net.partition(action.between);
    case 'heal':
      return sim.net.heal(action.between);
    case 'delay':
      sim.net.delay = action.delay;
      return;
    case 'drop-next':
      return sim.net.dropNext(
        action.flags
          ? { from: action.from, to: action.to, flags: action.flags }
          : action.data
            ? { from: action.from, to: action.to, data: true }
            : { from: action.from, to: action.to },
      );
    case 'inject':
      return inject(sim, step, action);
  }
}

const CONNECTED = new Set([
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
]);

/** A forged segment: sequence numbers taken from the victim's own TCB, as an on-path attacker would see them. */
function inject(sim: Simulation, step: Step, action: Extract<NetworkVerb, { verb: 'inject' }>): void {
  const from = sim.host(action.from);
  const victim = sim.host(action.to);
  const conn = [...victim.sockets]
    .reverse()
    .find(
      (s) =>
        s.remote?.host === action.from &&
        CONNECTED.has(s.state) &&
        (action.port === undefined || s.localPort === action.port),
    );
  const ctl: Control = action.flags.includes('RST')
    ? 'rst'
    : action.flags.includes('SYN')
      ? 'syn'
      : action.flags.includes('FIN')
        ? 'fin'
        : 'none';
  const hasAck = action.flags.includes('ACK');
  let seg: Segment;
  if (conn && conn.remote) {
    const t = tcbOf(conn);
    const offset =
      action.seq === 'exact'
        ? 0
        : action.seq === 'in-window'
          ? Math.max(1, Math.min(1000, Math.floor(rcvWnd(t) / 2)))
          : 2 ** 30;
    seg = {
      sport: conn.remote.port,
      dport: conn.localPort,
      ctl,
      seq: seqAdd(t.rcvNxt, offset),
      ack: hasAck ? t.sndNxt : null,
      len: action.len ?? 0,
      win: sim.profile.rcvBuf,
    };
  } else {
    if (action.port === undefined) {
      throw new ScenarioRunError(
        step,
        `no connection from '${action.from}' to '${action.to}' to inject into; name a port: ${action.from}->${action.to}:PORT`,
      );
    }
    seg = {
      sport: sim.ephemeralPort(from),
      dport: action.port,
      ctl,
      seq: sim.randomWord(),
      ack: hasAck ? sim.randomWord() : null,
      len: action.len ?? 0,
      win: sim.profile.rcvBuf,
    };
  }
  sim.transmit(from, action.to, seg, 'forged', false);
}
