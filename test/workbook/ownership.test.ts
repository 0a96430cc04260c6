/**
 * The rules both hosts share for what is the add-in's in a workbook: which sheets carry its markers,
 * and which names a sheet of its may take.
 */
import {
  documentPropertyKey,
  isAllowedSheetName,
  resolveOwnership,
  sheetKeyOfDocumentProperty,
} from "../../src/workbook/ownership";

describe("which sheets are the add-in's", () => {
  const documentNames = new Map([["spend", "Spend"]]);
  it("trusts the worksheet property, and keeps a copy as the user's", () => {
    const { existing, warnings } = resolveOwnership(
      [
        { name: "Spend (2)", propertyKey: "spend" },
        { name: "Spend", propertyKey: "spend" },
        { name: "Budget", propertyKey: null },
      ],
      documentNames,
    );
    expect(existing).toEqual([
      { name: "Spend (2)", ownedKey: null },
      { name: "Spend", ownedKey: "spend" },
      { name: "Budget", ownedKey: null },
    ]);
    expect(warnings).toHaveLength(1);
  });

  it("falls back on the document properties only when no sheet carries the worksheet property", () => {
    expect(
      resolveOwnership(
        [
          { name: "Spend", propertyKey: null },
          { name: "Budget", propertyKey: null },
        ],
        documentNames,
      ).existing,
    ).toEqual([
      { name: "Spend", ownedKey: "spend" },
      { name: "Budget", ownedKey: null },
    ]);
    expect(
      resolveOwnership(
        [
          { name: "Spend", propertyKey: null },
          { name: "Other", propertyKey: "needs" },
        ],
        documentNames,
      ).existing,
    ).toEqual([
      { name: "Spend", ownedKey: null },
      { name: "Other", ownedKey: "needs" },
    ]);
  });
});

describe("the document property of a sheet of the add-in's", () => {
  it("names the sheet's key, and is told apart from the user's properties and the name record", () => {
    expect(documentPropertyKey("spend")).toBe("LacSufficiencySheet.spend");
    expect(sheetKeyOfDocumentProperty("LacSufficiencySheet.spend")).toBe("spend");
    expect(sheetKeyOfDocumentProperty("LacSufficiencyName.LAC_Population0to17")).toBeNull();
    expect(sheetKeyOfDocumentProperty("Author")).toBeNull();
  });
});

describe("the names Excel accepts for a sheet", () => {
  it("takes 1 to 31 characters with spaces, digits, brackets and apostrophes inside", () => {
    for (const name of ["Spend", "LAC Scenarios", "Needs projection (2)", "Children's homes", "x".repeat(31)])
      expect(isAllowedSheetName(name)).toBe(true);
  });

  it("refuses an empty or over-long name, the characters : \\ / ? * [ ], an apostrophe at either end, and History", () => {
    const refused = [
      "",
      "x".repeat(32),
      "P10: Summary",
      "a\\b",
      "a/b",
      "what?",
      "a*",
      "[Spend]",
      "'Spend",
      "Spend'",
      "History",
      "HISTORY",
    ];
    expect(refused.filter(isAllowedSheetName)).toEqual([]);
  });
});
