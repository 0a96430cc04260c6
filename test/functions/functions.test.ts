import { serialFromYmd } from "../../src/core/dates";
import {
  commitment,
  extraCost,
  flowProjection,
  period,
  projection,
  rate,
  runRate,
  targetReduction,
  unitCost,
  upliftCost,
} from "../../src/functions/functions";
import { isCustomFunctionsError } from "../support/customFunctionsStub";

/** The error a function returned (the whole result or one cell), or a failure saying what came back. */
function errorOf(value: unknown): CustomFunctions.Error {
  if (isCustomFunctionsError(value)) return value;
  throw new Error(`expected an error, found ${JSON.stringify(value)}`);
}

/** A spilled result that should hold only numbers (or blanks), as plain rows. */
function numbers(result: unknown[][]): (number | string)[][] {
  return result.map((row) =>
    row.map((cell) => {
      if (typeof cell === "number" || cell === "") return cell;
      throw new Error(`expected a number, found ${JSON.stringify(cell)}`);
    }),
  );
}

const round2 = (rows: (number | string)[][]): (number | string)[][] =>
  rows.map((row) => row.map((v) => (typeof v === "number" ? Math.round(v * 100) / 100 : v)));

describe("LAC.RATE", () => {
  it("gives the published strategy's rate for a single cell: 616 of 54,098 -> 113.87 per 10,000", () => {
    expect(round2(numbers(rate([[616]], [[54_098]])))).toEqual([[113.87]]);
  });

  it("spreads a column of counts over one population, and takes per", () => {
    expect(round2(numbers(rate([[616], [185], [164]], [[54_098]])))).toEqual([[113.87], [34.2], [30.32]]);
    expect(round2(numbers(rate([[616]], [[54_098]], 1_000)))).toEqual([[11.39]]);
  });

  it("pairs ranges of the same shape cell by cell", () => {
    expect(
      numbers(
        rate(
          [
            [1, 2],
            [3, 4],
          ],
          [
            [10, 20],
            [30, 40],
          ],
          1,
        ),
      ),
    ).toEqual([
      [0.1, 0.1],
      [0.1, 0.1],
    ]);
  });

  it("accepts bare values, as HyperFormula passes them", () => {
    expect(round2(numbers(rate(616 as never, 54_098 as never)))).toEqual([[113.87]]);
  });

  it("keeps a bad cell's error in its own cell: text #VALUE! naming it, population 0 #DIV/0!, negatives #NUM!", () => {
    const result = rate([[616], ["n/a"], [10], [-3]], [[54_098], [54_098], [0], [54_098]]);
    expect(result[0][0]).toBeCloseTo(113.87, 2);
    const text = errorOf(result[1][0]);
    expect(text.code).toBe("#VALUE!");
    expect(text.message).toBe('count, row 2 of the range: expected a number, found the text "n/a"');
    expect(errorOf(result[2][0]).code).toBe("#DIV/0!");
    expect(errorOf(result[3][0]).code).toBe("#NUM!");
    expect(errorOf(result[3][0]).message).toBe("count: expected 0 or more, found -3");
  });

  it("reads a blank as 0, as Excel's own arithmetic does", () => {
    const result = rate([[null], [""]], [[54_098], [null]]);
    expect(result[0][0]).toBe(0);
    expect(errorOf(result[1][0]).code).toBe("#DIV/0!");
  });

  it("points out a number stored as text", () => {
    expect(errorOf(rate([["616"]], [[54_098]])[0][0]).message).toContain("a number stored as text");
  });

  it("is a single #N/A for ranges of different shapes", () => {
    const result = rate([[1], [2], [3]], [[1], [2]]);
    expect(result).toHaveLength(1);
    const error = errorOf(result[0][0]);
    expect(error.code).toBe("#N/A");
    expect(error.message).toBe(
      "count is 3 rows x 1 column, population is 2 rows x 1 column: give ranges of the same size, or a single value for one of them",
    );
  });

  it("is #VALUE! for text in per and #NUM! for per 0", () => {
    expect(errorOf(rate([[1]], [[2]], "ten")[0][0]).message).toBe('per: expected a number, found the text "ten"');
    expect(errorOf(rate([[1]], [[2]], 0)[0][0]).code).toBe("#NUM!");
  });
});

describe("LAC.PROJECTION", () => {
  const counts = [[436], [480], [527], [566], [613]];
  const years = [[1], [2], [3], [4], [5]];

  it("gives the worked linear example, 788.4 at x = 9", () => {
    expect(round2(numbers(projection(counts, years, [[9]])))).toEqual([[788.4]]);
  });

  it("spills to the shape of the targets, with a blank result for a blank target", () => {
    const result = numbers(projection(counts, years, [[6, 7, null, 0]]));
    expect(result).toHaveLength(1);
    expect(result[0][0]).toBeCloseTo(656.4, 9);
    expect(result[0][1]).toBeCloseTo(700.4, 9);
    expect(result[0].slice(2)).toEqual(["", ""]);
  });

  it("takes known counts as a row against dates as a column of the same number of cells", () => {
    expect(round2(numbers(projection([[436, 480, 527, 566, 613]], years, [[9]])))).toEqual([[788.4]]);
  });

  it("leaves out rows with a blank or text on either side, as FORECAST.LINEAR does", () => {
    const withGaps = projection(
      [[436], ["n/a"], [480], [null], [527], [566], [613]],
      [[1], [1.5], [2], [2.5], [3], [4], [5]],
      [[9]],
    );
    expect(round2(numbers(withGaps))).toEqual([[788.4]]);
  });

  it("leaves out empty rows that desktop Excel passes as 0 in both ranges", () => {
    const padded = projection(
      [[436], [480], [527], [566], [613], [0], [0]],
      [[1], [2], [3], [4], [5], [0], [0]],
      [[9]],
    );
    expect(round2(numbers(padded))).toEqual([[788.4]]);
  });

  it("projects with GROWTH's exponential trend when asked, in any case", () => {
    const result = numbers(projection([[110], [121], [133.1]], [[1], [2], [3]], [[4]], " Exponential "));
    expect(result[0][0]).toBeCloseTo(146.41, 9);
  });

  it("is #N/A for ranges of different sizes, saying both sizes", () => {
    const error = errorOf(projection(counts, [[1], [2], [3], [4], [5], [6]], [[9]])[0][0]);
    expect(error.code).toBe("#N/A");
    expect(error.message).toBe("known_counts has 5 values, known_dates has 6");
  });

  it("is #DIV/0! with fewer than two usable rows, saying how many were left out", () => {
    const error = errorOf(projection([[436], ["x"], [null]], [[1], [2], [3]], [[9]])[0][0]);
    expect(error.code).toBe("#DIV/0!");
    expect(error.message).toBe(
      "a trend needs at least 2 rows with a number in both known_counts and known_dates, found 1; 2 left out (a blank or text on either side, or 0 in both)",
    );
  });

  it("is #DIV/0! when all dates are the same", () => {
    expect(errorOf(projection([[1], [2]], [[45_000], [45_000]], [[45_100]])[0][0]).code).toBe("#DIV/0!");
  });

  it("is #VALUE! in the cell of a text target, naming it", () => {
    const result = projection(counts, years, [[9], ["next year"]]);
    expect(result[0][0]).toBeCloseTo(788.4, 9);
    expect(errorOf(result[1][0]).message).toBe(
      'target_dates, row 2 of the range: expected a number, found the text "next year"',
    );
  });

  it("is #VALUE! for an unknown method, listing the choices", () => {
    expect(errorOf(projection(counts, years, [[9]], "quadratic")[0][0]).message).toBe(
      'method: expected one of "linear", "exponential", found "quadratic"',
    );
  });

  it("is #NUM! for a zero count with the exponential method", () => {
    expect(errorOf(projection([[5], [0], [7]], [[1], [2], [3]], [[4]], "exponential")[0][0]).code).toBe("#NUM!");
  });
});

describe("LAC.UPLIFTCOST", () => {
  it("spills the published strategy's independent residential uplifts in a row: 743,196.10 | 780,355.91 | 819,373.70", () => {
    expect(round2(numbers(upliftCost(14_863_922, [[0.05]], 3)))).toEqual([[743_196.1, 780_355.91, 819_373.7]]);
  });

  it("spills in-house fostering's: 88,888.25 | 90,994.90 | 93,151.48", () => {
    expect(round2(numbers(upliftCost(3_750_559, [[0.0237]], 3, "each")))).toEqual([[88_888.25, 90_994.9, 93_151.48]]);
  });

  it("gives the total or the uplifted cost each year", () => {
    expect(round2(numbers(upliftCost(3_750_559, [[0.0237]], 3, "total")))).toEqual([[273_034.63]]);
    expect(round2(numbers(upliftCost(1_000, [[0.0688], [0.0355]], null, "COST")))).toEqual([[1_068.8, 1_106.74]]);
  });

  it("takes a row or column of rates per year, and the first years of it", () => {
    expect(round2(numbers(upliftCost(1_000, [[0.0688, 0.0355, 0.03]], 2)))).toEqual([[68.8, 37.94]]);
  });

  it("needs years with a single rate", () => {
    const error = errorOf(upliftCost(1_000, [[0.05]])[0][0]);
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toMatch(/^years: needed when rates is a single rate/);
  });

  it("is #VALUE! for a block of rates, text in a rate, or an unknown output", () => {
    expect(
      errorOf(
        upliftCost(1_000, [
          [0.05, 0.05],
          [0.05, 0.05],
        ])[0][0],
      ).message,
    ).toBe("rates: expected a single row or column, found 2 rows x 2 columns");
    expect(errorOf(upliftCost(1_000, [[0.05], ["5%?"]])[0][0]).message).toBe(
      'rates, row 2 of the range: expected a number, found the text "5%?"',
    );
    expect(errorOf(upliftCost(1_000, [[0.05]], 3, "sum")[0][0]).message).toBe(
      'output: expected one of "each", "total", "cost", found "sum"',
    );
    expect(errorOf(upliftCost("£1,000", [[0.05]], 3)[0][0]).message).toBe(
      'base: expected a number, found the text "£1,000" (a number stored as text: retype it, or convert it with VALUE)',
    );
  });

  it("is #NUM! for a rate typed as 5 for 5%", () => {
    expect(errorOf(upliftCost(1_000, [[5]], 3)[0][0]).code).toBe("#NUM!");
  });
});

describe("finance helpers", () => {
  it("LAC.EXTRACOST gives the published strategy's 7,428.27 for 619 -> 770 children on £30,451k", () => {
    expect(extraCost(30_451, 619, 770)).toBeCloseTo(7_428.27, 2);
    expect(errorOf(extraCost(30_451, 0, 770)).code).toBe("#DIV/0!");
    expect(errorOf(extraCost(30_451, "619 children", 770)).message).toBe(
      'current_count: expected a number, found the text "619 children"',
    );
  });

  it("LAC.UNITCOST states its weeks per year", () => {
    expect(unitCost(1_253_200, 100, 52)).toBeCloseTo(241, 9);
    expect(unitCost(1_044_333.33, 100, 52, 10 / 12)).toBeCloseTo(241, 4);
    expect(errorOf(unitCost(1_253_200, 0, 52)).code).toBe("#DIV/0!");
  });

  it("LAC.PERIOD numbers April 1 and January 10, spills over a range and leaves blanks blank", () => {
    expect(period([[serialFromYmd(2021, 4, 1)], [serialFromYmd(2022, 1, 31)], ["31/03/2022"], [null], [0]])).toEqual([
      [1],
      [10],
      [12],
      [""],
      [""],
    ]);
    const bad = errorOf(period([[serialFromYmd(2021, 4, 1), "31/02/2022"]])[0][1]);
    expect(bad.code).toBe("#VALUE!");
    expect(bad.message).toBe(
      'dates, column 2 of the range: expected a date as dd/mm/yyyy, found "31/02/2022", which is not a day of the calendar',
    );
  });

  it("LAC.RUNRATE gives 14,543,908.80 for residential's P10 actual of 12,119,924", () => {
    expect(runRate(12_119_924, 10)).toBeCloseTo(14_543_908.8, 6);
    expect(runRate(12_119_924, 10, null)).toBeCloseTo(14_543_908.8, 6);
    expect(errorOf(runRate(12_119_924, 0)).code).toBe("#DIV/0!");
  });

  it("LAC.COMMITMENT adds each placement's weeks to 31 March, blank end dates running to the year end", () => {
    const outturn = commitment(12_119_924, "31/01/2022", [[4_528], [800], [null]], [[null], ["28/02/2022"], [null]]);
    expect(outturn).toBeCloseTo(12_119_924 + (4_528 * 59) / 7 + 800 * 4, 6);
    const serialEnds = commitment(
      0,
      serialFromYmd(2022, 1, 31),
      [[700, 700]],
      [[0, serialFromYmd(2022, 2, 28)]],
      serialFromYmd(2022, 3, 31),
    );
    expect(serialEnds).toBeCloseTo((700 * 59) / 7 + 2_800, 9);
  });

  it("LAC.COMMITMENT names the cell of a bad end date and says when the ranges differ", () => {
    const badDate = errorOf(commitment(0, "31/01/2022", [[700], [700]], [[null], ["soon"]]));
    expect(badDate.message).toBe('end_dates, row 2 of the range: expected a date as dd/mm/yyyy, found "soon"');
    expect(errorOf(commitment(0, "31/01/2022", [[700], [700]], [[null]])).message).toBe(
      "weekly_costs has 2 values, end_dates has 1",
    );
    expect(errorOf(commitment(0, null, [[700]], [[null]])).message).toBe(
      "period_end: expected a date, found a blank cell",
    );
  });
});

describe("LAC.FLOWPROJECTION", () => {
  // The published strategy: 616 children of 54,098; 185 starters (34.20 per 10,000) and 164 ceased (30.32).
  const startersPer10k = (185 / 54_098) * 10_000;
  const ceasedPer10k = (164 / 54_098) * 10_000;

  it("gives back 616 + 185 - 164 = 637 a year on at the same population", () => {
    const [[year1]] = numbers(flowProjection(616, [[54_098]], startersPer10k, ceasedPer10k));
    expect(year1).toBeCloseTo(637, 9);
  });

  it("spills one count per year in the shape of populations", () => {
    const column = numbers(flowProjection(616, [[54_098], [54_098], [60_000]], startersPer10k, ceasedPer10k));
    expect(column.map((row) => row.length)).toEqual([1, 1, 1]);
    expect(column[1][0]).toBeCloseTo(658, 9);
    expect(column[2][0]).toBeCloseTo(658 + (21 * 60_000) / 54_098, 9);
    expect(numbers(flowProjection(616, [[54_098, 54_098]], startersPer10k, ceasedPer10k))).toHaveLength(1);
  });

  it("names a blank population year and refuses text", () => {
    expect(errorOf(flowProjection(616, [[54_098], [null]], 34, 30)[0][0]).message).toMatch(/year 2/);
    expect(errorOf(flowProjection("616 children", [[54_098]], 34, 30)[0][0]).code).toBe("#VALUE!");
  });
});

describe("LAC.TARGETREDUCTION", () => {
  it("gives the reduction to 80 per 10,000 of Sefton's 2023-28 strategy from the figures it states (606 of 54,098 -> 173.2)", () => {
    expect(targetReduction(606, 54_098, 80)).toBeCloseTo(606 - 432.784, 9);
  });

  it("is negative when the target is above today's rate, and #DIV/0! for no population", () => {
    expect(targetReduction(300, 54_098, 80)).toBeCloseTo(300 - 432.784, 9);
    expect(errorOf(targetReduction(606, 0, 80)).code).toBe("#DIV/0!");
  });
});
