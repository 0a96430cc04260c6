/**
 * One sheet of the plan as a SpreadsheetML worksheet part. Text is always written as an inline string,
 * so a value such as "=HYPERLINK(...)" copied from a user's sheet stays text; formulas are written as
 * formulas with the engine's value as their cached result.
 */
import { a1, a1Range, columnLetter } from "../core/grid";
import { TABLE_STYLE } from "../workbook/looks";
import type { PlanCell, SheetPlan, TablePlan } from "../workbook/plan";
import { formulaForFile } from "./formulas";
import { NS } from "./ooxmlPackage";
import { OWNED_SHEET_PROPERTY } from "../workbook/ownership";
import type { StyleBook } from "./styles";
import { escapeAttribute, escapeText, escapeXstring } from "./xml";

export interface SheetRelationshipIds {
  customProperty?: string;
  drawing?: string;
  tables: string[];
}

/** The plan's cells of one sheet by row then column; a later block overwrites an earlier one. */
export function cellsOf(sheet: SheetPlan): Map<number, Map<number, PlanCell>> {
  const rows = new Map<number, Map<number, PlanCell>>();
  for (const block of sheet.blocks) {
    block.cells.forEach((line, r) => {
      line.forEach((cell, c) => {
        if (!cell) return;
        const row = block.row + r;
        let cols = rows.get(row);
        if (!cols) rows.set(row, (cols = new Map<number, PlanCell>()));
        cols.set(block.col + c, cell);
      });
    });
  }
  return rows;
}

function numberText(value: number, ref: string, sheet: string): string {
  if (!Number.isFinite(value))
    throw new Error(`the plan puts ${value} in cell ${ref} of sheet '${sheet}'; a workbook cell cannot hold it`);
  return String(value);
}

function inlineString(text: string): string {
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
  return `<is><t${space}>${escapeXstring(text)}</t></is>`;
}

function cellXml(cell: PlanCell, ref: string, styleId: number, sheet: string): string {
  const s = styleId ? ` s="${styleId}"` : "";
  const value = cell.value;
  if (cell.formula !== undefined) {
    const f = `<f>${escapeText(formulaForFile(cell.formula))}</f>`;
    if (typeof value === "number") return `<c r="${ref}"${s}>${f}<v>${numberText(value, ref, sheet)}</v></c>`;
    if (typeof value === "string") return `<c r="${ref}"${s} t="str">${f}<v>${escapeXstring(value)}</v></c>`;
    if (typeof value === "boolean") return `<c r="${ref}"${s} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${s}>${f}</c>`;
  }
  if (typeof value === "number") return `<c r="${ref}"${s}><v>${numberText(value, ref, sheet)}</v></c>`;
  if (typeof value === "string") return `<c r="${ref}"${s} t="inlineStr">${inlineString(value)}</c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s}/>`;
}

function paneXml(freeze: { rows: number; cols: number }): string {
  const { rows, cols } = freeze;
  const pane = rows && cols ? "bottomRight" : rows ? "bottomLeft" : "topRight";
  const topLeft = a1(rows, cols);
  const split = `${cols ? ` xSplit="${cols}"` : ""}${rows ? ` ySplit="${rows}"` : ""}`;
  return `<pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/>`;
}

export function renderSheetXml(
  sheet: SheetPlan,
  rows: Map<number, Map<number, PlanCell>>,
  styles: StyleBook,
  relIds: SheetRelationshipIds,
): string {
  let minRow = Infinity;
  let minCol = Infinity;
  let maxRow = -1;
  let maxCol = -1;
  const rowXml: string[] = [];
  // Column letters once per column, not once per cell (a Spend sheet can hold a million cells).
  const letters: string[] = [];
  for (const row of [...rows.keys()].sort((a, b) => a - b)) {
    const cols = rows.get(row) as Map<number, PlanCell>;
    const cells: string[] = [];
    for (const col of [...cols.keys()].sort((a, b) => a - b)) {
      const cell = cols.get(col) as PlanCell;
      const ref = `${(letters[col] ??= columnLetter(col))}${row + 1}`;
      cells.push(cellXml(cell, ref, styles.styleId(cell.style, cell.format), sheet.name));
      minCol = Math.min(minCol, col);
      maxCol = Math.max(maxCol, col);
    }
    minRow = Math.min(minRow, row);
    maxRow = row;
    rowXml.push(`<row r="${row + 1}">${cells.join("")}</row>`);
  }
  const dimension = maxRow < 0 ? "A1" : a1Range(minRow, minCol, maxRow - minRow + 1, maxCol - minCol + 1);
  // Printed landscape and one page wide, so a chart or a wide table is not cut across pages.
  const tabColor = sheet.tabColor ? `<tabColor rgb="FF${escapeAttribute(sheet.tabColor)}"/>` : "";
  const sheetPr = `<sheetPr>${tabColor}<pageSetUpPr fitToPage="1"/></sheetPr>`;
  const freeze = sheet.freeze && (sheet.freeze.rows > 0 || sheet.freeze.cols > 0) ? paneXml(sheet.freeze) : "";
  const widths = Object.entries(sheet.columnWidths ?? {})
    .map(([col, width]) => [Number(col), width] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([col, width]) => `<col min="${col + 1}" max="${col + 1}" width="${width}" customWidth="1"/>`)
    .join("");
  const parts = [
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.relationships}">`,
    sheetPr,
    `<dimension ref="${dimension}"/>`,
    `<sheetViews><sheetView workbookViewId="0">${freeze}</sheetView></sheetViews>`,
    `<sheetFormatPr defaultRowHeight="15"/>`,
    widths ? `<cols>${widths}</cols>` : "",
    `<sheetData>${rowXml.join("")}</sheetData>`,
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`,
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`,
    relIds.customProperty
      ? `<customProperties><customPr name="${OWNED_SHEET_PROPERTY}" r:id="${relIds.customProperty}"/></customProperties>`
      : "",
    relIds.drawing ? `<drawing r:id="${relIds.drawing}"/>` : "",
    relIds.tables.length
      ? `<tableParts count="${relIds.tables.length}">${relIds.tables.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`
      : "",
    "</worksheet>",
  ];
  return parts.join("");
}

/**
 * The header texts of a table, which Excel requires to equal its header cells' text, be unique
 * (ignoring case) and not be blank. Returns null when the plan's header row cannot be a table header.
 */
export function tableColumnNames(sheet: SheetPlan, table: TablePlan, rows = cellsOf(sheet)): string[] | null {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let c = 0; c < table.cols; c += 1) {
    const cell = rows.get(table.row)?.get(table.col + c);
    const text = cell && cell.formula === undefined && typeof cell.value === "string" ? cell.value.trim() : "";
    if (!text || seen.has(text.toLowerCase()) || text !== cell?.value) return null;
    seen.add(text.toLowerCase());
    names.push(text);
  }
  return names;
}

export function renderTableXml(table: TablePlan, id: number, columnNames: string[]): string {
  const ref = a1Range(table.row, table.col, table.rows, table.cols);
  const columns = columnNames
    .map((name, i) => `<tableColumn id="${i + 1}" name="${escapeAttribute(escapeXstringForAttribute(name))}"/>`)
    .join("");
  return (
    `<table xmlns="${NS.main}" id="${id}" name="${escapeAttribute(table.name)}" displayName="${escapeAttribute(table.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${columnNames.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${TABLE_STYLE}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** Line breaks in a table column name are stored as Excel's `_x000a_` escape. */
function escapeXstringForAttribute(name: string): string {
  return name
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(/\n/g, "_x000a_")
    .replace(/\r/g, "_x000d_");
}
