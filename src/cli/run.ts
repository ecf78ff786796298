/** What every CLI here does around its main(): exit codes, and no stack trace whatever happens. */

/** Internal error: a bug in the tool or the model, never the user's input. */
export const INTERNAL_ERROR = 70;

/**
 * Runs `main` on the command line's arguments and sets the exit code it returns; an
 * exception becomes one line on stderr and exit 70. A reader that goes away early
 * (`| head`) is not an error worth a stack trace.
 */
export async function runMain(name: string, main: (args: readonly string[]) => Promise<number>): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`${name}: internal error: cannot write output: ${error.message}\n`);
    process.exit(INTERNAL_ERROR);
  });
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${name}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = INTERNAL_ERROR;
  }
}

/** A command line read as `--name value` options and the paths between them. */
export interface ReadArgs {
  readonly options: ReadonlyMap<string, string>;
  readonly paths: readonly string[];
}

/**
 * Reads `--name value` pairs for the names given (also `--name=value`); anything else starting
 * with `-` is an unknown option. Returns the problem as a sentence instead of throwing.
 */
export function readArgs(args: readonly string[], valueOptions: readonly string[]): ReadArgs | string {
  const options = new Map<string, string>();
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (valueOptions.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === '') return `${name} needs a value`;
      options.set(name, value);
    } else if (arg.startsWith('-')) return `unknown option '${arg}'`;
    else paths.push(arg);
  }
  return { options, paths };
}
