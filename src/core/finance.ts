/**
 * The budget arithmetic of placements, as finance business partners do it: the cost of more children,
 * unit costs per placement-week, and two ways of forecasting the year's outturn (a run-rate, and the
 * commitments of the placements open now, which is how councils really forecast placements).
 */
import {
  describeNumber,
  requireDivisor,
  requireFinite,
  requireFiniteResult,
  requireNonNegative,
  requirePositive,
} from "./args";
import { financialYearEnd, financialYearOf, formatDate, MAX_SERIAL } from "./dates";
import { LacError } from "./errors";

/** Months in a financial year: the default number of periods for a run-rate. */
export const PERIODS_IN_YEAR = 12;

/** The two weeks-per-year conventions: 52 (most councils' budgets) and the exact 365/7 = 52.142857. */
export const WEEKS_PER_YEAR_CONVENTIONAL = 52;
export const WEEKS_PER_YEAR_EXACT = 365 / 7;

/** Whether a weeks-per-year assumption is one a budget could mean: from 52 to 53 (a slip such as 5.2 or 520 is refused). */
export function isWeeksPerYear(weeks: number): boolean {
  return weeks >= WEEKS_PER_YEAR_CONVENTIONAL && weeks <= 53;
}

/**
 * The extra cost of more children at today's average cost per child:
 * current cost x (projected / current - 1). The published strategy: 30,451 for 619 children, 770 projected -> 7,428.27.
 * Fewer children give a negative figure (a saving).
 */
export function costOfMoreChildren(currentCost: number, currentCount: number, projectedCount: number): number {
  requireNonNegative("current_cost", currentCost);
  requireDivisor(
    "current_count",
    currentCount,
    "the cost per child needs the number of children the current cost pays for",
  );
  requireNonNegative("projected_count", projectedCount);
  return requireFiniteResult("the extra cost", currentCost * (projectedCount / currentCount - 1));
}

/**
 * Full-year outturn if spending carries on at the average rate so far: actual / periods elapsed x
 * periods in the year. The published strategy's P10 residential actual 12,119,924 gives 14,543,908.80.
 */
export function runRateOutturn(
  actualToDate: number,
  periodsElapsed: number,
  periodsInYear: number = PERIODS_IN_YEAR,
): number {
  requireFinite("actual_to_date", actualToDate);
  requirePositive("periods_in_year", periodsInYear);
  requireDivisor("periods_elapsed", periodsElapsed, "a run-rate needs at least part of a period of actuals");
  if (periodsElapsed > periodsInYear) {
    throw new LacError(
      "num",
      `periods_elapsed is ${describeNumber(periodsElapsed)}, more than the ${describeNumber(periodsInYear)} periods in the year`,
    );
  }
  return requireFiniteResult("the run-rate outturn", (actualToDate / periodsElapsed) * periodsInYear);
}

/** A placement open at the period end, as a commitment: its weekly cost and planned end date. */
export interface CommittedPlacement {
  weeklyCostGbp: number;
  /** Planned end date (Excel serial), or null for open-ended (runs to the year end). */
  endDate: number | null;
}

/**
 * Outturn = actual to date + each placement's weekly cost x weeks from the period end to the earlier of
 * its end date and the year end (31 March of the period end's financial year unless given). Weeks are
 * days / 7: at the end of P10 (31 January) 59 days remain, 8.43 weeks. A placement that ended by the
 * period end adds nothing.
 */
export function commitmentOutturn(
  actualToDate: number,
  periodEndSerial: number,
  placements: CommittedPlacement[],
  options: { yearEndSerial?: number } = {},
): number {
  requireFinite("actual_to_date", actualToDate);
  requireSerial("period_end", periodEndSerial);
  const yearEnd = options.yearEndSerial ?? financialYearEnd(financialYearOf(periodEndSerial));
  requireSerial("year_end", yearEnd);
  if (yearEnd < periodEndSerial) {
    throw new LacError("num", `year_end ${formatDate(yearEnd)} is before period_end ${formatDate(periodEndSerial)}`);
  }
  let committed = 0;
  placements.forEach((placement, i) => {
    const name = `placement ${i + 1}`;
    requireNonNegative(`${name}: weekly cost`, placement.weeklyCostGbp);
    if (placement.endDate !== null) requireSerial(`${name}: end date`, placement.endDate);
    const runsTo = placement.endDate === null ? yearEnd : Math.min(placement.endDate, yearEnd);
    if (runsTo > periodEndSerial) committed += (placement.weeklyCostGbp * (runsTo - periodEndSerial)) / 7;
  });
  return requireFiniteResult("the commitment outturn", actualToDate + committed);
}

/**
 * Average cost per placement per week: spend / (placements x weeks per year x fraction of the year the
 * spend covers). Weeks per year is the caller's stated convention (52, or 365/7), never assumed here.
 */
export function weeklyUnitCost(spendGbp: number, placements: number, weeksPerYear: number, fractionOfYear = 1): number {
  requireNonNegative("spend", spendGbp);
  requireDivisor("placements", placements, "a unit cost needs the number of placements the spend paid for");
  requirePositive("weeks_per_year", weeksPerYear);
  requirePositive("fraction_of_year", fractionOfYear);
  if (fractionOfYear > 1) {
    throw new LacError(
      "num",
      `fraction_of_year: expected a fraction of a year from above 0 to 1 (10 months = 10/12), found ${describeNumber(fractionOfYear)}`,
    );
  }
  return requireFiniteResult("the weekly unit cost", spendGbp / (placements * weeksPerYear * fractionOfYear));
}

function requireSerial(name: string, serial: number): void {
  requireFinite(name, serial);
  if (serial < 1 || serial > MAX_SERIAL) {
    throw new LacError(
      "value",
      `${name}: expected a date, found the number ${describeNumber(serial)} (Excel dates run from 1 to ${MAX_SERIAL})`,
    );
  }
}
