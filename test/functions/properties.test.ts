/**
 * Random inputs of every kind a worksheet can hand over (numbers huge and negative, NaN, text, blanks,
 * booleans, error values, ranges of every shape, ragged and empty arrays) thrown at every LAC function.
 * Each must return a finite number, a spilled array of finite numbers and blanks (with errors only in
 * their own cells), or an Excel error with a message: never throw, never NaN or Infinity in a cell.
 */
import fc from "fast-check";
import {
  commitment,
  extraCost,
  flowProjection,
  period,
  projection,
  rate,
  runRate,
  stability,
  targetReduction,
  unitCost,
  upliftCost,
} from "../../src/functions/functions";
import { isCustomFunctionsError } from "../support/customFunctionsStub";

const EXCEL_ERRORS = ["#VALUE!", "#N/A", "#DIV/0!", "#NUM!"];

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "",
    "   ",
    "n/a",
    "616",
    "1,234",
    "(1,234)",
    "£12k",
    "5%",
    "31/03/2022",
    "31/02/2022",
    "2022-03-31",
    "linear",
    "exponential",
    "each",
    "total",
    "cost",
    "short",
    "long",
    "carer",
    "detail",
  ),
);
const number = fc.oneof(
  fc.integer({ min: -1_000, max: 100_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1, 0.05, 44_651, 45_382, 1e308, -1e308, 5e-324, 2_958_465, 2_958_466),
);
const cell = fc.oneof(
  { weight: 5, arbitrary: number },
  { weight: 3, arbitrary: text },
  { weight: 2, arbitrary: fc.constantFrom(null, undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, true, false),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom({ code: "#N/A" }, new Date(Date.UTC(2022, 2, 31)), new Date(Number.NaN), {}),
  },
);
const range = (values: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[][]> =>
  fc
    .integer({ min: 1, max: 4 })
    .chain((cols) => fc.array(fc.array(values, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 5 }));
/** What a matrix argument may receive: a range, a bare value, a 1-D array, a ragged or empty array. */
const argument = fc.oneof(
  { weight: 6, arbitrary: range(cell) },
  { weight: 3, arbitrary: cell },
  { weight: 1, arbitrary: fc.array(cell, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom([], [[]], [[1, 2], [3]]) },
);

// Plain checks rather than expect(): they run for every cell of 10,000 results.
function fail(what: string, value: unknown): never {
  throw new Error(`${what}, found ${typeof value === "object" ? JSON.stringify(value) : String(value)}`);
}

/** A single-figure result: a finite number or an Excel error. */
function checkFigure(result: unknown): void {
  if (typeof result === "number") {
    if (!Number.isFinite(result)) fail("expected a finite number", result);
    return;
  }
  checkError(result);
}

/** A spilled result: rectangular rows of finite numbers, blanks or errors. */
function checkSpill(result: unknown): void {
  if (!Array.isArray(result) || result.length === 0) fail("expected rows of cells", result);
  const width = Array.isArray(result[0]) ? result[0].length : 0;
  if (width === 0) fail("expected a first row of cells", result);
  for (const row of result as unknown[]) {
    if (!Array.isArray(row) || row.length !== width) fail(`expected rows of ${width} cells`, result);
    for (const value of row) {
      if (typeof value === "number") {
        if (!Number.isFinite(value)) fail("expected a finite number in the spill", result);
      } else if (value !== "") checkError(value);
    }
  }
}

function checkError(value: unknown): void {
  if (!isCustomFunctionsError(value)) fail("expected a number or an Excel error", value);
  if (!EXCEL_ERRORS.includes(value.code)) fail("expected #VALUE!, #N/A, #DIV/0! or #NUM!", value);
  if (typeof value.message !== "string" || value.message.length < 10) fail("expected an error with a message", value);
  // The catch-all's words mean a defect: every failure must be a LacError with its own message.
  if (value.message.includes("failed unexpectedly")) fail("expected no unexpected failure", value);
}

const RUNS = 1_000;

describe("every LAC function returns a number, a spill or an Excel error, whatever it is given", () => {
  it("LAC.RATE", () => {
    fc.assert(
      fc.property(argument, argument, fc.option(cell), (count, population, per) =>
        checkSpill(rate(count as never, population as never, per)),
      ),
      { numRuns: RUNS },
    );
  });

  it("LAC.PROJECTION", () => {
    fc.assert(
      fc.property(argument, argument, argument, fc.option(text), (counts, dates, targets, method) =>
        checkSpill(projection(counts as never, dates as never, targets as never, method ?? undefined)),
      ),
      { numRuns: RUNS },
    );
  });

  it("LAC.PROJECTION on plausible series (numbers with gaps), where the fit itself is exercised", () => {
    const series = fc
      .integer({ min: 2, max: 30 })
      .chain((n) =>
        fc.tuple(
          fc.array(
            fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 2_000 }) }, { weight: 1, arbitrary: cell }),
            { minLength: n, maxLength: n },
          ),
          fc.array(
            fc.oneof(
              { weight: 8, arbitrary: fc.integer({ min: 40_000, max: 50_000 }) },
              { weight: 1, arbitrary: cell },
            ),
            { minLength: n, maxLength: n },
          ),
        ),
      );
    fc.assert(
      fc.property(series, range(cell), fc.constantFrom("linear", "exponential"), ([counts, dates], targets, method) =>
        checkSpill(
          projection(
            counts.map((c) => [c]),
            dates.map((d) => [d]),
            targets,
            method,
          ),
        ),
      ),
      { numRuns: RUNS },
    );
  });

  it("LAC.UPLIFTCOST", () => {
    fc.assert(
      fc.property(cell, argument, fc.option(cell), fc.option(text), (base, rates, years, output) =>
        checkSpill(upliftCost(base, rates as never, years, output ?? undefined)),
      ),
      { numRuns: RUNS },
    );
  });

  it("LAC.STABILITY on junk ranges", () => {
    fc.assert(
      fc.property(
        argument,
        cell,
        fc.option(text),
        fc.option(text),
        fc.option(text),
        (episodes, yearEnd, measure, moves, output) =>
          checkSpill(
            stability(episodes as never, yearEnd, measure ?? undefined, moves ?? undefined, output ?? undefined),
          ),
      ),
      { numRuns: RUNS },
    );
  });

  it("LAC.STABILITY on 903 ranges with real columns and random rows", () => {
    const code = (codes: string[]): fc.Arbitrary<unknown> =>
      fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...codes) }, { weight: 1, arbitrary: cell });
    const date = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 42_000, max: 45_000 }) },
      { weight: 2, arbitrary: fc.constantFrom("01/04/2021", "31/03/2022", "", null, 0) },
      { weight: 1, arbitrary: cell },
    );
    const row = fc.tuple(
      fc.constantFrom("1", "2", "3", 4),
      date,
      code(["S", "L", "P", "B", "T", "U"]),
      code(["C2", "V2", "V3", "V4", "E1"]),
      code(["U1", "U4", "K2", "A3", "T0", "H5"]),
      date,
      date,
    );
    const header = ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "DOB"];
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 12 }),
        fc.constantFrom<unknown>("31/03/2022", 44_651, 43_555, "x"),
        fc.constantFrom("short", "long"),
        fc.constantFrom<unknown>("placement", "carer", "2025", "2023", 2023),
        (rows, yearEnd, measure, moves) =>
          checkSpill(stability([header, ...rows], yearEnd, measure, moves as string, "detail")),
      ),
      { numRuns: RUNS },
    );
  });

  it("LAC.EXTRACOST, LAC.UNITCOST and LAC.RUNRATE", () => {
    fc.assert(
      fc.property(cell, cell, cell, fc.option(cell), (a, b, c, d) => {
        checkFigure(extraCost(a, b, c));
        checkFigure(unitCost(a, b, c, d));
        checkFigure(runRate(a, b, d));
        checkFigure(targetReduction(a, b, c));
      }),
      { numRuns: RUNS },
    );
  });

  it("LAC.FLOWPROJECTION", () => {
    fc.assert(
      fc.property(cell, argument, cell, cell, (start, populations, starters, ceased) =>
        checkSpill(flowProjection(start, populations as never, starters, ceased)),
      ),
      { numRuns: RUNS },
    );
  });

  it("LAC.PERIOD", () => {
    fc.assert(
      fc.property(argument, (dates) => checkSpill(period(dates as never))),
      { numRuns: RUNS },
    );
  });

  it("LAC.COMMITMENT", () => {
    fc.assert(
      fc.property(cell, cell, argument, argument, fc.option(cell), (actual, periodEnd, costs, ends, yearEnd) =>
        checkFigure(commitment(actual, periodEnd, costs as never, ends as never, yearEnd)),
      ),
      { numRuns: RUNS },
    );
  });
});

describe("bad input gets the error the issue names", () => {
  const nonNumericText = fc
    .string({ minLength: 1, maxLength: 10 })
    .filter((s) => s.trim() !== "" && !/^\s*[-+(]?\s*£?\s*[\d,]*\.?\d+/.test(s));
  const positive = fc.double({ min: 1e-6, max: 1e9, noNaN: true });

  it("text where a number is needed is #VALUE! naming the argument", () => {
    fc.assert(
      fc.property(nonNumericText, positive, (word, value) => {
        const count = rate([[word]], [[value]])[0][0];
        expect(isCustomFunctionsError(count) && count.code).toBe("#VALUE!");
        expect((count as CustomFunctions.Error).message).toMatch(/^count: expected a number, found the text/);
        const population = rate([[value]], [[word]])[0][0] as CustomFunctions.Error;
        expect(population.message).toMatch(/^population: expected a number/);
        const base = upliftCost(word, [[0.05]], 3)[0][0] as CustomFunctions.Error;
        expect(base.code).toBe("#VALUE!");
        expect(base.message).toMatch(/^base: /);
      }),
      { numRuns: 500 },
    );
  });

  it("a population of 0 is #DIV/0!, negative counts or populations #NUM!", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), positive, (count, population) => {
        expect((rate([[count]], [[0]])[0][0] as CustomFunctions.Error).code).toBe("#DIV/0!");
        expect((rate([[-population]], [[population]])[0][0] as CustomFunctions.Error).code).toBe("#NUM!");
        expect((rate([[count]], [[-population]])[0][0] as CustomFunctions.Error).code).toBe("#NUM!");
      }),
      { numRuns: 500 },
    );
  });

  it("ranges of different sizes are #N/A saying both sizes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), (n, m) => {
        fc.pre(n !== m);
        const error = projection(
          Array.from({ length: n }, (_, i) => [100 + i]),
          Array.from({ length: m }, (_, i) => [i + 1]),
          [[50]],
        )[0][0] as CustomFunctions.Error;
        expect(error.code).toBe("#N/A");
        expect(error.message).toBe(`known_counts has ${n} value${n === 1 ? "" : "s"}, known_dates has ${m}`);
      }),
      { numRuns: 500 },
    );
  });

  it("LAC.RATE is count / population x per for every valid cell", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        positive,
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        (count, population, per) => {
          expect(rate([[count]], [[population]], per)[0][0]).toBe((count / population) * per);
        },
      ),
      { numRuns: 500 },
    );
  });
});
