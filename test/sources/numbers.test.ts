import fc from "fast-check";
import { parseAmount, parsePercentage, unitsInText } from "../../src/sources/numbers";

describe("parseAmount", () => {
  it("returns real numbers as they are", () => {
    expect(parseAmount(12119924)).toBe(12119924);
    expect(parseAmount(-36500.25)).toBe(-36500.25);
    expect(parseAmount(0)).toBe(0);
  });

  it.each([
    ["£12,119,924", 12119924],
    ["12,119,924", 12119924],
    ["12 119 924", 12119924],
    ["\u00a01\u00a0234\u00a0", 1234],
    [" 1,234 ", 1234],
    ["1,234.56", 1234.56],
    ["0.5", 0.5],
    [".5", 0.5],
    ["+500", 500],
    ["(1,234)", -1234],
    ["(£1,234)", -1234],
    ["£(1,234)", -1234],
    ["-1,234", -1234],
    ["\u22121,234", -1234],
    ["-£1,234", -1234],
    ["£-1,234", -1234],
    ["1,234.00-", -1234],
    ["1,234 CR", -1234],
    ["1,234CR", -1234],
    ["1,234 cr", -1234],
    ["1,234 DR", 1234],
    ["-", 0],
    ["–", 0],
    ["—", 0],
    [" - ", 0],
    ["£ -", 0],
    ["12.1k", 12100],
    ["12.1K", 12100],
    ["0.1k", 100],
    ["£1.2m", 1200000],
    ["1.2 m", 1200000],
    ["5.2M", 5200000],
    ["1.5bn", 1500000000],
    ["(12.1k)", -12100],
  ])("reads %j as %d", (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it.each([
    [""],
    ["   "],
    ["N/A"],
    ["n/a"],
    ["TBC"],
    ["Residential"],
    ["5%"],
    ["12,11"],
    ["1,23,456"],
    ["1,234,56"],
    ["12.1.1"],
    ["000"],
    ["007"],
    ["£"],
    ["£000"],
    ["£'000"],
    ["21/22"],
    ["P10"],
    ["1e5"],
    ["(1,234) CR"],
    ["-(1,234)"],
    ["--1"],
    ["£ 12 k m"],
  ])("returns null for %j", (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it("returns null for cells that hold no amount", () => {
    for (const cell of [
      null,
      undefined,
      true,
      false,
      new Date(Date.UTC(2022, 0, 31)),
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ]) {
      expect(parseAmount(cell)).toBeNull();
    }
  });

  it("reads back any whole-pound amount as a UK sheet displays it (£, thousands commas, brackets for negatives)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (pounds) => {
        const shown = `£${Math.abs(pounds).toLocaleString("en-GB")}`;
        expect(parseAmount(pounds < 0 ? `(${shown})` : shown)).toBe(pounds);
      }),
      { numRuns: 300 },
    );
  });

  it("reads back pence exactly as the decimal the sheet shows", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), (pence) => {
        const shown = (Math.abs(pence) / 100).toLocaleString("en-GB", { minimumFractionDigits: 2 });
        expect(parseAmount(pence < 0 ? `-${shown}` : shown)).toBe(pence / 100);
      }),
      { numRuns: 300 },
    );
  });
});

describe("parsePercentage", () => {
  it.each([
    ["5%", 0.05],
    ["2.37 %", 0.0237],
    ["-1.5%", -0.015],
    ["6.88%", 0.0688],
  ])("reads %j as %d", (text, value) => {
    expect(parsePercentage(text)).toBeCloseTo(value, 15);
  });

  it("takes numbers as Excel stores percentages, and refuses text that is no rate", () => {
    expect(parsePercentage(0.05)).toBe(0.05);
    expect(parsePercentage("abc%")).toBeNull();
    expect(parsePercentage("")).toBeNull();
    expect(parsePercentage(null)).toBeNull();
  });
});

describe("units", () => {
  it.each([
    ["£", "gbp"],
    ["(£)", "gbp"],
    ["GBP", "gbp"],
    ["Forecast £", "gbp"],
    ["£ per week", "gbp"],
    ["£000", "thousands"],
    ["£'000", "thousands"],
    ["£’000", "thousands"],
    ["£ 000", "thousands"],
    ["£000s", "thousands"],
    ["£000's", "thousands"],
    ["£k", "thousands"],
    ["(£K)", "thousands"],
    ["£ thousands", "thousands"],
    ["All figures in thousands", "thousands"],
    ["'000", "thousands"],
    ["Budget £'000", "thousands"],
    ["All figures £k", "thousands"],
    ["£m", "millions"],
    ["Actual £m", "millions"],
    ["£ millions", "millions"],
  ])("%j states %s", (text, kind) => {
    const units = unitsInText(text);
    expect(units === "millions" ? units : units?.kind).toBe(kind);
  });

  it("finds no units in headers that state none", () => {
    for (const text of [
      "Budget",
      "Number of placements",
      "2021/22",
      "Residential",
      "P10 Current Expenditure",
      "100,000",
    ]) {
      expect(unitsInText(text)).toBeNull();
    }
  });

  it("multiplies thousands by 1000 and pounds by 1", () => {
    expect(unitsInText("£000")).toEqual({ kind: "thousands", multiplier: 1000 });
    expect(unitsInText("£")).toEqual({ kind: "gbp", multiplier: 1 });
  });
});
