/**
 * The date format of one 903 file, settled from all its date cells before any row is read, so that no
 * date is ever read with day and month swapped.
 *
 * The DfE's 903 files write dd/mm/yyyy, but files pass through other programs: a US-set Excel writes
 * m/d/yyyy, some exports write yyyy-mm-dd, dd-Mon-yyyy (01-Apr-2020) or two-digit years (d/m/yy). ISO
 * and named months say which is the month; a numeric date says it only when one of its numbers is
 * above 12. So, for the numeric dates of a file:
 * - some fit only day first and none only month first: day first (the DfE's order);
 * - some fit only month first and none only day first: month first, and the file is said to be so
 *   (it is not the DfE's format; each such date was read as its file writes dates, not guessed);
 * - none fits only one order (no day above 12 in the whole file): day first, the DfE's order, and said;
 * - some fit only day first and others only month first: the file is refused, naming rows of each.
 * Other formats beside the numeric ones (yyyy-mm-dd, dd-Mon-yyyy) are read as written. Two-digit years
 * are read, as Excel reads them (00-29 = 2000-2029, 30-99 = 1930-1999), in a file whose dates mostly
 * have them, and said; among four-digit years a two-digit one is not guessed. A date that fits no
 * format is left to the row reader, which skips that row with its reason.
 */
import { dateTextShape, type DateTextReading, type DateTextShape, type DayMonthOrder, fitsOrder } from "../core/dates";

/** Where a date was found, to name it in a message. */
interface Sample {
  row: number;
  column: string;
  text: string;
}

export interface DateFormatFinding {
  reading: DateTextReading;
  /** The formats found, in words ("dd/mm/yyyy", "yyyy-mm-dd"), the most used first. */
  formats: string[];
  /** Said of the file as a whole: dates read in a way other than the DfE's dd/mm/yyyy, with a row that shows it. */
  notes: string[];
  /** Why no row of the file can be read (its dates mix day-first and month-first order), or null. */
  refusal: string | null;
}

/** How many sample rows a message names. */
const SAMPLES = 3;

type Kind = "numeric4" | "numeric2" | "iso" | "named4" | "named2";

function formatName(kind: Kind, order: DayMonthOrder): string {
  switch (kind) {
    case "numeric4":
      return order === "dmy" ? "dd/mm/yyyy" : "mm/dd/yyyy";
    case "numeric2":
      return order === "dmy" ? "dd/mm/yy" : "mm/dd/yy";
    case "iso":
      return "yyyy-mm-dd";
    case "named4":
      return "dd-Mon-yyyy";
    case "named2":
      return "dd-Mon-yy";
  }
}

function describeSamples(samples: readonly Sample[]): string {
  return samples.map((s) => `row ${s.row} ${s.column} "${s.text}"`).join(", ");
}

/** Collects the date cells of one file (add), then settles its format (finding). */
export class DateFormatDetector {
  private readonly counts = new Map<Kind, { count: number; first: Sample }>();
  private readonly dayFirstOnly: Sample[] = [];
  private readonly monthFirstOnly: Sample[] = [];
  private dayFirstOnlyCount = 0;
  private monthFirstOnlyCount = 0;
  private numericCount = 0;
  /** Shapes of the texts seen: a file holds a few thousand distinct dates among a million cells. */
  private readonly shapes = new Map<string, DateTextShape | null>();
  /** By date (year, first, second): 1 when it fits day first, 2 month first, 3 both. */
  private readonly fits = new Map<number, number>();

  /** Whether a date seen so far fits only month first: the file is not read day first. */
  get provesMonthFirst(): boolean {
    return this.monthFirstOnlyCount > 0;
  }

  /** A date cell's text (blank texts are ignored). */
  add(text: string, row: number, column: string): void {
    let shape = this.shapes.get(text);
    if (shape === undefined) {
      shape = text.trim() === "" ? null : dateTextShape(text);
      this.shapes.set(text, shape);
    }
    if (shape === null) return;
    if (shape.kind === "numeric")
      this.addNumeric(shape.first, shape.second, shape.year, shape.yearDigits, row, column, text);
    else this.count(shape.kind === "iso" ? "iso" : shape.yearDigits === 2 ? "named2" : "named4", { row, column, text });
  }

  /** A numeric date by its parts. */
  addNumeric(
    first: number,
    second: number,
    year: number,
    yearDigits: 2 | 4,
    row: number,
    column: string,
    text: string,
  ): void {
    this.addFitted(this.fitsOf(first, second, year), yearDigits, row, column, () => text);
  }

  /**
   * Which orders a numeric date fits: 1 day first, 2 month first, 3 both, 0 neither. Worked out once for
   * each distinct date (a file of a million rows has a few thousand).
   */
  fitsOf(first: number, second: number, year: number): number {
    const key = (year * 100 + first) * 100 + second;
    let fits = this.fits.get(key);
    if (fits === undefined) {
      const shape = { kind: "numeric" as const, first, second, year, yearDigits: 4 as const };
      fits = (fitsOrder(shape, "dmy") ? 1 : 0) + (fitsOrder(shape, "mdy") ? 2 : 0);
      this.fits.set(key, fits);
    }
    return fits;
  }

  /**
   * A numeric date whose fitting orders are known (fitsOf). `text` is asked for only when the date is
   * kept as a sample for a message, so a reader decoding dd/mm/yyyy from characters makes no string.
   */
  addFitted(fits: number, yearDigits: 2 | 4, row: number, column: string, text: () => string): void {
    this.numericCount += 1;
    if (fits === 1) {
      this.dayFirstOnlyCount += 1;
      if (this.dayFirstOnly.length < SAMPLES) this.dayFirstOnly.push({ row, column, text: text() });
    } else if (fits === 2) {
      this.monthFirstOnlyCount += 1;
      if (this.monthFirstOnly.length < SAMPLES) this.monthFirstOnly.push({ row, column, text: text() });
    }
    if (yearDigits === 4 && this.numeric4 !== null) this.numeric4.count += 1;
    else this.count(yearDigits === 2 ? "numeric2" : "numeric4", { row, column, text: text() });
  }

  /** The numeric4 entry of `counts` once made: the common case counted without a look-up. */
  private numeric4: { count: number; first: Sample } | null = null;

  private count(kind: Kind, sample: Sample): void {
    const known = this.counts.get(kind);
    if (known) {
      known.count += 1;
      return;
    }
    const entry = { count: 1, first: sample };
    this.counts.set(kind, entry);
    if (kind === "numeric4") this.numeric4 = entry;
  }

  finding(fileName: string): DateFormatFinding {
    const mixed = this.dayFirstOnlyCount > 0 && this.monthFirstOnlyCount > 0;
    const order: DayMonthOrder = this.monthFirstOnlyCount > 0 && !mixed ? "mdy" : "dmy";
    const kinds = [...this.counts].sort((a, b) => b[1].count - a[1].count);
    const formats = kinds.map(([kind]) => formatName(kind, order));
    if (mixed) {
      const dates = (n: number) => `${n.toLocaleString("en-GB")} date${n === 1 ? "" : "s"}`;
      return {
        reading: { order, twoDigitYears: false },
        formats: ["dd/mm/yyyy", "mm/dd/yyyy"],
        notes: [],
        refusal:
          `${fileName}: expected one date format, found dates in two orders: ${dates(this.dayFirstOnlyCount)} fit only dd/mm/yyyy (${describeSamples(this.dayFirstOnly)}) and ` +
          `${dates(this.monthFirstOnlyCount)} fit only mm/dd/yyyy (${describeSamples(this.monthFirstOnly)}). Day and month are never swapped to make a date fit, so no row of it was read: ` +
          `save the file again with one date format (the DfE's 903 format is dd/mm/yyyy).`,
      };
    }
    const notes: string[] = [];
    const numeric = kinds
      .filter(([kind]) => kind === "numeric4" || kind === "numeric2")
      .reduce((n, [, c]) => n + c.count, 0);
    if (order === "mdy") {
      notes.push(
        `${fileName}: its dates are written month first (mm/dd/yyyy, not the DfE's dd/mm/yyyy): ${describeSamples(this.monthFirstOnly)} cannot be day first, and no date fits only day first, so all ${numeric.toLocaleString("en-GB")} were read month first.`,
      );
    } else if (numeric > 0 && this.dayFirstOnlyCount === 0) {
      notes.push(
        `${fileName}: none of its ${numeric.toLocaleString("en-GB")} dates has a day above 12, so they fit both dd/mm/yyyy and mm/dd/yyyy; they were read as dd/mm/yyyy, the DfE's 903 format. If the file writes the month first, the dates are wrong: save it again as dd/mm/yyyy.`,
      );
    }
    const twoDigit = kinds.filter(([kind]) => kind === "numeric2" || kind === "named2");
    const twoDigitCount = twoDigit.reduce((sum, [, c]) => sum + c.count, 0);
    const twoDigitYears = twoDigitCount > 0 && twoDigitCount * 2 > kinds.reduce((sum, [, c]) => sum + c.count, 0);
    if (twoDigitYears) {
      const n = twoDigitCount;
      notes.push(
        `${fileName}: ${n.toLocaleString("en-GB")} date${n === 1 ? " has a" : "s have"} two-digit year${n === 1 ? "" : "s"} (${describeSamples([twoDigit[0][1].first])}), read as Excel reads them: 00-29 as 2000-2029, 30-99 as 1930-1999.`,
      );
    }
    // Two-digit years among four-digit ones are each refused with their row, not read: not a format read here.
    const read = kinds.filter(([kind]) => twoDigitYears || !(kind === "numeric2" || kind === "named2"));
    if (read.length > 1) {
      notes.push(
        `${fileName}: its dates come in ${read.length} formats (${read.map(([kind, c]) => `${formatName(kind, order)}, e.g. ${describeSamples([c.first])}`).join("; ")}); each was read as written.`,
      );
    }
    return { reading: { order, twoDigitYears }, formats, notes, refusal: null };
  }
}
