import fc from "fast-check";
import type { CareHistory, Episode } from "../../src/core/careHistory";
import { AGE_BANDS, type AgeBand } from "../../src/core/codes903";
import { ageBandShares, lookedAfterAt, reportingPeriods, type AgeBandCounts } from "../../src/core/careMeasures";
import { ageInYears, serialFromYmd } from "../../src/core/dates";

const d = serialFromYmd;
const BANDS = AGE_BANDS.map((b) => b.band);

function counts(values: number[]): AgeBandCounts {
  return Object.fromEntries(BANDS.map((band, i) => [band, values[i]])) as AgeBandCounts;
}

function asPublished(share: number): string {
  return (Math.round(share * 1000) / 10).toFixed(1);
}

// the published strategy: "Age Group - Count" and "Age Group - %" for 2018, 2019, 2020, 2021 and Jan-22.
const SEED_TABLES: { table: string; counts: number[][]; published: string[][] }[] = [
  {
    table: "children looked after",
    counts: [
      [19, 87, 116, 181, 77],
      [31, 95, 122, 198, 81],
      [23, 118, 146, 192, 87],
      [28, 129, 145, 221, 90],
      [28, 115, 154, 220, 99],
    ],
    published: [
      ["4.0", "18.1", "24.2", "37.7", "16.0"],
      ["5.9", "18.0", "23.1", "37.6", "15.4"],
      ["4.1", "20.8", "25.8", "33.9", "15.4"],
      ["4.6", "21.0", "23.7", "36.1", "14.7"],
      ["4.5", "18.7", "25.0", "35.7", "16.1"],
    ],
  },
  {
    table: "started to be looked after",
    counts: [
      [31, 41, 39, 65, 9],
      [42, 39, 32, 49, 15],
      [34, 45, 40, 35, 13],
      [42, 41, 37, 40, 19],
      [40, 29, 27, 38, 22],
    ],
    published: [
      ["16.8", "22.2", "21.1", "35.1", "4.9"],
      ["23.7", "22.0", "18.1", "27.7", "8.5"],
      ["20.4", "26.9", "24.0", "21.0", "7.8"],
      ["23.5", "22.9", "20.7", "22.3", "10.6"],
      ["25.6", "18.6", "17.3", "24.4", "14.1"],
    ],
  },
  {
    table: "ceased to be looked after",
    counts: [
      [8, 31, 22, 37, 66],
      [7, 29, 24, 22, 51],
      [8, 37, 17, 17, 50],
      [7, 34, 21, 14, 57],
      [10, 42, 18, 26, 49],
    ],
    published: [
      ["4.9", "18.9", "13.4", "22.6", "40.2"],
      ["5.3", "21.8", "18.0", "16.5", "38.3"],
      ["6.2", "28.7", "13.2", "13.2", "38.8"],
      ["5.3", "25.6", "15.8", "10.5", "42.9"],
      ["6.9", "29.0", "12.4", "17.9", "33.8"],
    ],
  },
];

describe("ageBandShares", () => {
  it.each(SEED_TABLES)(
    "gives the published strategy's published percentages of $table from its counts",
    ({ counts: columns, published }) => {
      columns.forEach((column, i) => {
        const shares = ageBandShares(counts(column));
        expect(BANDS.map((band) => asPublished(shares?.[band] ?? NaN))).toEqual(published[i]);
      });
    },
  );

  it("has no shares when no age is known", () => {
    expect(ageBandShares(counts([0, 0, 0, 0, 0]))).toBeNull();
  });
});

function child(id: string, dob: number | null, episodes: Partial<Episode>[]): CareHistory["children"][number] {
  return {
    child: id,
    dob,
    sex: null,
    episodes: episodes.map((e) => ({
      start: 0,
      end: null,
      rne: "S",
      ls: "C2",
      cin: "N1",
      place: "U4",
      placeProvider: "PR1",
      rec: null,
      ...e,
    })),
  };
}

describe("lookedAfterAt", () => {
  it("puts each child in the age band ageInYears gives, 29 February births and birthdays on the day included", () => {
    const date = fc.integer({ min: d(1995, 1, 1), max: d(2030, 12, 31) });
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 20 * 366 }), (on, ageDays) => {
        const dob = on - ageDays;
        const history: CareHistory = { children: [child("A", dob, [{ start: dob }])], stitching: {}, issues: [] };
        const counted = lookedAfterAt(history, on).byAgeBand;
        const age = ageInYears(dob, on);
        const expected: AgeBand = [...AGE_BANDS].reverse().find((band) => age >= band.fromYears)?.band ?? "under1";
        expect(
          Object.entries(counted)
            .filter(([, n]) => n > 0)
            .map(([band]) => band),
        ).toEqual([expected]);
      }),
      { numRuns: 2000 },
    );
    const leapling = d(2008, 2, 29);
    const history: CareHistory = { children: [child("A", leapling, [{ start: leapling }])], stitching: {}, issues: [] };
    expect(lookedAfterAt(history, d(2009, 2, 28)).byAgeBand.under1).toBe(1);
    expect(lookedAfterAt(history, d(2009, 3, 1)).byAgeBand["1to4"]).toBe(1);
  });

  it("counts a child who ceased on the date as no longer looked after, and one who started on it as looked after", () => {
    const history: CareHistory = {
      children: [
        child("A", null, [{ start: d(2020, 1, 1), end: d(2021, 3, 31), rec: "E13" }]),
        child("B", null, [{ start: d(2021, 3, 31) }]),
      ],
      stitching: {},
      issues: [],
    };
    expect(lookedAfterAt(history, d(2021, 3, 31)).total).toBe(1);
    expect(lookedAfterAt(history, d(2021, 3, 30)).total).toBe(1);
    expect(lookedAfterAt(history, d(2021, 3, 31)).ageUnknown).toBe(1);
  });
});

describe("reportingPeriods", () => {
  it("runs from the year of the earliest ceased episode to the latest year, which is complete once the data reach its March", () => {
    const history: CareHistory = {
      children: [
        child("A", null, [{ start: d(2012, 5, 1), end: d(2018, 6, 1), rec: "E13" }]),
        child("B", null, [{ start: d(2016, 5, 1), end: d(2021, 3, 20), rec: "E4A" }]),
      ],
      stitching: {},
      issues: [],
    };
    expect(reportingPeriods(history).map((p) => [p.label, p.financialYear, p.complete, p.longTermKnown])).toEqual([
      ["2019", 2018, true, false],
      ["2020", 2019, true, false],
      ["2021", 2020, true, true],
    ]);
  });

  it("ends with a part year to the latest date, labelled as the published strategy labels it", () => {
    const history: CareHistory = {
      children: [
        child("A", null, [{ start: d(2019, 5, 1), end: d(2020, 6, 1), rec: "E13" }]),
        child("B", null, [{ start: d(2022, 1, 18) }]),
      ],
      stitching: {},
      issues: [],
    };
    const periods = reportingPeriods(history);
    expect(periods.map((p) => p.label)).toEqual(["2021", "Jan-22"]);
    expect(periods[1]).toEqual({
      label: "Jan-22",
      financialYear: 2021,
      period: { start: d(2021, 4, 1), end: d(2022, 1, 18) },
      complete: false,
      longTermKnown: false,
    });
  });

  it("shows at most the latest eight years", () => {
    const history: CareHistory = {
      children: [
        child("A", null, [{ start: d(2005, 5, 1), end: d(2006, 6, 1), rec: "E13" }]),
        child("B", null, [{ start: d(2022, 3, 18) }]),
      ],
      stitching: {},
      issues: [],
    };
    expect(reportingPeriods(history).map((p) => p.label)).toEqual([
      "2015",
      "2016",
      "2017",
      "2018",
      "2019",
      "2020",
      "2021",
      "2022",
    ]);
  });
});
