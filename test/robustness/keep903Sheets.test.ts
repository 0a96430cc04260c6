/**
 * A rebuild that has no 903 episodes cannot refresh the care and demand sheets, so it keeps those of the
 * last build as they are, with what the user typed on them, and says so; it removes them only when
 * asked (--drop-903-sheets, the panel's choice). On the command line (the .xlsx host) and in Excel
 * (the fake host).
 */
import { mkdtempSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildWorkbook, describeBuild } from "../../src/cli/commands";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { serialFromYmd } from "../../src/core/dates";
import { simulatedEpisodeRows } from "../support/episodeSheet";
import { excelOperations } from "../../src/excel/operations";
import { runBuild, type BuildSettings } from "../../src/excel/workflow";
import { recogniseSnapshot } from "../../src/workbook/pipeline";
import { defaultAssumptions } from "../../src/workbook/build";
import { CARE_SHEETS } from "../../src/workbook/sheets/care";
import { DEMAND_SHEETS } from "../../src/workbook/sheets/demand";
import type { FakeExcel } from "../support/fakeExcel";
import { sampleFakeExcel } from "../support/sampleWorkbook";
import { typeIntoXlsx } from "../support/xlsxEdit";
import { partTexts, sheetParts } from "../support/xlsxInspect";

const SHEETS_903: string[] = [...CARE_SHEETS, ...DEMAND_SHEETS].map((s) => s.name);
const KEPT_WARNING = "No SSDA903 episodes in this build, so the care and demand sheets of the last build";

describe("the command line, rebuilding without --episodes", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "lac-keep-903-"));
  const file = (name: string) => path.join(dir, name);
  const returns = (kind: string) =>
    ["2018-19", "2019-20", "2020-21"].map((year) => path.join("examples", "903", `${kind}_${year}.csv`));
  const SAMPLE = path.join("examples", "p10-budget-monitoring.xlsx");
  /** A weekly cost typed on the Cost forecast sheet (Kinship's, which has no figure to link to) and a comparator on In care. */
  const TYPED = [
    { sheet: "Cost forecast", address: "B9", value: 999 },
    { sheet: "In care", address: "C8", value: 55.5 },
  ];

  beforeAll(async () => {
    await buildWorkbook({
      input: SAMPLE,
      output: file("built.xlsx"),
      episodes: returns("episodes"),
      header: returns("header"),
    });
    await writeFile(file("typed.xlsx"), await typeIntoXlsx(await readFile(file("built.xlsx")), TYPED));
  });

  it("keeps the six sheets byte for byte, still the add-in's, and says so", async () => {
    const result = await buildWorkbook({ input: file("typed.xlsx"), output: file("kept.xlsx") });
    const before = await readFile(file("typed.xlsx"));
    const after = await readFile(file("kept.xlsx"));
    const [partsBefore, partsAfter, textsBefore, textsAfter] = await Promise.all([
      sheetParts(before),
      sheetParts(after),
      partTexts(before),
      partTexts(after),
    ]);
    for (const name of SHEETS_903) {
      const part = partsAfter.get(name);
      expect(part).toBeDefined();
      expect(textsAfter.get(part as string)).toBe(textsBefore.get(partsBefore.get(name) as string));
    }
    expect(result.report.keptSheets).toEqual(SHEETS_903);
    expect(result.report.removedSheets).toEqual([]);
    expect(result.plan.warnings[0].message).toContain(KEPT_WARNING);
    const lines = describeBuild(result, file("kept.xlsx")).join("\n");
    expect(lines).toContain(KEPT_WARNING);
    expect(lines).toContain(
      `Kept the last build's ${SHEETS_903.map((s) => `'${s}'`).join(", ")} as they were (not refreshed without --episodes).`,
    );
    // Still marked as the add-in's: a later build with the episodes replaces them.
    const { existing } = await readWorkbookGrids(file("kept.xlsx"));
    expect(existing.filter((s) => SHEETS_903.includes(s.name)).map((s) => s.ownedKey)).toEqual(
      [...CARE_SHEETS, ...DEMAND_SHEETS].map((s) => s.key),
    );
  });

  it("replaces them when the episodes come back, keeping what was typed on them", async () => {
    await buildWorkbook({ input: file("typed.xlsx"), output: file("kept2.xlsx") });
    const again = await buildWorkbook({
      input: file("kept2.xlsx"),
      output: file("again.xlsx"),
      episodes: returns("episodes"),
      header: returns("header"),
    });
    expect(again.report.sheets.filter((s) => SHEETS_903.includes(s.name)).every((s) => s.replaced)).toBe(true);
    const { ownedGrids } = await readWorkbookGrids(file("again.xlsx"));
    const cost = ownedGrids.find((g) => g.name === "Cost forecast");
    expect(cost?.cells[8]?.[1]).toBe(999);
  });

  it("removes them with --drop-903-sheets, saying so", async () => {
    const result = await buildWorkbook({
      input: file("typed.xlsx"),
      output: file("dropped.xlsx"),
      drop903Sheets: true,
    });
    expect(result.report.removedSheets).toEqual(SHEETS_903);
    expect(result.report.keptSheets).toEqual([]);
    expect(result.plan.warnings.some((w) => w.message.includes(KEPT_WARNING))).toBe(false);
    const { existing } = await readWorkbookGrids(file("dropped.xlsx"));
    expect(existing.some((s) => SHEETS_903.includes(s.name))).toBe(false);
    expect(describeBuild(result, file("dropped.xlsx")).join("\n")).toContain(
      `Removed the add-in's old ${SHEETS_903.map((s) => `'${s}'`).join(", ")}.`,
    );
  });
});

describe("Excel, rebuilding without an episodes sheet", () => {
  /** SSDA903 episodes simulated to 31 January 2022, as a sheet with the 903 columns. */
  function episodeRows(): unknown[][] {
    return simulatedEpisodeRows(7, 2014, serialFromYmd(2022, 1, 31), 0.2);
  }

  async function settingsOf(fake: FakeExcel): Promise<BuildSettings> {
    const { recognition, careHistory } = recogniseSnapshot(await excelOperations(fake).readWorkbook(), {});
    return {
      version: 1,
      recogniseOptions: {},
      assumptions: defaultAssumptions(recognition, { today: 44_600, ...(careHistory ? { careHistory } : {}) }),
      typed: [],
    };
  }

  async function run(fake: FakeExcel, action: (context: Excel.RequestContext) => void): Promise<void> {
    await fake.run(async (context) => {
      action(context);
      await context.sync();
    });
  }

  async function builtThenEpisodesRemoved(): Promise<FakeExcel> {
    const fake = sampleFakeExcel().addSheet("903 Episodes", episodeRows());
    await runBuild(excelOperations(fake), await settingsOf(fake));
    expect(fake.sheetNames()).toEqual(expect.arrayContaining(SHEETS_903));
    await run(fake, (context) => {
      context.workbook.worksheets.getItem("Cost forecast").getRange("B9").values = [[999]];
      context.workbook.worksheets.getItem("903 Episodes").delete();
    });
    return fake;
  }

  it("keeps the care and demand sheets as they were, with what was typed on them, and says so", async () => {
    const fake = await builtThenEpisodesRemoved();
    const before = fake.picture().sheets.filter((s) => SHEETS_903.includes(s.name));
    const outcome = await runBuild(excelOperations(fake), await settingsOf(fake));
    expect(outcome.report.kept).toEqual(SHEETS_903);
    expect(outcome.report.replaced).not.toEqual(expect.arrayContaining(SHEETS_903));
    expect(fake.picture().sheets.filter((s) => SHEETS_903.includes(s.name))).toEqual(before);
    expect(fake.sheetByName("Cost forecast")?.cells.get("8,1")?.value).toBe(999);
    expect(fake.sheetByName("Cost forecast")?.customProperties.get("LacSufficiencySheet")).toBe("demandCost");
    expect(outcome.warnings.some((w) => w.message.includes(KEPT_WARNING))).toBe(true);
  });

  it("removes them when the user chooses to", async () => {
    const fake = await builtThenEpisodesRemoved();
    const outcome = await runBuild(excelOperations(fake), await settingsOf(fake), { drop903Sheets: true });
    expect(outcome.report.kept).toEqual([]);
    expect(fake.sheetNames().some((name) => SHEETS_903.includes(name))).toBe(false);
  });
});
