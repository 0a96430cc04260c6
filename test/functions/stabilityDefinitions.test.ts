/**
 * The DfE's two wordings of long-term stability, worked by hand on five children: the 2025 wording
 * ("living with the same carer for at least 2 years", the default) and the 2023 one ("in the same
 * placement ... or placed for adoption"), through LAC.STABILITY, the engine, and the Stability and
 * Assumptions sheets that say which one each row follows.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { benchmarkIndex, checkBenchmarkData } from "../../src/core/benchmarks";
import { childStability, LONG_TERM_DEFINITIONS } from "../../src/core/stability";
import { careMeasures } from "../../src/core/careMeasures";
import { serialFromYmd } from "../../src/core/dates";
import { stability } from "../../src/functions/functions";
import { careHistoryFromRange } from "../../src/sources/ssda903";
import type { Assumptions } from "../../src/workbook/assumptions";
import { buildSufficiencyPlan } from "../../src/workbook/build";
import type { WorkbookPlan } from "../../src/workbook/plan";
import { resolveCouncil } from "../../src/workbook/published";
import { applySheetInputs, readSheetInputs } from "../../src/workbook/sheetInputs";
import { PlanGrids } from "../support/planGrids";
import { rowLabelled, sheetByKey } from "../workbook/planReader";
import { seedAssumptions, seedRecognition } from "../workbook/seed";

/**
 * Year end 31 March 2022. Long-term cohort: under 16 and in care since 30 September 2019 or earlier;
 * stable since 31 March 2020 or earlier. All five children are in it.
 */
const EPISODES: unknown[][] = [
  ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "DOB"],
  // A: same carers since January 2019, two moves with them (T) in the year: stable by carer, not by
  // placement; three placements in the year counting every placement, one counting carers.
  ["A", "01/01/2019", "S", "C2", "U4", "01/06/2021", "01/01/2012"],
  ["A", "01/06/2021", "T", "C2", "U5", "01/10/2021", "01/01/2012"],
  ["A", "01/10/2021", "T", "C2", "U6", "", "01/01/2012"],
  // B: placed for adoption with new carers (P) in December 2021 after foster care since January 2019:
  // stable in the 2023 wording (adoptive and previous placement together), not in the 2025 one.
  ["B", "01/01/2019", "S", "C2", "U4", "01/12/2021", "01/01/2017"],
  ["B", "01/12/2021", "P", "E1", "A4", "", "01/01/2017"],
  // C: in care since June 2019, new carers in May 2020: stable in neither.
  ["C", "01/06/2019", "S", "C2", "U1", "01/05/2020", "01/01/2011"],
  ["C", "01/05/2020", "P", "C2", "U2", "", "01/01/2011"],
  // D: one placement since January 2017: stable in both (and at 31 March 2020 the only child in the cohort).
  ["D", "01/01/2017", "S", "C2", "U4", "", "01/01/2010"],
  // E: legal status and placement changed with the same carers (U) in January 2021: stable by carer only.
  ["E", "01/01/2019", "S", "V2", "U4", "01/01/2021", "01/01/2013"],
  ["E", "01/01/2021", "U", "C2", "U5", "", "01/01/2013"],
  // F: left care in 2017, in no measure; the episode that ceased then shows the returns reach back far
  // enough for the Stability sheet to know who had been in care 2.5 years by 2022.
  ["F", "01/05/2016", "S", "C2", "U1", "01/06/2017", "01/01/2005"],
];
const YEAR_END = "31/03/2022";
const d = serialFromYmd;

describe("LAC.STABILITY: the DfE's two wordings of long-term stability", () => {
  it("follows the 2025 wording by default: A, D and E have lived with the same carer for 2 years, 3 of 5", () => {
    expect(stability(EPISODES, YEAR_END, "long", undefined, "detail")).toEqual([[0.6, 3, 5]]);
    for (const moves of ["2025", "carer"])
      expect(stability(EPISODES, YEAR_END, "long", moves, "detail")).toEqual([[0.6, 3, 5]]);
    // A year typed as a number means the same as the text.
    expect(stability(EPISODES, YEAR_END, "long", 2025 as unknown as string, "detail")).toEqual([[0.6, 3, 5]]);
  });

  it('gives the 2023 wording with "2023" or "placement": B (placed for adoption) and D, 2 of 5', () => {
    for (const moves of ["2023", "placement"])
      expect(stability(EPISODES, YEAR_END, "long", moves, "detail")).toEqual([[0.4, 2, 5]]);
    expect(stability(EPISODES, YEAR_END, "long", 2023 as unknown as string, "detail")).toEqual([[0.4, 2, 5]]);
  });

  it('keeps the short-term measure as it was: every placement counts unless "carer" is asked for', () => {
    // Only A had 3 or more placements in 2021-22 (U4 open on 1 April, U5, U6); counting carers it had one.
    for (const moves of [undefined, "2025", "2023", "placement"])
      expect(stability(EPISODES, YEAR_END, "short", moves, "detail")).toEqual([[0.2, 1, 5]]);
    expect(stability(EPISODES, YEAR_END, "short", "carer", "detail")).toEqual([[0, 0, 5]]);
  });

  it("dates each child's stability from the change of carer, or of placement with the adoption exception", () => {
    const history = careHistoryFromRange(EPISODES, { sourceName: "episodes", strict: true });
    const since = (child: string, moves: "carer" | "placement") =>
      childStability(
        history.children.find((c) => c.child === child)!,
        d(2022, 3, 31),
        moves,
      ).samePlacementSince;
    expect([since("A", "carer"), since("A", "placement")]).toEqual([d(2019, 1, 1), d(2021, 10, 1)]);
    expect([since("B", "carer"), since("B", "placement")]).toEqual([d(2021, 12, 1), d(2019, 1, 1)]);
    expect([since("E", "carer"), since("E", "placement")]).toEqual([d(2019, 1, 1), d(2021, 1, 1)]);
  });

  it("counts the short term and the long term each its own way in the engine", () => {
    const history = careHistoryFromRange(EPISODES, { sourceName: "episodes", strict: true });
    const period = [{ start: d(2021, 4, 1), end: d(2022, 3, 31) }];
    const [current] = careMeasures(history, period, { moves: "placement", longTerm: "2025" });
    expect(current.stability).toMatchObject({
      definition: "2025",
      moves: "placement",
      short: { numerator: 1, denominator: 5 },
      long: { numerator: 3, denominator: 5 },
    });
    const [earlier] = careMeasures(history, period, { moves: "placement", longTerm: "2023" });
    expect(earlier.stability).toMatchObject({
      definition: "2023",
      short: { numerator: 1, denominator: 5 },
      long: { numerator: 2, denominator: 5 },
    });
  });
});

describe("the Stability and Assumptions sheets say which wording they follow", () => {
  const recognition = seedRecognition();
  const careHistory = careHistoryFromRange(EPISODES, { sourceName: "episodes", strict: true });
  const base: Assumptions = { ...seedAssumptions(recognition), careDataEnd: { value: d(2022, 3, 31), source: "test" } };
  const build = (assumptions: Assumptions): WorkbookPlan =>
    buildSufficiencyPlan({
      recognition,
      assumptions,
      existingSheets: [{ name: "P10 Summary", ownedKey: null }],
      careHistory,
    });
  const lastCell = (plan: WorkbookPlan, label: string) => {
    const { cells } = rowLabelled(sheetByKey(plan, "careStability"), label);
    return cells[cells.length - 1]?.value;
  };

  it("counts the sheet's own long-term figures by the 2025 wording by default, and says so on every year", () => {
    const plan = build(base);
    expect(lastCell(plan, "Stable for 2 years or more, by the definition below")).toBe(3);
    const { cells } = rowLabelled(
      sheetByKey(plan, "careStability"),
      "Definition of this council's figures (Assumptions sheet)",
    );
    expect(cells.slice(1).map((c) => c?.value)).toEqual(cells.slice(1).map(() => LONG_TERM_DEFINITIONS["2025"].short));
    expect(LONG_TERM_DEFINITIONS["2025"].short).toBe("same carer (DfE 2025 wording)");
    const row = rowLabelled(sheetByKey(plan, "assumptions"), "Long-term stability: DfE wording (release year)");
    expect(row.cells[1]).toMatchObject({ value: 2025, style: "input" });
    expect(row.cells[2]?.value).toBe("default: the DfE's current wording (its 2025 release)");
  });

  it("says where the council's own wording and the published one differ, year by year", () => {
    const index = benchmarkIndex(
      checkBenchmarkData(JSON.parse(readFileSync(path.join("assets", "data", "benchmarks-v1.json"), "utf8"))),
    );
    const benchmarks = { index, council: resolveCouncil(index, "Sefton", "test") };
    const plan = buildSufficiencyPlan({
      recognition,
      assumptions: { ...base, council: { value: "Sefton", source: "test" } },
      existingSheets: [{ name: "P10 Summary", ownedKey: null }],
      careHistory,
      benchmarks,
    });
    const sheet = sheetByKey(plan, "careStability");
    const { row: top, cells: years } = rowLabelled(
      sheet,
      "Published: Sefton, its statistical neighbours, region and England",
      rowLabelled(sheet, "Long term: children under 16 looked after for 2.5 years or more, stable for 2 years").row,
    );
    const flags = rowLabelled(sheet, "% stable for 2 years: your 903 figure against the DfE's", top).cells;
    const byYear = Object.fromEntries(years.slice(1).map((y, i) => [String(y?.value), flags[i + 1]?.value]));
    // 2020 was published in the 2023 wording; 2021 and 2022 in the 2025 wording the sheet counts by.
    // At 31 March 2020 only D (one placement since 2017) is in the cohort: 100%.
    expect(byYear["2020"]).toMatch(/^differs: 903 100%, DfE \d+% \(903 by the 2025 wording, DfE by the 2023\)$/);
    for (const year of ["2021", "2022"]) expect(byYear[year]).not.toContain("wording");
  });

  it("follows 2023 typed on the Assumptions sheet at the next build, and labels the rows so", () => {
    const grids = new PlanGrids(build(base));
    const { row, col } = grids.find("assumptions", "Long-term stability: DfE wording (release year)");
    grids.type("assumptions", `${String.fromCharCode(66 + col)}${row + 1}`, 2023);
    const applied = applySheetInputs(base, readSheetInputs(grids.workbook), { lines: "sheet" });
    expect(applied.assumptions.stabilityDefinition).toEqual({
      value: "2023",
      source: `kept from cell B${row + 1} of sheet 'Assumptions'`,
    });
    const plan = build(applied.assumptions);
    expect(lastCell(plan, "Stable for 2 years or more, by the definition below")).toBe(2);
    expect(lastCell(plan, "Definition of this council's figures (Assumptions sheet)")).toBe(
      "same placement or adoption (DfE 2023 wording)",
    );
    expect(
      rowLabelled(sheetByKey(plan, "assumptions"), "Long-term stability: DfE wording (release year)").cells[1]?.value,
    ).toBe(2023);
  });
});
