/**
 * The figures step: every figure of the care and demand sheets is worked out before the layout, and the
 * sheet builders only place results in cells.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { CareHistory, Episode } from "../../src/core/careHistory";
import { serialFromYmd } from "../../src/core/dates";
import type { Assumptions } from "../../src/workbook/assumptions";
import {
  computeCareFigures,
  computeCoreFigures,
  computeDemandFigures,
  type CoreFiguresInput,
  forecastFigures,
} from "../../src/workbook/figures";

const SRC = path.join(__dirname, "../../src");
const SHEETS = path.join(SRC, "workbook/sheets");

/**
 * The modules that run a model: counting the 903 measures, fitting, projecting and costing the demand,
 * and the needs projection's trend and the cost lines' uplift.
 */
const MODEL_MODULES = [
  "core/careHistory",
  "core/careMeasures",
  "core/stability",
  "core/demand/fit",
  "core/demand/forecast",
  "core/demand/project",
  "core/demand/scenario",
  "core/demand/cost",
  "core/demand/simple",
  "core/projection",
  "core/uplift",
];

/** Functions of other modules that work out a figure of the core sheets: the unit costs and the cost of more children. */
const MODEL_FUNCTIONS: Record<string, string[]> = {
  "core/finance": ["weeklyUnitCost", "costOfMoreChildren"],
  "sources/placementList": ["placementsByCategory"],
};

/** Functions of those modules a builder may call, because they run no model. */
const RUN_NO_MODEL: Record<string, string> = {
  // The cached value of the age share formula the sheet writes: a count over the sum of counts.
  ageBandShares: "a share of counts already made",
  // A figure's mean ± 2 standard deviations, from a mean and variance already projected.
  bandAround: "the band around a projected figure",
  // Reads the Scenarios sheet's inputs back before a rebuild; it checks the text and runs nothing.
  parseScenarioAdjustment: "parses an input row",
};

/** Each value (not type-only) name a file imports, by the module it imports it from, relative to src/. */
function valueImports(file: string): { module: string; names: string[] }[] {
  const source = readFileSync(file, "utf8");
  const found: { module: string; names: string[] }[] = [];
  for (const match of source.matchAll(/^import\s+(type\s+)?([^;]*?)\s+from\s+"([^"]+)";/gms)) {
    if (match[1] || !match[3].startsWith(".")) continue;
    const module = path
      .relative(SRC, path.resolve(path.dirname(file), match[3]))
      .split(path.sep)
      .join("/");
    const clause = match[2];
    const braces = /\{([^}]*)\}/.exec(clause)?.[1] ?? "";
    const names = braces
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "" && !part.startsWith("type "))
      .map((part) => part.split(/\s+as\s+/)[0]);
    // A default or namespace import takes the whole module.
    const rest = clause
      .replace(/\{[^}]*\}/, "")
      .replace(/,/g, "")
      .trim();
    found.push({ module, names: rest ? [...names, "*"] : names });
  }
  return found;
}

describe("the sheet builders run no model", () => {
  const files = readdirSync(SHEETS).filter((name) => name.endsWith(".ts"));

  it.each(files)("%s imports no function of a model module", async (name) => {
    const calls: string[] = [];
    for (const { module, names } of valueImports(path.join(SHEETS, name))) {
      for (const imported of names)
        if (MODEL_FUNCTIONS[module]?.includes(imported) || (imported === "*" && module in MODEL_FUNCTIONS))
          calls.push(`${imported} from ${module}`);
      if (!MODEL_MODULES.includes(module)) continue;
      // The module itself, to tell its functions from its constants.
      const exports = (await import(path.join(SRC, module))) as Record<string, unknown>;
      for (const imported of names) {
        if (imported === "*" || (typeof exports[imported] === "function" && !(imported in RUN_NO_MODEL)))
          calls.push(`${imported} from ${module}`);
      }
    }
    expect(calls).toEqual([]);
  });

  it("finds a model function imported by a builder (the check can fail)", () => {
    const imports = valueImports(path.join(SRC, "workbook/figures.ts"));
    const from = (module: string): string[] | undefined => imports.find((i) => i.module === module)?.names;
    expect(from("core/careMeasures")).toEqual(expect.arrayContaining(["careMeasures", "reportingPeriods"]));
    expect(from("core/projection")).toEqual(["fitProjection"]);
    expect(from("core/finance")).toEqual(expect.arrayContaining(MODEL_FUNCTIONS["core/finance"]));
  });
});

const day = (d: number, m: number, y: number): number => serialFromYmd(y, m, d);
const episode = (
  start: number,
  end: number | null,
  place: string,
  rec: string | null = end === null ? null : "E11",
): Episode => ({
  start,
  end,
  rne: "S",
  ls: "C2",
  cin: "N1",
  place,
  placeProvider: "PR1",
  rec,
});

/** Three children over 2020/21 and part of 2021/22, counted by hand below. */
const HISTORY: CareHistory = {
  children: [
    // Born 2012: in foster care from May 2020, still there.
    { child: "A", dob: day(1, 1, 2012), sex: "1", episodes: [episode(day(1, 5, 2020), null, "U4")] },
    // Born 2005: in residential care June 2020 to February 2021.
    { child: "B", dob: day(1, 1, 2005), sex: "2", episodes: [episode(day(1, 6, 2020), day(1, 2, 2021), "K2")] },
    // Born 2019: came into care in July 2021, after the last 31 March.
    { child: "C", dob: day(1, 1, 2019), sex: "1", episodes: [episode(day(1, 7, 2021), null, "U1")] },
  ],
  stitching: {},
  issues: [{ severity: "warning", file: "episodes.csv", row: 9, message: "no start date" }],
};

const assumptions = (overrides: Partial<Assumptions> = {}): Assumptions =>
  ({
    population0to17: { value: 50_000, source: "test" },
    populationByYear: { 2021: 49_000 },
    comparators: {},
    upliftBaseYear: 2021,
    ...overrides,
  }) as Assumptions;

describe("the care figures", () => {
  const figures = computeCareFigures(HISTORY, {
    assumptions: assumptions({ careDataEnd: { value: day(31, 8, 2021), source: "test" } }),
    periodEnd: null,
  });

  it("has one period a year and the part year the data reach", () => {
    expect(figures.periods.map((p) => [p.label, p.complete])).toEqual([
      ["2021", true],
      ["Aug-21", false],
    ]);
  });

  it("counts the children in care, starting and leaving in each period", () => {
    expect(figures.measures.map((m) => [m.lookedAfter.total, m.started.total, m.ceased.total])).toEqual([
      [1, 2, 1],
      [2, 1, 0],
    ]);
  });

  it("takes the population of each year, and the current one for the latest", () => {
    expect(figures.measures.map((m) => m.population)).toEqual([49_000, 50_000]);
    expect(figures.measures[0].ratePer10k.lookedAfter).toBeCloseTo((1 / 49_000) * 10_000, 12);
  });

  it("says what it counted from", () => {
    expect([figures.children, figures.episodes, figures.issues]).toEqual([3, 3, HISTORY.issues]);
  });

  it("has no periods without episodes", () => {
    const none = computeCareFigures(
      { children: [], stitching: {}, issues: [] },
      { assumptions: assumptions(), periodEnd: null },
    );
    expect([none.periods, none.measures, none.children]).toEqual([[], [], 0]);
  });
});

describe("the demand figures", () => {
  const money = { weeklyCost: {}, upliftRates: {}, spend: {} };

  it("has no forecast without episodes", () => {
    expect(
      computeDemandFigures(
        { history: { children: [], stitching: {}, issues: [] }, ...money },
        { assumptions: assumptions(), periodEnd: null },
      ),
    ).toEqual({ status: "noEpisodes" });
  });

  it("fits to the three years before the end of the data unless told otherwise", () => {
    const figures = computeDemandFigures(
      { history: HISTORY, ...money },
      {
        assumptions: assumptions({ careDataEnd: { value: day(31, 8, 2021), source: "test" } }),
        periodEnd: day(31, 1, 2022),
      },
    );
    const reference =
      figures.status === "noEpisodes" ? null : figures.status === "refused" ? figures.message : figures.referencePeriod;
    // The data begin on 1 May 2020, within three years of 31 August 2021: the period starts there.
    expect(reference).toEqual({ start: day(1, 5, 2020), end: day(31, 8, 2021) });
  });

  it("are the same from the numbers alone as from the cells that hold them, so a host needs no plan", () => {
    const cell = (value: number | null) => ({ pos: { sheet: "Elsewhere", row: 0, col: 0 }, value });
    const basis = {
      assumptions: assumptions({ careDataEnd: { value: day(31, 8, 2021), source: "test" } }),
      periodEnd: day(31, 1, 2022),
    };
    const fromCells = computeDemandFigures(
      {
        history: HISTORY,
        weeklyCost: { ifa: cell(900), residential: cell(null) },
        upliftRates: { ifa: [cell(0.05), cell(null)] },
        spend: { ifa: { budget: cell(1_000_000), actualToDate: cell(700_000), commitmentOutturn: null } },
      },
      basis,
    );
    const fromNumbers = forecastFigures(
      HISTORY,
      {},
      {
        weeklyCostGbp: { ifa: 900, residential: null },
        upliftRates: { ifa: [0.05, null] },
        spend: { ifa: { budget: 1_000_000, actualToDate: 700_000 } },
      },
      basis,
    );
    expect(fromCells.status).toBe("forecast");
    expect(fromNumbers).toEqual(fromCells);
    if (fromNumbers.status === "forecast") expect(fromNumbers.cost.upliftRates.ifa).toEqual([0.05, 0]);
  });
});

describe("the core sheets' figures", () => {
  const at = (value: number | null) => ({ pos: { sheet: "Inputs", row: 0, col: 0 }, value });
  const spendFigures: Record<string, Record<string, number>> = {
    ifa: { forecastOutturn: 52_000, placements: 2 },
    residential: { forecastOutturn: 0, placements: 0 },
  };
  const input = (overrides: Partial<Assumptions> = {}, counts = [100, 110]): CoreFiguresInput => ({
    assumptions: assumptions({
      weeksPerYear: 52,
      projectionMethod: "linear",
      projectionTargetDate: day(31, 3, 2023),
      ...overrides,
    }),
    periodEnd: null,
    placementLists: [],
    spend: {
      categories: ["ifa", "residential"],
      figure: (category, column) => {
        const value = spendFigures[category]?.[column];
        return value === undefined ? null : at(value);
      },
      reportedWeeklyCosts: [
        { label: "Secure A", category: "secure", figure: at(4_000) },
        { label: "Kinship A", category: "kinship", figure: at(200) },
        { label: "Kinship B", category: "kinship", figure: at(300) },
      ],
    },
    inputs: {
      history: [
        { date: at(day(31, 3, 2020)), count: at(counts[0]) },
        { date: at(day(31, 3, 2021)), count: at(counts[1]) },
      ],
      uplift: [{ label: "IFA", category: "ifa", base: at(1_000), rates: [at(0.05), at(0.1)] }],
      currentCost: at(30_451),
    },
  });

  it("costs a placement a week from the budget, and takes a reported cost only where one line reports it", () => {
    const { unitCosts } = computeCoreFigures(input());
    // 52,000 / (2 placements x 52 weeks); no placements, no cost.
    expect(unitCosts.budget?.rows.map((r) => [r.category, r.averageGbp])).toEqual([
      ["ifa", 500],
      ["residential", null],
    ]);
    expect(unitCosts.chosen.map((c) => [c.category, c.table, c.row, c.valueGbp])).toEqual([
      ["ifa", "budget", 0, 500],
      ["residential", "budget", 1, null],
      ["secure", "reported", 0, 4_000],
    ]);
    expect([unitCosts.list, unitCosts.listNeedsPeriodEnd]).toEqual([null, false]);
  });

  it("reads the trend at each year back from the target date, with the rate of each", () => {
    const { needs } = computeCoreFigures(input());
    // 10 more children a year: two years after 31 March 2021 (730 of 365 days), 130.
    expect(needs.trend?.atTarget).toBeCloseTo(130, 9);
    expect(needs.trend?.future.map((f) => [f.date, f.monthsBack])).toEqual([
      [day(31, 3, 2022), 12],
      [day(31, 3, 2023), 0],
    ]);
    expect(needs.rates).toEqual([20, 22]);
    expect(needs.refused).toBeNull();
  });

  it("says why there is no trend when the fit refuses the counts", () => {
    const { needs, costProjection } = computeCoreFigures(input({ projectionMethod: "exponential" }, [0, 110]));
    expect(needs.trend).toBeNull();
    expect(needs.refused).toMatch(/exponential trend needs every count above 0/);
    expect(costProjection.increaseGbp).toBeNull();
  });

  it("uplifts each line year on year and costs the council's projected count at today's cost per child", () => {
    const { costProjection } = computeCoreFigures(
      input({ projectedLacCount: { value: 770, source: "test" } }, [600, 619]),
    );
    expect(costProjection.schedules[0].uplifts[0]).toBeCloseTo(50, 9);
    expect(costProjection.schedules[0].uplifts[1]).toBeCloseTo(105, 9);
    expect(costProjection.upliftTotalGbp).toBeCloseTo(155, 9);
    // The published strategy: 30,451 for 619 children, 770 projected -> 7,428.27.
    expect(costProjection.projectedCount).toBe(770);
    expect(costProjection.increaseGbp).toBeCloseTo(7_428.27, 2);
  });
});
