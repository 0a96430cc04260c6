/**
 * SSDA903 at the sizes issues 2 and 4 name, on synthetic returns (tools/synthetic/ssda903.ts):
 * 150,000 children over five years, about 1,000,000 episodes.
 * - LAC.STABILITY over a 1,000,000-episode range, called through the worksheet function's wrapper with
 *   the range as Excel hands it (serial dates, 0 for a blank cell).
 * - Reading five years of Episodes and Header CSV text, stitching them, and every care measure for
 *   every year (looked after, starters, leavers, rates, short- and long-term stability).
 */
import type { CareHistory } from "../../src/core/careHistory";
import { careMeasures, reportingPeriods } from "../../src/core/careMeasures";
import { financialYearEnd } from "../../src/core/dates";
import { stability } from "../../src/functions/functions";
import { readEpisodesCsv, readHeaderCsv, stitchCareHistory } from "../../src/sources/ssda903";
import { type AnnualReturn, annualReturns, generateCareHistory } from "../../tools/synthetic/ssda903";
import type { BenchCase } from "../types";

const FIRST_YEAR = 2017;
const YEARS = 5;
const CHILDREN = 150_000;

function syntheticHistory(): CareHistory {
  return generateCareHistory({ children: CHILDREN, seed: 2024, firstYear: FIRST_YEAR, years: YEARS });
}

function episodeCount(history: CareHistory): number {
  let count = 0;
  for (const child of history.children) count += child.episodes.length;
  return count;
}

/** The episodes as a worksheet range: a header row, then one row per episode, blanks as Excel gives them (0). */
function asRange(history: CareHistory): unknown[][] {
  const rows: unknown[][] = [["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "DOB"]];
  for (const child of history.children) {
    for (const e of child.episodes) {
      rows.push([
        child.child,
        e.start,
        e.rne,
        e.ls,
        e.cin,
        e.place,
        e.placeProvider || 0,
        e.end ?? 0,
        e.rec ?? 0,
        child.dob ?? 0,
      ]);
    }
  }
  return rows;
}

const stabilityCase: BenchCase<{ range: unknown[][]; yearEnd: number }> = {
  name: "stability-1m-episodes",
  issue: 2,
  target: { medianMs: 2_000, peakRssMb: 1_024 },
  setup: () => ({ range: asRange(syntheticHistory()), yearEnd: financialYearEnd(FIRST_YEAR + YEARS - 1) }),
  run: ({ range, yearEnd }) => {
    const [[rate, numerator, denominator]] = stability(range, yearEnd, "short", "placement", "detail") as number[][];
    return { episodes: range.length - 1, rate, numerator, denominator };
  },
};

const readStitchMeasureCase: BenchCase<AnnualReturn[]> = {
  name: "903-read-stitch-measures-5-years",
  issue: 4,
  target: { medianMs: 4_000, peakRssMb: 1_536 },
  setup: () => annualReturns(syntheticHistory(), FIRST_YEAR, YEARS),
  run: (returns) => {
    const history = stitchCareHistory(
      returns.map((r) => ({
        episodes: readEpisodesCsv(r.episodesCsv, r.episodesFileName),
        header: readHeaderCsv(r.headerCsv, r.headerFileName),
      })),
    );
    const periods = reportingPeriods(history);
    const measures = careMeasures(
      history,
      periods.map((p) => p.period),
      { moves: "placement", population: periods.map(() => 500_000) },
    );
    const latest = measures[measures.length - 1];
    return {
      children: history.children.length,
      episodes: episodeCount(history),
      csvMb: Math.round(returns.reduce((n, r) => n + r.episodesCsv.length + r.headerCsv.length, 0) / 1e6),
      years: periods.length,
      issues: history.issues.length,
      lookedAfterLatest: latest.lookedAfter.total,
      shortTermLatest: latest.stability.short.rate,
      longTermLatest: latest.stability.long.rate,
    };
  },
};

export const cases: BenchCase[] = [stabilityCase as BenchCase, readStitchMeasureCase as BenchCase];
