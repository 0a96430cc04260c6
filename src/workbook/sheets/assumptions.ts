/**
 * The Assumptions sheet: every input a user may change, as shaded input cells with a workbook name
 * ("LAC_...") and a word on where each came from. Every other sheet reads its inputs from here.
 */
import { isWeeksPerYear, WEEKS_PER_YEAR_EXACT } from "../../core/finance";
import { CATEGORY_LABELS, type PlacementCategory } from "../../core/categories";
import {
  financialYearEnd,
  financialYearLabel,
  financialYearOf,
  formatDate,
  monthYearLabel,
  parseDate,
  parseMonthLabel,
  periodEnd,
} from "../../core/dates";
import { PROJECTION_METHODS } from "../../core/projection";
import { DEFAULT_LONG_TERM_DEFINITION, LONG_TERM_DEFINITIONS, type LongTermDefinition } from "../../core/stability";
import { type CellRef, describeCell, isFilled, type SheetGrid } from "../../core/grid";
import { financialYearInText } from "../../sources/vocabulary";
import type { Assumptions, ProjectionMethod } from "../assumptions";
import { FORMATS, formula, headers, input, sourcedCell, text, unlinkedNote } from "../cells";
import {
  type BuiltFormula,
  categoryNamed,
  dateInput,
  type InputKind,
  InputSheet,
  isLinkFormula,
  numberInput,
  percentInput,
  type SheetValue,
  textInput,
} from "../inputCells";
import { rangeRef, ref, SheetWriter, TableLayout, type Figure, type Pos } from "../layout";
import { ASSUMPTION_NAMES } from "../names";
import type { CellValue, DefinedNamePlan, PlanCell, SheetPlan } from "../plan";
import type { Diagnostic } from "../../core/diagnostics";
import type { SpendSheet } from "./spend";
import { maxOf, pushAll } from "../../core/arrays";

export interface AssumptionsInput {
  name: string;
  assumptions: Assumptions;
  spend: SpendSheet;
}

export interface UpliftInputs {
  label: string;
  category: PlacementCategory;
  /** The base cost cell (input, or a link to the Spend sheet's forecast outturn). */
  base: Figure;
  /** One rate cell per projection year. */
  rates: Figure[];
}

export interface AssumptionsSheet {
  sheet: SheetPlan;
  names: DefinedNamePlan[];
  history: { date: Figure; count: Figure }[];
  uplift: UpliftInputs[];
  /** "Mar-23", "Mar-24", ...: the 31 March each uplift year ends on. */
  upliftYearLabels: string[];
  /** The financial year label of the uplift base costs ("2021/22"). */
  upliftBaseLabel: string;
  currentCost: Figure;
  currentCostExcludes: string | null;
  warnings: Diagnostic[];
}

type Column = "label" | "value" | "source" | "meaning";
interface Item {
  key: keyof typeof ASSUMPTION_NAMES | null;
  label: string;
  cell: PlanCell;
  meaning: string;
  source: string;
}

/**
 * What the sheet shows, in one place for the writer and for readAssumptionsSheet: the label of each
 * assumption's row (its value is in the Value column beside it), the headers of the three tables, and
 * the subtitles and note that end them.
 */
export const ASSUMPTION_LABELS = {
  financialYear: "Financial year of the spend figures",
  period: "Budget monitoring period",
  periodEnd: "Period end",
  weeksPerYear: "Weeks per year",
  population0to17: "Children aged 0-17 in the area",
  projectionTargetDate: "Projection target date",
  projectionMethod: "Projection method",
  projectedCountGiven: "Projected count given by the council",
  careDataEnd: "End of the 903 data",
  stabilityDefinition: "Long-term stability: DfE wording (release year)",
  currentCost: "Current annual cost of placements £",
  currentCostExcludes: "The current cost excludes",
  council: "Council",
} as const;

const ITEM_HEADERS = {
  label: "Assumption",
  value: "Value",
  source: "Source",
  meaning: "Meaning",
} as const satisfies Record<Column, string>;
const HISTORY_TITLE = "Children looked after over time";
const HISTORY_HEADERS = { date: "Date", count: "Children looked after", from: "From" } as const;
const NO_COUNTS = "No counts given yet: enter dates and counts in the rows above and rebuild to project them.";
const UPLIFT_TITLE = "Uplift by cost line";
const UPLIFT_HEADERS = {
  label: "Line",
  category: "Placement category",
  base: "Base cost",
  rate: "Rate to",
  source: "Source of the base cost",
} as const;

/** "Base cost 2021/22 £": the base costs' column, headed by their financial year. */
export function upliftBaseHeader(financialYear: number): string {
  return `${UPLIFT_HEADERS.base} ${financialYearLabel(financialYear)} £`;
}

/** "Rate to Mar-23": the rate column of the uplift in a financial year, headed by the 31 March it runs to. */
export function upliftRateHeader(financialYear: number): string {
  return `${UPLIFT_HEADERS.rate} ${monthYearLabel(financialYearEnd(financialYear))}`;
}

const CARE_DATA_END_DEFAULT = /^default: (\d{2}\/\d{2}\/\d{4}),/;

/**
 * The Source of the 903 data's end when it is the default (see defaultCareDataEnd), naming the date:
 * read back, it tells the default the sheet was built with from a date the user typed over it, so a
 * rebuild with a new year of returns moves an untouched default on.
 */
export function careDataEndDefaultSource(end: number, latest: number): string {
  return `default: ${formatDate(end)}, the 31 March of the latest return's year (the latest date in the data is ${formatDate(latest)})`;
}

/** The default date a Source written by careDataEndDefaultSource names, or null for any other source. */
export function careDataEndDefaultOf(source: string): number | null {
  const match = CARE_DATA_END_DEFAULT.exec(source.trim());
  return match ? parseDate(match[1]) : null;
}

/** The weeks-per-year cell of the exact convention: a formula, so the sheet shows where 52.142857 comes from. */
const WEEKS_EXACT_FORMULA = "365/7";

export function buildAssumptionsSheet({ name, assumptions: a, spend }: AssumptionsInput): AssumptionsSheet {
  const w = new SheetWriter("assumptions", name);
  const warnings: Diagnostic[] = [];
  const names: DefinedNamePlan[] = [];
  const define = (key: keyof typeof ASSUMPTION_NAMES, pos: Pos, rows = 1): void => {
    names.push({ name: ASSUMPTION_NAMES[key], ref: { sheet: name, row: pos.row, col: pos.col, rows, cols: 1 } });
  };

  w.append(
    [
      [text("Assumptions", "title")],
      [
        text(
          "Shaded cells are inputs: change one here and every sheet that uses it follows. The Source column says where each came from.",
          "note",
        ),
      ],
    ],
    1,
  );

  // Uplift lines come first in the computation (the current cost may sum their bases) but last on the sheet.
  const years = maxOf(
    a.uplift.map((line) => line.rates.length),
    0,
  );
  const upliftYearLabels = Array.from({ length: years }, (_, k) =>
    monthYearLabel(financialYearEnd(a.upliftBaseYear + k + 1)),
  );
  const upliftBaseLabel = financialYearLabel(a.upliftBaseYear);

  const items = assumptionItems(a);
  // Three more items (the current cost, what it excludes, the council) follow once the uplift bases are placed.
  const itemTable = new TableLayout<Column>(
    name,
    w.reserve(items.length + 4),
    0,
    ["label", "value", "source", "meaning"],
    items.length + 3,
  );
  const currentCostIndex = items.length;

  const historyTable = writeHistoryTable(w, name, a.lacHistory, define);
  const upliftTable = writeUpliftTable(w, { name, assumptions: a, spend, years, upliftYearLabels, warnings });
  const current = currentCostItem(a, upliftTable, name, warnings);
  pushAll(items, closingItems(a, current.item));
  w.write(itemTable.top, 0, [
    headers([ITEM_HEADERS.label, ITEM_HEADERS.value, ITEM_HEADERS.source, ITEM_HEADERS.meaning]),
    ...items.map((item) =>
      itemTable.row({
        label: text(item.label, "label"),
        value: item.cell,
        meaning: text(item.meaning, "note"),
        source: text(item.source, "note"),
      }),
    ),
  ]);
  items.forEach((item, i) => {
    if (item.key !== null) define(item.key, itemTable.cell(i, "value"));
  });

  const history = a.lacHistory.value;
  return {
    sheet: w.plan({ columnWidths: { 0: 40, 1: 24, 2: 40, 3: 14, 4: 14, 5: 14, 6: 14 } }),
    names,
    history: history.map((point, i) => ({
      date: { pos: historyTable.cell(i, "date"), value: point.date },
      count: { pos: historyTable.cell(i, "count"), value: point.count },
    })),
    uplift: upliftTable.uplift,
    upliftYearLabels,
    upliftBaseLabel,
    currentCost: {
      pos: itemTable.cell(currentCostIndex, "value"),
      value: typeof current.value === "number" ? current.value : null,
    },
    currentCostExcludes: a.currentCostExcludes ?? null,
    warnings,
  };
}

/** The items at the top of the sheet, from the financial year to the end of the 903 data (the rest need the uplift bases). */
function assumptionItems(a: Assumptions): Item[] {
  return [...reportingPeriodItems(a), ...costAndProjectionItems(a), ...careDataItems(a)];
}

/** The financial year and period the figures are for, and the period's last day worked out from them. */
function reportingPeriodItems(a: Assumptions): Item[] {
  const fy = a.financialYear?.value ?? null;
  const period = a.period?.value ?? null;
  return [
    {
      key: "financialYear",
      label: ASSUMPTION_LABELS.financialYear,
      cell: input(fy, FORMATS.plain),
      meaning:
        fy !== null
          ? `${fy} = ${financialYearLabel(fy)} (named by the year it starts in)`
          : "Named by the year it starts in: 2021 = 2021/22",
      source: a.financialYear?.source ?? "not found in the sources",
    },
    {
      key: "period",
      label: ASSUMPTION_LABELS.period,
      cell: input(period, FORMATS.plain),
      meaning: "1 = April ... 10 = January, 12 = March",
      source: a.period?.source ?? "not found in the sources",
    },
    {
      key: "periodEnd",
      label: ASSUMPTION_LABELS.periodEnd,
      cell: formula(
        `IF(AND(ISNUMBER(${ASSUMPTION_NAMES.financialYear}),ISNUMBER(${ASSUMPTION_NAMES.period})),EOMONTH(DATE(${ASSUMPTION_NAMES.financialYear},3+${ASSUMPTION_NAMES.period},1),0),"")`,
        fy !== null && period !== null ? periodEnd(fy, period) : "",
        FORMATS.date,
      ),
      meaning: "Last day of the period (from the two cells above)",
      source: "calculated",
    },
  ];
}

/** Weeks per year, the population for rates, and how (and to when) the needs projection runs. */
function costAndProjectionItems(a: Assumptions): Item[] {
  return [
    {
      key: "weeksPerYear",
      label: ASSUMPTION_LABELS.weeksPerYear,
      cell:
        Math.abs(a.weeksPerYear - WEEKS_PER_YEAR_EXACT) < 1e-12
          ? { ...formula(WEEKS_EXACT_FORMULA, a.weeksPerYear, FORMATS.weeks), style: "input" }
          : input(a.weeksPerYear, FORMATS.weeks),
      meaning: "Turns weekly costs into annual ones: 52 (the budget convention) or =365/7 (52.142857, exact)",
      source: "convention; change it to match your budget",
    },
    {
      key: "population0to17",
      label: ASSUMPTION_LABELS.population0to17,
      cell: input(a.population0to17.value, FORMATS.count),
      meaning: "ONS mid-year estimate, for rates per 10,000",
      source: a.population0to17.source,
    },
    {
      key: "projectionTargetDate",
      label: ASSUMPTION_LABELS.projectionTargetDate,
      cell: input(a.projectionTargetDate, FORMATS.date),
      meaning: "The date the needs projection runs to",
      source: "default: 31 March three years after the spend year; change it",
    },
    {
      key: "projectionMethod",
      label: ASSUMPTION_LABELS.projectionMethod,
      cell: input(a.projectionMethod),
      meaning: "linear (straight-line trend, FORECAST.LINEAR) or exponential (GROWTH)",
      source: "default: linear, as sufficiency strategies use",
    },
    {
      key: "projectedCountGiven",
      label: ASSUMPTION_LABELS.projectedCountGiven,
      cell: input(a.projectedLacCount?.value ?? null, FORMATS.count),
      meaning: "Leave blank to use the Needs projection; enter your own projected count to cost that instead",
      source: a.projectedLacCount?.source ?? "not given",
    },
  ];
}

/** Only with 903 data (the rows would mean nothing without them): when the data end, and which stability wording applies. */
function careDataItems(a: Assumptions): Item[] {
  if (!a.careDataEnd) return [];
  return [
    {
      key: null,
      label: ASSUMPTION_LABELS.careDataEnd,
      cell: input(a.careDataEnd.value, FORMATS.date),
      meaning:
        "The In care, Starters and leavers and Stability sheets count to this date and the demand forecast starts from it (or from the period end, if earlier). Annual returns run to 31 March even when their last event is earlier; enter an earlier date for an extract that ends sooner",
      source: a.careDataEnd.source,
    },
    {
      key: null,
      label: ASSUMPTION_LABELS.stabilityDefinition,
      cell: input(Number(a.stabilityDefinition?.value ?? DEFAULT_LONG_TERM_DEFINITION), FORMATS.plain),
      meaning: `Which wording the Stability sheet's own long-term figures follow. 2025: ${LONG_TERM_DEFINITIONS["2025"].wording}. 2023: ${LONG_TERM_DEFINITIONS["2023"].wording}`,
      source: a.stabilityDefinition?.source ?? "default: the DfE's current wording (its 2025 release)",
    },
  ];
}

/** The count history the Needs projection runs from: typed counts are inputs; counts read from a count history sheet link to its cells. */
function writeHistoryTable(
  w: SheetWriter,
  name: string,
  lacHistory: Assumptions["lacHistory"],
  define: (key: keyof typeof ASSUMPTION_NAMES, pos: Pos, rows?: number) => void,
): TableLayout<"date" | "count" | "from"> {
  const history = lacHistory.value;
  const linkedSheets = [
    ...new Set(
      history
        .flatMap((point) => [point.dateCell, point.countCell])
        .flatMap((cell) => (cell?.cellIsNumber ? [`'${cell.ref.sheet}'`] : [])),
    ),
  ];
  const fromSheets = history.some((point) => point.dateCell !== undefined || point.countCell !== undefined);
  const linkedNote = linkedSheets.length
    ? ` Cells in green are links to ${linkedSheets.join(", ")}, not inputs: change a count there and it follows here and in every projection; rebuild to take in a new month.`
    : "";
  w.write(w.reserve(2, 0), 0, [
    [text(HISTORY_TITLE, "subtitle")],
    [text(`Feeds the Needs projection. Source: ${lacHistory.source}.${linkedNote}`, "note")],
  ]);
  const historyTable = new TableLayout<"date" | "count" | "from">(
    name,
    w.reserve(history.length + 1),
    0,
    fromSheets ? ["date", "count", "from"] : ["date", "count"],
    history.length,
  );
  w.write(historyTable.top, 0, [
    headers([
      HISTORY_HEADERS.date,
      linkedSheets.length ? `${HISTORY_HEADERS.count} (linked to ${linkedSheets.join(", ")})` : HISTORY_HEADERS.count,
      ...(fromSheets ? [HISTORY_HEADERS.from] : []),
    ]),
    ...history.map((point) => {
      const notes = [
        point.countCell ? `'${point.countCell.ref.sheet}' row ${point.countCell.ref.row + 1}` : null,
        point.dateCell ? unlinkedNote("The date", point.dateCell) : null,
        point.countCell ? unlinkedNote("The count", point.countCell) : null,
      ].filter((note): note is string => note !== null);
      return historyTable.row({
        date: point.dateCell
          ? sourcedCell({ value: point.date, ...point.dateCell }, FORMATS.date)
          : input(point.date, FORMATS.date),
        count: point.countCell
          ? sourcedCell({ value: point.count, ...point.countCell }, FORMATS.count)
          : input(point.count, FORMATS.count),
        from: notes.length ? text(notes.join(". "), "note") : null,
      });
    }),
  ]);
  if (history.length > 0) {
    define("historyDates", historyTable.cell(0, "date"), history.length);
    define("historyCounts", historyTable.cell(0, "count"), history.length);
  } else {
    w.append([[text(NO_COUNTS, "warning")]]);
  }
  return historyTable;
}

type UpliftColumn = "label" | "category" | "base" | `rate${number}` | "source";

/** The uplift lines, one row each: a base cost (typed, or linked to the Spend sheet's forecast outturn) and a rate a year. */
function writeUpliftTable(
  w: SheetWriter,
  args: {
    name: string;
    assumptions: Assumptions;
    spend: SpendSheet;
    years: number;
    upliftYearLabels: string[];
    warnings: Diagnostic[];
  },
): { layout: TableLayout<UpliftColumn>; uplift: UpliftInputs[] } {
  const { name, assumptions: a, spend, years, upliftYearLabels, warnings } = args;
  w.write(w.reserve(2, 0), 0, [
    [text(UPLIFT_TITLE, "subtitle")],
    [
      text(
        "Each year's uplift = the line's cost at the end of the year before x that year's rate (compounded, unrounded). A base cost linked to the Spend sheet follows its forecast outturn; type over it to fix it.",
        "note",
      ),
    ],
  ]);
  const rateColumns = upliftYearLabels.map((_, k) => `rate${k}` as const);
  const upliftTable = new TableLayout<UpliftColumn>(
    name,
    w.reserve(a.uplift.length + 1),
    0,
    ["label", "category", "base", ...rateColumns, "source"],
    a.uplift.length,
  );
  const uplift: UpliftInputs[] = [];
  const upliftRows = a.uplift.map((line, i) => {
    const { cell: baseCell, value: baseValue, source } = upliftBase(line, spend, name, warnings);
    if (line.rates.length < years) {
      warnings.push({
        severity: "warning",
        message: `Uplift line '${line.label}' has ${line.rates.length} rate(s) for ${years} years: the missing years are 0% until you enter them.`,
        where: `sheet '${name}'`,
      });
    }
    const rates = upliftYearLabels.map((_, k) => line.rates[k] ?? 0);
    uplift.push({
      label: line.label,
      category: line.category,
      base: { pos: upliftTable.cell(i, "base"), value: baseValue },
      rates: rates.map((rate, k) => ({ pos: upliftTable.cell(i, rateColumns[k]), value: rate })),
    });
    const cells: Partial<Record<UpliftColumn, PlanCell | null>> = {
      label: input(line.label),
      category: text(CATEGORY_LABELS[line.category]),
      base: baseCell,
      source: text(source, "note"),
    };
    rates.forEach((rate, k) => {
      cells[rateColumns[k]] = input(rate, FORMATS.upliftRate);
    });
    return upliftTable.row(cells);
  });
  w.write(upliftTable.top, 0, [
    headers([
      UPLIFT_HEADERS.label,
      UPLIFT_HEADERS.category,
      upliftBaseHeader(a.upliftBaseYear),
      ...upliftYearLabels.map((_, k) => upliftRateHeader(a.upliftBaseYear + k + 1)),
      UPLIFT_HEADERS.source,
    ]),
    ...upliftRows,
  ]);

  return { layout: upliftTable, uplift };
}

/** A line's base cost: as given, else a link to its category's forecast outturn on the Spend sheet, else an empty input with a warning. */
function upliftBase(
  line: Assumptions["uplift"][number],
  spend: SpendSheet,
  name: string,
  warnings: Diagnostic[],
): { cell: PlanCell; value: number | null; source: string } {
  const given = line.baseCostGbp.value;
  if (given !== null) return { cell: input(given, FORMATS.gbp), value: given, source: line.baseCostGbp.source };
  const forecast = spend.figure(line.category, "forecastOutturn");
  if (forecast) {
    const value = forecast.value ?? 0;
    return {
      cell: { ...formula(ref(forecast.pos, name), value, FORMATS.gbp), style: "input" },
      value,
      source: `forecast outturn of ${CATEGORY_LABELS[line.category]} on the Spend sheet`,
    };
  }
  warnings.push({
    severity: "warning",
    message: `Uplift line '${line.label}' takes its base cost from the forecast outturn of ${CATEGORY_LABELS[line.category]}, which the budget does not show: enter a base cost on the Assumptions sheet.`,
    where: `sheet '${name}'`,
  });
  return { cell: input(null, FORMATS.gbp), value: null, source: "not found: enter the base cost" };
}

/** The current cost: as given, else the sum of the uplift lines' bases, else an empty input with a warning. */
function currentCostItem(
  a: Assumptions,
  upliftTable: { layout: TableLayout<UpliftColumn>; uplift: UpliftInputs[] },
  name: string,
  warnings: Diagnostic[],
): { item: Item; value: CellValue | null } {
  const { uplift } = upliftTable;
  let currentCostCell: PlanCell;
  let currentCostValue: CellValue | null;
  let currentCostSource = a.currentCostGbp.source;
  if (a.currentCostGbp.value !== null) {
    currentCostValue = a.currentCostGbp.value;
    currentCostCell = input(currentCostValue, FORMATS.gbp);
  } else if (uplift.length > 0) {
    currentCostValue = uplift.reduce((sum, line) => sum + (line.base.value ?? 0), 0);
    currentCostCell = {
      ...formula(`SUM(${rangeRef(upliftTable.layout.column("base"), name)})`, currentCostValue, FORMATS.gbp),
      style: "input",
    };
    currentCostSource = "sum of the uplift lines' base costs (below)";
  } else {
    currentCostValue = null;
    currentCostCell = input(null, FORMATS.gbp);
    currentCostSource = "not given: enter the current annual cost of placements";
    warnings.push({
      severity: "warning",
      message:
        "No current cost and no uplift lines: enter the current annual cost of placements on the Assumptions sheet.",
      where: `sheet '${name}'`,
    });
  }
  return {
    item: {
      key: "currentCost",
      label: ASSUMPTION_LABELS.currentCost,
      cell: currentCostCell,
      meaning: "What the cost projection starts from",
      source: currentCostSource,
    },
    value: currentCostValue,
  };
}

/** The last items: the current cost, what it excludes, and the council whose published figures are shown. */
function closingItems(a: Assumptions, currentCost: Item): Item[] {
  const excludes = a.currentCostExcludes ?? null;
  return [
    currentCost,
    {
      key: null,
      label: ASSUMPTION_LABELS.currentCostExcludes,
      cell: input(excludes ?? ""),
      meaning: "Printed under the cost projection",
      source: excludes ? "given" : "not given",
    },
    {
      key: null,
      label: ASSUMPTION_LABELS.council,
      cell: input(a.council?.value ?? ""),
      meaning:
        "By name, E-code or LA number (Sefton, E08000014, 343): its published figures are set beside yours (Benchmarks sheet, comparator rows). Leave blank for none",
      source: a.council?.value ? a.council.source : "not chosen",
    },
  ];
}

/**
 * The rows of the count history as read back: each row's typed date and count, null for a cell that
 * links to a count history sheet (the build keeps the link).
 */
export interface HistoryEdits {
  rows: { date: number | null; count: number | null }[];
  first: CellRef;
  last: CellRef;
}

/** One line of the uplift table as read back: its typed label, base cost and rates (by the financial year each applies in). */
export interface UpliftLineEdits {
  /** The line's label cell. */
  ref: CellRef;
  label?: SheetValue<string>;
  category: PlacementCategory;
  /** Absent when the cell still links to the Spend sheet (or could not be read); null when left blank. */
  baseCostGbp?: SheetValue<number | null>;
  rates: Record<number, SheetValue<number>>;
}

/**
 * The Assumptions sheet's inputs as the user left them. A field is absent when its cell holds the
 * add-in's own formula (a link, a sum), or could not be read (a warning names the cell); an optional
 * input left blank reads as null.
 */
export interface AssumptionEdits {
  sheet: string;
  financialYear?: SheetValue<number | null>;
  period?: SheetValue<number | null>;
  weeksPerYear?: SheetValue<number>;
  population0to17?: SheetValue<number | null>;
  projectionTargetDate?: SheetValue<number>;
  projectionMethod?: SheetValue<ProjectionMethod>;
  projectedLacCount?: SheetValue<number | null>;
  currentCostGbp?: SheetValue<number | null>;
  currentCostExcludes?: SheetValue<string>;
  /** The end of the 903 data; null when blank. */
  careDataEnd?: SheetValue<number | null>;
  /** The default the sheet was built with (its Source names it), or null when the date there was given. */
  careDataEndDefault?: number | null;
  /** Null when left blank; absent in a workbook built before the row was added. */
  council?: SheetValue<string | null>;
  /** Absent without 903 data (no such row), or when the cell could not be read. */
  stabilityDefinition?: SheetValue<LongTermDefinition>;
  /** Absent when every count links to a count history sheet (they follow it), or a row could not be read. */
  lacHistory?: HistoryEdits;
  /** The financial year of the base costs the sheet was built with (its header); null when not found. */
  upliftBaseYear: number | null;
  /** How many years of rates the uplift table has (its "Rate to" columns). */
  upliftYears: number;
  /** Null when the uplift table is not found. */
  uplift: UpliftLineEdits[] | null;
  warnings: Diagnostic[];
}

const wholeNumber = (check: (n: number) => boolean) => (n: number | null) =>
  n !== null && Number.isInteger(n) && check(n) ? n : null;
const isFinancialYear = wholeNumber((n) => n >= 1900 && n <= 9998);
const FINANCIAL_YEAR: InputKind<number> = {
  expected: "a financial year by the year it starts in (2021 for 2021/22)",
  fromNumber: isFinancialYear,
  fromText: (text) => isFinancialYear(/^\d{4}$/.test(text.trim()) ? Number(text) : financialYearInText(text)),
};
const isPeriod = wholeNumber((n) => n >= 1 && n <= 12);
const PERIOD: InputKind<number> = {
  expected: "a period from 1 (April) to 12 (March)",
  fromNumber: isPeriod,
  fromText: (text) => {
    const match = /^(?:p|period)?\s*(\d{1,2})$/i.exec(text.trim());
    return isPeriod(match ? Number(match[1]) : null);
  },
};
const WEEKS = numberInput("a number of weeks in a year: 52, or =365/7 for 52.142857", isWeeksPerYear);
const POPULATION = numberInput("a number of children above 0", (n) => n > 0);
const COUNT = numberInput("a number of children (0 or more)", (n) => n >= 0);
const POUNDS = numberInput("an amount in £ (0 or more)", (n) => n >= 0);
const RATE = percentInput("an annual rate above -100% and at most 100%, such as 5% (0.05)", (n) => n > -1 && n <= 1);
const METHOD: InputKind<ProjectionMethod> = {
  expected: `the projection method: ${PROJECTION_METHODS.join(" or ")}`,
  fromNumber: () => null,
  fromText: (text) => PROJECTION_METHODS.find((method) => method === text.trim().toLowerCase()) ?? null,
};

const DEFINITION: InputKind<LongTermDefinition> = {
  expected: `the year of the DfE's wording: ${Object.keys(LONG_TERM_DEFINITIONS).join(" or ")}`,
  fromNumber: (n) => definitionNamed(String(n)),
  // "2023", or text beginning with it ("2023 (same placement)").
  fromText: (text) => definitionNamed(/^\s*(\d{4})\b/.exec(text)?.[1] ?? ""),
};

function definitionNamed(year: string): LongTermDefinition | null {
  return year in LONG_TERM_DEFINITIONS ? (year as LongTermDefinition) : null;
}

/** The current cost as the sum of the uplift lines' base costs. */
const isBaseSum: BuiltFormula = (formula) => /^=SUM\(\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+\)$/.test(formula);

/** The financial year a rate column applies in, from its header ("Rate to Mar-23" -> 2022), or null. */
function rateYearOfHeader(header: string): number | null {
  const prefix = `${UPLIFT_HEADERS.rate} `;
  const month = header.startsWith(prefix) ? parseMonthLabel(header.slice(prefix.length)) : null;
  if (month === null) return null;
  const year = financialYearOf(month);
  return upliftRateHeader(year) === header ? year : null;
}

function baseYearOfHeader(header: string): number | null {
  const year = financialYearInText(header);
  return year !== null && upliftBaseHeader(year) === header ? year : null;
}

/**
 * Reads back the inputs of the Assumptions sheet as the user left them in Excel: the assumption
 * values, the typed counts of children looked after, and the uplift lines' labels, base costs and
 * rates. Cells are found by the labels and headers the sheet shows (ASSUMPTION_LABELS, the table
 * headers), so inserted rows move nothing. Never throws: what cannot be read is left out, with a
 * warning naming the cell.
 */
export function readAssumptionsSheet(grid: SheetGrid): AssumptionEdits {
  const sheet = new InputSheet(grid);
  const edits: AssumptionEdits = {
    sheet: grid.name,
    upliftBaseYear: null,
    upliftYears: 0,
    uplift: null,
    warnings: sheet.warnings,
  };
  const header = sheet.find(ITEM_HEADERS.label);
  const labelCol = header?.col ?? grid.origin.col;
  const valueCol = header ? sheet.columnIn(header.row, ITEM_HEADERS.value) : null;
  if (!header || valueCol === null) {
    sheet.warnings.push({
      severity: "warning",
      message: `Sheet '${grid.name}' has no table headed "${ITEM_HEADERS.label}" and "${ITEM_HEADERS.value}": its assumptions are not read back, so the values the build would otherwise use stand.`,
      where: `sheet '${grid.name}'`,
    });
  } else {
    readAssumptionItems(sheet, edits, header.row, labelCol, valueCol);
    readRowsLaterBuildsAdd(sheet, edits, header.row, labelCol, valueCol);
  }
  const history = readHistory(sheet, labelCol);
  if (history) edits.lacHistory = history;
  readUplift(sheet, labelCol, edits);
  return edits;
}

/** The assumption rows every built sheet has, read by label; a missing row is warned of and not read back. */
function readAssumptionItems(
  sheet: InputSheet,
  edits: AssumptionEdits,
  headerRow: number,
  labelCol: number,
  valueCol: number,
): void {
  const rowOf = (label: string): number | null => {
    const row = sheet.findRow(label, labelCol, headerRow + 1);
    if (row === null)
      sheet.warnings.push({
        severity: "warning",
        message: `Sheet '${edits.sheet}' has no row "${label}": it is not read back.`,
        where: `sheet '${edits.sheet}'`,
      });
    return row;
  };
  const item = <T>(
    label: string,
    kind: InputKind<T>,
    blank: "null" | "keep",
    built?: BuiltFormula,
  ): SheetValue<T | null> | undefined => {
    const row = rowOf(label);
    return row === null ? undefined : sheet.read(row, valueCol, label, kind, { blank, ...(built ? { built } : {}) });
  };
  const assign = assignTo(edits);
  assign("financialYear", item(ASSUMPTION_LABELS.financialYear, FINANCIAL_YEAR, "null"));
  assign("period", item(ASSUMPTION_LABELS.period, PERIOD, "null"));
  const weeksRow = rowOf(ASSUMPTION_LABELS.weeksPerYear);
  if (weeksRow !== null) {
    const exact = sheet.formula(weeksRow, valueCol) === `=${WEEKS_EXACT_FORMULA}`;
    assign(
      "weeksPerYear",
      exact
        ? { value: WEEKS_PER_YEAR_EXACT, ref: sheet.ref(weeksRow, valueCol) }
        : required(sheet.read(weeksRow, valueCol, ASSUMPTION_LABELS.weeksPerYear, WEEKS, { blank: "keep" })),
    );
  }
  assign("population0to17", item(ASSUMPTION_LABELS.population0to17, POPULATION, "null"));
  assign("projectionTargetDate", required(item(ASSUMPTION_LABELS.projectionTargetDate, dateInput, "keep")));
  assign("projectionMethod", required(item(ASSUMPTION_LABELS.projectionMethod, METHOD, "keep")));
  assign("projectedLacCount", item(ASSUMPTION_LABELS.projectedCountGiven, COUNT, "null"));
  assign("currentCostGbp", item(ASSUMPTION_LABELS.currentCost, POUNDS, "null", isBaseSum));
  const excludes = item(ASSUMPTION_LABELS.currentCostExcludes, textInput, "null");
  if (excludes) edits.currentCostExcludes = { value: excludes.value ?? "", ref: excludes.ref };
}

/**
 * The rows only some builds write (the SSDA903 data end, the stability definition, the council):
 * a sheet without them is read without a warning.
 */
function readRowsLaterBuildsAdd(
  sheet: InputSheet,
  edits: AssumptionEdits,
  headerRow: number,
  labelCol: number,
  valueCol: number,
): void {
  const assign = assignTo(edits);
  // A sheet built without 903 data (or before their end was an assumption) has no such row: nothing to read, nothing to warn.
  const dataEndRow = sheet.findRow(ASSUMPTION_LABELS.careDataEnd, labelCol, headerRow + 1);
  if (dataEndRow !== null) {
    assign(
      "careDataEnd",
      sheet.read(dataEndRow, valueCol, ASSUMPTION_LABELS.careDataEnd, dateInput, { blank: "null" }),
    );
    const sourceCol = sheet.columnIn(headerRow, ITEM_HEADERS.source);
    edits.careDataEndDefault = sourceCol === null ? null : careDataEndDefaultOf(sheet.text(dataEndRow, sourceCol));
  }
  // Workbooks without 903 data, or built before the wording was a choice, have no such row: nothing to read, nothing to warn of.
  const definitionRow = sheet.findRow(ASSUMPTION_LABELS.stabilityDefinition, labelCol, headerRow + 1);
  assign(
    "stabilityDefinition",
    definitionRow === null
      ? undefined
      : required(
          sheet.read(definitionRow, valueCol, ASSUMPTION_LABELS.stabilityDefinition, DEFINITION, { blank: "keep" }),
        ),
  );
  // Workbooks built before the council was kept have no such row: nothing to read, nothing to warn of.
  const councilRow = sheet.findRow(ASSUMPTION_LABELS.council, labelCol, headerRow + 1);
  const council =
    councilRow === null
      ? undefined
      : sheet.read(councilRow, valueCol, ASSUMPTION_LABELS.council, textInput, { blank: "null" });
  if (council) edits.council = council;
}

/** Sets a key of the edits only when its cell was read: a row not read leaves the build's value standing. */
function assignTo(edits: AssumptionEdits) {
  return <K extends keyof AssumptionEdits>(key: K, value: AssumptionEdits[K] | undefined): void => {
    if (value !== undefined) edits[key] = value;
  };
}

function required<T>(value: SheetValue<T | null> | undefined): SheetValue<T> | undefined {
  return value && value.value !== null ? { value: value.value, ref: value.ref } : undefined;
}

function readHistory(sheet: InputSheet, labelCol: number): HistoryEdits | undefined {
  const title = sheet.findRow(HISTORY_TITLE, labelCol);
  const headerRow = title === null ? null : sheet.findRow(HISTORY_HEADERS.date, labelCol, title + 1);
  const countCol = headerRow === null ? null : sheet.columnIn(headerRow, HISTORY_HEADERS.count, true);
  if (headerRow === null || countCol === null) return undefined;
  const rows: HistoryEdits["rows"] = [];
  let unreadable = false;
  for (let row = headerRow + 1; row <= sheet.rows.last; row += 1) {
    const shown = sheet.text(row, labelCol);
    if (shown === NO_COUNTS || shown === UPLIFT_TITLE) break;
    const linked = (col: number) => isLinkFormula(sheet.formula(row, col) ?? "");
    if ([labelCol, countCol].every((col) => sheet.formula(row, col) === null && !isFilled(sheet.value(row, col))))
      break;
    const date = linked(labelCol)
      ? null
      : required(sheet.read(row, labelCol, `date of count ${rows.length + 1}`, dateInput, { blank: "keep" }));
    const count = linked(countCol)
      ? null
      : required(
          sheet.read(row, countCol, `count ${rows.length + 1} of children looked after`, COUNT, { blank: "keep" }),
        );
    if (date === undefined || count === undefined) unreadable = true;
    else rows.push({ date: date?.value ?? null, count: count?.value ?? null });
  }
  if (unreadable || rows.every((point) => point.date === null && point.count === null)) return undefined;
  return { rows, first: sheet.ref(headerRow + 1, labelCol), last: sheet.ref(headerRow + rows.length, countCol) };
}

function readUplift(sheet: InputSheet, labelCol: number, edits: AssumptionEdits): void {
  const title = sheet.findRow(UPLIFT_TITLE, labelCol);
  const headerRow = title === null ? null : sheet.findRow(UPLIFT_HEADERS.label, labelCol, title + 1);
  const categoryCol = headerRow === null ? null : sheet.columnIn(headerRow, UPLIFT_HEADERS.category);
  const baseCol = headerRow === null ? null : sheet.columnIn(headerRow, `${UPLIFT_HEADERS.base} `, true);
  if (headerRow === null || categoryCol === null || baseCol === null) return;
  edits.upliftBaseYear = baseYearOfHeader(sheet.text(headerRow, baseCol));
  const rateCols: { col: number; year: number }[] = [];
  for (let col = baseCol + 1; sheet.text(headerRow, col).startsWith(`${UPLIFT_HEADERS.rate} `); col += 1) {
    edits.upliftYears += 1;
    const year = rateYearOfHeader(sheet.text(headerRow, col));
    if (year === null)
      sheet.warn(
        `The header "${sheet.text(headerRow, col)}" on sheet '${sheet.name}' does not name the 31 March a rate runs to (as "Rate to Mar-23"): that column's rates are not read back.`,
        headerRow,
        col,
      );
    else rateCols.push({ col, year });
  }
  const lines: UpliftLineEdits[] = [];
  for (let row = headerRow + 1; row <= sheet.rows.last; row += 1) {
    const categoryText = sheet.text(row, categoryCol);
    if (categoryText === "" && !isFilled(sheet.value(row, labelCol))) break;
    const category = categoryNamed(categoryText);
    if (category === null) {
      sheet.warn(
        `${describeCell(sheet.ref(row, categoryCol))}: expected a placement category such as ${CATEGORY_LABELS.residential} or ${CATEGORY_LABELS.ifa}, found "${categoryText}"; that uplift line is not read back.`,
        row,
        categoryCol,
      );
      continue;
    }
    const line: UpliftLineEdits = { ref: sheet.ref(row, labelCol), category, rates: {} };
    const label = required(sheet.read(row, labelCol, "uplift line", textInput, { blank: "keep" }));
    if (label) line.label = label;
    const base = sheet.read(row, baseCol, `base cost of '${label?.value ?? categoryText}'`, POUNDS, {
      blank: "null",
      built: isLinkFormula,
    });
    if (base) line.baseCostGbp = base;
    for (const { col, year } of rateCols) {
      const rate = required(
        sheet.read(
          row,
          col,
          `uplift rate of '${label?.value ?? categoryText}' ${sheet.text(headerRow, col).toLowerCase()}`,
          RATE,
          { blank: "keep" },
        ),
      );
      if (rate) line.rates[year] = rate;
    }
    lines.push(line);
  }
  edits.uplift = lines;
}
