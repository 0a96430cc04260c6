import { CORE_SHEETS, resolveSheetNames } from "../../src/workbook/names";

describe("resolveSheetNames", () => {
  it("uses the add-in's own names in a workbook that has none of them", () => {
    const { names, renamed } = resolveSheetNames([{ name: "P10 Summary", ownedKey: null }]);
    expect(names).toEqual({
      summary: "Summary",
      assumptions: "Assumptions",
      spend: "Spend",
      unitCosts: "Unit costs",
      needs: "Needs projection",
      costProjection: "Cost projection",
    });
    expect(renamed).toEqual([]);
  });

  it("never takes the name of a user's sheet (whatever its case): 'LAC Spend', then 'Spend (2)', with a warning", () => {
    const { names, renamed } = resolveSheetNames([
      { name: "SPEND", ownedKey: null },
      { name: "Summary", ownedKey: null },
      { name: "LAC Summary", ownedKey: null },
    ]);
    expect(names.spend).toBe("LAC Spend");
    expect(names.summary).toBe("Summary (2)");
    expect(renamed).toEqual([
      expect.objectContaining({
        severity: "info",
        message: expect.stringContaining("already has a sheet called 'Summary'"),
        where: "sheet 'Summary (2)'",
      }),
      expect.objectContaining({ message: expect.stringContaining("written as 'LAC Spend'") }),
    ]);
  });

  it("reuses the sheets the add-in wrote before, under their current names, even renamed", () => {
    const { names, renamed } = resolveSheetNames([
      { name: "Spend", ownedKey: "spend" },
      { name: "Our assumptions", ownedKey: "assumptions" },
      { name: "Needs projection", ownedKey: null },
    ]);
    expect(names.spend).toBe("Spend");
    expect(names.assumptions).toBe("Our assumptions");
    expect(names.needs).toBe("LAC Needs projection");
    expect(renamed).toHaveLength(1);
  });

  it("does not hand out a renamed owned sheet's old name, nor a name twice", () => {
    const { names } = resolveSheetNames([
      { name: "Spend", ownedKey: "assumptions" },
      { name: "LAC Spend", ownedKey: null },
    ]);
    expect(names.assumptions).toBe("Spend");
    expect(names.spend).toBe("Spend (2)");
    expect(new Set(Object.values(names)).size).toBe(CORE_SHEETS.length);
  });

  it("keeps names within Excel's 31 characters", () => {
    const long = { key: "careStability", name: "Placement stability by quarter" };
    const { names } = resolveSheetNames([{ name: long.name, ownedKey: null }], [long]);
    expect(names.careStability).toBe("Placement stability by quar (2)");
    expect(names.careStability.length).toBeLessThanOrEqual(31);
  });
});
