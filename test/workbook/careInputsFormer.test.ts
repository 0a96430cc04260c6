/**
 * A workbook built before long-term stability followed the DfE's 2025 wording has the Stability table
 * under its earlier heading and labels. A rebuild must still read back the comparators typed under it.
 */
import type { Cell, SheetGrid } from "../../src/core/grid";
import { readCareInputs } from "../../src/workbook/sheets/care";
import { COMPARATOR_SOURCE_NOTE } from "../../src/workbook/sheets/careTables";
import { STABILITY_TABLES } from "../../src/workbook/sheets/careStability";

function grid(rows: Cell[][]): SheetGrid {
  return {
    name: "Stability",
    origin: { row: 0, col: 0 },
    cells: rows,
    formulas: rows.map((row) => row.map(() => null)),
  };
}

const FORMER = STABILITY_TABLES.long.former?.[0];

function stabilitySheet(heading: string, labels: string[]): SheetGrid {
  return grid([
    ["Placement stability (SSDA903)", null, null],
    [heading, "2022", "2023"],
    ...labels.map((label): Cell[] => [label, 10, 12]),
    ["North West", 0.69, 0.7],
    ["England", null, 0.71],
    [COMPARATOR_SOURCE_NOTE, null, null],
  ]);
}

describe("comparators typed under the long-term stability table", () => {
  it("are read back under the heading and labels an earlier version wrote", () => {
    expect(FORMER).toBeDefined();
    const sheet = stabilitySheet(
      FORMER!.heading,
      FORMER!.rows.map((row) => row.label),
    );
    const edits = readCareInputs({ careStability: sheet });
    expect(edits.comparators.stabilityLong?.value).toEqual([
      { name: "North West", values: { 2022: 0.69, 2023: 0.7 } },
      { name: "England", values: { 2022: null, 2023: 0.71 } },
    ]);
    expect(edits.warnings.filter((w) => w.message.includes("Long term"))).toEqual([]);
  });

  it("are read back under the current heading and labels", () => {
    const long = STABILITY_TABLES.long;
    const edits = readCareInputs({
      careStability: stabilitySheet(
        long.heading,
        long.rows.map((row) => row.label),
      ),
    });
    expect(edits.comparators.stabilityLong?.value.map((series) => series.name)).toEqual(["North West", "England"]);
  });

  it("are not read under a heading neither version wrote, and the warning names the current one", () => {
    const edits = readCareInputs({ careStability: stabilitySheet("Long term (renamed by hand)", ["a", "b", "c"]) });
    expect(edits.comparators.stabilityLong).toBeUndefined();
    expect(edits.warnings.map((w) => w.message)).toContain(
      `Sheet 'Stability' has no table headed "${STABILITY_TABLES.long.heading}": its comparators are not read back.`,
    );
  });
});
