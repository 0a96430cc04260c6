/**
 * The command line's previous reader, kept for tests as the reference the values-only reader
 * (src/xlsx/readValues.ts) is compared with: the chosen sheets are copied into a package ExcelJS can
 * read (ExcelJS finds worksheets only at xl/worksheets/sheetN.xml and the workbook only at
 * xl/workbook.xml), ExcelJS loads it, and each worksheet's used range is taken as Excel's
 * `range.values` gives it.
 *
 * Text escapes: Excel stores characters XML cannot hold as `_xHHHH_`. ExcelJS decodes them in shared
 * strings, but only with upper-case hex digits, and not in inline strings; both are put right here.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { OoxmlPackage, NS, REL_TYPE, resolveTarget } from "../../src/xlsx/ooxmlPackage";
import { readWorkbookPart, type SheetEntry, type WorkbookPart } from "../../src/xlsx/workbookPart";
import { escapeAttribute } from "../../src/xlsx/xml";
import { SparseGridBuilder, type Cell, type SheetGrid } from "../../src/core/grid";

const REL_SHARED_STRINGS = `${NS.relationships}/sharedStrings`;

/** `_x000d_` -> `_x000D_`, which ExcelJS decodes like Excel. */
function upperCaseEscapes(xml: string): string {
  return xml.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => `_x${hex.toUpperCase()}_`);
}

const INLINE_STRING = /<((?:[\w.-]+:)?c)\b([^>]*?)\st="inlineStr"([^>]*)>\s*<((?:[\w.-]+:)?is)>([\s\S]*?)<\/\4>/g;

/**
 * Inline-string cells become shared-string cells (their `<is>` appended to the shared strings), so
 * ExcelJS reads and decodes every text the same way.
 */
function inlineToShared(sheetXml: string, shared: string[]): string {
  if (!sheetXml.includes("inlineStr")) return sheetXml;
  return sheetXml.replace(
    INLINE_STRING,
    (_, cellTag: string, before: string, after: string, _isTag: string, inner: string) => {
      shared.push(`<si>${inner.replace(/<(\/?)[\w.-]+:/g, "<$1")}</si>`);
      return `<${cellTag}${before} t="s"${after}><v>${shared.length - 1}</v>`;
    },
  );
}

/** Shared strings as `<si>` elements, the user's first. */
function sharedItems(xml: string | null): string[] {
  if (xml === null) return [];
  const body = /<(?:[\w.-]+:)?sst\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?sst>/.exec(xml)?.[1] ?? "";
  return body.match(/<((?:[\w.-]+:)?si)\b[^>]*>[\s\S]*?<\/\1>|<(?:[\w.-]+:)?si\s*\/>/g) ?? [];
}

/** The part a workbook relationship of `type` points to, if the package has it. */
function relatedPart(pkg: OoxmlPackage, workbook: WorkbookPart, type: string): string | null {
  const rel = workbook.relationships.find((r) => r.type === type && !r.external);
  const part = rel ? resolveTarget(workbook.partName, rel.target) : null;
  return part && pkg.has(part) ? part : null;
}

/** A package ExcelJS can read holding only `sheets` (worksheets of `workbook`), in that order. */
async function cellsPackage(pkg: OoxmlPackage, workbook: WorkbookPart, sheets: SheetEntry[]): Promise<Buffer> {
  const zip = new JSZip();
  const stylesPart = relatedPart(pkg, workbook, REL_TYPE.styles);
  const sharedPart = relatedPart(pkg, workbook, REL_SHARED_STRINGS);
  const shared = sharedItems(sharedPart === null ? null : await pkg.text(sharedPart));
  const rels: string[] = [];
  const entries: string[] = [];
  for (const [i, sheet] of sheets.entries()) {
    if (!sheet.partName) throw new Error(`sheet '${sheet.name}' has no part`);
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, inlineToShared(await pkg.text(sheet.partName), shared));
    rels.push(`<Relationship Id="rId${i + 1}" Type="${REL_TYPE.worksheet}" Target="worksheets/sheet${i + 1}.xml"/>`);
    entries.push(`<sheet name="${escapeAttribute(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  }
  if (stylesPart) {
    zip.file("xl/styles.xml", await pkg.text(stylesPart));
    rels.push(`<Relationship Id="rIdStyles" Type="${REL_TYPE.styles}" Target="styles.xml"/>`);
  }
  zip.file(
    "xl/sharedStrings.xml",
    upperCaseEscapes(
      `<sst xmlns="${NS.main}" count="${shared.length}" uniqueCount="${shared.length}">${shared.join("")}</sst>`,
    ),
  );
  rels.push(`<Relationship Id="rIdStrings" Type="${REL_SHARED_STRINGS}" Target="sharedStrings.xml"/>`);
  // ExcelJS reads "1" (not "true") as the 1904 date system.
  const properties = workbook.date1904 ? `<workbookPr date1904="1"/>` : "";
  zip.file(
    "xl/workbook.xml",
    `<workbook xmlns="${NS.main}" xmlns:r="${NS.relationships}">${properties}<sheets>${entries.join("")}</sheets></workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<Relationships xmlns="${NS.packageRelationships}">${rels.join("")}</Relationships>`,
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
}

/** Worksheet parts ExcelJS need not parse to give cell values and merges (their relationships are not copied). */
const IGNORED_WORKSHEET_NODES = [
  "sheetPr",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "autoFilter",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "pageMargins",
  "pageSetup",
  "printOptions",
  "headerFooter",
  "rowBreaks",
  "drawing",
  "picture",
  "tableParts",
  "extLst",
];

function plainValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean" || value instanceof Date)
    return value;
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("error" in value) return value.error;
  if ("formula" in value || "sharedFormula" in value) {
    const result = value.result;
    if (result === undefined || result === null) return null;
    return typeof result === "object" && !(result instanceof Date) ? result.error : result;
  }
  if ("hyperlink" in value) return plainValue(value.text);
  return null;
}

function isEmpty(value: Cell): boolean {
  return value === null || value === undefined || value === "";
}

/** A worksheet's used range as ExcelJS gives it; with `formulas`, each formula cell's formula too. */
function gridOf(worksheet: ExcelJS.Worksheet, formulas: boolean): { grid: SheetGrid; hiddenRowsWithValues: number } {
  const values: { row: number; col: number; value: Cell; formula: string | null }[] = [];
  let minRow = Infinity;
  let minCol = Infinity;
  let maxRow = -1;
  let maxCol = -1;
  let hiddenRowsWithValues = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (row.hidden) hiddenRowsWithValues += 1;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.isMerged && cell.master !== cell) return;
      const value = plainValue(cell.value);
      const formula = formulas && cell.type === ExcelJS.ValueType.Formula ? `=${cell.formula}` : null;
      if (isEmpty(value) && formula === null) return;
      const r = rowNumber - 1;
      const c = colNumber - 1;
      values.push({ row: r, col: c, value, formula });
      minRow = Math.min(minRow, r);
      minCol = Math.min(minCol, c);
      maxRow = Math.max(maxRow, r);
      maxCol = Math.max(maxCol, c);
    });
  });
  if (values.length === 0)
    return { grid: { name: worksheet.name, origin: { row: 0, col: 0 }, cells: [] }, hiddenRowsWithValues };
  const builder = new SparseGridBuilder(formulas);
  for (const { row, col, value, formula } of values) builder.set(row - minRow, col - minCol, value, formula);
  return {
    grid: builder.finish(worksheet.name, { row: minRow, col: minCol }, maxRow - minRow + 1, maxCol - minCol + 1),
    hiddenRowsWithValues,
  };
}

/** Every worksheet of the workbook (hidden ones too) as the previous reader gave it; with `formulas`, formulas too. */
export async function readWithExcelJS(
  bytes: Buffer,
  formulas = false,
): Promise<{ grid: SheetGrid; hiddenRowsWithValues: number }[]> {
  const pkg = await OoxmlPackage.load(bytes);
  const workbookPart = await readWorkbookPart(pkg);
  const worksheets = workbookPart.sheets.filter((entry) => entry.isWorksheet);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await cellsPackage(pkg, workbookPart, worksheets)) as unknown as ExcelJS.Buffer, {
    ignoreNodes: IGNORED_WORKSHEET_NODES,
  });
  return workbook.worksheets.map((worksheet) => gridOf(worksheet, formulas));
}
