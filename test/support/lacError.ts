import { LacError } from "../../src/core/errors";

/** The LacError a call throws, so a test can assert its code and message; fails if it throws none. */
export function catchLacError(run: () => unknown): LacError {
  try {
    run();
  } catch (error) {
    if (error instanceof LacError) return error;
    throw error;
  }
  throw new Error("expected a LacError, nothing was thrown");
}
