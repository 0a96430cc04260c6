/**
 * The counts of the In care, Starters and leavers and Stability tables (the published strategy), from a
 * stitched 903 history, for any date and any period (normally a financial year):
 * - children looked after at a date, by age band, placement group and provider (in-house or external);
 * - children who started, and who ceased, to be looked after in a period, by age band, and ceased by reason;
 * - rates per 10,000 children aged 0-17, given the population;
 * - short- and long-term placement stability (core/stability, the same code as LAC.STABILITY).
 *
 * Conventions: V3/V4 episodes (short breaks) are left out of everything. Looked after at a date means an
 * episode started on or before it and ceased after it (or open). A child who started more than once in
 * a period counts once, aged as at the first start; a child who ceased more than once counts once, aged
 * and with the reason of the last time. Started means an episode with RNE S; ceased means an episode
 * whose REC is any reason but X1. Ages are whole years at the date; children without a date of birth are
 * counted in the totals and under `ageUnknown`.
 */
import type { CareHistory, ChildHistory, Episode } from "./careHistory";
import type { PlacementGroup } from "./categories";
import {
  AGE_BANDS,
  type AgeBand,
  type MoveCounting,
  PLACEMENT_GROUPS,
  PROVISIONS,
  type Provision,
  isShortBreakLegalStatus,
  placementGroupOf,
  provisionOf,
  recEndsCare,
} from "./codes903";
import {
  addMonths,
  addYears,
  financialPeriodOf,
  financialYearEnd,
  financialYearOf,
  financialYearStart,
  monthYearLabel,
  yearEnding,
} from "./dates";
import { ratePer } from "./rate";
import {
  LONG_TERM_CONTINUOUS_MONTHS,
  LONG_TERM_DEFINITIONS,
  type LongTermDefinition,
  longTermDefinitionOf,
  StabilityCounter,
} from "./stability";

export type AgeBandCounts = Record<AgeBand, number>;

export interface LookedAfterCounts {
  date: number;
  total: number;
  byAgeBand: AgeBandCounts;
  ageUnknown: number;
  byPlacementGroup: Record<PlacementGroup, number>;
  byProvision: Record<Provision, number>;
  byGroupAndProvision: Record<PlacementGroup, Record<Provision, number>>;
}

export interface FlowCounts {
  total: number;
  byAgeBand: AgeBandCounts;
  ageUnknown: number;
}

export interface CeasedCounts extends FlowCounts {
  /** By REC code (E11, E4A, ...), the reason the child last ceased in the period. */
  byReason: Record<string, number>;
}

/** A span of days, both ends included (1 April to 31 March for a financial year). */
export interface CarePeriod {
  start: number;
  end: number;
}

export interface StabilityFigure {
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when no child is in the cohort. */
  rate: number | null;
}

export interface PeriodMeasures {
  period: CarePeriod;
  /** Looked after at the period's last day. */
  lookedAfter: LookedAfterCounts;
  started: FlowCounts;
  ceased: CeasedCounts;
  /** Children aged 0-17 in the area for the period, as given; null when not given. */
  population: number | null;
  /** Per 10,000 children aged 0-17; null without a population. */
  ratePer10k: { lookedAfter: number | null; started: number | null; ceased: number | null };
  /** For the 12 months ending on the period's last day. */
  /** `moves` counts the short-term placements; `definition` is the long-term measure's (its own counting). */
  stability: {
    short: StabilityFigure;
    long: StabilityFigure;
    moves: MoveCounting;
    definition: LongTermDefinition;
    childrenWithoutDob: number;
  };
}

function zeroAgeBands(): AgeBandCounts {
  return { under1: 0, "1to4": 0, "5to9": 0, "10to15": 0, "16plus": 0 };
}

function zeroBy<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key of keys) out[key] = 0;
  return out;
}

/**
 * Each age band's share of the children whose age is known (the "Age Group - %" tables of the published strategy:
 * 19 of 480 under 1 -> 0.0396, shown as 4.0%). Null when no child's age is known.
 */
export function ageBandShares(counts: AgeBandCounts): Record<AgeBand, number> | null {
  let total = 0;
  for (const { band } of AGE_BANDS) total += counts[band];
  if (total === 0) return null;
  const shares = zeroAgeBands();
  for (const { band } of AGE_BANDS) shares[band] = counts[band] / total;
  return shares;
}

/**
 * The dates of birth that separate the age bands on one date: a child is at least `fromYears` old if
 * born on or before `addYears(date, -fromYears)`. Comparing serials avoids converting every child's
 * date of birth to a calendar date; it agrees with ageInYears, 29 February included.
 */
class AgeBander {
  private readonly cache = new Map<number, number[]>();

  band(dob: number, date: number): AgeBand {
    let limits = this.cache.get(date);
    if (limits === undefined) {
      limits = AGE_BANDS.map((band) => addYears(date, -band.fromYears));
      this.cache.set(date, limits);
    }
    for (let i = AGE_BANDS.length - 1; i > 0; i -= 1) if (dob <= limits[i]) return AGE_BANDS[i].band;
    return AGE_BANDS[0].band;
  }
}

function emptyLookedAfter(date: number): LookedAfterCounts {
  return {
    date,
    total: 0,
    byAgeBand: zeroAgeBands(),
    ageUnknown: 0,
    byPlacementGroup: zeroBy(PLACEMENT_GROUPS),
    byProvision: zeroBy(PROVISIONS),
    byGroupAndProvision: {
      fostering: zeroBy(PROVISIONS),
      residential: zeroBy(PROVISIONS),
      supported: zeroBy(PROVISIONS),
      other: zeroBy(PROVISIONS),
    },
  };
}

/** Looked after at a period's last day, and starters and leavers in it, counted a child at a time. */
class PeriodCounter {
  readonly lookedAfter: LookedAfterCounts;
  readonly started: FlowCounts = { total: 0, byAgeBand: zeroAgeBands(), ageUnknown: 0 };
  readonly ceased: CeasedCounts = { total: 0, byAgeBand: zeroAgeBands(), ageUnknown: 0, byReason: {} };

  constructor(
    private readonly period: CarePeriod,
    private readonly bander: AgeBander,
  ) {
    this.lookedAfter = emptyLookedAfter(period.end);
  }

  add(child: ChildHistory): void {
    const { start, end } = this.period;
    const episodes = child.episodes;
    if (episodes.length === 0 || episodes[0].start > end) return;
    let firstStart = -1;
    let lastCeased = -1;
    let lastReason = "";
    let atEnd: Episode | null = null;
    for (const episode of episodes) {
      if (episode.start > end) break;
      if (isShortBreakLegalStatus(episode.ls)) continue;
      if (firstStart < 0 && episode.rne === "S" && episode.start >= start) firstStart = episode.start;
      const ceasedOn = episode.end;
      if (ceasedOn === null || ceasedOn > end) {
        atEnd = episode;
      } else if (ceasedOn >= start && recEndsCare(episode.rec)) {
        lastCeased = ceasedOn;
        lastReason = episode.rec ?? "";
      }
    }
    const bander = this.bander;
    if (atEnd !== null) {
      const lookedAfter = this.lookedAfter;
      addToFlow(lookedAfter, child.dob, end, bander);
      const group = placementGroupOf(atEnd.place);
      const provision = provisionOf(atEnd.placeProvider);
      lookedAfter.byPlacementGroup[group] += 1;
      lookedAfter.byProvision[provision] += 1;
      lookedAfter.byGroupAndProvision[group][provision] += 1;
    }
    if (firstStart >= 0) addToFlow(this.started, child.dob, firstStart, bander);
    if (lastCeased >= 0) {
      addToFlow(this.ceased, child.dob, lastCeased, bander);
      this.ceased.byReason[lastReason] = (this.ceased.byReason[lastReason] ?? 0) + 1;
    }
  }
}

function countPeriod(history: CareHistory, period: CarePeriod): PeriodCounter {
  const counter = new PeriodCounter(period, new AgeBander());
  for (const child of history.children) counter.add(child);
  return counter;
}

function addToFlow(flow: FlowCounts, dob: number | null, date: number, bander: AgeBander): void {
  flow.total += 1;
  if (dob === null) flow.ageUnknown += 1;
  else flow.byAgeBand[bander.band(dob, date)] += 1;
}

/** Children looked after at a date (V3/V4 excluded), by age band, placement group and provider. */
export function lookedAfterAt(history: CareHistory, date: number): LookedAfterCounts {
  const day = Math.floor(date);
  return countPeriod(history, { start: day, end: day }).lookedAfter;
}

/** 1 April to 31 March of a financial year (2021 = 2021/22). */
export function financialYearPeriod(financialYear: number): CarePeriod {
  return { start: financialYearStart(financialYear), end: financialYearEnd(financialYear) };
}

function rateOrNull(count: number, population: number | null): number | null {
  return population === null ? null : ratePer(count, population);
}

function figure(numerator: number, denominator: number): StabilityFigure {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/**
 * Every measure for each period: looked after at its last day, starters and leavers in it, rates per
 * 10,000 (population[i] for periods[i]; null or missing gives null rates) and stability for the 12
 * months ending on its last day. Children without a date of birth are left out of the long-term cohort
 * and counted in `childrenWithoutDob`.
 */
export function careMeasures(
  history: CareHistory,
  periods: readonly CarePeriod[],
  options: { population?: readonly (number | null)[]; moves: MoveCounting; longTerm?: LongTermDefinition },
): PeriodMeasures[] {
  // Without a definition, the long-term measure counts moves as the short-term one does (the definition that counting gives).
  const definition = options.longTerm ?? longTermDefinitionOf(options.moves);
  const moves = { short: options.moves, long: LONG_TERM_DEFINITIONS[definition].moves };
  const bander = new AgeBander();
  const counters = periods.map((period) => new PeriodCounter(period, bander));
  const stability = periods.map((period) => new StabilityCounter(period.end, moves));
  // Child by child, every period: each child's episodes are read while they are at hand.
  for (const child of history.children) {
    for (let p = 0; p < periods.length; p += 1) {
      counters[p].add(child);
      stability[p].add(child);
    }
  }
  return periods.map((period, index) => {
    const population = options.population?.[index] ?? null;
    const { lookedAfter, started, ceased } = counters[index];
    const { short, long } = stability[index];
    return {
      period,
      lookedAfter,
      started,
      ceased,
      population,
      ratePer10k: {
        lookedAfter: rateOrNull(lookedAfter.total, population),
        started: rateOrNull(started.total, population),
        ceased: rateOrNull(ceased.total, population),
      },
      stability: {
        short: figure(short.numerator, short.denominator),
        long: figure(long.numerator, long.denominator),
        moves: options.moves,
        definition,
        childrenWithoutDob: long.withoutDob.length,
      },
    };
  });
}

/** The first and last days the history has anything on: earliest DECOM, latest DECOM or DEC. */
export function dataSpan(history: CareHistory): CarePeriod | null {
  const found = extent(history);
  return found && { start: found.first, end: found.last };
}

/** The first and last days of the data, and the earliest day an episode ceased (Infinity if none did). */
function extent(history: CareHistory): { first: number; last: number; earliestEnd: number } | null {
  let first = Infinity;
  let last = -Infinity;
  let earliestEnd = Infinity;
  for (const child of history.children) {
    for (const episode of child.episodes) {
      if (episode.start < first) first = episode.start;
      const end = episode.end;
      if (end === null) {
        if (episode.start > last) last = episode.start;
      } else {
        if (end > last) last = end;
        if (end < earliestEnd) earliestEnd = end;
      }
    }
  }
  return first === Infinity ? null : { first, last, earliestEnd };
}

/** A column of the care tables: a financial year, or the part of the latest year the data reaches. */
export interface ReportingPeriod {
  /** "2021" for the year ending 31 March 2021 (as the DfE heads its tables), "Jan-22" for a part year. */
  label: string;
  financialYear: number;
  period: CarePeriod;
  complete: boolean;
  /**
   * Whether the data reach back far enough for the long-term measure: a return holds only the episodes
   * open in its year, so a period of care (or placement) already under way when the first return
   * begins is known only from then. From 2.5 years after that, every cohort question is answered.
   */
  longTermKnown: boolean;
}

/** How many years the care tables show at most (the DfE and the published strategy show four to eight). */
export const MAX_REPORTING_YEARS = 8;

/**
 * The end of a set of annual 903 returns unless the user says otherwise: the 31 March of the latest
 * return's year (the financial year of the latest date in the data), not the latest date itself. A
 * return covers its whole year, and a small council's return often has no event in March: one whose
 * last event is on 1 February 2024 still covers 2023-24 to 31 March 2024. Null without episodes.
 */
export function annualReturnsEnd(history: CareHistory): number | null {
  const found = extent(history);
  return found === null ? null : financialYearEnd(financialYearOf(found.last));
}

/** The latest date in the data (an episode's end, or its start while open), or null without episodes. */
export function latestDataDate(history: CareHistory): number | null {
  return extent(history)?.last ?? null;
}

/**
 * The periods a set of annual 903 returns covers: each financial year from the year of the earliest
 * ceased episode (a return holds every episode open during its year, so before it the episodes that had
 * already ceased are missing), to the year of the data's end. The latest year is complete when the data
 * reach its March; otherwise it runs to the data's end, as the published strategy's "Jan-22" column does. At most
 * MAX_REPORTING_YEARS, the latest. `dataEnd`: the date the data are known to run to (annualReturnsEnd
 * by default in a build, or as the user sets it); without it, the latest date in the data.
 */
export function reportingPeriods(history: CareHistory, dataEnd?: number): ReportingPeriod[] {
  const found = extent(history);
  if (found === null) return [];
  dataEnd ??= found.last;
  const last = financialYearOf(dataEnd);
  const firstCovered = financialYearOf(Math.min(found.earliestEnd, dataEnd));
  const longTermFrom = addMonths(financialYearStart(firstCovered), LONG_TERM_CONTINUOUS_MONTHS);
  const first = Math.max(firstCovered, last - MAX_REPORTING_YEARS + 1);
  const periods: ReportingPeriod[] = [];
  for (let year = first; year <= last; year += 1) {
    const full = financialYearPeriod(year);
    const complete = year < last || financialPeriodOf(dataEnd) === 12;
    periods.push({
      label: complete ? String(yearEnding(year)) : monthYearLabel(dataEnd),
      financialYear: year,
      period: complete ? full : { start: full.start, end: dataEnd },
      complete,
      longTermKnown: (complete ? full.end : dataEnd) >= longTermFrom,
    });
  }
  return periods;
}
