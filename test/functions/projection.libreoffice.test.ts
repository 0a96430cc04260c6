/**
 * LAC.PROJECTION against a real spreadsheet engine: generated series are written to an .xlsx with
 * FORECAST.LINEAR and GROWTH formulas, LibreOffice recalculates them, and the add-in's function must
 * agree to 1e-9 relative, including Excel's handling of blank and text cells and its errors.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { addMonths, serialFromYmd } from "../../src/core/dates";
import { projection } from "../../src/functions/functions";
import { isCustomFunctionsError } from "../support/customFunctionsStub";
import { recalculateWithLibreOffice, type WorkbookValues } from "../support/libreoffice";
import { describeWithProgram, LIBREOFFICE } from "../support/systemPrograms";

type Cell = number | string | null;

interface Series {
  name: string;
  dates: Cell[];
  counts: Cell[];
  targets: number[];
  /**
   * Where the add-in deliberately differs from GROWTH as LibreOffice computes it (LibreOffice then
   * shows an error): what the add-in gives instead, and why.
   */
  growthDiffers?: { ours: "value" | "#NUM!" | "#DIV/0!"; why: string };
}

/** Deterministic noise (a failure must reproduce). */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  };
}

function monthlySerialSeries(name: string, months: number, seed: number): Series {
  const next = noise(seed);
  const start = serialFromYmd(2017, 2, 18);
  const dates = Array.from({ length: months }, (_, i) => addMonths(start, i));
  const counts = dates.map((_, i) => 436 + 3.1 * i + 40 * next());
  return {
    name,
    dates,
    counts,
    targets: [serialFromYmd(2025, 2, 18), serialFromYmd(2022, 3, 31), addMonths(start, months + 36)],
  };
}

const GAPS: Pick<Series, "dates" | "counts"> = {
  dates: [
    serialFromYmd(2021, 4, 30),
    serialFromYmd(2021, 5, 31),
    null,
    serialFromYmd(2021, 7, 31),
    "Aug-21",
    serialFromYmd(2021, 9, 30),
    null,
  ],
  counts: [600, 604, 611, "n/a", 620, 619, null],
};
const numeric = (cell: Cell): boolean => typeof cell === "number";
const usable = GAPS.dates.map((date, i) => numeric(date) && numeric(GAPS.counts[i]));

const SERIES: Series[] = [
  { name: "Domain example", dates: [1, 2, 3, 4, 5], counts: [436, 480, 527, 566, 613], targets: [9, 6, 0.5] },
  monthlySerialSeries("Monthly serial dates", 60, 11),
  monthlySerialSeries("Short serial series", 4, 3),
  {
    name: "Month numbers",
    dates: Array.from({ length: 36 }, (_, i) => i + 1),
    counts: Array.from({ length: 36 }, (_, i) => 120 + 0.8 * i + 6 * Math.sin(i)),
    targets: [37, 48, 72],
  },
  // Sefton's rate per 10,000, 2014-2021 (the published strategy), by year.
  {
    name: "Years",
    dates: [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021],
    counts: [75, 84, 87, 85, 90, 98, 105, 113],
    targets: [2022, 2025],
  },
  { name: "Falling", dates: [44_000, 44_031, 44_062, 44_093], counts: [50, 41, 30, 22], targets: [44_200, 44_400] },
  {
    name: "Gaps and text",
    ...GAPS,
    targets: [serialFromYmd(2022, 3, 31)],
    growthDiffers: {
      ours: "value",
      why: "GROWTH refuses blank and text cells; the add-in leaves those rows out, as FORECAST.LINEAR does",
    },
  },
  {
    name: "Gaps removed",
    dates: GAPS.dates.filter((_, i) => usable[i]),
    counts: GAPS.counts.filter((_, i) => usable[i]),
    targets: [serialFromYmd(2022, 3, 31)],
  },
  {
    name: "Constant dates",
    dates: [45_000, 45_000, 45_000],
    counts: [1, 2, 3],
    targets: [45_100],
    growthDiffers: {
      ours: "#DIV/0!",
      why: "no trend over a single date: #DIV/0! for both methods, as FORECAST.LINEAR",
    },
  },
  {
    name: "A zero count",
    dates: [1, 2, 3],
    counts: [5, 0, 7],
    targets: [4],
    growthDiffers: {
      ours: "#NUM!",
      why: "Excel documents #NUM! for GROWTH with a count of 0 or less; LibreOffice shows #VALUE!",
    },
  },
];

const FIRST_ROW = 2;

/** One sheet per series: A dates, B counts, D targets, E FORECAST.LINEAR, F GROWTH. */
async function writeWorkbook(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const series of SERIES) {
    const sheet = workbook.addWorksheet(series.name);
    sheet.getRow(1).values = ["date", "count", "", "target", "FORECAST.LINEAR", "GROWTH"];
    const last = FIRST_ROW + series.dates.length - 1;
    const known = `$B$${FIRST_ROW}:$B$${last}`;
    const dates = `$A$${FIRST_ROW}:$A$${last}`;
    series.dates.forEach((date, i) => {
      if (date !== null) sheet.getCell(FIRST_ROW + i, 1).value = date;
      const count = series.counts[i];
      if (count !== null) sheet.getCell(FIRST_ROW + i, 2).value = count;
    });
    series.targets.forEach((target, i) => {
      const row = FIRST_ROW + i;
      sheet.getCell(row, 4).value = target;
      sheet.getCell(row, 5).value = { formula: `_xlfn.FORECAST.LINEAR(D${row},${known},${dates})` };
      sheet.getCell(row, 6).value = { formula: `GROWTH(${known},${dates},D${row})` };
    });
  }
  await workbook.xlsx.writeFile(file);
}

/** The same cells, as the add-in receives a column range: blanks as null (Excel on the web). */
function column(cells: Cell[]): unknown[][] {
  return cells.map((cell) => [cell]);
}

function isErrorCell(value: unknown): boolean {
  return typeof value === "object" && value !== null && "error" in value;
}

function expectSame(ours: unknown, engine: unknown, where: string): void {
  if (typeof engine === "number") {
    if (typeof ours !== "number")
      throw new Error(`${where}: LibreOffice gives ${engine}, LAC.PROJECTION ${JSON.stringify(ours)}`);
    const relative = Math.abs(ours - engine) / Math.max(Math.abs(engine), 1);
    if (relative > 1e-9)
      throw new Error(
        `${where}: LibreOffice gives ${engine}, LAC.PROJECTION ${ours} (relative difference ${relative})`,
      );
    return;
  }
  const error = (engine as { error?: string } | undefined)?.error;
  if (!error) throw new Error(`${where}: LibreOffice gives no value (${JSON.stringify(engine)})`);
  if (!isCustomFunctionsError(ours) || (ours.code as string) !== error) {
    throw new Error(`${where}: LibreOffice gives ${error}, LAC.PROJECTION ${JSON.stringify(ours)}`);
  }
}

describeWithProgram(
  LIBREOFFICE,
  "LAC.PROJECTION equals FORECAST.LINEAR and GROWTH as LibreOffice calculates them",
  () => {
    let values: WorkbookValues;
    let work: string;

    beforeAll(async () => {
      work = await mkdtemp(path.join(os.tmpdir(), "lac-projection-"));
      const file = path.join(work, "projection-parity.xlsx");
      await writeWorkbook(file);
      values = await recalculateWithLibreOffice(file);
    }, 180_000);

    afterAll(async () => {
      if (work) await rm(work, { recursive: true, force: true });
    });

    it("recalculated every formula (the cached values were not kept)", () => {
      for (const series of SERIES) {
        expect(values.get(series.name)?.get(`E${FIRST_ROW}`)).toBeDefined();
      }
    });

    it.each(SERIES.map((series) => [series.name, series] as const))("%s", (_, series) => {
      const cells = values.get(series.name);
      if (!cells) throw new Error(`LibreOffice's output has no sheet ${series.name}`);
      const targets = series.targets.map((target) => [target]);
      const linear = projection(column(series.counts), column(series.dates), targets, "linear");
      const exponential = projection(column(series.counts), column(series.dates), targets, "exponential");
      series.targets.forEach((target, i) => {
        const row = FIRST_ROW + i;
        // A whole-function error is a single cell; compare it with every target's formula.
        expectSame(
          linear[linear.length === 1 ? 0 : i][0],
          cells.get(`E${row}`),
          `${series.name}, FORECAST.LINEAR at ${target}`,
        );
        const ours = exponential[exponential.length === 1 ? 0 : i][0];
        const growth = cells.get(`F${row}`);
        if (!series.growthDiffers) {
          expectSame(ours, growth, `${series.name}, GROWTH at ${target}`);
          return;
        }
        const { ours: expected, why } = series.growthDiffers;
        const oursAsExpected =
          expected === "value"
            ? typeof ours === "number"
            : isCustomFunctionsError(ours) && (ours.code as string) === expected;
        if (!isErrorCell(growth) || !oursAsExpected) {
          throw new Error(
            `${series.name}: expected LibreOffice's GROWTH to show an error and the add-in ${expected} (${why}); found ${JSON.stringify(growth)} and ${JSON.stringify(ours)}`,
          );
        }
      });
    });

    it("gives, where GROWTH refuses blank and text cells, GROWTH of the rows that remain", () => {
      const target = [[serialFromYmd(2022, 3, 31)]];
      const withGaps = projection(column(GAPS.counts), column(GAPS.dates), target, "exponential")[0][0];
      const growthWithoutGaps = values.get("Gaps removed")?.get(`F${FIRST_ROW}`);
      expectSame(withGaps, growthWithoutGaps, "GROWTH of the rows without gaps");
    });
  },
);
