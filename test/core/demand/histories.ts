/** Small hand-written 903 care histories for the demand model's tests. */
import type { CareHistory, ChildHistory, Episode } from "../../../src/core/careHistory";
import { parseDate } from "../../../src/core/dates";

export function day(text: string): number {
  return parseDate(text) as number;
}

/** An episode from dd/mm/yyyy dates; `end` null while open. */
export function episode(start: string, end: string | null, place: string, extra: Partial<Episode> = {}): Episode {
  return {
    start: day(start),
    end: end === null ? null : day(end),
    rne: "S",
    ls: "C2",
    cin: "N1",
    place,
    placeProvider: "PR1",
    rec: end === null ? null : "E8",
    ...extra,
  };
}

export function child(id: string, dob: string | null, ...episodes: Episode[]): ChildHistory {
  return { child: id, dob: dob === null ? null : day(dob), sex: "1", episodes };
}

export function history(...children: ChildHistory[]): CareHistory {
  return { children, stitching: {}, issues: [] };
}
