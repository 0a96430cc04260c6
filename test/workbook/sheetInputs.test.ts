/**
 * Inputs typed on the add-in's own sheets survive a rebuild: the readers beside each sheet's writer find
 * exactly the input cells the writer placed, and a rebuild lays what they read over the assumptions.
 */
import { serialFromYmd } from "../../src/core/dates";
import { recogniseWorkbook } from "../../src/sources/recognise";
import { generateCareHistory } from "../../tools/synthetic/ssda903";
import type { Cell, SheetGrid } from "../../src/core/grid";
import type { Assumptions } from "../../src/workbook/assumptions";
import { buildSufficiencyPlan, defaultAssumptions } from "../../src/workbook/build";
import { FORMATS } from "../../src/workbook/cells";
import type { PlanCell, WorkbookPlan } from "../../src/workbook/plan";
import {
  applySheetInputs,
  changedSheetInputs,
  readSheetInputs,
  type SheetInputs,
} from "../../src/workbook/sheetInputs";
import { readAssumptionsSheet } from "../../src/workbook/sheets/assumptions";
import type { TypedPrices } from "../../src/workbook/sheets/demandCost";
import { evaluatePlan, planMismatches } from "../support/hyperformula";
import { PlanGrids } from "../support/planGrids";
import { cellGrid, rowLabelled, sheetByKey, tableRows } from "./planReader";
import { seedAssumptions, seedRecognition, seedSheet } from "./seed";

const recognition = seedRecognition();
const careHistory = generateCareHistory({ children: 300, seed: 7, firstYear: 2017, years: 4 });
const existingSheets = [{ name: "P10 Summary", ownedKey: null }];
const INPUT_SHEETS = ["assumptions", "careInCare", "careStartersLeavers", "careStability", "demandCost"];

function build(assumptions: Assumptions, typedPrices?: TypedPrices): WorkbookPlan {
  return buildSufficiencyPlan({
    recognition,
    assumptions,
    existingSheets,
    careHistory,
    ...(typedPrices ? { demand: { typedPrices } } : {}),
  });
}

const assumptions = seedAssumptions(recognition);
const plan = build(assumptions);

/** The cell beside a label on a sheet of the plan, as an A1 address ("B9"). */
function beside(grids: PlanGrids, key: string, label: string, across = 1): string {
  const { row, col } = grids.find(key, label);
  return `${String.fromCharCode(65 + col + across)}${row + 1}`;
}

/** Reads the sheets back and lays them over `base`, as the command line does. */
function rebuilt(
  grids: PlanGrids,
  base: Assumptions = assumptions,
): { inputs: SheetInputs; assumptions: Assumptions; plan: WorkbookPlan } {
  const inputs = readSheetInputs(grids.workbook);
  const applied = applySheetInputs(base, inputs, { lines: "sheet" });
  return { inputs, assumptions: applied.assumptions, plan: build(applied.assumptions, inputs.prices ?? undefined) };
}

/** A value a user might type instead of a cell's, of the same kind and still valid. */
function anotherValue(cell: PlanCell): Cell {
  const value = cell.value;
  if (typeof value === "string") return value === "linear" ? "exponential" : `${value} (edited)`;
  if (typeof value === "number") {
    if (cell.format === FORMATS.upliftRate || cell.format === FORMATS.percent) return value / 2 + 0.001;
    if (cell.format === FORMATS.weeks) return 52.5;
    return value + 1;
  }
  if (cell.format === FORMATS.percent) return 0.5;
  if (cell.format === FORMATS.rate) return 12.5;
  return cell.format === undefined ? "typed" : 1_000;
}

describe("reading back the add-in's sheets", () => {
  it("finds nothing changed on sheets as they were built, and rebuilds the same plan", () => {
    const { inputs, plan: again } = rebuilt(new PlanGrids(plan));
    expect(inputs.warnings).toEqual([]);
    expect(applySheetInputs(assumptions, inputs, { lines: "sheet" }).changed).toEqual([]);
    expect(again).toEqual(plan);
  });

  it.each([
    ["the seed's assumptions", () => plan],
    [
      "the defaults: base costs linked to Spend, the current cost their sum, exact weeks, no counts",
      () => build({ ...defaultAssumptions(recognition), weeksPerYear: 365 / 7 }),
    ],
  ])("reads every input cell the writer places (%s): changing any one of them is seen", (_, made) => {
    const plan = made();
    const original = readSheetInputs(new PlanGrids(plan).workbook);
    expect(original.warnings).toEqual([]);
    const missed: string[] = [];
    let inputCells = 0;
    for (const key of INPUT_SHEETS) {
      const cells = cellGrid(sheetByKey(plan, key));
      cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (cell?.style !== "input") return;
          inputCells += 1;
          const address = `${String.fromCharCode(65 + c)}${r + 1}`;
          const edited = readSheetInputs(new PlanGrids(plan).type(key, address, anotherValue(cell)).workbook);
          const seen =
            changedSheetInputs(edited, original).size > 0 ||
            JSON.stringify(edited.prices) !== JSON.stringify(original.prices);
          if (edited.warnings.length || !seen) missed.push(`${key}!${address}`);
        }),
      );
    }
    expect(inputCells).toBeGreaterThan(100);
    expect(missed).toEqual([]);
  });

  it("carries what the user typed into the rebuilt workbook, whose formulas all still evaluate", () => {
    const grids = new PlanGrids(plan);
    const a = (label: string) => beside(grids, "assumptions", label);
    grids.type("assumptions", a("Children aged 0-17 in the area"), 60_000);
    grids.typeFormula("assumptions", a("Weeks per year"), "=365/7", 365 / 7);
    grids.type("assumptions", a("Projection target date"), new Date(Date.UTC(2025, 5, 30)));
    grids.type("assumptions", a("Projected count given by the council"), null);
    grids.type("assumptions", a("The current cost excludes"), "Cherry Road");
    const ifa = grids.find("assumptions", "IFA");
    grids.type("assumptions", `E${ifa.row + 1}`, "6%");
    grids.type("assumptions", `C${ifa.row + 1}`, 6_000_000);
    grids.type("assumptions", `A${ifa.row + 1}`, "=IFA and parent and child");
    const inCare = grids.find("careInCare", "Rate per 10,000 children aged 0-17");
    const region = grids.find("careInCare", "Region");
    grids.type("careInCare", `C${region.row + 1}`, 45.5);
    grids.type("careInCare", `A${region.row + 1}`, "North West");
    grids.type("careInCare", beside(grids, "careInCare", "Population aged 0-17 (ONS mid-year estimate)"), 52_000);
    const longTerm = grids.find("careStability", "This council: % (higher is better)");
    // England, the third comparator row, under the share and the row saying which wording the council's figures follow.
    grids.type("careStability", `E${longTerm.row + 5}`, "68%");
    const kinship = grids.find("demandCost", "Kinship / Connected Persons Fostering");
    grids.type("demandCost", `B${kinship.row + 1}`, 350);
    const residentialPrices = grids.find("demandCost", "Residential");
    grids.type("demandCost", `D${residentialPrices.row + 1}`, 0.07);

    const { inputs, assumptions: kept, plan: again } = rebuilt(grids);
    expect(inputs.warnings).toEqual([]);
    expect(kept.population0to17).toEqual({ value: 60_000, source: "kept from cell B9 of sheet 'Assumptions'" });
    expect(kept.weeksPerYear).toBe(365 / 7);
    expect(kept.projectionTargetDate).toBe(serialFromYmd(2025, 6, 30));
    expect(kept.projectedLacCount?.value).toBeNull();
    expect(kept.currentCostExcludes).toBe("Cherry Road");
    expect(kept.uplift[1]).toEqual({
      label: "=IFA and parent and child",
      category: "ifa",
      baseCostGbp: { value: 6_000_000, source: `kept from cell C${ifa.row + 1} of sheet 'Assumptions'` },
      rates: [0.05, 0.06, 0.05],
    });
    expect(kept.comparators.lookedAfterRate[0]).toEqual({
      name: "North West",
      values: { 2018: null, 2019: 45.5, 2020: null, 2021: null },
    });
    expect(kept.populationByYear[2018]).toBe(52_000);
    expect(kept.comparators.stabilityLong[2]).toEqual({
      name: "England",
      values: { 2018: null, 2019: null, 2020: null, 2021: 0.68 },
    });

    // The new workbook shows them where the user typed them, as values (the label as text, never a formula).
    const sheet = sheetByKey(again, "assumptions");
    expect(rowLabelled(sheet, "Children aged 0-17 in the area").cells[1]).toMatchObject({
      value: 60_000,
      style: "input",
    });
    expect(rowLabelled(sheet, "Weeks per year").cells[1]).toMatchObject({ formula: "365/7", style: "input" });
    const line = tableRows(sheet, "Line").find((row) => row["Placement category"]?.value === "Independent Fostering");
    expect(line?.Line).toEqual({ value: "=IFA and parent and child", style: "input" });
    expect(line?.["Rate to Mar-24"]).toMatchObject({ value: 0.06, style: "input" });
    const regionRow = rowLabelled(sheetByKey(again, "careInCare"), "North West", inCare.row);
    expect(regionRow.cells.slice(1)).toEqual(
      [null, 45.5, null, null].map((value) => ({ value, format: FORMATS.rate, style: "input" })),
    );

    // The Cost forecast's typed prices go to the demand forecast: a weekly cost where there was none, a rate over its link.
    expect(inputs.prices).toEqual({ weeklyCostGbp: { kinship: 350 }, upliftRates: { residential: { 2023: 0.07 } } });
    const prices = tableRows(sheetByKey(again, "demandCost"), "Category");
    const kinshipPrices = prices.find((row) => row.Category?.value === "Kinship / Connected Persons Fostering");
    expect(kinshipPrices?.["Weekly cost £ (2021/22 prices)"]).toEqual({
      value: 350,
      format: FORMATS.gbp,
      style: "input",
    });
    const residentialRow = prices.find((row) => row.Category?.value === "Residential");
    expect(residentialRow?.["Uplift from 1 April 2022"]?.formula).toMatch(/^Assumptions!\$D\$\d+$/);
    expect(residentialRow?.["Uplift from 1 April 2023"]).toEqual({
      value: 0.07,
      format: FORMATS.upliftRate,
      style: "input",
    });
    expect(again.warnings.some((w) => w.message.startsWith("No weekly cost for Kinship"))).toBe(false);

    // The figures follow: rates on the typed population, the cost projection from the Needs projection.
    expect(planMismatches(again, [seedSheet()])).toEqual([]);
    const evaluation = evaluatePlan(again, [seedSheet()]);
    const rates = grids.find("careInCare", "This council: rate per 10,000");
    const count = evaluation.value("In care", inCare.row + 1, 1);
    expect(evaluation.value("In care", rates.row, 1)).toBeCloseTo(((count as number) / 52_000) * 10_000, 9);
    expect(again.summary.lookedAfter).toMatchObject({ projectionTargetDate: serialFromYmd(2025, 6, 30) });
    expect((again.summary.costProjection as { currentCostGbp: number }).currentCostGbp).toBe(30_451_000);
    expect((again.summary.lookedAfter as { projected: number }).projected).not.toBe(770);
  });

  it("refuses a weeks-per-year a budget cannot mean (5.2 typed for 52), as the pane and the command line do", () => {
    const grids = new PlanGrids(plan);
    grids.type("assumptions", beside(grids, "assumptions", "Weeks per year"), 5.2);
    const { inputs, assumptions: kept } = rebuilt(grids);
    expect(inputs.warnings.map((w) => w.message)).toEqual([
      `cell B8 of sheet 'Assumptions' (Weeks per year): expected a number of weeks in a year: 52, or =365/7 for 52.142857, found 5.2; not read back, so the value the build would otherwise use stands.`,
    ]);
    expect(kept.weeksPerYear).toBe(52);
  });

  it("leaves out what it cannot read, naming the cell, and the value the build would otherwise use stands", () => {
    const grids = new PlanGrids(plan);
    grids.type("assumptions", beside(grids, "assumptions", "Children aged 0-17 in the area"), "lots");
    grids.type("assumptions", beside(grids, "assumptions", "Weeks per year"), null);
    grids.type("assumptions", beside(grids, "assumptions", "Projection method"), "straight");
    const region = grids.find("careStartersLeavers", "Region");
    grids.type("careStartersLeavers", `B${region.row + 1}`, "n/a");
    const { inputs, assumptions: kept } = rebuilt(grids);
    expect(inputs.warnings.map((w) => w.message)).toEqual([
      `cell B8 of sheet 'Assumptions' (Weeks per year): expected a number of weeks in a year: 52, or =365/7 for 52.142857, found a blank cell; not read back, so the value the build would otherwise use stands.`,
      `cell B9 of sheet 'Assumptions' (Children aged 0-17 in the area): expected a number of children above 0, found "lots"; not read back, so the value the build would otherwise use stands.`,
      `cell B11 of sheet 'Assumptions' (Projection method): expected the projection method: linear or exponential, found "straight"; not read back, so the value the build would otherwise use stands.`,
      `cell B${region.row + 1} of sheet 'Starters and leavers' (Region 2018): expected a rate per 10,000 children (0 or more), found "n/a"; not read back, so the value the build would otherwise use stands.`,
    ]);
    expect(inputs.warnings[1].where).toBe("cell B9 of sheet 'Assumptions'");
    expect(kept.population0to17).toEqual(assumptions.population0to17);
    expect(kept.weeksPerYear).toBe(52);
    expect(kept.projectionMethod).toBe("linear");
  });

  it("keeps the result of a formula the user typed in an input cell, saying the formula is not kept", () => {
    const grids = new PlanGrids(plan);
    const cell = beside(grids, "assumptions", "Children aged 0-17 in the area");
    grids.typeFormula("assumptions", cell, "=54000+98+1000", 55_098);
    const { inputs, assumptions: kept } = rebuilt(grids);
    expect(kept.population0to17.value).toBe(55_098);
    expect(inputs.warnings).toEqual([
      {
        severity: "info",
        message:
          "cell B9 of sheet 'Assumptions' (Children aged 0-17 in the area) holds the formula =54000+98+1000: its result 55098 is kept as a value; the formula itself is not.",
        where: "cell B9 of sheet 'Assumptions'",
      },
    ]);
  });
});

describe("what a rebuild takes from the sheets", () => {
  const inputsWith = (edit: (grids: PlanGrids) => void, from: WorkbookPlan = plan): SheetInputs => {
    const grids = new PlanGrids(from);
    edit(grids);
    return readSheetInputs(grids.workbook);
  };

  it("takes the period and financial year only when the sources state none", () => {
    const inputs = inputsWith((grids) =>
      grids.type("assumptions", beside(grids, "assumptions", "Budget monitoring period"), 11),
    );
    expect(applySheetInputs(assumptions, inputs, { lines: "sheet" }).assumptions.period?.value).toBe(10);
    const unstated = { ...assumptions, period: { value: null, source: "not found in the sources" } };
    expect(applySheetInputs(unstated, inputs, { lines: "sheet" }).assumptions.period).toEqual({
      value: 11,
      source: "kept from cell B6 of sheet 'Assumptions'",
    });
  });

  it("moves a target date still at the default on with the spend year, and keeps one the user chose", () => {
    const defaults = defaultAssumptions(recognition);
    const defaultPlan = build(defaults);
    const nextYear = { ...defaults, upliftBaseYear: 2022, projectionTargetDate: serialFromYmd(2026, 3, 31) };
    const untouched = readSheetInputs(new PlanGrids(defaultPlan).workbook);
    expect(untouched.assumptions?.projectionTargetDate?.value).toBe(serialFromYmd(2025, 3, 31));
    expect(applySheetInputs(nextYear, untouched, { lines: "build" }).assumptions.projectionTargetDate).toBe(
      serialFromYmd(2026, 3, 31),
    );
    const chosen = inputsWith(
      (grids) =>
        grids.type("assumptions", beside(grids, "assumptions", "Projection target date"), serialFromYmd(2025, 9, 30)),
      defaultPlan,
    );
    expect(applySheetInputs(nextYear, chosen, { lines: "build" }).assumptions.projectionTargetDate).toBe(
      serialFromYmd(2025, 9, 30),
    );
  });

  it("takes typed counts when they differ from the counts the build has, but not a later year the sources add", () => {
    const history = assumptions.lacHistory.value;
    const withNewYear = {
      ...assumptions,
      lacHistory: { value: [...history, { date: serialFromYmd(2022, 3, 31), count: 622 }], source: "SSDA903 episodes" },
    };
    const untouched = readSheetInputs(new PlanGrids(plan).workbook);
    expect(applySheetInputs(withNewYear, untouched, { lines: "sheet" }).assumptions.lacHistory).toEqual(
      withNewYear.lacHistory,
    );

    const grids = new PlanGrids(plan);
    const first = grids.find("assumptions", "Date");
    grids.type("assumptions", `B${first.row + 4}`, 530);
    const applied = applySheetInputs(withNewYear, readSheetInputs(grids.workbook), { lines: "sheet" });
    expect(applied.assumptions.lacHistory.value.map((p) => p.count)).toEqual([436, 480, 530, 566, 613, 616, 619]);
    expect(applied.assumptions.lacHistory.source).toBe(
      `kept from sheet 'Assumptions' (A${first.row + 2}:B${first.row + 8})`,
    );
    expect(applied.changed).toEqual([
      { key: "lacHistory", where: `sheet 'Assumptions' (A${first.row + 2}:B${first.row + 8})` },
    ]);

    const none = { ...assumptions, lacHistory: { value: [], source: "not given" } };
    expect(applySheetInputs(none, untouched, { lines: "sheet" }).assumptions.lacHistory.value).toEqual(history);
  });

  it("leaves counts linked to a count history sheet to that sheet, and keeps a count typed over one of the links", () => {
    const sheets: SheetGrid[] = [
      seedSheet(),
      {
        name: "LAC History",
        origin: { row: 0, col: 0 },
        cells: [
          ["Month end", "Children looked after"],
          ...[436, 480, 527].map((count, i) => [serialFromYmd(2019 + i, 3, 31), count]),
        ],
      },
    ];
    const linkedRecognition = recogniseWorkbook(sheets);
    const linked = defaultAssumptions(linkedRecognition);
    const linkedPlan = buildSufficiencyPlan({
      recognition: linkedRecognition,
      assumptions: linked,
      existingSheets: sheets.map((s) => ({ name: s.name, ownedKey: null })),
    });
    expect(readSheetInputs(new PlanGrids(linkedPlan).workbook).assumptions?.lacHistory).toBeUndefined();

    const grids = new PlanGrids(linkedPlan);
    const header = grids.find("assumptions", "Date");
    grids.type("assumptions", `B${header.row + 3}`, 490);
    const applied = applySheetInputs(linked, readSheetInputs(grids.workbook), { lines: "build" });
    expect(applied.assumptions.lacHistory.value.map((p) => [p.count, p.countCell?.ref.row ?? null])).toEqual([
      [436, 1],
      [490, null],
      [527, 3],
    ]);
    expect(applied.assumptions.lacHistory.source).toContain(
      "the counts not typed there still link to sheet 'LAC History'",
    );
  });

  it("keeps the sheet's own uplift lines on the command line, and the budget's lines with the sheet's figures in the task pane", () => {
    const defaults = defaultAssumptions(recognition);
    expect(defaults.uplift).toHaveLength(7);
    const inputs = readSheetInputs(new PlanGrids(plan).workbook);
    const sheetLines = applySheetInputs(defaults, inputs, { lines: "sheet" }).assumptions.uplift;
    expect(sheetLines.map((line) => [line.label, line.baseCostGbp.value, line.rates])).toEqual(
      assumptions.uplift.map((line) => [line.label, line.baseCostGbp.value, line.rates]),
    );
    const budgetLines = applySheetInputs(defaults, inputs, { lines: "build" }).assumptions.uplift;
    expect(budgetLines.map((line) => [line.category, line.label, line.baseCostGbp.value])).toEqual([
      ["residential", "Indep Resi", 14_863_922],
      ["inHouseFostering", "In House", 3_750_559],
      ["ifa", "IFA", 5_730_880],
      ["supported", "Leaving Care", 1_739_594],
      ["sgo", "SGO", 1_839_004],
      ["cao", "Child Arrangement Orders", null],
      ["adoption", "Adoption Allowances", null],
    ]);
  });

  it("moves each uplift rate with its financial year when the spend year moves on", () => {
    const grids = new PlanGrids(plan);
    const ifa = grids.find("assumptions", "IFA");
    grids
      .type("assumptions", `D${ifa.row + 1}`, 0.04)
      .type("assumptions", `E${ifa.row + 1}`, 0.06)
      .type("assumptions", `F${ifa.row + 1}`, 0.07);
    const nextYear = { ...assumptions, upliftBaseYear: 2022 };
    const applied = applySheetInputs(nextYear, readSheetInputs(grids.workbook), { lines: "build" });
    expect(applied.assumptions.uplift[1].rates).toEqual([0.06, 0.07, 0.05]);
  });

  it("leaves what the caller says it has newer, and says what it changed", () => {
    const grids = new PlanGrids(plan);
    grids.type("assumptions", beside(grids, "assumptions", "Children aged 0-17 in the area"), 60_000);
    grids.type("assumptions", beside(grids, "assumptions", "Projected count given by the council"), 800);
    const inputs = readSheetInputs(grids.workbook);
    const applied = applySheetInputs(assumptions, inputs, { lines: "build", skip: new Set(["population0to17"]) });
    expect(applied.assumptions.population0to17).toEqual(assumptions.population0to17);
    expect(applied.assumptions.projectedLacCount?.value).toBe(800);
    expect(applied.changed).toEqual([{ key: "projectedLacCount", where: "cell B12 of sheet 'Assumptions'" }]);
    expect(changedSheetInputs(inputs, readSheetInputs(new PlanGrids(plan).workbook))).toEqual(
      new Set(["population0to17", "projectedLacCount"]),
    );
  });

  it("finds the inputs by their labels after the user inserts rows above them", () => {
    const grids = new PlanGrids(plan);
    const sheet = grids.grid("assumptions");
    sheet.cells.splice(3, 0, ["My note"], []);
    sheet.formulas.splice(3, 0, [null], []);
    grids.type("assumptions", "B11", 61_000);
    const edits = readAssumptionsSheet(sheet);
    expect(edits.warnings).toEqual([]);
    expect(edits.population0to17).toEqual({ value: 61_000, ref: { sheet: "Assumptions", row: 10, col: 1 } });
  });
});
