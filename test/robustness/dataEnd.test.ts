/**
 * The end of the 903 data is an assumption the user sees and sets. By default it is the 31 March of the
 * latest return's year, not the latest date in the data: a small council's return whose last event is
 * on 1 February 2024 still gives a full 2023-24 year ("2024", not "Feb-24") and long-term stability at
 * 31 March 2024. It is on the Assumptions sheet, read back on a rebuild when the user changed it (an
 * untouched default moves on with a new year of returns), and given on the command line by --903-to.
 */
import { run } from "../support/runCli";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { lookedAfterAt, reportingPeriods } from "../../src/core/careMeasures";
import { serialFromYmd } from "../../src/core/dates";
import { simulateCareHistories, typicalCouncilRates } from "../../tools/synthetic/demand";
import type { CareHistory } from "../../src/core/careHistory";
import { buildSufficiencyPlan, defaultAssumptions } from "../../src/workbook/build";
import type { Sourced } from "../../src/workbook/assumptions";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { careDataEndFor, readSheetInputs } from "../../src/workbook/sheetInputs";
import { PlanGrids } from "../support/planGrids";
import { cellGrid, rowLabelled, sheetByKey } from "../workbook/planReader";
import { seedRecognition } from "../workbook/seed";

const FEB_2024 = serialFromYmd(2024, 2, 1);
const MARCH_2024 = serialFromYmd(2024, 3, 31);
/** A council whose children are simulated to 1 February 2024, so no event is later. */
const { history } = simulateCareHistories({
  seed: 2024,
  firstDay: serialFromYmd(2014, 4, 1),
  lastDay: FEB_2024,
  ...typicalCouncilRates(0.3),
  inHouseFosteringShare: 0.6,
});

function build(careHistory: CareHistory, careDataEnd?: Sourced<number | null>): WorkbookPlan {
  const recognition = seedRecognition();
  return buildSufficiencyPlan({
    recognition,
    assumptions: defaultAssumptions(recognition, { careHistory, ...(careDataEnd ? { careDataEnd } : {}) }),
    existingSheets: [{ name: "P10 Summary", ownedKey: null }],
    careHistory,
  });
}

function shown(plan: WorkbookPlan, key: string): unknown[] {
  return cellGrid(sheetByKey(plan, key)).flatMap((row) => (row ?? []).map((cell) => cell?.value));
}

describe("the end of the 903 data", () => {
  const latest = Math.max(...history.children.flatMap((child) => child.episodes.map((e) => e.end ?? e.start)));
  const plan = build(history);

  it("is by default the 31 March of the latest return's year, though the last event is on 1 February", () => {
    expect(latest).toBeLessThanOrEqual(FEB_2024);
    const periods = reportingPeriods(history, MARCH_2024);
    expect(periods.at(-1)).toMatchObject({
      label: "2024",
      complete: true,
      period: { start: serialFromYmd(2023, 4, 1), end: MARCH_2024 },
    });
    expect(periods.at(-1)?.longTermKnown).toBe(true);
    // Without the assumption, the old reading: a part year to the last event.
    expect(reportingPeriods(history).at(-1)?.complete).toBe(false);
  });

  it("gives full-year care sheets at 31 March 2024 and says what it assumed", () => {
    for (const key of ["careInCare", "careStartersLeavers", "careStability"]) {
      expect(shown(plan, key)).toContain("2024");
      expect(shown(plan, key).some((value) => typeof value === "string" && /^[A-Z][a-z]{2}-24$/.test(value))).toBe(
        false,
      );
    }
    const count = lookedAfterAt(history, MARCH_2024).total;
    expect(count).toBeGreaterThan(0);
    // The latest column of the In care table counts the children at 31 March 2024.
    const inCare = rowLabelled(sheetByKey(plan, "careInCare"), "Children looked after");
    expect(inCare.cells.filter((cell) => cell !== null).at(-1)?.value).toBe(count);
    expect(plan.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: "info",
          message: expect.stringContaining(
            `The 903 data are taken to run to 31/03/2024 (default: 31/03/2024, the 31 March of the latest return's year`,
          ),
        }),
      ]),
    );
  });

  it("shows it on the Assumptions sheet as an input, with where it came from", () => {
    const row = rowLabelled(sheetByKey(plan, "assumptions"), "End of the 903 data");
    expect(row.cells[1]).toMatchObject({ value: MARCH_2024, style: "input" });
    expect(row.cells[2]?.value).toMatch(
      /^default: 31\/03\/2024, the 31 March of the latest return's year \(the latest date in the data is \d\d\/\d\d\/2024\)$/,
    );
  });

  it("ends the care sheets at an extract's own end when the user says so", () => {
    const extract = build(history, { value: FEB_2024, source: "--903-to" });
    expect(shown(extract, "careInCare")).toContain("Feb-24");
    expect(shown(extract, "careInCare")).not.toContain("2024");
  });

  it("keeps a date typed on the Assumptions sheet, and moves an untouched default on with a new year of returns", () => {
    const grids = new PlanGrids(plan);
    const { row, col } = grids.find("assumptions", "End of the 903 data");
    const address = `${String.fromCharCode(66 + col)}${row + 1}`;
    // Untouched: the default of the data the rebuild has (here a year more of returns).
    const { history: longer } = simulateCareHistories({
      seed: 2025,
      firstDay: serialFromYmd(2014, 4, 1),
      lastDay: serialFromYmd(2025, 1, 10),
      ...typicalCouncilRates(0.3),
      inHouseFosteringShare: 0.6,
    });
    expect(careDataEndFor(longer, readSheetInputs(grids.workbook)).value).toBe(serialFromYmd(2025, 3, 31));
    // Typed: kept, whatever the data.
    grids.type("assumptions", address, serialFromYmd(2023, 12, 31));
    const typed = careDataEndFor(longer, readSheetInputs(grids.workbook));
    expect(typed).toEqual({
      value: serialFromYmd(2023, 12, 31),
      source: `kept from cell ${address} of sheet 'Assumptions'`,
    });
    // Given for this build (--903-to, the panel): above the sheet.
    expect(careDataEndFor(longer, readSheetInputs(grids.workbook), { value: FEB_2024, source: "--903-to" }).value).toBe(
      FEB_2024,
    );
  });

  it("is refused before the data begin or more than a year after they end, naming the date and where it came from", () => {
    expect(() => build(history, { value: serialFromYmd(2026, 3, 31), source: "--903-to" })).toThrow(
      /expected the end of the 903 data between .* found 31\/03\/2026 \(--903-to\)/,
    );
  });
});

describe("--903-to", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "lac-903-to-"));
  const returns = (kind: string) =>
    ["2018-19", "2019-20", "2020-21"].map((year) => path.join("examples", "903", `${kind}_${year}.csv`));
  const SAMPLE = path.join("examples", "p10-budget-monitoring.xlsx");

  it("counts the returns to the date given, and says what is left out", async () => {
    const { code, stdout, stderr } = await run([
      "build",
      SAMPLE,
      "-o",
      path.join(dir, "to.xlsx"),
      "--episodes",
      ...returns("episodes"),
      "--header",
      ...returns("header"),
      "--903-to",
      "31/12/2020",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "The 903 data are counted to 31/12/2020 (--903-to); what they hold after it, up to 31/03/2021, is left out.",
    );
  });

  it("exits 2 for a date it cannot read, or without --episodes; 1 for a date outside the data", async () => {
    const unreadable = await run([
      "build",
      SAMPLE,
      "-o",
      path.join(dir, "a.xlsx"),
      "--episodes",
      ...returns("episodes"),
      "--903-to",
      "March 2021",
    ]);
    expect(unreadable).toMatchObject({
      code: 2,
      stderr: "Expected --903-to as a date such as 31/03/2024 or 2024-03-31, found 'March 2021'.",
    });
    const alone = await run(["build", SAMPLE, "-o", path.join(dir, "b.xlsx"), "--903-to", "2021-03-31"]);
    expect(alone).toMatchObject({
      code: 2,
      stderr: "--903-to needs --episodes: it says when the SSDA903 Episodes files end.",
    });
    const far = await run([
      "build",
      SAMPLE,
      "-o",
      path.join(dir, "c.xlsx"),
      "--episodes",
      ...returns("episodes"),
      "--903-to",
      "2030-03-31",
    ]);
    expect(far.code).toBe(1);
    expect(far.stderr).toContain("found 31/03/2030 (--903-to)");
  });
});
