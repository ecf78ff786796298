/** Which socket a step means: Contract 1's "Which socket" rules, with errors that list the choices. */
import { ScenarioRunError } from './errors.ts';
import type { Host } from './host.ts';
import type { Step } from './scenario.ts';
import type { Sock } from './socket.ts';

function names(socks: readonly Sock[]): string {
  return socks.map((s) => [s.name, ...s.aliases].join('/')).join(', ');
}

/** `HOST.NAME: …`: the newest socket with that name or alias. */
export function named(step: Step, host: Host, name: string): Sock {
  const found = host.sockets.findLast((s) => s.name === name || s.aliases.includes(name));
  if (found) return found;
  const known = host.sockets.length > 0 ? `; its sockets are: ${names(host.sockets)}` : '; it has no sockets yet';
  throw new ScenarioRunError(step, `host '${host.name}' has no socket '${name}'${known}`);
}

/** `HOST: accept` with one listener. */
export function onlyListener(step: Step, host: Host): Sock {
  const listeners = host.held().filter((s) => s.state === 'LISTEN');
  const [only, ...more] = listeners;
  if (only && more.length === 0) return only;
  if (!only) throw new ScenarioRunError(step, `host '${host.name}' has no listening socket to accept from`);
  const hint = `write '${host.name}.NAME: accept'`;
  throw new ScenarioRunError(step, `host '${host.name}' has several listeners (${names(listeners)}): ${hint}`);
}

/** The host's only connection socket, or else its only socket, or the one it let go. */
export function implied(step: Step, host: Host, verb: string): Sock {
  const held = host.held();
  const connections = held.filter((s) => s.remote !== null);
  if (connections.length === 1 && connections[0]) return connections[0];
  if (connections.length === 0 && held.length === 1 && held[0]) return held[0];
  if (held.length === 0) {
    const released = host.sockets.filter((s) => s.holder === 'released');
    if (released.length === 1 && released[0]) return released[0];
    throw new ScenarioRunError(step, `host '${host.name}' has no socket for '${verb}'`);
  }
  const choices = connections.length > 1 ? connections : held;
  const hint = `write '${host.name}.NAME: ${verb}'`;
  throw new ScenarioRunError(
    step,
    `'${verb}' is ambiguous: host '${host.name}' has ${choices.length} sockets (${names(choices)}); ${hint}`,
  );
}
