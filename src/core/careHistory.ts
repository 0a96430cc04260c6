/**
 * SSDA903 data as the pure code sees it, after reading and stitching (sources/ssda903): one history
 * per child, episodes in date order, dates as Excel serials. Codes are kept as the 903 writes them
 * (upper case, trimmed); what they mean lives in core/codes903.
 */
import type { RowDiagnostic } from "./diagnostics";

export interface Episode {
  /** Date the episode started (DECOM). */
  start: number;
  /** Date the episode ceased (DEC), or null while it is open. */
  end: number | null;
  /** Reason for new episode: S, L, P, B, T, U. */
  rne: string;
  /** Legal status, e.g. C2, V2, V3, V4. */
  ls: string;
  /** Category of need, N1-N8 (may be empty). */
  cin: string;
  /** Placement type, e.g. U1-U6, K2, R1, H5, P2, A3-A6, T0-T4. */
  place: string;
  /** PR0-PR5 (may be empty). */
  placeProvider: string;
  /** Reason episode ceased (REC), e.g. E11, X1; null while open. */
  rec: string | null;
  /** Where the episode was read: file or sheet name and 1-based row, for messages. */
  source?: { file: string; row: number };
}

export interface ChildHistory {
  child: string;
  /** Date of birth from the Header file (or a DOB column of the episodes), null if unknown. */
  dob: number | null;
  sex: string | null;
  /** Episodes sorted by start date; after stitching none overlap. */
  episodes: Episode[];
}

export interface CareHistory {
  children: ChildHistory[];
  /** How many times each stitching rule was applied, by rule name, for the report. */
  stitching: Record<string, number>;
  /** The rows that could not be used, and why; reported, never silently dropped. */
  issues: RowDiagnostic[];
  /** What was said of a file as a whole without skipping a row (its dates read other than as dd/mm/yyyy), by file. */
  notes?: { file: string; message: string }[];
}
