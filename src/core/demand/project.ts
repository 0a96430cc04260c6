/**
 * The daily projection of a demand model: the expected number of children in each state one day at a
 * time, and how uncertain it is.
 *
 * Each child in state a on a day is, the next day, in state b with probability M[b][a] (a transition
 * rate), has left care (the exit rate), or is still in a (the diagonal, 1 minus every outflow). New
 * children arrive in each state at its entry rate. So, in expectation,
 *   population(t+1) = M x population(t) + entries.
 *
 * The band has two parts, added because they are independent (one comes from the past, one from the
 * future):
 * - Process: children move by chance even if the rates are exactly right. Its covariance is propagated
 *   exactly for this model (each child moves independently; entries are Poisson):
 *     Sigma(t+1) = M Sigma(t) M' + sum over a of population_a(t) (diag(m_a) - m_a m_a') + diag(entries)
 *   where m_a is column a of M. The diagonal of the middle term is (M o (1-M)) x population(t), the
 *   day's own noise that the open demand models accumulate; carrying the previous covariance through M
 *   (rather than adding each day's noise to the previous variance) is what keeps the band from widening
 *   without limit, and keeping the covariances is what gives totals (a placement group, an age band,
 *   all children) their correct band rather than the sum of their parts' variances.
 * - Rates: the rates are estimates from a few years of data. Each fitted rate's variance is carried to
 *   the projection through the projection's sensitivity to it (first order: the change in population
 *   per unit change of the rate, propagated day by day). Without this part the band covers what
 *   happens only about 89% of the time a year ahead in the back-test, not 95%: a council's entry rate
 *   from three years of data is uncertain by a few per cent, and that error adds up day after day.
 */
import { describeNumber } from "../args";
import { LacError } from "../errors";
import { maxOf, minOf } from "../arrays";

/** How many standard deviations either side of the mean the band spans (about 95% of outcomes). */
export const BAND_SIGMAS = 2;

/** A planned number of moves a day between two sets of states, paired by index (same age band). */
export interface PlannedMoves {
  fromStates: number[];
  toStates: number[];
  /** Children moved per day, shared between the `fromStates` in proportion to their populations. */
  perDay: number;
  /** First and last dates (Excel serials, inclusive) on which the moves happen. */
  firstDate: number;
  lastDate: number;
}

/** The variance of each estimated rate, in the same layout as the rates. */
export interface RateVariances {
  transitionRates: Float64Array;
  exitRates: Float64Array;
  entryRates: Float64Array;
}

/** Everything a projection steps with: a fitted model's rates, or a scenario's adjusted ones. */
export interface DemandRates {
  /** Names of the states, for messages and sheets; its length is the number of states. */
  stateLabels: readonly string[];
  /** Daily probability of a child moving from state `from` to state `to`, at [from * states + to]; diagonal 0. */
  transitionRates: Float64Array;
  /** Daily probability of a child in each state leaving care. */
  exitRates: Float64Array;
  /** Children entering care into each state per day. */
  entryRates: Float64Array;
  plannedMoves: PlannedMoves[];
  /** How uncertain the fitted rates are; absent for rates taken as exact. */
  rateVariances?: RateVariances;
}

/** A set of states whose total is projected with its own band (a placement group, an age band, all). */
export interface StateAggregate {
  key: string;
  states: number[];
}

export interface ProjectedAggregate extends StateAggregate {
  /** By day t = 0..days. */
  mean: Float64Array;
  variance: Float64Array;
}

export interface DemandProjection {
  /** Day 0: the date whose population the projection starts from (Excel serial). Day t is startDate + t. */
  startDate: number;
  days: number;
  stateLabels: readonly string[];
  /** Expected children in state s at the end of day t, at [t * states + s]. */
  mean: Float64Array;
  /** Variance of the number of children in state s on day t, at [t * states + s]. */
  variance: Float64Array;
  aggregates: ProjectedAggregate[];
}

export interface ProjectionOptions {
  /** Totals to project with their own band. */
  aggregates?: readonly StateAggregate[];
  /** Whether the band includes the uncertainty of the rates (default true, when the rates carry it). */
  rateUncertainty?: boolean;
}

/** Checks that the rates describe a possible day: none negative, outflows of a state at most 1. */
export function checkRates(rates: DemandRates): void {
  const n = rates.stateLabels.length;
  const sizes: [string, number, number][] = [
    ["transition rates", rates.transitionRates.length, n * n],
    ["exit rates", rates.exitRates.length, n],
    ["entry rates", rates.entryRates.length, n],
  ];
  for (const [name, found, expected] of sizes) {
    if (found !== expected) throw new LacError("value", `expected ${expected} ${name} for ${n} states, found ${found}`);
  }
  for (const move of rates.plannedMoves) {
    const states = [...move.fromStates, ...move.toStates];
    if (
      move.fromStates.length !== move.toStates.length ||
      states.some((s) => !Number.isInteger(s) || s < 0 || s >= n)
    ) {
      throw new LacError(
        "value",
        `expected planned moves between pairs of the ${n} states, found from [${move.fromStates.join(",")}] to [${move.toStates.join(",")}]`,
      );
    }
    if (!(move.perDay >= 0))
      throw new LacError("num", `expected planned moves per day of 0 or more, found ${move.perDay}`);
  }
  for (let from = 0; from < n; from += 1) {
    const label = rates.stateLabels[from];
    let outflow = rates.exitRates[from];
    if (!(outflow >= 0))
      throw new LacError("num", `expected a daily exit rate of 0 or more for ${label}, found ${outflow}`);
    if (!(rates.entryRates[from] >= 0)) {
      throw new LacError("num", `expected an entry rate of 0 or more for ${label}, found ${rates.entryRates[from]}`);
    }
    for (let to = 0; to < n; to += 1) {
      if (to === from) continue;
      const rate = rates.transitionRates[from * n + to];
      if (!(rate >= 0)) {
        throw new LacError(
          "num",
          `expected a daily rate of 0 or more from ${label} to ${rates.stateLabels[to]}, found ${rate}`,
        );
      }
      outflow += rate;
    }
    if (outflow > 1) {
      throw new LacError(
        "num",
        `the daily rates out of ${label} add up to ${describeNumber(outflow)}, more than every child in it (1)`,
      );
    }
  }
}

/**
 * M's non-zero entries column by column (the state a child starts the day in): a day's step touches
 * only these, and a demand model's M is mostly zeros.
 */
interface StepMatrix {
  /** M as [to * states + from]. */
  dense: Float64Array;
  columnStart: Int32Array;
  rows: Int32Array;
  values: Float64Array;
}

function emptyStepMatrix(n: number): StepMatrix {
  return {
    dense: new Float64Array(n * n),
    columnStart: new Int32Array(n + 1),
    rows: new Int32Array(n * n),
    values: new Float64Array(n * n),
  };
}

function fillStepMatrix(matrix: StepMatrix, rates: DemandRates, n: number): void {
  const m = matrix.dense;
  for (let from = 0; from < n; from += 1) {
    let stay = 1 - rates.exitRates[from];
    for (let to = 0; to < n; to += 1) {
      if (to === from) continue;
      const rate = rates.transitionRates[from * n + to];
      m[to * n + from] = rate;
      stay -= rate;
    }
    m[from * n + from] = stay;
  }
}

function indexStepMatrix(matrix: StepMatrix, n: number): void {
  let count = 0;
  for (let from = 0; from < n; from += 1) {
    matrix.columnStart[from] = count;
    for (let to = 0; to < n; to += 1) {
      const value = matrix.dense[to * n + from];
      if (value === 0) continue;
      matrix.rows[count] = to;
      matrix.values[count] = value;
      count += 1;
    }
  }
  matrix.columnStart[n] = count;
}

/**
 * Planned moves become, for the day, an extra transition rate: the day's moves over the expected
 * children in the states they come from, so the expected number moved is the plan (capped at the
 * children who are there and have not already moved or left).
 */
function addPlannedMoves(
  m: Float64Array,
  moves: PlannedMoves[],
  date: number,
  mean: Float64Array,
  offset: number,
  n: number,
): void {
  for (const move of moves) {
    if (date < move.firstDate || date > move.lastDate || move.perDay <= 0) continue;
    let children = 0;
    for (const s of move.fromStates) children += mean[offset + s];
    if (children <= 0) continue;
    let fraction = move.perDay / children;
    for (const s of move.fromStates) fraction = Math.min(fraction, m[s * n + s]);
    if (fraction <= 0) continue;
    for (let i = 0; i < move.fromStates.length; i += 1) {
      const from = move.fromStates[i];
      m[from * n + from] -= fraction;
      m[move.toStates[i] * n + from] += fraction;
    }
  }
}

/**
 * The rates with an estimation variance, as the sensitivities need them: what each rate changes when
 * it changes (an entry adds to its state; a move takes the state's children from `from` to `to`; an
 * exit takes them out of `from`).
 */
interface UncertainRates {
  count: number;
  variance: Float64Array;
  /** The state a unit of the rate adds to, or -1. */
  to: Int32Array;
  /** The state whose population a unit of the rate moves (a transition or exit), or -1 for an entry rate. */
  from: Int32Array;
}

function uncertainRates(variances: RateVariances | undefined, n: number): UncertainRates {
  const variance: number[] = [];
  const to: number[] = [];
  const from: number[] = [];
  const add = (value: number, into: number, outOf: number): void => {
    if (!(value > 0)) return;
    variance.push(value);
    to.push(into);
    from.push(outOf);
  };
  if (variances) {
    for (let s = 0; s < n; s += 1) {
      add(variances.entryRates[s], s, -1);
      add(variances.exitRates[s], -1, s);
      for (let b = 0; b < n; b += 1) if (b !== s) add(variances.transitionRates[s * n + b], b, s);
    }
  }
  return {
    count: variance.length,
    variance: Float64Array.from(variance),
    to: Int32Array.from(to),
    from: Int32Array.from(from),
  };
}

/**
 * Projects `days` days on from a starting population (children by state on `start.date`), with the
 * mean and variance of each state and of each aggregate for every day.
 */
export function projectDemand(
  rates: DemandRates,
  start: { date: number; population: ArrayLike<number> },
  days: number,
  options: ProjectionOptions = {},
): DemandProjection {
  checkRates(rates);
  const n = rates.stateLabels.length;
  if (start.population.length !== n) {
    throw new LacError(
      "value",
      `expected a starting population for each of ${n} states, found ${start.population.length}`,
    );
  }
  if (!Number.isInteger(days) || days < 0)
    throw new LacError("num", `expected a whole number of days to project, found ${days}`);

  const base = emptyStepMatrix(n);
  fillStepMatrix(base, rates, n);
  indexStepMatrix(base, n);
  const movesDay = emptyStepMatrix(n);
  const movesFrom = minOf(
    rates.plannedMoves.map((move) => move.firstDate),
    Infinity,
  );
  const movesUntil = maxOf(
    rates.plannedMoves.map((move) => move.lastDate),
    -Infinity,
  );

  const mean = new Float64Array((days + 1) * n);
  const variance = new Float64Array((days + 1) * n);
  const aggregates: ProjectedAggregate[] = (options.aggregates ?? []).map((a) => ({
    key: a.key,
    states: a.states,
    mean: new Float64Array(days + 1),
    variance: new Float64Array(days + 1),
  }));
  for (let s = 0; s < n; s += 1) {
    const count = start.population[s];
    if (!(count >= 0))
      throw new LacError(
        "num",
        `expected a starting population of 0 or more for ${rates.stateLabels[s]}, found ${count}`,
      );
    mean[s] = count;
  }

  const uncertain = uncertainRates(options.rateUncertainty === false ? undefined : rates.rateVariances, n);
  // The starting population is known: no covariance, no sensitivity to the rates.
  let covariance = new Float64Array(n * n);
  let nextCovariance = new Float64Array(n * n);
  const product = new Float64Array(n * n);
  let sensitivity = new Float64Array(uncertain.count * n);
  let nextSensitivity = new Float64Array(uncertain.count * n);
  recordAggregates(aggregates, mean, covariance, uncertain, sensitivity, n, 0);

  for (let t = 1; t <= days; t += 1) {
    const previous = (t - 1) * n;
    const date = start.date + t;
    let m = base;
    if (movesFrom <= date && date <= movesUntil) {
      movesDay.dense.set(base.dense);
      addPlannedMoves(movesDay.dense, rates.plannedMoves, date, mean, previous, n);
      indexStepMatrix(movesDay, n);
      m = movesDay;
    }
    stepMean(m, rates.entryRates, mean, previous, t * n, n);
    stepCovariance(m, rates.entryRates, mean, previous, covariance, product, nextCovariance, n);
    [covariance, nextCovariance] = [nextCovariance, covariance];
    if (uncertain.count > 0) {
      stepSensitivities(m, uncertain, mean, previous, sensitivity, nextSensitivity, n);
      [sensitivity, nextSensitivity] = [nextSensitivity, sensitivity];
    }
    for (let s = 0; s < n; s += 1) {
      let rateVariance = 0;
      for (let p = 0; p < uncertain.count; p += 1) rateVariance += uncertain.variance[p] * sensitivity[p * n + s] ** 2;
      variance[t * n + s] = Math.max(0, covariance[s * n + s]) + rateVariance;
    }
    recordAggregates(aggregates, mean, covariance, uncertain, sensitivity, n, t);
  }

  return { startDate: start.date, days, stateLabels: rates.stateLabels, mean, variance, aggregates };
}

function stepMean(
  m: StepMatrix,
  entries: Float64Array,
  mean: Float64Array,
  previous: number,
  current: number,
  n: number,
): void {
  for (let s = 0; s < n; s += 1) mean[current + s] = entries[s];
  for (let from = 0; from < n; from += 1) {
    const children = mean[previous + from];
    if (children === 0) continue;
    for (let k = m.columnStart[from]; k < m.columnStart[from + 1]; k += 1)
      mean[current + m.rows[k]] += m.values[k] * children;
  }
}

/** next = M Sigma M' + the day's multinomial noise + the entries' Poisson noise. */
function stepCovariance(
  m: StepMatrix,
  entries: Float64Array,
  mean: Float64Array,
  previous: number,
  covariance: Float64Array,
  product: Float64Array,
  next: Float64Array,
  n: number,
): void {
  product.fill(0);
  next.fill(0);
  // product = M Sigma: row `to` of product gathers M[to][from] x row `from` of Sigma.
  for (let from = 0; from < n; from += 1) {
    for (let k = m.columnStart[from]; k < m.columnStart[from + 1]; k += 1) {
      const to = m.rows[k];
      const value = m.values[k];
      for (let j = 0; j < n; j += 1) product[to * n + j] += value * covariance[from * n + j];
    }
  }
  // next = product M': column `to` of next gathers M[to][from] x column `from` of product.
  for (let from = 0; from < n; from += 1) {
    for (let k = m.columnStart[from]; k < m.columnStart[from + 1]; k += 1) {
      const to = m.rows[k];
      const value = m.values[k];
      for (let i = 0; i < n; i += 1) next[i * n + to] += value * product[i * n + from];
    }
  }
  // Each child of state a lands in one state or leaves: a multinomial draw, independently of the others.
  for (let a = 0; a < n; a += 1) {
    const children = mean[previous + a];
    if (children === 0) continue;
    const first = m.columnStart[a];
    const last = m.columnStart[a + 1];
    for (let k = first; k < last; k += 1) {
      const b = m.rows[k];
      const mba = children * m.values[k];
      next[b * n + b] += mba;
      for (let l = first; l < last; l += 1) next[b * n + m.rows[l]] -= mba * m.values[l];
    }
  }
  for (let b = 0; b < n; b += 1) next[b * n + b] += entries[b];
}

/** d population(t+1) / d rate = M x d population(t) / d rate + what the rate itself moves that day. */
function stepSensitivities(
  m: StepMatrix,
  uncertain: UncertainRates,
  mean: Float64Array,
  previous: number,
  sensitivity: Float64Array,
  next: Float64Array,
  n: number,
): void {
  next.fill(0);
  for (let p = 0; p < uncertain.count; p += 1) {
    const row = p * n;
    for (let from = 0; from < n; from += 1) {
      const value = sensitivity[row + from];
      if (value === 0) continue;
      for (let k = m.columnStart[from]; k < m.columnStart[from + 1]; k += 1)
        next[row + m.rows[k]] += m.values[k] * value;
    }
    const from = uncertain.from[p];
    const to = uncertain.to[p];
    const moved = from < 0 ? 1 : mean[previous + from];
    if (from >= 0) next[row + from] -= moved;
    if (to >= 0) next[row + to] += moved;
  }
}

function recordAggregates(
  aggregates: ProjectedAggregate[],
  mean: Float64Array,
  covariance: Float64Array,
  uncertain: UncertainRates,
  sensitivity: Float64Array,
  n: number,
  t: number,
): void {
  for (const aggregate of aggregates) {
    let total = 0;
    let spread = 0;
    for (const i of aggregate.states) {
      total += mean[t * n + i];
      for (const j of aggregate.states) spread += covariance[i * n + j];
    }
    let rateVariance = 0;
    for (let p = 0; p < uncertain.count; p += 1) {
      let change = 0;
      for (const i of aggregate.states) change += sensitivity[p * n + i];
      rateVariance += uncertain.variance[p] * change * change;
    }
    aggregate.mean[t] = total;
    aggregate.variance[t] = Math.max(0, spread) + rateVariance;
  }
}

/** The band around a projected figure: mean +/- BAND_SIGMAS standard deviations, never below 0. */
export function bandAround(mean: number, variance: number): { lower: number; upper: number } {
  const half = BAND_SIGMAS * Math.sqrt(variance);
  return { lower: Math.max(0, mean - half), upper: mean + half };
}
