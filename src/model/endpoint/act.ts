/**
 * An action changes the TCB through a `Work` and records its effects there; `act` turns such a
 * body into an XState `assign`, so the chart names actions and the transition stays pure.
 */
import { assign } from 'xstate';
import { begin, type EndpointContext, type Work } from '../tcb.ts';
import { at, type EndpointEvent } from './events.ts';

/**
 * A named action of the chart: `body` changes a private copy of the TCB and records effects;
 * the new TCB, with those effects in `out`, becomes the snapshot's context (`context.tcb`). A transition runs at
 * most one action, so `out` is exactly what that transition did.
 */
export function act<P = undefined>(body: (w: Work, event: EndpointEvent, params: P) => void) {
  return assign<EndpointContext, EndpointEvent, P, EndpointEvent, never>(({ context, event }, params) => {
    const w = begin(context.tcb, at(event));
    body(w, event, params);
    w.t.out = w.fx;
    return { tcb: w.t };
  });
}
