import { serialFromYmd } from "../../src/core/dates";
import {
  parseCount,
  parseDateInput,
  parsePopulation,
  parseUpliftRate,
  parseWeeksPerYear,
  parseYears,
  percentText,
} from "../../src/taskpane/validation";

describe("reading the Assumptions step's fields", () => {
  it("takes a population with thousands separators, blank for unknown, and refuses the rest with the reason", () => {
    expect(parsePopulation("61,000")).toEqual({ ok: true, value: 61000 });
    expect(parsePopulation(" ")).toEqual({ ok: true, value: null });
    expect(parsePopulation("sixty")).toEqual({
      ok: false,
      message: 'Enter a whole number of children, e.g. 61,000; "sixty" is not a number.',
    });
    expect(parsePopulation("610.5")).toEqual({ ok: false, message: "Enter a whole number of children." });
    expect(parsePopulation("0")).toEqual({ ok: false, message: "The population must be more than 0." });
    expect(parsePopulation("6,10")).toMatchObject({ ok: false });
  });

  it("reads counts of children as whole numbers, 0 or more", () => {
    expect(parseCount("619")).toEqual({ ok: true, value: 619 });
    expect(parseCount("-1")).toEqual({ ok: false, message: "A count of children is a whole number, 0 or more." });
  });

  it("reads uplift rates as an Excel % cell does: 5 and 5% are 5%, and so is 0.05, said next to the field", () => {
    expect(parseUpliftRate("2.37")).toEqual({ ok: true, value: 0.0237 });
    expect(parseUpliftRate("5%")).toEqual({ ok: true, value: 0.05 });
    expect(parseUpliftRate(" 2.37 % ")).toEqual({ ok: true, value: 0.0237 });
    expect(parseUpliftRate("0")).toEqual({ ok: true, value: 0 });
    expect(parseUpliftRate("0.05")).toEqual({
      ok: true,
      value: 0.05,
      note: "Read as 5%: a number below 1 is a fraction, as in an Excel % cell.",
    });
    // Half a per cent must be typed with its sign; "0.5" is half, and that is far above any uplift.
    expect(parseUpliftRate("0.5%")).toEqual({ ok: true, value: 0.005 });
    expect(parseUpliftRate("0.5")).toEqual({
      ok: true,
      value: 0.5,
      note: "Read as 50%: a number below 1 is a fraction, as in an Excel % cell. 50% a year is far above the usual 2-10%: check it.",
      caution: true,
    });
    expect(parseUpliftRate("-2")).toEqual({ ok: true, value: -0.02 });
    expect(parseUpliftRate("-100")).toEqual({
      ok: false,
      message: "A rate of -100% or less would make costs negative.",
    });
    expect(parseUpliftRate("150")).toEqual({
      ok: false,
      message: "A rate over 100% a year is almost certainly a typing error.",
    });
    expect(parseUpliftRate("five")).toEqual({
      ok: false,
      message: 'Enter a rate such as 5% (or 0.05); "five" is not a number.',
    });
    expect(percentText(0.0237)).toBe("2.37%");
    expect(parseUpliftRate(percentText(0.0237))).toEqual({ ok: true, value: 0.0237 });
  });

  it("keeps the weeks convention between 52 and 53 and the horizon between 1 and 10 years", () => {
    expect(parseWeeksPerYear("52.142857")).toEqual({ ok: true, value: 52.142857 });
    expect(parseWeeksPerYear("7")).toMatchObject({
      ok: false,
      message: "Weeks per year is between 52 and 53 (52, or 365/7 = 52.14).",
    });
    expect(parseYears("3")).toEqual({ ok: true, value: 3 });
    expect(parseYears("11")).toEqual({ ok: false, message: "The projection runs 1 to 10 years ahead." });
  });

  it("reads dates typed the UK way (dd/mm/yyyy) as Excel serials, saying the date in words; US order is refused", () => {
    const march2025 = serialFromYmd(2025, 3, 31);
    expect(parseDateInput("31/03/2025")).toEqual({ ok: true, value: march2025, note: "31 March 2025" });
    expect(parseDateInput("3/4/2022")).toEqual({ ok: true, value: serialFromYmd(2022, 4, 3), note: "3 April 2022" });
    expect(parseDateInput("2025-03-31")).toEqual({ ok: true, value: march2025, note: "31 March 2025" });
    expect(parseDateInput("03/31/2025")).toEqual({
      ok: false,
      message: 'Enter a date as dd/mm/yyyy, e.g. 31/03/2025; "03/31/2025" is not a date.',
    });
    expect(parseDateInput("31/02/2025")).toEqual({
      ok: false,
      message: 'Enter a date as dd/mm/yyyy, e.g. 31/03/2025; "31/02/2025" is not a date.',
    });
  });
});
