/**
 * A supplementary table (only other measures) joined onto the main table's lines.
 */
import { describeCell } from "../../core/grid";
import type { RecogniseOptions } from "../recognise";
import { MEASURE_NAMES, normaliseWords, type BudgetMeasure } from "../vocabulary";
import { type Table, Sheet, measureEntries } from "./sheet";
import { readRows } from "./read";
import { columnMultiplier } from "./unitsPeriod";
import type { BudgetMonitoring } from "../budgetMonitoring";

export function addSupplementaryTable(
  sheet: Sheet,
  table: Table,
  main: BudgetMonitoring,
  options: RecogniseOptions,
): void {
  if (table.labelCol === null) {
    main.warnings.push({
      severity: "warning",
      message: `the table at row ${table.block.top + sheet.grid.origin.row + 1} of sheet '${sheet.name}' has no column of line labels; it was left out`,
      where: sheet.where(table.block.top, table.block.columns[0]?.col ?? 0),
    });
    return;
  }
  const withLabels = { ...table, labelCol: table.labelCol };
  const multipliers: Partial<Record<BudgetMeasure, 1 | 1000>> = {};
  for (const [measure, column] of measureEntries(table.measures)) {
    multipliers[measure] = columnMultiplier(
      measure,
      column,
      main.units,
      options.columnMappings?.[sheet.name]?.units !== undefined,
    );
    main.columns[measure] ??= {
      col: column.col + sheet.grid.origin.col,
      header: column.header,
      multiplier: multipliers[measure] ?? 1,
    };
  }
  const byLabel = new Map(main.lines.map((line) => [normaliseWords(line.label), line]));
  for (const read of readRows(sheet, withLabels, multipliers, main.warnings)) {
    if (read.kind !== "line") continue;
    const line = byLabel.get(normaliseWords(read.label));
    const where = sheet.where(read.row, table.labelCol);
    if (!line) {
      main.warnings.push({
        severity: "warning",
        message: `line '${read.label}' of the table at row ${table.block.top + sheet.grid.origin.row + 1} of sheet '${sheet.name}' has no line of the same name in the table at row ${main.headerRow + 1}; its figures were left out`,
        where,
      });
      continue;
    }
    for (const [measure, amount] of measureEntries(read.values)) {
      if (line.values[measure]) {
        main.warnings.push({
          severity: "warning",
          message: `line '${read.label}' has a ${MEASURE_NAMES[measure]} in both tables of sheet '${sheet.name}'; the one in ${describeCell(line.values[measure].ref)} is used`,
          where: describeCell(amount.ref),
        });
        continue;
      }
      line.values[measure] = amount;
    }
  }
}
