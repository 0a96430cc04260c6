/**
 * The parts of Excel's custom-functions runtime the LAC functions use, for jest and HyperFormula: the
 * Error class and the ErrorCode values, with the same strings the real runtime shows in the cell.
 * Importing this module installs them on globalThis once.
 */
class CustomFunctionsError {
  readonly code: CustomFunctions.ErrorCode;
  readonly message: string | undefined;

  constructor(code: CustomFunctions.ErrorCode, message?: string) {
    this.code = code;
    this.message = message;
  }
}

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
} as const;

const globals = globalThis as { CustomFunctions?: unknown };
globals.CustomFunctions ??= { Error: CustomFunctionsError, ErrorCode };

/** Whether a value is an error returned by a LAC function (the stub's or the runtime's). */
export function isCustomFunctionsError(value: unknown): value is CustomFunctions.Error {
  return value instanceof (globals.CustomFunctions as { Error: new (...args: never[]) => unknown }).Error;
}
