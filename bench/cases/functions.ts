/**
 * The worksheet functions at the sizes issue 2 names, called through the same wrappers Excel calls
 * (argument translation included): RATE over a 1000 x 1000 range, PROJECTION of 10,000 monthly series
 * of 60 points, UPLIFTCOST for 100,000 cost lines. STABILITY over 1,000,000 episodes is in ssda903.ts.
 */
import { addMonths, serialFromYmd } from "../../src/core/dates";
import { projection, rate, upliftCost } from "../../src/functions/functions";
import type { BenchCase } from "../types";

/** Deterministic pseudo-random numbers in [0, 1), so every run times the same work. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const SIDE = 1_000;

const rateCase: BenchCase<{ counts: number[][]; populations: number[][] }> = {
  name: "rate-1m-cells",
  issue: 2,
  target: { medianMs: 100 },
  setup: () => {
    const next = random(1);
    const counts = Array.from({ length: SIDE }, () => Array.from({ length: SIDE }, () => Math.floor(next() * 2_000)));
    const populations = Array.from({ length: SIDE }, () =>
      Array.from({ length: SIDE }, () => 20_000 + Math.floor(next() * 80_000)),
    );
    return { counts, populations };
  },
  run: ({ counts, populations }) => {
    const result = rate(counts, populations);
    return { cells: result.length * result[0].length };
  },
};

const SERIES = 10_000;
const POINTS = 60;

const projectionCase: BenchCase<{ counts: number[][][]; dates: number[][]; targets: number[][] }> = {
  name: "projection-10k-series-60-points",
  issue: 2,
  setup: () => {
    const next = random(2);
    const start = serialFromYmd(2019, 4, 30);
    const dates = Array.from({ length: POINTS }, (_, i) => [addMonths(start, i)]);
    const counts = Array.from({ length: SERIES }, () => {
      const level = 50 + next() * 900;
      const trend = (next() - 0.3) * 5;
      return Array.from({ length: POINTS }, (_, i) => [
        Math.max(1, Math.round(level + trend * i + (next() - 0.5) * 30)),
      ]);
    });
    const targets = [[serialFromYmd(2025, 3, 31)], [serialFromYmd(2026, 3, 31)], [serialFromYmd(2027, 3, 31)]];
    return { counts, dates, targets };
  },
  run: ({ counts, dates, targets }) => {
    let projected = 0;
    for (let s = 0; s < counts.length; s += 1) {
      projected += projection(counts[s], dates, targets, s % 2 === 0 ? "linear" : "exponential").length;
    }
    return { series: counts.length, points: POINTS, projected };
  },
};

const SCHEDULES = 100_000;

const upliftCase: BenchCase<{ bases: number[]; rates: number[][][] }> = {
  name: "upliftcost-100k-schedules",
  issue: 2,
  setup: () => {
    const next = random(3);
    const bases = Array.from({ length: SCHEDULES }, () => 100_000 + next() * 15_000_000);
    // Half one rate for three years (the published strategy's table), half a row of five per-year rates.
    const rates = bases.map((_, i) =>
      i % 2 === 0 ? [[0.02 + next() * 0.05]] : [Array.from({ length: 5 }, () => 0.02 + next() * 0.05)],
    );
    return { bases, rates };
  },
  run: ({ bases, rates }) => {
    let years = 0;
    for (let i = 0; i < bases.length; i += 1) {
      years += upliftCost(bases[i], rates[i], i % 2 === 0 ? 3 : null)[0].length;
    }
    return { schedules: bases.length, years };
  },
};

export const cases: BenchCase[] = [rateCase, projectionCase, upliftCase] as BenchCase[];
