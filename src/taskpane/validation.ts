/**
 * Reading what a user types into the Assumptions step, with the reason a value is refused, shown next
 * to the field as they type. Pure, so the rules are tested without a browser.
 */
import { formatDateInWords, parseDate } from "../core/dates";
import { isLacError } from "../core/errors";
import { isWeeksPerYear } from "../core/finance";

/**
 * A value read from a field, or the reason it is refused. A value may carry a note saying how the text
 * was read ("3 April 2022"), and `caution` when it is allowed but unusual enough to check.
 */
export type Parsed<T> = { ok: true; value: T; note?: string; caution?: boolean } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refuse = (message: string): Parsed<never> => ({ ok: false, message });

/** "12,345" or "12345.5" -> number; thousands separators allowed, nothing else. */
function readNumber(text: string): number | null {
  const cleaned = text.trim().replace(/,(?=\d{3}(\D|$))/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

export function parsePopulation(text: string): Parsed<number | null> {
  if (text.trim() === "") return ok(null);
  const value = readNumber(text);
  if (value === null) return refuse(`Enter a whole number of children, e.g. 61,000; "${text}" is not a number.`);
  if (!Number.isInteger(value)) return refuse("Enter a whole number of children.");
  if (value <= 0) return refuse("The population must be more than 0.");
  return ok(value);
}

export function parseCount(text: string): Parsed<number> {
  const value = readNumber(text);
  if (value === null) return refuse(`Enter a count of children, e.g. 619; "${text}" is not a number.`);
  if (!Number.isInteger(value) || value < 0) return refuse("A count of children is a whole number, 0 or more.");
  return ok(value);
}

/** Uplifts above this a year are allowed but flagged: councils' uplifts run at about 2-10%. */
const HIGH_UPLIFT = 0.2;

/**
 * An uplift rate as a finance user types it into a percentage cell, read as Excel reads one: "5%" and
 * "5" are 5%; a number below 1 without a % sign is a fraction, so "0.05" is 5% too (said next to the
 * field, as "0.5" meaning half a per cent would otherwise pass unnoticed as 50%). Returns the fraction.
 */
export function parseUpliftRate(text: string): Parsed<number> {
  const trimmed = text.trim();
  const percentSign = trimmed.endsWith("%");
  const typed = readNumber(trimmed.replace(/\s*%$/, ""));
  if (typed === null) return refuse(`Enter a rate such as 5% (or 0.05); "${text}" is not a number.`);
  const asFraction = !percentSign && Math.abs(typed) < 1 && typed !== 0;
  // Shift the decimal point in the text, so "2.37" becomes exactly the number 0.0237 (2.37 / 100 is not).
  const fraction = asFraction ? typed : Number(`${typed}e-2`);
  if (fraction <= -1) return refuse("A rate of -100% or less would make costs negative.");
  if (fraction > 1) return refuse("A rate over 100% a year is almost certainly a typing error.");
  const notes: string[] = [];
  if (asFraction)
    notes.push(`Read as ${percentText(fraction)}: a number below 1 is a fraction, as in an Excel % cell.`);
  const caution = fraction > HIGH_UPLIFT;
  if (caution) notes.push(`${percentText(fraction)} a year is far above the usual 2-10%: check it.`);
  return notes.length
    ? { ok: true, value: fraction, note: notes.join(" "), ...(caution ? { caution } : {}) }
    : ok(fraction);
}

export function parseWeeksPerYear(text: string): Parsed<number> {
  const value = readNumber(text);
  if (value === null) return refuse(`Enter the weeks in a year, e.g. 52; "${text}" is not a number.`);
  if (!isWeeksPerYear(value)) return refuse("Weeks per year is between 52 and 53 (52, or 365/7 = 52.14).");
  return ok(value);
}

export function parseYears(text: string): Parsed<number> {
  const value = readNumber(text);
  if (value === null || !Number.isInteger(value)) return refuse("Enter a whole number of years.");
  if (value < 1 || value > 10) return refuse("The projection runs 1 to 10 years ahead.");
  return ok(value);
}

/** A date typed dd/mm/yyyy (the UK order; ISO yyyy-mm-dd is read too) -> Excel serial, with the date in words. */
export function parseDateInput(text: string): Parsed<number> {
  let serial: number | null;
  try {
    serial = text.trim() === "" ? null : parseDate(text.trim());
  } catch (error) {
    if (!isLacError(error)) throw error;
    serial = null;
  }
  if (serial === null) return refuse(`Enter a date as dd/mm/yyyy, e.g. 31/03/2025; "${text}" is not a date.`);
  return { ok: true, value: serial, note: formatDateInWords(serial) };
}

/** A fraction as the percentage a user types (0.0237 -> "2.37%"). */
export function percentText(fraction: number): string {
  return `${Math.round(fraction * 100 * 1e6) / 1e6}%`;
}
