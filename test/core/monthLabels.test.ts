/**
 * Month labels ("Feb-17", "February 2017") as count histories head their rows: each means the last day
 * of its month, the date a month's count of children looked after is taken at.
 */
import { monthYearLabel, parseDate, parseDateOrMonth, parseMonthLabel, serialFromYmd } from "../../src/core/dates";

describe("parseMonthLabel", () => {
  it.each([
    ["Feb-17", 2017, 2, 28],
    ["Feb 17", 2017, 2, 28],
    ["FEB17", 2017, 2, 28],
    ["feb-2017", 2017, 2, 28],
    ["February 2017", 2017, 2, 28],
    ["Feb. 2017", 2017, 2, 28],
    ["Sept '21", 2021, 9, 30],
    ["Sep-21", 2021, 9, 30],
    ["September 2021", 2021, 9, 30],
    ["Feb-20", 2020, 2, 29],
    ["Feb-00", 2000, 2, 29],
    ["Jan-29", 2029, 1, 31],
    ["Jan-30", 1930, 1, 31],
    ["Dec-99", 1999, 12, 31],
    ["02/2017", 2017, 2, 28],
    ["2/2017", 2017, 2, 28],
    ["2017-02", 2017, 2, 28],
    ["  Mar-22 ", 2022, 3, 31],
  ])("reads %p as the last day of its month", (label, year, month, day) => {
    expect(parseMonthLabel(label)).toBe(serialFromYmd(year, month, day));
  });

  it.each([
    "28/02/2017",
    "2017-02-28",
    "Total",
    "Feb",
    "2017",
    "13/2017",
    "2017-13",
    "Febr 2017",
    "Jun-1899",
    "Movement 21",
    "",
  ])("finds no month in %p", (text) => {
    expect(parseMonthLabel(text)).toBeNull();
  });

  it("reads back the labels monthYearLabel writes", () => {
    const end = serialFromYmd(2025, 3, 31);
    expect(monthYearLabel(end)).toBe("Mar-25");
    expect(parseMonthLabel(monthYearLabel(end))).toBe(end);
  });
});

describe("parseDateOrMonth", () => {
  it("reads dates as parseDate does and month labels as month ends", () => {
    const date = new Date(Date.UTC(2022, 1, 28));
    expect(parseDateOrMonth(date)).toBe(parseDate(date));
    expect(parseDateOrMonth(44620)).toBe(44620);
    expect(parseDateOrMonth("28/02/2022")).toBe(serialFromYmd(2022, 2, 28));
    expect(parseDateOrMonth("2022-02-28")).toBe(serialFromYmd(2022, 2, 28));
    expect(parseDateOrMonth("Feb-22")).toBe(serialFromYmd(2022, 2, 28));
    expect(parseDateOrMonth("  ")).toBeNull();
    expect(parseDateOrMonth(null)).toBeNull();
  });

  it("names the text it cannot read, and both forms it expected", () => {
    expect(() => parseDateOrMonth("Total")).toThrow(
      'expected a date as dd/mm/yyyy or a month as Feb-17, found "Total"',
    );
    expect(() => parseDateOrMonth("31/02/2021")).toThrow('found "31/02/2021", which is not a day of the calendar');
    expect(() => parseDateOrMonth(-3)).toThrow("expected a date, found the number -3");
  });
});
