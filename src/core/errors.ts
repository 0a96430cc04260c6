/**
 * The one error type of the pure code. Its code says which Excel error a worksheet function shows
 * (`#VALUE!`, `#DIV/0!`, `#NUM!`, `#N/A`); its message says what was expected, what was found and where,
 * in words a finance analyst can act on. The command line prints the message; the task pane shows it.
 */
export type LacErrorCode = "value" | "div0" | "num" | "na";

export class LacError extends Error {
  readonly code: LacErrorCode;

  constructor(code: LacErrorCode, message: string) {
    super(message);
    this.name = "LacError";
    this.code = code;
  }
}

export function isLacError(error: unknown): error is LacError {
  return error instanceof LacError;
}
