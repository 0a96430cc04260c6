/**
 * Placement stability, the DfE measures computed from SSDA903 episodes. The same code serves
 * the worksheet function LAC.STABILITY, the Stability sheet and the command line.
 *
 * The rules, in the order they are applied to each child:
 * - Episodes with legal status V3 or V4 (a series of short breaks) are ignored, as if absent.
 * - A period of care is a run of episodes each starting the day the previous one ended; a gap, or an
 *   episode with RNE S, starts a new period.
 * - A placement starts with the first episode of a period, and with each later episode whose RNE starts
 *   a placement under the move counting chosen: "placement" S, P, B, T, U; "carer" S, P, B.
 *   L (legal status change only) never starts a placement.
 * - A T or U episode into a placement for adoption (PLACE A3-A6) with the existing carers is not a new
 *   placement, whichever counting is chosen.
 * - Temporary placements (PLACE T0-T4) are not placements: their days count towards the placement the
 *   child was in before, and returning to that placement (same PLACE and PLACE_PROVIDER) afterwards is
 *   not a new placement. A period that begins with a temporary placement has no placement until the
 *   first non-temporary episode.
 * - Looked after at the year end: an episode (not V3/V4) started on or before it and ceased after it
 *   (or still open). A child who ceased on 31 March is not looked after at 31 March.
 *
 * Short term: of the children looked after at the year end, the share who had 3 or more placements
 * during the year (the 12 months ending on the year end date). A placement already open on 1 April
 * counts; each placement starting in the year counts.
 *
 * Long term: of the children looked after at the year end, aged under 16 then, and looked after
 * continuously (one period of care) since 2.5 years (30 months) before it or earlier, the share who have
 * been in their current placement since 2 years before it or earlier. The DfE has worded this two ways
 * (LONG_TERM_DEFINITIONS), and the move counting chooses between them:
 * - "carer", the DfE's 2025 wording, "living with the same carer for at least 2 years": a placement
 *   ends only when the carer changes (RNE P or B, or a new period of care), so a move with the same
 *   carers (T, U) keeps the 2 years running, and a placement for adoption is no exception.
 * - "placement", the DfE's wording to its 2023 release, "in the same placement for at least 2 years, or
 *   placed for adoption": every new placement ends one, but a child placed for adoption (A3-A6) also
 *   counts when the adoptive placement together with the placement before it began 2 years before the
 *   year end or earlier.
 */
import type { CareHistory, ChildHistory, Episode } from "./careHistory";
import {
  type MoveCounting,
  isPlacedForAdoption,
  isShortBreakLegalStatus,
  isTemporaryPlacement,
  rneKeepsCarer,
  rneStartsPlacement,
} from "./codes903";
import { addMonths, addYears, formatDate } from "./dates";
import { LacError } from "./errors";

export type { MoveCounting } from "./codes903";
export { DEFAULT_MOVE_COUNTING } from "./codes903";

export type StabilityMeasure = "short" | "long";

/** The DfE's two wordings of long-term stability, by the year of the release that used them last or first. */
export type LongTermDefinition = "2025" | "2023";

/** The current wording: the DfE's 2025 release (figures from 2021) says "the same carer". */
export const DEFAULT_LONG_TERM_DEFINITION: LongTermDefinition = "2025";

export const LONG_TERM_DEFINITIONS: Readonly<
  Record<LongTermDefinition, { moves: MoveCounting; short: string; wording: string }>
> = {
  "2025": {
    moves: "carer",
    short: "same carer (DfE 2025 wording)",
    wording:
      "living with the same carer for at least 2 years (the DfE's wording from its 2025 release): only a change of carer (RNE P or B) ends the 2 years; a move with the same carers (T or U) does not",
  },
  "2023": {
    moves: "placement",
    short: "same placement or adoption (DfE 2023 wording)",
    wording:
      "in the same placement for at least 2 years, or placed for adoption with the adoptive and previous placement together lasting 2 years (the DfE's wording to its 2023 release): every new placement (RNE P, B, T or U) ends the 2 years",
  },
};

/** The long-term definition a move counting gives (see the module comment). */
export function longTermDefinitionOf(moves: MoveCounting): LongTermDefinition {
  return moves === "carer" ? "2025" : "2023";
}

/** How moves are counted for each measure: the short-term count, and the long-term definition's. */
export interface StabilityMoves {
  short: MoveCounting;
  long: MoveCounting;
}

export interface StabilityOptions {
  measure: StabilityMeasure;
  /** For "long", the definition too: "carer" the DfE's 2025 wording, "placement" its 2023 one. */
  moves: MoveCounting;
}

export interface StabilityResult {
  /** numerator / denominator, a fraction (0.1 = 10%). */
  rate: number;
  numerator: number;
  denominator: number;
}

/** How many placements make the short-term measure. */
export const SHORT_TERM_PLACEMENTS = 3;
/** Months looked after continuously for the long-term cohort (2.5 years). */
export const LONG_TERM_CONTINUOUS_MONTHS = 30;
/** Years in the same placement for long-term stability. */
export const LONG_TERM_SAME_PLACEMENT_YEARS = 2;
/** The long-term cohort is children under this age at the year end. */
export const LONG_TERM_AGE_LIMIT = 16;

/** What the rules say about one child in one year; null fields where the child was not looked after. */
export interface ChildStability {
  /** Looked after at the year end (V3/V4 excluded). */
  lookedAfter: boolean;
  /** Placements during the year: open on its first day, or starting in it. */
  placementsInYear: number;
  /** Start of the period of care the child is in at the year end. */
  inCareSince: number | null;
  /**
   * Since when the child has been in their current placement (by the move counting) at the year end;
   * counting by placement, for a child placed for adoption, the start of the adoptive placement
   * together with the placement before it. Null when the
   * child has no placement (looked after in a temporary placement only).
   */
  samePlacementSince: number | null;
  /** Placed for adoption (A3-A6) at the year end. */
  placedForAdoption: boolean;
}

/** The dates a year end implies, computed once per year rather than once per child. */
interface YearWindow {
  yearStart: number;
  yearEnd: number;
  under16After: number;
  continuousBy: number;
  samePlacementBy: number;
}

function yearWindow(yearEnd: number): YearWindow {
  if (!Number.isFinite(yearEnd)) throw new LacError("value", `expected the year end as a date, found ${yearEnd}`);
  const end = Math.floor(yearEnd);
  return {
    yearStart: addYears(end, -1) + 1,
    yearEnd: end,
    under16After: addYears(end, -LONG_TERM_AGE_LIMIT),
    continuousBy: addMonths(end, -LONG_TERM_CONTINUOUS_MONTHS),
    samePlacementBy: addYears(end, -LONG_TERM_SAME_PLACEMENT_YEARS),
  };
}

/** A placement counts in the year if it was open on its first day or started during it. */
function countsInYear(placementStart: number, placementEnd: number, window: YearWindow): boolean {
  return placementStart >= window.yearStart ? placementStart <= window.yearEnd : placementEnd > window.yearStart;
}

/** Marks a date not yet known (Excel serials start at 1): no placement yet, not placed for adoption. */
const NONE = -1;

/**
 * Walks one child's episodes up to the year end, applying the rules of the module comment, and writes
 * what they say into `out` (reused between children so the walk allocates nothing).
 */
function walkChild(episodes: readonly Episode[], window: YearWindow, moves: MoveCounting, out: ChildStability): void {
  const { yearEnd } = window;
  out.lookedAfter = false;
  out.placementsInYear = 0;
  out.inCareSince = null;
  out.samePlacementSince = null;
  out.placedForAdoption = false;

  let previousEnd: number | null = null;
  let started = false;
  let periodStart = 0;
  let placementStart = NONE;
  let previousPlacementStart = NONE;
  let adoptionSince = NONE;
  let lastPlace = "";
  let lastProvider = "";
  let inTemporary = false;
  let placements = 0;

  for (const episode of episodes) {
    if (episode.start > yearEnd) break;
    if (isShortBreakLegalStatus(episode.ls)) continue;
    const temporary = isTemporaryPlacement(episode.place);
    const newPeriod = !started || (previousEnd !== null && episode.start !== previousEnd) || episode.rne === "S";
    if (newPeriod) {
      if (started && placementStart !== NONE && countsInYear(placementStart, previousEnd ?? Infinity, window))
        placements += 1;
      started = true;
      periodStart = episode.start;
      placementStart = temporary ? NONE : episode.start;
      previousPlacementStart = NONE;
      adoptionSince = NONE;
    } else if (!temporary) {
      const returning = inTemporary && episode.place === lastPlace && episode.placeProvider === lastProvider;
      const startsPlacement =
        placementStart === NONE ||
        (!returning &&
          rneStartsPlacement(episode.rne, moves) &&
          !(rneKeepsCarer(episode.rne) && isPlacedForAdoption(episode.place)));
      if (startsPlacement) {
        if (placementStart !== NONE && countsInYear(placementStart, episode.start, window)) placements += 1;
        previousPlacementStart = placementStart;
        placementStart = episode.start;
      }
    }
    if (!temporary) {
      if (isPlacedForAdoption(episode.place)) {
        if (adoptionSince === NONE || !isPlacedForAdoption(lastPlace)) adoptionSince = episode.start;
      } else {
        adoptionSince = NONE;
      }
      lastPlace = episode.place;
      lastProvider = episode.placeProvider;
    }
    inTemporary = temporary;
    previousEnd = episode.end;
    if (episode.end === null || episode.end > yearEnd) {
      out.lookedAfter = true;
      out.inCareSince = periodStart;
      if (placementStart !== NONE) {
        const adoptive = adoptionSince !== NONE;
        out.placedForAdoption = adoptive;
        // The adoption clause belongs to the placement wording only: "the same carer" has no exception.
        out.samePlacementSince =
          moves === "placement" && adoptive && placementStart >= adoptionSince && previousPlacementStart !== NONE
            ? previousPlacementStart
            : placementStart;
      }
    }
  }
  if (started && placementStart !== NONE) {
    const end = previousEnd === null || out.lookedAfter ? Infinity : previousEnd;
    if (countsInYear(placementStart, end, window)) placements += 1;
  }
  out.placementsInYear = placements;
}

function emptyChildStability(): ChildStability {
  return {
    lookedAfter: false,
    placementsInYear: 0,
    inCareSince: null,
    samePlacementSince: null,
    placedForAdoption: false,
  };
}

/** What the rules say about one child for the year ending `yearEnd` (for reports and tests). */
export function childStability(child: ChildHistory, yearEnd: number, moves: MoveCounting): ChildStability {
  const out = emptyChildStability();
  walkChild(child.episodes, yearWindow(yearEnd), moves, out);
  return out;
}

/** The counts behind a stability figure, and the children the long measure had to leave out. */
export interface StabilityCounts {
  numerator: number;
  denominator: number;
  /** Children looked after at the year end whose date of birth is unknown (long measure only). */
  withoutDob: ChildHistory[];
}

/** Both measures' counts for one year end, from one walk through the children. */
export interface StabilityCohorts {
  short: StabilityCounts;
  long: StabilityCounts;
}

/**
 * Counts children into both measures for one year end, a child at a time, so that a caller measuring
 * several years can visit each child once.
 */
export class StabilityCounter {
  readonly short: StabilityCounts = { numerator: 0, denominator: 0, withoutDob: [] };
  readonly long: StabilityCounts = { numerator: 0, denominator: 0, withoutDob: [] };
  private readonly window: YearWindow;
  private readonly state = emptyChildStability();

  private readonly moves: StabilityMoves;

  /** One move counting for both measures, or each its own (the short-term count, the long-term definition's). */
  constructor(yearEnd: number, moves: MoveCounting | StabilityMoves) {
    this.window = yearWindow(yearEnd);
    this.moves = typeof moves === "string" ? { short: moves, long: moves } : moves;
  }

  add(child: ChildHistory): void {
    const { window, state, short, long } = this;
    const episodes = child.episodes;
    if (episodes.length === 0 || episodes[0].start > window.yearEnd) return;
    const lastEnd = episodes[episodes.length - 1].end;
    if (lastEnd !== null && lastEnd <= window.yearEnd) return;
    walkChild(episodes, window, this.moves.short, state);
    if (!state.lookedAfter) return;
    short.denominator += 1;
    if (state.placementsInYear >= SHORT_TERM_PLACEMENTS) short.numerator += 1;
    if (child.dob === null) {
      long.withoutDob.push(child);
      return;
    }
    if (child.dob <= window.under16After) return;
    if (state.inCareSince === null || state.inCareSince > window.continuousBy) return;
    long.denominator += 1;
    // Only the placements differ with the counting (the period of care does not): walk again when the definitions' countings differ.
    if (this.moves.long !== this.moves.short) walkChild(episodes, window, this.moves.long, state);
    if (state.samePlacementSince !== null && state.samePlacementSince <= window.samePlacementBy) long.numerator += 1;
  }
}

/** Counts without judging: a zero denominator or unknown ages are the caller's to report. */
export function stabilityCohorts(
  history: CareHistory,
  yearEnd: number,
  moves: MoveCounting | StabilityMoves,
): StabilityCohorts {
  const counter = new StabilityCounter(yearEnd, moves);
  for (const child of history.children) counter.add(child);
  return { short: counter.short, long: counter.long };
}

/** The counts behind one measure (see stabilityCohorts). */
export function stabilityCounts(history: CareHistory, yearEnd: number, options: StabilityOptions): StabilityCounts {
  return stabilityCohorts(history, yearEnd, options.moves)[options.measure];
}

/**
 * The DfE placement stability measure for the year ending `yearEnd` (normally 31 March): "short" or
 * "long" (see the module comment). Throws LacError("div0") when no child is in the measure's cohort,
 * and LacError("value") when the long measure meets a child without a date of birth.
 */
export function placementStability(history: CareHistory, yearEnd: number, options: StabilityOptions): StabilityResult {
  const counts = stabilityCounts(history, yearEnd, options);
  if (counts.withoutDob.length) {
    const child = counts.withoutDob[0];
    const where = child.episodes[0]?.source ? ` (row ${child.episodes[0].source.row})` : "";
    throw new LacError(
      "value",
      `long-term stability needs each child's date of birth (a DOB column): child ${child.child}${where} has none` +
        (counts.withoutDob.length > 1 ? `, nor do ${counts.withoutDob.length - 1} other children` : ""),
    );
  }
  if (counts.denominator === 0) {
    const cohort =
      options.measure === "short"
        ? "looked after"
        : `looked after, under ${LONG_TERM_AGE_LIMIT} and in care for at least 2.5 years`;
    throw new LacError(
      "div0",
      `no child was ${cohort} at ${formatDate(Math.floor(yearEnd))}, so there is no ${options.measure}-term stability to measure`,
    );
  }
  return { rate: counts.numerator / counts.denominator, numerator: counts.numerator, denominator: counts.denominator };
}
