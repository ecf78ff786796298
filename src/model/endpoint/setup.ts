/**
 * The chart's vocabulary: its context, events and delays, and its guards and actions by name.
 * chart.ts writes the table with them; rows.ts holds the rows several states share.
 */
import { setup } from 'xstate';
import type { RetryPhase } from '../retransmit.ts';
import type { EndpointContext, EndpointInput } from '../tcb.ts';
import type { CallResult } from '../trace.ts';
import { arrivals } from './arrivals.ts';
import { calls } from './calls.ts';
import type { EndpointEvent } from './events.ts';
import { guards } from './guards.ts';
import { timers } from './timers.ts';

export const table = setup({
  types: { context: {} as EndpointContext, events: {} as EndpointEvent, input: {} as EndpointInput },
  delays: {
    timeWait: ({ context }) => context.tcb.p.timeWait,
    /** Only an orphan times out of FIN-WAIT-2 (Linux tcp_fin_timeout); RFC 9293 sets no limit. */
    finWait2: ({ context: { tcb } }) =>
      tcb.user === 'orphan' && tcb.p.finTimeout !== null ? tcb.p.finTimeout : Infinity,
    connectTimeout: ({ context }) => context.tcb.connectTimeout ?? Infinity,
  },
  guards,
  actions: { ...calls, ...arrivals, ...timers },
});

/** The call returns this at once. */
export const answer = (result: CallResult) => ({ type: 'answer', params: { result } }) as const;
/** The retransmission budget of a phase is spent. */
export const exhausted = (phase: RetryPhase) => ({ type: 'retriesExhausted', params: { phase } }) as const;
