/**
 * npm run check [-- FILE|DIR …]
 *
 * Checks every YAML file under exercises/ (or only the files and folders given): each
 * must parse, and a scenario with `expect:` must get what it expects from the model
 * under both profiles. One line per problem on stderr (`FILE:LINE: message`), a summary
 * on stdout. Exit codes: 0 no problems, 1 problems, 2 bad usage, 70 internal error.
 */
import { fileURLToPath } from 'node:url';
import { checkSources } from '../check/index.ts';
import { collectSources } from '../check/files.ts';
import { problemLines, summaryLine } from '../check/report.ts';
import { runMain } from './run.ts';

const NAME = 'check';
const USAGE = 'usage: npm run check [-- FILE|DIR …]';
const EXERCISES = fileURLToPath(new URL('../../exercises', import.meta.url));

const HELP = `${USAGE}

Checks the course's YAML files: every file must parse, and a scenario with an
expect: block must get what it expects from the model under both profiles
(linux and rfc9293).

  FILE|DIR     check only these files, or the YAML files under these folders
               (default: exercises/); a file outside exercises/ is read as a scenario
  -h, --help   show this help
  --           end of options: what follows are paths even if they start with '-'

Exit status:
  0   no problems
  1   problems found, one line each: FILE:LINE: message
  2   bad usage: an unknown option, or a path that is missing or not YAML
  70  internal error (a bug in this tool)
`;

function usageError(message: string): number {
  process.stderr.write(`${NAME}: ${message}\n${USAGE} (--help for more)\n`);
  return 2;
}

async function main(args: readonly string[]): Promise<number> {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  const unknown = options.find((a) => a.startsWith('-') && a !== '-');
  if (unknown !== undefined) return usageError(`unknown option '${unknown}'`);
  const paths = end === -1 ? [...args] : [...options, ...args.slice(end + 1)];
  if (paths.includes('')) return usageError('a path is empty');

  const collected = await collectSources(paths.length === 0 ? [EXERCISES] : paths, EXERCISES, process.cwd());
  if (!collected.ok) return usageError(collected.message);
  const { reports, summary } = checkSources(collected.sources);
  const problems = problemLines(reports);
  if (problems.length > 0) process.stderr.write(problems.map((line) => `${line}\n`).join(''));
  process.stdout.write(`${summaryLine(summary)}\n`);
  return problems.length > 0 ? 1 : 0;
}

await runMain(NAME, main);
