/** The TCP model's public face: run scenarios, read traces, look up rules. */
export { simulate, Simulation, ScenarioRunError, type SimulateOptions } from './simulator.ts';
export { endpointMachine, type EndpointEvent, type EndpointEmitted } from './endpoint.ts';
export { PROFILES, tuned, retryBudget, type Profile } from './profiles.ts';
export { TCP_STATES, SYNCHRONIZED, isTcpState, type TcpState } from './states.ts';
export * from './trace.ts';
export type * from './scenario.ts';
export { flagsOf, resetFor, segLength, type Segment, type Control } from './segment.ts';
export { CATALOGUE, type RuleEntry } from './catalogue.ts';
