/**
 * What is said when nothing can be read on a sheet.
 */
import { a1 } from "../../core/grid";
import { MEASURE_NAMES } from "../vocabulary";
import { type Table, Sheet, measureEntries } from "./sheet";

export function nothingFound(sheet: Sheet): string {
  const amounts = sheet.rows.filter((r) => r.amountCols.size > 0).length;
  const texts = sheet.rows.filter((r) => r.filled.length > 0 && r.amountCols.size === 0).length;
  return `on sheet '${sheet.name}': found no header row naming budget columns (such as 'Actual to date' or 'Forecast outturn') above rows of amounts; the sheet has ${texts} row${texts === 1 ? "" : "s"} of text and ${amounts} row${amounts === 1 ? "" : "s"} with numbers`;
}

export function missingColumns(sheet: Sheet, tables: Table[]): string {
  const best = tables.reduce((a, b) => (Object.keys(b.measures).length > Object.keys(a.measures).length ? b : a));
  const found: string[] = [];
  if (best.labelCol !== null) found.push("a label column");
  for (const [, column] of measureEntries(best.measures)) found.push(`'${column.header}'`);
  const missing: string[] = [];
  if (best.labelCol === null) missing.push("column of line labels");
  if (!best.measures.actualToDate) missing.push(`${MEASURE_NAMES.actualToDate} column`);
  if (!best.measures.forecastOutturn) missing.push(`${MEASURE_NAMES.forecastOutturn} column`);
  const foundText = found.length === 0 ? "nothing the add-in reads" : joinWords(found, "and");
  const headerAt = a1(
    best.block.top + sheet.grid.origin.row,
    (best.block.columns[0]?.col ?? 0) + sheet.grid.origin.col,
  );
  return `found ${foundText} but no ${joinWords(missing, "or")} on sheet '${sheet.name}' (header at ${headerAt}); choose the columns in the column mapping`;
}

/** "a, b and c" / "a, b or c". */
function joinWords(items: string[], last: "and" | "or"): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}
