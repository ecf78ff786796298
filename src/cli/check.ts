/**
 * npm run check [-- [--json] FILE|DIR …]
 *
 * Checks every YAML file under exercises/ (or only the files and folders given): each
 * must parse, a scenario with `expect:` must get what it expects from the model under
 * both profiles, and an exercise must be well posed. One line per problem on stderr
 * (`FILE:LINE: message`), a summary and the coverage table on stdout (`--json`: the
 * coverage as JSON). Exit codes: 0 no problems, 1 problems, 2 bad usage, 70 internal error.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { coverageTable } from '../exercises/coverage.ts';
import { checkSources } from '../check/index.ts';
import { collectSources } from '../check/files.ts';
import { problemLines, summaryLine } from '../check/report.ts';
import { loadCourse } from '../exercises/load.ts';
import { runMain } from './run.ts';

const NAME = 'check';
const USAGE = 'usage: npm run check [-- [--json] FILE|DIR …]';
const EXERCISES = fileURLToPath(new URL('../../exercises', import.meta.url));
const LESSONS = fileURLToPath(new URL('../../content/lessons/en', import.meta.url));

const HELP = `${USAGE}

Checks the course's YAML files: every file must parse, a scenario with an
expect: block must get what it expects from the model under both profiles
(linux and rfc9293), and every exercise must be well posed (the model answers
each question, exactly one offered choice is right, each expect: holds, each
goal is reachable). Then prints what the exercises cover; run over the whole
of exercises/ it fails when a reason, a result or a belief is left uncovered.

  FILE|DIR     check only these files, or the YAML files under these folders
               (default: exercises/); a file outside exercises/ is read as a scenario
  --json       print the coverage as JSON: { exercises, questions, coverage, uncovered }
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
  const json = options.includes('--json');
  const unknown = options.find((a) => a.startsWith('-') && a !== '-' && a !== '--json');
  if (unknown !== undefined) return usageError(`unknown option '${unknown}'`);
  const paths = (end === -1 ? [...args] : [...options, ...args.slice(end + 1)]).filter(
    (a, i) => a !== '--json' || (end !== -1 && i >= end),
  );
  if (paths.includes('')) return usageError('a path is empty');

  const whole = paths.length === 0;
  const collected = await collectSources(whole ? [EXERCISES] : paths, EXERCISES, process.cwd());
  if (!collected.ok) return usageError(collected.message);
  const library = await collectSources([`${EXERCISES}/scenarios`], EXERCISES, process.cwd());
  const lessons = await readdir(LESSONS).then(
    (names) => names.filter((n) => n.endsWith('.mdx') && !n.startsWith('_')).map((n) => n.slice(0, -4)),
    () => null,
  );
  const needsCourse = collected.sources.some((s) => s.underExercises?.startsWith('assignments/') === true);
  const course = needsCourse ? await loadCourse(fileURLToPath(new URL('../..', import.meta.url))) : null;
  const { reports, summary, coverage } = checkSources(collected.sources, {
    library: library.ok ? library.sources : [],
    lessons,
    ...(course === null ? {} : { exercises: course.exercises }),
  });
  const problems = problemLines(reports);
  const uncovered =
    coverage === null
      ? []
      : [...coverage.uncovered.reasons, ...coverage.uncovered.results, ...coverage.uncovered.beliefs];
  if (whole && coverage !== null && uncovered.length > 0) {
    problems.push(`exercises/: not covered by any exercise: ${uncovered.join(', ')}`);
  }
  if (problems.length > 0) process.stderr.write(problems.map((line) => `${line}\n`).join(''));
  if (json) {
    const {
      exercises,
      questions,
      uncovered: missing,
      ...rest
    } = coverage ?? {
      exercises: 0,
      questions: 0,
      uncovered: { reasons: [], results: [], beliefs: [] },
    };
    process.stdout.write(
      `${JSON.stringify({ exercises, questions, coverage: rest, uncovered: missing, problems: problems.length }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`${summaryLine({ ...summary, problems: problems.length })}\n`);
    if (coverage !== null)
      process.stdout.write(
        coverageTable(coverage)
          .map((l) => `${l}\n`)
          .join(''),
      );
  }
  return problems.length > 0 ? 1 : 0;
}

await runMain(NAME, main);
