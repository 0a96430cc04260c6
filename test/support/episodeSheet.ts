/** SSDA903 episodes simulated for a council, laid out as a sheet of the 903 columns, for the Excel host's tests. */
import type { CareHistory } from "../../src/core/careHistory";
import { formatDate, serialFromYmd } from "../../src/core/dates";
import { simulateCareHistories, typicalCouncilRates } from "../../tools/synthetic/demand";

export const EPISODE_COLUMNS = ["CHILD", "DOB", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC"];

/** A care history simulated from `firstDay` to `lastDay` (Excel serials), at `scale` of a typical council's rates. */
export function simulatedHistory(seed: number, firstDay: number, lastDay: number, scale: number): CareHistory {
  return simulateCareHistories({
    seed,
    firstDay,
    lastDay,
    ...typicalCouncilRates(scale),
    inHouseFosteringShare: 0.6,
  }).history;
}

/** The history as a sheet: the 903 column names, then one row per episode with its dates as dd/mm/yyyy text. */
export function episodeSheetRows(history: CareHistory): unknown[][] {
  const date = (serial: number | null) => (serial === null ? "" : formatDate(serial));
  const rows: unknown[][] = [EPISODE_COLUMNS];
  for (const child of history.children) {
    for (const e of child.episodes) {
      rows.push([
        child.child,
        date(child.dob),
        date(e.start),
        e.rne,
        e.ls,
        e.cin,
        e.place,
        e.placeProvider,
        date(e.end),
        e.rec ?? "",
      ]);
    }
  }
  return rows;
}

/** Episodes simulated from 31 January of `firstYear` to `lastDay`, as a sheet with the 903 columns. */
export function simulatedEpisodeRows(seed: number, firstYear: number, lastDay: number, scale: number): unknown[][] {
  return episodeSheetRows(simulatedHistory(seed, serialFromYmd(firstYear, 1, 31), lastDay, scale));
}
