/**
 * Checks on the numbers the core calculations receive. The worksheet functions, the workbook builder
 * and the command line all call the same calculations, so the checks live here, once, and each names
 * the argument in the user's words and says what it found.
 */
import { LacError } from "./errors";

const MESSAGE_NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 10 });

/** A number as a message shows it: 12,345.6 rather than 12345.6; exponents stay for huge values. */
export function describeNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1e15 || (value !== 0 && Math.abs(value) < 1e-6)) return String(value);
  return MESSAGE_NUMBER.format(value);
}

/** The value itself, or #VALUE! when it is not a finite number (NaN, Infinity). */
export function requireFinite(name: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new LacError("value", `${name}: expected a number, found ${String(value)}`);
  }
  return value;
}

/** Counts, populations and costs cannot be negative: #NUM! says so. */
export function requireNonNegative(name: string, value: number): number {
  requireFinite(name, value);
  if (value < 0) throw new LacError("num", `${name}: expected 0 or more, found ${describeNumber(value)}`);
  return value;
}

/**
 * Something to divide by: negative is #NUM!, zero is #DIV/0! with the reason given by the caller
 * (what a zero means for this figure).
 */
export function requireDivisor(name: string, value: number, whyNotZero: string): number {
  requireNonNegative(name, value);
  if (value === 0) throw new LacError("div0", `${name} is 0: ${whyNotZero}`);
  return value;
}

/** A positive setting (weeks per year, per): zero or negative is #NUM!. */
export function requirePositive(name: string, value: number): number {
  requireFinite(name, value);
  if (value <= 0) throw new LacError("num", `${name}: expected a number above 0, found ${describeNumber(value)}`);
  return value;
}

/** A result must fit in a cell: beyond double range Excel would show #NUM!, and so do we. */
export function requireFiniteResult(what: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new LacError("num", `${what} is too large to calculate (beyond ±1.8e308); check the inputs' units`);
  }
  return value;
}

/** Two lists that pair up one to one (counts and their dates, costs and their end dates): #N/A if not. */
export function requireSameCount(firstName: string, first: number, secondName: string, second: number): void {
  if (first !== second) {
    throw new LacError("na", `${firstName} has ${first} value${first === 1 ? "" : "s"}, ${secondName} has ${second}`);
  }
}
