/**
 * npm run simulate -- FILE [--profile linux|rfc9293] [--json] [--pcap OUT] [--color]
 *
 * Runs one scenario through the model and prints its trace (DESIGN.md, Contract 2):
 * a table by default, the trace as JSON with --json; --pcap also writes a capture.
 * Exit codes: 0 ok, 1 bad scenario (including a missing or unreadable FILE),
 * 2 bad usage, 70 internal error. Never prints a stack trace.
 *
 * Start-up stays cheap: argument errors load nothing heavy, a scenario that does not
 * parse never loads the model, and the pcap writer loads only with --pcap.
 */
import { writeFile } from 'node:fs/promises';
import { didYouMean, listWords } from '../scenario/suggest.ts';
import { INTERNAL_ERROR, runMain } from './run.ts';
import type { ProfileName, Trace } from '../model/trace.ts';

const NAME = 'simulate';

/** Every profile name; a Record so a new ProfileName fails to compile until it is listed here. */
const PROFILE_NAMES: Record<ProfileName, true> = { linux: true, rfc9293: true };
const PROFILES = Object.keys(PROFILE_NAMES) as ProfileName[];

const USAGE = `usage: npm run simulate -- FILE [--profile ${PROFILES.join('|')}] [--json] [--pcap OUT] [--color]`;

const HELP = `${USAGE}

Runs the scenario in FILE through the TCP model and prints its trace.

  FILE               a scenario (YAML), e.g. exercises/scenarios/closed-port.yaml
  --profile NAME     run under this profile instead of the scenario's own:
                     ${PROFILES.join(', ')}
  --json             print the trace as JSON instead of a table
  --pcap OUT         also write the segments to OUT as a pcap capture
                     (a note goes to stderr, so --json output stays pure JSON)
  --color            colour the table (RST red, FIN yellow, SYN cyan)
  -h, --help         show this help
  --                 end of options: what follows is FILE even if it starts with '-'

Exit status:
  0   the trace was printed
  1   the scenario is bad: it does not parse (every error is printed as
      FILE:LINE: message), cannot run as written, or FILE is missing or unreadable
  2   bad usage: unknown option or profile, no FILE or more than one,
      a missing option value, or a --pcap path that cannot be written
  70  internal error (a bug in the model or this tool)
`;

const OPTIONS = ['--profile', '--json', '--pcap', '--color', '--help', '-h'] as const;

interface CliOptions {
  file: string;
  profile?: ProfileName;
  json: boolean;
  pcap?: string;
  color: boolean;
}

/** What the arguments ask for: run, show help, or a usage error (one line, without the hint). */
type ParsedArgs = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'usage'; message: string };

function isProfileName(word: string): word is ProfileName {
  return Object.hasOwn(PROFILE_NAMES, word);
}

/** Reads argv by hand: `--opt VALUE` and `--opt=VALUE` both work; `--` ends the options. */
function parseArgs(args: readonly string[]): ParsedArgs {
  const endOfOptions = args.indexOf('--');
  const optionPart = endOfOptions === -1 ? args : args.slice(0, endOfOptions);
  if (optionPart.includes('--help') || optionPart.includes('-h')) return { kind: 'help' };

  const files: string[] = [];
  let profile: ProfileName | undefined;
  let pcap: string | undefined;
  let json = false;
  let color = false;
  const seen = new Set<string>();

  for (let k = 0; k < args.length; k++) {
    const arg = args[k] ?? '';
    if (k === endOfOptions) {
      files.push(...args.slice(k + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    if (!(OPTIONS as readonly string[]).includes(name)) {
      return { kind: 'usage', message: `unknown option '${name}'${didYouMean(name, OPTIONS)}` };
    }
    if (seen.has(name)) return { kind: 'usage', message: `${name} is given more than once` };
    seen.add(name);

    if (name === '--profile' || name === '--pcap') {
      let value = inline;
      if (value === undefined) {
        const next = args[k + 1];
        // A following option is not a value: `--pcap --json` forgot the path.
        if (next !== undefined && k + 1 !== endOfOptions && !(next.startsWith('-') && next.length > 1)) {
          value = next;
          k++;
        }
      }
      if (value === undefined || value === '') {
        const what = name === '--profile' ? `a profile (${listWords(PROFILES)})` : 'an output file';
        return { kind: 'usage', message: `${name} needs a value: ${what}` };
      }
      if (name === '--pcap') {
        pcap = value;
      } else if (isProfileName(value)) {
        profile = value;
      } else {
        return {
          kind: 'usage',
          message: `unknown profile '${value}'${didYouMean(value, PROFILES)} (expected ${listWords(PROFILES)})`,
        };
      }
      continue;
    }
    if (inline !== undefined) return { kind: 'usage', message: `${name} takes no value` };
    if (name === '--json') json = true;
    else if (name === '--color') color = true;
  }

  if (files.length === 0) return { kind: 'usage', message: 'no scenario FILE given' };
  if (files.length > 1) {
    return {
      kind: 'usage',
      message: `expected one scenario FILE, got ${files.length}: ${files.map((f) => `'${f}'`).join(' ')}`,
    };
  }
  const file = files[0] ?? '';
  if (file === '') return { kind: 'usage', message: 'the scenario FILE name is empty' };
  const options: CliOptions = { file, json, color };
  if (profile !== undefined) options.profile = profile;
  if (pcap !== undefined) options.pcap = pcap;
  return { kind: 'run', options };
}

/** Why a write failed, in words, from a Node error code. */
function writeProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on device';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

function usageError(message: string): number {
  process.stderr.write(`${NAME}: ${message}\n${USAGE} (--help for more)\n`);
  return 2;
}

async function run(options: CliOptions): Promise<number> {
  const { file } = options;
  const { loadScenarioFile } = await import('../scenario/load.ts');
  const parsed = await loadScenarioFile(file);
  if (!parsed.ok) {
    const { formatError } = await import('../scenario/parse.ts');
    process.stderr.write(parsed.errors.map((e) => formatError(e) + '\n').join(''));
    return 1;
  }

  const { simulate, ScenarioRunError } = await import('../model/index.ts');
  let trace: Trace;
  try {
    trace = simulate(parsed.scenario, options.profile === undefined ? {} : { profile: options.profile });
  } catch (error) {
    if (error instanceof ScenarioRunError) {
      const where = error.line === null ? file : `${file}:${error.line}`;
      process.stderr.write(`${where}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  // The capture is written before anything is printed: a bad OUT leaves stdout empty.
  let pcapNote = '';
  if (options.pcap !== undefined) {
    const { tracePcap } = await import('../render/pcap.ts');
    try {
      await writeFile(options.pcap, tracePcap(trace));
    } catch (error) {
      return usageError(`cannot write '${options.pcap}': ${writeProblem(error)}`);
    }
    const n = trace.segments.length;
    pcapNote = `wrote ${options.pcap} (${n} packet${n === 1 ? '' : 's'})\n`;
  }

  if (options.json) {
    process.stdout.write(JSON.stringify(trace, null, 2) + '\n');
  } else {
    const { traceTable } = await import('../render/table.ts');
    process.stdout.write(traceTable(trace, { color: options.color }));
  }
  if (pcapNote !== '') process.stderr.write(pcapNote);
  return 0;
}

async function main(args: readonly string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed.kind === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed.kind === 'usage') return usageError(parsed.message);
  try {
    return await run(parsed.options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${parsed.options.file}: internal error: ${message.split('\n')[0] ?? ''}\n`);
    return INTERNAL_ERROR;
  }
}

await runMain(NAME, main);
