/**
 * The workbook builder: from what was recognised in the user's sheets and the assumptions, the plan of
 * the sufficiency workbook (Summary, Assumptions, Spend, Unit costs, Needs projection, Cost projection).
 * Pure: both hosts (Office.js in Excel, ExcelJS in the command line) apply the same plan.
 */
import { WEEKS_PER_YEAR_CONVENTIONAL } from "../core/finance";
import { CATEGORY_LABELS, type PlacementCategory } from "../core/categories";
import type { CareHistory } from "../core/careHistory";
import { annualReturnsEnd, latestDataDate, lookedAfterAt, reportingPeriods } from "../core/careMeasures";
import { addYears, financialYearEnd, financialYearOf, formatDate, periodEnd, serialFromJsDate } from "../core/dates";
import { dataExtent } from "../core/demand/fit";
import { LacError } from "../core/errors";
import type { Recognition } from "../sources/recognise";
import type { Assumptions, Sourced } from "./assumptions";
import { sheetContext } from "./context";
import { computeCoreFigures, computeFigures, type DemandOptions, type DemandSheetsInput } from "./figures";
import { formulaCells, usesAddInFunction } from "./formulas";
import { CORE_SHEETS, resolveSheetNames, type ExistingSheet } from "./names";
import type { DefinedNamePlan, PlanSummary, SheetPlan, WorkbookPlan } from "./plan";
import type { Diagnostic } from "../core/diagnostics";
import { type CouncilBenchmarks, regionName } from "./published";
import {
  type AssumptionsSheet,
  buildAssumptionsSheet,
  careDataEndDefaultSource,
  type UpliftInputs,
} from "./sheets/assumptions";
import { BENCHMARKS_SHEET, type BenchmarksSheet, buildBenchmarksSheet } from "./sheets/benchmarks";
import { buildCostProjectionSheet, type CostProjectionSheet } from "./sheets/costProjection";
import { buildCareSheets, CARE_SHEETS } from "./sheets/care";
import { buildDemandSheets, DEMAND_SHEETS } from "./sheets/demand";
import { buildNeedsSheet, type NeedsSheet } from "./sheets/needs";
import { buildSpendSheet, type SpendSheet } from "./sheets/spend";
import { buildSummarySheet } from "./sheets/summary";
import { buildUnitCostsSheet, type UnitCostsSheet } from "./sheets/unitCosts";

export { resolveSheetNames } from "./names";

export interface BuildInput {
  recognition: Recognition;
  assumptions: Assumptions;
  /** The sheets already in the workbook, so that none of the user's is overwritten. */
  existingSheets: ExistingSheet[];
  /** SSDA903 episodes: with them the plan adds the care sheets (in care, starters and leavers, stability) and the demand forecast. */
  careHistory?: CareHistory;
  /** The user's choices for the demand forecast (reference period, horizon, scenario). */
  demand?: DemandOptions;
  /**
   * Without `careHistory`, what becomes of the care and demand sheets of the last build: "keep" them as
   * they are, with what was typed on them (the default: a rebuild that cannot refresh them must not
   * lose them), or "drop" them, when the user asks.
   */
  previous903Sheets?: "keep" | "drop";
  /**
   * Found by the host before the build (an input on the add-in's own sheets that could not be read
   * back, say): listed first among the plan's warnings, on the Summary sheet too.
   */
  warnings?: Diagnostic[];
  /** The chosen council and the published data: the Benchmarks sheet, published rows on the care sheets, the Summary's comparison. */
  benchmarks?: CouncilBenchmarks;
}

/** How many years the default projection looks ahead of the spend year (sufficiency strategies: three). */
const DEFAULT_YEARS_AHEAD = 3;

/**
 * Default uplift rates, from a published strategy (the published strategy): 5% a year for placements bought from
 * providers, 2.37% for the council's own allowances. Stated on the Assumptions sheet as a default to
 * replace.
 */
const EXTERNAL_RATE = 0.05;
const ALLOWANCE_RATE = 0.0237;
const DEFAULT_UPLIFT_RATE: Record<PlacementCategory, number> = {
  residential: EXTERNAL_RATE,
  ifa: EXTERNAL_RATE,
  supported: EXTERNAL_RATE,
  secure: EXTERNAL_RATE,
  parentAndChild: EXTERNAL_RATE,
  other: EXTERNAL_RATE,
  unassigned: EXTERNAL_RATE,
  inHouseFostering: ALLOWANCE_RATE,
  kinship: ALLOWANCE_RATE,
  stayingPut: ALLOWANCE_RATE,
  placedWithParents: ALLOWANCE_RATE,
  sgo: ALLOWANCE_RATE,
  cao: ALLOWANCE_RATE,
  adoption: ALLOWANCE_RATE,
};

/**
 * The assumptions a first build starts from: the period and financial year the budget sheet states,
 * weeks per year 52, a linear projection to 31 March three years after the spend year, and one uplift
 * line per placement category of the budget (base = its forecast outturn, default rates). Counts of
 * children looked after come from a count history sheet when the workbook has one (see
 * defaultLacHistory), else from the SSDA903 history (at each 31 March and the latest date); what the
 * sources cannot say (population, counts without either) is left blank.
 */
export function defaultAssumptions(
  recognition: Recognition,
  options: { today?: number; careHistory?: CareHistory; careDataEnd?: Sourced<number | null> } = {},
): Assumptions {
  const today = options.today ?? Math.floor(serialFromJsDate(new Date()));
  const period = recognition.period;
  const fy = period?.financialYear ?? null;
  const spendYear = fy ?? financialYearOf(today);
  const categories = [...new Set(recognition.budgets.flatMap((b) => b.lines.map((line) => line.category)))];
  const given = options.careDataEnd;
  const careDataEnd = options.careHistory
    ? given && given.value !== null
      ? given
      : defaultCareDataEnd(options.careHistory)
    : null;
  return {
    population0to17: { value: null, source: "not given: enter the ONS mid-year estimate of children aged 0-17" },
    populationByYear: {},
    lacHistory: defaultLacHistory(recognition, options.careHistory, careDataEnd?.value ?? undefined),
    projectionTargetDate: defaultProjectionTargetDate(spendYear),
    projectionMethod: "linear",
    weeksPerYear: WEEKS_PER_YEAR_CONVENTIONAL,
    upliftBaseYear: spendYear,
    uplift: categories.map((category) => ({
      label: CATEGORY_LABELS[category],
      category,
      baseCostGbp: { value: null, source: "forecast outturn on the Spend sheet" },
      rates: new Array<number>(DEFAULT_YEARS_AHEAD).fill(DEFAULT_UPLIFT_RATE[category]),
    })),
    currentCostGbp: { value: null, source: "sum of the uplift lines' base costs" },
    comparators: {},
    financialYear:
      fy !== null && period
        ? { value: fy, source: period.source }
        : { value: null, source: "not found in the sources" },
    period: period
      ? { value: period.period, source: period.source }
      : { value: null, source: "not found in the sources" },
    ...(careDataEnd ? { careDataEnd } : {}),
  };
}

/** The end of the 903 data unless the user says otherwise: the 31 March of the latest return's year (annualReturnsEnd). */
export function defaultCareDataEnd(history: CareHistory): Sourced<number | null> {
  const end = annualReturnsEnd(history);
  const latest = latestDataDate(history);
  if (end === null || latest === null) return { value: null, source: "the 903 data has no episodes" };
  return { value: end, source: careDataEndDefaultSource(end, latest) };
}

/** The date the needs projection runs to unless the user says otherwise: 31 March three years after the spend year. */
export function defaultProjectionTargetDate(spendYear: number): number {
  return financialYearEnd(spendYear + DEFAULT_YEARS_AHEAD);
}

export function buildSufficiencyPlan(input: BuildInput): WorkbookPlan {
  const { recognition, assumptions } = input;
  checkAssumptions(assumptions);
  const { names, renamed } = resolveSheetNames(input.existingSheets, [
    ...CORE_SHEETS,
    ...(input.benchmarks ? [BENCHMARKS_SHEET] : []),
    ...(input.careHistory ? [...CARE_SHEETS, ...DEMAND_SHEETS] : []),
  ]);
  const period = assumptions.period?.value ?? null;
  const financialYear = assumptions.financialYear?.value ?? null;
  const end = period !== null && financialYear !== null ? periodEnd(financialYear, period) : null;

  const core = buildCoreSheets(input, names, end);
  const benchmarks = input.benchmarks
    ? buildBenchmarksSheet({
        name: names[BENCHMARKS_SHEET.key],
        benchmarks: input.benchmarks,
        weeklyCost: core.unitCosts.weeklyCost,
        uplift: core.inputs.uplift,
        financialYear,
      })
    : null;
  const sheets903 = input.careHistory ? build903Sheets(input, input.careHistory, names, end, core) : null;

  const sheets = [
    core.inputs.sheet,
    core.spend.sheet,
    core.unitCosts.sheet,
    core.needs.sheet,
    core.costProjection.sheet,
    ...(benchmarks ? [benchmarks.sheet] : []),
    ...(sheets903?.sheets ?? []),
  ];
  const kept903 =
    input.careHistory || input.previous903Sheets === "drop" ? [] : previous903Sheets(input.existingSheets);
  const warnings = planWarnings(input, [...kept903Warnings(kept903), ...renamed], core, sheets903?.warnings ?? []);
  const summarySheet = buildSummarySheet({
    name: names.summary,
    period,
    financialYear,
    sourceSheets: sourceSheets(recognition, assumptions),
    spend: core.spend,
    needs: core.needs,
    costProjection: core.costProjection,
    warnings,
    questions: recognition.questions,
    addInCells: formulaCells({ sheets }, usesAddInFunction),
    ...(benchmarks && input.benchmarks
      ? { comparison: { council: input.benchmarks.council.name, ...benchmarks.headline } }
      : {}),
  });
  return {
    sheets: [summarySheet, ...sheets],
    names: [...core.inputs.names, ...(sheets903?.names ?? [])],
    ...(kept903.length ? { keptSheets: kept903 } : {}),
    warnings,
    summary: planSummary(input, core, benchmarks),
  };
}

/** The core sheets: what the build reads from the sources and assumptions, and what it works out from them. */
interface CoreSheets {
  spend: SpendSheet;
  inputs: AssumptionsSheet;
  unitCosts: UnitCostsSheet;
  needs: NeedsSheet;
  costProjection: CostProjectionSheet;
}

/**
 * The Spend and Assumptions sheets first (their cells hold what the other sheets' formulas read), then
 * the figures worked out from their values, then the Unit costs, Needs projection and Cost projection
 * sheets that lay those figures out.
 */
function buildCoreSheets(input: BuildInput, names: Record<string, string>, end: number | null): CoreSheets {
  const { recognition, assumptions } = input;
  const period = assumptions.period?.value ?? null;
  const financialYear = assumptions.financialYear?.value ?? null;
  const spend = buildSpendSheet({ name: names.spend, recognition, period, financialYear, periodEnd: end });
  const inputs = buildAssumptionsSheet({ name: names.assumptions, assumptions, spend });
  const figures = computeCoreFigures({
    assumptions,
    periodEnd: end,
    placementLists: recognition.placementLists,
    spend,
    inputs,
  });
  const unitCosts = buildUnitCostsSheet({ name: names.unitCosts, assumptions, spend, figures: figures.unitCosts });
  const needs = buildNeedsSheet({ name: names.needs, assumptions, inputs, figures: figures.needs });
  const costProjection = buildCostProjectionSheet({
    name: names.costProjection,
    assumptions,
    inputs,
    needs,
    figures: figures.costProjection,
  });
  return { spend, inputs, unitCosts, needs, costProjection };
}

/**
 * The care and demand sheets: their figures first (the demand forecast is costed with the cells of the
 * core sheets, so its input is theirs), then their layout.
 */
function build903Sheets(
  input: BuildInput,
  history: CareHistory,
  names: Record<string, string>,
  end: number | null,
  core: CoreSheets,
): { sheets: SheetPlan[]; names: DefinedNamePlan[]; warnings: Diagnostic[] } {
  const { assumptions } = input;
  const context = sheetContext(names, assumptions, end, input.benchmarks);
  const dataEndWarnings = checkCareDataEnd(history, assumptions.careDataEnd, `sheet '${names.assumptions}'`);
  const demandInput = demandSheetsInput(history, input.demand, core);
  const figures = computeFigures(demandInput, { assumptions, periodEnd: end });
  const care = buildCareSheets(figures.care, context);
  const demand = buildDemandSheets(demandInput, figures.demand, context);
  return {
    sheets: [...care.sheets, ...demand.sheets],
    names: [...care.names, ...demand.names],
    warnings: [...dataEndWarnings, ...care.warnings, ...demand.warnings],
  };
}

/** Every warning of the build, in the order the user meets their causes, each once. */
function planWarnings(
  input: BuildInput,
  buildWarnings: Diagnostic[],
  core: CoreSheets,
  warnings903: Diagnostic[],
): Diagnostic[] {
  const { recognition } = input;
  return distinct([
    ...(input.warnings ?? []),
    ...buildWarnings,
    ...recognition.warnings,
    ...recognition.unrecognised.map((u): Diagnostic => ({
      severity: "info",
      message: `Sheet '${u.sheet}' was not used: ${u.reason}`,
      where: `sheet '${u.sheet}'`,
    })),
    ...core.spend.warnings,
    ...core.inputs.warnings,
    ...core.unitCosts.warnings,
    ...core.needs.warnings,
    ...core.costProjection.warnings,
    ...(input.careHistory?.notes ?? []).map((note): Diagnostic => ({
      severity: "warning",
      message: note.message,
      where: note.file,
    })),
    ...warnings903,
  ]);
}

/** The user's sheets the build read: budgets, placement lists, count history. */
function sourceSheets(recognition: Recognition, assumptions: Assumptions): string[] {
  return [
    ...new Set([
      ...recognition.budgets.map((b) => b.sheet),
      ...recognition.placementLists.map((l) => l.sheet),
      ...assumptions.lacHistory.value.flatMap((point) => (point.countCell ? [point.countCell.ref.sheet] : [])),
    ]),
  ];
}

/** The headline figures a host shows without reading the sheets. */
function planSummary(input: BuildInput, core: CoreSheets, benchmarks: BenchmarksSheet | null): PlanSummary {
  const { recognition, assumptions } = input;
  const { spend, unitCosts, needs, costProjection } = core;
  const categories: PlanSummary["categories"] = {};
  for (const category of spend.categories) {
    categories[category] = {
      actualToDate: spend.figure(category, "actualToDate")?.value ?? null,
      forecastOutturn: spend.figure(category, "forecastOutturn")?.value ?? null,
    };
  }
  const numberOrNull = (value: unknown): number | null => (typeof value === "number" ? value : null);
  return {
    questions: recognition.questions,
    period: assumptions.period?.value ?? null,
    financialYear: assumptions.financialYear?.value ?? null,
    units: recognition.budgets[0]?.units.kind ?? null,
    categories,
    totals: {
      actualToDate: spend.total("actualToDate")?.value ?? null,
      forecastOutturn: spend.total("forecastOutturn")?.value ?? null,
      budget: spend.total("budget")?.value ?? null,
    },
    runRateOutturn: spend.total("runRate")?.value ?? null,
    averageWeeklyCost: Object.fromEntries(
      [...unitCosts.weeklyCost].map(([category, figure]) => [category, numberOrNull(figure.value)]),
    ),
    lookedAfter: {
      latest: needs.current?.value ?? null,
      latestDate: needs.currentDate?.value ?? null,
      ratePer10k: numberOrNull(needs.currentRate?.value),
      projected: numberOrNull(costProjection.count.target.value),
      projectionTargetDate: assumptions.projectionTargetDate,
    },
    ...(benchmarks && input.benchmarks
      ? {
          comparison: {
            council: input.benchmarks.council.name,
            code: input.benchmarks.council.code,
            region: regionName(input.benchmarks),
            year: benchmarks.headline.year,
            ratePer10k: Object.fromEntries(benchmarks.headline.figures.map((f) => [f.key, f.value])),
          },
        }
      : {}),
    costProjection: {
      currentCostGbp: costProjection.currentCost.value,
      increaseGbp: numberOrNull(costProjection.increase.value),
      upliftGbp: costProjection.uplift.value,
      totalGbp: costProjection.total.target.value,
    },
  };
}

/** The care and demand sheets of the last build, by the add-in's marker. */
export function previous903Sheets(existing: readonly ExistingSheet[]): { key: string; name: string }[] {
  const keys = new Set<string>([...CARE_SHEETS, ...DEMAND_SHEETS].map((spec) => spec.key));
  return existing.flatMap((sheet) =>
    sheet.ownedKey !== null && keys.has(sheet.ownedKey) ? [{ key: sheet.ownedKey, name: sheet.name }] : [],
  );
}

function kept903Warnings(kept: { name: string }[]): Diagnostic[] {
  if (kept.length === 0) return [];
  const names = kept.map((sheet) => `'${sheet.name}'`).join(", ");
  return [
    {
      severity: "warning",
      message: `No SSDA903 episodes in this build, so the care and demand sheets of the last build (${names}) are kept as they were, with what was typed on them: their figures are not refreshed, and their links to the other sheets point where those cells were then. Give the episodes to rebuild them, or remove them (--drop-903-sheets on the command line, "Remove the care and demand sheets" in the panel).`,
      where: `sheets ${names}`,
    },
  ];
}

/** The demand forecast's input: the 903 data and options, and the cells of the core sheets that hold its money. */
function demandSheetsInput(
  history: CareHistory,
  options: DemandOptions | undefined,
  sheets: Pick<CoreSheets, "spend" | "unitCosts" | "inputs">,
): DemandSheetsInput {
  const { spend, unitCosts, inputs } = sheets;
  return {
    history,
    ...(options ? { options } : {}),
    weeklyCost: Object.fromEntries(unitCosts.weeklyCost),
    upliftRates: upliftRatesByCategory(inputs.uplift),
    spend: Object.fromEntries(
      spend.categories.map((category) => [
        category,
        {
          budget: spend.figure(category, "budget"),
          actualToDate: spend.figure(category, "actualToDate"),
          commitmentOutturn: spend.figure(category, "commitmentOutturn"),
        },
      ]),
    ),
  };
}

/** Each category's uplift rate cells: its first uplift line's (a category's later lines are parts of it). */
function upliftRatesByCategory(lines: readonly UpliftInputs[]): DemandSheetsInput["upliftRates"] {
  const rates: DemandSheetsInput["upliftRates"] = {};
  for (const line of lines) rates[line.category] ??= line.rates;
  return rates;
}

/**
 * The counts the Needs projection runs from: the first count history sheet's (each count keeps its
 * cell, so the Assumptions sheet links to it), else the SSDA903 counts, else none. The sheet comes
 * first even with 903 returns: it is the analyst's own series, kept monthly up to the period, where
 * returns give a count a year and end at the last 31 March; the returns still drive the demand forecast.
 */
function defaultLacHistory(
  recognition: Recognition,
  careHistory: CareHistory | undefined,
  dataEnd: number | undefined,
): Assumptions["lacHistory"] {
  const [sheet] = recognition.lacHistories;
  if (sheet) {
    return {
      value: sheet.points.map(({ date, count, dateCell, countCell }) => ({ date, count, dateCell, countCell })),
      source: `sheet '${sheet.sheet}'`,
    };
  }
  return careHistory ? lacHistoryOf(careHistory, dataEnd) : { value: [], source: "not given" };
}

function lacHistoryOf(history: CareHistory, dataEnd: number | undefined): Assumptions["lacHistory"] {
  const dates = reportingPeriods(history, dataEnd).map((period) => period.period.end);
  return {
    value: dates.map((date) => ({ date, count: lookedAfterAt(history, date).total })),
    source: "SSDA903 episodes: children looked after at each 31 March and at the end of the data",
  };
}

/**
 * The end of the 903 data, checked against the data: refused before the first date in them or more than
 * a year after the latest (no return runs on that long); said when it is not the latest date, so the
 * user sees what the care and demand sheets assume.
 */
function checkCareDataEnd(
  history: CareHistory,
  dataEnd: Sourced<number | null> | undefined,
  where: string,
): Diagnostic[] {
  const end = dataEnd?.value ?? null;
  const first = dataExtent(history)?.first ?? null;
  const latest = latestDataDate(history);
  if (end === null || first === null || latest === null) return [];
  const source = dataEnd?.source ?? "";
  if (!Number.isInteger(end) || end < first || end > addYears(latest, 1)) {
    throw new LacError(
      "value",
      `Assumptions: expected the end of the 903 data between the first date in the data (${formatDate(first)}) and a year after the latest (${formatDate(addYears(latest, 1))}), found ${Number.isFinite(end) ? formatDate(Math.floor(end)) : String(end)} (${source})`,
    );
  }
  const setIt = 'set "End of the 903 data" on the Assumptions sheet (or --903-to on the command line)';
  if (end > latest) {
    return [
      {
        severity: "info",
        message: `The 903 data are taken to run to ${formatDate(end)} (${source}): the care and demand sheets count the days after their latest date, ${formatDate(latest)}, as days without an event. If they are an extract that ends sooner, ${setIt}.`,
        where,
      },
    ];
  }
  if (end < latest) {
    return [
      {
        severity: "info",
        message: `The 903 data are counted to ${formatDate(end)} (${source}); what they hold after it, up to ${formatDate(latest)}, is left out. To count it, ${setIt}.`,
        where,
      },
    ];
  }
  return [];
}

/** Inputs that would make the arithmetic meaningless are refused with a message naming the input. */
function checkAssumptions(a: Assumptions): void {
  const period = a.period?.value ?? null;
  if (period !== null && (!Number.isInteger(period) || period < 1 || period > 12)) {
    throw new LacError(
      "value",
      `Assumptions: the budget monitoring period must be a whole number from 1 (April) to 12 (March), found ${period}`,
    );
  }
  const fy = a.financialYear?.value ?? null;
  if (fy !== null && (!Number.isInteger(fy) || fy < 1900 || fy > 9998)) {
    throw new LacError(
      "value",
      `Assumptions: the financial year must be the year it starts in (2021 for 2021/22), found ${fy}`,
    );
  }
  if (!(a.weeksPerYear > 0) || a.weeksPerYear > 53) {
    throw new LacError("value", `Assumptions: weeks per year must be 52 or 365/7 (52.142857), found ${a.weeksPerYear}`);
  }
  const population = a.population0to17.value;
  if (population !== null && !(population > 0)) {
    throw new LacError(
      "value",
      `Assumptions: the population aged 0-17 must be a number of children above 0, found ${population}`,
    );
  }
  a.lacHistory.value.forEach((point, i) => {
    if (!Number.isFinite(point.date) || !Number.isFinite(point.count) || point.count < 0) {
      throw new LacError(
        "value",
        `Assumptions: count ${i + 1} of children looked after must be a date and a number of children, found ${point.date} and ${point.count}`,
      );
    }
  });
  const projected = a.projectedLacCount?.value ?? null;
  if (projected !== null && !(projected >= 0)) {
    throw new LacError(
      "value",
      `Assumptions: the projected count of children looked after must be 0 or more, found ${projected}`,
    );
  }
}

function distinct(warnings: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.message}\u0000${w.where ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
