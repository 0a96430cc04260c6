/**
 * `--assumptions FILE.json`: the inputs a budget sheet does not hold (population, counts of children over
 * time, the council's projected count, the current cost, uplift lines, the comparators of the care sheets
 * and how placement moves are counted), given the way the task pane lets a
 * user type them. Each key present replaces the default; a key absent keeps it. A value is either the
 * plain value or `{ "value": ..., "source": "..." }` to say where it came from; dates are dd/mm/yyyy
 * text, ISO yyyy-mm-dd or Excel serial numbers.
 */
import { readFile } from "node:fs/promises";
import { isPlacementCategory } from "../core/categories";
import { parseDate } from "../core/dates";
import { isLacError } from "../core/errors";
import { isWeeksPerYear } from "../core/finance";
import { MOVE_COUNTING_LABELS, type MoveCounting } from "../core/codes903";
import { LONG_TERM_DEFINITIONS, type LongTermDefinition } from "../core/stability";
import type { Assumptions, ComparatorSeries, LacCount, Sourced, UpliftLine } from "../workbook/assumptions";
import { CARE_COMPARATORS } from "../workbook/sheets/care";
import { CliError } from "../xlsx/errors";

type Json = unknown;

/**
 * No figure of a council's children's services comes near a trillion; one beyond it (1e308, say) would
 * overflow the workbook's arithmetic to Infinity, which no cell can hold.
 */
const LARGEST = 1e12;

/** A year of the financial calendar: far enough either way for any return, near enough for Excel's dates. */
function isYear(n: number): boolean {
  return Number.isInteger(n) && n >= 1950 && n <= 2200;
}

class Reader {
  constructor(private readonly file: string) {}

  fail(key: string, expected: string, found: Json): never {
    const shown = typeof found === "string" ? `"${found}"` : JSON.stringify(found);
    throw new CliError(`In ${this.file}, "${key}": expected ${expected}, found ${shown}.`);
  }

  number(key: string, value: Json, check: (n: number) => boolean = Number.isFinite, expected = "a number"): number {
    if (typeof value !== "number" || !Number.isFinite(value) || !check(value)) this.fail(key, expected, value);
    if (Math.abs(value) > LARGEST) this.fail(key, `${expected}, no larger than ${LARGEST.toExponential()}`, value);
    return value;
  }

  date(key: string, value: Json): number {
    try {
      const serial = parseDate(value);
      if (serial === null) this.fail(key, "a date (dd/mm/yyyy)", value);
      return serial;
    } catch (error) {
      if (isLacError(error)) this.fail(key, "a date (dd/mm/yyyy)", value);
      throw error;
    }
  }

  /** `{ "value": v, "source": "..." }` or the plain value, read by `read`; the default source when none is given. */
  sourced<T>(key: string, value: Json, read: (v: Json) => T, defaultSource: string): Sourced<T> {
    if (value !== null && typeof value === "object" && !Array.isArray(value) && "value" in value) {
      const { value: inner, source } = value as { value: Json; source?: Json };
      if (source !== undefined && typeof source !== "string")
        this.fail(`${key}.source`, "text saying where the figure comes from", source);
      return { value: read(inner), source: typeof source === "string" ? source : defaultSource };
    }
    return { value: read(value), source: defaultSource };
  }
}

const GIVEN = "given in the assumptions file";

function lacCounts(reader: Reader, key: string, value: Json): LacCount[] {
  if (!Array.isArray(value)) reader.fail(key, 'a list of { "date": "dd/mm/yyyy", "count": n }', value);
  return value.map((point: Json, i) => {
    if (point === null || typeof point !== "object")
      reader.fail(`${key}[${i}]`, '{ "date": "dd/mm/yyyy", "count": n }', point);
    const { date, count } = point as { date?: Json; count?: Json };
    return {
      date: reader.date(`${key}[${i}].date`, date),
      count: reader.number(`${key}[${i}].count`, count, (n) => n >= 0, "a number of children"),
    };
  });
}

function upliftLines(reader: Reader, value: Json): UpliftLine[] {
  if (!Array.isArray(value)) reader.fail("uplift", "a list of uplift lines", value);
  return value.map((line: Json, i): UpliftLine => {
    const key = `uplift[${i}]`;
    if (line === null || typeof line !== "object")
      reader.fail(key, '{ "label", "category", "baseCostGbp", "rates" }', line);
    const { label, category, baseCostGbp, rates } = line as Record<string, Json>;
    if (typeof label !== "string" || !label.trim()) reader.fail(`${key}.label`, "the line's name", label);
    if (!isPlacementCategory(category))
      reader.fail(
        `${key}.category`,
        "a placement category such as residential, ifa, inHouseFostering, supported, sgo",
        category,
      );
    if (!Array.isArray(rates) || rates.length === 0)
      reader.fail(`${key}.rates`, "a list of annual rates, one per projection year (0.05 = 5%)", rates);
    return {
      label,
      category,
      baseCostGbp: reader.sourced(
        `${key}.baseCostGbp`,
        baseCostGbp ?? null,
        (v) => (v === null ? null : reader.number(`${key}.baseCostGbp`, v, (n) => n >= 0, "a cost in £")),
        baseCostGbp === null || baseCostGbp === undefined ? "forecast outturn on the Spend sheet" : GIVEN,
      ),
      rates: rates.map((rate: Json, j) =>
        reader.number(`${key}.rates[${j}]`, rate, (n) => n > -1 && n < 1, "an annual rate such as 0.05 for 5%"),
      ),
    };
  });
}

/** Comparators given as fractions (0.69 = 69%), as the Stability sheet shows them; the others are rates per 10,000. */
const FRACTION_COMPARATORS: ReadonlySet<string> = new Set([
  CARE_COMPARATORS.stabilityShort,
  CARE_COMPARATORS.stabilityLong,
]);
const COMPARATOR_KEYS: readonly string[] = Object.values(CARE_COMPARATORS);
const COMPARATOR_SHAPE = '{ "name": "North West", "values": { "2021": 97 } }';

/** `{ "lookedAfterRate": [{ "name", "values": { "2021": 97 } }], ... }`: the comparator rows of the care sheets. */
function comparatorSeries(reader: Reader, value: Json): Record<string, ComparatorSeries[]> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    reader.fail("comparators", `an object with some of the keys ${COMPARATOR_KEYS.join(", ")}`, value);
  return Object.fromEntries(
    Object.entries(value as Record<string, Json>).map(([key, list]) => {
      if (!COMPARATOR_KEYS.includes(key))
        reader.fail(`comparators.${key}`, `one of the keys ${COMPARATOR_KEYS.join(", ")}`, key);
      if (!Array.isArray(list)) reader.fail(`comparators.${key}`, `a list of ${COMPARATOR_SHAPE}`, list);
      const [check, expected] = FRACTION_COMPARATORS.has(key)
        ? [(n: number) => n >= 0 && n <= 1, "a fraction such as 0.69 for 69%"]
        : [(n: number) => n >= 0, "a rate per 10,000 children such as 97"];
      return [
        key,
        list.map((series: Json, i): ComparatorSeries => {
          const at = `comparators.${key}[${i}]`;
          if (series === null || typeof series !== "object" || Array.isArray(series))
            reader.fail(at, COMPARATOR_SHAPE, series);
          const { name, values } = series as { name?: Json; values?: Json };
          if (typeof name !== "string" || !name.trim())
            reader.fail(`${at}.name`, `the comparator's name, such as "North West" or "England"`, name ?? null);
          if (values === null || typeof values !== "object" || Array.isArray(values))
            reader.fail(`${at}.values`, '{ "2021": value, ... } by the year of the 31 March', values ?? null);
          const byYear: Record<number, number | null> = {};
          for (const [year, figure] of Object.entries(values as Record<string, Json>)) {
            if (!/^\d{4}$/.test(year))
              reader.fail(`${at}.values.${year}`, "a four-digit year (of the 31 March) as the key", year);
            byYear[Number(year)] =
              figure === null ? null : reader.number(`${at}.values.${year}`, figure, check, expected);
          }
          return { name: name.trim(), values: byYear };
        }),
      ];
    }),
  );
}

const MOVE_COUNTINGS = Object.keys(MOVE_COUNTING_LABELS) as MoveCounting[];
const LONG_TERM_DEFINITION_NAMES = Object.keys(LONG_TERM_DEFINITIONS) as LongTermDefinition[];

/** The keys an assumptions file may give. */
const KNOWN_KEYS = new Set([
  "population0to17",
  "populationByYear",
  "lacHistory",
  "projectionTargetDate",
  "projectionMethod",
  "weeksPerYear",
  "upliftBaseYear",
  "uplift",
  "currentCostGbp",
  "currentCostExcludes",
  "projectedLacCount",
  "financialYear",
  "period",
  "comparators",
  "stabilityMoves",
  "stabilityDefinition",
  // Answers to the questions about lines: read before recognition (inspect.ts, readLineChoices).
  "lineCategories",
]);

/** The file's keys as read; each step below reads its own keys into `out` and leaves the rest as defaults. */
type Given = Record<string, Json>;

/** The defaults with every key the file gives replaced. Throws CliError naming the file and key. */
export function applyAssumptions(defaults: Assumptions, json: Json, file: string): Assumptions {
  const reader: Reader = new Reader(file);
  if (json === null || typeof json !== "object" || Array.isArray(json))
    reader.fail("(the file)", "an object of assumptions", json);
  const given = json as Given;
  const unknown = Object.keys(given).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length)
    throw new CliError(
      `In ${file}, "${unknown[0]}" is not an assumption. Expected some of: ${[...KNOWN_KEYS].join(", ")}.`,
    );

  // Read in the order of KNOWN_KEYS, so that with several mistakes the first reported is the first listed.
  const out: Assumptions = { ...defaults };
  readPopulationAndHistory(reader, given, out);
  readProjectionAndCost(reader, given, out);
  readReportingPeriod(reader, given, out);
  if ("comparators" in given)
    out.comparators = { ...defaults.comparators, ...comparatorSeries(reader, given.comparators) };
  readStabilitySettings(reader, given, out);
  return out;
}

/** A reader for a number that may also be null (left blank), checked against `check`. */
function optionalNumber(
  reader: Reader,
  key: string,
  check: (n: number) => boolean,
  expected: string,
): (v: Json) => number | null {
  return (v: Json) => (v === null ? null : reader.number(key, v, check, expected));
}

/** The population aged 0-17 (latest and by year) and the history of children looked after. */
function readPopulationAndHistory(reader: Reader, given: Given, out: Assumptions): void {
  if ("population0to17" in given)
    out.population0to17 = reader.sourced(
      "population0to17",
      given.population0to17,
      optionalNumber(reader, "population0to17", (n) => n > 0, "a number of children above 0"),
      GIVEN,
    );
  if ("populationByYear" in given) {
    const byYear = given.populationByYear;
    if (byYear === null || typeof byYear !== "object" || Array.isArray(byYear))
      reader.fail("populationByYear", '{ "2021": 54098, ... }', byYear);
    out.populationByYear = Object.fromEntries(
      Object.entries(byYear as Record<string, Json>).map(([year, v]) => {
        if (!/^\d{4}$/.test(year)) reader.fail(`populationByYear.${year}`, "a four-digit year as the key", year);
        return [
          Number(year),
          optionalNumber(reader, `populationByYear.${year}`, (n) => n > 0, "a number of children above 0")(v),
        ];
      }),
    );
  }
  if ("lacHistory" in given)
    out.lacHistory = reader.sourced("lacHistory", given.lacHistory, (v) => lacCounts(reader, "lacHistory", v), GIVEN);
}

/** The projection (target date, method, projected count) and the cost inputs (weeks, uplift, current cost). */
function readProjectionAndCost(reader: Reader, given: Given, out: Assumptions): void {
  if ("projectionTargetDate" in given)
    out.projectionTargetDate = reader.date("projectionTargetDate", given.projectionTargetDate);
  if ("projectionMethod" in given) {
    const method = given.projectionMethod;
    if (method !== "linear" && method !== "exponential")
      reader.fail("projectionMethod", '"linear" or "exponential"', method);
    out.projectionMethod = method;
  }
  if ("weeksPerYear" in given)
    out.weeksPerYear = reader.number("weeksPerYear", given.weeksPerYear, isWeeksPerYear, "52 or 52.142857 (365/7)");
  if ("upliftBaseYear" in given)
    out.upliftBaseYear = reader.number(
      "upliftBaseYear",
      given.upliftBaseYear,
      isYear,
      "a financial year by its starting year (2021 for 2021/22)",
    );
  if ("uplift" in given) out.uplift = upliftLines(reader, given.uplift);
  if ("currentCostGbp" in given)
    out.currentCostGbp = reader.sourced(
      "currentCostGbp",
      given.currentCostGbp,
      optionalNumber(reader, "currentCostGbp", (n) => n >= 0, "a cost in £"),
      GIVEN,
    );
  if ("currentCostExcludes" in given) {
    const excludes = given.currentCostExcludes;
    if (typeof excludes !== "string") reader.fail("currentCostExcludes", "text", excludes);
    out.currentCostExcludes = excludes;
  }
  if ("projectedLacCount" in given)
    out.projectedLacCount = reader.sourced(
      "projectedLacCount",
      given.projectedLacCount,
      optionalNumber(reader, "projectedLacCount", (n) => n >= 0, "a number of children"),
      GIVEN,
    );
}

/** Which financial year and period (1 = April) the budget figures are for. */
function readReportingPeriod(reader: Reader, given: Given, out: Assumptions): void {
  if ("financialYear" in given)
    out.financialYear = reader.sourced(
      "financialYear",
      given.financialYear,
      optionalNumber(reader, "financialYear", isYear, "a financial year by its starting year (2021 for 2021/22)"),
      GIVEN,
    );
  if ("period" in given)
    out.period = reader.sourced(
      "period",
      given.period,
      optionalNumber(
        reader,
        "period",
        (n) => Number.isInteger(n) && n >= 1 && n <= 12,
        "a period from 1 (April) to 12 (March)",
      ),
      GIVEN,
    );
}

/** How placement moves are counted and which definition of a long-term placement is used. */
function readStabilitySettings(reader: Reader, given: Given, out: Assumptions): void {
  if ("stabilityMoves" in given) {
    const moves = given.stabilityMoves;
    if (!MOVE_COUNTINGS.includes(moves as MoveCounting))
      reader.fail("stabilityMoves", MOVE_COUNTINGS.map((m) => `"${m}"`).join(" or "), moves);
    out.stabilityMoves = moves as MoveCounting;
  }
  if ("stabilityDefinition" in given) {
    // "2025" or 2025: a year typed as a number means the same.
    const definition =
      typeof given.stabilityDefinition === "number" ? String(given.stabilityDefinition) : given.stabilityDefinition;
    if (!LONG_TERM_DEFINITION_NAMES.includes(definition as LongTermDefinition))
      reader.fail(
        "stabilityDefinition",
        LONG_TERM_DEFINITION_NAMES.map((d) => `"${d}"`).join(" or "),
        given.stabilityDefinition,
      );
    out.stabilityDefinition = { value: definition as LongTermDefinition, source: GIVEN };
  }
}

export async function readAssumptionsFile(file: string, defaults: Assumptions): Promise<Assumptions> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT"
        ? `Expected an assumptions file at '${file}', but there is no such file.`
        : `Could not read '${file}': ${(error as Error).message}`,
    );
  }
  let json: Json;
  try {
    // A byte order mark, as Notepad and Excel's "Save as" may write, is not part of the JSON.
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new CliError(`Expected '${file}' to be JSON, but it could not be read as JSON: ${(error as Error).message}.`);
  }
  return applyAssumptions(defaults, json, file);
}
