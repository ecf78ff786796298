/**
 * The scenario checker: a scenario file must parse, and one with `expect:` must get what
 * it expects from the model under every profile. Pure: the file's text in, problems out.
 */
import { PROFILES, ScenarioRunError, simulate, type ProfileName } from '../model/index.ts';
import { checksFor } from '../scenario/expect.ts';
import { parseScenario } from '../scenario/parse.ts';
import { matchChecks } from './match.ts';
import type { FileReport } from './report.ts';

const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

export function checkScenario(text: string, file: string): FileReport {
  const parsed = parseScenario(text, file);
  if (!parsed.ok) return { file, problems: parsed.errors, expects: false, checks: 0 };
  const { scenario } = parsed;
  const block = scenario.expect;
  if (block === undefined) return { file, problems: [], expects: false, checks: 0 };
  const report: FileReport = { file, problems: [], expects: true, checks: 0 };
  for (const profile of PROFILE_NAMES) {
    const checks = checksFor(block, profile);
    try {
      const trace = simulate(scenario, { profile });
      report.checks += checks.length;
      for (const m of matchChecks(trace, checks)) {
        report.problems.push({ file, line: m.line, message: `${profile}: ${m.message}` });
      }
    } catch (error) {
      // A scenario that cannot run as written is the author's to fix; anything else is a model bug.
      const line = error instanceof ScenarioRunError ? error.line : null;
      const why = error instanceof ScenarioRunError ? '' : 'internal error in the model: ';
      const message = error instanceof Error ? error.message : String(error);
      report.problems.push({ file, line, message: `${profile}: ${why}${message.split('\n')[0] ?? ''}` });
    }
  }
  return report;
}
