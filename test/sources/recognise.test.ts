import type { Grid, SheetGrid } from "../../src/core/grid";
import { recogniseBudgetMonitoring } from "../../src/sources/budgetMonitoring";
import { categoryOverrideKey, recogniseWorkbook } from "../../src/sources/recognise";

function sheet(name: string, cells: unknown[][], origin = { row: 0, col: 0 }): SheetGrid {
  return { name, origin, cells: cells as Grid };
}

const seedHeader = ["Setting Type", "P10 Current Expenditure", "Forecast 21/22 Expenditure"];
const seedLines = [
  ["Residential", 12119924, 14000100],
  ["In House Fostering", 3175235, 3863500],
  ["Independent Fostering", 4745315, 5690000],
];

describe("recogniseWorkbook options", () => {
  it("takes the user's period over the sheet's, keeping the sheet's year", () => {
    const recognition = recogniseWorkbook([sheet("P10", [seedHeader, ...seedLines])], { period: 9 });
    expect(recognition.budgets[0].period).toEqual({
      period: 9,
      financialYear: 2021,
      source:
        "chosen by the user; financial year from the header 'Forecast 21/22 Expenditure' (cell C1 of sheet 'P10')",
    });
    expect(recognition.period).toEqual({ period: 9, financialYear: 2021, source: "chosen by the user" });
  });

  it("says where the period and year were read", () => {
    const [budget] = recogniseBudgetMonitoring(sheet("Summary", [seedHeader, ...seedLines]));
    expect(budget.period).toEqual({
      period: 10,
      financialYear: 2021,
      source:
        "the header 'P10 Current Expenditure' (cell B1 of sheet 'Summary'); financial year from the header 'Forecast 21/22 Expenditure' (cell C1 of sheet 'Summary')",
    });
    expect(budget.units).toEqual({ kind: "gbp", multiplier: 1, source: "assumed £: sheet 'Summary' states no units" });
  });

  it("warns when budget sheets disagree on the period, and uses the first", () => {
    const p9 = [["Setting Type", "P9 Actual", "Forecast 21/22"], ...seedLines];
    const recognition = recogniseWorkbook([sheet("A", [seedHeader, ...seedLines]), sheet("B", p9)]);
    expect(recognition.period?.period).toBe(10);
    expect(recognition.warnings.map((w) => w.message)).toContain(
      "the budget tables disagree on the period: sheet 'A' gives P10 2021/22, sheet 'B' gives P9 2021/22; P10 2021/22 is used (choose the period to change it)",
    );
  });

  it("says when the budget tables disagree on the year alone, and when a line is in two tables", () => {
    const lastYear = [["Setting Type", "P10 Actual", "Forecast 20/21"], ...seedLines];
    const recognition = recogniseWorkbook([sheet("A", [seedHeader, ...seedLines]), sheet("B", lastYear)]);
    const messages = recognition.warnings.map((w) => w.message);
    expect(messages).toContain(
      "the budget tables disagree on the period: sheet 'A' gives P10 2021/22, sheet 'B' gives P10 2020/21; P10 2021/22 is used (choose the period to change it)",
    );
    const twice = messages.filter((m) => m.includes("is in two budget tables"));
    expect(twice).toHaveLength(seedLines.length);
    expect(twice[0]).toBe(
      `line '${seedLines[0][0]}' is in two budget tables (cell A2 of sheet 'A' and cell A2 of sheet 'B'); both are counted. If one table is another year's or a copy, choose the other's columns in the column mapping, or leave its sheet out.`,
    );
  });

  it("leaves out a sheet the user chose to ignore, and reads a sheet as the kind the user chose", () => {
    const recognition = recogniseWorkbook(
      [sheet("P10", [seedHeader, ...seedLines]), sheet("Other", [seedHeader, ...seedLines])],
      {
        columnMappings: { P10: { kind: "ignore" }, Other: { kind: "placementList" } },
      },
    );
    expect(recognition.budgets).toEqual([]);
    expect(recognition.unrecognised).toEqual([
      { sheet: "P10", reason: "left out by choice" },
      { sheet: "Other", reason: expect.stringContaining("found no placement list header on sheet 'Other'") },
    ]);
  });

  it("drops a guessed column the user says is not there, and moves a measure to the column the user chose", () => {
    const cells = [
      ["Line", "Actual", "Forecast", "Variance", "Alt forecast"],
      ["Residential", 100, 200, 50, 210],
    ];
    const [budget] = recogniseBudgetMonitoring(sheet("S", cells, { row: 2, col: 3 }), {
      columnMappings: { S: { columns: { variance: null, forecastOutturn: 7 } } },
    });
    expect(Object.fromEntries(Object.entries(budget.columns).map(([m, c]) => [m, c.col]))).toEqual({
      actualToDate: 4,
      forecastOutturn: 7,
    });
    expect(budget.lines[0].values.forecastOutturn).toEqual({
      value: 210,
      ref: { sheet: "S", row: 3, col: 7 },
      cellIsNumber: true,
      multiplier: 1,
    });
    expect(budget.lines[0].values.variance).toBeUndefined();
  });

  it("reads a sheet with no header at all when the user names its columns", () => {
    const cells = [
      ["Residential", 100, 200],
      ["IFA", 50, 60],
    ];
    const [budget] = recogniseBudgetMonitoring(sheet("Raw", cells), {
      columnMappings: { Raw: { columns: { actualToDate: 1, forecastOutturn: 2 } } },
    });
    expect(budget.lines.map((l) => [l.label, l.values.actualToDate?.value, l.values.forecastOutturn?.value])).toEqual([
      ["Residential", 100, 200],
      ["IFA", 50, 60],
    ]);
  });

  it("moves a line to the category the user chose for its row", () => {
    const cells = [seedHeader, ["Local Solutions", 1, 2]];
    const options = { categoryOverrides: { [categoryOverrideKey("S", 1)]: "supported" as const } };
    expect(categoryOverrideKey("S", 1)).toBe("S!2");
    const [budget] = recogniseBudgetMonitoring(sheet("S", cells), options);
    expect(budget.lines[0].category).toBe("supported");
    expect(budget.warnings.filter((w) => w.severity === "warning")).toEqual([]);
  });

  it("gathers every table's questions into the workbook's list once, lines first", () => {
    const recognition = recogniseWorkbook([
      sheet("P10", [seedHeader, ["Fostering", 1, 2]]),
      sheet("Q", [seedHeader, ["Short breaks", 1, 2]]),
    ]);
    const own = recognition.budgets.flatMap((b) => b.questions);
    expect(own.map((q) => [q.sheet, q.kind])).toEqual([
      ["P10", "lineChoice"],
      ["P10", "units"],
      ["Q", "excludedLines"],
      ["Q", "units"],
    ]);
    expect(own[0].lines?.map((l) => [l.label, l.where, l.amountGbp])).toEqual([
      ["Fostering", "cell A2 of sheet 'P10'", 2],
    ]);
    expect(recognition.questions).toEqual(own);
    expect(recognition.warnings).toEqual(recognition.budgets.flatMap((b) => b.warnings));
  });
});

describe("budget tables: what gets reported", () => {
  it("uses the revised budget over the original, and says so", () => {
    const cells = [
      ["Line", "Original Budget", "Revised Budget", "Actual", "Forecast"],
      ["Residential", 100, 120, 90, 130],
    ];
    const [budget] = recogniseBudgetMonitoring(sheet("S", cells));
    expect(budget.columns.budget?.header).toBe("Revised Budget");
    expect(budget.questions.find((q) => q.kind === "column")?.message).toBe(
      "two columns read as budget: 'Revised Budget' (column C) is used, 'Original Budget' (column B) is not; choose another in the column mapping (sheet 'S')",
    );
  });

  it("counts a line that appears twice, and says so", () => {
    const [budget] = recogniseBudgetMonitoring(sheet("S", [seedHeader, ["IFA", 1, 2], ["IFA", 3, 4]]));
    expect(budget.lines).toHaveLength(2);
    expect(budget.warnings.map((w) => w.message)).toContain(
      "line 'IFA' appears twice on sheet 'S' (rows 2 and 3); both are counted",
    );
  });

  it("counts an unlabelled row that matches nothing under Needs a choice, and asks about it", () => {
    const [budget] = recogniseBudgetMonitoring(sheet("S", [seedHeader, ["IFA", 1, 2], [null, 5, 5]]));
    expect(budget.lines.map((l) => [l.label, l.category])).toEqual([
      ["IFA", "ifa"],
      ["", "unassigned"],
    ]);
    expect(budget.questions[0].lines?.map((l) => [l.where, l.decidedBy])).toEqual([
      ["cell A3 of sheet 'S'", "the row has amounts but no label"],
    ]);
  });

  it("reconciles a subtotal that covers only the lines under its heading", () => {
    const cells = [
      ["Line", "Actual", "Forecast"],
      ["Residential", 100, 150],
      ["Fostering"],
      ["IFA", 10, 20],
      ["In house fostering", 5, 6],
      ["Total fostering", 15, 26],
      ["Total", 115, 176],
    ];
    const [budget] = recogniseBudgetMonitoring(sheet("P10", cells));
    expect(budget.totals.map((t) => [t.label, t.kind])).toEqual([
      ["Total fostering", "subtotal"],
      ["Total", "total"],
    ]);
    expect(budget.warnings.filter((w) => w.severity === "warning")).toEqual([]);
  });

  it("allows half a unit per line of rounding in a £000 total, and no more", () => {
    const cells = (total: number) => [
      ["Line", "Actual £000", "Forecast £000"],
      ["Residential", 12119.924, 14000.1],
      ["IFA", 4745.315, 5690],
      ["Total", 16865, total],
    ];
    const within = recogniseBudgetMonitoring(sheet("P10", cells(19691)))[0];
    expect(within.warnings.filter((w) => w.severity === "warning")).toEqual([]);
    const beyond = recogniseBudgetMonitoring(sheet("P10", cells(19692)))[0];
    expect(beyond.warnings.filter((w) => w.severity === "warning").map((w) => w.message)).toEqual([
      "'Total' on sheet 'P10' does not match its lines: its forecast outturn is £19,692,000 but the 2 lines above it add up to £19,690,100",
    ]);
  });

  it("warns when the title and the headers name different periods", () => {
    const cells = [["Budget report Period 9"], [], ["Line", "P10 Actual", "Forecast"], ["IFA", 1, 2]];
    const [budget] = recogniseBudgetMonitoring(sheet("S", cells));
    expect(budget.period?.period).toBe(10);
    expect(budget.warnings.map((w) => w.message)).toContain(
      "sheet 'S' names two periods: P10 in the header 'P10 Actual' (cell B3 of sheet 'S') (used) and P9 in the title 'Budget report Period 9' (cell A1 of sheet 'S')",
    );
  });

  it("asks for the period when the sheet does not give one", () => {
    const [budget] = recogniseBudgetMonitoring(
      sheet("Spend", [
        ["Line", "Actual", "Forecast"],
        ["IFA", 1, 2],
      ]),
    );
    expect(budget.period).toBeNull();
    expect(budget.questions.map((q) => q.message)).toContain(
      "no period found on sheet 'Spend' (looked for P10, Period 10, Month 10 or a month name in its headers, title and name); choose the period",
    );
  });

  it("reports a line of a second table that has no line of the same name in the first", () => {
    const cells = [
      seedHeader,
      ...seedLines,
      [],
      ["Average Costs"],
      [null, "£"],
      ["Residential", 4528],
      ["Leaving care", 1062],
    ];
    const [budget] = recogniseBudgetMonitoring(sheet("P10", cells));
    expect(budget.lines[0].values.averageWeeklyCost?.value).toBe(4528);
    expect(budget.warnings.map((w) => w.message)).toContain(
      "line 'Leaving care' of the table at row 6 of sheet 'P10' has no line of the same name in the table at row 1; its figures were left out",
    );
  });

  it("says when the variance column is budget minus forecast, the other way round from the add-in's", () => {
    const cells = (sign: number) => [
      ["Line", "Budget", "Actual", "Forecast", "Variance"],
      ["Residential", 13_500_000, 12_119_924, 14_000_100, sign * 500_100],
      ["IFA", 5_200_000, 4_745_315, 5_690_000, sign * 490_000],
      ["In house fostering", 3_900_000, 3_175_235, 3_863_500, sign * -36_500],
    ];
    const overspendPositive = recogniseBudgetMonitoring(sheet("P10", cells(1)))[0];
    expect(overspendPositive.warnings.filter((w) => w.severity === "warning")).toEqual([]);
    const underspendPositive = recogniseBudgetMonitoring(sheet("P10", cells(-1)))[0];
    expect(underspendPositive.warnings.filter((w) => w.severity === "warning").map((w) => w.message)).toEqual([
      "the variance column 'Variance' on sheet 'P10' is budget minus forecast (positive = underspend) on 3 of 3 lines; the add-in's variance is forecast minus budget (positive = overspend), so its sign is the other way round",
    ]);
  });

  it("takes the table's units from its money columns and title, not from a weekly cost's own '£'", () => {
    const cells = [
      ["All figures £000 unless stated"],
      [],
      ["Line", "Actual", "Forecast", "Avg weekly cost £"],
      ["Residential", 12119.924, 14000.1, 4528],
    ];
    const [budget] = recogniseBudgetMonitoring(sheet("P10", cells));
    expect(budget.units).toEqual({
      kind: "thousands",
      multiplier: 1000,
      source: "title 'All figures £000 unless stated' (cell A1 of sheet 'P10')",
    });
    expect(Object.fromEntries(Object.entries(budget.lines[0].values).map(([m, a]) => [m, a.value]))).toEqual({
      actualToDate: 12_119_924,
      forecastOutturn: 14_000_100,
      averageWeeklyCost: 4528,
    });
  });

  it("lists everything missing from a table that is not a budget", () => {
    const cells = [["LAC numbers"], [], ["Date", "Children looked after"], [new Date(Date.UTC(2021, 2, 31)), 613]];
    expect(() => recogniseBudgetMonitoring(sheet("LAC History", cells))).toThrow(
      "found 'Children looked after' but no column of line labels, actual-to-date column or forecast outturn column on sheet 'LAC History' (header at A3); choose the columns in the column mapping",
    );
  });

  it("takes the column headed like labels when no label names a placement type", () => {
    const cells = [
      ["Code", "Description", "Actual", "Forecast"],
      ["A1", "Local Solutions", 1, 2],
      ["B2", "Cherry Road", 3, 4],
    ];
    const [budget] = recogniseBudgetMonitoring(sheet("S", cells));
    expect(budget.labelCol).toBe(1);
    expect(budget.lines.map((l) => l.label)).toEqual(["Local Solutions", "Cherry Road"]);
  });

  it("names the missing label column", () => {
    const cells = [
      ["Actual", "Forecast"],
      [1, 2],
    ];
    expect(() => recogniseBudgetMonitoring(sheet("Bare", cells))).toThrow(
      "found 'Actual' and 'Forecast' but no column of line labels on sheet 'Bare' (header at A1); choose the columns in the column mapping",
    );
  });
});
