import { applyPlan, type ApplyOptions } from "../../src/excel/apply";
import { BuildCancelled, ExcelActionError } from "../../src/excel/errors";
import { capabilitiesOf } from "../../src/excel/host";
import { readWorkbook } from "../../src/excel/read";
import type { WorkbookPlan } from "../../src/workbook/plan";
import type { FakeExcel } from "../support/fakeExcel";
import { BUDGET_SHEET, spendPlan, workbookWithBudget } from "./plans";

function build(fake: FakeExcel, plan: WorkbookPlan, options: Partial<ApplyOptions> = {}) {
  return fake.run((context) => applyPlan(context, plan, { capabilities: capabilitiesOf(fake), ...options }));
}

function userSheets(fake: FakeExcel) {
  return fake.picture().sheets.filter((s) => s.name === "Notes" || s.name === BUDGET_SHEET);
}

describe("applyPlan on the fake Excel object model", () => {
  it("writes formulas, values, formats, styles, tables, charts, names and markers", async () => {
    const fake = workbookWithBudget(3);
    const report = await build(fake, spendPlan(3));

    expect(fake.sheetNames()).toEqual(["Notes", BUDGET_SHEET, "Assumptions", "Spend"]);
    expect(report.sheets).toEqual([
      { key: "assumptions", name: "Assumptions" },
      { key: "spend", name: "Spend" },
    ]);
    expect(fake.cell("Spend", "A2")).toMatchObject({ formula: "='Budget P10'!$B$4", value: null });
    // A link to the user's own cell: green text, the finance convention for links to other sheets.
    expect(fake.cell("Spend", "B4")).toMatchObject({
      formula: "='Budget P10'!$E$6",
      format: "£#,##0",
      style: { "font.color": "#008000" },
    });
    expect(fake.cell("Spend", "B4")?.style).not.toHaveProperty("fill.color");
    expect(fake.cell("Spend", "C2")).toMatchObject({ formula: "=B2*(1+LAC_Uplift)" });
    // The same looks as the command line writes (workbook/looks): ruled totals, unlocked inputs, dark headers.
    expect(fake.cell("Spend", "B6")).toMatchObject({
      formula: "=SUM(B2:B4)",
      style: { "font.bold": true, "border.EdgeTop.style": "Continuous", "border.EdgeBottom.style": "Double" },
    });
    expect(fake.cell("Assumptions", "B2")).toMatchObject({
      value: 52,
      format: "0.00",
      style: { "font.color": "#0000FF", "fill.color": "#FFF2CC", "protection.locked": false },
    });
    expect(fake.cell("Spend", "A1")?.style).toMatchObject({
      "font.bold": true,
      "font.color": "#FFFFFF",
      "fill.color": "#1F4E79",
      wrapText: true,
      verticalAlignment: "Top",
    });

    const spend = fake.picture().sheets.find((s) => s.name === "Spend");
    expect(spend?.customProperties).toEqual([["LacSufficiencySheet", "spend"]]);
    expect(spend?.freeze).toEqual({ rows: 1, cols: 1 });
    expect(spend?.columnWidths).toEqual([
      [0, 161.25],
      [1, 87.75],
      [2, 87.75],
    ]);
    expect(spend?.tables).toEqual([{ name: "LAC_SpendTable", range: "Spend!$A$1:$C$4", style: "TableStyleLight9" }]);
    expect(spend?.charts).toEqual([
      {
        name: "spendChart",
        type: "ColumnClustered",
        title: "Forecast outturn by line",
        position: ["F2", "M16"],
        series: [
          {
            name: "Forecast outturn",
            values: "Spend!$B$2:$B$4",
            xValues: "Spend!$A$2:$A$4",
            format: { fill: "#1F4E79" },
          },
          {
            name: "Next year",
            values: "Spend!$C$2:$C$4",
            xValues: "Spend!$A$2:$A$4",
            format: { "line.lineStyle": "Dash" },
          },
        ],
        axes: { "valueAxis.title": "£", "valueAxis.numberFormat": "£#,##0" },
      },
    ]);
    expect(fake.picture().names).toEqual([
      { name: "LAC_Uplift", formula: "=Assumptions!$B$3", comment: "Annual uplift", visible: true },
      { name: "LAC_WeeksPerYear", formula: "=Assumptions!$B$2", comment: "", visible: true },
    ]);
    expect(fake.picture().documentProperties).toEqual([
      ["LacSufficiencyName.LAC_Uplift", "LAC_Uplift"],
      ["LacSufficiencyName.LAC_WeeksPerYear", "LAC_WeeksPerYear"],
      ["LacSufficiencySheet.assumptions", "Assumptions"],
      ["LacSufficiencySheet.spend", "Spend"],
    ]);
    expect(fake.calls.some((c) => c.includes("suspendApiCalculationUntilNextSync"))).toBe(true);
    expect(fake.calls.some((c) => c.includes("suspendScreenUpdatingUntilNextSync"))).toBe(true);
    expect(fake.calls.some((c) => c.includes("application.calculate(Full)"))).toBe(true);
  });

  it("keeps text that begins with =, +, -, @ or looks like a number or date as the text it is", async () => {
    const fake = workbookWithBudget(2);
    await build(fake, spendPlan(2));
    const expected: [string, string][] = [
      ["A4", "=SUM(A1:A3) is how the finance team checks it"],
      ["B4", "+44 161 000 0000"],
      ["A5", "-"],
      ["B5", "@risk"],
      ["A6", "007"],
      ["B6", "Apr-24"],
    ];
    for (const [address, text] of expected) {
      expect(fake.cell("Assumptions", address)).toMatchObject({ value: text, formula: null });
    }
  });

  it("never writes the user's sheets", async () => {
    const fake = workbookWithBudget(5);
    const before = userSheets(fake);
    await build(fake, spendPlan(5));
    await build(fake, spendPlan(5));
    expect(userSheets(fake)).toEqual(before);
    const userWrites = fake.calls.filter((c) =>
      /worksheet\((Notes|Budget P10)\)\.(?!load|tables\.load|customProperties\.getItemOrNullObject)/.test(c),
    );
    expect(userWrites).toEqual([]);
  });

  it("leaves the workbook after a second build exactly as after the first", async () => {
    const fake = workbookWithBudget(4);
    await build(fake, spendPlan(4));
    const once = fake.picture();
    const report = await build(fake, spendPlan(4));
    expect(fake.picture()).toEqual(once);
    expect(report.replaced).toEqual(["Assumptions", "Spend"]);
  });

  it("rebuilds a smaller plan over a larger one without leaving stale cells, tables or names", async () => {
    const big = workbookWithBudget(6);
    await build(big, spendPlan(6));
    await build(big, spendPlan(2));
    const fresh = workbookWithBudget(6);
    await build(fresh, spendPlan(2));
    expect(big.picture()).toEqual(fresh.picture());
  });

  it("uses the same number of syncs for a 10-line and a 10,000-line budget", async () => {
    const syncsFor = async (lines: number) => {
      const fake = workbookWithBudget(lines);
      const snapshot = await fake.run((context) => readWorkbook(context, capabilitiesOf(fake)));
      const readSyncs = fake.syncs;
      const report = await build(fake, spendPlan(lines));
      expect(snapshot.grids.find((g) => g.name === BUDGET_SHEET)?.cells).toHaveLength(lines + 1);
      return {
        readSyncs,
        applySyncs: fake.syncs - readSyncs,
        reported: report.syncs,
        writeRequests: report.writeRequests,
      };
    };
    const small = await syncsFor(10);
    const large = await syncsFor(10_000);
    expect(small).toEqual({ readSyncs: 3, applySyncs: 4, reported: 4, writeRequests: 1 });
    expect(large).toEqual(small);
  });

  it("splits the write into requests under the size limit only when one would pass it", async () => {
    const fake = workbookWithBudget(400);
    const report = await build(fake, spendPlan(400), { maxRequestBytes: 4_000 });
    expect(report.writeRequests).toBeGreaterThan(3);
    // requestChars has one entry per sync: 2 inspecting, the write requests, 1 finishing.
    const writeChars = fake.requestChars.slice(2, 2 + report.writeRequests);
    expect(Math.max(...writeChars)).toBeLessThanOrEqual(4_000);
    const whole = workbookWithBudget(400);
    await build(whole, spendPlan(400));
    expect(fake.picture()).toEqual(whole.picture());
  });

  describe("a failing sync", () => {
    // Syncs of a rebuild: 1-2 inspect, 3 write, 4 finish.
    it.each([
      [3, 0],
      [3, 5],
      [3, undefined],
    ])(
      "during the write (sync %i, after %s calls) surfaces in words and leaves the workbook as it was",
      async (sync, afterCalls) => {
        const fake = workbookWithBudget(3);
        await build(fake, spendPlan(3));
        const before = fake.picture();
        const start = fake.syncs;
        fake.failSync(start + sync, {
          code: "AccessDenied",
          message: "You cannot perform the requested operation.",
          afterCalls,
        });

        const failure = await build(fake, spendPlan(3)).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(ExcelActionError);
        const error = failure as ExcelActionError;
        expect(error.message).toContain(
          "Excel could not finish writing the sufficiency sheets: You cannot perform the requested operation. [AccessDenied]",
        );
        expect(error.whatToDo).toContain("Unprotect the workbook structure");
        expect(fake.picture()).toEqual(before);
      },
    );

    it("in a chunked write, after some requests went through, still puts everything back", async () => {
      const fake = workbookWithBudget(200);
      await build(fake, spendPlan(200));
      const before = fake.picture();
      fake.failSync(fake.syncs + 5, { code: "GeneralException", message: "An internal error has occurred." });
      await expect(build(fake, spendPlan(200), { maxRequestBytes: 3_000 })).rejects.toThrow("[GeneralException]");
      expect(fake.picture()).toEqual(before);
    });

    it("on a first build removes every half-written sheet", async () => {
      const fake = workbookWithBudget(3);
      const before = fake.picture();
      fake.failSync(3, {
        code: "InvalidArgument",
        message: "The argument is invalid or missing or has an incorrect format.",
      });
      await expect(build(fake, spendPlan(3))).rejects.toThrow(ExcelActionError);
      expect(fake.picture()).toEqual(before);
    });

    it("when reading the sheet list says what failed", async () => {
      const fake = workbookWithBudget(3);
      fake.failSync(1, { code: "InvalidOperationInCellEditMode", message: "Excel is in cell-editing mode." });
      const error = (await build(fake, spendPlan(3)).catch((e: unknown) => e)) as ExcelActionError;
      expect(error.message).toMatch(
        /^Excel could not finish reading the list of sheets: Excel is in cell-editing mode\. \[InvalidOperationInCellEditMode\] \(at .+\)\.$/,
      );
      expect(error.whatToDo).toBe("A cell is being edited. Press Enter or Esc in the sheet, then try again.");
    });
  });

  it("when the workbook structure is protected, refuses before writing anything, saying what to do", async () => {
    const fake = workbookWithBudget(3);
    await build(fake, spendPlan(3));
    const before = fake.picture();
    fake.structureProtected = true;
    const callsBefore = fake.calls.length;
    const error = (await build(fake, spendPlan(3)).catch((e: unknown) => e)) as ExcelActionError;
    expect(error).toBeInstanceOf(ExcelActionError);
    expect(error.message).toBe(
      "The workbook's structure is protected (Review > Protect Workbook), so the add-in cannot add its sheets. Nothing was changed.",
    );
    expect(error.whatToDo).toContain("Unprotect the workbook structure");
    // Only the inspection ran: no sheet was set aside, added or written.
    expect(fake.calls.slice(callsBefore).every((call) => /load|functions\.date/.test(call))).toBe(true);
    expect(fake.picture()).toEqual(before);
  });

  it("cancelling before the finish puts the workbook back", async () => {
    const fake = workbookWithBudget(3);
    await build(fake, spendPlan(3));
    const before = fake.picture();
    const controller = new AbortController();
    const stages: string[] = [];
    const cancelled = build(fake, spendPlan(3), {
      signal: controller.signal,
      onProgress: (p) => {
        stages.push(`${p.stage} ${p.done}/${p.total}`);
        if (p.stage === "writing" && p.done === 1) controller.abort();
      },
    });
    await expect(cancelled).rejects.toBeInstanceOf(BuildCancelled);
    expect(stages).toEqual([
      "checking 0/2",
      "checking 2/2",
      "writing 0/1",
      "writing 1/1",
      "restoring 0/2",
      "restoring 2/2",
    ]);
    expect(fake.picture()).toEqual(before);
  });

  it("never overwrites a user's sheet that bears one of the add-in's names", async () => {
    const fake = workbookWithBudget(3).addSheet("Spend", [["My own spend analysis"]]);
    const before = fake.picture();
    const error = (await build(fake, spendPlan(3)).catch((e: unknown) => e)) as ExcelActionError;
    expect(error.message).toBe("The sheet 'Spend' is one of yours, and the add-in will not overwrite it.");
    expect(fake.picture()).toEqual(before);
    // Under the name the builder picks instead, the user's sheet stays as it was.
    await build(fake, spendPlan(3, { spend: "Spend (LAC)" }));
    expect(fake.picture().sheets.find((s) => s.name === "Spend")).toEqual(
      before.sheets.find((s) => s.name === "Spend"),
    );
  });

  it("keeps the user's own defined names, even one starting LAC_ on a sheet whose name contains one of ours", async () => {
    const fake = workbookWithBudget(3).addSheet("Spend notes", [["Our notes on spend"]]);
    await fake.run(async (context) => {
      (context.workbook.names as unknown as { add: (name: string, ref: string) => void }).add(
        "LAC_MyNote",
        "='Spend notes'!$A$1",
      );
      await context.sync();
    });
    await build(fake, spendPlan(3));
    await build(fake, spendPlan(3));
    expect(fake.picture().names).toContainEqual({
      name: "LAC_MyNote",
      formula: "='Spend notes'!$A$1",
      comment: "",
      visible: true,
    });
  });

  it("keeps a user's copy of one of its sheets when rebuilding", async () => {
    const fake = workbookWithBudget(3);
    await build(fake, spendPlan(3));
    fake.copySheet("Spend", "Spend (2)");
    const copy = fake.picture().sheets.find((s) => s.name === "Spend (2)");
    const report = await build(fake, spendPlan(3));
    expect(fake.picture().sheets.find((s) => s.name === "Spend (2)")).toEqual(copy);
    expect(report.notes.map((n) => n.message)).toContain(
      "Sheet 'Spend (2)' carries the add-in's marker for 'spend' as well as sheet 'Spend' (a copy?). It is kept as your own sheet and will not be replaced.",
    );
  });

  it("without worksheet custom properties (ExcelApi 1.9) recognises its sheets by the document properties and says so", async () => {
    const fake = workbookWithBudget(3, { excelApi: "1.9" });
    await build(fake, spendPlan(3));
    const once = fake.picture();
    expect(once.sheets.every((s) => s.customProperties.length === 0)).toBe(true);
    const report = await build(fake, spendPlan(3));
    expect(fake.picture()).toEqual(once);
    expect(report.notes[0].message).toContain("no worksheet custom properties (ExcelApi 1.12)");
  });
});

describe("readWorkbook", () => {
  it("reads every user sheet's used range with its origin, and which sheets are the add-in's", async () => {
    const fake = workbookWithBudget(2);
    await build(fake, spendPlan(2));
    fake.addSheet("Empty");
    const snapshot = await fake.run((context) => readWorkbook(context, capabilitiesOf(fake)));
    expect(snapshot.existing).toEqual([
      { name: "Notes", ownedKey: null },
      { name: BUDGET_SHEET, ownedKey: null },
      { name: "Assumptions", ownedKey: "assumptions" },
      { name: "Spend", ownedKey: "spend" },
      { name: "Empty", ownedKey: null },
    ]);
    expect(snapshot.grids.map((g) => g.name)).toEqual(["Notes", BUDGET_SHEET, "Empty"]);
    expect(snapshot.grids[1]).toEqual({
      name: BUDGET_SHEET,
      origin: { row: 2, col: 1 },
      cells: [
        ["Placement line", "Budget £", "Actual to date £", "Forecast outturn £"],
        ["Line 1", 100_000, 80_000, 120_000],
        ["Line 2", 100_001, 80_001, 120_001],
      ],
    });
    expect(snapshot.grids[2]).toEqual({ name: "Empty", origin: { row: 0, col: 0 }, cells: [] });
  });
});
