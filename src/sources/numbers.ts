/**
 * Numbers as budget monitoring sheets hold them. A cell may hold a real number (the usual case, and the
 * only case a live formula can point at) or text that a person or an export typed: "£12,119,924",
 * "(1,234)", "-", "12.1k", "1 234", "1,234.00-", "1,234 CR". This module reads both, and reads the units
 * a sheet states for its money columns ("£", "£000", "£'000", "£k", "£ thousands").
 *
 * Conventions (chosen here, once):
 * - Brackets, a leading or trailing minus and a "CR" suffix each mean negative; only one of them may
 *   appear. "CR" is a credit, which on an expenditure report is money coming back (income, a refund),
 *   so it is negative spend; "DR" (a debit) is positive.
 * - A lone dash ("-", "–", "—", also "£ -") is zero, the accounting format's zero.
 * - "k", "m" and "bn" suffixes multiply by a thousand, a million and a billion.
 * - Grouping must be regular: "12,119,924" and "12 119 924" are numbers, "12,11" is not. An integer part
 *   with a leading zero ("007", "000") is not an amount: it is a code or a units label ("£000").
 * - Percentages are not amounts: parseAmount returns null for "5%"; parsePercentage reads them.
 */
import type { Cell } from "../core/grid";

/** Money as a sheet states it: pounds, or thousands of pounds. */
export type UnitKind = "gbp" | "thousands";

export interface Units {
  kind: UnitKind;
  multiplier: 1 | 1000;
  /** Where the units were read, in words ("header 'Budget £000' (cell C4 of sheet 'P10')", "assumed"). */
  source: string;
}

export const POUNDS: Omit<Units, "source"> = { kind: "gbp", multiplier: 1 };
export const THOUSANDS: Omit<Units, "source"> = { kind: "thousands", multiplier: 1000 };

const SUFFIX_EXPONENT: Record<string, number> = { k: 3, m: 6, bn: 9 };
const DIGITS = /^(?:(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d{0,2}(?: \d{3})+|[1-9]\d*)(?:\.\d+)?|\.\d+)$/;
const DASHES = /^[-\u2010-\u2015\u2212]+$/;

/**
 * The amount a cell holds, or null when it holds no amount (blank, words, a date, a percentage, an
 * error value, a boolean). Real numbers are returned as they are.
 */
export function parseAmount(cell: Cell): number | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== "string") return null;
  return parseAmountText(cell);
}

function parseAmountText(raw: string): number | null {
  let text = normaliseSpaces(raw);
  if (text === "" || text.length > 40) return null;
  let negations = 0;

  const creditDebit = /\s*(CR|DR)\.?$/i.exec(text);
  if (creditDebit) {
    if (creditDebit[1].toUpperCase() === "CR") negations += 1;
    text = text.slice(0, creditDebit.index).trim();
  }
  if (/^\(.*\)$/.test(text)) {
    negations += 1;
    text = text.slice(1, -1).trim();
  }
  if (/^[-\u2212+]/.test(text) && text.length > 1 && !DASHES.test(text)) {
    if (!text.startsWith("+")) negations += 1;
    text = text.slice(1).trim();
  }
  if (text.startsWith("£")) text = text.slice(1).trim();
  if (DASHES.test(text) && negations === 0) return 0;
  if (/^\(.*\)$/.test(text)) {
    negations += 1;
    text = text.slice(1, -1).trim();
  }
  if (/^[-\u2212]/.test(text)) {
    negations += 1;
    text = text.slice(1).trim();
  }
  if (/[-\u2212]$/.test(text)) {
    negations += 1;
    text = text.slice(0, -1).trim();
  }
  if (negations > 1) return null;

  let exponent = 0;
  const suffix = /\s*(k|m|bn)$/i.exec(text);
  if (suffix) {
    exponent = SUFFIX_EXPONENT[suffix[1].toLowerCase()];
    text = text.slice(0, suffix.index);
  }
  if (!DIGITS.test(text)) return null;
  const value = Number(`${text.replace(/[, ]/g, "")}e${exponent}`);
  return negations === 1 ? -value : value;
}

/**
 * A rate as a cell holds it: a real number is taken as it is (Excel stores 5% as 0.05); text "5%" or
 * "2.37 %" is divided by 100; plain text numbers are read like amounts. Null when it is no rate.
 */
export function parsePercentage(cell: Cell): number | null {
  if (typeof cell !== "string") return parseAmount(cell);
  const text = normaliseSpaces(cell);
  const percent = /^(.*?)\s*%$/.exec(text);
  if (!percent) return parseAmountText(text);
  const negative = /^[-\u2212]/.test(percent[1]);
  const digits = negative ? percent[1].slice(1).trim() : percent[1];
  if (!DIGITS.test(digits)) return null;
  const value = Number(`${digits.replace(/[, ]/g, "")}e-2`);
  return negative ? -value : value;
}

function normaliseSpaces(text: string): string {
  return text.replace(/[\u00a0\u2007\u2009\u202f]/g, " ").trim();
}

const THOUSANDS_PATTERNS = [
  /£\s*'?\s*000\s*'?s?(?![\d,])/, // £000, £'000, £ 000, £000s, £000's
  /£\s*k\b/, // £k
  /(?:^|[^\d,])'000s?(?![\d,])/, // '000
  /\bthousands?\b/, // £ thousands, (thousands)
  /\bgbp\s*'?000\b/,
];
const MILLIONS_PATTERNS = [/£\s*mn?\b/, /£\s*'?\s*000\s*,?\s*000\b/, /\bmillions?\b/];
const POUNDS_PATTERNS = [/£/, /\bgbp\b/, /\bpounds\b/];

/**
 * The units some text states ("Budget £000", "£'000", "(£k)", "£ thousands", "£"), or null when it
 * states none. Millions are stated by some reports but never for placement budgets; they are refused
 * rather than silently read a thousand times too small.
 */
export function unitsInText(text: string): Omit<Units, "source"> | "millions" | null {
  const lower = normaliseSpaces(text)
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'");
  if (!/[£'a-z]/.test(lower)) return null;
  if (THOUSANDS_PATTERNS.some((pattern) => pattern.test(lower))) return THOUSANDS;
  if (MILLIONS_PATTERNS.some((pattern) => pattern.test(lower))) return "millions";
  if (POUNDS_PATTERNS.some((pattern) => pattern.test(lower))) return POUNDS;
  return null;
}
