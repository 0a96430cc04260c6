/**
 * The daily projection of a demand model: the expected number of children in each state one day at a
 * time, and how uncertain it is.
 *
 * Each child in state a on a day is, the next day, in state b with probability M[b][a] (a transition
 * rate), has left care (the exit rate), or is still in a (the diagonal, 1 minus every outflow). New
 * children arrive in each state at its entry rate. So, in expectation,
 *   population(t+1) = M x population(t) + entries.
 *
 * The uncertainty is the covariance of the populations, propagated exactly for this model (each
 * child moves independently; entries are Poisson):
 *   Sigma(t+1) = M Sigma(t) M' + sum over a of population_a(t) (diag(m_a) - m_a m_a') + diag(entries)
 * where m_a is column a of M. The diagonal of the middle term is (M o (1-M)) x population(t), the
 * day's own noise that the open demand models accumulate; carrying the previous covariance through M
 * (rather than adding the day's noise to the previous variance) is what keeps the band from widening
 * without limit, and keeping the covariances is what gives totals (a placement group, an age band, all
 * children) their correct band rather than the sum of their parts' variances.
 */
import { LacError } from "../errors";

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

/** Checks that the rates describe a possible day: none negative, outflows of a state at most 1. */
export function checkRates(rates: DemandRates): void {
  const n = rates.stateLabels.length;
  const sizes: [string, number, number][] = [
    ["transitionRates", rates.transitionRates.length, n * n],
    ["exitRates", rates.exitRates.length, n],
    ["entryRates", rates.entryRates.length, n],
  ];
  for (const [name, found, expected] of sizes) {
    if (found !== expected) throw new LacError("value", `expected ${expected} ${name} for ${n} states, found ${found}`);
  }
  for (const move of rates.plannedMoves) {
    const states = [...move.fromStates, ...move.toStates];
    if (move.fromStates.length !== move.toStates.length || states.some((s) => !Number.isInteger(s) || s < 0 || s >= n)) {
      throw new LacError("value", `expected planned moves between pairs of the ${n} states, found from [${move.fromStates}] to [${move.toStates}]`);
    }
    if (!(move.perDay >= 0)) throw new LacError("num", `expected planned moves per day of 0 or more, found ${move.perDay}`);
  }
  for (let from = 0; from < n; from += 1) {
    let outflow = rates.exitRates[from];
    const label = rates.stateLabels[from];
    if (!(outflow >= 0)) throw new LacError("num", `expected a daily exit rate of 0 or more for ${label}, found ${outflow}`);
    if (!(rates.entryRates[from] >= 0)) {
      throw new LacError("num", `expected an entry rate of 0 or more for ${label}, found ${rates.entryRates[from]}`);
    }
    for (let to = 0; to < n; to += 1) {
      if (to === from) continue;
      const rate = rates.transitionRates[from * n + to];
      if (!(rate >= 0)) {
        throw new LacError("num", `expected a daily rate of 0 or more from ${label} to ${rates.stateLabels[to]}, found ${rate}`);
      }
      outflow += rate;
    }
    if (outflow > 1) {
      throw new LacError("num", `the daily rates out of ${label} add up to ${outflow}, more than every child in it (1)`);
    }
  }
}

/**
 * Projects `days` days on from a starting population (children by state on `startDate`), with the
 * mean and variance of each state and of each aggregate for every day.
 */
export function projectDemand(
  rates: DemandRates,
  start: { date: number; population: ArrayLike<number> },
  days: number,
  aggregates: StateAggregate[] = [],
): DemandProjection {
  checkRates(rates);
  const n = rates.stateLabels.length;
  if (start.population.length !== n) {
    throw new LacError("value", `expected a starting population for each of ${n} states, found ${start.population.length}`);
  }
  if (!Number.isInteger(days) || days < 0) throw new LacError("num", `expected a whole number of days to project, found ${days}`);

  const base = stepMatrix(rates);
  const movesFrom = Math.min(...rates.plannedMoves.map((move) => move.firstDate));
  const movesUntil = Math.max(...rates.plannedMoves.map((move) => move.lastDate));
  const dayMatrix = new Float64Array(n * n);
  const mean = new Float64Array((days + 1) * n);
  const variance = new Float64Array((days + 1) * n);
  const projected: ProjectedAggregate[] = aggregates.map((a) => ({
    ...a,
    mean: new Float64Array(days + 1),
    variance: new Float64Array(days + 1),
  }));
  for (let s = 0; s < n; s += 1) {
    const count = start.population[s];
    if (!(count >= 0)) throw new LacError("num", `expected a starting population of 0 or more for ${rates.stateLabels[s]}, found ${count}`);
    mean[s] = count;
  }

  // The starting population is known, so its covariance is zero.
  let covariance = new Float64Array(n * n);
  let next = new Float64Array(n * n);
  const product = new Float64Array(n * n);
  recordAggregates(projected, mean, covariance, n, 0);

  for (let t = 1; t <= days; t += 1) {
    const previous = (t - 1) * n;
    const date = start.date + t;
    let m = base;
    if (movesFrom <= date && date <= movesUntil) {
      dayMatrix.set(base);
      addPlannedMoves(dayMatrix, rates.plannedMoves, date, mean, previous, n);
      m = dayMatrix;
    }

    for (let to = 0; to < n; to += 1) {
      let sum = rates.entryRates[to];
      const row = to * n;
      for (let from = 0; from < n; from += 1) sum += m[row + from] * mean[previous + from];
      mean[t * n + to] = sum;
    }

    // product = M Sigma; next = product M'
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < n; j += 1) {
        let sum = 0;
        for (let k = 0; k < n; k += 1) {
          const mik = m[i * n + k];
          if (mik !== 0) sum += mik * covariance[k * n + j];
        }
        product[i * n + j] = sum;
      }
    }
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j < n; j += 1) {
        let sum = 0;
        for (let k = 0; k < n; k += 1) {
          const mjk = m[j * n + k];
          if (mjk !== 0) sum += product[i * n + k] * mjk;
        }
        next[i * n + j] = sum;
      }
    }
    // Each child of state a lands in one state or leaves: a multinomial draw, independently of the others.
    for (let a = 0; a < n; a += 1) {
      const children = mean[previous + a];
      if (children === 0) continue;
      for (let b = 0; b < n; b += 1) {
        const mba = m[b * n + a];
        if (mba === 0) continue;
        next[b * n + b] += children * mba;
        for (let c = 0; c < n; c += 1) {
          const mca = m[c * n + a];
          if (mca !== 0) next[b * n + c] -= children * mba * mca;
        }
      }
    }
    for (let b = 0; b < n; b += 1) next[b * n + b] += rates.entryRates[b];

    [covariance, next] = [next, covariance];
    for (let s = 0; s < n; s += 1) variance[t * n + s] = Math.max(0, covariance[s * n + s]);
    recordAggregates(projected, mean, covariance, n, t);
  }

  return { startDate: start.date, days, stateLabels: rates.stateLabels, mean, variance, aggregates: projected };
}

/** M as [to * states + from]: a column per state a child starts the day in. */
function stepMatrix(rates: DemandRates): Float64Array {
  const n = rates.stateLabels.length;
  const m = new Float64Array(n * n);
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
  return m;
}

/**
 * Planned moves become, for the day, an extra transition rate: the day's moves over the expected
 * children in the states they come from, so the expected number moved is the plan (capped at the
 * children who are there and have not already moved or left).
 */
function addPlannedMoves(m: Float64Array, moves: PlannedMoves[], date: number, mean: Float64Array, offset: number, n: number): void {
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

function recordAggregates(aggregates: ProjectedAggregate[], mean: Float64Array, covariance: Float64Array, n: number, t: number): void {
  for (const aggregate of aggregates) {
    let total = 0;
    let spread = 0;
    for (const i of aggregate.states) {
      total += mean[t * n + i];
      for (const j of aggregate.states) spread += covariance[i * n + j];
    }
    aggregate.mean[t] = total;
    aggregate.variance[t] = Math.max(0, spread);
  }
}

/** The band around a projected figure: mean +/- BAND_SIGMAS standard deviations, never below 0. */
export function bandAround(mean: number, variance: number): { lower: number; upper: number } {
  const half = BAND_SIGMAS * Math.sqrt(variance);
  return { lower: Math.max(0, mean - half), upper: mean + half };
}
