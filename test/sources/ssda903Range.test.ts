/**
 * careHistoryFromRange as LAC.STABILITY calls it: what Excel hands a custom function for an episodes
 * range (serial dates, blank cells as 0, numbers for CHILD), and the errors of strict mode.
 */
import { serialFromYmd } from "../../src/core/dates";
import { LacError } from "../../src/core/errors";
import { placementStability } from "../../src/core/stability";
import { careHistoryFromRange } from "../../src/sources/ssda903";

const d = serialFromYmd;

function thrown(fn: () => unknown): LacError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LacError) return error;
    throw error;
  }
  throw new Error("expected a LacError");
}

describe("careHistoryFromRange", () => {
  const header = ["Child", "decom", "RNE", "ls", "PLACE", "Place_Provider", "DEC", "REC", "DOB", "URN"];

  it("reads serial dates, numeric CHILD ids, and a blank DEC given as 0, null or empty text", () => {
    const rows: unknown[][] = [
      header,
      [1001, d(2019, 5, 1), "S", "C2", "U4", "PR1", d(2020, 6, 1), "X1", d(2010, 1, 1), 0],
      [1001, d(2020, 6, 1), "p", "c2", "u6", "pr4", d(2020, 9, 1), "x1", d(2010, 1, 1), 0],
      [1001, d(2020, 9, 1), "P", "C2", "K2", "PR4", 0, 0, d(2010, 1, 1), 0],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [1002, "01/05/2019", "S", "C2", "U4", "PR1", null, null, "01/01/2012", ""],
      [1003, new Date(Date.UTC(2019, 4, 1)), "S", "C2", "U4", "PR1", "", "", new Date(Date.UTC(2011, 0, 1)), ""],
    ];
    const history = careHistoryFromRange(rows, { sourceName: "Episodes", strict: true });
    expect(history.children.map((c) => [c.child, c.dob, c.episodes.length])).toEqual([
      ["1001", d(2010, 1, 1), 3],
      ["1002", d(2012, 1, 1), 1],
      ["1003", d(2011, 1, 1), 1],
    ]);
    expect(history.children[0].episodes[2]).toMatchObject({ end: null, rec: null, rne: "P", place: "K2" });
    expect(history.children[0].episodes[1]).toMatchObject({
      rne: "P",
      ls: "C2",
      place: "U6",
      placeProvider: "PR4",
      rec: "X1",
    });
    expect(history.children.every((c) => c.episodes.at(-1)?.end === null)).toBe(true);
    expect(history.issues).toEqual([]);
    expect(placementStability(history, d(2021, 3, 31), { measure: "short", moves: "placement" })).toEqual({
      rate: 1 / 3,
      numerator: 1,
      denominator: 3,
    });
  });

  it("strict: a missing column is #VALUE! naming it and the columns found", () => {
    const error = thrown(() =>
      careHistoryFromRange([["CHILD", "DECOM", "RNE", "PLACE", "DEC"]], { sourceName: "episodes", strict: true }),
    );
    expect(error.code).toBe("value");
    expect(error.message).toBe(
      "episodes: expected the 903 column LS in the first row, found CHILD, DECOM, RNE, PLACE, DEC",
    );
  });

  it("strict: an unreadable date is #VALUE! with its row", () => {
    const rows = [
      header,
      ["A", "01/05/2019", "S", "C2", "U4", "PR1", "", "", "", ""],
      ["A", "2020-13-01", "P", "C2", "U4", "PR1", "", "", "", ""],
    ];
    const error = thrown(() => careHistoryFromRange(rows, { sourceName: "episodes", strict: true }));
    expect(error.code).toBe("value");
    expect(error.message).toBe(
      'episodes, row 3: DECOM: expected a date as yyyy-mm-dd, found "2020-13-01", which is not a day of the calendar',
    );
  });

  it("strict: an unknown code or DEC before DECOM is #VALUE! with its row", () => {
    const unknown = [header, ["A", "01/05/2019", "X", "C2", "U4", "PR1", "", "", "", ""]];
    expect(thrown(() => careHistoryFromRange(unknown, { sourceName: "episodes", strict: true })).message).toBe(
      'episodes, row 2: RNE: unknown code "X" (expected S, L, P, B, T or U)',
    );
    const backwards = [header, ["A", "01/05/2019", "S", "C2", "U4", "PR1", "30/04/2019", "E8", "", ""]];
    expect(thrown(() => careHistoryFromRange(backwards, { sourceName: "episodes", strict: true })).message).toBe(
      "episodes, row 2: DEC 30/04/2019 is before DECOM 01/05/2019",
    );
  });

  it("not strict: bad rows become issues and the rest is read", () => {
    const rows = [
      header,
      ["A", "01/05/2019", "S", "C2", "U4", "PR1", "", "", "", ""],
      ["B", "soon", "S", "C2", "U4", "PR1", "", "", "", ""],
    ];
    const history = careHistoryFromRange(rows, { sourceName: "Episodes", strict: false });
    expect(history.children.map((c) => c.child)).toEqual(["A"]);
    expect(history.issues).toEqual([
      { severity: "warning", file: "Episodes", row: 3, message: 'DECOM: expected a date as dd/mm/yyyy, found "soon"' },
      {
        severity: "warning",
        file: "Episodes",
        row: 2,
        message:
          "child A has no date of birth (no Header row, no DOB on its episodes): left out of age bands and long-term stability",
      },
    ]);
  });

  it("not strict: a missing column is one issue on row 1 and no children", () => {
    const history = careHistoryFromRange([["CHILD", "DECOM"]], { sourceName: "Episodes", strict: false });
    expect(history.children).toEqual([]);
    expect(history.issues).toEqual([
      {
        severity: "warning",
        file: "Episodes",
        row: 1,
        message: "Episodes: expected the 903 columns RNE, LS, PLACE, DEC in the first row, found CHILD, DECOM",
      },
    ]);
  });

  it("long-term stability without a DOB column is #VALUE! naming the child and row", () => {
    const rows = [
      ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC"],
      ["A", "01/05/2017", "S", "C2", "U4", ""],
    ];
    const history = careHistoryFromRange(rows, { sourceName: "episodes", strict: true });
    const error = thrown(() => placementStability(history, d(2021, 3, 31), { measure: "long", moves: "placement" }));
    expect(error.code).toBe("value");
    expect(error.message).toBe(
      "long-term stability needs each child's date of birth (a DOB column): child A (row 2) has none",
    );
  });

  it("no child in the cohort is #DIV/0!", () => {
    const rows = [
      ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "REC"],
      ["A", "01/05/2017", "S", "C2", "U4", "01/05/2018", "E13"],
    ];
    const history = careHistoryFromRange(rows, { sourceName: "episodes", strict: true });
    const error = thrown(() => placementStability(history, d(2021, 3, 31), { measure: "short", moves: "placement" }));
    expect(error.code).toBe("div0");
    expect(error.message).toBe(
      "no child was looked after at 31/03/2021, so there is no short-term stability to measure",
    );
  });
});
