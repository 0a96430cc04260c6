/**
 * Synthetic 903 care histories drawn from known, constant daily rates: the ground truth the demand
 * model is back-tested against, and data for its benchmark and for demonstrating the demand sheets
 * without real children's records. Deterministic for a seed.
 *
 * Children arrive in each state as a Poisson stream at its entry rate, aged uniformly within the
 * state's age band. Each day a child in state a moves to state b with the given daily rate, or leaves
 * care with the exit rate (drawn as geometric waiting times, which is the same thing and much faster
 * than a draw per child per day). They age by their birthdays, as the fitted model sees them, and leave
 * care on their 18th birthday. Placement moves keep the age band: growing older is the birthdays' job.
 */
import { AGE_BANDS, PLACEMENT_GROUPS } from "../../src/core/codes903";
import type { CareHistory, ChildHistory, Episode } from "../../src/core/careHistory";
import { addYears, ageInYears, dayOfAge } from "../../src/core/dates";
import { LacError } from "../../src/core/errors";
import { DAYS_PER_YEAR } from "../../src/core/demand/scenario";
import { BAND_COUNT, STATE_COUNT, STATE_LABELS } from "../../src/core/demand/states";
import { seededRandom } from "./random";

/** Children leave care on this birthday. */
const AGE_LEAVING_CARE = 18;

type ByBand = [number, number, number, number, number];
type Group = (typeof PLACEMENT_GROUPS)[number];

/**
 * The rates of a council like the published strategy's: its 2021 starters by age band (42, 41, 37, 40, 19; about 180
 * a year), split between placement groups as a council's typically are, with leaving and moving rates
 * that keep about 600 children in care. Annual rates per child, made daily below.
 */
const TYPICAL_COUNCIL = {
  entriesPerYear: [42, 41, 37, 40, 19] as ByBand,
  entryShares: {
    fostering: [0.85, 0.8, 0.85, 0.7, 0.35],
    residential: [0, 0, 0.05, 0.2, 0.15],
    supported: [0, 0, 0, 0, 0.45],
    other: [0.15, 0.2, 0.1, 0.1, 0.05],
  } as Record<Group, ByBand>,
  exitsPerYear: {
    fostering: [0.35, 0.45, 0.2, 0.12, 0.3],
    residential: [0.2, 0.27, 0.12, 0.07, 0.18],
    supported: [0.35, 0.45, 0.2, 0.12, 0.3],
    other: [0.35, 0.45, 0.2, 0.12, 0.3],
  } as Record<Group, ByBand>,
  movesPerYear: [
    { from: "fostering", to: "residential", rates: [0, 0, 0.02, 0.06, 0.04] },
    { from: "residential", to: "fostering", rates: [0, 0, 0.2, 0.1, 0.05] },
    { from: "fostering", to: "supported", rates: [0, 0, 0, 0, 0.25] },
    { from: "residential", to: "supported", rates: [0, 0, 0, 0, 0.35] },
    { from: "other", to: "fostering", rates: [0.3, 0.3, 0.3, 0.3, 0.2] },
    { from: "fostering", to: "other", rates: [0.05, 0.08, 0.05, 0.03, 0.02] },
  ] as { from: Group; to: Group; rates: ByBand }[],
};

/** Daily rates of a council like the published strategy's, with `scale` times its entries (a bigger council). */
export function typicalCouncilRates(scale = 1): Pick<SyntheticSpec, "transitionRates" | "exitRates" | "entryRates"> {
  const n = STATE_COUNT;
  const transitionRates = new Float64Array(n * n);
  const exitRates = new Float64Array(n);
  const entryRates = new Float64Array(n);
  PLACEMENT_GROUPS.forEach((group, g) => {
    for (let b = 0; b < BAND_COUNT; b += 1) {
      const state = g * BAND_COUNT + b;
      entryRates[state] =
        (scale * TYPICAL_COUNCIL.entriesPerYear[b] * TYPICAL_COUNCIL.entryShares[group][b]) / DAYS_PER_YEAR;
      exitRates[state] = TYPICAL_COUNCIL.exitsPerYear[group][b] / DAYS_PER_YEAR;
    }
  });
  for (const move of TYPICAL_COUNCIL.movesPerYear) {
    const from = PLACEMENT_GROUPS.indexOf(move.from) * BAND_COUNT;
    const to = PLACEMENT_GROUPS.indexOf(move.to) * BAND_COUNT;
    for (let b = 0; b < BAND_COUNT; b += 1) transitionRates[(from + b) * n + to + b] = move.rates[b] / DAYS_PER_YEAR;
  }
  return { transitionRates, exitRates, entryRates };
}

export interface SyntheticSpec {
  seed: number;
  /** First and last day simulated (Excel serials). Care builds up from nobody on the first day. */
  firstDay: number;
  lastDay: number;
  /** Daily rates in the model's layout: [from * states + to], between states of the same age band. */
  transitionRates: Float64Array;
  exitRates: Float64Array;
  /** Children per day entering each state. */
  entryRates: Float64Array;
  /** Share of foster placements with the council's own carers (PR1); the rest are with agencies (PR4). */
  inHouseFosteringShare: number;
}

export interface SyntheticCare {
  history: CareHistory;
  /** Children in each state at the end of each simulated day, at [(day - firstDay) * states + state]. */
  census: Float64Array;
}

/** The placement type each group's synthetic episodes use. */
const PLACE_OF_GROUP: Record<Group, string> = {
  fostering: "U4",
  residential: "K2",
  supported: "H5",
  other: "P1",
};

export function simulateCareHistories(spec: SyntheticSpec): SyntheticCare {
  const n = STATE_COUNT;
  for (let from = 0; from < n; from += 1) {
    for (let to = 0; to < n; to += 1) {
      if (from !== to && spec.transitionRates[from * n + to] > 0 && from % BAND_COUNT !== to % BAND_COUNT) {
        throw new LacError(
          "value",
          `synthetic moves keep the age band; found a rate from ${STATE_LABELS[from]} to ${STATE_LABELS[to]}`,
        );
      }
    }
  }
  const random = seededRandom(spec.seed);
  const days = spec.lastDay - spec.firstDay + 1;
  const censusChanges = new Float64Array((days + 1) * n);
  const outflow = new Float64Array(n);
  for (let s = 0; s < n; s += 1) {
    outflow[s] = spec.exitRates[s];
    for (let to = 0; to < n; to += 1) if (to !== s) outflow[s] += spec.transitionRates[s * n + to];
  }

  const stay = (state: number, from: number, to: number): void => {
    const a = Math.max(from, spec.firstDay) - spec.firstDay;
    const b = Math.min(to, spec.lastDay + 1) - spec.firstDay;
    if (a >= b) return;
    censusChanges[a * n + state] += 1;
    censusChanges[b * n + state] -= 1;
  };
  const placement = (group: number): { place: string; placeProvider: string } => {
    const name = PLACEMENT_GROUPS[group];
    if (name !== "fostering") return { place: PLACE_OF_GROUP[name], placeProvider: name === "other" ? "PR0" : "PR4" };
    return { place: "U4", placeProvider: random() < spec.inHouseFosteringShare ? "PR1" : "PR4" };
  };

  const children: ChildHistory[] = [];
  for (let entryState = 0; entryState < n; entryState += 1) {
    const rate = spec.entryRates[entryState];
    if (!(rate > 0)) continue;
    const band = entryState % BAND_COUNT;
    const fromYears = AGE_BANDS[band].fromYears;
    const toYears = band + 1 < BAND_COUNT ? AGE_BANDS[band + 1].fromYears : AGE_LEAVING_CARE;
    let time = spec.firstDay;
    for (;;) {
      time += -Math.log(1 - random()) / rate;
      const entryDay = Math.floor(time);
      if (entryDay > spec.lastDay) break;
      // Born between toYears years and a day and fromYears years before the day they come into care.
      const earliest = addYears(entryDay, -toYears) + 1;
      const latest = addYears(entryDay, -fromYears);
      let dob = earliest + Math.floor(random() * (latest - earliest + 1));
      const age = ageInYears(dob, entryDay);
      // Only a 29 February birthday can land outside the band; such a child is born on the latest day instead.
      if (age < fromYears || age >= toYears) dob = latest;
      children.push(simulateChild(`${spec.seed}-${children.length + 1}`, dob, entryDay, entryState));
    }
  }

  function simulateChild(id: string, dob: number, entryDay: number, entryState: number): ChildHistory {
    const episodes: Episode[] = [];
    let group = Math.floor(entryState / BAND_COUNT);
    let band = entryState % BAND_COUNT;
    let day = entryDay;
    let episode: Episode = { start: day, end: null, rne: "S", ls: "C2", cin: "N1", ...placement(group), rec: null };
    episodes.push(episode);
    for (;;) {
      const state = group * BAND_COUNT + band;
      const nextBirthday = dayOfAge(dob, band + 1 < BAND_COUNT ? AGE_BANDS[band + 1].fromYears : AGE_LEAVING_CARE);
      const q = outflow[state];
      const wait = q > 0 ? Math.max(1, Math.ceil(Math.log(1 - random()) / Math.log(1 - q))) : Number.POSITIVE_INFINITY;
      const eventDay = day + wait;
      if (Math.min(eventDay, nextBirthday) > spec.lastDay) {
        stay(state, day, spec.lastDay + 1);
        return { child: id, dob, sex: "1", episodes };
      }
      if (nextBirthday <= eventDay) {
        stay(state, day, nextBirthday);
        day = nextBirthday;
        if (band + 1 === BAND_COUNT) {
          episode.end = day;
          episode.rec = "E8";
          return { child: id, dob, sex: "1", episodes };
        }
        band += 1;
        continue;
      }
      stay(state, day, eventDay);
      day = eventDay;
      let pick = random() * q - spec.exitRates[state];
      if (pick < 0) {
        episode.end = day;
        episode.rec = "E8";
        return { child: id, dob, sex: "1", episodes };
      }
      let destination = state;
      for (let to = 0; to < n && destination === state; to += 1) {
        if (to === state) continue;
        pick -= spec.transitionRates[state * n + to];
        if (pick < 0) destination = to;
      }
      // Rounding can leave a sliver of `pick`; the last possible destination takes it.
      if (destination === state) destination = lastDestination(state);
      episode.end = day;
      episode.rec = "X1";
      group = Math.floor(destination / BAND_COUNT);
      episode = { start: day, end: null, rne: "P", ls: "C2", cin: "N1", ...placement(group), rec: null };
      episodes.push(episode);
    }
  }

  function lastDestination(state: number): number {
    for (let to = n - 1; to >= 0; to -= 1) if (to !== state && spec.transitionRates[state * n + to] > 0) return to;
    return state;
  }

  const census = new Float64Array(days * n);
  const running = new Float64Array(n);
  for (let d = 0; d < days; d += 1) {
    for (let s = 0; s < n; s += 1) {
      running[s] += censusChanges[d * n + s];
      census[d * n + s] = running[s];
    }
  }
  return { history: { children, stitching: {}, issues: [] }, census };
}
