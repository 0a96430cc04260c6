/**
 * A count history sheet in the workbook: the Assumptions sheet links each count (and date) to the
 * user's cell, so a changed count flows through to the Needs projection and the cost projection; a
 * count typed as text is copied with a note; a history sheet comes before SSDA903 counts.
 */
import type { CareHistory } from "../../src/core/careHistory";
import { costOfMoreChildren } from "../../src/core/finance";
import { serialFromYmd } from "../../src/core/dates";
import type { Cell, SheetGrid } from "../../src/core/grid";
import { recogniseWorkbook } from "../../src/sources/recognise";
import type { Assumptions } from "../../src/workbook/assumptions";
import { buildSufficiencyPlan, defaultAssumptions } from "../../src/workbook/build";
import { formulaCells } from "../../src/workbook/formulas";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { evaluatePlan, planMismatches } from "../support/hyperformula";
import { cellGrid, rowLabelled, sheetByKey, tableRows } from "./planReader";
import { seedSheet } from "./seed";

const TODAY = serialFromYmd(2022, 2, 18);

/** The published strategy's published counts on a history sheet as an analyst keeps it; the 2019 count typed as text. */
const COUNTS: [number, number, number, number | string][] = [
  [2017, 2, 28, 436],
  [2018, 3, 31, 480],
  [2019, 3, 31, "527"],
  [2020, 3, 31, 566],
  [2021, 3, 31, 613],
  [2022, 1, 31, 616],
  [2022, 2, 28, 619],
];

function historySheet(name = "LAC History", latest: number | string = 619): SheetGrid {
  const rows: Cell[][] = COUNTS.map(([year, month, day, count], i) => [
    new Date(Date.UTC(year, month - 1, day)),
    i === COUNTS.length - 1 ? latest : count,
  ]);
  return {
    name,
    origin: { row: 0, col: 0 },
    cells: [["Children looked after at the end of each month"], [], ["Month end", "Children looked after"], ...rows],
  };
}

function plan(
  sheets: SheetGrid[],
  change: (a: Assumptions) => Assumptions = (a) => a,
  careHistory?: CareHistory,
): WorkbookPlan {
  const recognition = recogniseWorkbook(sheets);
  const assumptions = change(
    defaultAssumptions(recognition, { today: TODAY, ...(careHistory ? { careHistory } : {}) }),
  );
  return buildSufficiencyPlan({
    recognition,
    assumptions,
    existingSheets: sheets.map((s) => ({ name: s.name, ownedKey: null })),
  });
}

/** The seed's population and the council's own projected count, which no sheet holds. */
const seedInputs = (a: Assumptions): Assumptions => ({
  ...a,
  population0to17: { value: 54_098, source: "ONS" },
  projectedLacCount: { value: 770, source: "the council" },
  currentCostGbp: { value: 30_451_000, source: "strategy" },
});

const sources = [seedSheet(), historySheet()];
const built = plan(sources, seedInputs);
const history = tableRows(sheetByKey(built, "assumptions"), "Date");

describe("the Assumptions sheet's counts from a count history sheet", () => {
  it("takes the counts from the sheet, saying so", () => {
    const a = defaultAssumptions(recogniseWorkbook(sources), { today: TODAY });
    expect(a.lacHistory.source).toBe("sheet 'LAC History'");
    expect(a.lacHistory.value.map((point) => [point.date, point.count])).toEqual(
      COUNTS.map(([y, m, d, count]) => [serialFromYmd(y, m, d), Number(count)]),
    );
    expect(a.lacHistory.value[0].countCell).toEqual({
      ref: { sheet: "LAC History", row: 3, col: 1 },
      cellIsNumber: true,
    });
  });

  it("links each date and count to its cell, as a linked formula and not an input", () => {
    expect(history).toHaveLength(7);
    expect(history[0].Date).toEqual({
      formula: "'LAC History'!$A$4",
      value: serialFromYmd(2017, 2, 28),
      format: "dd/mm/yyyy",
      style: "linked",
    });
    expect(history[0]["Children looked after (linked to 'LAC History')"]).toEqual({
      formula: "'LAC History'!$B$4",
      value: 436,
      format: "#,##0",
      style: "linked",
    });
    expect(history[6]["Children looked after (linked to 'LAC History')"]).toEqual({
      formula: "'LAC History'!$B$10",
      value: 619,
      format: "#,##0",
      style: "linked",
    });
    expect(history[0].From?.value).toBe("'LAC History' row 4");
    const note = cellGrid(sheetByKey(built, "assumptions"))
      .flat()
      .find((cell) => typeof cell?.value === "string" && cell.value.startsWith("Feeds the Needs projection"));
    expect(note?.value).toBe(
      "Feeds the Needs projection. Source: sheet 'LAC History'. Cells in green are links to 'LAC History', not inputs: change a count there and it follows here and in every projection; rebuild to take in a new month.",
    );
  });

  it("copies a count typed as text as its value, with a note, never as a formula", () => {
    expect(history[2]["Children looked after (linked to 'LAC History')"]).toEqual({ value: 527, format: "#,##0" });
    expect(history[2].From?.value).toBe(
      "'LAC History' row 6. The count read from the text \"527\" in cell B6 of sheet 'LAC History': a value, not a link; retype it as a number there to link it.",
    );
  });

  it("evaluates the links in HyperFormula to the engine's values", () => {
    const links = formulaCells(built).filter((cell) => cell.formula.startsWith("'LAC History'!"));
    expect(links).toHaveLength(13);
    expect(planMismatches(built, sources)).toEqual([]);
  });

  it("follows a changed count on the source sheet through the Needs projection to the cost of more children", () => {
    const evaluation = evaluatePlan(built, [seedSheet(), historySheet("LAC History", 630)]);
    const needs = sheetByKey(built, "needs");
    const latest = rowLabelled(needs, "Children looked after at the latest count");
    const rate = rowLabelled(needs, "Rate per 10,000 children at the latest count");
    expect(latest.cells[1]?.value).toBe(619);
    expect(evaluation.value(needs.name, latest.row, 1)).toBe(630);
    expect(evaluation.value(needs.name, rate.row, 1)).toBeCloseTo((630 / 54_098) * 10_000, 9);
    const costProjection = sheetByKey(built, "costProjection");
    const { increaseGbp } = built.summary.costProjection as { increaseGbp: number };
    expect(increaseGbp).toBeCloseTo(costOfMoreChildren(30_451_000, 619, 770), 6);
    const increase = formulaCells(built).find(
      (cell) => cell.sheet === costProjection.name && cell.value === increaseGbp,
    );
    if (!increase) throw new Error("no cell of the cost projection holds the increase from more children");
    expect(evaluation.value(costProjection.name, increase.row, increase.col)).toBeCloseTo(
      costOfMoreChildren(30_451_000, 630, 770),
      6,
    );
  });

  it("names the history sheet among the sources on the Summary", () => {
    const intro = cellGrid(sheetByKey(built, "summary"))
      .flat()
      .find((cell) => typeof cell?.value === "string" && cell.value.startsWith("Built from"));
    expect(intro?.value).toContain("Built from 'P10 Summary', 'LAC History'.");
  });

  it("keeps typed counts as inputs when the counts are given instead", () => {
    const typed = plan(sources, (a) => ({
      ...a,
      lacHistory: { value: [{ date: serialFromYmd(2022, 2, 28), count: 619 }], source: "typed" },
    }));
    const rows = tableRows(sheetByKey(typed, "assumptions"), "Date");
    expect(rows).toEqual([
      {
        Date: { value: serialFromYmd(2022, 2, 28), format: "dd/mm/yyyy", style: "input" },
        "Children looked after": { value: 619, format: "#,##0", style: "input" },
      },
    ]);
  });
});

describe("which counts the Needs projection runs from", () => {
  const careHistory: CareHistory = {
    children: [
      {
        child: "A",
        dob: serialFromYmd(2010, 1, 1),
        sex: "1",
        episodes: [
          {
            start: serialFromYmd(2019, 4, 10),
            end: null,
            rne: "S",
            ls: "C2",
            cin: "N1",
            place: "U1",
            placeProvider: "PR1",
            rec: null,
          },
        ],
      },
    ],
    stitching: {},
    issues: [],
  };

  it("prefers the history sheet to the SSDA903 counts, which still stand alone", () => {
    const both = defaultAssumptions(recogniseWorkbook(sources), { today: TODAY, careHistory });
    expect(both.lacHistory.source).toBe("sheet 'LAC History'");
    expect(both.lacHistory.value.at(-1)?.count).toBe(619);
    const only903 = defaultAssumptions(recogniseWorkbook([seedSheet()]), { today: TODAY, careHistory });
    expect(only903.lacHistory.source).toContain("SSDA903");
  });

  it("uses the first of two history sheets and says so", () => {
    const recognition = recogniseWorkbook([seedSheet(), historySheet("LAC History"), historySheet("CLA 2", 700)]);
    expect(recognition.lacHistories.map((h) => h.sheet)).toEqual(["LAC History", "CLA 2"]);
    expect(recognition.warnings.map((w) => w.message)).toContain(
      "counts of children looked after are kept on sheet 'LAC History' and sheet 'CLA 2': the first, 'LAC History', feeds the Needs projection (leave a sheet out in the column mapping to use another)",
    );
    expect(defaultAssumptions(recognition, { today: TODAY }).lacHistory.value.at(-1)?.count).toBe(619);
  });
});
