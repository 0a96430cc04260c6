/**
 * Reading SSDA903 data: the Episodes and Header files every council returns to the DfE (CSV), or the
 * same columns on a sheet, into rows per file; ssda903Stitch makes one history per child of them.
 *
 * Columns are found by name, in any order and case; extra columns are ignored. Dates are Excel serials,
 * Date objects or text: each file's text dates are read in the one format its date cells settle, from
 * all its rows (ssda903Dates: dd/mm/yyyy, mm/dd/yyyy, d/m/yy, yyyy-mm-dd, dd-Mon-yyyy), never with day
 * and month swapped; a file whose dates mix two orders gives no rows and one issue naming rows of each.
 * A blank DEC (an open episode) may be empty text, null, or 0 (Excel hands a blank cell of a range to a
 * function as 0).
 *
 * A bad row (unknown code, DEC before DECOM, unreadable date, blank CHILD) is reported in `issues` with
 * its file, row and reason and skipped: one bad row never stops a load. The worksheet function reads
 * in strict mode instead, where the first bad row or a missing column is an error naming it.
 */
import type { Episode } from "../core/careHistory";
import type { RowDiagnostic } from "../core/diagnostics";
import {
  LEGAL_STATUSES,
  PLACEMENT_PROVIDERS,
  PLACEMENT_TYPES,
  REASONS_FOR_NEW_EPISODE,
  isReasonEpisodeCeased,
} from "../core/codes903";
import { type DateTextReading, DFE_DATE_READING, formatDate, parseDate, parseDateText } from "../core/dates";
import { LacError, isLacError } from "../core/errors";
import { CsvReader } from "./csv";
import { DateFormatDetector } from "./ssda903Dates";

/** The Episodes columns every measure needs; the worksheet function requires them. */
export const REQUIRED_EPISODE_COLUMNS = ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC"] as const;
/** Episodes columns read when present. DOB is not in the DfE Episodes file but sheets often add it. */
export const OPTIONAL_EPISODE_COLUMNS = ["CIN", "PLACE_PROVIDER", "REC", "DOB", "SEX"] as const;
export const REQUIRED_HEADER_COLUMNS = ["CHILD", "DOB"] as const;

/** The rows of one Episodes file (or range) that could be read, in file order, and the rows that could not. */
export interface EpisodeRows {
  fileName: string;
  /** CHILD of each episode, parallel to `episodes`. */
  child: string[];
  episodes: Episode[];
  /** DOB of each episode's child when the rows carry a DOB column, else null. */
  dob: (number | null)[] | null;
  sex: (string | null)[] | null;
  issues: RowDiagnostic[];
  /** What was found of the file as a whole without skipping a row: its dates read other than as dd/mm/yyyy (ssda903Dates). */
  notes?: string[];
}

/** The rows of one Header file: one child each. */
export interface HeaderRows {
  fileName: string;
  child: string[];
  dob: (number | null)[];
  sex: (string | null)[];
  issues: RowDiagnostic[];
  notes?: string[];
}

type EpisodeColumn = (typeof REQUIRED_EPISODE_COLUMNS)[number] | (typeof OPTIONAL_EPISODE_COLUMNS)[number];
type HeaderColumn = "CHILD" | "DOB" | "SEX";

/** "Place Provider", "place-provider" and "PLACE_PROVIDER" name the same column. */
function normaliseColumnName(value: unknown): string {
  return String(value ?? "")
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_");
}

function findColumns<C extends string>(header: readonly unknown[], wanted: readonly C[]): Record<C, number> {
  const names = header.map(normaliseColumnName);
  const found = {} as Record<C, number>;
  for (const column of wanted) found[column] = names.indexOf(column);
  return found;
}

function missingColumns<C extends string>(columns: Record<C, number>, required: readonly C[]): C[] {
  return required.filter((column) => columns[column] < 0);
}

function missingColumnsMessage(missing: readonly string[], header: readonly unknown[], source: string): string {
  const found = header.map((cell) => String(cell ?? "").trim()).filter((name) => name !== "");
  const what = missing.length === 1 ? `the 903 column ${missing[0]}` : `the 903 columns ${missing.join(", ")}`;
  return `${source}: expected ${what} in the first row, found ${found.length ? found.join(", ") : "no column names"}`;
}

/**
 * The cells of the row being read, from a sheet range or a CSV record, as the readers need them. Both
 * remember what they have converted: a 903 file of a million rows holds a few thousand distinct dates
 * and a few dozen distinct codes. Columns missing from the file (index -1) read as blank.
 */
interface RowCells {
  /** Trimmed text ("" when blank). */
  text(col: number): string;
  /** A CHILD identifier: trimmed text, the same string as the row before's when it is the same child. */
  child(col: number): string;
  /** A code as the 903 writes it: trimmed, upper case ("" when blank). */
  code(col: number): string;
  /** A date serial, or null when blank. Throws LacError naming the column. */
  date(col: number, column: string): number | null;
  /** Every cell of the row is blank. */
  isBlank(): boolean;
}

/** A date cell: text as the file's dates are read, else a serial or a Date as core/dates reads them. */
function parseDateIn(value: unknown, column: string, reading: DateTextReading): number | null {
  try {
    const serial = typeof value === "string" ? parseDateText(value, reading) : parseDate(value);
    return serial === null ? null : Math.floor(serial);
  } catch (error) {
    if (isLacError(error)) throw new LacError("value", `${column}: ${error.message}`);
    throw error;
  }
}

/** Cells of a sheet range as Excel hands them over: text, numbers (dates as serials), Dates; blank as 0, "" or null. */
class RangeCells implements RowCells {
  row: readonly unknown[] = [];
  constructor(private readonly reading: DateTextReading) {}
  private readonly dates = new Map<string, number>();
  private readonly codes = new Map<string, string>();

  text(col: number): string {
    const value = col < 0 ? null : this.row[col];
    if (value === null || value === undefined || value === 0) return "";
    return typeof value === "string" ? value.trim() : String(value);
  }

  child(col: number): string {
    return this.text(col);
  }

  code(col: number): string {
    const value = col < 0 ? null : this.row[col];
    if (typeof value === "string") {
      const known = this.codes.get(value);
      if (known !== undefined) return known;
      const code = value.trim().toUpperCase();
      this.codes.set(value, code);
      return code;
    }
    if (value === null || value === undefined || value === 0) return "";
    return String(value).trim().toUpperCase();
  }

  date(col: number, column: string): number | null {
    const value = col < 0 ? null : this.row[col];
    if (typeof value === "string") {
      const known = this.dates.get(value);
      if (known !== undefined) return known;
      const serial = parseDateIn(value, column, this.reading);
      if (serial !== null) this.dates.set(value, serial);
      return serial;
    }
    if (value === 0) return null;
    return parseDateIn(value, column, this.reading);
  }

  isBlank(): boolean {
    for (const value of this.row) {
      if (!(value === null || value === undefined || value === 0 || (typeof value === "string" && value.trim() === "")))
        return false;
    }
    return true;
  }
}

const SLASH = 47;
const DIGIT_0 = 48;
/** The years whose dd/mm/yyyy dates a CSV reader looks up in a table: every plausible DOB, DECOM and DEC. */
const DATE_SLOT_YEARS = { from: 1900, count: 200 };

/**
 * Cells of a CSV record, decoded from its characters where that saves making strings: a dd/mm/yyyy
 * date is looked up by its digits (each distinct date is parsed once, by core/dates), a short code by
 * its characters. Anything unusual (other date
 * forms, long or lower-case codes) goes the plain way through core/dates and toUpperCase.
 */
class CsvCells implements RowCells {
  /**
   * Serial of each dd/mm/yyyy date seen, by slot (0: not seen yet): an array lookup per date cell.
   * Whole numbers, so the episodes hold them as small integers rather than boxed doubles.
   */
  private readonly dateSlots = new Int32Array(DATE_SLOT_YEARS.count * 372);
  private readonly datesByText = new Map<string, number>();
  private readonly codesByChars = new Map<number, string>();

  private lastChild = "";

  /** Which orders each slot's date fits, plus 1 (0: not worked out yet), for the detector. */
  private readonly slotFits = new Int8Array(DATE_SLOT_YEARS.count * 372);
  /** The column whose text a sample asks for. */
  private sampleCol = 0;
  /** By column, the row whose cell in it the detector saw last: no cell is shown twice. */
  private readonly detectedAt: number[] = [];
  private readonly sampleText = (): string => this.record.field(this.sampleCol).trim();

  constructor(
    private readonly record: CsvReader,
    private readonly reading: DateTextReading,
    private readonly detector: DateFormatDetector | null = null,
  ) {}

  /**
   * Shows the date cells of the current record to the detector without reading the record (date()
   * shows each cell it reads): a dd/mm/yyyy date by its slot, without making a string of it; any other
   * text as it is.
   */
  detect(columns: readonly DateColumn[]): void {
    const detector = this.detector;
    if (!detector) return;
    const r = this.record;
    for (const { column, col } of columns) {
      const length = r.fieldLength(col);
      if (length === 0 || this.detectedAt[col] === r.row) continue;
      const slot = length === 10 ? this.dmySlot(col) : -1;
      if (slot >= 0) this.detectSlot(detector, slot, col, column);
      else this.detectText(detector, r.field(col), col, column);
    }
  }

  private detected(col: number): void {
    this.detectedAt[col] = this.record.row;
  }

  private detectText(detector: DateFormatDetector, text: string, col: number, column: string): void {
    this.detected(col);
    detector.add(text, this.record.row, column);
  }

  private detectSlot(detector: DateFormatDetector, slot: number, col: number, column: string): void {
    let fits = this.slotFits[slot];
    if (fits === 0) {
      const year = DATE_SLOT_YEARS.from + Math.floor(slot / 372);
      fits = 1 + detector.fitsOf((slot % 31) + 1, (Math.floor(slot / 31) % 12) + 1, year);
      this.slotFits[slot] = fits;
    }
    this.detected(col);
    this.sampleCol = col;
    detector.addFitted(fits - 1, 4, this.record.row, column, this.sampleText);
  }

  text(col: number): string {
    return col < 0 ? "" : this.record.field(col).trim();
  }

  child(col: number): string {
    const r = this.record;
    const last = this.lastChild;
    const length = col < 0 ? 0 : r.fieldLength(col);
    if (length === last.length && length > 0) {
      let same = true;
      for (let k = 0; k < length && same; k += 1) same = r.charCode(col, k) === last.charCodeAt(k);
      if (same) return last;
    }
    this.lastChild = this.text(col);
    return this.lastChild;
  }

  code(col: number): string {
    const r = this.record;
    const length = col < 0 ? 0 : r.fieldLength(col);
    if (length === 0) return "";
    if (length > 3) return r.field(col).trim().toUpperCase();
    let key = length;
    for (let k = 0; k < length; k += 1) {
      const c = r.charCode(col, k);
      if (c > 127) return r.field(col).trim().toUpperCase();
      key = key * 128 + c;
    }
    let code = this.codesByChars.get(key);
    if (code === undefined) {
      code = r.field(col).trim().toUpperCase();
      this.codesByChars.set(key, code);
    }
    return code;
  }

  date(col: number, column: string): number | null {
    const r = this.record;
    const length = col < 0 ? 0 : r.fieldLength(col);
    if (length === 0) return null;
    // The slots hold dates by day, month and year as dd/mm/yyyy writes them: of a day-first file only.
    const slot = length === 10 && this.reading.order === "dmy" ? this.dmySlot(col) : -1;
    const detector = this.detector;
    if (slot >= 0) {
      if (detector) this.detectSlot(detector, slot, col, column);
      const known = this.dateSlots[slot];
      if (known !== 0) return known;
      const serial = parseDateIn(r.field(col), column, this.reading);
      if (serial !== null) this.dateSlots[slot] = serial;
      return serial;
    }
    const text = r.field(col);
    if (detector) this.detectText(detector, text, col, column);
    const known = this.datesByText.get(text);
    if (known !== undefined) return known;
    const serial = parseDateIn(text, column, this.reading);
    if (serial !== null) this.datesByText.set(text, serial);
    return serial;
  }

  /** The slot of a "dd/mm/yyyy" date of the years DATE_SLOT_YEARS covers, or -1 for anything else. */
  private dmySlot(col: number): number {
    const r = this.record;
    if (r.charCode(col, 2) !== SLASH || r.charCode(col, 5) !== SLASH) return -1;
    const day = this.twoDigits(col, 0);
    const month = this.twoDigits(col, 3);
    const century = this.twoDigits(col, 6);
    const year = this.twoDigits(col, 8);
    if (day < 1 || day > 31 || month < 1 || month > 12 || century < 0 || year < 0) return -1;
    const yearIndex = century * 100 + year - DATE_SLOT_YEARS.from;
    if (yearIndex < 0 || yearIndex >= DATE_SLOT_YEARS.count) return -1;
    return yearIndex * 372 + (month - 1) * 31 + (day - 1);
  }

  /** The number written by two digits at k, or -1. */
  private twoDigits(col: number, k: number): number {
    const tens = this.record.charCode(col, k) - DIGIT_0;
    const units = this.record.charCode(col, k + 1) - DIGIT_0;
    return tens >= 0 && tens <= 9 && units >= 0 && units <= 9 ? tens * 10 + units : -1;
  }

  isBlank(): boolean {
    const r = this.record;
    for (let i = 0; i < r.length; i += 1) if (r.field(i).trim() !== "") return false;
    return true;
  }
}

const KNOWN_RNE = new Set(Object.keys(REASONS_FOR_NEW_EPISODE));
const KNOWN_LS = new Set(Object.keys(LEGAL_STATUSES));
const KNOWN_PLACE = new Set(Object.keys(PLACEMENT_TYPES));
const KNOWN_PROVIDER = new Set(Object.keys(PLACEMENT_PROVIDERS));

function requireCode(code: string, column: string, known: ReadonlySet<string>): void {
  if (code === "") throw new LacError("value", `${column} is blank`);
  if (!known.has(code)) throw new LacError("value", `${column}: unknown code "${code}"`);
}

/** Reads rows of Episodes columns into `out`; a bad row throws LacError with the reason. */
class EpisodeRowReader {
  constructor(
    private readonly columns: Record<EpisodeColumn, number>,
    private readonly out: EpisodeRows,
  ) {}

  /** Reads the row in `cells`; a blank row is skipped (returns false). */
  read(cells: RowCells, rowNumber: number): boolean {
    const c = this.columns;
    const child = cells.child(c.CHILD);
    if (child === "") {
      if (cells.isBlank()) return false;
      throw new LacError("value", "CHILD is blank");
    }
    const start = cells.date(c.DECOM, "DECOM");
    if (start === null) throw new LacError("value", "DECOM is blank");
    const end = cells.date(c.DEC, "DEC");
    if (end !== null && end < start) {
      throw new LacError("value", `DEC ${formatDate(end)} is before DECOM ${formatDate(start)}`);
    }
    const rne = cells.code(c.RNE);
    if (!KNOWN_RNE.has(rne)) {
      throw new LacError(
        "value",
        rne === "" ? "RNE is blank" : `RNE: unknown code "${rne}" (expected S, L, P, B, T or U)`,
      );
    }
    const ls = cells.code(c.LS);
    requireCode(ls, "LS", KNOWN_LS);
    const place = cells.code(c.PLACE);
    requireCode(place, "PLACE", KNOWN_PLACE);
    const placeProvider = cells.code(c.PLACE_PROVIDER);
    if (placeProvider !== "" && !KNOWN_PROVIDER.has(placeProvider)) {
      throw new LacError("value", `PLACE_PROVIDER: unknown code "${placeProvider}"`);
    }
    const recCode = cells.code(c.REC);
    if (recCode !== "" && !isReasonEpisodeCeased(recCode))
      throw new LacError("value", `REC: unknown code "${recCode}"`);
    const dob = cells.date(c.DOB, "DOB");
    const out = this.out;
    out.child.push(child);
    out.episodes.push({
      start,
      end,
      rne,
      ls,
      cin: cells.code(c.CIN),
      place,
      placeProvider,
      rec: end === null || recCode === "" ? null : recCode,
      source: { file: out.fileName, row: rowNumber },
    });
    if (out.dob) out.dob.push(dob);
    if (out.sex) out.sex.push(cells.code(c.SEX) || null);
    return true;
  }
}

function emptyEpisodeRows(fileName: string, withDob: boolean, withSex: boolean): EpisodeRows {
  return { fileName, child: [], episodes: [], dob: withDob ? [] : null, sex: withSex ? [] : null, issues: [] };
}

/**
 * Reads the first row of a CSV as column names; reports an empty file or missing columns as an issue
 * on row 1 and returns null then.
 */
function readColumnNames<C extends string>(
  reader: CsvReader,
  fileName: string,
  wanted: readonly C[],
  required: readonly C[],
  issues: RowDiagnostic[],
): Record<C, number> | null {
  if (!reader.next()) {
    issues.push({
      severity: "warning",
      file: fileName,
      row: 1,
      message: `${fileName}: expected a first row of 903 column names (${required.join(", ")}), found an empty file`,
    });
    return null;
  }
  const names = reader.fields();
  const columns = findColumns<C>(names, wanted);
  const missing = missingColumns(columns, required);
  if (missing.length === 0) return columns;
  issues.push({
    severity: "warning",
    file: fileName,
    row: reader.row,
    message: missingColumnsMessage(missing, names, fileName),
  });
  return null;
}

/** A date column of a file, by its name (for messages) and index. */
interface DateColumn {
  column: string;
  col: number;
}

/**
 * Reads the records of a CSV after its header row. The first pass reads the dates as the DfE writes
 * them (dd/mm/yyyy) and shows every date cell to a DateFormatDetector; when the file's dates settle
 * another reading (month first, two-digit years), the file is read once more in that reading, so only
 * files not in the DfE's format are read twice. A file whose dates mix two orders gives no rows and
 * one issue. `begin` makes the output of a pass; `readRecord` reads the current record into it.
 */
function readCsvRecords<T extends { issues: RowDiagnostic[]; notes?: string[] }>(
  text: string,
  fileName: string,
  dateColumns: DateColumn[],
  begin: () => T,
  readRecord: (out: T, cells: CsvCells, row: number) => void,
): T {
  const columns = dateColumns.filter(({ col }) => col >= 0);
  const pass = (reading: DateTextReading, detector: DateFormatDetector | null): T => {
    const out = begin();
    const reader = new CsvReader(text);
    // Once a date proves the file is not day first, this pass's rows will be read again (or refused):
    // the rest of them are only shown to the detector.
    let detectOnly = false;
    try {
      reader.next();
      const cells = new CsvCells(reader, reading, detector);
      while (reader.next()) {
        if (detectOnly) {
          cells.detect(columns);
          continue;
        }
        try {
          readRecord(out, cells, reader.row);
        } catch (error) {
          if (!isLacError(error)) throw error;
          out.issues.push({ severity: "warning", file: fileName, row: reader.row, message: error.message });
          // A row that failed before all its dates were read shows the rest to the detector.
          if (detector) cells.detect(columns);
        }
        if (detector?.provesMonthFirst) detectOnly = true;
      }
    } catch (error) {
      out.issues.push(fileIssue(error, fileName, reader));
    }
    return out;
  };
  const detector = new DateFormatDetector();
  const first = pass(DFE_DATE_READING, detector);
  const dates = detector.finding(fileName);
  if (dates.refusal !== null) {
    const refused = begin();
    refused.issues.push({ severity: "warning", file: fileName, row: 1, message: dates.refusal });
    return refused;
  }
  const same =
    dates.reading.order === DFE_DATE_READING.order && dates.reading.twoDigitYears === DFE_DATE_READING.twoDigitYears;
  const out = same ? first : pass(dates.reading, null);
  out.notes = dates.notes;
  return out;
}

/** A file that cannot be read on (an unterminated quote) is reported where the reader stopped. */
function fileIssue(error: unknown, fileName: string, reader: CsvReader): RowDiagnostic {
  if (!isLacError(error)) throw error;
  return { severity: "warning", file: fileName, row: reader.row, message: error.message };
}

/**
 * Reads a 903 Episodes CSV. A file without the required columns gives no rows and one issue on row 1;
 * each unreadable row gives an issue and is skipped.
 */
export function readEpisodesCsv(text: string, fileName: string): EpisodeRows {
  const reader = new CsvReader(text);
  const out = emptyEpisodeRows(fileName, false, false);
  let columns: Record<EpisodeColumn, number> | null;
  try {
    columns = readColumnNames<EpisodeColumn>(
      reader,
      fileName,
      [...REQUIRED_EPISODE_COLUMNS, ...OPTIONAL_EPISODE_COLUMNS],
      REQUIRED_EPISODE_COLUMNS,
      out.issues,
    );
  } catch (error) {
    out.issues.push(fileIssue(error, fileName, reader));
    return out;
  }
  if (columns === null) return out;
  const c = columns;
  const dateColumns = [
    { column: "DECOM", col: c.DECOM },
    { column: "DEC", col: c.DEC },
    { column: "DOB", col: c.DOB },
  ];
  let rows: EpisodeRowReader | null = null;
  return readCsvRecords(
    text,
    fileName,
    dateColumns,
    () => {
      const fresh = emptyEpisodeRows(fileName, c.DOB >= 0, c.SEX >= 0);
      rows = new EpisodeRowReader(c, fresh);
      return fresh;
    },
    (_, cells, row) => (rows as EpisodeRowReader).read(cells, row),
  );
}

/** Reads a 903 Header CSV (CHILD, DOB and, when present, SEX). */
export function readHeaderCsv(text: string, fileName: string): HeaderRows {
  const reader = new CsvReader(text);
  const empty = (): HeaderRows => ({ fileName, child: [], dob: [], sex: [], issues: [] });
  const out = empty();
  let columns: Record<HeaderColumn, number> | null;
  try {
    columns = readColumnNames<HeaderColumn>(
      reader,
      fileName,
      ["CHILD", "DOB", "SEX"],
      REQUIRED_HEADER_COLUMNS,
      out.issues,
    );
  } catch (error) {
    out.issues.push(fileIssue(error, fileName, reader));
    return out;
  }
  if (columns === null) return out;
  const c = columns;
  return readCsvRecords(text, fileName, [{ column: "DOB", col: c.DOB }], empty, (rows, cells) => {
    const child = cells.text(c.CHILD);
    if (child === "") {
      if (cells.isBlank()) return;
      throw new LacError("value", "CHILD is blank");
    }
    const dob = cells.date(c.DOB, "DOB");
    if (dob === null) throw new LacError("value", "DOB is blank");
    rows.child.push(child);
    rows.dob.push(dob);
    rows.sex.push(cells.code(c.SEX) || null);
  });
}

/**
 * The rows of one sheet range as a file's, to stitch with others (stitchCareHistory): careHistoryFromRange
 * not strict, before stitching. A range without the required columns gives no rows and one issue on row 1.
 */
export function episodeRowsFromRange(rows: unknown[][], sourceName: string): EpisodeRows {
  return readRange(rows, sourceName, false);
}

/** The rows of a sheet range (careHistoryFromRange, episodeRowsFromRange); strict: the first bad row or a missing column throws LacError naming it. */
export function readRange(rows: unknown[][], sourceName: string, strict: boolean): EpisodeRows {
  const header = rows.length ? rows[0] : [];
  const columns = findColumns<EpisodeColumn>(header, [...REQUIRED_EPISODE_COLUMNS, ...OPTIONAL_EPISODE_COLUMNS]);
  const missing = missingColumns(columns, REQUIRED_EPISODE_COLUMNS);
  if (missing.length) {
    const message = missingColumnsMessage(missing, header, sourceName);
    if (strict) throw new LacError("value", message);
    const none = emptyEpisodeRows(sourceName, false, false);
    none.issues.push({ severity: "warning", file: sourceName, row: 1, message });
    return none;
  }
  const out = emptyEpisodeRows(sourceName, columns.DOB >= 0, columns.SEX >= 0);
  const detector = new DateFormatDetector();
  const dateColumns = (["DECOM", "DEC", "DOB"] as const).filter((column) => columns[column] >= 0);
  for (let i = 1; i < rows.length; i += 1) {
    for (const column of dateColumns) {
      const value = rows[i][columns[column]];
      if (typeof value === "string") detector.add(value, i + 1, column);
    }
  }
  const dates = detector.finding(sourceName);
  if (dates.refusal !== null) {
    if (strict) throw new LacError("value", dates.refusal);
    out.issues.push({ severity: "warning", file: sourceName, row: 1, message: dates.refusal });
    return out;
  }
  out.notes = dates.notes;
  const reader = new EpisodeRowReader(columns, out);
  const cells = new RangeCells(dates.reading);
  for (let i = 1; i < rows.length; i += 1) {
    cells.row = rows[i];
    try {
      reader.read(cells, i + 1);
    } catch (error) {
      if (!isLacError(error)) throw error;
      if (strict) throw new LacError("value", `${sourceName}, row ${i + 1}: ${error.message}`);
      out.issues.push({ severity: "warning", file: sourceName, row: i + 1, message: error.message });
    }
  }
  return out;
}
