/**
 * A monthly profile whose month columns are headed by real dates ("Apr-21" is a date formatted mmm-yy):
 * Office.js gives those cells as serial numbers, so the Excel host reads the number formats with the values
 * and hands the recogniser Dates, as the file host does. Read through the fake Excel host, the profile gives
 * the same figures as the text-headed one of test/fixtures/budget/28-monthly-profile-bands.json.
 */
import { excelOperations } from "../../src/excel/operations";
import { recogniseSnapshot } from "../../src/workbook/pipeline";
import { DATE_1904_OFFSET, serialFromYmd } from "../../src/core/dates";
import { FakeExcel } from "../support/fakeExcel";

/** The months April 2021 to March 2022 as serials of the 1900 system. */
const MONTHS = Array.from({ length: 12 }, (_, i) => serialFromYmd(i < 9 ? 2021 : 2022, ((i + 3) % 12) + 1, 1));
const COLUMNS = "CDEFGHIJKLMN";

function profile(date1904: boolean, format = "mmm-yy"): FakeExcel {
  const headers = MONTHS.map((serial) => (date1904 ? serial - DATE_1904_OFFSET : serial));
  const fake = new FakeExcel();
  fake.date1904 = date1904;
  fake.addSheet("Monthly", [
    ["Placements budget monitoring 2021/22 (£)"],
    [null, null, "Actual", null, null, null, null, null, null, null, null, null, "Forecast", null, "Forecast Outturn"],
    ["Placement type", "Annual Budget", ...headers, null],
    ["Residential", 12_000_000, ...Array<number>(10).fill(1_010_000), 1_050_000, 1_050_000, 12_200_000],
    ["Fostering - Internal", 3_600_000, ...Array<number>(10).fill(300_000), 310_000, 310_000, 3_620_000],
  ]);
  for (const col of COLUMNS) fake.setNumberFormat("Monthly", `${col}3`, format);
  return fake;
}

async function recognised(fake: FakeExcel) {
  const snapshot = await excelOperations(fake).readWorkbook();
  const { recognition } = recogniseSnapshot(snapshot, {});
  return { recognition, aprilHeader: snapshot.grids[0].cells[2]?.[2] };
}

describe("a monthly profile headed by real dates, read in Excel", () => {
  it("is recognised: actual to date is the sum of the actual months and the period the last of them", async () => {
    const { recognition, aprilHeader } = await recognised(profile(false));
    expect(aprilHeader).toEqual(new Date(Date.UTC(2021, 3, 1)));
    const [budget] = recognition.budgets;
    expect(budget.period).toMatchObject({ period: 10, financialYear: 2021 });
    expect(
      budget.lines.map((line) => [line.label, line.values.actualToDate?.value, line.values.forecastOutturn?.value]),
    ).toEqual([
      ["Residential", 10_100_000, 12_200_000],
      ["Fostering - Internal", 3_000_000, 3_620_000],
    ]);
  });

  it("reads the same in a workbook that counts in the 1904 date system", async () => {
    const { recognition, aprilHeader } = await recognised(profile(true));
    expect(aprilHeader).toEqual(new Date(Date.UTC(2021, 3, 1)));
    expect(recognition.budgets[0].period).toMatchObject({ period: 10, financialYear: 2021 });
    expect(recognition.budgets[0].lines[0].values.actualToDate?.value).toBe(10_100_000);
  });

  it("takes a number shown as a number for a number, not a month", async () => {
    const { recognition, aprilHeader } = await recognised(profile(false, "0"));
    expect(aprilHeader).toBe(MONTHS[0]);
    expect(
      recognition.budgets.flatMap((budget) => budget.lines.map((line) => line.values.actualToDate?.value)),
    ).not.toContain(10_100_000);
  });
});
