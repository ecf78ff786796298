/** The TCP model's public face: run scenarios, step sockets, read traces, look up rules. */
export { simulate, Simulation, ScenarioRunError, type SimulateOptions } from './simulator.ts';
export { endpointMachine, type EndpointMachine } from './endpoint/chart.ts';
export type { EndpointEvent, Effect, ChartTimerEvent } from './endpoint/events.ts';
export {
  transition,
  initialSnapshot,
  type EndpointSnapshot,
  type Step as EndpointStep,
} from './endpoint/transition.ts';
export { PROFILES, tuned, retryBudget, type Profile } from './profiles.ts';
export { BELIEFS, BELIEF_IDS, isBeliefId, believed, type BeliefId, type Belief } from './beliefs.ts';
export { REAL_TCP, type Truths } from './truths.ts';
export { TCP_STATES, inGroup, statesIn, isTcpState, type TcpState, type StateGroup } from './states.ts';
export * from './trace.ts';
export type * from './scenario.ts';
export { flagsOf, resetFor, segLength, type Segment, type Control } from './segment.ts';
export { CATALOGUE, type RuleEntry } from './catalogue.ts';
