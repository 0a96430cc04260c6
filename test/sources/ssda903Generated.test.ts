/**
 * Five years of generated returns for 50,000 children: written as the DfE files, read back, stitched,
 * and counted. The counts are checked against simple counts written here from the generated histories,
 * independent of the measures' own code.
 */
import type { CareHistory, ChildHistory, Episode } from "../../src/core/careHistory";
import { careMeasures, financialYearPeriod } from "../../src/core/careMeasures";
import { AGE_BANDS, type AgeBand } from "../../src/core/codes903";
import { ageInYears, financialYearEnd, financialYearStart } from "../../src/core/dates";
import { stabilityCounts } from "../../src/core/stability";
import { readEpisodesCsv, readHeaderCsv, stitchCareHistory } from "../../src/sources/ssda903";
import { annualReturns, generateCareHistory } from "../../tools/synthetic/ssda903";

const FIRST_YEAR = 2017;
const YEARS = 5;
const truth = generateCareHistory({ children: 50_000, seed: 903, firstYear: FIRST_YEAR, years: YEARS });
const returns = annualReturns(truth, FIRST_YEAR, YEARS);
const stitched = stitchCareHistory(
  returns.map((r) => ({
    episodes: readEpisodesCsv(r.episodesCsv, r.episodesFileName),
    header: readHeaderCsv(r.headerCsv, r.headerFileName),
  })),
);
const financialYears = Array.from({ length: YEARS }, (_, i) => FIRST_YEAR + i);

function comparable(child: ChildHistory) {
  return {
    child: child.child,
    dob: child.dob,
    episodes: child.episodes.map(({ start, end, rne, ls, cin, place, placeProvider, rec }: Episode) => [
      start,
      end,
      rne,
      ls,
      cin,
      place,
      placeProvider,
      rec,
    ]),
  };
}

function band(age: number): AgeBand {
  let found: AgeBand = "under1";
  for (const b of AGE_BANDS) if (age >= b.fromYears) found = b.band;
  return found;
}

const isShortBreak = (e: Episode) => e.ls === "V3" || e.ls === "V4";

/** The simple counts: one loop per figure, straight from the definitions. */
function simpleCounts(history: CareHistory, financialYear: number) {
  const start = financialYearStart(financialYear);
  const end = financialYearEnd(financialYear);
  const lookedAfter: Record<string, number> = {};
  const started: Record<string, number> = {};
  const ceased: Record<string, number> = {};
  const reasons: Record<string, number> = {};
  let lookedAfterTotal = 0;
  let startedTotal = 0;
  let ceasedTotal = 0;
  for (const child of history.children) {
    const dob = child.dob as number;
    const inCare = child.episodes.some((e) => !isShortBreak(e) && e.start <= end && (e.end === null || e.end > end));
    if (inCare) {
      lookedAfterTotal += 1;
      const key = band(ageInYears(dob, end));
      lookedAfter[key] = (lookedAfter[key] ?? 0) + 1;
    }
    const starts = child.episodes.filter(
      (e) => !isShortBreak(e) && e.rne === "S" && e.start >= start && e.start <= end,
    );
    if (starts.length) {
      startedTotal += 1;
      const key = band(ageInYears(dob, starts[0].start));
      started[key] = (started[key] ?? 0) + 1;
    }
    const ceasings = child.episodes.filter(
      (e) => !isShortBreak(e) && e.end !== null && e.end >= start && e.end <= end && e.rec !== null && e.rec !== "X1",
    );
    if (ceasings.length) {
      ceasedTotal += 1;
      const last = ceasings[ceasings.length - 1];
      const key = band(ageInYears(dob, last.end as number));
      ceased[key] = (ceased[key] ?? 0) + 1;
      reasons[last.rec as string] = (reasons[last.rec as string] ?? 0) + 1;
    }
  }
  return { lookedAfterTotal, lookedAfter, startedTotal, started, ceasedTotal, ceased, reasons };
}

function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

describe("five years of generated returns (50,000 children)", () => {
  it("are large and realistic enough to exercise every rule", () => {
    const episodes = truth.children.reduce((n, c) => n + c.episodes.length, 0);
    expect(truth.children.length).toBeGreaterThan(40_000);
    expect(episodes).toBeGreaterThan(200_000);
    const codes = new Set(truth.children.flatMap((c) => c.episodes.flatMap((e) => [e.rne, e.place, e.ls])));
    for (const code of ["S", "L", "P", "B", "T", "U", "A5", "A6", "T1", "T4", "V3", "V4", "H5", "K2", "U4"])
      expect(codes).toContain(code);
  });

  it("stitch back into exactly the generated histories, with each repeated open episode counted once", () => {
    expect(stitched.issues).toEqual([]);
    // Compared child by child so that a failure shows the first few differences, not a 50,000-child diff.
    const generated = new Map(truth.children.map((c) => [c.child, JSON.stringify(comparable(c))]));
    const differing = stitched.children
      .filter((c) => generated.get(c.child) !== JSON.stringify(comparable(c)))
      .map((c) => c.child);
    expect(differing.slice(0, 5)).toEqual([]);
    expect(stitched.children.length).toBe(truth.children.length);
    let repeats = 0;
    for (const child of truth.children) {
      for (const episode of child.episodes) {
        const inFiles = financialYears.filter(
          (y) => episode.start <= financialYearEnd(y) && (episode.end === null || episode.end >= financialYearStart(y)),
        ).length;
        repeats += inFiles - 1;
      }
    }
    expect(stitched.stitching).toEqual({
      repeatedEpisodes: 0,
      continuedEpisodes: repeats,
      revisedEpisodes: 0,
      truncatedOverlaps: 0,
    });
  });

  it("give each year's counts as a simple count of the generated histories does", () => {
    const population = financialYears.map((_, i) => 480_000 + i * 1_000);
    const measured = careMeasures(stitched, financialYears.map(financialYearPeriod), {
      moves: "placement",
      population,
    });
    financialYears.forEach((year, i) => {
      const simple = simpleCounts(truth, year);
      const m = measured[i];
      expect({ year, total: m.lookedAfter.total, bands: nonZero(m.lookedAfter.byAgeBand) }).toEqual({
        year,
        total: simple.lookedAfterTotal,
        bands: simple.lookedAfter,
      });
      expect({ year, total: m.started.total, bands: nonZero(m.started.byAgeBand) }).toEqual({
        year,
        total: simple.startedTotal,
        bands: simple.started,
      });
      expect({ year, total: m.ceased.total, bands: nonZero(m.ceased.byAgeBand), reasons: m.ceased.byReason }).toEqual({
        year,
        total: simple.ceasedTotal,
        bands: simple.ceased,
        reasons: simple.reasons,
      });
      expect(m.ratePer10k.lookedAfter).toBeCloseTo((simple.lookedAfterTotal / population[i]) * 10_000, 10);
      expect(m.lookedAfter.ageUnknown).toBe(0);
    });
  });

  it("give the same stability from the stitched files as from the generated histories, at plausible levels", () => {
    for (const year of financialYears) {
      for (const measure of ["short", "long"] as const) {
        for (const moves of ["placement", "carer"] as const) {
          const options = { measure, moves };
          expect(stabilityCounts(stitched, financialYearEnd(year), options)).toEqual(
            stabilityCounts(truth, financialYearEnd(year), options),
          );
        }
      }
      const short = stabilityCounts(stitched, financialYearEnd(year), { measure: "short", moves: "placement" });
      expect(short.numerator / short.denominator).toBeGreaterThan(0.04);
      expect(short.numerator / short.denominator).toBeLessThan(0.2);
    }
    const long = stabilityCounts(stitched, financialYearEnd(FIRST_YEAR + YEARS - 1), {
      measure: "long",
      moves: "placement",
    });
    expect(long.numerator / long.denominator).toBeGreaterThan(0.4);
    expect(long.numerator / long.denominator).toBeLessThan(0.9);
  });
});
