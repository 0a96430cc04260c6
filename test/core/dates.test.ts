import {
  addMonths,
  dateFromCellSerial,
  addYears,
  ageInYears,
  financialPeriodOf,
  financialYearEnd,
  financialYearLabel,
  financialYearOf,
  financialYearStart,
  formatDate,
  monthYearLabel,
  parseDate,
  periodEnd,
  serialFromJsDate,
  serialFromYmd,
  ymdFromSerial,
} from "../../src/core/dates";
import { LacError } from "../../src/core/errors";

describe("Excel serial dates (1900 system)", () => {
  it.each([
    [1900, 1, 1, 1],
    [1900, 2, 28, 59],
    [1900, 3, 1, 61],
    [2000, 2, 29, 36585],
    [2022, 1, 31, 44592],
    [2022, 3, 31, 44651],
    [2024, 3, 31, 45382],
    [2025, 2, 18, 45706],
  ])("%i-%i-%i is serial %i, and back", (year, month, day, serial) => {
    expect(serialFromYmd(year, month, day)).toBe(serial);
    expect(ymdFromSerial(serial)).toEqual({ year, month, day });
  });

  it("keeps Excel's phantom 29 February 1900 at serial 60", () => {
    expect(ymdFromSerial(60)).toEqual({ year: 1900, month: 2, day: 29 });
  });

  it("gives a date cell's serial as a Date in either date system, time kept, and reads it back", () => {
    expect(dateFromCellSerial(44592, false)).toEqual(new Date(Date.UTC(2022, 0, 31)));
    expect(dateFromCellSerial(43130, true)).toEqual(new Date(Date.UTC(2022, 0, 31)));
    expect(dateFromCellSerial(44592.75, false)).toEqual(new Date(Date.UTC(2022, 0, 31, 18)));
    for (const serial of [1, 59, 61, 44592.5, 2_958_465])
      expect(serialFromJsDate(dateFromCellSerial(serial, false))).toBeCloseTo(serial, 9);
  });

  it("reads a UTC-midnight JavaScript Date (ExcelJS) as its calendar day", () => {
    expect(serialFromJsDate(new Date(Date.UTC(2022, 2, 31)))).toBe(44651);
  });
});

describe("parseDate", () => {
  it("reads dd/mm/yyyy, ISO text, serials and Dates", () => {
    expect(parseDate("31/03/2022")).toBe(44651);
    expect(parseDate(" 1/4/2021 ")).toBe(serialFromYmd(2021, 4, 1));
    expect(parseDate("2022-03-31")).toBe(44651);
    expect(parseDate(44651)).toBe(44651);
    expect(parseDate(new Date(Date.UTC(2022, 2, 31)))).toBe(44651);
  });

  it("gives null for blanks", () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
    expect(parseDate("   ")).toBeNull();
  });

  it.each(["31/02/2021", "12/31/2021", "31/03/22", "next week", "2021-13-01"])("rejects %p naming the text", (text) => {
    expect(() => parseDate(text)).toThrow(LacError);
    expect(() => parseDate(text)).toThrow(text);
  });

  it("rejects numbers outside Excel's date range", () => {
    expect(() => parseDate(0)).toThrow(/Excel dates run from 1/);
    expect(() => parseDate(Number.NaN)).toThrow(LacError);
  });
});

describe("financial years and periods (April = period 1)", () => {
  it("puts January 2022 in period 10 of 2021/22", () => {
    const jan = serialFromYmd(2022, 1, 15);
    expect(financialYearOf(jan)).toBe(2021);
    expect(financialPeriodOf(jan)).toBe(10);
    expect(financialPeriodOf(serialFromYmd(2021, 4, 1))).toBe(1);
    expect(financialPeriodOf(serialFromYmd(2022, 3, 31))).toBe(12);
  });

  it("ends P10 on 31 January with 59 days left, 60 in a leap year", () => {
    expect(periodEnd(2021, 10)).toBe(serialFromYmd(2022, 1, 31));
    expect(financialYearEnd(2021) - periodEnd(2021, 10)).toBe(59);
    expect(financialYearEnd(2023) - periodEnd(2023, 10)).toBe(60);
  });

  it("starts on 1 April and ends on 31 March", () => {
    expect(financialYearStart(2021)).toBe(serialFromYmd(2021, 4, 1));
    expect(financialYearEnd(2021)).toBe(44651);
  });

  it("rejects periods outside 1-12", () => {
    expect(() => periodEnd(2021, 13)).toThrow(/1 \(April\) to 12 \(March\)/);
  });

  it("labels years the two ways finance teams write them", () => {
    expect(financialYearLabel(2021)).toBe("2021/22");
    expect(financialYearLabel(2021, "short")).toBe("21/22");
    expect(financialYearLabel(1999, "short")).toBe("99/00");
    expect(monthYearLabel(serialFromYmd(2025, 3, 1))).toBe("Mar-25");
    expect(formatDate(44651)).toBe("31/03/2022");
  });
});

describe("ages and calendar arithmetic", () => {
  it("counts whole years, turning on the birthday", () => {
    const dob = serialFromYmd(2006, 3, 31);
    expect(ageInYears(dob, serialFromYmd(2022, 3, 30))).toBe(15);
    expect(ageInYears(dob, serialFromYmd(2022, 3, 31))).toBe(16);
  });

  it("adds years and months, clamping to the month's end", () => {
    expect(addYears(serialFromYmd(2020, 2, 29), 1)).toBe(serialFromYmd(2021, 2, 28));
    expect(addMonths(serialFromYmd(2022, 1, 31), 1)).toBe(serialFromYmd(2022, 2, 28));
    expect(addMonths(serialFromYmd(2022, 11, 30), 3)).toBe(serialFromYmd(2023, 2, 28));
  });
});
