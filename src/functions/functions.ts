/**
 * The LAC worksheet functions (the namespace LAC is set in manifest.xml). The custom-functions
 * metadata plugin reads this file's JSDoc to write functions.json, so every function is a top-level
 * `function` with its Excel name after `@customfunction`. Each one only translates: Excel arguments
 * into core calls (src/functions/arguments.ts), core errors into Excel errors. The arithmetic is in
 * src/core. The functions are exported so that tests and the HyperFormula plugins call these same
 * wrappers.
 *
 * A spilling function returns rows of cells; a failure of the whole function is a single error cell,
 * and a failure of one cell (text where a number belongs) is an error in that cell only.
 */
import { financialPeriodOf } from "../core/dates";
import { flowProjection as projectFlows, reductionToReachRate } from "../core/demand/simple";
import {
  commitmentOutturn,
  costOfMoreChildren,
  PERIODS_IN_YEAR,
  runRateOutturn,
  weeklyUnitCost,
} from "../core/finance";
import { fitProjection, PROJECTION_METHODS } from "../core/projection";
import { DEFAULT_RATE_PER, ratePer } from "../core/rate";
import {
  DEFAULT_LONG_TERM_DEFINITION,
  DEFAULT_MOVE_COUNTING,
  LONG_TERM_DEFINITIONS,
  type MoveCounting,
  placementStability,
  type StabilityMeasure,
} from "../core/stability";
import { ratesForYears, upliftSchedule } from "../core/uplift";
import { careHistoryFromRange } from "../sources/ssda903";
import {
  asMatrix,
  cellwise,
  dateOrBlank,
  elementwise,
  figure,
  isBlank,
  knownPairs,
  numberOrBlankAsZero,
  pairedRanges,
  readChoice,
  readDate,
  readLine,
  readNumber,
  readOptionalDate,
  readOptionalNumber,
  spill,
} from "./arguments";
import { benchmarkCell, loadBenchmarks, loadedBenchmarks } from "./benchmarkData";

const UPLIFT_OUTPUTS = ["each", "total", "cost"] as const;
const STABILITY_MEASURES: readonly StabilityMeasure[] = ["short", "long"];
/** A move counting, or a DfE wording of long-term stability by its release year. */
const MOVE_CHOICES = ["placement", "carer", "2025", "2023"] as const;
const STABILITY_OUTPUTS = ["rate", "detail"] as const;

/**
 * Rate per 10,000 children: count / population x 10,000 (or per another number), unrounded. Give ranges of the same size, or a range and a single value, to spill a rate for each cell.
 * @customfunction RATE
 * @param count Number of children (looked after at a date, starting or ceasing in a year, in need...): a value or a range.
 * @param population Children aged 0-17 living in the area (ONS mid-year estimate): a value or a range.
 * @param per Rate per how many children. Optional: 10,000 if omitted.
 * @returns The rate, one for each cell of the ranges.
 */
export function rate(count: unknown[][], population: unknown[][], per?: unknown): unknown[][] {
  return spill("LAC.RATE", () => {
    const perChildren = readOptionalNumber(per, "per", DEFAULT_RATE_PER);
    return elementwise(count, "count", population, "population", (c, p) => ratePer(c, p, perChildren), "LAC.RATE");
  });
}

/**
 * Projected counts of children at target dates from a series of known counts: "linear" equals Excel's FORECAST.LINEAR, "exponential" equals GROWTH. Rows with a blank or text in either known range are left out, as FORECAST.LINEAR does; spills to the shape of target_dates.
 * @customfunction PROJECTION
 * @param known_counts Known counts of children (a row or column, or any range).
 * @param known_dates The dates of the known counts, as Excel dates or plain numbers (years, month numbers): the same number of cells as known_counts.
 * @param target_dates The date or dates to project to: a value or a range.
 * @param method "linear" (straight-line trend, the default) or "exponential" (constant growth rate). Optional.
 * @returns The projected count at each target date.
 */
export function projection(
  known_counts: unknown[][],
  known_dates: unknown[][],
  target_dates: unknown[][],
  method?: string,
): unknown[][] {
  return spill("LAC.PROJECTION", () => {
    const known = knownPairs(known_counts, known_dates);
    const trend = fitProjection(known.counts, known.dates, readChoice(method, "method", PROJECTION_METHODS, "linear"));
    return cellwise(
      target_dates,
      "target_dates",
      (target, where) => {
        // A blank target gives a blank result; desktop Excel passes a blank cell as 0, and no date is 0.
        if (target === 0 || isBlank(target)) return "";
        return trend.at(numberOrBlankAsZero(target, where));
      },
      "LAC.PROJECTION",
    );
  });
}

/**
 * Uplift schedule of an annual cost: year k's uplift = base x (1 + earlier years' rates, compounded) x year k's rate, unrounded. Spills one uplift per year in a row ("each"), the total ("total"), or the uplifted cost at the end of each year ("cost").
 * @customfunction UPLIFTCOST
 * @param base The base year's annual cost in £.
 * @param rates One rate applied every year (e.g. 5%), or a row or column of one rate per year.
 * @param years Number of years. Needed when one rate is given; otherwise optional (the number of rates).
 * @param output "each" (one uplift per year, the default), "total" (their sum) or "cost" (the uplifted cost at the end of each year). Optional.
 * @returns The uplifts (or costs) in a row, or the total.
 */
export function upliftCost(base: unknown, rates: unknown[][], years?: unknown, output?: string): unknown[][] {
  return spill("LAC.UPLIFTCOST", () => {
    const baseGbp = readNumber(base, "base");
    const perYear = ratesForYears(readLine(rates, "rates"), readOptionalNumber(years, "years", null));
    const shown = readChoice(output, "output", UPLIFT_OUTPUTS, "each");
    const schedule = upliftSchedule(baseGbp, perYear);
    if (shown === "total") return [[schedule.total]];
    return [shown === "each" ? schedule.uplifts : schedule.costs];
  });
}

/**
 * DfE placement stability for the year ending year_end, as a fraction (format it as %). "short": share of children looked after at year end with 3 or more placements in the year. "long": share of those under 16 and looked after for 2.5 years or more who have been living with the same carer for 2 years or more (the DfE's 2025 wording, the default), or with moves "2023", in the same placement for 2 years or more or placed for adoption with the placement before (its 2023 wording).
 * @customfunction STABILITY
 * @param episodes SSDA903 episodes, column names in the first row (any order or case): CHILD, DECOM, RNE, LS, PLACE, DEC, and DOB for "long". Dates as Excel dates or dd/mm/yyyy.
 * @param year_end The last day of the year measured, normally 31 March (an Excel date or dd/mm/yyyy).
 * @param measure "short" (3 or more placements in the year, the default) or "long" (2 years with the same carer, or in the same placement). Optional.
 * @param moves How moves are counted. "placement" (RNE S, P, B, T and U start a placement) or "carer" (only S, P and B, changes of carer). For "long", "carer" or "2025" is the DfE's 2025 wording (same carer, the default) and "placement" or "2023" its 2023 wording (same placement, or placed for adoption); for "short", "2025" and "2023" both count every placement, as the DfE does (the default). Optional.
 * @param output "rate" (the default) or "detail" (rate, numerator and denominator in a row). Optional.
 * @returns The stability rate, or the rate, numerator and denominator.
 */
export function stability(
  episodes: unknown[][],
  year_end: unknown,
  measure?: string,
  moves?: string,
  output?: string,
): unknown[][] {
  return spill("LAC.STABILITY", () => {
    const yearEnd = readDate(year_end, "year_end");
    const measured = readChoice(measure, "measure", STABILITY_MEASURES, "short");
    // A release year typed as a number (=LAC.STABILITY(..., "long", 2023)) means the same as the text.
    const given: unknown = moves;
    const choice = readChoice(
      typeof given === "number" ? String(given) : given,
      "moves",
      MOVE_CHOICES,
      measured === "long" ? DEFAULT_LONG_TERM_DEFINITION : DEFAULT_MOVE_COUNTING,
    );
    const options = { measure: measured, moves: movesFor(measured, choice) };
    const shown = readChoice(output, "output", STABILITY_OUTPUTS, "rate");
    const history = careHistoryFromRange(asMatrix(episodes, "episodes"), { sourceName: "episodes", strict: true });
    const result = placementStability(history, yearEnd, options);
    return shown === "rate" ? [[result.rate]] : [[result.rate, result.numerator, result.denominator]];
  });
}

/** The move counting a choice of LAC.STABILITY gives: a wording's own for "long"; the DfE's count of every placement for "short". */
function movesFor(measure: StabilityMeasure, choice: (typeof MOVE_CHOICES)[number]): MoveCounting {
  if (choice === "placement" || choice === "carer") return choice;
  return measure === "long" ? LONG_TERM_DEFINITIONS[choice].moves : DEFAULT_MOVE_COUNTING;
}

/**
 * Extra cost of more children at today's cost per child: current_cost x (projected_count / current_count - 1). Negative when fewer children are projected.
 * @customfunction EXTRACOST
 * @param current_cost The current annual cost (in £, or £000 for a result in £000).
 * @param current_count The number of children the current cost pays for.
 * @param projected_count The projected number of children.
 * @returns The extra annual cost, in the units of current_cost.
 */
export function extraCost(
  current_cost: unknown,
  current_count: unknown,
  projected_count: unknown,
): number | CustomFunctions.Error {
  return figure("LAC.EXTRACOST", () =>
    costOfMoreChildren(
      readNumber(current_cost, "current_cost"),
      readNumber(current_count, "current_count"),
      readNumber(projected_count, "projected_count"),
    ),
  );
}

/**
 * Average weekly cost per placement: spend / (placements x weeks_per_year x fraction_of_year). The weeks-per-year convention is yours to state: 52, or 365/7 = 52.14.
 * @customfunction UNITCOST
 * @param spend Spend in £ over the period.
 * @param placements Average number of placements open over the period.
 * @param weeks_per_year Weeks in a year: 52, or 365/7 (52.142857).
 * @param fraction_of_year The part of the year the spend covers (10/12 for April to January). Optional: 1 (a whole year) if omitted.
 * @returns The average cost per placement per week, in £.
 */
export function unitCost(
  spend: unknown,
  placements: unknown,
  weeks_per_year: unknown,
  fraction_of_year?: unknown,
): number | CustomFunctions.Error {
  return figure("LAC.UNITCOST", () =>
    weeklyUnitCost(
      readNumber(spend, "spend"),
      readNumber(placements, "placements"),
      readNumber(weeks_per_year, "weeks_per_year"),
      readOptionalNumber(fraction_of_year, "fraction_of_year", 1),
    ),
  );
}

/**
 * Financial period of a date: April = 1, January = 10, March = 12. A range spills a period for each cell; blank cells give blanks.
 * @customfunction PERIOD
 * @param dates A date or a range of dates (Excel dates, or text as dd/mm/yyyy).
 * @returns The period number (1-12) of each date.
 */
export function period(dates: unknown[][]): unknown[][] {
  return spill("LAC.PERIOD", () =>
    cellwise(
      dates,
      "dates",
      (cell, where) => {
        const serial = dateOrBlank(cell, where);
        return serial === null ? "" : financialPeriodOf(serial);
      },
      "LAC.PERIOD",
    ),
  );
}

/**
 * Run-rate outturn: actual spend to date / periods elapsed x periods in the year. Councils forecast placements from commitments (LAC.COMMITMENT); the run-rate is the check beside it.
 * @customfunction RUNRATE
 * @param actual_to_date Actual spend to date in £.
 * @param periods_elapsed Periods (months) of actuals: 10 at P10.
 * @param periods_in_year Periods in the year. Optional: 12 if omitted.
 * @returns The full-year outturn at the run-rate, in £.
 */
export function runRate(
  actual_to_date: unknown,
  periods_elapsed: unknown,
  periods_in_year?: unknown,
): number | CustomFunctions.Error {
  return figure("LAC.RUNRATE", () =>
    runRateOutturn(
      readNumber(actual_to_date, "actual_to_date"),
      readNumber(periods_elapsed, "periods_elapsed"),
      readOptionalNumber(periods_in_year, "periods_in_year", PERIODS_IN_YEAR),
    ),
  );
}

/**
 * Commitment-based outturn: actual to date + each placement's weekly cost x weeks (days / 7) from the period end to the earlier of its end date and the year end. Blank end dates are open-ended placements, which run to the year end.
 * @customfunction COMMITMENT
 * @param actual_to_date Actual spend to date in £.
 * @param period_end The last day of the period of the actuals (31/01/2022 at P10 of 2021/22).
 * @param weekly_costs Weekly cost in £ of each placement open at the period end: a row or column.
 * @param end_dates Planned end date of each placement, blank if open-ended: the same number of cells as weekly_costs.
 * @param year_end The last day of the financial year. Optional: 31 March after period_end if omitted.
 * @returns The forecast outturn for the year, in £.
 */
export function commitment(
  actual_to_date: unknown,
  period_end: unknown,
  weekly_costs: unknown[][],
  end_dates: unknown[][],
  year_end?: unknown,
): number | CustomFunctions.Error {
  return figure("LAC.COMMITMENT", () => {
    const ranges = pairedRanges(weekly_costs, "weekly_costs", end_dates, "end_dates");
    const placements = ranges.first.map((cost, i) => ({
      weeklyCostGbp: numberOrBlankAsZero(cost, () => ranges.whereFirst(i)),
      endDate: dateOrBlank(ranges.second[i], () => ranges.whereSecond(i)),
    }));
    const yearEnd = readOptionalDate(year_end, "year_end");
    return commitmentOutturn(
      readNumber(actual_to_date, "actual_to_date"),
      readDate(period_end, "period_end"),
      placements,
      yearEnd === null ? {} : { yearEndSerial: yearEnd },
    );
  });
}

/**
 * Flow projection of children looked after: each year's count = the previous year's + (starters - ceased per 10,000) x that year's 0-17 population / 10,000, the DfE's rates being per 10,000 children living in the area. Never below 0. Spills one count per year, in the shape of populations.
 * @customfunction FLOWPROJECTION
 * @param start_count Children looked after at the start of the projection.
 * @param populations Projected 0-17 population for each projection year in turn: a row or column.
 * @param starters_per_10k Children starting to be looked after in a year, per 10,000 children aged 0-17.
 * @param ceased_per_10k Children ceasing to be looked after in a year, per 10,000 children aged 0-17.
 * @returns Children looked after at the end of each projection year.
 */
export function flowProjection(
  start_count: unknown,
  populations: unknown[][],
  starters_per_10k: unknown,
  ceased_per_10k: unknown,
): unknown[][] {
  return spill("LAC.FLOWPROJECTION", () => {
    const counts = projectFlows(
      readNumber(start_count, "start_count"),
      readLine(populations, "populations"),
      readNumber(starters_per_10k, "starters_per_10k"),
      readNumber(ceased_per_10k, "ceased_per_10k"),
    );
    const asColumn = asMatrix(populations, "populations").length > 1;
    return asColumn ? counts.map((count) => [count]) : [counts];
  });
}

/**
 * How many fewer children looked after there would be at a target rate per 10,000 children: current_count - target_per_10k x population / 10,000. Negative when the target is above today's rate (that many more).
 * @customfunction TARGETREDUCTION
 * @param current_count Children looked after now.
 * @param population Children aged 0-17 living in the area (ONS mid-year estimate).
 * @param target_per_10k The target rate per 10,000 children aged 0-17.
 * @returns The reduction in children looked after needed to reach the target rate.
 */
export function targetReduction(
  current_count: unknown,
  population: unknown,
  target_per_10k: unknown,
): number | CustomFunctions.Error {
  return figure("LAC.TARGETREDUCTION", () =>
    reductionToReachRate(
      readNumber(current_count, "current_count"),
      readNumber(population, "population"),
      readNumber(target_per_10k, "target_per_10k"),
    ),
  );
}

/**
 * A published figure for a council, its statistical neighbours, its region or England, from the DfE's children looked after statistics, LAIT's Section 251 unit costs and ONS population estimates. Measures: count, rate, population, ons_population, starters, starters_rate, ceased, ceased_rate, stability_short, stability_long, mix_fostering, mix_residential, mix_independent_living, mix_other_residential, mix_parents, mix_other, unit_cost_fostering, unit_cost_residential. A figure not published is #N/A with the reason. Contains public sector information licensed under the Open Government Licence v3.0.
 * @customfunction BENCHMARK
 * @param area A council, region or England: name ("Sefton", "Bristol, City of"), E-code (E08000014) or 3-digit LA number (343).
 * @param measure What to look up, e.g. "rate" (children looked after per 10,000 aged 0-17 at 31 March), "count", "starters_rate", "stability_short", "unit_cost_fostering".
 * @param year The year of 31 March: 2025 is at 31 March 2025, the year 2024-25 and, for unit costs, the financial year 2024-25.
 * @param group "la" (the area itself, the default), "neighbours" (mean of the 10 statistical neighbours whose figure was published), "neighbours_median", "region" or "england". Optional.
 * @returns The published figure (rates per 10,000, percentages as published, unit costs in £ a week).
 */
export function benchmark(
  area: unknown,
  measure: unknown,
  year: unknown,
  group?: unknown,
): number | CustomFunctions.Error | Promise<number | CustomFunctions.Error> {
  const index = loadedBenchmarks();
  if (index) return benchmarkCell(index, area, measure, year, group);
  return loadBenchmarks().then(
    (loaded) => benchmarkCell(loaded, area, measure, year, group),
    (error: unknown) =>
      figure("LAC.BENCHMARK", () => {
        throw error;
      }),
  );
}
