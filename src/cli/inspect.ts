/**
 * `lac-sufficiency inspect INPUT.xlsx [--json]`: what a build would read, writing nothing. For each
 * recognised budget table: where it is, its units, period and year (each with where they were found),
 * its columns, and every line with its outcome, the words that decided it and its amounts; questions
 * last. The JSON shape (version 1) is documented in docs/cli.md and kept stable for scripts.
 */
import { readFile } from "node:fs/promises";
import { CATEGORY_LABELS, isPlacementCategory } from "../core/categories";
import { columnLetter, describeCell } from "../core/grid";
import {
  recogniseWorkbook,
  type BudgetLine,
  type BudgetMonitoring,
  type LineChoice,
  type Question,
  type Recognition,
  type RecogniseOptions,
} from "../sources/recognise";
import { CliError, EXIT } from "../xlsx/errors";
import type { Output } from "./commands";
import { readWorkbookGrids } from "../xlsx/xlsxRead";

export const INSPECT_VERSION = 1;

export interface InspectLine {
  label: string;
  cell: string;
  outcome: "placement" | "excluded" | "ask";
  /** The category's name for a placement line; null otherwise. */
  category: string | null;
  decidedBy: string;
  /** In £ (counts for placements), by measure. */
  amounts: Record<string, number>;
}

export interface InspectTable {
  sheet: string;
  range: string;
  headerRow: number;
  units: { kind: "gbp" | "thousands"; source: string };
  period: { period: number; financialYear: number | null; source: string } | null;
  columns: { measure: string; column: string; header: string; months?: string[] }[];
  lines: InspectLine[];
}

export interface InspectReport {
  version: number;
  input: string;
  tables: InspectTable[];
  placementLists: { sheet: string; placements: number }[];
  countHistories: { sheet: string; counts: number }[];
  episodeSheets: string[];
  notRecognised: { sheet: string; reason: string }[];
  questions: Question[];
}

/** `"lineCategories": { "<label as the sheet writes it>": "<category>" | "excluded" }` of an assumptions file. */
export async function readLineChoices(file: string | undefined): Promise<Pick<RecogniseOptions, "labelCategories">> {
  if (!file) return {};
  let json: unknown;
  try {
    json = JSON.parse((await readFile(file, "utf8")).replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new CliError(`Could not read the assumptions file '${file}': ${(error as Error).message}.`);
  }
  const choices = (json as Record<string, unknown> | null)?.lineCategories;
  if (choices === undefined) return {};
  if (choices === null || typeof choices !== "object" || Array.isArray(choices)) {
    throw new CliError(
      `In ${file}, "lineCategories": expected an object of line labels and categories, found ${JSON.stringify(choices)}.`,
    );
  }
  const labelCategories: Record<string, LineChoice> = {};
  for (const [label, choice] of Object.entries(choices as Record<string, unknown>)) {
    if (choice !== "excluded" && !isPlacementCategory(choice)) {
      throw new CliError(
        `In ${file}, "lineCategories"."${label}": expected a placement category (such as residential, ifa, inHouseFostering) or "excluded", found ${JSON.stringify(choice)}.`,
      );
    }
    labelCategories[label] = choice;
  }
  return { labelCategories };
}

function inspectLine(line: BudgetLine): InspectLine {
  const amounts: Record<string, number> = {};
  for (const [measure, amount] of Object.entries(line.values)) if (amount) amounts[measure] = amount.value;
  return {
    label: line.label,
    cell: describeCell(line.labelRef),
    outcome: line.outcome,
    category: line.outcome === "placement" ? CATEGORY_LABELS[line.category] : null,
    decidedBy: line.decidedBy,
    amounts,
  };
}

function inspectTable(budget: BudgetMonitoring): InspectTable {
  const lines = [...budget.lines, ...budget.excluded].sort((a, b) => a.labelRef.row - b.labelRef.row);
  const lastRow = lines.reduce((last, line) => Math.max(last, line.labelRef.row), budget.headerRow);
  const cols = [
    budget.labelCol,
    ...(budget.detailCol === null ? [] : [budget.detailCol]),
    ...Object.values(budget.columns).map((c) => c.col),
    ...(budget.months ?? []).map((m) => m.col),
  ];
  const [first, last] = cols.reduce(([lo, hi], c) => [Math.min(lo, c), Math.max(hi, c)], [Infinity, -Infinity]);
  return {
    sheet: budget.sheet,
    range: `${columnLetter(first)}${budget.headerRow + 1}:${columnLetter(last)}${lastRow + 1}`,
    headerRow: budget.headerRow + 1,
    units: { kind: budget.units.kind, source: budget.units.source },
    period: budget.period && {
      period: budget.period.period,
      financialYear: budget.period.financialYear,
      source: budget.period.source,
    },
    columns: [
      { measure: "label", column: columnLetter(budget.labelCol), header: "" },
      ...(budget.detailCol === null ? [] : [{ measure: "detail", column: columnLetter(budget.detailCol), header: "" }]),
      ...Object.entries(budget.columns).map(([measure, c]) => ({
        measure,
        column: columnLetter(c.col),
        header: c.header,
      })),
      ...(budget.months
        ? [
            {
              measure: "months",
              column: columnLetter(budget.months[0].col),
              header: "",
              months: budget.months.map((m) => `P${m.period} ${columnLetter(m.col)} ${m.band ?? "unbanded"}`),
            },
          ]
        : []),
    ],
    lines: lines.map(inspectLine),
  };
}

export function inspectionOf(input: string, recognition: Recognition): InspectReport {
  return {
    version: INSPECT_VERSION,
    input,
    tables: recognition.budgets.map(inspectTable),
    placementLists: recognition.placementLists.map((l) => ({ sheet: l.sheet, placements: l.placements.length })),
    countHistories: recognition.lacHistories.map((h) => ({ sheet: h.sheet, counts: h.points.length })),
    episodeSheets: recognition.episodeSheets,
    notRecognised: recognition.unrecognised,
    questions: recognition.questions,
  };
}

const pounds = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

/** Questions as lines for a person: each with the lines it asks about. */
export function describeQuestions(questions: Question[], limit = 20): string[] {
  if (questions.length === 0) return [];
  const lines = [`Check these first (${questions.length}): the add-in was not sure of them.`];
  for (const question of questions) {
    lines.push(
      `  ? ${question.message}${question.where && !question.message.includes(question.where) ? ` (${question.where})` : ""}`,
    );
    for (const line of (question.lines ?? []).slice(0, limit)) {
      lines.push(
        `      '${line.label}' ${line.where}${line.amountGbp === null ? "" : ` £${pounds.format(line.amountGbp)}`}: ${line.decidedBy}`,
      );
    }
    if ((question.lines ?? []).length > limit)
      lines.push(`      ... and ${(question.lines ?? []).length - limit} more`);
  }
  lines.push(
    '  Answer with --period, or "lineCategories" in the --assumptions file ({"<label>": "ifa" | ... | "excluded"}).',
    "",
  );
  return lines;
}

export function describeInspection(report: InspectReport): string[] {
  const lines: string[] = [];
  for (const table of report.tables) {
    const period = table.period
      ? `P${table.period.period}${table.period.financialYear === null ? "" : ` ${table.period.financialYear}/${String((table.period.financialYear + 1) % 100).padStart(2, "0")}`} (${table.period.source})`
      : "not found";
    lines.push(`Budget table '${table.sheet}' ${table.range}, header row ${table.headerRow}`);
    lines.push(`  units ${table.units.kind === "thousands" ? "£000" : "£"} (${table.units.source}); period ${period}`);
    lines.push(
      `  columns: ${table.columns.map((c) => `${c.measure} ${c.column}${c.header ? ` '${c.header}'` : ""}${c.months ? ` [${c.months.join(", ")}]` : ""}`).join("; ")}`,
    );
    for (const line of table.lines) {
      const what =
        line.outcome === "placement"
          ? line.category
          : line.outcome === "excluded"
            ? "not a placement cost"
            : "needs a choice";
      const amounts = Object.entries(line.amounts)
        .map(([m, v]) => `${m} ${pounds.format(v)}`)
        .join(", ");
      lines.push(`    ${line.cell}: '${line.label}' -> ${what} (${line.decidedBy}); ${amounts}`);
    }
    lines.push("");
  }
  for (const list of report.placementLists) lines.push(`Placement list '${list.sheet}': ${list.placements} placements`);
  for (const history of report.countHistories) lines.push(`Count history '${history.sheet}': ${history.counts} counts`);
  for (const sheet of report.episodeSheets) lines.push(`SSDA903 episodes: '${sheet}'`);
  for (const sheet of report.notRecognised) lines.push(`Not used: '${sheet.sheet}': ${sheet.reason}`);
  return lines.concat("", describeQuestions(report.questions, Number.POSITIVE_INFINITY));
}

/** Exit 0 when something was recognised, 1 when nothing was (usage errors are 2, from the wiring). */
export async function runInspect(
  input: string,
  options: { json?: boolean; period?: number | undefined; assumptions?: string | undefined },
  io: Output,
): Promise<number> {
  const { grids } = await readWorkbookGrids(input);
  const recognition = recogniseWorkbook(grids, {
    ...(options.period === undefined ? {} : { period: options.period }),
    ...(await readLineChoices(options.assumptions)),
  });
  const report = inspectionOf(input, recognition);
  if (options.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of describeInspection(report)) io.out(line);
  const found =
    report.tables.length + report.placementLists.length + report.countHistories.length + report.episodeSheets.length;
  return found > 0 ? EXIT.built : EXIT.badInput;
}
