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
