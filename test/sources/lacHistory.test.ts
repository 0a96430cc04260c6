/**
 * Count histories of children looked after: which headers name the date and the count, when a sheet is
 * taken for a history, and what is said about rows that cannot be used. Layouts with their full
 * expected recognition are in test/fixtures/budget (19-22).
 */
import { serialFromYmd } from "../../src/core/dates";
import type { Grid, SheetGrid } from "../../src/core/grid";
import { looksLikeLacHistory, recogniseLacHistory } from "../../src/sources/lacHistory";
import { recogniseWorkbook } from "../../src/sources/recognise";
import { classifyHistoryHeader } from "../../src/sources/vocabulary";

function sheet(name: string, cells: unknown[][], origin = { row: 0, col: 0 }): SheetGrid {
  return { name, origin, cells: cells as Grid };
}

const monthEnd = (year: number, month: number): Date => new Date(Date.UTC(year, month, 0));

describe("count history headers", () => {
  it.each([
    ["Date", "date"],
    ["Month", "date"],
    ["As at", "date"],
    ["As at date", "date"],
    ["Snapshot date", "date"],
    ["Period end", "date"],
    ["Month ending", "date"],
    ["Census", "date"],
    ["CLA snapshot date", "date"],
    ["LAC", "count"],
    ["CLA", "count"],
    ["CiC", "count"],
    ["CfC", "count"],
    ["Children looked after", "count"],
    ["Looked After Children numbers", "count"],
    ["Number of LAC", "count"],
    ["No. of CLA", "count"],
    ["Number of children in care", "count"],
    ["Children in our care", "count"],
    ["Total LAC", "count"],
    ["LAC (incl UASC)", "count"],
    ["Number of LAC as at month end", "count"],
    ["Count", "count"],
    ["Number", "count"],
    ["Children", "count"],
  ])("reads %p as the %s column", (header, field) => {
    expect(classifyHistoryHeader(header)).toBe(field);
  });

  it.each([
    "CLA rate per 10,000",
    "LAC starters",
    "New CLA",
    "Children leaving care",
    "Care leavers",
    "Projected LAC",
    "LAC target",
    "Change in LAC",
    "LAC % change",
    "Average weekly cost",
    "Of which UASC",
    "Number of placements",
    "Starters",
    "Residential",
    "Year",
    "",
  ])("reads %p as neither", (header) => {
    expect(classifyHistoryHeader(header)).toBeNull();
  });
});

describe("taking a sheet for a count history", () => {
  it("needs two rows with a date and a count under the header", () => {
    const header = ["Month end", "Children looked after"];
    expect(looksLikeLacHistory(sheet("H", [header, [monthEnd(2022, 1), 616], [monthEnd(2022, 2), 619]]))).toBe(true);
    expect(looksLikeLacHistory(sheet("H", [header, [monthEnd(2022, 1), 616]]))).toBe(false);
    expect(looksLikeLacHistory(sheet("H", [header, ["Jan-22", "n/a"], ["Feb-22", ""]]))).toBe(false);
  });

  it("does not take years written alone for dates, nor a budget or placement list for a history", () => {
    const years = sheet("Annual", [
      ["Year", "LAC"],
      [2017, 436],
      [2018, 480],
    ]);
    const yearsAsDates = sheet("Annual", [
      ["Date", "LAC"],
      [2017, 436],
      [2018, 480],
    ]);
    const budget = sheet("P10", [
      ["Setting Type", "P10 Current Expenditure", "Forecast 21/22 Expenditure"],
      ["Residential", 12119924, 14000100],
      ["IFA", 4745315, 5690000],
    ]);
    const list = sheet("Placements", [
      ["Placement ID", "Placement type", "Start date", "End date", "Weekly cost", "Children"],
      ["P1", "IFA", "01/04/2021", null, 700, 1],
      ["P2", "IFA", "01/06/2021", null, 800, 1],
    ]);
    expect([years, yearsAsDates, budget].map(looksLikeLacHistory)).toEqual([false, false, false]);
    // The list's header names a date and 'Children': placement lists are recognised first.
    expect(looksLikeLacHistory(list)).toBe(true);
    const recognition = recogniseWorkbook([years, budget, list]);
    expect(recognition.lacHistories).toEqual([]);
    expect(recognition.budgets.map((b) => b.sheet)).toEqual(["P10"]);
    expect(recognition.placementLists.map((l) => l.sheet)).toEqual(["Placements"]);
  });

  it("explains a sheet chosen as a history that has none", () => {
    expect(() => recogniseLacHistory(sheet("Notes", [["Prepared by finance"]]))).toThrow(
      "found no count history header on sheet 'Notes' (expected a row naming a date or month column and a count column such as 'Children looked after', 'LAC' or 'CLA' in the first 30 rows)",
    );
    expect(() =>
      recogniseLacHistory(
        sheet("Empty", [
          ["Month", "LAC"],
          ["Total", 1200],
          ["Jan-22", "n/a"],
        ]),
      ),
    ).toThrow(
      "found the count history header on sheet 'Empty' (row 1: 'Month', 'LAC') but no row under it with a date and a count (row 3: count 'n/a' is not a number of children (0 or more))",
    );
    const recognition = recogniseWorkbook([sheet("Notes", [["Prepared by finance"]])], {
      columnMappings: { Notes: { kind: "lacHistory" } },
    });
    expect(recognition.unrecognised).toEqual([
      { sheet: "Notes", reason: expect.stringContaining("found no count history header on sheet 'Notes'") },
    ]);
  });

  it("lets the user drop a guessed column and name the header row", () => {
    const grid = sheet("H", [
      ["Month", "LAC", "CLA"],
      ["Jan-22", 616, 600],
      ["Feb-22", 619, 601],
    ]);
    expect(recogniseLacHistory(grid).columns.count).toEqual({ col: 1, header: "LAC" });
    const moved = recogniseLacHistory(grid, { columnMappings: { H: { historyColumns: { count: 2 } } } });
    expect(moved.points.map((p) => p.count)).toEqual([600, 601]);
    expect(moved.columns.count).toEqual({ col: 2, header: "CLA" });
    expect(() => recogniseLacHistory(grid, { columnMappings: { H: { historyColumns: { date: null } } } })).toThrow(
      "the count history on sheet 'H' (header row 1) has no date or month column; choose it in the column mapping",
    );
  });
});

describe("rows of a count history", () => {
  it("keeps every count with its absolute cell, in date order", () => {
    const history = recogniseLacHistory(
      sheet(
        "H",
        [
          ["Date", "CLA"],
          [serialFromYmd(2022, 2, 28), 619],
          [serialFromYmd(2022, 1, 31), "616"],
        ],
        { row: 4, col: 2 },
      ),
    );
    expect(history.points).toEqual([
      {
        date: serialFromYmd(2022, 1, 31),
        count: 616,
        row: 6,
        dateCell: { ref: { sheet: "H", row: 6, col: 2 }, cellIsNumber: true },
        countCell: { ref: { sheet: "H", row: 6, col: 3 }, cellIsNumber: false, text: "616" },
      },
      {
        date: serialFromYmd(2022, 2, 28),
        count: 619,
        row: 5,
        dateCell: { ref: { sheet: "H", row: 5, col: 2 }, cellIsNumber: true },
        countCell: { ref: { sheet: "H", row: 5, col: 3 }, cellIsNumber: true },
      },
    ]);
  });

  it("refuses negative counts and rows without a date, naming sheet and row", () => {
    const history = recogniseLacHistory(
      sheet("H", [
        ["Month", "LAC"],
        ["Jan-22", -3],
        [null, 610],
        ["Feb-22", 619],
        ["Mar-22", 620],
      ]),
    );
    expect(history.points.map((p) => p.count)).toEqual([619, 620]);
    expect(history.badRows).toEqual([
      { ref: { sheet: "H", row: 1, col: 1 }, reason: "count '-3' is not a number of children (0 or more)" },
      { ref: { sheet: "H", row: 2, col: 0 }, reason: "no date beside the count '610'" },
    ]);
    expect(history.warnings.map((w) => w.message)).toEqual([
      "row 2 of sheet 'H' was left out of the count history: count '-3' is not a number of children (0 or more)",
      "row 3 of sheet 'H' was left out of the count history: no date beside the count '610'",
    ]);
  });

  it("reports a long run of bad rows in 20 warnings and a count of the rest", () => {
    const rows = Array.from({ length: 25 }, (_, i) => [`Jan-${String(i).padStart(2, "0")}`, "unknown"]);
    const history = recogniseLacHistory(sheet("H", [["Month", "LAC"], ...rows, ["Jan-25", 600]]));
    expect(history.badRows).toHaveLength(25);
    expect(history.warnings.filter((w) => w.message.includes("was left out"))).toHaveLength(20);
    expect(history.warnings.map((w) => w.message)).toContain(
      "5 more rows of sheet 'H' were left out of the count history (25 in all)",
    );
  });

  it("reads a text heading between months as a heading, not a bad row", () => {
    const history = recogniseLacHistory(
      sheet("H", [["Month", "LAC"], ["2020/21"], ["Mar-21", 613], ["2021/22"], ["Apr-21", 614]]),
    );
    expect(history.points.map((p) => p.count)).toEqual([613, 614]);
    expect(history.badRows).toEqual([]);
    expect(history.warnings).toEqual([
      {
        severity: "info",
        message: "2 rows of sheet 'H' (rows 2 and 4) hold a total, a note or a heading in the date column, not a count",
        where: "sheet 'H'",
      },
    ]);
  });
});
