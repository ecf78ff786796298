/**
 * Stepping the chart without live actors: `transition(snapshot, event)` is pure — the same
 * snapshot and event always give the same next snapshot and the same effects, and nothing runs
 * behind the caller's back. The simulator, the tests and grading all step sockets through it.
 */
import { createActor, type ActorScope, type ExecutableActionObject, type SnapshotFrom } from 'xstate';
import { PROFILES } from '../profiles.ts';
import type { EndpointInput } from '../tcb.ts';
import { endpointMachine } from './chart.ts';
import { at, type ChartTimerEvent, type Effect, type EndpointEvent } from './events.ts';

export type EndpointSnapshot = SnapshotFrom<typeof endpointMachine>;

export interface Step {
  snapshot: EndpointSnapshot;
  /** What the transition did, in order: segments, results, errors, drops, and timers to (re)arm or cancel. */
  effects: readonly Effect[];
}

/**
 * XState resolves guards, targets and `assign` while computing the next snapshot and hands every
 * other action to the scope's executor instead of running it; the only ones the chart has are the
 * delayed raises and cancels of its `after` timers, collected here.
 */
const pending: ExecutableActionObject[] = [];
const self = createActor(endpointMachine, { input: { profile: PROFILES.linux, iss: 0 } });
const scope: ActorScope<EndpointSnapshot, EndpointEvent> = {
  self,
  id: 'endpoint',
  sessionId: 'endpoint',
  logger: () => undefined,
  defer: () => undefined,
  emit: () => undefined,
  system: self.system,
  stopChild: () => undefined,
  actionExecutor: (action) => pending.push(action),
};

/** A socket's first snapshot: CLOSED, with a fresh TCB. */
export function initialSnapshot(input: EndpointInput): EndpointSnapshot {
  return endpointMachine.getInitialSnapshot(scope, input);
}

export function transition(snapshot: EndpointSnapshot, event: EndpointEvent | ChartTimerEvent): Step {
  pending.length = 0;
  const next = endpointMachine.transition(snapshot, event as EndpointEvent, scope);
  const own = next.context === snapshot.context ? [] : next.context.tcb.out;
  if (pending.length === 0) return { snapshot: next, effects: own };
  const effects = [...own];
  for (const action of pending) {
    const timer = chartTimer(action, at(event));
    if (timer) effects.push(timer);
  }
  return { snapshot: next, effects };
}

/** The chart's own `after` timers: a delayed raise on entering a state, a cancel on leaving it. */
function chartTimer(action: ExecutableActionObject, now: number): Effect | null {
  const params = action.params as
    { id?: string; sendId?: string; delay?: number; event?: { type: string } } | undefined;
  if (action.type === 'xstate.cancel' && params?.sendId !== undefined) return { type: 'cancel', id: params.sendId };
  if (action.type !== 'xstate.raise' || params?.id === undefined || params.event === undefined) return null;
  const delay = params.delay;
  // An infinite delay is a timer that never fires (a FIN-WAIT-2 socket that is not an orphan).
  if (delay === undefined || !Number.isFinite(delay)) return null;
  const event = { type: params.event.type, at: now + delay } as ChartTimerEvent;
  return { type: 'schedule', id: params.id, delay, event };
}

/** A socket forgotten by its host without a word (a reopened TIME-WAIT, an embryonic reset): CLOSED, ended. */
export function forgotten(snapshot: EndpointSnapshot): EndpointSnapshot {
  return endpointMachine.resolveState({
    value: 'CLOSED',
    context: { tcb: { ...snapshot.context.tcb, life: 'ended', flight: [], sendQueue: 0, out: [] } },
  });
}
