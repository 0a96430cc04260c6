/**
 * What the user changes in the Assumptions step, kept apart from what the sources give, so a rebuild
 * next month takes the sources afresh (a count history sheet with a new month, P11's figures, the
 * categories of the budget) and keeps only what the user typed. Pure, so the rules are tested alone.
 */
import { addMonths, addYears, daysInMonth, financialYearEnd, formatDate, ymdFromSerial } from "../core/dates";
import type { Assumptions, LacCount, Sourced } from "./assumptions";
import type { Diagnostic } from "../core/diagnostics";
import { applySheetInputs, changedSheetInputs, type SheetInputKey, type SheetInputs } from "./sheetInputs";

export const TYPED_IN_PANEL = "typed in the panel";

/**
 * The assumptions the sources decide unless the user typed them. Every other assumption (population,
 * method, weeks, ...) is never read from the sources: it is the user's, or the default, as saved.
 */
export const TYPED_FIELDS = ["lacHistory", "projectionTargetDate", "upliftRates", "careDataEnd"] as const;
export type TypedField = (typeof TYPED_FIELDS)[number];

/**
 * The assumptions to build with: the saved ones, with everything derived from the sources replaced by
 * `fresh` (defaultAssumptions of the workbook as it is now) unless the user typed it. Typed uplift
 * rates are kept by financial year: when the spend year moves on, each rate stays with its year.
 */
export function refreshAssumptions(saved: Assumptions, typed: readonly TypedField[], fresh: Assumptions): Assumptions {
  const kept = new Set(typed);
  const yearsOn = fresh.upliftBaseYear - saved.upliftBaseYear;
  // The end of the 903 data is fresh's always: assumptionsFromSources settles it, a typed one first.
  const { careDataEnd: _savedEnd, ...savedRest } = saved;
  return {
    ...fresh,
    ...savedRest,
    ...(fresh.careDataEnd ? { careDataEnd: fresh.careDataEnd } : {}),
    lacHistory: kept.has("lacHistory") ? saved.lacHistory : fresh.lacHistory,
    projectionTargetDate: kept.has("projectionTargetDate") ? saved.projectionTargetDate : fresh.projectionTargetDate,
    upliftBaseYear: fresh.upliftBaseYear,
    uplift: fresh.uplift.map((line) => {
      const mine = kept.has("upliftRates") ? saved.uplift.find((l) => l.category === line.category) : undefined;
      if (!mine || mine.rates.length === 0) return line;
      const last = mine.rates.length - 1;
      return { ...line, rates: mine.rates.map((_, k) => mine.rates[Math.min(Math.max(k + yearsOn, 0), last)]) };
    }),
    financialYear: fresh.financialYear,
    period: fresh.period,
  };
}

/** The inputs of the add-in's sheets that the panel edits too. */
export const PANEL_INPUTS: readonly SheetInputKey[] = [
  "population0to17",
  "lacHistory",
  "projectionTargetDate",
  "projectionMethod",
  "upliftRates",
  "weeksPerYear",
  "council",
];

/**
 * The assumptions with what the user left on the add-in's sheets laid over them (see workbook/sheetInputs),
 * each of the sources' fields taken from a sheet counting as typed from then on. `seen` is the sheets as
 * the panel read them when the user last typed in it: the panel's own inputs are then taken from the
 * sheets only where the sheets changed since, so what was typed in the panel wins over the sheets. With
 * no `seen` (the ribbon, or nothing typed yet) every input on the sheets counts.
 */
export function withSheetInputs(
  assumptions: Assumptions,
  typed: readonly TypedField[],
  inputs: SheetInputs,
  seen: SheetInputs | null,
): { assumptions: Assumptions; typed: TypedField[]; warnings: Diagnostic[] } {
  const changedSince = seen ? changedSheetInputs(inputs, seen) : null;
  const skip = changedSince ? new Set(PANEL_INPUTS.filter((key) => !changedSince.has(key))) : undefined;
  const applied = applySheetInputs(assumptions, inputs, { lines: "build", ...(skip ? { skip } : {}) });
  const fromSheets = applied.changed
    .map(({ key }) => key)
    .filter((key): key is TypedField => (TYPED_FIELDS as readonly string[]).includes(key));
  return {
    assumptions: applied.assumptions,
    typed: [...new Set([...typed, ...fromSheets])],
    warnings: [...inputs.warnings, ...applied.warnings],
  };
}

const isLinked = (point: LacCount): boolean => point.dateCell !== undefined || point.countCell !== undefined;

/** The sheet a history's linked points come from, or null when none is linked. */
export function linkedSheet(history: readonly LacCount[]): string | null {
  const point = history.find(isLinked);
  return (point?.countCell ?? point?.dateCell)?.ref.sheet ?? null;
}

export function linkedCount(history: readonly LacCount[]): number {
  return history.filter(isLinked).length;
}

/**
 * "61 counts from sheet 'LAC History', 28/02/2017 to 28/02/2022; latest 619": how many, the first and
 * latest dates and the latest count (by date, whatever order they were typed in).
 */
export function historyExtent(history: readonly LacCount[], from?: string): string {
  if (history.length === 0) return "No counts";
  const first = history.reduce((a, b) => (b.date < a.date ? b : a));
  const latest = history.reduce((a, b) => (b.date >= a.date ? b : a));
  const counts = `${history.length} count${history.length === 1 ? "" : "s"}${from ? ` from ${from}` : ""}`;
  const span =
    history.length === 1 ? formatDate(first.date) : `${formatDate(first.date)} to ${formatDate(latest.date)}`;
  return `${counts}, ${span}; latest ${latest.count.toLocaleString("en-GB")}`;
}

/** A history with one point changed as typed: that point no longer links to its cell. */
export function editHistoryPoint(
  history: Sourced<LacCount[]>,
  index: number,
  change: { date: number } | { count: number },
): Sourced<LacCount[]> {
  const value = history.value.map((point, i) =>
    i === index ? { date: point.date, count: point.count, ...change } : point,
  );
  return { value, source: typedSource(value) };
}

export function removeHistoryPoint(history: Sourced<LacCount[]>, index: number): Sourced<LacCount[]> {
  const value = history.value.filter((_, i) => i !== index);
  return { value, source: typedSource(value) };
}

/** A history with one more point, typed, a step after the latest (a month after a monthly series). */
export function addHistoryPoint(history: Sourced<LacCount[]>, spendYear: number): Sourced<LacCount[]> {
  const points = history.value;
  const last = points[points.length - 1];
  const point: LacCount = last
    ? { date: nextDate(points), count: last.count }
    : { date: financialYearEnd(spendYear - 1), count: 0 };
  const value = [...points, point];
  return { value, source: typedSource(value) };
}

function typedSource(points: readonly LacCount[]): string {
  const sheet = linkedSheet(points);
  return sheet === null ? TYPED_IN_PANEL : `${TYPED_IN_PANEL}; counts not changed there still link to sheet '${sheet}'`;
}

const isMonthEnd = (serial: number): boolean => {
  const { year, month, day } = ymdFromSerial(serial);
  return day === daysInMonth(year, month);
};

/** The date after the latest at the series' own step in months (month ends stay month ends), else a year on. */
function nextDate(points: readonly LacCount[]): number {
  const last = points[points.length - 1].date;
  const before = points[points.length - 2]?.date;
  if (before === undefined) return addYears(last, 1);
  const a = ymdFromSerial(before);
  const b = ymdFromSerial(last);
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  if (months < 1) return addYears(last, 1);
  if (!isMonthEnd(before) || !isMonthEnd(last)) return addMonths(last, months);
  const next = addMonths(last, months);
  const { year, month } = ymdFromSerial(next);
  return next - ymdFromSerial(next).day + daysInMonth(year, month);
}
