/**
 * Every transition of the endpoint statechart, read out of its definition: those that move
 * to another state, those that stay, and those every state shares. Structural types only, so
 * render imports no xstate.
 */

/** The part of an XState v5 StateNode this file reads (kept structural: render imports no xstate). */
export interface MachineNode {
  readonly states: Readonly<Record<string, MachineNode>>;
  readonly transitions: ReadonlyMap<string, readonly MachineTransitionDef[]>;
  readonly after: readonly { readonly delay: unknown; readonly eventType: string }[];
}
interface MachineTransitionDef {
  readonly target?: readonly { readonly key: string }[] | undefined;
  readonly reenter: boolean;
  readonly guard?: unknown;
  readonly actions: readonly unknown[];
}

/** One transition of the chart. `event` is the event type, or `after NAME` for a delayed one. */
export interface ModelTransition {
  from: string;
  to: string;
  event: string;
  guard: string | null;
  actions: string[];
}

/** `moves` change state (or re-enter it, restarting its timers); `stays` leave it as it is. */
export interface MachineTransitions {
  moves: ModelTransition[];
  stays: ModelTransition[];
  /** Handled by the root in every state (send, recv, socket options): they never change state. */
  everywhere: ModelTransition[];
}

function nameOf(thing: unknown): string {
  if (typeof thing === 'string') return thing;
  if (typeof thing === 'function') return thing.name || 'inline';
  if (thing && typeof thing === 'object' && 'type' in thing) return String(thing.type);
  return 'inline';
}

/** A node's own transitions; `moves` is false for those that leave the state as it is. */
function transitionsOf(node: MachineNode, from: string): { tr: ModelTransition; moves: boolean }[] {
  const delays = new Map(
    node.after.map((a) => [a.eventType, typeof a.delay === 'number' ? `${a.delay}ms` : String(a.delay)]),
  );
  const found: { tr: ModelTransition; moves: boolean }[] = [];
  for (const [eventType, defs] of node.transitions) {
    const delay = delays.get(eventType);
    const event = delay === undefined ? eventType : `after ${delay}`;
    for (const def of defs) {
      const target = def.target?.[0]?.key;
      const guard = def.guard === undefined ? null : nameOf(def.guard);
      // A re-entering self-transition exits and enters again (restarting timers): it is drawn.
      const moves = target !== undefined && (target !== from || def.reenter);
      found.push({ tr: { from, to: target ?? from, event, guard, actions: def.actions.map(nameOf) }, moves });
    }
  }
  return found;
}

/** Every transition of a machine, read from its definition (`machine.root` of XState v5). */
export function machineTransitions(machine: { root: MachineNode }): MachineTransitions {
  const moves: ModelTransition[] = [];
  const stays: ModelTransition[] = [];
  for (const [name, node] of Object.entries(machine.root.states)) {
    for (const { tr, moves: changes } of transitionsOf(node, name)) (changes ? moves : stays).push(tr);
  }
  const everywhere = transitionsOf(machine.root, '*').map(({ tr }) => tr);
  return { moves, stays, everywhere };
}
