/**
 * A small CSV reader (RFC 4180): comma-separated fields, fields in double quotes may hold commas, line
 * breaks and doubled quotes (""), lines end in CRLF or LF (or CR alone, as old Mac exports write them),
 * a UTF-8 byte-order mark is dropped. 903 files are large (a million rows) and almost never quoted, so
 * lines without a quote take a fast path of plain slicing; quoted lines are read character by character.
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
 * Calls `onRecord` with each record's fields and its 1-based row number (the header is row 1).
 * The fields array is reused between calls: copy it to keep it.
 */
export function forEachCsvRecord(text: string, onRecord: (fields: string[], row: number) => void): void {
  let input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (input.indexOf("\n") === -1 && input.indexOf("\r") !== -1) input = input.replace(/\r/g, "\n");
  const length = input.length;
  const fields: string[] = [];
  let pos = 0;
  let row = 0;
  let nextQuote = input.indexOf('"');
  while (pos < length) {
    row += 1;
    let lineEnd = input.indexOf("\n", pos);
    if (lineEnd === -1) lineEnd = length;
    if (nextQuote !== -1 && nextQuote < pos) nextQuote = input.indexOf('"', pos);
    fields.length = 0;
    if (nextQuote === -1 || nextQuote >= lineEnd) {
      const contentEnd = lineEnd > pos && input.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      splitPlain(input, pos, contentEnd, fields);
      pos = lineEnd + 1;
      if (!(fields.length === 1 && fields[0] === "")) onRecord(fields, row);
      continue;
    }
    pos = readQuotedRecord(input, pos, fields, row);
    if (!(fields.length === 1 && fields[0] === "")) onRecord(fields, row);
  }
}

function splitPlain(input: string, start: number, end: number, fields: string[]): void {
  let fieldStart = start;
  let comma = input.indexOf(",", fieldStart);
  while (comma !== -1 && comma < end) {
    fields.push(input.slice(fieldStart, comma));
    fieldStart = comma + 1;
    comma = input.indexOf(",", fieldStart);
  }
  fields.push(input.slice(fieldStart, end));
}

/** Reads one record that contains a quote; returns the position after its line break. */
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
      throw new LacError("value", `expected a closing double quote for the quoted field that starts on row ${row}, found the end of the file`);
    }
    if (input.charCodeAt(quote + 1) === QUOTE) {
      pos = quote + 2;
      continue;
    }
    return quote;
  }
}

/** All records of a CSV text as arrays of fields (blank lines left out). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  forEachCsvRecord(text, (fields) => {
    records.push(fields.slice());
  });
  return records;
}
