/**
 * The Import 903 step's sheet in the workbook: three years' returns (examples/903, Episodes and Header)
 * stitched and loaded into ONE sheet of the user's, with real dates; the build reads it back to the same
 * history, so the care sheets count by age and the demand forecast is made; LAC.STABILITY over the sheet
 * gives the measure of the files; a replace keeps the sheet (and what points at it) and a failed write
 * leaves the workbook as it was.
 */
import "../support/customFunctionsStub";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CareHistory } from "../../src/core/careHistory";
import { careMeasures, reportingPeriods } from "../../src/core/careMeasures";
import { AGE_BANDS } from "../../src/core/codes903";
import { serialFromYmd } from "../../src/core/dates";
import { placementStability } from "../../src/core/stability";
import { LAST_IMPORT_KEY } from "../../src/excel/dataSheet";
import { excelOperations } from "../../src/excel/operations";
import { stability } from "../../src/functions/functions";
import { readEpisodesCsv, readHeaderCsv, stitchReturns } from "../../src/sources/ssda903";
import { importTable } from "../../src/taskpane/components/ImportStep";
import { runBuild } from "../../src/excel/workflow";
import { recogniseSnapshot } from "../../src/workbook/pipeline";
import { defaultAssumptions } from "../../src/workbook/build";
import { rowLabelled, sheetByKey } from "../workbook/planReader";
import { FakeExcel } from "../support/fakeExcel";
import { sampleFakeExcel } from "../support/sampleWorkbook";

const RETURNS = path.join(__dirname, "../../examples/903");
const YEARS = ["2018-19", "2019-20", "2020-21"];
const read = (file: string) => readFileSync(path.join(RETURNS, file), "utf8");

/** The three years as a user picks them: newest first, Header files in another order. */
function stitchedReturns(): CareHistory {
  return stitchReturns(
    [...YEARS].reverse().map((y) => readEpisodesCsv(read(`episodes_${y}.csv`), `episodes_${y}.csv`)),
    YEARS.map((y) => readHeaderCsv(read(`header_${y}.csv`), `header_${y}.csv`)),
  );
}

const history = stitchedReturns();

async function imported(): Promise<FakeExcel> {
  const fake = sampleFakeExcel();
  await excelOperations(fake).importTable(importTable(history), { newSheet: "903 Episodes" });
  return fake;
}

/** The sheet's cells as Excel hands a range to a function or the reader: numbers, text, "" for blank. */
async function sheetValues(fake: FakeExcel, sheet: string): Promise<unknown[][]> {
  const snapshot = await excelOperations(fake).readWorkbook();
  const grid = snapshot.grids.find((g) => g.name === sheet);
  if (!grid) throw new Error(`no sheet ${sheet}`);
  return Array.from(grid.cells, (row) => row ?? []);
}

describe("Import 903 in the workbook", () => {
  it("writes one sheet: each episode with the child's DOB and SEX, text as text, dates as dates shown dd/mm/yyyy", async () => {
    const fake = await imported();
    expect(fake.sheetNames()).toEqual(["P10 Summary", "Notes", "903 Episodes"]);
    const sheet = fake.sheetByName("903 Episodes");
    const episodes = history.children.reduce((n, c) => n + c.episodes.length, 0);
    expect(Math.max(...[...(sheet?.cells.keys() ?? [])].map((k) => Number(k.split(",")[0])))).toBe(episodes);
    expect(["A1", "B1", "C1", "D1", "J1", "K1"].map((a) => fake.cell("903 Episodes", a)?.value)).toEqual([
      "CHILD",
      "DOB",
      "SEX",
      "DECOM",
      "DEC",
      "REC",
    ]);
    const first = history.children[0];
    expect(fake.cell("903 Episodes", "A2")).toMatchObject({ value: first.child, formula: null, format: "General" });
    expect(fake.cell("903 Episodes", "B2")).toMatchObject({ value: first.dob, format: "dd/mm/yyyy" });
    expect(fake.cell("903 Episodes", "D2")).toMatchObject({ value: first.episodes[0].start, format: "dd/mm/yyyy" });
    expect(sheet?.freeze).toEqual({ rows: 1, cols: 0 });
    expect([...(sheet?.columnWidths.keys() ?? [])].sort()).toEqual([1, 3, 9]);
    expect(fake.state.settings.get(LAST_IMPORT_KEY)).toEqual({ sheet: "903 Episodes" });
  });

  it("reads back to the stitched history, so the build counts children by age and makes the demand forecast", async () => {
    const fake = await imported();
    const snapshot = await excelOperations(fake).readWorkbook();
    const { recognition, careHistory } = recogniseSnapshot(snapshot, {});
    expect(recognition.episodeSheets).toEqual(["903 Episodes"]);
    const strip = (h: CareHistory) =>
      h.children.map((c) => ({ ...c, episodes: c.episodes.map(({ source: _s, ...e }) => e) }));
    expect(strip(careHistory as CareHistory)).toEqual(strip(history));
    expect(careHistory?.issues).toEqual([]);

    const settings = {
      version: 1 as const,
      recogniseOptions: {},
      assumptions: defaultAssumptions(recognition, { today: 44_600, careHistory }),
      typed: [],
    };
    const outcome = await runBuild(excelOperations(fake), settings);
    expect(outcome.plan.sheets.map((s) => s.key)).toEqual(
      expect.arrayContaining([
        "careInCare",
        "careStartersLeavers",
        "careStability",
        "demandForecast",
        "demandCost",
        "demandScenarios",
      ]),
    );
    expect(outcome.warnings.filter((w) => /date of birth|ages are unknown/i.test(w.message))).toEqual([]);

    const periods = reportingPeriods(history);
    const measures = careMeasures(
      history,
      periods.map((p) => p.period),
      { moves: "placement", population: periods.map(() => null) },
    );
    const inCare = sheetByKey(outcome.plan, "careInCare");
    for (const band of AGE_BANDS) {
      const row = rowLabelled(inCare, band.label);
      expect(periods.map((_, i) => row.cells[1 + i]?.value)).toEqual(
        measures.map((m) => m.lookedAfter.byAgeBand[band.band]),
      );
    }
    expect(measures.at(-1)?.lookedAfter.ageUnknown).toBe(0);
    expect(measures.at(-1)?.lookedAfter.byAgeBand["10to15"]).toBeGreaterThan(50);
    // The user's sheets, the import's included, are as they were.
    expect(fake.cell("903 Episodes", "B2")?.format).toBe("dd/mm/yyyy");
  });

  it("gives LAC.STABILITY over the sheet the measures of the files, short and long term", async () => {
    const values = await sheetValues(await imported(), "903 Episodes");
    const yearEnd = serialFromYmd(2021, 3, 31);
    for (const measure of ["short", "long"] as const) {
      const expected = placementStability(history, yearEnd, { measure, moves: "placement" });
      expect(stability(values, yearEnd, measure, "placement", "detail")).toEqual([
        [expected.rate, expected.numerator, expected.denominator],
      ]);
    }
  });

  it("stitches two episodes sheets (a later import beside an earlier one) as the years of a return", async () => {
    const fake = sampleFakeExcel();
    const firstTwo = stitchReturns(
      YEARS.slice(0, 2).map((y) => readEpisodesCsv(read(`episodes_${y}.csv`), `episodes_${y}.csv`)),
      YEARS.slice(0, 2).map((y) => readHeaderCsv(read(`header_${y}.csv`), `header_${y}.csv`)),
    );
    await excelOperations(fake).importTable(importTable(firstTwo), { newSheet: "903 Episodes" });
    const second = await excelOperations(fake).importTable(importTable(history), { newSheet: "903 Episodes" });
    expect(second).toMatchObject({ sheet: "903 Episodes (2)", replaced: false });
    const { recognition, careHistory } = recogniseSnapshot(await excelOperations(fake).readWorkbook(), {});
    expect(recognition.episodeSheets).toEqual(["903 Episodes", "903 Episodes (2)"]);
    const strip = (h: CareHistory) =>
      h.children.map((c) => ({ ...c, episodes: c.episodes.map(({ source: _s, ...e }) => e) }));
    expect(strip(careHistory as CareHistory)).toEqual(strip(history));
    const stitched = careHistory?.stitching ?? {};
    expect(stitched.repeatedEpisodes + stitched.continuedEpisodes + stitched.revisedEpisodes).toBe(
      firstTwo.children.reduce((n, c) => n + c.episodes.length, 0),
    );
  });

  it("replaces the last import's sheet in place, only when asked, keeping the sheet that formulas point at", async () => {
    const fake = await imported();
    const operations = excelOperations(fake);
    expect(await operations.lastImportedSheet()).toBe("903 Episodes");
    const sheetBefore = fake.sheetByName("903 Episodes");
    const smaller = stitchReturns(
      [readEpisodesCsv(read("episodes_2020-21.csv"), "episodes_2020-21.csv")],
      [readHeaderCsv(read("header_2020-21.csv"), "header_2020-21.csv")],
    );
    const result = await operations.importTable(importTable(smaller), { replace: "903 Episodes" });
    expect(result).toMatchObject({
      sheet: "903 Episodes",
      replaced: true,
      rows: smaller.children.reduce((n, c) => n + c.episodes.length, 0),
    });
    expect(fake.sheetNames()).toEqual(["P10 Summary", "Notes", "903 Episodes"]);
    expect(fake.sheetByName("903 Episodes")).toBe(sheetBefore);
    const { careHistory } = recogniseSnapshot(await operations.readWorkbook(), {});
    expect(careHistory?.children.length).toBe(smaller.children.length);
    expect(careHistory?.issues).toEqual([]);
    expect(fake.cell("903 Episodes", "A1")).toMatchObject({ value: "CHILD", style: { "font.bold": true } });
  });

  it("leaves the workbook as it was when Excel fails part way, and says so", async () => {
    const fake = await imported();
    const before = fake.picture();
    // Sync 1 lists the sheets, sync 2 writes the new table to a scratch sheet: it fails there.
    fake.failSync(fake.syncs + 2, { code: "GeneralException", message: "Excel could not do it." });
    const smaller = stitchReturns([readEpisodesCsv(read("episodes_2020-21.csv"), "episodes_2020-21.csv")], []);
    await expect(
      excelOperations(fake).importTable(importTable(smaller), { replace: "903 Episodes" }),
    ).rejects.toMatchObject({
      message: expect.stringContaining(
        "Excel could not finish replacing the contents of sheet '903 Episodes': Excel could not do it. [GeneralException]",
      ),
    });
    expect(fake.picture()).toEqual(before);
  });

  it("refuses to replace a sheet that is gone, with what to do", async () => {
    const fake = await imported();
    await expect(excelOperations(fake).importTable(importTable(history), { replace: "Old 903" })).rejects.toMatchObject(
      {
        message: "The sheet 'Old 903' that the last import wrote is no longer in this workbook.",
        whatToDo: "Load the files into a new sheet instead.",
      },
    );
  });
});
