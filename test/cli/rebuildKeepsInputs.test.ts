/**
 * The command line rebuilding a workbook it built before, after the user changed input cells on its
 * sheets in Excel: the population, a comparator and an uplift rate typed there are in the new workbook,
 * with every figure that depends on them worked out again; --assumptions values still win, saying so.
 */
import { mkdtempSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildWorkbook, demoBuildOptions, type BuildResult, type BuildOptions } from "../../src/cli/commands";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { upliftSchedule } from "../../src/core/uplift";
import { a1, type SheetGrid } from "../../src/core/grid";
import { planMismatches } from "../support/hyperformula";
import { recalculateWithLibreOffice } from "../support/libreoffice";
import { LIBREOFFICE, describeWithProgram } from "../support/systemPrograms";
import { typeIntoXlsx } from "../support/xlsxEdit";
import { partTexts } from "../support/xlsxInspect";

const dir = mkdtempSync(path.join(tmpdir(), "lac-rebuild-"));
const built = path.join(dir, "built.xlsx");
const edited = path.join(dir, "edited.xlsx");
const rebuilt = path.join(dir, "rebuilt.xlsx");

/** Where a label is on one of the add-in's sheets of a written workbook: its A1 address and row. */
function locate(grids: SheetGrid[], sheet: string, label: string): { row: number; col: number } {
  const grid = grids.find((g) => g.name === sheet) as SheetGrid;
  for (const [r, cells] of grid.cells.entries()) {
    const c = (cells ?? []).findIndex((cell) => cell === label);
    if (c >= 0) return { row: grid.origin.row + r, col: grid.origin.col + c };
  }
  throw new Error(`no '${label}' on sheet '${sheet}'`);
}

let demo: BuildOptions;
let first: BuildResult;
let second: BuildResult;
let address: { population: string; northWest2020: string; ifaRate: string; kinshipWeekly: string };

beforeAll(async () => {
  demo = await demoBuildOptions(built);
  first = await buildWorkbook(demo);
  const { ownedGrids } = await readWorkbookGrids(built);
  const population = locate(ownedGrids, "Assumptions", "Children aged 0-17 in the area");
  const ifa = locate(ownedGrids, "Assumptions", "IFA");
  const rateHeader = locate(ownedGrids, "Assumptions", "Rate to Mar-24");
  const northWest = locate(ownedGrids, "In care", "North West");
  const year2020 = locate(ownedGrids, "In care", "2020");
  const kinship = locate(ownedGrids, "Cost forecast", "Kinship / Connected Persons Fostering");
  address = {
    population: a1(population.row, population.col + 1),
    northWest2020: a1(northWest.row, year2020.col),
    ifaRate: a1(ifa.row, rateHeader.col),
    kinshipWeekly: a1(kinship.row, kinship.col + 1),
  };
  await writeFile(
    edited,
    await typeIntoXlsx(await readFile(built), [
      { sheet: "Assumptions", address: address.population, value: 60_000 },
      { sheet: "In care", address: address.northWest2020, value: 99.5 },
      { sheet: "Assumptions", address: address.ifaRate, value: 0.06 },
      { sheet: "Cost forecast", address: address.kinshipWeekly, value: 350 },
    ]),
  );
  // Built again from the edited workbook, with the 903 returns but without the assumptions file or the scenario.
  second = await buildWorkbook({ input: edited, output: rebuilt, episodes: demo.episodes, header: demo.header });
});

describe("building again from a workbook the user changed in Excel", () => {
  it("checks the cells the test types into", () => {
    // With the 903 data the Assumptions sheet has two rows about them (their end, the wording of long-term stability) above the uplift table.
    expect(address).toEqual({ population: "B9", northWest2020: "C8", ifaRate: "E88", kinshipWeekly: "B9" });
  });

  it("keeps what was typed on its sheets, and everything else the first build was given", async () => {
    const { ownedGrids } = await readWorkbookGrids(rebuilt);
    const cell = (sheet: string, at: string) => {
      const grid = ownedGrids.find((g) => g.name === sheet) as SheetGrid;
      const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(at) as RegExpExecArray;
      return grid.cells[Number(digits) - 1 - grid.origin.row]?.[letters.charCodeAt(0) - 65 - grid.origin.col];
    };
    expect(cell("Assumptions", address.population)).toBe(60_000);
    expect(cell("In care", address.northWest2020)).toBe(99.5);
    expect(cell("Assumptions", address.ifaRate)).toBe(0.06);
    expect(cell("Assumptions", "C9")).toBe("kept from cell B9 of sheet 'Assumptions'");
    expect(cell("Cost forecast", address.kinshipWeekly)).toBe(350);
    const noKinshipCost = (result: BuildResult) =>
      result.plan.warnings.some((w) => w.message.startsWith("No weekly cost for Kinship"));
    expect([noKinshipCost(first), noKinshipCost(second)]).toEqual([true, false]);

    const { lookedAfter, costProjection } = second.plan.summary as unknown as {
      lookedAfter: { projected: number };
      costProjection: { currentCostGbp: number };
    };
    expect(lookedAfter.projected).toBe(770);
    expect(costProjection.currentCostGbp).toBe(30_451_000);
    expect(second.plan.sheets.map((sheet) => sheet.name)).toEqual(first.plan.sheets.map((sheet) => sheet.name));
    const scenario = ownedGrids.find((g) => g.name === "Scenarios")?.cells.flat();
    expect(scenario).toContain("Edge of care and step-down");
  });

  it("works out again every figure that depends on them", async () => {
    const before = first.plan.summary as unknown as {
      lookedAfter: { ratePer10k: number };
      costProjection: { upliftGbp: number };
    };
    const after = second.plan.summary as unknown as {
      lookedAfter: { latest: number; ratePer10k: number };
      costProjection: { upliftGbp: number };
    };
    expect(after.lookedAfter.ratePer10k).toBeCloseTo((619 / 60_000) * 10_000, 10);
    expect(before.lookedAfter.ratePer10k).toBeCloseTo((619 / 54_098) * 10_000, 10);
    const ifaBefore = upliftSchedule(5_730_880, [0.05, 0.05, 0.05]).total;
    const ifaAfter = upliftSchedule(5_730_880, [0.05, 0.06, 0.05]).total;
    expect(after.costProjection.upliftGbp - before.costProjection.upliftGbp).toBeCloseTo(ifaAfter - ifaBefore, 6);
    const { grids } = await readWorkbookGrids(edited);
    expect(planMismatches(second.plan, grids)).toEqual([]);
  });

  it("gives exactly the same workbook when built once more with nothing changed", async () => {
    const again = path.join(dir, "again.xlsx");
    await buildWorkbook({ input: rebuilt, output: again, episodes: demo.episodes, header: demo.header });
    const once = await partTexts(await readFile(rebuilt));
    const twice = await partTexts(await readFile(again));
    expect([...twice.keys()].sort()).toEqual([...once.keys()].sort());
    for (const [part, text] of once) expect(twice.get(part)).toBe(text);
  });

  it("lets --assumptions replace what the sheets hold, naming each cell it replaces", async () => {
    const withFile = await buildWorkbook({ ...demo, input: edited, output: path.join(dir, "with-file.xlsx") });
    expect(withFile.plan.summary.lookedAfter).toMatchObject({ ratePer10k: (619 / 54_098) * 10_000 });
    const replaced = withFile.plan.warnings.filter((w) => w.message.startsWith(demo.assumptions as string));
    expect(replaced.map((w) => w.where)).toEqual([
      "cell B9 of sheet 'Assumptions'",
      "sheet 'Assumptions' (A87:A91)",
      "cell A8 of sheet 'In care'",
    ]);
    expect(replaced[0].message).toBe(
      `${demo.assumptions} gives "population0to17", which replaces what cell B9 of sheet 'Assumptions' held: the file's value is used. To keep the value on the sheet, build without --assumptions or leave "population0to17" out of the file.`,
    );
  });
});

describeWithProgram(LIBREOFFICE, "the rebuilt workbook recalculated by LibreOffice", () => {
  it("shows the figures worked out from the typed values", async () => {
    const values = await recalculateWithLibreOffice(rebuilt);
    const summary = second.plan.summary as unknown as {
      lookedAfter: { ratePer10k: number };
      costProjection: { upliftGbp: number; totalGbp: number };
    };
    const needs = values.get("Needs projection");
    const cost = values.get("Cost projection");
    expect(
      [...(needs?.values() ?? [])].some(
        (v) => typeof v === "number" && Math.abs(v - summary.lookedAfter.ratePer10k) < 1e-9,
      ),
    ).toBe(true);
    expect(
      [...(cost?.values() ?? [])].some(
        (v) => typeof v === "number" && Math.abs(v - summary.costProjection.totalGbp) < 1e-6,
      ),
    ).toBe(true);
    expect(values.get("In care")?.get(address.northWest2020)).toBe(99.5);
  });
});
