import { buildFromRibbon } from "../../src/commands/ribbon";
import { ExcelActionError } from "../../src/excel/errors";
import { excelOperations, SETTINGS_KEY } from "../../src/excel/operations";
import { onRibbonMessage, type RibbonMessage } from "../../src/taskpane/ribbonEvents";
import { recogniseSnapshot, runBuild, type BuildSettings } from "../../src/taskpane/workflow";
import { defaultAssumptions } from "../../src/workbook/build";
import { FakeExcel } from "../support/fakeExcel";
import { budgetSheetRows, sampleFakeExcel, SAMPLE_SHEETS } from "../support/sampleWorkbook";

async function firstSettings(fake: FakeExcel): Promise<BuildSettings> {
  const snapshot = await excelOperations(fake).readWorkbook();
  const { recognition } = recogniseSnapshot(snapshot, {});
  return { version: 1, recogniseOptions: {}, assumptions: defaultAssumptions(recognition, { today: 44_600 }) };
}

const userSheetNames = SAMPLE_SHEETS.map((s) => s.name);

describe("the builder's plan, written by the Excel layer", () => {
  it("writes the sufficiency sheets after the user's, leaves the user's sheets as they were, and saves the settings", async () => {
    const fake = sampleFakeExcel();
    const before = fake.picture().sheets.filter((s) => userSheetNames.includes(s.name));
    const settings = await firstSettings(fake);
    const outcome = await runBuild(excelOperations(fake), settings);

    expect(fake.sheetNames()).toEqual(["P10 Summary", "Notes", ...outcome.plan.sheets.map((s) => s.name)]);
    expect(outcome.plan.sheets.map((s) => s.key)).toEqual(["summary", "assumptions", "spend", "unitCosts", "needs", "costProjection"]);
    expect(fake.picture().sheets.filter((s) => userSheetNames.includes(s.name))).toEqual(before);
    expect(fake.state.settings.get(SETTINGS_KEY)).toEqual(JSON.parse(JSON.stringify(settings)));
    // A formula on the Spend sheet reads the user's own cell for Residential's actual to date (B6), in green: a link.
    const spend = fake.sheetByName("Spend");
    const link = [...(spend?.cells.values() ?? [])].find((c) => c.formula === "='P10 Summary'!$B$6");
    expect(link?.style).toMatchObject({ "font.color": "#008000" });
  });

  it("a second build leaves the workbook exactly as the first did", async () => {
    const fake = sampleFakeExcel();
    const settings = await firstSettings(fake);
    await runBuild(excelOperations(fake), settings);
    const once = fake.picture();
    const again = await runBuild(excelOperations(fake), settings);
    expect(fake.picture()).toEqual(once);
    expect(again.report.replaced).toEqual(again.plan.sheets.map((s) => s.name));
  });

  it("keeps a user's sheet that bears one of its names and writes under another name, saying so", async () => {
    const fake = sampleFakeExcel().addSheet("Spend", [["My own spend notes"]]);
    const mine = fake.picture().sheets.find((s) => s.name === "Spend");
    const outcome = await runBuild(excelOperations(fake), await firstSettings(fake));
    const spendName = outcome.report.sheets.find((s) => s.key === "spend")?.name;
    expect(spendName).not.toBe("Spend");
    expect(fake.picture().sheets.find((s) => s.name === "Spend")).toEqual(mine);
    expect(outcome.warnings.some((w) => w.message.includes("Spend"))).toBe(true);
  });

  it("uses the same number of syncs to read and build from a 10-line and a 10,000-line budget sheet", async () => {
    const syncs = async (lines: number) => {
      const fake = new FakeExcel().addSheet("P10", budgetSheetRows(lines));
      const settings = await firstSettings(fake);
      const start = fake.syncs;
      const outcome = await runBuild(excelOperations(fake), settings);
      expect(outcome.recognition.budgets[0].lines).toHaveLength(lines);
      return { syncs: fake.syncs - start, writeRequests: outcome.report.writeRequests };
    };
    const small = await syncs(10);
    const large = await syncs(10_000);
    // 2 to read, 4 to write (inspect 2, write 1, finish 1), 1 to save the settings.
    expect(small).toEqual({ syncs: 7, writeRequests: 1 });
    expect(large).toEqual(small);
  });
});

describe("Build workbook on the ribbon", () => {
  let messages: RibbonMessage[];
  let stop: () => void;
  beforeEach(() => {
    messages = [];
    stop = onRibbonMessage((m) => messages.push(m));
    messages.length = 0;
  });
  afterEach(() => stop());

  it("opens the panel the first time, writing nothing", async () => {
    const fake = sampleFakeExcel();
    const before = fake.picture();
    const showPanel = jest.fn(async () => undefined);
    expect(await buildFromRibbon(excelOperations(fake), showPanel)).toBe("openedForFirstBuild");
    expect(showPanel).toHaveBeenCalledTimes(1);
    expect(messages).toEqual([{ kind: "firstBuild" }]);
    expect(fake.picture()).toEqual(before);
  });

  it("rebuilds with the saved settings after a build from the panel", async () => {
    const fake = sampleFakeExcel();
    const settings = await firstSettings(fake);
    settings.assumptions.weeksPerYear = 365 / 7;
    await runBuild(excelOperations(fake), settings);
    const once = fake.picture();
    const showPanel = jest.fn(async () => undefined);
    expect(await buildFromRibbon(excelOperations(fake), showPanel)).toBe("built");
    expect(showPanel).not.toHaveBeenCalled();
    expect(fake.picture()).toEqual(once);
    expect(messages.at(-1)).toEqual({ kind: "built", sheets: ["Summary", "Assumptions", "Spend", "Unit costs", "Needs projection", "Cost projection"] });
  });

  it("opens the panel with Excel's error in words when the build fails", async () => {
    const fake = sampleFakeExcel();
    await runBuild(excelOperations(fake), await firstSettings(fake));
    const before = fake.picture();
    fake.structureProtected = true;
    const showPanel = jest.fn(async () => undefined);
    expect(await buildFromRibbon(excelOperations(fake), showPanel)).toBe("failed");
    expect(showPanel).toHaveBeenCalledTimes(1);
    const failure = messages.at(-1);
    expect(failure?.kind).toBe("failed");
    const error = (failure as { error: unknown }).error as ExcelActionError;
    expect(error).toBeInstanceOf(ExcelActionError);
    expect(error.whatToDo).toContain("Unprotect the workbook structure");
    expect(fake.picture()).toEqual(before);
  });
});
