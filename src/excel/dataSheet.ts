/// <reference types="office-js" />
/**
 * Loads rows of text (an SSDA903 CSV file) into a new sheet of the user's, as text exactly as the file
 * has it, so that the add-in's functions and the user's own formulas can read it. The sheet is the
 * user's data, not one of the add-in's sheets: it carries no marker and a rebuild never touches it.
 */
import { blockPayload, sliceByBytes } from "./cells";
import { DEFAULT_MAX_REQUEST_BYTES } from "./apply";

/** A name not yet taken: "903 Episodes", else "903 Episodes (2)", ... (Excel compares without case). */
export function freeSheetName(base: string, taken: string[]): string {
  const lowered = new Set(taken.map((name) => name.toLowerCase()));
  if (!lowered.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    if (!lowered.has(candidate.toLowerCase())) return candidate;
  }
}

export async function writeDataSheet(
  context: Excel.RequestContext,
  baseName: string,
  rows: string[][],
  maxBytes = DEFAULT_MAX_REQUEST_BYTES,
): Promise<{ sheet: string; rows: number; syncs: number }> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  const name = freeSheetName(baseName, worksheets.items.map((s) => s.name));
  const width = Math.max(0, ...rows.map((row) => row.length));
  const block = {
    row: 0,
    col: 0,
    cells: rows.map((row, r) => Array.from({ length: width }, (_, c) => (row[c] ? { value: row[c], style: r === 0 ? ("header" as const) : undefined } : null))),
  };
  const sheet = worksheets.add(name);
  let syncs = 1;
  if (width > 0 && rows.length > 0) {
    for (const slice of sliceByBytes(blockPayload(block, name), maxBytes)) {
      context.workbook.application.suspendScreenUpdatingUntilNextSync();
      sheet.getRangeByIndexes(slice.row, slice.col, slice.rows, slice.cols).formulas = slice.formulas;
      if (slice.row === 0) sheet.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
      await context.sync();
      syncs += 1;
    }
    sheet.freezePanes.freezeRows(1);
  }
  sheet.activate();
  await context.sync();
  return { sheet: name, rows: Math.max(0, rows.length - 1), syncs: syncs + 1 };
}
