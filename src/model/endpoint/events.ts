/** What reaches a socket (calls, segments, timers) and what a transition produces (effects). */
import type { KeepaliveConfig } from '../profiles.ts';
import type { Micros, ShutdownHow } from '../scenario.ts';
import type { Outgoing, Segment } from '../segment.ts';
import type { CallName, CallResult, DropWhy, Errno, Reason, TimerName } from '../trace.ts';

export type EndpointEvent =
  | { type: 'CONNECT'; at: Micros; timeout: Micros | null }
  | { type: 'LISTEN'; at: Micros }
  | { type: 'SEND'; at: Micros; bytes: number }
  | { type: 'RECV'; at: Micros; bytes?: number }
  /** close(); `reason` labels the FIN when the kernel closes for an exiting process. */
  | { type: 'CLOSE'; at: Micros; reason?: Reason }
  | { type: 'SHUTDOWN'; at: Micros; how: ShutdownHow }
  /** SO_LINGER {on, 0} then close(); `reason` when the kernel aborts (a listener closing). */
  | { type: 'ABORT'; at: Micros; reason?: Reason }
  | { type: 'LINGER'; at: Micros; timeout: Micros }
  | { type: 'KEEPALIVE'; at: Micros; config: KeepaliveConfig }
  | { type: 'SEGMENT'; at: Micros; seg: Segment }
  /** The retransmission timer (armed by the TCB whenever something is in flight). */
  | { type: 'RTO'; at: Micros }
  | { type: 'KEEPALIVE_TIMER'; at: Micros };

/** A timer the chart itself raises (its `after` delays), delivered back with the time it fired. */
export interface ChartTimerEvent {
  type: `xstate.after.${string}`;
  at: Micros;
}

/** Timers are named: re-arming one replaces it, cancelling it forgets it. */
export type TimerId = string;

export type Effect =
  | { type: 'segment'; out: Outgoing }
  | { type: 'result'; call: CallName; result: CallResult; bytes?: number }
  | { type: 'error'; errno: Errno }
  /** A timer fired and did something (for the trace). */
  | { type: 'timer'; timer: TimerName }
  | { type: 'drop'; why: DropWhy }
  /** The application's handle is gone (its own connect timeout closed it). */
  | { type: 'released' }
  /** Deliver `event` to this socket after `delay`, replacing any timer with the same id. */
  | { type: 'schedule'; id: TimerId; delay: Micros; event: EndpointEvent | ChartTimerEvent }
  | { type: 'cancel'; id: TimerId };

/** When an event happened (every event the model is given carries its time). */
export function at(event: { type: string }): Micros {
  return 'at' in event && typeof event.at === 'number' ? event.at : 0;
}
