/**
 * The words councils use, in one place: placement-type synonyms (line labels onto PlacementCategory),
 * budget monitoring column headers (onto BudgetMeasure), placement list column headers, total and
 * subtotal words, note words and period words. Recognisers ask this module; none keeps a list of its own.
 *
 * Matching works on normalised words (see normaliseWords): case, punctuation, ampersands, hyphens and
 * apostrophes do not matter, and a phrase matches only whole words, so "secure" does not match
 * "secured" and "IFA" does not match "tariff".
 *
 * What a line label is (a placement category, not a placement cost, or a question for the user) is
 * decided in lineClassifier.ts, by the rules of docs/sources.md.
 */
import { categoryOfLabel } from "./lineClassifier";
import { maxOf } from "../core/arrays";

/** Lower-case words separated by single spaces: "Children’s Homes (Indep.)" -> "childrens homes indep". */
export function normaliseWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/['\u2018\u2019`]/g, "")
    .replace(/&/g, " and ")
    .replace(/\+/g, " plus ")
    .replace(/%/g, " percent ")
    .replace(/[^a-z0-9£]+/g, " ")
    .trim();
}

/**
 * Phrases found by whole words. Looking a label's word sequences up in a map (a label of n words takes
 * n x longest-phrase look-ups) keeps recognition of a 5,000-line sheet fast.
 */
class Phrases<T> {
  private readonly values = new Map<string, T>();
  private readonly longest: number;

  constructor(entries: readonly (readonly [string, T])[]) {
    for (const [phrase, value] of entries) if (!this.values.has(phrase)) this.values.set(phrase, value);
    this.longest = maxOf(
      entries.map(([phrase]) => phrase.split(" ").length),
      1,
    );
  }

  /** The value of every phrase among the words (normalised), in order of where they start. */
  find(words: string): T[] {
    const tokens = words.split(" ");
    const found: T[] = [];
    for (let start = 0; start < tokens.length; start += 1) {
      let phrase = tokens[start];
      for (let length = 1; length <= this.longest && start + length <= tokens.length; length += 1) {
        if (length > 1) phrase = `${phrase} ${tokens[start + length - 1]}`;
        const value = this.values.get(phrase);
        if (value !== undefined) found.push(value);
      }
    }
    return found;
  }

  in(words: string): boolean {
    return this.find(words).length > 0;
  }
}

function phrases(list: readonly string[]): Phrases<true> {
  return new Phrases(list.map((phrase) => [phrase, true] as const));
}

/** The part of a header before "incl" / "excl": what the column is, as opposed to what it contains. */
function headOf(words: string): string {
  const match = / (?:incl|including|inc|excl|excluding|exc|exl|except) /.exec(` ${words} `);
  return match && match.index > 0 ? words.slice(0, match.index).trim() : words;
}

// ---------------------------------------------------------------------------------------------------
// Placement categories: what a line is, from its words (lineClassifier.ts)

/**
 * The placement category a line label names, or null when it names none, is not a placement cost or
 * needs a choice. Total words are ignored, so "Total Residential" is Residential.
 */
export const categoriseLabel = categoryOfLabel;

// ---------------------------------------------------------------------------------------------------
// Budget monitoring column headers

export type BudgetMeasure =
  | "budget"
  | "actualToDate"
  | "commitments"
  | "forecastOutturn"
  | "variance"
  | "movement"
  | "placements"
  | "averageWeeklyCost";

export const BUDGET_MEASURES: readonly BudgetMeasure[] = [
  "budget",
  "actualToDate",
  "commitments",
  "forecastOutturn",
  "variance",
  "movement",
  "placements",
  "averageWeeklyCost",
];

/** How messages name each measure. */
export const MEASURE_NAMES: Record<BudgetMeasure, string> = {
  budget: "budget",
  actualToDate: "actual-to-date",
  commitments: "commitments",
  forecastOutturn: "forecast outturn",
  variance: "variance",
  movement: "movement",
  placements: "number of placements",
  averageWeeklyCost: "average weekly cost",
};

/** Measures counted in placements, not money: never scaled by a sheet's £000 units. */
export const COUNT_MEASURES: ReadonlySet<BudgetMeasure> = new Set<BudgetMeasure>(["placements"]);

interface HeaderRule {
  measure: BudgetMeasure | null;
  any: readonly string[];
  /** When present, the header must also contain one of these. */
  and?: readonly string[];
  /** When present, a header containing one of these skips this rule. */
  unless?: readonly string[];
}

interface CompiledRule {
  measure: BudgetMeasure | null;
  any: Phrases<true>;
  and: Phrases<true> | null;
  unless: Phrases<true> | null;
}

const MONEY_WORDS = ["cost", "costs", "spend", "spent", "expenditure", "outturn", "amount", "value"];

/**
 * Tried in order, first match wins; a rule with measure null means "this column is not one the add-in
 * reads" (percentages, budget to date, last year's figures). The order is what keeps near-misses
 * apart: "Variance to budget" is variance, "Forecast 21/22 Expenditure" is forecast outturn, "Movement
 * in forecast" is movement, "Budgeted FTE" is a number of placements, "Budget to date" is nothing.
 */
const HEADER_RULES: readonly HeaderRule[] = [
  {
    measure: null,
    any: [
      "percent",
      "percentage",
      "budget to date",
      "profiled budget",
      "budget profile",
      "ytd budget",
      "budget ytd",
      "prior year",
      "previous year",
      "last year",
      "weeks",
      "code",
      "cost centre",
      "notes",
      "comments",
      "commentary",
    ],
  },
  {
    measure: "movement",
    any: ["movement", "movements", "mvmt", "movt", "change since", "change from", "change on", "change in"],
  },
  {
    measure: "variance",
    any: [
      "variance",
      "variances",
      "var",
      "over under",
      "under over",
      "overspend",
      "underspend",
      "over spend",
      "under spend",
      "v budget",
      "vs budget",
      "against budget",
    ],
  },
  {
    measure: "averageWeeklyCost",
    any: ["avg", "average", "unit", "weekly", "per week", "pw", "a week"],
    and: ["cost", "costs", "rate", "rates", "price", "fee", "fees", "charge"],
  },
  {
    measure: "placements",
    any: ["fte", "ftes", "no", "nos", "number", "numbers", "headcount", "count"],
    unless: MONEY_WORDS,
  },
  {
    measure: "placements",
    any: [
      "placements",
      "placement numbers",
      "children",
      "activity",
      "clients",
      "cases",
      "young people",
      "volume",
      "volumes",
    ],
    unless: [...MONEY_WORDS, "budget", "budgets"],
  },
  { measure: "commitments", any: ["commitment", "commitments", "committed", "commit"] },
  {
    measure: "forecastOutturn",
    any: [
      "forecast",
      "forecasts",
      "fcst",
      "fcast",
      "f cast",
      "outturn",
      "out turn",
      "projected",
      "projection",
      "anticipated",
      "predicted",
    ],
  },
  { measure: "budget", any: ["budget", "budgets", "bud", "bgt", "allocation"] },
  { measure: "forecastOutturn", any: ["full year", "year end", "fy"] },
  {
    measure: "actualToDate",
    any: [
      "actual",
      "actuals",
      "to date",
      "ytd",
      "year to date",
      "expenditure",
      "spend",
      "spent",
      "cumulative",
      "paid",
      "payments",
    ],
  },
];
const COMPILED_HEADER_RULES: readonly CompiledRule[] = HEADER_RULES.map((rule) => ({
  measure: rule.measure,
  any: phrases(rule.any),
  and: rule.and ? phrases(rule.and) : null,
  unless: rule.unless ? phrases(rule.unless) : null,
}));

/** Headers of the column holding line labels (never read as a measure). */
const LABEL_HEADERS = [
  "setting type",
  "setting",
  "placement type",
  "placement types",
  "type",
  "type of provision",
  "type of placement",
  "service",
  "services",
  "service area",
  "area",
  "description",
  "budget line",
  "budget heading",
  "line",
  "category",
  "provision",
  "heading",
  "expenditure type",
  "placement",
  "detail",
  "details",
  "item",
  "name",
  "subjective",
  "objective",
];

/** Whether a header names the line-label column ("Setting Type", "Description", "Budget line"). */
export function isLabelHeader(text: string): boolean {
  const words = stripHeaderNoise(normaliseWords(text));
  return LABEL_HEADERS.includes(words);
}

/** Units, periods and financial years in a header ("Budget £000 P10 21/22") say nothing about the measure. */
function stripHeaderNoise(words: string): string {
  return words
    .replace(/£ ?(?:000|k|m)?s?(?= |$)|\b000s?\b|\bthousands?\b|\bgbp\b/g, " ")
    .replace(/\b(?:fy ?)?(?:20)?\d{2} (?:20)?\d{2}\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The measure a column header names, or null. Multi-row headers are passed joined ("Forecast 21/22").
 */
export function classifyHeader(text: string): BudgetMeasure | null {
  const words = stripHeaderNoise(normaliseWords(text));
  if (words === "" || LABEL_HEADERS.includes(words)) return null;
  const head = headOf(words);
  for (const rule of COMPILED_HEADER_RULES) {
    if (!rule.any.in(head)) continue;
    if (rule.and && !rule.and.in(head)) continue;
    if (rule.unless?.in(head)) continue;
    return rule.measure;
  }
  return null;
}

const WEAK_HEADER_WORDS = phrases(["original", "base", "initial"]);
const STRONG_HEADER_WORDS = phrases([
  "revised",
  "current budget",
  "latest",
  "working",
  "approved",
  "to date",
  "ytd",
  "outturn",
]);

/**
 * Among several columns read as the same measure, how strongly a header says it: the higher wins.
 * "Revised Budget" beats "Original Budget"; "Actual to date" beats "Expenditure".
 */
export function headerPreference(text: string): number {
  const words = normaliseWords(text);
  if (WEAK_HEADER_WORDS.in(words)) return 0;
  if (STRONG_HEADER_WORDS.in(words)) return 2;
  return 1;
}

// ---------------------------------------------------------------------------------------------------
// Totals, notes

export type RowKind = "line" | "subtotal" | "total";

/** "subtotal" for "Sub-total ...", "total" for "Total", "Grand total", "Total Fostering"; otherwise null. */
export function totalKind(label: string): Exclude<RowKind, "line"> | null {
  const words = normaliseWords(label);
  if (/\bsub ?totals?\b/.test(words)) return "subtotal";
  if (/\btotals?\b/.test(words)) return "total";
  return null;
}

/** Whether a label names a row summarising the others: a total or subtotal, an average, a mean. */
export function isSummaryLabel(label: string): boolean {
  return totalKind(label) !== null || /^(?:average|avg|mean|median)\b/.test(normaliseWords(label));
}

/** Whether a row's label starts a note below a table ("Source: ...", "Note 1", "* excludes ..."). */
export function isNoteLabel(label: string): boolean {
  if (/^\s*(?:\*|†|\(\d\)|\d\))/.test(label)) return true;
  const words = normaliseWords(label);
  return /^(?:source|sources|note|notes|nb|n b|footnote|footnotes|key|comments?|commentary)\b/.test(words);
}

// ---------------------------------------------------------------------------------------------------
// Periods and financial years

const MONTHS: readonly (readonly [string, number])[] = [
  ["January", 1],
  ["February", 2],
  ["March", 3],
  ["April", 4],
  ["May", 5],
  ["June", 6],
  ["July", 7],
  ["August", 8],
  ["September", 9],
  ["October", 10],
  ["November", 11],
  ["December", 12],
];
const MONTH_WORD =
  /\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\b(?:[\s,]*((?:19|20)\d{2})\b|\s*[-/']\s*(\d{2})\b)?/;
const PERIOD_WORDS = [/\bP(?:eriod|er\.?|d)?\s*\.?\s*(\d{1,2})\b/gi, /\bM(?:onth|th)?\s*\.?\s*(\d{1,2})\b/gi];
/** "Movement from P9", "change since Month 9", "vs P9": a period named for comparison, not the report's own. */
const COMPARISON_BEFORE = /\b(?:from|since|vs?|versus|prior|previous|last|compared to|compared with)\s*\.?\s*$/i;

/** Period 1 = April ... 12 = March, of a calendar month 1-12. */
function periodOfMonth(month: number): number {
  return ((month - 4 + 12) % 12) + 1;
}

export interface PeriodInText {
  /** Financial period 1 (April) to 12 (March). */
  period: number;
  /** True when the text named the period ("P10", "Period 10", "Month 10"), false when it named a month. */
  explicit: boolean;
  /** The financial year when the text gave a month with its year ("January 2022" -> 2021). */
  financialYear: number | null;
}

/**
 * The financial period some text names: "P10", "P 10", "Period 10", "Month 10", "M10", "Mth 10"
 * (explicit), or a month name with a capital ("January", "Jan-22", "JANUARY 2022"). Null when none;
 * numbers outside 1-12 (P13 year-end adjustments) are not periods, and a period named for comparison
 * ("Movement from P9") is not the text's period.
 */
export function periodInText(text: string): PeriodInText | null {
  for (const pattern of PERIOD_WORDS) {
    for (const match of text.matchAll(pattern)) {
      const period = Number(match[1]);
      if (period < 1 || period > 12 || COMPARISON_BEFORE.test(text.slice(0, match.index))) continue;
      return { period, explicit: true, financialYear: null };
    }
  }
  const month = MONTH_WORD.exec(text);
  if (!month) return null;
  const name = month[1].toLowerCase();
  const number = MONTHS.find(([full]) => full.toLowerCase().startsWith(name.slice(0, 3)))?.[1];
  if (number === undefined) return null;
  let financialYear: number | null = null;
  const yearDigits = month[2] ?? month[3];
  if (yearDigits) {
    const year = yearDigits.length === 2 ? 2000 + Number(yearDigits) : Number(yearDigits);
    financialYear = number >= 4 ? year : year - 1;
  }
  return { period: periodOfMonth(number), explicit: false, financialYear };
}

const FINANCIAL_YEAR = /(?:^|[^\d/.-])(?:FY\s*)?((?:19|20)?\d{2})\s*[/\u2013-]\s*((?:19|20)?\d{2})(?![\d/.-])/i;

/**
 * The financial year some text names, by its starting calendar year: "21/22", "2021/22", "2021-22",
 * "2021/2022", "FY 2021-22" -> 2021. The two years must be consecutive, so dates and ranges like
 * "01/02" or "16-18" are not taken for years.
 */
export function financialYearInText(text: string): number | null {
  const match = FINANCIAL_YEAR.exec(text);
  if (!match) return null;
  const start = match[1].length === 2 ? 2000 + Number(match[1]) : Number(match[1]);
  const endDigits = Number(match[2]) % 100;
  return (start + 1) % 100 === endDigits ? start : null;
}

// ---------------------------------------------------------------------------------------------------
// Placement list column headers

export type PlacementField = "id" | "placementType" | "provider" | "startDate" | "endDate" | "weeklyCost";

export const PLACEMENT_FIELD_NAMES: Record<PlacementField, string> = {
  id: "placement or child id",
  placementType: "placement type",
  provider: "provider",
  startDate: "start date",
  endDate: "end date",
  weeklyCost: "weekly cost",
};

/** Each field's headers: `exact` must be the whole header, `contains` may be part of it. */
const PLACEMENT_HEADER_WORDS: readonly (readonly [
  PlacementField,
  { exact: readonly string[]; contains: readonly string[] },
])[] = [
  [
    "id",
    {
      exact: [
        "id",
        "ref",
        "reference",
        "no",
        "child",
        "placement id",
        "placement ref",
        "placement reference",
        "placement no",
        "placement number",
      ],
      contains: [
        "child id",
        "child ref",
        "child reference",
        "child number",
        "client id",
        "person id",
        "case id",
        "lcs id",
        "mosaic id",
        "upn",
      ],
    },
  ],
  [
    "weeklyCost",
    {
      exact: ["cost", "rate", "fee", "price", "unit cost"],
      contains: [
        "weekly cost",
        "weekly rate",
        "weekly fee",
        "weekly charge",
        "weekly price",
        "cost per week",
        "rate per week",
        "per week",
        "pw",
        "weekly",
      ],
    },
  ],
  [
    "startDate",
    {
      exact: ["start", "from", "started", "date from", "commenced", "begin", "begins"],
      contains: [
        "start date",
        "date started",
        "placement start",
        "start of placement",
        "date of placement",
        "placement date",
        "admission date",
      ],
    },
  ],
  [
    "endDate",
    {
      exact: ["end", "to", "ended", "date to", "ceased", "finish", "until"],
      contains: [
        "end date",
        "date ended",
        "planned end",
        "expected end",
        "end of placement",
        "placement end",
        "date ceased",
        "discharge date",
      ],
    },
  ],
  [
    "placementType",
    {
      exact: ["type", "setting", "category", "provision", "service", "placement"],
      contains: [
        "placement type",
        "setting type",
        "provision type",
        "service type",
        "placement category",
        "type of placement",
        "accommodation type",
        "type of provision",
        "provider type",
        "placement setting",
      ],
    },
  ],
  [
    "provider",
    {
      exact: ["provider", "agency", "supplier", "vendor", "carer", "home", "establishment", "organisation"],
      contains: ["provider name", "provider", "agency name", "supplier name", "carer name", "home name"],
    },
  ],
];
const PLACEMENT_HEADERS = PLACEMENT_HEADER_WORDS.map(
  ([field, { exact, contains }]) => [field, { exact, contains: phrases(contains) }] as const,
);

/** The placement list field a column header names, or null. */
export function classifyPlacementHeader(text: string): PlacementField | null {
  const words = stripHeaderNoise(normaliseWords(text));
  if (words === "") return null;
  for (const [field, { exact }] of PLACEMENT_HEADERS) if (exact.includes(words)) return field;
  for (const [field, { contains }] of PLACEMENT_HEADERS) if (contains.in(words)) return field;
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Count history column headers: a sheet of children looked after over time ("LAC numbers")

export type HistoryField = "date" | "count";

export const HISTORY_FIELD_NAMES: Record<HistoryField, string> = {
  date: "date or month",
  count: "count of children looked after",
};

/** Words that name the children counted: LAC, CLA, CiC, CfC (children in / from care), in whatever phrase. */
const LOOKED_AFTER_WORDS = phrases([
  "lac",
  "cla",
  "cic",
  "cfc",
  "looked after",
  "in care",
  "we look after",
  "children in our care",
]);
/** Headers that are a count only when they are the whole header ("Count", "Number", "No."). */
const GENERIC_COUNT_HEADERS = [
  "count",
  "number",
  "numbers",
  "no",
  "nos",
  "total",
  "headcount",
  "children",
  "number of children",
  "total children",
  "value",
];
/**
 * A column naming LAC but counting something else: flows (starters, leavers), rates, changes,
 * projections and money. "CLA rate per 10,000" and "Projected LAC" are not the count.
 */
const NOT_A_COUNT = phrases([
  "rate",
  "rates",
  "per",
  "percent",
  "percentage",
  "starters",
  "starts",
  "started",
  "starting",
  "entering",
  "entered",
  "entries",
  "admissions",
  "admitted",
  "new",
  "leavers",
  "left",
  "leaving",
  "ceased",
  "ceasing",
  "exits",
  "discharges",
  "population",
  "change",
  "movement",
  "difference",
  "variance",
  "target",
  "projected",
  "projection",
  "forecast",
  "trend",
  "budget",
  "cost",
  "costs",
  "spend",
  "average",
  "avg",
  "mean",
  "weeks",
  "days",
]);
/** The date column: "Date", "Month", "As at", "Snapshot date", "Period end", "Month ending", "Census". */
const HISTORY_DATE_WORDS = phrases([
  "date",
  "dates",
  "month",
  "months",
  "as at",
  "as of",
  "snapshot",
  "period end",
  "period ending",
  "month end",
  "month ending",
  "end of month",
  "week ending",
  "quarter end",
  "quarter ending",
  "year end",
  "year ending",
  "census",
]);
const DATE_WORD = phrases(["date", "dates"]);

/**
 * The field of a count history a column header names, or null. A header saying "date" is the date
 * column even when it names the children too ("CLA snapshot date"); otherwise a header naming the
 * children is the count ("Number of LAC as at month end") unless it counts something else
 * ("LAC starters", "CLA rate per 10,000"); then the other date words; then a bare "Count" or "Number".
 */
export function classifyHistoryHeader(text: string): HistoryField | null {
  const words = stripHeaderNoise(normaliseWords(text));
  if (words === "") return null;
  if (DATE_WORD.in(words)) return "date";
  const head = headOf(words);
  if (LOOKED_AFTER_WORDS.in(head)) return NOT_A_COUNT.in(head) ? null : "count";
  if (HISTORY_DATE_WORDS.in(words)) return "date";
  return GENERIC_COUNT_HEADERS.includes(words) ? "count" : null;
}

// ---------------------------------------------------------------------------------------------------
// Month columns of a monthly profile

export type MonthBand = "actual" | "forecast";

const ACTUAL_BAND = /^(?:actuals?|act|outturn to date|ytd actual)$/;
const FORECAST_BAND = /^(?:forecasts?|fcst|fc|fcast|projections?|projected|proj|estimate|est)$/;

/** The band a header word (or band heading) names: "Actual", "Fcst", "Projection". */
export function bandOfText(text: string): MonthBand | null {
  const words = normaliseWords(text);
  if (ACTUAL_BAND.test(words)) return "actual";
  if (FORECAST_BAND.test(words)) return "forecast";
  return null;
}

export interface MonthHeader {
  /** Financial period 1 (April) to 12 (March). */
  period: number;
  /** The band the header's own words name ("Actual Apr", "Fcst Feb"), if any. */
  band: MonthBand | null;
}

const MONTH_ONLY =
  /^(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)$/;
const PERIOD_ONLY = /^(?:p|period|m|month|mth)(\d{1,2})$/;

/**
 * The month a column header names when it names only a month (with its year or band): "Apr", "Apr-24",
 * "April 2024", "P1", "Period 1", "Month 1", "Actual Apr", "Fcst Feb". Null for anything more
 * ("Forecast outturn P10", "Actual to date (P10)"), so a period in a measure's header is not a month.
 */
export function monthOfHeader(text: string): MonthHeader | null {
  const words = normaliseWords(text)
    .replace(/\b(p|period|m|month|mth) (\d{1,2})\b/g, "$1$2")
    .split(" ");
  let band: MonthBand | null = null;
  let period: number | null = null;
  for (const word of words) {
    if (word === "") continue;
    if (/^(?:19|20)?\d{2}$/.test(word) && period !== null) continue;
    const wordBand = bandOfText(word);
    if (wordBand !== null) {
      if (band !== null && band !== wordBand) return null;
      band = wordBand;
      continue;
    }
    const month = MONTH_ONLY.exec(word);
    const numbered = PERIOD_ONLY.exec(word);
    if (period !== null || (!month && !numbered)) return null;
    if (month)
      period = periodOfMonth(MONTHS.find(([full]) => full.toLowerCase().startsWith(month[1].slice(0, 3)))?.[1] ?? 0);
    else period = Number(numbered?.[1]);
    if (period < 1 || period > 12) return null;
  }
  return period === null ? null : { period, band };
}
