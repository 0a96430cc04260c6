/**
 * Synthetic SSDA903 data: deterministic, realistic care histories and the annual Episodes and Header
 * returns a council would have sent for them. For the demonstration workbook, the benchmarks and the
 * large tests; never mixed with a council's own data.
 *
 * What makes it realistic enough to exercise every rule: ages at entry weighted as England's starters
 * are (many babies and teenagers); periods of care from weeks to years, ending with reasons that fit
 * the age (adoption and special guardianship for the young, independent living and staying put at 18);
 * moves (P, B, T, U), legal status changes (L, C1 to C2), temporary placements with a return, placement
 * for adoption with the foster carers (T/U into A5) or with new carers (P into A6), children who come
 * back into care, and children on a series of short breaks (V3/V4). Each year's return holds the
 * episodes open at any time in its year, with DEC blank for those still open at its 31 March, so
 * several years' files repeat the long episodes exactly as real returns do.
 */
import type { CareHistory, ChildHistory, Episode } from "../../src/core/careHistory";
import { addYears, financialYearEnd, financialYearLabel, financialYearStart, formatDate } from "../../src/core/dates";
import { seededRandom } from "./random";

export interface SyntheticOptions {
  /** Children whose care touches the years covered. */
  children: number;
  /** Any integer; the same seed gives the same data. */
  seed: number;
  /** First financial year of the returns (2017 = 2017/18). */
  firstYear: number;
  /** How many annual returns. */
  years: number;
}

class Dice {
  constructor(readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** Days until the next event of a process happening every `meanDays` on average. */
  wait(meanDays: number): number {
    return Math.max(1, Math.round(-Math.log(1 - this.random()) * meanDays));
  }

  pick<T>(weighted: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of weighted) total += weight;
    let roll = this.random() * total;
    for (const [value, weight] of weighted) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return weighted[weighted.length - 1][0];
  }
}

const DAYS_PER_YEAR = 365.25;

/** Ages at entry in years (from, to), weighted roughly as England's starters are. */
const ENTRY_AGES: readonly (readonly [readonly [number, number], number])[] = [
  [[0, 1], 22],
  [[1, 5], 19],
  [[5, 10], 17],
  [[10, 16], 30],
  [[16, 18], 12],
];

type Placement = readonly [place: string, provider: string];

function placementFor(dice: Dice, ageYears: number): Placement {
  if (ageYears >= 16) {
    return dice.pick<Placement>([
      [["H5", "PR4"], 35],
      [["P2", "PR5"], 10],
      [["K2", "PR4"], 15],
      [["U4", "PR1"], 15],
      [["U6", "PR4"], 15],
      [["K3", "PR4"], 5],
      [["P1", "PR0"], 5],
    ]);
  }
  if (ageYears >= 10) {
    return dice.pick<Placement>([
      [["U4", "PR1"], 20],
      [["U6", "PR1"], 12],
      [["U6", "PR4"], 20],
      [["U1", "PR1"], 8],
      [["K2", "PR4"], 22],
      [["K2", "PR1"], 5],
      [["R1", "PR4"], 3],
      [["S1", "PR4"], 3],
      [["P1", "PR0"], 5],
      [["K1", "PR2"], 2],
    ]);
  }
  return dice.pick<Placement>([
    [["U4", "PR1"], 22],
    [["U6", "PR1"], 20],
    [["U6", "PR4"], 20],
    [["U1", "PR1"], 10],
    [["U3", "PR1"], 10],
    [["U5", "PR1"], ageYears < 2 ? 8 : 1],
    [["P1", "PR0"], 6],
    [["K2", "PR4"], ageYears >= 6 ? 4 : 0],
  ]);
}

function ceasingReason(dice: Dice, ageYears: number): string {
  if (ageYears < 5) {
    return dice.pick([
      ["E11", 14],
      ["E12", 10],
      ["E45", 8],
      ["E46", 3],
      ["E47", 6],
      ["E48", 3],
      ["E4A", 28],
      ["E4B", 6],
      ["E13", 8],
      ["E41", 8],
      ["E8", 6],
    ] as const);
  }
  if (ageYears < 16) {
    return dice.pick([
      ["E4A", 35],
      ["E4B", 10],
      ["E13", 10],
      ["E45", 6],
      ["E47", 4],
      ["E41", 6],
      ["E8", 14],
      ["E3", 4],
      ["E9", 2],
      ["E14", 3],
      ["E16", 1],
    ] as const);
  }
  return dice.pick([
    ["E4A", 15],
    ["E5", 20],
    ["E6", 8],
    ["E8", 25],
    ["E13", 8],
    ["E3", 4],
    ["E9", 3],
    ["E15", 3],
    ["E7", 2],
  ] as const);
}

const AT_EIGHTEEN = [
  ["E17", 30],
  ["E5", 35],
  ["E6", 10],
  ["E8", 20],
  ["E7", 5],
] as const;

const RETURNED_HOME = new Set(["E4A", "E4B", "E13"]);

/** Foster and residential placements have holidays, respite and hospital stays recorded as T1-T4. */
const HAS_TEMPORARY_BREAKS = new Set(["U1", "U3", "U4", "U5", "U6", "K2", "R1", "S1"]);
const TEMPORARY_EVERY_DAYS = 220;
const ADOPTED = new Set(["E11", "E12"]);

/** Builds one child's episodes, period by period, up to the end of the data (`dataEnd`). */
class ChildBuilder {
  readonly episodes: Episode[] = [];
  private ls = "C2";
  private place = "U4";
  private provider = "PR1";
  private cin = "N1";
  private current: Episode | null = null;

  constructor(
    private readonly dice: Dice,
    private readonly dob: number,
    private readonly dataEnd: number,
  ) {}

  private age(date: number): number {
    return (date - this.dob) / DAYS_PER_YEAR;
  }

  private open(start: number, rne: string): void {
    const episode: Episode = {
      start,
      end: null,
      rne,
      ls: this.ls,
      cin: this.cin,
      place: this.place,
      placeProvider: this.provider,
      rec: null,
    };
    this.episodes.push(episode);
    this.current = episode;
  }

  private close(date: number, rec: string): void {
    if (this.current) {
      this.current.end = date;
      this.current.rec = rec;
      this.current = null;
    }
  }

  /** A new episode the same day the current one ends. */
  private next(date: number, rne: string): void {
    this.close(date, "X1");
    this.open(date, rne);
  }

  /** One period of care from `start`; returns the day it ended (null if still open) and why. */
  period(start: number): { end: number | null; reason: string | null } {
    const dice = this.dice;
    const ageAtStart = this.age(start);
    this.cin =
      ageAtStart >= 16 && dice.chance(0.3)
        ? "N8"
        : dice.pick([
            ["N1", 62],
            ["N4", 14],
            ["N5", 8],
            ["N2", 5],
            ["N3", 4],
            ["N6", 4],
            ["N7", 3],
          ] as const);
    this.ls = ageAtStart >= 16 || dice.chance(0.3) ? "V2" : dice.chance(0.4) ? "C1" : "C2";
    [this.place, this.provider] = placementFor(dice, ageAtStart);
    const lengthDays = dice.pick([
      [() => dice.int(7, 120), 30],
      [() => dice.int(120, 900), 40],
      [() => dice.int(900, 4000), 30],
    ] as const)();
    const eighteenth = addYears(this.dob, 18);
    let end = start + lengthDays;
    let reason: string;
    if (end >= eighteenth) {
      end = eighteenth;
      reason = dice.pick(AT_EIGHTEEN);
    } else {
      reason = ceasingReason(dice, this.age(end));
    }
    if (ADOPTED.has(reason) && end - start < 150) reason = "E4A";
    const adoptionFrom = ADOPTED.has(reason) ? end - dice.int(120, Math.min(400, end - start - 1)) : Infinity;

    this.open(start, "S");
    let t = start;
    let interimUntil = this.ls === "C1" ? start + dice.int(40, 240) : Infinity;
    let nextTemporary = start + dice.wait(TEMPORARY_EVERY_DAYS);
    for (;;) {
      // Moves come often in a child's first year in care and rarely once settled.
      const nextMove = t + dice.wait(t - start < 365 ? 300 : 2000);
      // Each event comes at least a day after the last (a temporary placement may pass a date due).
      const step = Math.max(t + 1, Math.min(nextMove, interimUntil, adoptionFrom, nextTemporary));
      if (step >= end || step > this.dataEnd) break;
      t = step;
      if (adoptionFrom <= t) {
        this.enterAdoption(t);
        break;
      }
      if (interimUntil <= t) {
        interimUntil = Infinity;
        this.ls = "C2";
        if (dice.chance(0.2)) {
          [this.place, this.provider] = placementFor(dice, this.age(t));
          this.next(t, "B");
        } else {
          this.next(t, "L");
        }
        continue;
      }
      if (nextTemporary <= t) {
        if (HAS_TEMPORARY_BREAKS.has(this.place)) t = this.temporaryPlacement(t, end);
        nextTemporary = t + dice.wait(TEMPORARY_EVERY_DAYS);
        continue;
      }
      const roll = dice.random();
      if (roll < 0.1) {
        this.place = this.place === "U6" ? "U4" : this.place.startsWith("U") ? "U6" : this.place;
        this.next(t, "T");
      } else if (roll < 0.15) {
        this.ls = this.ls === "V2" ? "C2" : "V2";
        this.place = this.place === "U6" ? "U4" : this.place;
        this.next(t, "U");
      } else if (roll < 0.25 && this.ls !== "C2") {
        this.ls = this.ls === "V2" ? "C1" : "C2";
        this.next(t, "L");
      } else {
        [this.place, this.provider] = placementFor(dice, this.age(t));
        this.next(t, "P");
      }
    }
    if (end > this.dataEnd) return { end: null, reason: null };
    this.close(end, reason);
    return { end, reason };
  }

  /** Placed for adoption: with the foster carers (T/U into A5) or with new adopters (P/B into A6). */
  private enterAdoption(t: number): void {
    const withFosterCarers = this.place.startsWith("U") && this.dice.chance(0.4);
    const legalChange = this.ls !== "E1";
    this.ls = "E1";
    if (withFosterCarers) {
      this.place = "A5";
      this.next(t, legalChange ? "U" : "T");
    } else {
      this.place = "A6";
      this.provider = this.dice.chance(0.7) ? "PR1" : "PR5";
      this.next(t, legalChange ? "B" : "P");
    }
  }

  /** A few days in a temporary placement, then back to the same placement; returns the day back. */
  private temporaryPlacement(t: number, periodEnd: number): number {
    const back = t + this.dice.int(2, 14);
    if (back >= periodEnd || back > this.dataEnd) return t;
    const place = this.place;
    const provider = this.provider;
    this.place = this.dice.pick([
      ["T1", 3],
      ["T2", 2],
      ["T3", 3],
      ["T4", 4],
    ] as const);
    this.provider = "";
    this.next(t, "P");
    this.place = place;
    this.provider = provider;
    this.next(back, "P");
    return back;
  }

  /** A series of short breaks (V3/V4) of a few days every month or two. */
  shortBreaks(start: number, until: number): void {
    const dice = this.dice;
    this.ls = dice.chance(0.8) ? "V3" : "V4";
    this.cin = "N2";
    [this.place, this.provider] = dice.chance(0.6) ? ["U6", "PR1"] : ["K2", "PR1"];
    for (let t = start; t < until && t <= this.dataEnd; t += dice.int(20, 70)) {
      const back = t + dice.int(1, 4);
      this.open(t, "S");
      if (back > this.dataEnd) return;
      this.close(back, "E8");
    }
  }
}

/**
 * Care histories of `children` children whose care touches the financial years covered, as the stitched
 * returns would give them: episodes in order, contiguous within a period of care, open at the end of
 * the last year when still in care then.
 */
export function generateCareHistory(options: SyntheticOptions): CareHistory {
  const dice = new Dice(seededRandom(options.seed));
  const dataStart = financialYearStart(options.firstYear);
  const dataEnd = financialYearEnd(options.firstYear + options.years - 1);
  const children: ChildHistory[] = [];
  const idWidth = String(options.children).length;
  while (children.length < options.children) {
    const [fromAge, toAge] = dice.pick(ENTRY_AGES);
    const firstEntry = dice.int(dataStart - 6 * 365, dataEnd);
    const dob = firstEntry - Math.floor((fromAge + dice.random() * (toAge - fromAge)) * DAYS_PER_YEAR);
    const builder = new ChildBuilder(dice, dob, dataEnd);
    if (dice.chance(0.04)) {
      builder.shortBreaks(firstEntry, firstEntry + dice.int(200, 1100));
    } else {
      let start = firstEntry;
      for (;;) {
        const { end, reason } = builder.period(start);
        if (end === null || reason === null || !RETURNED_HOME.has(reason) || !dice.chance(0.15)) break;
        start = end + dice.int(30, 700);
        if (start > dataEnd || start >= addYears(dob, 18)) break;
      }
    }
    // The returns hold only the episodes open at some time in the years they cover.
    const episodes = builder.episodes.filter((e) => e.end === null || e.end >= dataStart);
    if (episodes.length === 0) continue;
    children.push({
      child: `C${String(children.length + 1).padStart(idWidth, "0")}`,
      dob,
      sex: dice.chance(0.55) ? "1" : "2",
      episodes,
    });
  }
  return { children, stitching: {}, issues: [] };
}

export const EPISODES_FILE_COLUMNS = [
  "CHILD",
  "DECOM",
  "RNE",
  "LS",
  "CIN",
  "PLACE",
  "PLACE_PROVIDER",
  "DEC",
  "REC",
  "REASON_PLACE_CHANGE",
  "HOME_POST",
  "PL_POST",
  "URN",
];

export interface AnnualReturn {
  financialYear: number;
  episodesFileName: string;
  episodesCsv: string;
  headerFileName: string;
  headerCsv: string;
}

/**
 * The annual returns for a history: for each financial year, the episodes open at any time in it, with
 * DEC and REC blank when the episode was still open on its 31 March; the Header lists those children.
 */
export function annualReturns(history: CareHistory, firstYear: number, years: number): AnnualReturn[] {
  const dates = new Map<number, string>();
  const text = (serial: number) => {
    let formatted = dates.get(serial);
    if (formatted === undefined) {
      formatted = formatDate(serial);
      dates.set(serial, formatted);
    }
    return formatted;
  };
  const returns: AnnualReturn[] = [];
  for (let year = firstYear; year < firstYear + years; year += 1) {
    const yearStart = financialYearStart(year);
    const yearEnd = financialYearEnd(year);
    const episodeLines = [EPISODES_FILE_COLUMNS.join(",")];
    const headerLines = ["CHILD,SEX,DOB"];
    for (const child of history.children) {
      let included = false;
      for (const episode of child.episodes) {
        if (episode.start > yearEnd || (episode.end !== null && episode.end < yearStart)) continue;
        const closed = episode.end !== null && episode.end <= yearEnd;
        const urn = episode.place === "K2" ? `SC${100_000 + (episode.start % 900_000)}` : "";
        episodeLines.push(
          [
            child.child,
            text(episode.start),
            episode.rne,
            episode.ls,
            episode.cin,
            episode.place,
            episode.placeProvider,
            closed && episode.end !== null ? text(episode.end) : "",
            closed ? (episode.rec ?? "") : "",
            episode.rne === "P" || episode.rne === "B" ? "CARPL" : "",
            "L20 3",
            episode.placeProvider === "PR0" ? "L20 3" : "L21 9",
            urn,
          ].join(","),
        );
        included = true;
      }
      if (included && child.dob !== null) headerLines.push(`${child.child},${child.sex ?? ""},${text(child.dob)}`);
    }
    const label = financialYearLabel(year).replace("/", "-");
    returns.push({
      financialYear: year,
      episodesFileName: `episodes_${label}.csv`,
      episodesCsv: `${episodeLines.join("\r\n")}\r\n`,
      headerFileName: `header_${label}.csv`,
      headerCsv: `${headerLines.join("\r\n")}\r\n`,
    });
  }
  return returns;
}
