/**
 * A failure the user can act on: the command line prints its message (what was expected, what was
 * found, where) and exits with its code, without a stack trace. Anything else escaping a command is a
 * bug and is reported as one.
 */
export const EXIT = { built: 0, badInput: 1, usage: 2 } as const;

export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT.badInput) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

export function isCliError(error: unknown): error is CliError {
  return error instanceof CliError;
}
