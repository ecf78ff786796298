/** The TCP model's public face: run scenarios, read traces, look up rules and profiles. */
export { simulate, ScenarioRunError } from './simulator.ts';
export { endpointMachine } from './endpoint/chart.ts';
export { PROFILES } from './profiles.ts';
export { BELIEF_IDS, type BeliefId } from './beliefs.ts';
export { TCP_STATES, type TcpState } from './states.ts';
export * from './trace.ts';
export type * from './scenario.ts';
export { CATALOGUE } from './catalogue.ts';
