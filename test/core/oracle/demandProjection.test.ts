/**
 * The demand projection's daily step checked against an independent oracle: the same model written as
 * dense matrix algebra in mathjs, on random 20-state models. For a day's transition matrix M (M[b][a]
 * the chance that a child in state a is in state b tomorrow), population x, covariance Sigma, entries e
 * and the sensitivities D (D[s][p]: change in state s per unit change of rate p):
 *   x'     = M x + e
 *   Sigma' = M Sigma M' + diag(M x) - M diag(x) M' + diag(e)
 *     (each child's move is a multinomial draw: summed over the states a, x_a (diag(m_a) - m_a m_a') is
 *     diag(M x) - M diag(x) M'; entries are Poisson, so their variance is their mean)
 *   D'     = M D + Delta diag(w)
 *     (rate p moves w_p children a day, the population of the state it leaves, or 1 for an entry rate,
 *     and Delta[s][p] is +1 for the state it adds to and -1 for the state it takes from)
 * and the variance of a total over states S is a' Sigma a + sum over p of var_p (a' D_p)^2, a the
 * indicator of S. The kernel does none of this densely: it walks M's non-zero entries column by column
 * and propagates each rate's sensitivity on its own. Totals over every pair of states check every
 * covariance, not only the variances.
 *
 * Tolerances: M's entries lie in [0, 1] and its columns sum to at most 1, so a day's rounding does not
 * grow; after t days of n-term sums the error is about n x t x eps of the figures' size (times |S|^2 for
 * a total over S, the number of covariances it adds). A factor of 1,000 covers the constant; a real
 * fault (a transposed M, a lost multinomial term, a sensitivity taken from the wrong day) is off by
 * orders of magnitude more.
 */
import fc from "fast-check";
import { add, diag, dotMultiply, type Matrix, matrix, multiply, subtract, transpose, zeros } from "mathjs";
import {
  type DemandRates,
  projectDemand,
  type RateVariances,
  type StateAggregate,
} from "../../../src/core/demand/project";

const N = 20;
const EPS = Number.EPSILON;
const LABELS = Array.from({ length: N }, (_, s) => `state ${s + 1}`);

/** A rate, often 0 (a demand model's M is mostly zeros), else anywhere in [0, 1] or a typical small daily rate. */
const weight = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 0, max: 0.01, noNaN: true }),
);

/** Rates out of each state: 20 transitions and an exit, scaled to a total outflow between 0 and 1. */
const randomRates = fc
  .record({
    outflows: fc.array(
      fc.oneof(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0, 1),
        fc.double({ min: 0, max: 0.02, noNaN: true }),
      ),
      {
        minLength: N,
        maxLength: N,
      },
    ),
    weights: fc.array(fc.array(weight, { minLength: N + 1, maxLength: N + 1 }), { minLength: N, maxLength: N }),
    entries: fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })), {
      minLength: N,
      maxLength: N,
    }),
  })
  .map(({ outflows, weights, entries }): DemandRates => {
    const transitionRates = new Float64Array(N * N);
    const exitRates = new Float64Array(N);
    for (let from = 0; from < N; from += 1) {
      const row = weights[from];
      row[from] = 0; // no transition from a state to itself: staying is what is left over
      const sum = row.reduce((total, w) => total + w, 0);
      if (sum === 0) continue;
      // Just under the outflow, so that rounding never takes a state's outflow above 1.
      const scale = (outflows[from] * (1 - 64 * EPS)) / sum;
      for (let to = 0; to < N; to += 1) if (to !== from) transitionRates[from * N + to] = row[to] * scale;
      exitRates[from] = row[N] * scale;
    }
    return {
      stateLabels: LABELS,
      transitionRates,
      exitRates,
      entryRates: Float64Array.from(entries),
      plannedMoves: [],
    };
  });

const randomPopulation = fc.array(
  fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 1_000, noNaN: true })),
  {
    minLength: N,
    maxLength: N,
  },
);

/**
 * Estimation variances: mostly 0 (a rate taken as exact, or a move never seen), else up to the size a
 * few years of data leave. Keeping most at 0 keeps the oracle's dense products small (it carries one
 * column of D per uncertain rate); over the runs every kind of rate is drawn many times.
 */
const variance = fc.oneof(
  { weight: 9, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.double({ min: Number.MIN_VALUE, max: 1e-4, noNaN: true }) },
);
const randomVariances = fc
  .record({
    transitionRates: fc.array(variance, { minLength: N * N, maxLength: N * N }),
    exitRates: fc.array(variance, { minLength: N, maxLength: N }),
    entryRates: fc.array(variance, { minLength: N, maxLength: N }),
  })
  .map((v): RateVariances => ({
    transitionRates: Float64Array.from(v.transitionRates),
    exitRates: Float64Array.from(v.exitRates),
    entryRates: Float64Array.from(v.entryRates),
  }));

const randomSubsets = fc.array(
  fc
    .uniqueArray(fc.integer({ min: 0, max: N - 1 }), { minLength: 1, maxLength: N })
    .map((states) => states.sort((a, b) => a - b)),
  { minLength: 1, maxLength: 8 },
);

const singles: StateAggregate[] = LABELS.map((_, s) => ({ key: `single ${s}`, states: [s] }));
const pairs: StateAggregate[] = LABELS.flatMap((_, i) =>
  LABELS.slice(i + 1).map((__, k) => ({ key: `pair ${i},${i + 1 + k}`, states: [i, i + 1 + k] })),
);
const everyone: StateAggregate = { key: "all", states: LABELS.map((_, s) => s) };

/** The model's transition matrix, M[to][from]: the chance of being in `to` tomorrow for a child in `from` today. */
function transitionMatrix(rates: DemandRates): number[][] {
  const m = LABELS.map(() => new Array<number>(N).fill(0));
  for (let from = 0; from < N; from += 1) {
    let stay = 1 - rates.exitRates[from];
    for (let to = 0; to < N; to += 1) {
      if (to === from) continue;
      m[to][from] = rates.transitionRates[from * N + to];
      stay -= m[to][from];
    }
    m[from][from] = stay;
  }
  return m;
}

/** Each uncertain rate as the oracle sees it: its variance, where it adds, where it takes from (-1 for none). */
function rateParameters(variances: RateVariances | undefined): { variance: number; to: number; from: number }[] {
  const parameters: { variance: number; to: number; from: number }[] = [];
  if (!variances) return parameters;
  for (let s = 0; s < N; s += 1) {
    parameters.push({ variance: variances.entryRates[s], to: s, from: -1 });
    parameters.push({ variance: variances.exitRates[s], to: -1, from: s });
    for (let b = 0; b < N; b += 1)
      if (b !== s) parameters.push({ variance: variances.transitionRates[s * N + b], to: b, from: s });
  }
  // A rate with no variance adds nothing to any band.
  return parameters.filter((q) => q.variance > 0);
}

interface OracleDay {
  mean: number[];
  covariance: number[][];
  /** Var(state s) from the rates: sum over p of var_p D[s][p]^2. */
  stateRateVariance: number[];
  /** The same for each aggregate, in the order given. */
  aggregateRateVariance: number[];
  aggregateSpread: number[];
}

/** Days 0..days of the model, by dense matrix products in mathjs. */
function oracleProjection(
  rates: DemandRates,
  population: number[],
  days: number,
  aggregates: readonly StateAggregate[],
): OracleDay[] {
  const m = matrix(transitionMatrix(rates));
  const mT = transpose(m);
  const e = matrix(Array.from(rates.entryRates));
  const parameters = rateParameters(rates.rateVariances);
  const p = parameters.length;
  const v = matrix(parameters.map((q) => q.variance));
  const delta = matrix(LABELS.map((_, s) => parameters.map((q) => (q.to === s ? 1 : 0) - (q.from === s ? 1 : 0))));
  const select = matrix(parameters.map((q) => LABELS.map((_, s) => (q.from === s ? 1 : 0))));
  const entryParameter = matrix(parameters.map((q) => (q.from < 0 ? 1 : 0)));
  const indicator = matrix(aggregates.map((a) => LABELS.map((_, s) => (a.states.includes(s) ? 1 : 0))));

  let x: Matrix = matrix(population);
  let sigma: Matrix = zeros(N, N) as Matrix;
  let d: Matrix = zeros(N, Math.max(p, 1)) as Matrix;
  const record = (): OracleDay => {
    const rateVariance = (sensitivities: Matrix): number[] =>
      p === 0 ? [] : (multiply(dotMultiply(sensitivities, sensitivities), v).toArray() as number[]);
    const aggregateSensitivities = multiply(indicator, d);
    return {
      mean: x.toArray() as number[],
      covariance: sigma.toArray() as number[][],
      stateRateVariance: p === 0 ? LABELS.map(() => 0) : rateVariance(d),
      aggregateRateVariance: p === 0 ? aggregates.map(() => 0) : rateVariance(aggregateSensitivities),
      // a' Sigma a for each aggregate: the row sums of (A Sigma) o A.
      aggregateSpread: (dotMultiply(multiply(indicator, sigma), indicator).toArray() as number[][]).map((row) =>
        row.reduce((sum, value) => sum + value, 0),
      ),
    };
  };
  const result = [record()];
  for (let t = 1; t <= days; t += 1) {
    const mx = multiply(m, x);
    const spread = multiply(multiply(m, subtract(sigma, diag(x))), mT);
    const nextSigma = add(spread, diag(add(mx, e)));
    if (p > 0) {
      const moved = add(multiply(select, x), entryParameter);
      // Delta diag(w): column p of Delta scaled by w_p (mathjs broadcasts the row of w down the rows).
      d = add(multiply(m, d), dotMultiply(delta, matrix([moved.toArray() as number[]])));
    }
    x = add(mx, e);
    sigma = nextSigma;
    result.push(record());
  }
  return result;
}

function check(found: number, expected: number, bound: number, what: string): void {
  if (!(Math.abs(found - expected) <= bound)) {
    throw new Error(
      `${what}: expected ${expected} (within ${bound}), found ${found}, off by ${Math.abs(found - expected)}`,
    );
  }
}

/** Runs the kernel and the oracle side by side and compares every state and every aggregate, every day. */
function compare(
  rates: DemandRates,
  population: number[],
  days: number,
  aggregates: StateAggregate[],
  rateUncertainty: boolean,
): void {
  const projection = projectDemand(rates, { date: 45_382, population }, days, { aggregates, rateUncertainty });
  const oracle = oracleProjection(
    rateUncertainty ? rates : { ...rates, rateVariances: undefined },
    population,
    days,
    aggregates,
  );
  for (let t = 0; t <= days; t += 1) {
    const day = oracle[t];
    const largestMean = Math.max(1, ...day.mean);
    const largestCovariance = Math.max(0, ...day.covariance.flat().map(Math.abs));
    const largestRateVariance = Math.max(0, ...day.stateRateVariance);
    const unit = 1_000 * N * Math.max(t, 1) * EPS;
    const varianceBound = (states: number) =>
      unit * states ** 2 * (1 + largestCovariance + largestMean + largestRateVariance);
    for (let s = 0; s < N; s += 1) {
      check(projection.mean[t * N + s], day.mean[s], unit * largestMean, `day ${t}, mean of state ${s + 1}`);
      const expected = Math.max(0, day.covariance[s][s]) + day.stateRateVariance[s];
      check(projection.variance[t * N + s], expected, varianceBound(1), `day ${t}, variance of state ${s + 1}`);
    }
    aggregates.forEach((aggregate, i) => {
      const found = projection.aggregates[i];
      const size = aggregate.states.length;
      const mean = aggregate.states.reduce((sum, s) => sum + day.mean[s], 0);
      check(found.mean[t], mean, unit * size * largestMean, `day ${t}, mean of ${aggregate.key}`);
      const expected = Math.max(0, day.aggregateSpread[i]) + day.aggregateRateVariance[i];
      check(
        found.variance[t],
        expected,
        varianceBound(size),
        `day ${t}, variance of ${aggregate.key} [${aggregate.states.join(",")}]`,
      );
    });
  }
}

// Shrinking a failure through 400 random rates takes minutes: stop at the first one, whose message names
// the day, the state or total, and both figures.
const RUN = { endOnFailure: true };

describe("the demand projection's daily step against mathjs matrix products", () => {
  it("has the oracle's mean and full covariance (every pair of states) on random 20-state models", () => {
    fc.assert(
      fc.property(
        randomRates,
        randomPopulation,
        fc.integer({ min: 1, max: 20 }),
        randomSubsets,
        (rates, population, days, subsets) => {
          const aggregates = [
            ...singles,
            ...pairs,
            everyone,
            ...subsets.map((states, i) => ({ key: `subset ${i + 1}`, states })),
          ];
          compare(rates, population, days, aggregates, false);
        },
      ),
      { ...RUN, numRuns: 12 },
    );
  });

  it("has the oracle's sensitivities to every rate, through the variance they add to states and totals", () => {
    fc.assert(
      fc.property(
        randomRates,
        randomVariances,
        randomPopulation,
        fc.integer({ min: 1, max: 30 }),
        randomSubsets,
        (rates, rateVariances, population, days, subsets) => {
          const aggregates = [
            ...singles,
            everyone,
            ...subsets.map((states, i) => ({ key: `subset ${i + 1}`, states })),
          ];
          compare({ ...rates, rateVariances }, population, days, aggregates, true);
        },
      ),
      { ...RUN, numRuns: 12 },
    );
  });

  it("stays with the oracle over a year of days, where rounding would accumulate", () => {
    fc.assert(
      fc.property(randomRates, randomVariances, randomPopulation, (rates, rateVariances, population) => {
        compare({ ...rates, rateVariances }, population, 365, [everyone, ...pairs.slice(0, 19)], true);
      }),
      { ...RUN, numRuns: 1 },
    );
  });
});
