import { financialYearEnd, parseDate, serialFromYmd } from "../../src/core/dates";
import { LacError } from "../../src/core/errors";
import type { SheetGrid } from "../../src/core/grid";
import {
  commitmentInputs,
  commitmentOutturns,
  isOpenAt,
  placementsByCategory,
  recognisePlacementList,
} from "../../src/sources/placementList";

const jan31 = serialFromYmd(2022, 1, 31);
const mar31 = financialYearEnd(2021);

function list(rows: unknown[][], name = "Placements"): SheetGrid {
  return {
    name,
    origin: { row: 0, col: 0 },
    cells: [
      ["Ref", "Placement type", "Provider", "Start date", "Planned end date", "Weekly cost"],
      ...(rows as SheetGrid["cells"]),
    ],
  };
}

describe("placement list", () => {
  const grid = list([
    ["R1", "Residential", "Acme Homes", "01/06/2021", null, 4500],
    ["R2", "Residential", "Bright Futures", "14/04/2021", "28/02/2022", 5200],
    ["R3", "Residential", "Acme Homes", "01/01/2021", "31/01/2022", 4000],
    ["F1", "IFA", "Foster Plus", "01/09/2020", null, "£800"],
    ["F2", "IFA", "Foster Plus", "01/02/2022", null, 850],
  ]);
  const placements = recognisePlacementList(grid);

  it("reads each row, with its absolute row", () => {
    expect(placements.placements.map((p) => [p.id, p.category, p.weeklyCostGbp, p.row])).toEqual([
      ["R1", "residential", 4500, 1],
      ["R2", "residential", 5200, 2],
      ["R3", "residential", 4000, 3],
      ["F1", "ifa", 800, 4],
      ["F2", "ifa", 850, 5],
    ]);
    expect(placements.dataRows).toEqual({ first: 1, last: 5 });
    expect(placements.badRows).toEqual([]);
  });

  it("counts a placement open when it started by the day and has not ended by its end", () => {
    const [r1, , r3, , f2] = placements.placements;
    expect(isOpenAt(r1, jan31)).toBe(true);
    expect(isOpenAt(r3, jan31)).toBe(false); // ends on 31/01/2022: nothing is left to commit
    expect(isOpenAt(r3, jan31 - 1)).toBe(true);
    expect(isOpenAt(f2, jan31)).toBe(false);
    expect(isOpenAt(f2, jan31 + 1)).toBe(true);
  });

  it("gives open placements and their average weekly cost by category at the period end", () => {
    expect(placementsByCategory(placements, jan31)).toEqual({
      residential: { current: 2, weeklyCostGbp: 9700, averageWeeklyCostGbp: 4850 },
      ifa: { current: 1, weeklyCostGbp: 800, averageWeeklyCostGbp: 800 },
    });
  });

  it("forecasts the commitment-based outturn: actual to date plus each open placement's weeks to its end or 31 March", () => {
    expect(commitmentInputs(placements, "residential", jan31)).toEqual([
      { weeklyCostGbp: 4500, endDate: null },
      { weeklyCostGbp: 5200, endDate: parseDate("28/02/2022") },
    ]);
    const outturns = commitmentOutturns(placements, { residential: 12_119_924, ifa: 4_745_315 }, jan31);
    // 59 days from 31/01/2022 to 31/03/2022; R2 ends 28/02/2022, 28 days on.
    expect(mar31 - jan31).toBe(59);
    expect(outturns.residential).toBeCloseTo(12_119_924 + (4500 * 59) / 7 + (5200 * 28) / 7, 6);
    expect(outturns.ifa).toBeCloseTo(4_745_315 + (800 * 59) / 7, 6);
    expect(Object.keys(outturns).sort()).toEqual(["ifa", "residential"]);
  });

  it("reports every unreadable row with its sheet row, and keeps reading", () => {
    const rows: unknown[][] = [];
    for (let i = 0; i < 25; i += 1) rows.push([`B${i}`, "IFA", "X", "01/01/2022", null, i === 3 ? 800 : "TBC"]);
    const bad = recognisePlacementList(list(rows, "Bad"));
    expect(bad.placements.map((p) => p.id)).toEqual(["B3"]);
    expect(bad.badRows).toHaveLength(24);
    expect(bad.badRows[0]).toEqual({
      ref: { sheet: "Bad", row: 1, col: 5 },
      reason: "weekly cost 'TBC' is not an amount of £0 or more",
    });
    expect(bad.warnings.filter((w) => w.message.startsWith("row "))).toHaveLength(20);
    expect(bad.warnings.map((w) => w.message)).toContain("4 more rows of sheet 'Bad' were left out (24 in all)");
  });

  it("refuses a negative weekly cost and an unreadable date, naming the problem", () => {
    const bad = recognisePlacementList(
      list([
        ["N", "IFA", "X", "01/01/2022", null, -5],
        ["D", "IFA", "X", "2022/01/01", null, 5],
      ]),
    );
    expect(bad.badRows.map((b) => b.reason)).toEqual([
      "weekly cost '-5' is not an amount of £0 or more",
      'start date: expected a date as dd/mm/yyyy, found "2022/01/01"',
    ]);
  });

  it("uses the user's category for a placement type the add-in does not know", () => {
    const grid = list([["L1", "Local Solutions", "LS Ltd", "01/12/2021", null, 1100]]);
    expect(recognisePlacementList(grid).placements[0].category).toBe("other");
    expect(recognisePlacementList(grid).warnings[0].message).toContain("placement type 'Local Solutions'");
    expect(
      recognisePlacementList(grid, { labelCategories: { "Local Solutions": "supported" } }).placements[0].category,
    ).toBe("supported");
  });

  it("takes columns the user chose, and says which required column is missing", () => {
    const odd: SheetGrid = {
      name: "Odd",
      origin: { row: 4, col: 1 },
      cells: [
        ["Kind", "From", "Amount"],
        ["IFA", "01/01/2022", 700],
      ],
    };
    expect(() => recognisePlacementList(odd, { columnMappings: { Odd: { headerRow: 4 } } })).toThrow(
      new LacError(
        "value",
        "the placement list on sheet 'Odd' (header row 5) has no placement type or weekly cost column; choose it in the column mapping",
      ),
    );
    const chosen = recognisePlacementList(odd, {
      columnMappings: { Odd: { headerRow: 4, placementColumns: { placementType: 1, weeklyCost: 3 } } },
    });
    expect(chosen.columns).toEqual({
      startDate: { col: 2, header: "From" },
      placementType: { col: 1, header: "Kind" },
      weeklyCost: { col: 3, header: "Amount" },
    });
    expect(chosen.placements).toEqual([
      {
        id: "row 6",
        category: "ifa",
        placementType: "IFA",
        provider: null,
        startDate: parseDate("01/01/2022"),
        endDate: null,
        weeklyCostGbp: 700,
        row: 5,
      },
    ]);
  });

  it("says what it looked for when a sheet has no placement list header", () => {
    expect(() => recognisePlacementList({ name: "Notes", origin: { row: 0, col: 0 }, cells: [["hello"]] })).toThrow(
      "found no placement list header on sheet 'Notes'",
    );
  });
});
