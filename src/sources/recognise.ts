/**
 * Classifies each sheet it is given: a budget monitoring summary, a placement list, a count history of
 * children looked after, SSDA903 episodes (detected only; src/sources/ssda903Read.ts reads them) or
 * unrecognised, with the reason in words.
 * The caller leaves out the add-in's own sheets; everything else is looked at and nothing is changed.
 */
import { financialYearLabel } from "../core/dates";
import { isLacError } from "../core/errors";
import type { Diagnostic } from "../core/diagnostics";
import {
  categoryOverrideKey,
  lineChoiceMessage,
  recogniseBudgetMonitoring,
  type BudgetMonitoring,
  type BudgetPeriod,
  type LineChoice,
} from "./budgetMonitoring";
import { describeCell, type SheetGrid } from "../core/grid";
import { looksLikeLacHistory, recogniseLacHistory, type LacHistory } from "./lacHistory";
import type { UnitKind } from "./numbers";
import { findPlacementHeader, recognisePlacementList, type PlacementList } from "./placementList";
import { REQUIRED_EPISODE_COLUMNS } from "./ssda903";
import type { Question } from "./questions";
import { normaliseWords, type BudgetMeasure, type HistoryField, type PlacementField } from "./vocabulary";
import { pushAll } from "../core/arrays";

export type { BudgetColumn, BudgetLine, BudgetMonitoring, BudgetPeriod, SourcedAmount } from "./budgetMonitoring";
export { categoryOverrideKey } from "./budgetMonitoring";
export type { LineChoice } from "./budgetMonitoring";
export type { Question, QuestionKind, QuestionLine } from "./questions";
export type { CategoryPlacements, Placement, PlacementColumn, PlacementList } from "./placementList";
export type { LacHistory, LacHistoryColumn, LacHistoryPoint } from "./lacHistory";
export type { Units, UnitKind } from "./numbers";
export type { BudgetMeasure, HistoryField, PlacementField, RowKind } from "./vocabulary";

/**
 * A user's choice for one sheet, overriding the guess. Rows and columns are absolute and 0-based
 * (as CellRef). A column set to null means "this sheet has no such column" (drops a wrong guess).
 */
export interface ColumnMapping {
  kind?: "budgetMonitoring" | "placementList" | "lacHistory" | "ignore";
  /** The (first) header row of the table; data starts on the next row. */
  headerRow?: number;
  labelCol?: number;
  columns?: Partial<Record<BudgetMeasure, number | null>>;
  /** Units of the money columns, overriding what the headers and title say. */
  units?: UnitKind;
  /** Placement list columns. */
  placementColumns?: Partial<Record<PlacementField, number | null>>;
  /** Count history columns (the date or month, and the count of children looked after). */
  historyColumns?: Partial<Record<HistoryField, number | null>>;
}

export interface RecogniseOptions {
  /** The period (1 = April ... 10 = January ... 12 = March), overriding what the sheets say. */
  period?: number;
  /** The financial year by its starting year (2021 = 2021/22), overriding what the sheets say. */
  financialYear?: number;
  /** By sheet name. */
  columnMappings?: Record<string, ColumnMapping>;
  /** A budget line's category, or "excluded" (not a placement cost), by categoryOverrideKey(sheet, row): "P10 Summary!14". */
  categoryOverrides?: Record<string, LineChoice>;
  /**
   * A category by label text exactly as the sheet writes it ("Local Solutions"): applies to budget
   * lines and placement types on every sheet, so a choice survives next month's rows moving.
   */
  labelCategories?: Record<string, LineChoice>;
}

export interface Recognition {
  budgets: BudgetMonitoring[];
  placementLists: PlacementList[];
  /** Counts of children looked after over time, one per sheet that keeps them. */
  lacHistories: LacHistory[];
  /** Names of sheets that hold SSDA903 episodes. */
  episodeSheets: string[];
  unrecognised: { sheet: string; reason: string }[];
  /** Every warning: each record's own (also kept on the record) and the workbook's. Show this list. */
  warnings: Diagnostic[];
  /** What the add-in is unsure of, every table's and the workbook's: show these first, before any figure. */
  questions: Question[];
  /** The period of the workbook: the user's choice, else the first budget's. */
  period: BudgetPeriod | null;
}

const EPISODE_HEADER_SEARCH_ROWS = 5;

export function recogniseWorkbook(sheets: SheetGrid[], options: RecogniseOptions = {}): Recognition {
  const recognition: Recognition = {
    budgets: [],
    placementLists: [],
    lacHistories: [],
    episodeSheets: [],
    unrecognised: [],
    warnings: [],
    questions: [],
    period: null,
  };
  for (const sheet of sheets) {
    try {
      classify(sheet, options, recognition);
    } catch (error) {
      if (!isLacError(error)) throw error;
      recognition.unrecognised.push({ sheet: sheet.name, reason: error.message });
    }
  }
  for (const record of [...recognition.budgets, ...recognition.placementLists, ...recognition.lacHistories])
    pushAll(recognition.warnings, record.warnings);
  recognition.questions = countedTwice(recognition.budgets);
  pushAll(recognition.warnings, linesInTwoTables(recognition.budgets));
  for (const budget of recognition.budgets) recognition.questions = recognition.questions.concat(budget.questions);
  recognition.period = workbookPeriod(recognition, options);
  const [used, ...others] = recognition.lacHistories;
  if (used && others.length) {
    recognition.warnings.push({
      severity: "warning",
      message: `counts of children looked after are kept on ${recognition.lacHistories.map((h) => `sheet '${h.sheet}'`).join(" and ")}: the first, '${used.sheet}', feeds the Needs projection (leave a sheet out in the column mapping to use another)`,
    });
  }
  return recognition;
}

function classify(sheet: SheetGrid, options: RecogniseOptions, recognition: Recognition): void {
  const kind = options.columnMappings?.[sheet.name]?.kind;
  if (kind === "ignore") {
    recognition.unrecognised.push({ sheet: sheet.name, reason: "left out by choice" });
    return;
  }
  if (!sheet.cells.some((row) => row?.some((cell) => cell !== null && cell !== undefined && cell !== ""))) {
    recognition.unrecognised.push({ sheet: sheet.name, reason: `sheet '${sheet.name}' is empty` });
    return;
  }
  if (kind === undefined && hasEpisodesHeader(sheet)) {
    recognition.episodeSheets.push(sheet.name);
    return;
  }
  if (kind === "placementList" || (kind === undefined && findPlacementHeader(sheet) !== null)) {
    recognition.placementLists.push(recognisePlacementList(sheet, options));
    return;
  }
  if (kind === "lacHistory" || (kind === undefined && looksLikeLacHistory(sheet))) {
    recognition.lacHistories.push(recogniseLacHistory(sheet, options));
    return;
  }
  pushAll(recognition.budgets, recogniseBudgetMonitoring(sheet, options));
}

/**
 * A line of the same name in two budget tables (on one sheet or two) is counted twice: right for two
 * services' "Other" lines, wrong when one table is last year's or a copy. Said once per name.
 */
function linesInTwoTables(budgets: BudgetMonitoring[]): Diagnostic[] {
  const first = new Map<string, BudgetMonitoring["lines"][number]>();
  const warned = new Set<string>();
  const warnings: Diagnostic[] = [];
  for (const budget of budgets) {
    const inThisTable = new Set<string>();
    for (const line of budget.lines) {
      const key = normaliseWords(line.label);
      if (key === "" || inThisTable.has(key)) continue;
      inThisTable.add(key);
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, line);
      } else if (!warned.has(key)) {
        warned.add(key);
        warnings.push({
          severity: "warning",
          message: `line '${line.label}' is in two budget tables (${describeCell(earlier.labelRef)} and ${describeCell(line.labelRef)}); both are counted. If one table is another year's or a copy, choose the other's columns in the column mapping, or leave its sheet out.`,
          where: describeCell(line.labelRef),
        });
      }
    }
  }
  return warnings;
}

/** Measures compared to find a line that repeats another table's lines, best first. */
const REPEAT_MEASURES = ["forecastOutturn", "actualToDate", "budget"] as const;

/**
 * Money that two tables would count twice: a directorate summary's "Placements" line that is the
 * total of a placements detail table. The detailed table is preferred: the summary's line is left out
 * (as not counted here, with the reason), and a summary table left with no placement line at all is
 * set aside, so only the detail is counted. Each is said as a question, since the user may know better.
 */
function countedTwice(budgets: BudgetMonitoring[]): Question[] {
  const questions: Question[] = [];
  const totalOf = (budget: BudgetMonitoring, measure: (typeof REPEAT_MEASURES)[number]) =>
    budget.lines.reduce((sum, line) => sum + (line.values[measure]?.value ?? 0), 0);
  for (const summary of budgets) {
    for (const line of [...summary.lines]) {
      if (line.decidedBy === "chosen by the user") continue;
      const detail = budgets.find((other) => {
        if (other === summary || other.lines.length < 2) return false;
        const compared = REPEAT_MEASURES.filter(
          (m) => line.values[m] !== undefined && other.lines.some((l) => l.values[m] !== undefined),
        );
        if (compared.length === 0) return false;
        return compared.every((m) => {
          const value = line.values[m]?.value ?? 0;
          return (
            value !== 0 &&
            Math.abs(value - totalOf(other, m)) <=
              Math.max(0.5 * (line.values[m]?.multiplier ?? 1) * other.lines.length, 1e-9 * Math.abs(value))
          );
        });
      });
      if (!detail) continue;
      summary.lines.splice(summary.lines.indexOf(line), 1);
      forgetQuestionsAbout(summary, line);
      summary.excluded.push({
        ...line,
        outcome: "excluded",
        decidedBy: `its figures are the total of the ${detail.lines.length} lines of the table on sheet '${detail.sheet}', which are counted instead`,
      });
      questions.push({
        kind: "tables",
        sheet: summary.sheet,
        message: `line '${line.label}' (${describeCell(line.labelRef)}) holds the total of the table on sheet '${detail.sheet}'; the detailed table is counted and this line is not, so the money is not counted twice`,
        where: describeCell(line.labelRef),
      });
    }
  }
  const detailed = budgets.filter((b) =>
    b.lines.some((line) => line.outcome === "placement" && line.category !== "other"),
  );
  for (const summary of budgets) {
    if (detailed.length === 0 || detailed.includes(summary) || summary.lines.length === 0) continue;
    if (summary.lines.some((line) => line.decidedBy === "chosen by the user")) continue;
    const setAside = summary.lines.splice(0, summary.lines.length);
    const reason = `the table on sheet '${summary.sheet}' names no placement type; the detailed table on sheet '${detailed[0].sheet}' is counted instead`;
    for (const line of setAside) summary.excluded.push({ ...line, outcome: "excluded", decidedBy: reason });
    summary.questions = summary.questions.filter((q) => q.kind !== "lineChoice");
    questions.push({
      kind: "tables",
      sheet: summary.sheet,
      message: `the table on sheet '${summary.sheet}' names no placement type (its ${setAside.length} line${setAside.length === 1 ? "" : "s"} ${setAside.length === 1 ? "is" : "are"} left out); the detailed table on sheet '${detailed[0].sheet}' is counted instead. Choose a category for a line to count it`,
      where: `sheet '${summary.sheet}'`,
    });
  }
  return questions;
}

/** Takes a line out of the line questions of its table (it is now answered another way), dropping a question left empty. */
function forgetQuestionsAbout(budget: BudgetMonitoring, line: BudgetMonitoring["lines"][number]): void {
  const key = categoryOverrideKey(line.labelRef.sheet, line.labelRef.row);
  budget.questions = budget.questions
    .map((question) =>
      question.lines ? { ...question, lines: question.lines.filter((asked) => asked.key !== key) } : question,
    )
    .filter((question) => !question.lines || question.lines.length > 0)
    .map((question) =>
      question.kind === "lineChoice" && question.lines
        ? { ...question, message: lineChoiceMessage(question.sheet, question.lines.length) }
        : question,
    );
}

/** An SSDA903 episodes header: a row (of the first few) naming every column the 903 reader requires. */
function hasEpisodesHeader(sheet: SheetGrid): boolean {
  return sheet.cells.slice(0, EPISODE_HEADER_SEARCH_ROWS).some((row = []) => {
    const names = new Set(row.map((cell) => (typeof cell === "string" ? cell.trim().toUpperCase() : "")));
    return REQUIRED_EPISODE_COLUMNS.every((column) => names.has(column));
  });
}

function periodWords(period: BudgetPeriod): string {
  return period.financialYear === null
    ? `P${period.period}`
    : `P${period.period} ${financialYearLabel(period.financialYear)}`;
}

function workbookPeriod(recognition: Recognition, options: RecogniseOptions): BudgetPeriod | null {
  const periods = recognition.budgets.flatMap((budget) =>
    budget.period ? [{ sheet: budget.sheet, period: budget.period }] : [],
  );
  const first = periods[0];
  const differing = periods.find(
    (p) => p.period.period !== first?.period.period || p.period.financialYear !== first?.period.financialYear,
  );
  if (first && differing && options.period === undefined) {
    recognition.warnings.push({
      severity: "warning",
      message: `the budget tables disagree on the period: sheet '${first.sheet}' gives ${periodWords(first.period)}, sheet '${differing.sheet}' gives ${periodWords(differing.period)}; ${periodWords(first.period)} is used (choose the period to change it)`,
    });
  }
  if (options.period !== undefined) {
    return {
      period: options.period,
      financialYear: options.financialYear ?? first?.period.financialYear ?? null,
      source: "chosen by the user",
    };
  }
  if (!first) return null;
  return options.financialYear !== undefined ? { ...first.period, financialYear: options.financialYear } : first.period;
}
