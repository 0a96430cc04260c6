/**
 * The shape of a table: its measures, label column and extent, and the two description columns of a
 * ledger export.
 */
import { classifyLine, type LineOutcome } from "../lineClassifier";
import { columnLetter } from "../../core/grid";
import type { RecogniseOptions } from "../recognise";
import {
  BUDGET_MEASURES,
  MEASURE_NAMES,
  categoriseLabel,
  headerPreference,
  isLabelHeader,
  isNoteLabel,
  normaliseWords,
  type BudgetMeasure,
} from "../vocabulary";
import { minOf } from "../../core/arrays";
import {
  LABEL_SAMPLE_ROWS,
  CATEGORY_SCORE,
  LABEL_HEADER_SCORE,
  type HeaderColumn,
  type HeaderBlock,
  type Table,
  Sheet,
} from "./sheet";
import { hasAmountsBelow } from "./headers";
import { monthColumns, addMonthMeasures } from "./months";

export function readTableShape(sheet: Sheet, block: HeaderBlock, nextTop: number, options: RecogniseOptions): Table {
  const mapping = options.columnMappings?.[sheet.name];
  const origin = sheet.grid.origin;
  const end = tableEnd(sheet, block.firstDataRow, nextTop);
  const measures: Partial<Record<BudgetMeasure, HeaderColumn>> = {};
  const duplicates: string[] = [];
  const extraColumns: HeaderColumn[] = [];
  const months = monthColumns(sheet, block, end);
  const monthCols = new Set(months?.map((m) => m.col) ?? []);

  for (const column of block.columns) {
    if (monthCols.has(column.col) || !hasAmountsBelow(sheet, column.col, block.firstDataRow, end)) continue;
    if (column.measure === null) {
      extraColumns.push(column);
      continue;
    }
    const current = measures[column.measure];
    if (!current) {
      measures[column.measure] = column;
    } else {
      const better = headerPreference(column.header) > headerPreference(current.header) ? column : current;
      const other = better === column ? current : column;
      measures[column.measure] = better;
      duplicates.push(
        `two columns read as ${MEASURE_NAMES[column.measure]}: '${better.header}' (column ${sheet.columnName(better.col)}) is used, '${other.header}' (column ${sheet.columnName(other.col)}) is not; choose another in the column mapping`,
      );
    }
  }

  if (months) addMonthMeasures(block, months, measures);

  for (const [measure, absoluteCol] of Object.entries(mapping?.columns ?? {}) as [BudgetMeasure, number | null][]) {
    delete measures[measure];
    if (absoluteCol === null) continue;
    const col = absoluteCol - origin.col;
    for (const other of BUDGET_MEASURES) if (measures[other]?.col === col) delete measures[other];
    const header = block.columns.find((c) => c.col === col);
    measures[measure] = {
      col,
      header: header?.header ?? `column ${columnLetter(absoluteCol)}`,
      headerRow: block.top,
      measure,
      units: header?.units ?? null,
    };
  }

  const measureCols = new Set([...Object.values(measures).map((c) => c.col), ...monthCols]);
  const chosenLabel =
    mapping?.labelCol !== undefined ? mapping.labelCol - origin.col : chooseLabelColumn(sheet, block, end, measureCols);
  const descriptions =
    chosenLabel === null || mapping?.labelCol !== undefined
      ? null
      : descriptionPair(sheet, block, end, measureCols, chosenLabel);
  const labelCol = descriptions?.primary ?? chosenLabel;
  const detailCol = descriptions?.detail ?? null;
  let lastDataRow = end - 1;
  while (lastDataRow > block.firstDataRow && sheet.rows[lastDataRow].amountCols.size === 0) lastDataRow -= 1;
  return {
    block,
    end,
    lastDataRow,
    measures,
    labelCol,
    detailCol,
    months,
    extraColumns: extraColumns.filter((c) => !measureCols.has(c.col) && c.col !== labelCol && c.col !== detailCol),
    duplicates,
  };
}

/** Header words of the more specific description of a ledger row (the account, or subjective). */
const DETAIL_HEADER = /\b(account|subjective|expense|expenditure type|detail|nominal|gl|line item)\b/;
/** Header words of the wider description (the cost centre, or objective). */
const WIDER_HEADER = /\b(cost cent(re|er)|objective|service|department|budget holder|cc)\b/;

/** A code ("C3100", "5301", "R12-A"): not a description. */
function isCodeText(text: string): boolean {
  return /^[a-z]{0,3}[\s-]?\d[\w./-]*$/i.test(text.trim());
}

/**
 * A ledger export's two description columns (cost centre name and account name): the label column
 * chosen and another text column with descriptions on most of the same rows. The account is the more
 * specific (its header says so, else it is the right-hand one). Null when the table has one.
 */
function descriptionPair(
  sheet: Sheet,
  block: HeaderBlock,
  end: number,
  measureCols: Set<number>,
  labelCol: number,
): { primary: number; detail: number } | null {
  const counts = new Map<number, number>();
  let labelled = 0;
  for (let row = block.firstDataRow; row < Math.min(end, block.firstDataRow + LABEL_SAMPLE_ROWS); row += 1) {
    const label = sheet.text(row, labelCol);
    if (label === "" || isCodeText(label) || sheet.rows[row].amountCols.size === 0) continue;
    labelled += 1;
    for (const col of sheet.rows[row].filled) {
      if (col === labelCol || measureCols.has(col) || sheet.rows[row].amountCols.has(col)) continue;
      const text = sheet.text(row, col);
      if (text !== "" && !isCodeText(text) && /[a-z]{3}/i.test(text)) counts.set(col, (counts.get(col) ?? 0) + 1);
    }
  }
  if (labelled === 0) return null;
  const header = (col: number) => normaliseWords(block.columns.find((c) => c.col === col)?.header ?? "");
  const other = [...counts.entries()].filter(
    ([col, n]) =>
      n >= labelled * 0.6 &&
      (isLabelHeader(header(col)) || DETAIL_HEADER.test(header(col)) || WIDER_HEADER.test(header(col))),
  );
  if (other.length === 0) return null;
  const [col] = other.reduce((a, b) => (b[1] > a[1] ? b : a));
  const [left, right] = col < labelCol ? [col, labelCol] : [labelCol, col];
  if (DETAIL_HEADER.test(header(left)) && !DETAIL_HEADER.test(header(right))) return { primary: right, detail: left };
  return { primary: left, detail: right };
}

/**
 * What a ledger row is, from its two descriptions: the account (the more specific) decides when it
 * names a placement type or a cost that is not a placement; otherwise the cost centre does.
 */
export function classifyPair(wider: string, detail: string): LineOutcome {
  const byDetail = classifyLine(detail);
  if (detail !== "" && byDetail.kind !== "ask")
    return { ...byDetail, decidedBy: `${byDetail.decidedBy} in '${detail}'` };
  const byWider = classifyLine(wider);
  return wider === "" ? byDetail : { ...byWider, decidedBy: `${byWider.decidedBy} in '${wider}'` };
}

/** The row after the table's last row: the next header block, or the first note row. */
function tableEnd(sheet: Sheet, firstDataRow: number, nextTop: number): number {
  for (let row = firstDataRow; row < nextTop; row += 1) {
    const facts = sheet.rows[row];
    if (facts.amountCols.size > 0 || facts.filled.length === 0) continue;
    if (isNoteLabel(sheet.text(row, facts.filled[0]))) return row;
  }
  return nextTop;
}

/**
 * The column of line labels: the one whose text names the most placement types, then the one headed
 * like a label column ("Description", "Setting Type"), then the one with the most text, preferring
 * columns left of the first amount column (labels sit on the left). The table's first rows decide.
 */
function chooseLabelColumn(sheet: Sheet, block: HeaderBlock, end: number, measureCols: Set<number>): number | null {
  const scores = new Map<number, number>();
  for (let row = block.firstDataRow; row < Math.min(end, block.firstDataRow + LABEL_SAMPLE_ROWS); row += 1) {
    for (const col of sheet.rows[row].filled) {
      if (measureCols.has(col) || sheet.rows[row].amountCols.has(col)) continue;
      const text = sheet.text(row, col);
      if (text === "" || isCodeText(text)) continue;
      const score = categoriseLabel(text) !== null ? CATEGORY_SCORE : 1;
      scores.set(col, (scores.get(col) ?? 0) + score);
    }
  }
  if (scores.size === 0) return null;
  for (const column of block.columns) {
    const score = scores.get(column.col);
    if (score !== undefined && isLabelHeader(column.header)) scores.set(column.col, score + LABEL_HEADER_SCORE);
  }
  const firstMeasure = minOf(measureCols, Infinity);
  const left = [...scores.keys()].filter((col) => col < firstMeasure);
  const candidates = left.length > 0 ? left : [...scores.keys()];
  return candidates.reduce((best, col) => {
    const diff = (scores.get(col) ?? 0) - (scores.get(best) ?? 0);
    return diff > 0 || (diff === 0 && col < best) ? col : best;
  });
}
