/**
 * Looking inside written .xlsx files in tests: the parts of the package, and every cell of a sheet as
 * ExcelJS reads it (value, formula, cached result, number format, font, fill, border, alignment).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";

export async function partTexts(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files)) {
    if (!zip.files[name].dir) parts.set(name, await zip.files[name].async("string"));
  }
  return parts;
}

/** Sheet name -> its worksheet part, from the workbook part and its relationships. */
export async function sheetParts(bytes: Buffer): Promise<Map<string, string>> {
  const parts = await partTexts(bytes);
  const workbook = parts.get("xl/workbook.xml") as string;
  const rels = parts.get("xl/_rels/workbook.xml.rels") as string;
  const targets = new Map(
    [...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  const out = new Map<string, string>();
  for (const match of workbook.matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = targets.get(match[2]) as string;
    out.set(
      match[1].replace(/&apos;/g, "'").replace(/&amp;/g, "&"),
      target.startsWith("/") ? target.slice(1) : `xl/${target}`,
    );
  }
  return out;
}

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

export interface CellSnapshot {
  value: unknown;
  numFmt?: string;
  font?: unknown;
  fill?: unknown;
  border?: unknown;
  alignment?: unknown;
}

export interface SheetSnapshot {
  state: string;
  cells: Record<string, CellSnapshot>;
  merges: string[];
  widths: (number | undefined)[];
  views: unknown;
}

export function snapshotSheet(worksheet: ExcelJS.Worksheet): SheetSnapshot {
  const cells: Record<string, CellSnapshot> = {};
  worksheet.eachRow({ includeEmpty: true }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cells[cell.address] = {
        value: JSON.parse(JSON.stringify(cell.value ?? null)),
        numFmt: cell.numFmt,
        font: cell.font,
        fill: cell.fill,
        border: cell.border,
        alignment: cell.alignment,
      };
    });
  });
  const widths: (number | undefined)[] = [];
  for (let c = 1; c <= worksheet.columnCount; c += 1) widths.push(worksheet.getColumn(c).width);
  const merges = Object.keys((worksheet as unknown as { _merges: Record<string, unknown> })._merges).sort();
  return { state: worksheet.state, cells, merges, widths, views: worksheet.views };
}

/** The cached value ExcelJS reads for a cell: a formula's result, or the value itself. */
export function cachedValue(cell: ExcelJS.Cell): unknown {
  const value = cell.value;
  if (value && typeof value === "object" && "result" in value) return value.result;
  if (value && typeof value === "object" && "richText" in value) return value.richText.map((run) => run.text).join("");
  return value;
}

export function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const value = cell.value;
  return value && typeof value === "object" && "formula" in value ? value.formula : undefined;
}
