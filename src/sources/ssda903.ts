/**
 * SSDA903 data, read (ssda903Read: the Episodes and Header files, or the same columns on a sheet) and
 * stitched (ssda903Stitch: several years into one history per child); here, what needs both (a sheet
 * range read and stitched at once, for the worksheet function) and a history written back as rows.
 */
import type { CareHistory } from "../core/careHistory";
import { readRange } from "./ssda903Read";
import { stitch } from "./ssda903Stitch";

export {
  type EpisodeRows,
  episodeRowsFromRange,
  type HeaderRows,
  OPTIONAL_EPISODE_COLUMNS,
  readEpisodesCsv,
  readHeaderCsv,
  REQUIRED_EPISODE_COLUMNS,
  REQUIRED_HEADER_COLUMNS,
} from "./ssda903Read";
export {
  type StitchInput,
  STITCHING_RULE_LABELS,
  STITCHING_RULES,
  type StitchingRule,
  stitchCareHistory,
  stitchReturns,
} from "./ssda903Stitch";

/**
 * Reads a sheet range whose first row holds 903 column names (the worksheet function's `episodes`
 * argument, or an episodes sheet). Blank rows are skipped. Rows are numbered from 1 at the header row.
 * strict: a missing column or a bad row throws LacError("value") naming it; otherwise bad rows are
 * reported in `issues` and skipped.
 */
export function careHistoryFromRange(rows: unknown[][], options: { sourceName: string; strict: boolean }): CareHistory {
  return stitch([{ episodes: readRange(rows, options.sourceName, options.strict) }], options.strict);
}

/** The columns of a stitched history written back as rows (careHistoryRows), DOB and SEX beside each episode. */
export const CARE_HISTORY_COLUMNS = [
  "CHILD",
  "DOB",
  "SEX",
  "DECOM",
  "RNE",
  "LS",
  "CIN",
  "PLACE",
  "PLACE_PROVIDER",
  "DEC",
  "REC",
] as const;
export const CARE_HISTORY_DATE_COLUMNS: readonly (typeof CARE_HISTORY_COLUMNS)[number][] = ["DOB", "DECOM", "DEC"];

/**
 * A stitched history as rows under CARE_HISTORY_COLUMNS, one per episode, children in the history's
 * order: what careHistoryFromRange reads back to the same episodes and dates of birth. Dates are serials
 * (a sheet shows them with a date format), blanks are "".
 */
export function careHistoryRows(history: CareHistory): (string | number)[][] {
  const rows: (string | number)[][] = [[...CARE_HISTORY_COLUMNS]];
  for (const child of history.children) {
    const dob = child.dob ?? "";
    const sex = child.sex ?? "";
    for (const e of child.episodes) {
      rows.push([
        child.child,
        dob,
        sex,
        e.start,
        e.rne,
        e.ls,
        e.cin,
        e.place,
        e.placeProvider,
        e.end ?? "",
        e.rec ?? "",
      ]);
    }
  }
  return rows;
}
