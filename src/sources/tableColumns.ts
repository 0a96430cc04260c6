/**
 * The columns of a table the add-in recognised on a user's sheet: those its header row names, then the
 * ones the user chose in the column mapping.
 */
import { LacError } from "../core/errors";
import { columnLetter, type SheetGrid } from "../core/grid";

/** A column of a recognised table: its absolute 0-based column and its header as the sheet writes it. */
export interface TableColumn {
  col: number;
  header: string;
}

/**
 * A table's columns by field: those its header names (grid-relative, made absolute), then the user's
 * choices (absolute columns; null leaves a field out). Throws LacError("value") naming every required
 * field still without a column, e.g. "the placement list on sheet 'Placements' (header row 3) has no
 * weekly cost column; choose it in the column mapping".
 */
export function tableColumns<F extends string>(
  grid: SheetGrid,
  header: { row: number; columns: Partial<Record<F, TableColumn>> },
  chosen: Partial<Record<F, number | null>>,
  table: { what: string; required: readonly F[]; names: Record<F, string> },
): Partial<Record<F, TableColumn>> {
  const { origin } = grid;
  const columns: Partial<Record<F, TableColumn>> = {};
  for (const [field, column] of Object.entries(header.columns) as [F, TableColumn][]) {
    columns[field] = { col: column.col + origin.col, header: column.header };
  }
  for (const [field, col] of Object.entries(chosen) as [F, number | null][]) {
    if (col === null) delete columns[field];
    else
      columns[field] = {
        col,
        header: String(grid.cells[header.row]?.[col - origin.col] ?? `column ${columnLetter(col)}`).trim(),
      };
  }
  const missing = table.required.filter((field) => !columns[field]);
  if (missing.length > 0) {
    throw new LacError(
      "value",
      `the ${table.what} on sheet '${grid.name}' (header row ${header.row + origin.row + 1}) has no ${missing.map((f) => table.names[f]).join(" or ")} column; choose it in the column mapping`,
    );
  }
  return columns;
}
