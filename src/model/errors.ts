import type { Step } from './scenario.ts';

/** A scenario that cannot run as written (an ambiguous socket, a host that is down). */
export class ScenarioRunError extends Error {
  readonly line: number | null;
  constructor(step: Step, message: string) {
    super(message);
    this.name = 'ScenarioRunError';
    this.line = step.line ?? null;
  }
}
