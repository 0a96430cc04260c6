/**
 * Values-only reading of an .xlsx file's worksheet parts: each cell's value as Excel's `range.values`
 * gives it (a formula cell its cached result, rich text its plain text, an error cell its error text
 * such as "#N/A", a date cell a JavaScript Date, a merged area its value in the top-left cell only),
 * without building an object per cell, row or style. A spreadsheet library holds every cell of a
 * 150,000-row ledger as an object with its style, which costs seconds and a gigabyte; recognition needs
 * the values alone.
 *
 * Text from the user's sheets stays text: a cell holding "=SUM(A1)" as a string is that string. The
 * formulas themselves are read only when asked (for the add-in's own sheets, where a link must not be
 * taken for a typed value).
 */
import { dateFromCellSerial } from "../core/dates";
import { type Cell, type SheetGrid, SparseGridBuilder, columnIndex, columnLetter } from "../core/grid";
import { childNamed, childrenNamed, parseXml } from "./xml";
import { decodeXstring, XmlScanError, XmlScanner } from "./xmlScanner";

/** What every sheet of a workbook shares: its strings, which styles show dates, its date system. */
export interface WorkbookValues {
  sharedStrings: readonly string[];
  /** By cell style index (a cell's `s`): whether its number format shows a date or time. */
  dateStyles: readonly boolean[];
  /** Serials count from 1904 (workbookPr date1904). */
  date1904: boolean;
}

export interface SheetValues {
  grid: SheetGrid;
  /** Rows hidden in Excel that hold a value read into the grid. */
  hiddenRowsWithValues: number;
}

/** Excel's built-in number formats that show dates and times (ids 14-22 and 45-47). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/**
 * Whether a number format code shows a date or time: a day, month, year, hour or second code outside
 * quoted text, backslash escapes, padding and fill characters (`_x`, `*x`) and [...] sections (colours,
 * locales, elapsed hours).
 */
export function isDateTimeFormat(code: string): boolean {
  const codes = code.replace(/"[^"]*"|\\.|[_*].|\[[^\]]*\]/g, "");
  return /[dmyhs]/i.test(codes);
}

/** Which cell styles (cellXfs, by index) show dates, from the styles part; none without one. */
export function dateStylesOf(stylesXml: string | null): boolean[] {
  if (stylesXml === null) return [];
  const root = parseXml(stylesXml);
  const custom = new Map<number, string>();
  const numFmts = childNamed(root, "numFmts");
  for (const numFmt of numFmts ? childrenNamed(numFmts, "numFmt") : [])
    custom.set(Number(numFmt.attrs.numFmtId), numFmt.attrs.formatCode ?? "");
  const cellXfs = childNamed(root, "cellXfs");
  return (cellXfs ? childrenNamed(cellXfs, "xf") : []).map((xf) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateTimeFormat(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

/**
 * The text of a string item (`<si>` or `<is>`) from the scanner standing on its start tag: its `<t>`,
 * or its rich text runs' `<t>`s joined, leaving out phonetic guides (`<rPh>`), as Excel shows the cell.
 */
function stringItem(scanner: XmlScanner): string {
  if (scanner.selfClosing) return "";
  const qname = scanner.qname();
  const end = scanner.endTagOf(qname);
  let text = "";
  let phonetic = 0;
  while (scanner.position < end && scanner.next()) {
    if (scanner.tagStart >= end) break;
    if (scanner.is("rPh")) {
      if (!scanner.selfClosing) phonetic += scanner.closing ? -1 : 1;
    } else if (scanner.is("t") && !scanner.closing && !scanner.selfClosing && phonetic === 0) {
      text += scanner.text();
    }
  }
  scanner.position = end + qname.length + 3;
  return decodeXstring(text);
}

/** The shared strings part's strings, in order (a cell of type "s" holds an index into them). */
export function sharedStringsOf(xml: string | null): string[] {
  if (xml === null) return [];
  const strings: string[] = [];
  const scanner = new XmlScanner(xml);
  while (scanner.next()) {
    if (!scanner.closing && scanner.is("si")) strings.push(stringItem(scanner));
  }
  return strings;
}

/** A merged area (0-based, inclusive); only its top-left cell's value counts. */
interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Parses "A1" into 0-based row and column; null when it is not a cell reference. */
function parseReference(ref: string): { row: number; col: number } | null {
  let i = 0;
  let col = 0;
  while (i < ref.length) {
    const code = ref.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    col = col * 26 + (code - 0x60);
    i += 1;
  }
  if (i === 0 || i > 3 || i === ref.length) return null;
  let row = 0;
  for (; i < ref.length; i += 1) {
    const digit = ref.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return null;
    row = row * 10 + digit;
  }
  return row >= 1 ? { row: row - 1, col: col - 1 } : null;
}

function mergesOf(xml: string, from: number): Merge[] {
  const merges: Merge[] = [];
  const scanner = new XmlScanner(xml, from);
  while (scanner.next()) {
    if (scanner.closing || !scanner.is("mergeCell")) continue;
    const [first, last = first] = (scanner.attribute("ref") ?? "").split(":");
    const a = parseReference(first);
    const b = parseReference(last);
    if (a && b)
      merges.push({
        top: Math.min(a.row, b.row),
        left: Math.min(a.col, b.col),
        bottom: Math.max(a.row, b.row),
        right: Math.max(a.col, b.col),
      });
  }
  return merges.sort((x, y) => x.top - y.top);
}

/**
 * ExcelJS's and Excel's reading of a shared formula in another cell: each relative reference moved by
 * the distance between the two cells (names, functions and absolute parts left alone).
 */
function slideFormula(formula: string, from: { row: number; col: number }, to: { row: number; col: number }): string {
  return formula.replace(
    /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi,
    (
      whole: string,
      sheet: string | undefined,
      _name: string | undefined,
      address: string,
      call: string | undefined,
    ) => {
      if (call) return whole;
      const match = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i.exec(address);
      if (!match || match[2].length > 3 || (match[2].length === 3 && match[2].toUpperCase() > "XFD")) return whole;
      const col = columnIndex(match[2]) + (match[1] ? 0 : to.col - from.col);
      const row = Number(match[4]) + (match[3] ? 0 : to.row - from.row);
      return `${sheet ?? ""}${match[1] ?? ""}${columnLetter(col)}${match[3] ?? ""}${row}`;
    },
  );
}

/** One cell's parts as the scanner finds them. */
interface RawCell {
  type: string | undefined;
  style: number;
  value: string | null;
  inline: string | null;
  formula: string | null;
  shared: { index: string; master: boolean } | null;
}

const ROW_ATTRIBUTES = ["r", "hidden"];
const CELL_ATTRIBUTES = ["r", "t", "s"];
const FORMULA_ATTRIBUTES = ["t", "si", "ref"];

/** Reads one worksheet part's cells in document order, keeping the values (and formulas when asked). */
class SheetReader {
  readonly rows: number[] = [];
  readonly cols: number[] = [];
  readonly values: Cell[] = [];
  readonly formulas: (string | null)[] = [];
  hiddenRows = 0;
  inOrder = true;
  private row = -1;
  private col = -1;
  private rowHidden = false;
  private rowCounted = false;
  private readonly sharedMasters = new Map<string, { formula: string; row: number; col: number }>();
  private readonly raw: RawCell = { type: undefined, style: 0, value: null, inline: null, formula: null, shared: null };
  /** Attribute values of the tag in hand (reused: one array for the whole part). */
  private readonly attributes: (string | undefined)[] = [undefined, undefined, undefined];

  constructor(
    private readonly scanner: XmlScanner,
    private readonly workbook: WorkbookValues,
    private readonly withFormulas: boolean,
  ) {}

  read(): void {
    const { scanner } = this;
    while (scanner.next()) {
      if (scanner.closing) continue;
      if (scanner.is("row")) this.startRow();
      else if (scanner.is("c")) this.readCell();
    }
  }

  private startRow(): void {
    const { scanner, attributes } = this;
    scanner.attributesInto(ROW_ATTRIBUTES, attributes);
    const [r, hidden] = attributes;
    this.row = r === undefined ? this.row + 1 : Number(r) - 1;
    if (!Number.isInteger(this.row) || this.row < 0) throw new XmlScanError(`a row numbered '${r}'`);
    this.col = -1;
    this.rowHidden = hidden === "1" || hidden === "true";
    this.rowCounted = false;
  }

  private readCell(): void {
    const { scanner, attributes } = this;
    scanner.attributesInto(CELL_ATTRIBUTES, attributes);
    const [ref, type, style] = attributes;
    let row = this.row;
    if (ref === undefined) this.col += 1;
    else {
      const at = parseReference(ref);
      if (!at) throw new XmlScanError(`a cell at '${ref}', which is not a cell reference`);
      row = at.row;
      this.col = at.col;
    }
    if (row < 0) throw new XmlScanError(`a cell outside any row at offset ${scanner.tagStart}`);
    // One object for every cell of the part: a ledger has a million cells, each read and forgotten.
    const { raw } = this;
    raw.type = type;
    raw.style = style === undefined ? 0 : Number(style);
    raw.value = null;
    raw.inline = null;
    raw.formula = null;
    raw.shared = null;
    if (!scanner.selfClosing) this.readCellContent(raw);
    const value = this.valueOf(raw, ref ?? `row ${row + 1}`);
    const formula = this.withFormulas ? this.formulaOf(raw, row, this.col) : null;
    if ((value === null || value === "") && formula === null) return;
    const last = this.rows.length - 1;
    if (last >= 0 && (row < this.rows[last] || (row === this.rows[last] && this.col <= this.cols[last])))
      this.inOrder = false;
    this.rows.push(row);
    this.cols.push(this.col);
    this.values.push(value);
    if (this.withFormulas) this.formulas.push(formula);
    if (this.rowHidden && !this.rowCounted && row === this.row) {
      this.hiddenRows += 1;
      this.rowCounted = true;
    }
  }

  /** The cell's children up to its end tag: its value, formula or inline string. */
  private readCellContent(raw: RawCell): void {
    const { scanner, attributes } = this;
    while (scanner.next()) {
      if (scanner.closing) {
        if (scanner.is("c")) return;
      } else if (scanner.is("v")) {
        if (!scanner.selfClosing) raw.value = scanner.text();
      } else if (scanner.is("f")) {
        scanner.attributesInto(FORMULA_ATTRIBUTES, attributes);
        const [type, index, ref] = attributes;
        if (type === "shared" && index !== undefined) raw.shared = { index, master: ref !== undefined };
        raw.formula = scanner.selfClosing ? "" : scanner.text();
      } else if (scanner.is("is")) {
        raw.inline = stringItem(scanner);
      }
    }
    throw new XmlScanError(`the cell at offset ${scanner.tagStart} is never closed`);
  }

  /** The cell's value as `range.values` gives it. */
  private valueOf(raw: RawCell, where: string): Cell {
    const { value, type } = raw;
    if (type === "inlineStr") return raw.inline ?? (value === null ? null : decodeXstring(value));
    if (value === null) return null;
    switch (type) {
      case "s": {
        const text = this.workbook.sharedStrings[Number(value)];
        if (text === undefined)
          throw new XmlScanError(
            `cell ${where} points at shared string ${value}, but the workbook has ${this.workbook.sharedStrings.length}`,
          );
        return text;
      }
      case "str":
        return decodeXstring(value);
      case "b":
        return value === "1" || value === "true";
      case "e":
        return value;
      case "d":
        return isoDate(value);
      default: {
        if (value.trim() === "") return null;
        const number = Number(value);
        if (Number.isNaN(number)) return value;
        return this.workbook.dateStyles[raw.style] ? dateFromCellSerial(number, this.workbook.date1904) : number;
      }
    }
  }

  /** The cell's formula as `range.formulas` shows it ("=SUM(B2:B9)"), or null for a value. */
  private formulaOf(raw: RawCell, row: number, col: number): string | null {
    if (raw.formula === null) return null;
    if (raw.shared) {
      if (raw.shared.master) this.sharedMasters.set(raw.shared.index, { formula: raw.formula, row, col });
      else {
        const master = this.sharedMasters.get(raw.shared.index);
        if (master) return `=${slideFormula(master.formula, master, { row, col })}`;
      }
    }
    return `=${raw.formula}`;
  }
}

/** A cell of type "d" (an ISO 8601 date, which few writers use) as a Date, or its text when it is not one. */
function isoDate(text: string): Cell {
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.exec(text.trim());
  if (!iso) return text;
  return new Date(`${text.trim()}${iso[1] ? "Z" : "T00:00:00Z"}`);
}

/** Indexes of the cells in row order, then column order, for a part that lists them otherwise. */
function rowOrder(reader: SheetReader): number[] {
  const order = reader.rows.map((_, i) => i);
  if (!reader.inOrder)
    order.sort((a, b) => reader.rows[a] - reader.rows[b] || reader.cols[a] - reader.cols[b] || a - b);
  return order;
}

/** Whether a cell lies in a merged area other than at its top-left, sweeping merges as rows ascend. */
function mergedAwaySweep(merges: Merge[]): (row: number, col: number) => boolean {
  let next = 0;
  let active: Merge[] = [];
  let lastRow = -1;
  return (row, col) => {
    if (row !== lastRow) {
      active = active.filter((merge) => merge.bottom >= row);
      while (next < merges.length && merges[next].top <= row) {
        if (merges[next].bottom >= row) active.push(merges[next]);
        next += 1;
      }
      lastRow = row;
    }
    return active.some((m) => col >= m.left && col <= m.right && (row !== m.top || col !== m.left));
  };
}

/**
 * The grid of a worksheet part: its used range's values from the first filled row and column, sparse
 * (see SparseGridBuilder), and how many hidden rows hold values. Throws XmlScanError for a part that
 * is not a well-formed worksheet where it matters.
 */
export function readSheetValues(
  xml: string,
  name: string,
  workbook: WorkbookValues,
  options: { formulas?: boolean } = {},
): SheetValues {
  const open = new XmlScanner(xml);
  let dataStart = -1;
  while (open.next()) {
    if (!open.closing && open.is("sheetData")) {
      dataStart = open.selfClosing ? -1 : open.tagEnd;
      break;
    }
  }
  if (dataStart < 0) return { grid: { name, origin: { row: 0, col: 0 }, cells: [] }, hiddenRowsWithValues: 0 };
  const dataEnd = open.endTagOf(open.qname());
  const reader = new SheetReader(new XmlScanner(xml, dataStart, dataEnd), workbook, options.formulas === true);
  reader.read();
  const merges = mergesOf(xml, dataEnd);
  const mergedAway = merges.length ? mergedAwaySweep(merges) : null;
  const kept = rowOrder(reader).filter((i) => !mergedAway?.(reader.rows[i], reader.cols[i]));
  if (kept.length === 0)
    return { grid: { name, origin: { row: 0, col: 0 }, cells: [] }, hiddenRowsWithValues: reader.hiddenRows };
  let minRow = Infinity;
  let minCol = Infinity;
  let maxRow = -1;
  let maxCol = -1;
  for (const i of kept) {
    minRow = Math.min(minRow, reader.rows[i]);
    maxRow = Math.max(maxRow, reader.rows[i]);
    minCol = Math.min(minCol, reader.cols[i]);
    maxCol = Math.max(maxCol, reader.cols[i]);
  }
  const builder = new SparseGridBuilder(options.formulas);
  for (const i of kept)
    builder.set(
      reader.rows[i] - minRow,
      reader.cols[i] - minCol,
      reader.values[i],
      options.formulas ? reader.formulas[i] : null,
    );
  const grid = builder.finish(name, { row: minRow, col: minCol }, maxRow - minRow + 1, maxCol - minCol + 1);
  return { grid, hiddenRowsWithValues: reader.hiddenRows };
}
