/** What each `network:` verb of a scenario does to the wire, forged segments included. */
import { ScenarioRunError } from './errors.ts';
import type { NetworkVerb, Step } from './scenario.ts';
import type { Control, Segment } from './segment.ts';
import { seqAdd } from './seq.ts';
import { inGroup } from './states.ts';
import type { StepContext } from './steps.ts';
import { rcvWnd } from './tcb.ts';

export function runNetworkStep(sim: StepContext, step: Step, action: NetworkVerb): void {
  switch (action.verb) {
    case 'partition':
      sim.net.partition(action.between);
      return;
    case 'heal':
      sim.net.heal(action.between);
      return;
    case 'delay':
      sim.net.delay = action.delay;
      return;
    case 'drop-next': {
      const { from, to } = action;
      if (action.flags) sim.net.dropNext({ from, to, flags: action.flags });
      else if (action.data === true) sim.net.dropNext({ from, to, data: true });
      else sim.net.dropNext({ from, to });
      return;
    }
    case 'inject':
      inject(sim, step, action);
      return;
  }
}

/** The one control a forged segment carries, from its flags (RST wins, then SYN, then FIN). */
function controlOf(flags: readonly string[]): Control {
  if (flags.includes('RST')) return 'rst';
  if (flags.includes('SYN')) return 'syn';
  return flags.includes('FIN') ? 'fin' : 'none';
}

/** How far past RCV.NXT a forged segment lands (behaviour.md's `seq exact | in-window | out-of-window`). */
function offsetFor(seq: 'exact' | 'in-window' | 'out-of-window', window: number): number {
  if (seq === 'exact') return 0;
  return seq === 'in-window' ? Math.max(1, Math.min(1000, Math.floor(window / 2))) : 2 ** 30;
}

/** A forged segment: sequence numbers taken from the victim's own TCB, as an on-path attacker would see them. */
function inject(sim: StepContext, step: Step, action: Extract<NetworkVerb, { verb: 'inject' }>): void {
  // A belief (truths.ts forgeriesLost): only the peer can send a segment on a connection.
  if (sim.profile.forgeriesLost) return;
  const from = sim.host(action.from);
  const victim = sim.host(action.to);
  const conn = victim.sockets.findLast(
    (s) =>
      s.remote?.host === action.from &&
      inGroup(s.state, 'peerSynKnown') &&
      (action.port === undefined || s.localPort === action.port),
  );
  const ctl = controlOf(action.flags);
  const hasAck = action.flags.includes('ACK');
  const len = action.len ?? 0;
  const win = sim.profile.rcvBuf;
  let seg: Segment;
  if (conn?.remote) {
    const t = conn.tcb;
    const seq = seqAdd(t.rcvNxt, offsetFor(action.seq, rcvWnd(t)));
    seg = { sport: conn.remote.port, dport: conn.localPort, ctl, seq, ack: hasAck ? t.sndNxt : null, len, win };
  } else {
    if (action.port === undefined) {
      const hint = `name a port: ${action.from}->${action.to}:PORT`;
      throw new ScenarioRunError(step, `no connection from '${action.from}' to '${action.to}' to inject into; ${hint}`);
    }
    const sport = sim.ephemeralPort(from);
    const seq = sim.randomWord();
    seg = { sport, dport: action.port, ctl, seq, ack: hasAck ? sim.randomWord() : null, len, win };
  }
  sim.transmit(from, action.to, seg, 'forged', false);
}
