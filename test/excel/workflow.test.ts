import { buildFromRibbon } from "../../src/commands/ribbon";
import { ExcelActionError } from "../../src/excel/errors";
import { excelOperations, SETTINGS_KEY } from "../../src/excel/operations";
import { onRibbonMessage, type RibbonMessage } from "../../src/taskpane/ribbonEvents";
import { isBuildSettings, runBuild, typedFields, type BuildSettings } from "../../src/excel/workflow";
import { recogniseSnapshot } from "../../src/workbook/pipeline";
import { defaultAssumptions } from "../../src/workbook/build";
import { readSheetInputs } from "../../src/workbook/sheetInputs";
import { serialFromYmd } from "../../src/core/dates";
import { simulatedEpisodeRows } from "../support/episodeSheet";
import { FakeExcel, type FakeCell } from "../support/fakeExcel";
import { budgetSheetRows, sampleFakeExcel, SAMPLE_SHEETS } from "../support/sampleWorkbook";

async function firstSettings(fake: FakeExcel): Promise<BuildSettings> {
  const snapshot = await excelOperations(fake).readWorkbook();
  const { recognition } = recogniseSnapshot(snapshot, {});
  return {
    version: 1,
    recogniseOptions: {},
    assumptions: defaultAssumptions(recognition, { today: 44_600 }),
    typed: [],
  };
}

/** The published strategy's monthly counts as an analyst keeps them: month ends from 31/01/2021 (600, 601, ...) under a header. */
function historyRows(months: number): unknown[][] {
  return [
    ["Month end", "Children looked after"],
    ...Array.from({ length: months }, (_, i) => [serialFromYmd(2021, i + 2, 1) - 1, 600 + i]),
  ];
}

/** SSDA903 episodes of a council like the published strategy's, simulated to the P10 period end, as a sheet with the 903 columns. */
function episodeRows(): unknown[][] {
  return simulatedEpisodeRows(5, 2012, serialFromYmd(2022, 1, 31), 0.25);
}

/** Types into a sheet as a person would, through the object model. */
async function typeInto(fake: FakeExcel, sheet: string, address: string, values: unknown[][]): Promise<void> {
  await fake.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).getRange(address).values = values as never;
    await context.sync();
  });
}

/** The cell to the right of the first cell holding `label` on a sheet. */
function beside(fake: FakeExcel, sheet: string, label: string): FakeCell | undefined {
  const cells = fake.sheetByName(sheet)?.cells ?? new Map<string, FakeCell>();
  const at = [...cells.entries()].find(([, cell]) => cell.value === label)?.[0];
  if (!at) throw new Error(`no cell '${label}' on sheet '${sheet}'`);
  const [row, col] = at.split(",").map(Number);
  return cells.get(`${row},${col + 1}`);
}

const linksTo = (fake: FakeExcel, sheet: string, target: string): string[] =>
  [...(fake.sheetByName(sheet)?.cells.values() ?? [])].flatMap((cell) =>
    cell.formula?.startsWith(`='${target}'!`) ? [cell.formula] : [],
  );

const userSheetNames = SAMPLE_SHEETS.map((s) => s.name);

describe("the builder's plan, written by the Excel layer", () => {
  it("writes the sufficiency sheets after the user's, leaves the user's sheets as they were, and saves the settings", async () => {
    const fake = sampleFakeExcel();
    const before = fake.picture().sheets.filter((s) => userSheetNames.includes(s.name));
    const settings = await firstSettings(fake);
    const outcome = await runBuild(excelOperations(fake), settings);

    expect(fake.sheetNames()).toEqual(["P10 Summary", "Notes", ...outcome.plan.sheets.map((s) => s.name)]);
    expect(outcome.plan.sheets.map((s) => s.key)).toEqual([
      "summary",
      "assumptions",
      "spend",
      "unitCosts",
      "needs",
      "costProjection",
    ]);
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
    // 3 to read (sheets, used ranges' sizes, values), 4 to write (inspect 2, write 1, finish 1), 1 to save the settings.
    expect(small).toEqual({ syncs: 8, writeRequests: 1 });
    expect(large).toEqual(small);
  });
});

describe("saved settings", () => {
  it("read what the user typed, and for settings saved before that list was kept, count what the panel edits as typed", async () => {
    const settings = await firstSettings(sampleFakeExcel());
    expect(isBuildSettings(settings)).toBe(true);
    expect(isBuildSettings({ ...settings, typed: ["population"] })).toBe(false);
    expect(typedFields({ ...settings, typed: ["lacHistory"] })).toEqual(["lacHistory"]);
    const { typed: _omitted, ...older } = settings;
    expect(typedFields(older)).toEqual(["projectionTargetDate", "upliftRates"]);
    const olderTyped = {
      ...older,
      assumptions: { ...older.assumptions, lacHistory: { value: [], source: "typed in the panel" } },
    };
    expect(typedFields(olderTyped)).toEqual(["lacHistory", "projectionTargetDate", "upliftRates"]);
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
    expect(messages.at(-1)).toEqual({
      kind: "built",
      sheets: ["Summary", "Assumptions", "Spend", "Unit costs", "Needs projection", "Cost projection"],
    });
  });

  it("next month, takes in the sources afresh (P11's period, a new count on the history sheet) and keeps what was typed", async () => {
    const fake = sampleFakeExcel().addSheet("LAC History", historyRows(13));
    const settings = await firstSettings(fake);
    settings.assumptions.population0to17 = { value: 54_098, source: "typed in the panel" };
    await runBuild(excelOperations(fake), settings);
    expect(beside(fake, "Assumptions", "Budget monitoring period")?.value).toBe(10);
    expect(linksTo(fake, "Assumptions", "LAC History")).toHaveLength(26);

    // The finance team rolls the sheet on to P11 and the analyst adds February's count.
    await typeInto(fake, "P10 Summary", "B4", [["P11 Current Expenditure"]]);
    await typeInto(fake, "P10 Summary", "B6", [[13_400_000]]);
    await typeInto(fake, "LAC History", "A15:B15", [[serialFromYmd(2022, 2, 28), 613]]);
    expect(
      await buildFromRibbon(
        excelOperations(fake),
        jest.fn(async () => undefined),
      ),
    ).toBe("built");

    expect(beside(fake, "Assumptions", "Budget monitoring period")?.value).toBe(11);
    expect(beside(fake, "Assumptions", "Children aged 0-17 in the area")?.value).toBe(54_098);
    const links = linksTo(fake, "Assumptions", "LAC History");
    expect(links).toHaveLength(28);
    expect(links).toEqual(expect.arrayContaining(["='LAC History'!$A$15", "='LAC History'!$B$15"]));
    // The projection's counts now run over the 14 counts.
    expect(fake.picture().names.find((n) => n.name === "LAC_HistoryCounts")?.formula).toBe("=Assumptions!$B$20:$B$33");
    const saved = fake.state.settings.get(SETTINGS_KEY) as BuildSettings;
    expect(saved.assumptions.period?.value).toBe(11);
    expect(saved.assumptions.lacHistory.value.at(-1)).toMatchObject({ date: serialFromYmd(2022, 2, 28), count: 613 });
    expect(saved.assumptions.population0to17.value).toBe(54_098);
    expect(saved.typed).toEqual([]);
  });

  it("keeps a count history typed over the sheet's, taking no new month from the sheet", async () => {
    const fake = sampleFakeExcel().addSheet("LAC History", historyRows(13));
    const settings = await firstSettings(fake);
    const history = settings.assumptions.lacHistory;
    settings.assumptions.lacHistory = {
      value: [...history.value.slice(0, 12), { date: history.value[12].date, count: 650 }],
      source: "typed in the panel",
    };
    settings.typed = ["lacHistory"];
    await runBuild(excelOperations(fake), settings);
    await typeInto(fake, "LAC History", "A15:B15", [[serialFromYmd(2022, 2, 28), 613]]);
    expect(
      await buildFromRibbon(
        excelOperations(fake),
        jest.fn(async () => undefined),
      ),
    ).toBe("built");

    const links = linksTo(fake, "Assumptions", "LAC History");
    expect(links).toHaveLength(24);
    expect(links).not.toContain("='LAC History'!$B$15");
    const cells = [...(fake.sheetByName("Assumptions")?.cells.values() ?? [])];
    expect(cells.some((cell) => cell.value === 650 && cell.formula === null)).toBe(true);
    expect((fake.state.settings.get(SETTINGS_KEY) as BuildSettings).typed).toEqual(["lacHistory"]);
  });

  it("keeps the scenario the user set on the add-in's own Scenarios sheet when it rebuilds the demand forecast", async () => {
    const fake = sampleFakeExcel().addSheet("903 Episodes", episodeRows());
    await runBuild(excelOperations(fake), await firstSettings(fake));
    const scenarios = fake.sheetByName("Scenarios");
    expect(scenarios?.customProperties.get("LacSufficiencySheet")).toBe("demandScenarios");
    const nameCell = beside(fake, "Scenarios", "Scenario name");
    expect(nameCell?.value ?? null).toBeNull();
    const [row, col] = (
      [...(scenarios?.cells.entries() ?? [])].find(([, cell]) => cell.value === "Scenario name")?.[0] ?? ""
    )
      .split(",")
      .map(Number);
    await typeInto(fake, "Scenarios", `${String.fromCharCode(66 + col)}${row + 1}`, [["Fewer residential placements"]]);

    expect(
      await buildFromRibbon(
        excelOperations(fake),
        jest.fn(async () => undefined),
      ),
    ).toBe("built");
    expect(beside(fake, "Scenarios", "Scenario name")?.value).toBe("Fewer residential placements");
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

describe("inputs typed on the add-in's sheets in Excel", () => {
  /** The address of the cell beside a label on a sheet ("B9"). */
  function besideAddress(fake: FakeExcel, sheet: string, label: string, across = 1): string {
    const at = [...(fake.sheetByName(sheet)?.cells.entries() ?? [])].find(([, cell]) => cell.value === label)?.[0];
    if (!at) throw new Error(`no cell '${label}' on sheet '${sheet}'`);
    const [row, col] = at.split(",").map(Number);
    return `${String.fromCharCode(65 + col + across)}${row + 1}`;
  }

  it("survive a rebuild from the ribbon: a population, a base cost over its link and an uplift rate", async () => {
    const fake = sampleFakeExcel();
    await runBuild(excelOperations(fake), await firstSettings(fake));
    // The uplift table: line, category, base cost, then the rates by year.
    const ifaBase = besideAddress(fake, "Assumptions", "Independent Fostering", 2);
    const ifaRate = besideAddress(fake, "Assumptions", "Independent Fostering", 4);
    expect(fake.cell("Assumptions", ifaBase)?.formula).toMatch(/^=Spend!\$C\$\d+$/);
    await typeInto(fake, "Assumptions", besideAddress(fake, "Assumptions", "Children aged 0-17 in the area"), [
      [54_098],
    ]);
    await typeInto(fake, "Assumptions", ifaBase, [[5_730_880]]);
    await typeInto(fake, "Assumptions", ifaRate, [["6%"]]);

    expect(
      await buildFromRibbon(
        excelOperations(fake),
        jest.fn(async () => undefined),
      ),
    ).toBe("built");
    expect(beside(fake, "Assumptions", "Children aged 0-17 in the area")?.value).toBe(54_098);
    expect(fake.cell("Assumptions", ifaBase)).toMatchObject({ value: 5_730_880, formula: null });
    expect(fake.cell("Assumptions", ifaRate)?.value).toBe(0.06);
    // The other lines' base costs still link to the Spend sheet.
    expect(fake.cell("Assumptions", besideAddress(fake, "Assumptions", "Residential", 2))?.formula).toMatch(
      /^=Spend!\$C\$\d+$/,
    );
    const saved = fake.state.settings.get(SETTINGS_KEY) as BuildSettings;
    expect(saved.assumptions.population0to17).toEqual({
      value: 54_098,
      source: `kept from cell ${besideAddress(fake, "Assumptions", "Children aged 0-17 in the area")} of sheet 'Assumptions'`,
    });
    expect(saved.assumptions.uplift.find((line) => line.category === "ifa")?.rates).toEqual([0.05, 0.06, 0.05]);
    expect(saved.typed).toEqual(["upliftRates"]);

    // Rebuilt again with nothing changed, the workbook stays as it is.
    const once = fake.picture();
    expect(
      await buildFromRibbon(
        excelOperations(fake),
        jest.fn(async () => undefined),
      ),
    ).toBe("built");
    expect(fake.picture()).toEqual(once);
  });

  it("reads the add-in's sheets with their formulas in one more sync, so a link is never taken for a typed value", async () => {
    const fake = sampleFakeExcel();
    await runBuild(excelOperations(fake), await firstSettings(fake));
    const start = fake.syncs;
    const snapshot = await excelOperations(fake).readWorkbook();
    expect(fake.syncs - start).toBe(3);
    const assumptions = snapshot.ownedGrids.find((grid) => grid.name === "Assumptions");
    const residential = assumptions?.cells.findIndex((row) => row?.[1] === "Residential") ?? -1;
    expect(assumptions?.formulas?.[residential]?.[2]).toMatch(/^=Spend!\$C\$\d+$/);
    expect(assumptions?.formulas?.[residential]?.[0]).toBeNull();
  });

  it("that cannot be read leave the value as it was, with a warning naming the cell on the Summary sheet", async () => {
    const fake = sampleFakeExcel();
    const settings = await firstSettings(fake);
    settings.assumptions.population0to17 = { value: 54_098, source: "typed in the panel" };
    await runBuild(excelOperations(fake), settings);
    const cell = besideAddress(fake, "Assumptions", "Children aged 0-17 in the area");
    await typeInto(fake, "Assumptions", cell, [["about 54 thousand"]]);
    expect(
      await buildFromRibbon(
        excelOperations(fake),
        jest.fn(async () => undefined),
      ),
    ).toBe("built");
    expect(beside(fake, "Assumptions", "Children aged 0-17 in the area")?.value).toBe(54_098);
    const summary = [...(fake.sheetByName("Summary")?.cells.values() ?? [])].map((c) => c.value);
    expect(summary).toContain(
      `cell ${cell} of sheet 'Assumptions' (Children aged 0-17 in the area): expected a number of children above 0, found "about 54 thousand"; not read back, so the value the build would otherwise use stands.`,
    );
  });

  it("give way to what the user typed in the panel after it read them, and not to what they typed there before", async () => {
    const fake = sampleFakeExcel();
    await runBuild(excelOperations(fake), await firstSettings(fake));
    const population = besideAddress(fake, "Assumptions", "Children aged 0-17 in the area");
    const projected = besideAddress(fake, "Assumptions", "Projected count given by the council");
    await typeInto(fake, "Assumptions", population, [[54_098]]);
    // The panel reads the workbook (showing 54,098); the user types 55,000 there, then 700 as the projected count in Excel.
    const seen = readSheetInputs(await excelOperations(fake).readWorkbook());
    const saved = fake.state.settings.get(SETTINGS_KEY) as BuildSettings;
    const typedInPanel: BuildSettings = {
      ...saved,
      assumptions: { ...saved.assumptions, population0to17: { value: 55_000, source: "typed in the panel" } },
    };
    await typeInto(fake, "Assumptions", projected, [[700]]);
    await runBuild(excelOperations(fake), typedInPanel, { sheetsSeen: seen });
    expect(fake.cell("Assumptions", population)?.value).toBe(55_000);
    expect(fake.cell("Assumptions", projected)?.value).toBe(700);
  });

  it("on the care and Cost forecast sheets survive too: a comparator, a year's population, a weekly cost", async () => {
    const fake = sampleFakeExcel().addSheet("903 Episodes", episodeRows());
    await runBuild(excelOperations(fake), await firstSettings(fake));
    const region = besideAddress(fake, "In care", "Region", 2);
    const population = besideAddress(fake, "In care", "Population aged 0-17 (ONS mid-year estimate)");
    const weekly = besideAddress(fake, "Cost forecast", "Residential");
    expect(fake.cell("Cost forecast", weekly)?.value).toBe(0);
    await typeInto(fake, "In care", besideAddress(fake, "In care", "Region", 0), [["North West"]]);
    await typeInto(fake, "In care", region, [[97]]);
    await typeInto(fake, "In care", population, [[53_500]]);
    await typeInto(fake, "Cost forecast", weekly, [[4_528]]);
    expect(
      await buildFromRibbon(
        excelOperations(fake),
        jest.fn(async () => undefined),
      ),
    ).toBe("built");
    expect(fake.cell("Cost forecast", weekly)?.value).toBe(4_528);
    expect(fake.cell("In care", region)?.value).toBe(97);
    expect(fake.cell("In care", besideAddress(fake, "In care", "North West", 0))?.value).toBe("North West");
    expect(fake.cell("In care", population)?.value).toBe(53_500);
    // The rate beside it is a formula on that population.
    const rate = besideAddress(fake, "In care", "This council: rate per 10,000");
    expect(fake.cell("In care", rate)?.formula).toContain(population);
  });
});
