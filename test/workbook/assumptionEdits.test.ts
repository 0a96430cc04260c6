import { serialFromYmd } from "../../src/core/dates";
import type { SheetGrid } from "../../src/core/grid";
import { recogniseWorkbook } from "../../src/sources/recognise";
import {
  addHistoryPoint,
  editHistoryPoint,
  historyExtent,
  refreshAssumptions,
  removeHistoryPoint,
  TYPED_IN_PANEL,
} from "../../src/workbook/assumptionEdits";
import type { Assumptions, LacCount, Sourced } from "../../src/workbook/assumptions";
import { defaultAssumptions } from "../../src/workbook/build";

const TODAY = serialFromYmd(2022, 2, 18);
const monthEnd = (year: number, month: number) => serialFromYmd(year, month + 1, 1) - 1;

/** A monthly count history (month ends from 31/01/2021; 14 months reach 28/02/2022) and a P10 or P11 budget sheet, as the workbook holds them. */
function workbook(options: { months: number; period: 10 | 11; lines?: [string, number, number][] }): SheetGrid[] {
  const counts = Array.from({ length: options.months }, (_, i) => [monthEnd(2021, i + 1), 600 + i]);
  const lines = options.lines ?? [
    ["Residential", 12_119_924, 14_000_100],
    ["Independent Fostering", 4_745_315, 5_690_000],
  ];
  return [
    {
      name: "P10 Summary",
      origin: { row: 0, col: 0 },
      cells: [["Setting Type", `P${options.period} Current Expenditure £`, "Forecast 21/22 Expenditure £"], ...lines],
    },
    { name: "LAC History", origin: { row: 0, col: 0 }, cells: [["Month end", "Children looked after"], ...counts] },
  ];
}

const fromSources = (sheets: SheetGrid[]): Assumptions =>
  defaultAssumptions(recogniseWorkbook(sheets), { today: TODAY });

describe("a rebuild takes the sources afresh and keeps what the user typed", () => {
  const lastMonth = fromSources(workbook({ months: 13, period: 10 }));
  const thisMonth = fromSources(workbook({ months: 14, period: 11 }));
  const typedByUser: Assumptions = {
    ...lastMonth,
    population0to17: { value: 54_098, source: TYPED_IN_PANEL },
    weeksPerYear: 365 / 7,
  };

  it("takes next month's count and period from the sources when nothing derived was typed", () => {
    const refreshed = refreshAssumptions(typedByUser, [], thisMonth);
    expect(refreshed.lacHistory.value).toHaveLength(14);
    expect(refreshed.lacHistory.value.at(-1)).toMatchObject({
      date: monthEnd(2022, 2),
      count: 613,
      countCell: { ref: { sheet: "LAC History", row: 14, col: 1 } },
    });
    expect(refreshed.period?.value).toBe(11);
    // What the sources never give stays as the user left it.
    expect(refreshed.population0to17).toEqual({ value: 54_098, source: TYPED_IN_PANEL });
    expect(refreshed.weeksPerYear).toBe(365 / 7);
  });

  it("keeps a typed history, a typed target date and typed rates", () => {
    const typedHistory = editHistoryPoint(lastMonth.lacHistory, 12, { count: 640 });
    const saved: Assumptions = {
      ...typedByUser,
      lacHistory: typedHistory,
      projectionTargetDate: serialFromYmd(2026, 3, 31),
      uplift: lastMonth.uplift.map((line) => ({ ...line, rates: [0.06, 0.05, 0.04] })),
    };
    const refreshed = refreshAssumptions(saved, ["lacHistory", "projectionTargetDate", "upliftRates"], thisMonth);
    expect(refreshed.lacHistory).toBe(typedHistory);
    expect(refreshed.projectionTargetDate).toBe(serialFromYmd(2026, 3, 31));
    expect(refreshed.uplift.map((line) => line.rates)).toEqual([
      [0.06, 0.05, 0.04],
      [0.06, 0.05, 0.04],
    ]);
    expect(refreshed.period?.value).toBe(11);
    // Untyped, the target date and the rates are the sources' defaults again.
    const untyped = refreshAssumptions(saved, [], thisMonth);
    expect(untyped.projectionTargetDate).toBe(thisMonth.projectionTargetDate);
    expect(untyped.uplift).toEqual(thisMonth.uplift);
  });

  it("keeps each typed rate with its financial year when the spend year moves on, and follows the budget's lines", () => {
    const saved: Assumptions = {
      ...lastMonth,
      uplift: lastMonth.uplift.map((line) => ({ ...line, rates: [0.06, 0.05, 0.04] })),
    };
    const nextYear: Assumptions = {
      ...fromSources(
        workbook({
          months: 14,
          period: 10,
          lines: [
            ["Residential", 1, 2],
            ["Supported Accommodation", 3, 4],
          ],
        }),
      ),
      upliftBaseYear: lastMonth.upliftBaseYear + 1,
    };
    const refreshed = refreshAssumptions(saved, ["upliftRates"], nextYear);
    expect(refreshed.upliftBaseYear).toBe(lastMonth.upliftBaseYear + 1);
    // Residential's 2023/24 rate (5%) is now the first year's; the last year repeats the last rate typed.
    expect(refreshed.uplift.map((line) => [line.category, line.rates])).toEqual([
      ["residential", [0.05, 0.04, 0.04]],
      ["supported", nextYear.uplift[1].rates],
    ]);
  });
});

describe("changing the count history in the panel", () => {
  const sheet = fromSources(workbook({ months: 13, period: 10 })).lacHistory;

  it("says how many counts, from where, the first and latest dates and the latest count", () => {
    expect(historyExtent(sheet.value, "sheet 'LAC History'")).toBe(
      "13 counts from sheet 'LAC History', 31/01/2021 to 31/01/2022; latest 612",
    );
    expect(
      historyExtent([
        { date: serialFromYmd(2021, 3, 31), count: 1_613 },
        { date: serialFromYmd(2020, 3, 31), count: 566 },
      ]),
    ).toBe("2 counts, 31/03/2020 to 31/03/2021; latest 1,613");
    expect(historyExtent([])).toBe("No counts");
  });

  it("drops the link of the point changed, and only that one, saying the series is typed", () => {
    const edited = editHistoryPoint(sheet, 3, { count: 700 });
    expect(edited.value[3]).toEqual({ date: sheet.value[3].date, count: 700 });
    expect(edited.value.filter((p) => p.countCell && p.dateCell)).toHaveLength(12);
    expect(edited.value[4]).toBe(sheet.value[4]);
    expect(edited.source).toBe("typed in the panel; counts not changed there still link to sheet 'LAC History'");
    const redated = editHistoryPoint(edited, 0, { date: serialFromYmd(2021, 2, 27) });
    expect(redated.value[0]).toEqual({ date: serialFromYmd(2021, 2, 27), count: 600 });
  });

  it("adds a point a step after the latest: a month end after a monthly series, a year after annual counts", () => {
    expect(addHistoryPoint(sheet, 2021).value.at(-1)).toEqual({ date: serialFromYmd(2022, 2, 28), count: 612 });
    const annual: Sourced<LacCount[]> = {
      value: [
        { date: serialFromYmd(2020, 3, 31), count: 566 },
        { date: serialFromYmd(2021, 3, 31), count: 613 },
      ],
      source: TYPED_IN_PANEL,
    };
    expect(addHistoryPoint(annual, 2021)).toEqual({
      value: [...annual.value, { date: serialFromYmd(2022, 3, 31), count: 613 }],
      source: TYPED_IN_PANEL,
    });
    const single = { value: [{ date: serialFromYmd(2020, 2, 29), count: 566 }], source: TYPED_IN_PANEL };
    expect(addHistoryPoint(single, 2021).value[1].date).toBe(serialFromYmd(2021, 2, 28));
    // The first count of an empty history: the 31 March before the spend year.
    expect(addHistoryPoint({ value: [], source: "not given" }, 2021).value).toEqual([
      { date: serialFromYmd(2021, 3, 31), count: 0 },
    ]);
  });

  it("removes a point; with no linked point left, the series is simply typed", () => {
    const one = { value: [sheet.value[0]], source: sheet.source };
    expect(removeHistoryPoint(sheet, 0).value).toEqual(sheet.value.slice(1));
    expect(removeHistoryPoint(one, 0)).toEqual({ value: [], source: TYPED_IN_PANEL });
  });
});
