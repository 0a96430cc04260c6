/**
 * Fitting the demand model to 903 care histories over a reference period ("Demand
 * modelling"): for each state, the daily rate of moving to each other state and of leaving care, and
 * the number of children entering it per day.
 *
 * A child is in care on the days of their episodes, from DECOM up to the day before DEC: on DEC they
 * are in the next episode's placement, or out of care. Their state on a day is the episode's placement
 * group and their age band that day. A change of state on day d is a transition counted against the
 * population of the state on day d - 1; the daily rate a -> b is the mean, over the days of the
 * reference period on which state a had children the day before, of (transitions a -> b that day /
 * children in a the day before). Entry rate = entrants / days of the period (end - start + 1).
 *
 * Ageing is a transition like any other. A child's band changes on the birthday that takes them over
 * a band edge (1, 5, 10, 16); those changes are counted from the data and their rate fitted the same way.
 * The alternative, a rate from an assumed age distribution inside the band (1 / the band's width in
 * days, for a uniform one), would be wrong exactly where it matters: children come into care unevenly
 * within a band (many 10-15s arrive at 14 or 15), so the share about to cross an edge is the data's,
 * not the band width's. The fitted rate carries that, and stays right as long as the age mix within
 * bands is steady, the same assumption every other rate makes. Leaving at 18 is an exit.
 *
 * Episodes of short-break care (legal status V3, V4) are left out, as in every DfE measure: a child is
 * not looked after between the breaks. A child without a date of birth cannot be placed in an age band
 * and is left out, and counted so the sheet can say how many.
 */
import type { PlacementCategory } from "../categories";
import { PLACEMENT_CATEGORIES } from "../categories";
import type { CareHistory, ChildHistory } from "../careHistory";
import { AGE_BANDS, isShortBreakLegalStatus, placementGroupOf } from "../codes903";
import { dayOfAge, formatDate } from "../dates";
import { LacError } from "../errors";
import type { Diagnostic } from "../diagnostics";
import type { DemandRates, RateVariances } from "./project";
import {
  BAND_COUNT,
  categoryOfPlacement,
  DEMAND_STATES,
  type DemandState,
  GROUP_COUNT,
  groupIndexOf,
  STATE_COUNT,
  STATE_LABELS,
} from "./states";

/** The dates (Excel serials, both inclusive) whose moves the rates are fitted to. */
export interface ReferencePeriod {
  start: number;
  end: number;
}

/** What the rates were counted from, for the sheets to show beside them. */
export interface DemandCounts {
  /** Transitions from state a to state b in the period, at [a * states + b]. */
  transitions: Float64Array;
  exits: Float64Array;
  entries: Float64Array;
  /** Days children spent in each state in the period. */
  childDays: Float64Array;
}

export interface DemandModel extends DemandRates {
  referencePeriod: ReferencePeriod;
  states: readonly DemandState[];
  /** Children in each state at the end of the reference period's last day: where a projection starts. */
  populationAtEnd: Float64Array;
  /**
   * For each state, the share of its children's days in each budget category (PLACEMENT_CATEGORIES
   * order), at [state * categories + category]. A state with no children in the period has no shares
   * of its own and takes its placement group's.
   */
  categoryShares: Float64Array;
  counts: DemandCounts;
  excluded: { childrenWithoutDob: number; shortBreakEpisodes: number };
  /** Things the user should know about the fit (e.g. a period running past the end of the data). */
  warnings: Diagnostic[];
}

const CATEGORY_COUNT = PLACEMENT_CATEGORIES.length;
const CATEGORY_INDEX = new Map<PlacementCategory, number>(PLACEMENT_CATEGORIES.map((category, i) => [category, i]));
const OUT_OF_CARE = STATE_COUNT;
/** A state's destinations: every state, then out of care. */
const WIDTH = STATE_COUNT + 1;
const NEVER = Number.POSITIVE_INFINITY;

/** The first and last dates the 903 data records (episode starts and ends), or null without episodes. */
export function dataExtent(history: CareHistory): { first: number; last: number } | null {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const child of history.children) {
    for (const episode of child.episodes) {
      first = Math.min(first, episode.start);
      last = Math.max(last, episode.start, episode.end ?? episode.start);
    }
  }
  return first === Number.POSITIVE_INFINITY ? null : { first, last };
}

/**
 * `dataEnd`: the date the data are known to run to (a return runs to 31 March even when its last event
 * is earlier); without it, the latest date in the data. A reference period past it is warned about.
 *
 * In three steps: tally each child's days and moves in the period (Tally), walk the period day by day
 * to turn the moves into daily shares of the children the day before (walkDays), and average those into
 * rates with their variances (ratesFrom).
 */
export function fitDemandModel(history: CareHistory, period: ReferencePeriod, dataEnd?: number): DemandModel {
  const { start, end } = period;
  if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) {
    throw new LacError(
      "value",
      `expected a reference period of whole dates with its start on or before its end, found ${formatDate(start)} to ${formatDate(end)}`,
    );
  }
  const tally = new Tally(start, end);
  for (const child of history.children) tally.addChild(child);
  const walk = walkDays(tally);
  const { transitionRates, exitRates, entryRates, rateVariances } = ratesFrom(tally, walk);

  let childrenSeen = 0;
  for (let s = 0; s < STATE_COUNT; s += 1) childrenSeen += tally.childDays[s] + tally.entries[s];
  if (childrenSeen === 0) {
    throw new LacError(
      "value",
      `expected children looked after during the reference period ${formatDate(start)} to ${formatDate(end)}, found none in the 903 data (${history.children.length} children)`,
    );
  }

  return {
    stateLabels: STATE_LABELS,
    transitionRates,
    exitRates,
    entryRates,
    plannedMoves: [],
    rateVariances,
    referencePeriod: { start, end },
    states: DEMAND_STATES,
    populationAtEnd: walk.population,
    categoryShares: categorySharesFrom(tally.categoryDays),
    counts: walk.counts,
    excluded: tally.excluded,
    warnings: fitWarnings(history, period, dataEnd, tally.excluded),
  };
}

/**
 * Each child's stays and moves in the reference period: changes of each state's population by day (from
 * the day before the period, for the first day's denominators), moves by day, state and destination
 * (out of care = STATE_COUNT), entries, and days in care by state and by budget category.
 */
class Tally {
  readonly days: number;
  /** The day before the period: populations are needed from then (the first day's denominators) to its last day. */
  readonly first: number;
  readonly populationChanges: Float64Array;
  /** Moves on each day of the period, at ((day - start) * states + from) * (states + 1) + to. */
  readonly eventsByDay: Uint32Array;
  readonly entries = new Float64Array(STATE_COUNT);
  readonly childDays = new Float64Array(STATE_COUNT);
  readonly categoryDays = new Float64Array(STATE_COUNT * CATEGORY_COUNT);
  readonly excluded = { childrenWithoutDob: 0, shortBreakEpisodes: 0 };
  private readonly bandStarts = new Float64Array(BAND_COUNT);

  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    this.days = end - start + 1;
    this.first = start - 1;
    this.populationChanges = new Float64Array((this.days + 2) * STATE_COUNT);
    this.eventsByDay = new Uint32Array(this.days * STATE_COUNT * WIDTH);
  }

  private addStay(state: number, from: number, to: number, category: number): void {
    const n = STATE_COUNT;
    const a = Math.max(from, this.first);
    const b = Math.min(to, this.end + 1);
    if (a >= b) return;
    this.populationChanges[(a - this.first) * n + state] += 1;
    this.populationChanges[(b - this.first) * n + state] -= 1;
    const inPeriod = Math.min(to, this.end + 1) - Math.max(from, this.start);
    if (inPeriod > 0) {
      this.childDays[state] += inPeriod;
      this.categoryDays[state * CATEGORY_COUNT + category] += inPeriod;
    }
  }

  private addEvent(day: number, from: number, to: number): void {
    if (day >= this.start && day <= this.end)
      this.eventsByDay[((day - this.start) * STATE_COUNT + from) * WIDTH + to] += 1;
  }

  /** A child's episodes: each stay in a state, each change of placement group or age band, each entry and exit. */
  addChild(child: ChildHistory): void {
    const { start, end, first, bandStarts } = this;
    let overlaps = false;
    for (const episode of child.episodes) {
      if (episode.start <= end && (episode.end === null || episode.end >= first)) overlaps = true;
    }
    if (!overlaps) return;
    if (child.dob === null) {
      this.excluded.childrenWithoutDob += 1;
      return;
    }
    const dob = child.dob;
    bandStarts[0] = Number.NEGATIVE_INFINITY;
    for (let b = 1; b < BAND_COUNT; b += 1) bandStarts[b] = dayOfAge(dob, AGE_BANDS[b].fromYears);

    let previousEnd = Number.NEGATIVE_INFINITY;
    let previousState = -1;
    for (const episode of child.episodes) {
      if (isShortBreakLegalStatus(episode.ls)) {
        this.excluded.shortBreakEpisodes += 1;
        continue;
      }
      const from = Math.max(episode.start, previousEnd);
      const to = episode.end ?? NEVER;
      if (to <= from) continue;
      const groupBase = groupIndexOf(placementGroupOf(episode.place)) * BAND_COUNT;
      const category = CATEGORY_INDEX.get(categoryOfPlacement(episode.place, episode.placeProvider)) as number;
      let band = 0;
      while (band + 1 < BAND_COUNT && bandStarts[band + 1] <= from) band += 1;
      const state = groupBase + band;
      if (previousState >= 0 && previousEnd === from) {
        if (state !== previousState) this.addEvent(from, previousState, state);
      } else {
        if (previousState >= 0) this.addEvent(previousEnd, previousState, OUT_OF_CARE);
        if (from >= start && from <= end) this.entries[state] += 1;
      }
      let day = from;
      while (day < to) {
        const nextBandStart = band + 1 < BAND_COUNT ? bandStarts[band + 1] : NEVER;
        const stayEnd = Math.min(to, nextBandStart);
        this.addStay(groupBase + band, day, stayEnd, category);
        if (stayEnd < to) {
          this.addEvent(stayEnd, groupBase + band, groupBase + band + 1);
          band += 1;
        }
        day = stayEnd;
      }
      previousEnd = to;
      previousState = groupBase + band;
    }
    if (previousState >= 0 && previousEnd !== NEVER) this.addEvent(previousEnd, previousState, OUT_OF_CARE);
  }
}

/** What walking the period day by day gives: the sums the rates are the means of, the counts, and the population at the end. */
interface DayWalk {
  /** Sum over the days of (moves from -> to / children in `from` the day before), at [from * (states + 1) + to]. */
  rateSums: Float64Array;
  /** Days on which each state had children the day before, and the sum of 1 / those children. */
  daysWithChildren: Float64Array;
  inverseChildren: Float64Array;
  counts: DemandCounts;
  population: Float64Array;
}

function walkDays(tally: Tally): DayWalk {
  const n = STATE_COUNT;
  const { start, end, first, populationChanges, eventsByDay } = tally;
  const population = new Float64Array(n);
  const rateSums = new Float64Array(n * WIDTH);
  const daysWithChildren = new Float64Array(n);
  const inverseChildren = new Float64Array(n);
  const counts: DemandCounts = {
    transitions: new Float64Array(n * n),
    exits: new Float64Array(n),
    entries: tally.entries,
    childDays: tally.childDays,
  };
  for (let s = 0; s < n; s += 1) population[s] = populationChanges[s];
  for (let day = start; day <= end; day += 1) {
    const offset = (day - start) * n * WIDTH;
    for (let from = 0; from < n; from += 1) {
      const children = population[from];
      if (children <= 0) continue;
      daysWithChildren[from] += 1;
      inverseChildren[from] += 1 / children;
      for (let to = 0; to < WIDTH; to += 1) {
        const moved = eventsByDay[offset + from * WIDTH + to];
        if (moved === 0) continue;
        rateSums[from * WIDTH + to] += moved / children;
        if (to === OUT_OF_CARE) counts.exits[from] += moved;
        else counts.transitions[from * n + to] += moved;
      }
    }
    const changes = (day - first) * n;
    for (let s = 0; s < n; s += 1) population[s] += populationChanges[changes + s];
  }
  return { rateSums, daysWithChildren, inverseChildren, counts, population };
}

/** The daily rates, each the mean of a day's share moving, and their variances. */
function ratesFrom(
  tally: Tally,
  walk: DayWalk,
): Pick<DemandRates, "transitionRates" | "exitRates" | "entryRates"> & { rateVariances: RateVariances } {
  const n = STATE_COUNT;
  const { days, entries } = tally;
  const transitionRates = new Float64Array(n * n);
  const exitRates = new Float64Array(n);
  const rateVariances: RateVariances = {
    transitionRates: new Float64Array(n * n),
    exitRates: new Float64Array(n),
    // Entries are a Poisson count over the period: the rate's variance is rate / days.
    entryRates: entries.map((count) => count / days / days),
  };
  for (let from = 0; from < n; from += 1) {
    const daysCounted = walk.daysWithChildren[from];
    if (daysCounted === 0) continue;
    // Each day's share moving is binomial, variance r (1 - r) / children the day before; the rate is their mean.
    const spread = walk.inverseChildren[from] / (daysCounted * daysCounted);
    for (let to = 0; to < WIDTH; to += 1) {
      const rate = walk.rateSums[from * WIDTH + to] / daysCounted;
      if (to === OUT_OF_CARE) {
        exitRates[from] = rate;
        rateVariances.exitRates[from] = rate * (1 - rate) * spread;
      } else {
        transitionRates[from * n + to] = rate;
        rateVariances.transitionRates[from * n + to] = rate * (1 - rate) * spread;
      }
    }
  }
  const entryRates = entries.map((count) => count / days);
  return { transitionRates, exitRates, entryRates, rateVariances };
}

/** What the user should know about the fit: a period past the end of the data, children left out. */
function fitWarnings(
  history: CareHistory,
  period: ReferencePeriod,
  dataEnd: number | undefined,
  excluded: DemandModel["excluded"],
): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  const knownTo = dataEnd ?? dataExtent(history)?.last ?? 0;
  if (knownTo < period.end) {
    warnings.push({
      severity: "warning",
      message: `The reference period ends on ${formatDate(period.end)}, after the ${dataEnd === undefined ? "latest date in the 903 data" : "end of the 903 data"} (${formatDate(knownTo)}): entries and moves after that date are missing, so the rates are too low.`,
    });
  }
  if (excluded.childrenWithoutDob > 0) {
    warnings.push({
      severity: "warning",
      message: `${excluded.childrenWithoutDob} children looked after in the reference period have no date of birth and are left out of the model.`,
    });
  }
  return warnings;
}

/** Each state's days by category as shares; a state without days takes its group's shares. */
function categorySharesFrom(categoryDays: Float64Array): Float64Array {
  const shares = new Float64Array(categoryDays.length);
  for (let g = 0; g < GROUP_COUNT; g += 1) {
    const groupDays = new Float64Array(CATEGORY_COUNT);
    for (let b = 0; b < BAND_COUNT; b += 1) {
      for (let c = 0; c < CATEGORY_COUNT; c += 1)
        groupDays[c] += categoryDays[(g * BAND_COUNT + b) * CATEGORY_COUNT + c];
    }
    const groupTotal = groupDays.reduce((sum, value) => sum + value, 0);
    for (let b = 0; b < BAND_COUNT; b += 1) {
      const row = (g * BAND_COUNT + b) * CATEGORY_COUNT;
      const own = categoryDays.subarray(row, row + CATEGORY_COUNT);
      const stateTotal = own.reduce((sum, value) => sum + value, 0);
      const source = stateTotal > 0 ? own : groupDays;
      const total = stateTotal > 0 ? stateTotal : groupTotal;
      if (total > 0) for (let c = 0; c < CATEGORY_COUNT; c += 1) shares[row + c] = source[c] / total;
    }
  }
  return shares;
}
