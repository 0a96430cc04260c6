/**
 * Dates, in one place. Everything outside this module handles dates as Excel serial numbers of the
 * 1900 date system (1 = 1 January 1900, 45382 = 31 March 2024), because that is what Excel cells hold
 * and what the worksheet functions receive. Text dates (903 files write dd/mm/yyyy), JavaScript Dates
 * (ExcelJS gives them for date cells) and year/month/day triples are converted here and nowhere else.
 *
 * Conventions stated once:
 * - Excel's 1900 system counts a 29 February 1900 that never happened (serial 60). Serials from 61
 *   (1 March 1900) onwards are days since 30 December 1899; this module reproduces Excel exactly.
 * - A workbook may count in the 1904 date system instead (serial 0 = 1 January 1904, an option of
 *   Excel for Mac's older files). Serials are converted to and from it only where cells are written and
 *   read (serialInDateSystem, serialFromDateSystem); everything else stays in the 1900 system.
 * - The financial year starts on 1 April: period 1 = April, period 10 = January, period 12 = March.
 *   A financial year is named by the calendar year it starts in: 2021 means 2021/22.
 */
import { LacError } from "./errors";

const MS_PER_DAY = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);
/** Serial of 1 March 1900, the first day after Excel's phantom 29 February 1900. */
const FIRST_TRUE_SERIAL = 61;
/** Serial of 31 December 9999, the last date Excel can show. */
export const MAX_SERIAL = 2_958_465;

/** The month the financial year starts in (4 = April). Period 1 is this month. */
export const FINANCIAL_YEAR_START_MONTH = 4;

export interface Ymd {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

function utcMs(year: number, month: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999; overflowing days roll on.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Excel serial of a calendar date (1900 date system). */
export function serialFromYmd(year: number, month: number, day: number): number {
  const days = Math.round((utcMs(year, month, day) - EPOCH_MS) / MS_PER_DAY);
  return days < FIRST_TRUE_SERIAL ? days - 1 : days;
}

/** Calendar date of an Excel serial; the fraction of a day (a time) is ignored. */
export function ymdFromSerial(serial: number): Ymd {
  const whole = Math.floor(serial);
  if (whole === 60) return { year: 1900, month: 2, day: 29 };
  const days = whole < FIRST_TRUE_SERIAL ? whole + 1 : whole;
  const date = new Date(EPOCH_MS + days * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Excel serial of a JavaScript Date, read as a UTC calendar date (how ExcelJS represents date cells). */
export function serialFromJsDate(date: Date): number {
  const ms = date.getTime();
  const days = (ms - EPOCH_MS) / MS_PER_DAY;
  return days < FIRST_TRUE_SERIAL ? days - 1 : days;
}

/** JavaScript Date (UTC midnight) of an Excel serial, for writers that want Date objects. */
export function jsDateFromSerial(serial: number): Date {
  const { year, month, day } = ymdFromSerial(serial);
  return new Date(utcMs(year, month, day));
}

/**
 * JavaScript Date (UTC) of a date cell's serial as its workbook holds it (`date1904`: the 1904 date
 * system), the time of day kept: how date cells are handed to recognition. The inverse of
 * serialFromJsDate.
 */
export function dateFromCellSerial(serial: number, date1904: boolean): Date {
  const serial1900 = serialFromDateSystem(serial, date1904);
  const days = serial1900 < FIRST_TRUE_SERIAL ? serial1900 + 1 : serial1900;
  return new Date(EPOCH_MS + Math.round(days * MS_PER_DAY));
}

/** 1 January 1904 is serial 1462 in the 1900 date system and 0 in the 1904 system. */
export const DATE_1904_OFFSET = 1462;

/** A serial of this module's 1900 system as a workbook in `date1904` holds it. */
export function serialInDateSystem(serial: number, date1904: boolean): number {
  return date1904 ? serial - DATE_1904_OFFSET : serial;
}

/** A serial read from a workbook in `date1904`, in this module's 1900 system. */
export function serialFromDateSystem(serial: number, date1904: boolean): number {
  return date1904 ? serial + DATE_1904_OFFSET : serial;
}

/** Whether an Excel number format shows a date: a day or year code outside quoted text, escapes and [...] sections. */
export function isDateFormat(format: string): boolean {
  const codes = format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
  return /[dy]/i.test(codes);
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?$/;

/**
 * Reads a date as a cell or a CSV field gives it: an Excel serial number, a JavaScript Date,
 * dd/mm/yyyy text (the 903 format; '-' and '.' separators accepted) or ISO yyyy-mm-dd.
 * Returns the serial, or null for a blank (null, undefined, empty or white-space text).
 * Throws LacError("value") naming the text for anything else: two-digit years, US month/day order
 * that does not fit, impossible days (31/02/2021), numbers outside Excel's date range.
 */
export function parseDate(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new LacError("value", "expected a date, found an invalid date");
    return serialFromJsDate(value);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 1 || value > MAX_SERIAL) {
      throw new LacError(
        "value",
        `expected a date, found the number ${value} (Excel dates run from 1 to ${MAX_SERIAL})`,
      );
    }
    return value;
  }
  if (typeof value !== "string") throw new LacError("value", `expected a date, found ${typeof value}`);
  const text = value.trim();
  if (text === "") return null;
  let match = DMY.exec(text);
  if (match) return checkedSerial(Number(match[3]), Number(match[2]), Number(match[1]), text);
  match = ISO.exec(text);
  if (match) return checkedSerial(Number(match[1]), Number(match[2]), Number(match[3]), text);
  throw new LacError("value", `expected a date as dd/mm/yyyy, found "${text}"`);
}

/** The order of day and month in a numeric date: day first (the 903's and the UK's dd/mm/yyyy) or month first (US m/d/yyyy). */
export type DayMonthOrder = "dmy" | "mdy";

/** What a date text looks like before its order is known (detectDateFormat in sources/ssda903Dates reads a file's). */
export type DateTextShape =
  /** "13/04/2020", "4/13/20", "01.04.2020": two numbers and a year, in an order to be settled. */
  | { kind: "numeric"; first: number; second: number; year: number; yearDigits: 2 | 4 }
  /** "2020-04-13". */
  | { kind: "iso"; year: number; month: number; day: number }
  /** "01-Apr-2020", "1 April 2020", "01-Apr-20". */
  | { kind: "named"; year: number; month: number; day: number; yearDigits: 2 | 4 };

const NUMERIC_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const NAMED_MONTH_DATE = /^(\d{1,2})[\s-]([A-Za-z]{3,9})\.?[\s-](\d{4}|\d{2})$/;

/** The shape of a date text, or null when it is no date text this module reads. ISO with a midnight time counts as ISO. */
export function dateTextShape(text: string): DateTextShape | null {
  const trimmed = text.trim();
  let match = NUMERIC_DATE.exec(trimmed);
  if (match) {
    const yearDigits = match[4].length === 2 ? 2 : 4;
    return {
      kind: "numeric",
      first: Number(match[1]),
      second: Number(match[3]),
      year: yearDigits === 2 ? fullYear(match[4]) : Number(match[4]),
      yearDigits,
    };
  }
  match = ISO.exec(trimmed);
  if (match) return { kind: "iso", year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  match = NAMED_MONTH_DATE.exec(trimmed);
  const month = match ? monthOfName(match[2]) : null;
  if (match && month !== null) {
    const yearDigits = match[3].length === 2 ? 2 : 4;
    return { kind: "named", year: fullYear(match[3]), month, day: Number(match[1]), yearDigits };
  }
  return null;
}

/** Whether a numeric date fits an order: its day and month make a day of the calendar that way round. */
export function fitsOrder(shape: Extract<DateTextShape, { kind: "numeric" }>, order: DayMonthOrder): boolean {
  const [day, month] = order === "dmy" ? [shape.first, shape.second] : [shape.second, shape.first];
  return shape.year >= 1900 && isValidYmd(shape.year, month, day);
}

/** How a file's date texts are read, once its dates have settled it (sources/ssda903Dates). */
export interface DateTextReading {
  order: DayMonthOrder;
  /**
   * Whether two-digit years are read, as Excel reads them (00-29 are 2000-2029, 30-99 are 1930-1999):
   * in a file that writes them, yes; a two-digit year among four-digit ones is refused, not guessed.
   */
  twoDigitYears: boolean;
}

/** The DfE's 903 reading: dd/mm/yyyy, four-digit years. */
export const DFE_DATE_READING: DateTextReading = { order: "dmy", twoDigitYears: false };

/**
 * Reads a date text of a file whose reading is settled: numeric dates in its day-month order, ISO and
 * named months as they are. Returns the serial, null for a blank; throws LacError("value") naming the
 * text and the format expected otherwise.
 */
export function parseDateText(text: string, reading: DateTextReading): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const shape = dateTextShape(trimmed);
  const order = reading.order;
  const expected =
    order === "dmy"
      ? `dd/mm/${reading.twoDigitYears ? "yy" : "yyyy"}`
      : `mm/dd/${reading.twoDigitYears ? "yy" : "yyyy"}`;
  if (shape === null) throw new LacError("value", `expected a date as ${expected}, found "${trimmed}"`);
  if (shape.kind !== "iso" && shape.yearDigits === 2 && !reading.twoDigitYears) {
    throw new LacError(
      "value",
      `expected a date as ${expected}, found "${trimmed}", whose year has two digits where the file's other dates have four: it is not guessed`,
    );
  }
  let ymd: Ymd;
  if (shape.kind === "numeric") {
    ymd =
      order === "dmy"
        ? { year: shape.year, month: shape.second, day: shape.first }
        : { year: shape.year, month: shape.first, day: shape.second };
  } else {
    ymd = { year: shape.year, month: shape.month, day: shape.day };
  }
  if (ymd.year < 1900 || !isValidYmd(ymd.year, ymd.month, ymd.day)) {
    throw new LacError(
      "value",
      `expected a date as ${shape.kind === "numeric" ? expected : shape.kind === "iso" ? "yyyy-mm-dd" : "dd-Mon-yyyy"}, found "${trimmed}", which is not a day of the calendar`,
    );
  }
  return serialFromYmd(ymd.year, ymd.month, ymd.day);
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** "Feb-17", "Feb 2017", "February 2017", "Sept '21", "FEB17", "Feb. 2017". */
const MONTH_NAME_YEAR = /^([A-Za-z]{3,9})\.?[\s\-/,]*['\u2018\u2019]?(\d{2}|\d{4})$/;
/** "02/2017", "2/2017" (month and year). */
const MONTH_SLASH_YEAR = /^(\d{1,2})[/.-](\d{4})$/;
/** "2017-02" (ISO year and month). */
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

/** Month 1-12 of a month name or its abbreviation ("Feb", "February", "Sept"), else null. */
function monthOfName(name: string): number | null {
  const lower = name.toLowerCase();
  const index = MONTH_NAMES.findIndex((name) => {
    const full = name.toLowerCase();
    return full === lower || full.slice(0, 3) === lower || (full === "september" && lower === "sept");
  });
  return index < 0 ? null : index + 1;
}

/** A two-digit year as Excel reads one: 00-29 are 2000-2029, 30-99 are 1930-1999. */
function fullYear(digits: string): number {
  const year = Number(digits);
  if (digits.length === 4) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

/**
 * Reads a month label, as a count history or a report heads a month: "Feb-17", "Feb 2017",
 * "February 2017", "Sept '21", "02/2017", "2017-02". Returns the serial of the month's LAST day: a
 * count of children looked after "for February" is the count at the end of February (903 counts are
 * at 31 March, budget monitoring reports at the period end), so a month named alone means its end.
 * Two-digit years are read as Excel reads them (00-29 = 2000-2029, 30-99 = 1930-1999). Returns null
 * when the text is no month label (a full date, a word, a number).
 */
export function parseMonthLabel(text: string): number | null {
  const trimmed = text.trim();
  let year: number;
  let month: number | null;
  let match = MONTH_NAME_YEAR.exec(trimmed);
  if (match) {
    month = monthOfName(match[1]);
    year = fullYear(match[2]);
  } else if ((match = MONTH_SLASH_YEAR.exec(trimmed))) {
    month = Number(match[1]);
    year = Number(match[2]);
  } else if ((match = ISO_MONTH.exec(trimmed))) {
    month = Number(match[2]);
    year = Number(match[1]);
  } else {
    return null;
  }
  if (month === null || month < 1 || month > 12 || year < 1900) return null;
  return serialFromYmd(year, month, daysInMonth(year, month));
}

/**
 * A date as parseDate reads it, or a month label as parseMonthLabel reads it (the month's last day).
 * Null for a blank; throws LacError("value") naming the text for anything else.
 */
export function parseDateOrMonth(value: unknown): number | null {
  if (typeof value !== "string") return parseDate(value);
  const month = parseMonthLabel(value);
  if (month !== null) return month;
  const text = value.trim();
  if (text === "" || DMY.test(text) || ISO.test(text)) return parseDate(text);
  throw new LacError("value", `expected a date as dd/mm/yyyy or a month as Feb-17, found "${text}"`);
}

function checkedSerial(year: number, month: number, day: number, text: string): number {
  if (!isValidYmd(year, month, day) || year < 1900) {
    throw new LacError("value", `expected a date as dd/mm/yyyy, found "${text}", which is not a day of the calendar`);
  }
  return serialFromYmd(year, month, day);
}

/** dd/mm/yyyy text of a serial, as UK users read dates. */
export function formatDate(serial: number): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}

/** "3 April 2022": a date in words, so that a date typed as digits can be read back without doubt about its order. */
export function formatDateInWords(serial: number): string {
  const { year, month, day } = ymdFromSerial(serial);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** Whole years of age on a date (the birthday itself counts; 29 February birthdays turn on 1 March). */
export function ageInYears(dobSerial: number, onSerial: number): number {
  const birth = ymdFromSerial(dobSerial);
  const on = ymdFromSerial(onSerial);
  let age = on.year - birth.year;
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age -= 1;
  return age;
}

/**
 * The first day a child is `years` old, as ageInYears counts: their birthday, or 1 March in a year
 * without the 29 February they were born on. (addYears, a date arithmetic, goes to 28 February.)
 */
export function dayOfAge(dobSerial: number, years: number): number {
  const { year, month, day } = ymdFromSerial(dobSerial);
  const target = year + years;
  if (month === 2 && day === 29 && !isLeapYear(target)) return serialFromYmd(target, 3, 1);
  return serialFromYmd(target, month, day);
}

/** The serial a whole number of calendar years after a date (29 February goes to 28 February). */
export function addYears(serial: number, years: number): number {
  const { year, month, day } = ymdFromSerial(serial);
  const target = year + years;
  return serialFromYmd(target, month, Math.min(day, daysInMonth(target, month)));
}

/** The serial a whole number of calendar months after a date, clamped to the month's last day. */
export function addMonths(serial: number, months: number): number {
  const { year, month, day } = ymdFromSerial(serial);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return serialFromYmd(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** The financial year a date falls in, named by its starting calendar year (2021 = 2021/22). */
export function financialYearOf(serial: number): number {
  const { year, month } = ymdFromSerial(serial);
  return month >= FINANCIAL_YEAR_START_MONTH ? year : year - 1;
}

/** The financial period (month) of a date: April = 1 ... March = 12. */
export function financialPeriodOf(serial: number): number {
  const { month } = ymdFromSerial(serial);
  return ((month - FINANCIAL_YEAR_START_MONTH + 12) % 12) + 1;
}

/** First day (1 April) of a financial year. */
export function financialYearStart(financialYear: number): number {
  return serialFromYmd(financialYear, FINANCIAL_YEAR_START_MONTH, 1);
}

/** Last day (31 March) of a financial year. */
export function financialYearEnd(financialYear: number): number {
  return financialYearStart(financialYear + 1) - 1;
}

/** Last day of a period of a financial year: period 10 of 2021 is 31 January 2022. */
export function periodEnd(financialYear: number, period: number): number {
  if (!Number.isInteger(period) || period < 1 || period > 12) {
    throw new LacError("num", `expected a period from 1 (April) to 12 (March), found ${period}`);
  }
  const monthIndex = FINANCIAL_YEAR_START_MONTH - 2 + period; // 0-based month counted from January of the start year
  const year = financialYear + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  return serialFromYmd(year, month, daysInMonth(year, month));
}

/** The calendar year of a financial year's 31 March, as the DfE heads its tables (2020/21 -> 2021). */
export function yearEnding(financialYear: number): number {
  return ymdFromSerial(financialYearEnd(financialYear)).year;
}

/** "2021/22" (long) or "21/22" (short), the two ways finance teams write a financial year. */
export function financialYearLabel(financialYear: number, style: "long" | "short" = "long"): string {
  const next = String((financialYear + 1) % 100).padStart(2, "0");
  const start = style === "long" ? String(financialYear) : String(financialYear % 100).padStart(2, "0");
  return `${start}/${next}`;
}

/** "Mar-25", the label strategies put over projection columns. */
export function monthYearLabel(serial: number): string {
  const { year, month } = ymdFromSerial(serial);
  return `${MONTH_NAMES[month - 1].slice(0, 3)}-${String(year % 100).padStart(2, "0")}`;
}
