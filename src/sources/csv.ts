/**
 * A small CSV reader (RFC 4180): comma-separated fields, fields in double quotes may hold commas, line
 * breaks and doubled quotes (""), lines end in CRLF or LF (or CR alone, as old Mac exports write them),
 * a UTF-8 byte-order mark is dropped. A file's bytes become text in decodeCsvBytes (UTF-8, UTF-16).
 *
 * 903 files are large (a million rows) and almost never quoted, so records are read in place: the
 * reader knows where each field starts and ends in the text, and makes a string of a field only when
 * asked (a caller can decode a date or a code from its characters without one). Lines without a quote
 * are split by searching for commas; quoted lines are read character by character.
 *
 * Lenient where Excel is: a quote inside an unquoted field is kept as text, text after a closing quote
 * is kept, rows may have different lengths. Blank lines are skipped but still counted, so row numbers
 * match the rows Excel shows when it opens the file.
 */
import { LacError } from "../core/errors";

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Reads a CSV text record by record: `next()` moves to the next record (blank lines are skipped), and
 * the reader then answers for that record's fields. A pull reader keeps the loop in the caller, so
 * the engine optimises each caller's loop for what it does with the fields.
 */
export class CsvReader {
  /** 1-based row number of the current record as Excel shows it (the header is row 1). */
  row = 0;
  /** Number of fields of the current record. */
  length = 0;
  private readonly text: string;
  private pos = 0;
  private nextQuote: number;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Field values of a quoted record (unquoted and unescaped), else null. */
  private values: string[] | null = null;

  constructor(text: string) {
    let input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (!input.includes("\n") && input.includes("\r")) input = input.replace(/\r/g, "\n");
    this.text = input;
    this.nextQuote = input.indexOf('"');
  }

  /** Moves to the next record that is not a blank line; false when there is none. */
  next(): boolean {
    const input = this.text;
    const length = input.length;
    while (this.pos < length) {
      const pos = this.pos;
      this.row += 1;
      let lineEnd = input.indexOf("\n", pos);
      if (lineEnd === -1) lineEnd = length;
      if (this.nextQuote !== -1 && this.nextQuote < pos) this.nextQuote = input.indexOf('"', pos);
      if (this.nextQuote === -1 || this.nextQuote >= lineEnd) {
        this.splitPlain(pos, lineEnd > pos && input.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd);
        this.pos = lineEnd + 1;
      } else {
        const values: string[] = [];
        this.pos = readQuotedRecord(input, pos, values, this.row);
        this.values = values;
        this.length = values.length;
      }
      if (!(this.length === 1 && this.fieldLength(0) === 0)) return true;
    }
    return false;
  }

  /** Field i as text; "" past the last field. */
  field(i: number): string {
    if (i >= this.length) return "";
    return this.values ? this.values[i] : this.text.slice(this.starts[i], this.ends[i]);
  }

  /** Length of field i; 0 past the last field. */
  fieldLength(i: number): number {
    if (i >= this.length) return 0;
    return this.values ? this.values[i].length : this.ends[i] - this.starts[i];
  }

  /** Character code k of field i (k below fieldLength(i)), read without making a string. */
  charCode(i: number, k: number): number {
    return this.values ? this.values[i].charCodeAt(k) : this.text.charCodeAt(this.starts[i] + k);
  }

  /** The current record's fields as strings. */
  fields(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.length; i += 1) out.push(this.field(i));
    return out;
  }

  private splitPlain(start: number, end: number): void {
    const text = this.text;
    this.values = null;
    let count = 0;
    let fieldStart = start;
    let comma = text.indexOf(",", fieldStart);
    while (comma !== -1 && comma < end) {
      this.starts[count] = fieldStart;
      this.ends[count] = comma;
      count += 1;
      fieldStart = comma + 1;
      comma = text.indexOf(",", fieldStart);
    }
    this.starts[count] = fieldStart;
    this.ends[count] = end;
    this.length = count + 1;
  }
}

/** Reads one record that contains a quote into `fields`; returns the position after its line break. */
function readQuotedRecord(input: string, start: number, fields: string[], row: number): number {
  const length = input.length;
  let pos = start;
  let field = "";
  let fieldStart = pos;
  for (;;) {
    if (pos >= length) {
      fields.push(field + input.slice(fieldStart, pos));
      return pos;
    }
    const code = input.charCodeAt(pos);
    if (code === COMMA) {
      fields.push(field + input.slice(fieldStart, pos));
      field = "";
      pos += 1;
      fieldStart = pos;
    } else if (code === LF || (code === CR && (pos + 1 >= length || input.charCodeAt(pos + 1) === LF))) {
      fields.push(field + input.slice(fieldStart, pos));
      return code === CR ? pos + 2 : pos + 1;
    } else if (code === QUOTE && pos === fieldStart && field === "") {
      const close = closingQuote(input, pos + 1, row);
      field = input.slice(pos + 1, close).replace(/""/g, '"');
      pos = close + 1;
      fieldStart = pos;
    } else {
      pos += 1;
    }
  }
}

/** Position of the quote that closes a quoted field starting at `from` (doubled quotes are text). */
function closingQuote(input: string, from: number, row: number): number {
  let pos = from;
  for (;;) {
    const quote = input.indexOf('"', pos);
    if (quote === -1) {
      throw new LacError(
        "value",
        `expected a closing double quote for the quoted field that starts on row ${row}, found the end of the file`,
      );
    }
    if (input.charCodeAt(quote + 1) === QUOTE) {
      pos = quote + 2;
      continue;
    }
    return quote;
  }
}

/**
 * The text of a CSV file from its bytes, as the programs that write 903 files save them: UTF-8 (with
 * or without its byte-order mark), UTF-16 little- or big-endian with its byte-order mark (Excel's
 * "Unicode text"), or, when the bytes are not UTF-8, Windows-1252 (Excel's "CSV" on a Windows PC).
 * Throws LacError("value") naming the file and what it is when it is not text: a workbook, an old
 * Office file, or other binary data.
 */
export function decodeCsvBytes(bytes: Uint8Array, fileName: string): string {
  const starts = (...prefix: number[]): boolean => prefix.every((byte, i) => bytes[i] === byte);
  if (starts(0xff, 0xfe)) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (starts(0xfe, 0xff)) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const notText = (found: string): LacError =>
    new LacError(
      "value",
      `${fileName}: expected a CSV text file, found ${found}. Save the data as CSV (comma delimited) and choose that file.`,
    );
  if (starts(0x50, 0x4b, 0x03, 0x04))
    throw notText("a zip package (an .xlsx workbook or another Office file, not its CSV)");
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) throw notText("an old Office binary file (an .xls workbook?)");
  const probe = bytes.subarray(0, 4096);
  if (probe.includes(0)) {
    throw notText(
      probe.length > 1 && (probe[0] === 0 || probe[1] === 0)
        ? "UTF-16 text without its byte-order mark, or other binary data"
        : "binary data (zero bytes), not text",
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** All records of a CSV text as arrays of fields (blank lines left out). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const reader = new CsvReader(text);
  while (reader.next()) records.push(reader.fields());
  return records;
}
