import { serialFromYmd } from "../../src/core/dates";
import { stability } from "../../src/functions/functions";
import { isCustomFunctionsError } from "../support/customFunctionsStub";

/**
 * A small 903 episodes range as a user would select it: columns in their own order and case, dates as
 * dd/mm/yyyy text or Excel dates, open episodes' DEC blank in the three ways Excel may pass it.
 */
const EPISODES: unknown[][] = [
  ["child", "Decom", "RNE", "LS", "PLACE", "DEC", "DOB"],
  // 1: three placements in 2021/22 (one open on 1 April, two moves); in care 2.5 years, not 2 in this placement.
  ["1", "01/06/2019", "S", "C2", "U1", "01/05/2021", "01/01/2010"],
  ["1", "01/05/2021", "P", "C2", "U2", "01/09/2021", "01/01/2010"],
  ["1", "01/09/2021", "P", "C2", "U3", "", "01/01/2010"],
  // 2: three placements if a T move (same carer) counts, two if only changes of carer do.
  ["2", serialFromYmd(2021, 2, 1), "S", "C2", "U1", serialFromYmd(2021, 7, 1), "01/01/2012"],
  ["2", serialFromYmd(2021, 7, 1), "P", "C2", "U2", serialFromYmd(2021, 10, 1), "01/01/2012"],
  ["2", serialFromYmd(2021, 10, 1), "T", "C2", "U3", null, "01/01/2012"],
  // 3: one placement, started this year.
  ["3", "01/01/2022", "S", "C2", "U1", 0, "01/01/2015"],
  // 4: left care before 31 March: not in any measure.
  ["4", "01/04/2021", "S", "C2", "U1", "01/12/2021", "01/01/2013"],
  // 5: under 16, in the same placement since January 2019: long-term stable.
  ["5", "01/01/2019", "S", "C2", "U4", "", "01/01/2012"],
];

const YEAR_END = "31/03/2022";

function errorOf(value: unknown): CustomFunctions.Error {
  if (isCustomFunctionsError(value)) return value;
  throw new Error(`expected an error, found ${JSON.stringify(value)}`);
}

describe("LAC.STABILITY", () => {
  it("gives the short-term measure by default, counting T moves: 2 of the 4 children looked after at 31 March had 3 or more placements", () => {
    // Looked after at 31 March 2022: children 1, 2, 3 and 5. Three or more placements: 1 and 2.
    expect(stability(EPISODES, YEAR_END, null as never, null as never, "detail")).toEqual([[0.5, 2, 4]]);
    expect(stability(EPISODES, serialFromYmd(2022, 3, 31))).toEqual([[0.5]]);
  });

  it('counts only changes of carer with moves = "carer"', () => {
    expect(stability(EPISODES, YEAR_END, "short", "carer", "detail")).toEqual([[0.25, 1, 4]]);
  });

  it("gives the long-term measure: of children under 16 in care 2.5 years, those 2 years in one placement", () => {
    // Cohort: 1 (since June 2019) and 5 (since January 2019); only 5 has been in one placement 2 years.
    expect(stability(EPISODES, YEAR_END, "LONG", undefined, "detail")).toEqual([[0.5, 1, 2]]);
  });

  it("is #VALUE! naming a missing 903 column", () => {
    const withoutRne = EPISODES.map((row) => row.filter((_, c) => c !== 2));
    const error = errorOf(stability(withoutRne, YEAR_END)[0][0]);
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("RNE");
  });

  it("is #VALUE! naming the row of a date that cannot be read", () => {
    const badDate = [...EPISODES.slice(0, 3), ["1", "31/09/2021", "P", "C2", "U3", "", "01/01/2010"]];
    const error = errorOf(stability(badDate, YEAR_END)[0][0]);
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toMatch(/row 4/);
    expect(error.message).toContain("31/09/2021");
  });

  it("is #DIV/0! when no child is looked after at the year end", () => {
    expect(errorOf(stability(EPISODES, "31/03/2018")[0][0]).code).toBe("#DIV/0!");
  });

  it("is #VALUE! for an unknown measure or moves, and a year end that is not a date", () => {
    expect(errorOf(stability(EPISODES, YEAR_END, "medium")[0][0]).message).toBe(
      'measure: expected one of "short", "long", found "medium"',
    );
    expect(errorOf(stability(EPISODES, YEAR_END, "short", "carers")[0][0]).message).toBe(
      'moves: expected one of "placement", "carer", "2025", "2023", found "carers"',
    );
    expect(errorOf(stability(EPISODES, "March")[0][0]).message).toBe(
      'year_end: expected a date as dd/mm/yyyy, found "March"',
    );
  });
});
