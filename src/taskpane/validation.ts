/**
 * Reading what a user types into the Assumptions step, with the reason a value is refused, shown next
 * to the field as they type. Pure, so the rules are tested without a browser.
 */
import { formatDate, parseDate } from "../core/dates";
import { isLacError } from "../core/errors";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

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

/** A rate typed in percent ("5" or "2.37" or "5%") -> fraction (0.05). */
export function parseRatePercent(text: string): Parsed<number> {
  const typed = text.replace(/%\s*$/, "");
  const value = readNumber(typed);
  if (value === null) return refuse(`Enter a percentage, e.g. 5 or 2.37; "${text}" is not a number.`);
  if (value <= -100) return refuse("A rate of -100% or less would make costs negative.");
  if (value > 100) return refuse("A rate over 100% a year is almost certainly a typing error.");
  // Shift the decimal point in the text, so "2.37" becomes exactly the number 0.0237 (2.37 / 100 is not).
  return ok(Number(`${value}e-2`));
}

export function parseWeeksPerYear(text: string): Parsed<number> {
  const value = readNumber(text);
  if (value === null) return refuse(`Enter the weeks in a year, e.g. 52; "${text}" is not a number.`);
  if (value < 52 || value > 53) return refuse("Weeks per year is between 52 and 53 (52, or 365/7 = 52.14).");
  return ok(value);
}

export function parseYears(text: string): Parsed<number> {
  const value = readNumber(text);
  if (value === null || !Number.isInteger(value)) return refuse("Enter a whole number of years.");
  if (value < 1 || value > 10) return refuse("The projection runs 1 to 10 years ahead.");
  return ok(value);
}

/** A date from a date box (yyyy-mm-dd) or typed dd/mm/yyyy -> Excel serial. */
export function parseDateInput(text: string): Parsed<number> {
  let serial: number | null;
  try {
    serial = text.trim() === "" ? null : parseDate(text.trim());
  } catch (error) {
    if (!isLacError(error)) throw error;
    serial = null;
  }
  if (serial === null) return refuse(`Enter a date as dd/mm/yyyy; "${text}" is not a date.`);
  return ok(serial);
}

/** An Excel serial as a date box wants it (yyyy-mm-dd). */
export function dateInputValue(serial: number): string {
  const [day, month, year] = formatDate(serial).split("/");
  return `${year}-${month}-${day}`;
}

/** A fraction shown as the percentage a user types (0.0237 -> "2.37"). */
export function percentText(fraction: number): string {
  return String(Math.round(fraction * 100 * 1e6) / 1e6);
}
