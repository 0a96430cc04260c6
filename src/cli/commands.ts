/**
 * What the command line does: read the workbook, recognise its sheets, build the plan, write the
 * output, print what happened, and turn failures into exit codes (0 built, 1 bad input, 2 usage).
 */
import { mkdir, readFile, readdir } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { CATEGORY_LABELS, PLACEMENT_CATEGORIES } from "../core/categories";
import { financialYearLabel, formatDate, parseDate, periodEnd, ymdFromSerial } from "../core/dates";
import type { CareHistory } from "../core/careHistory";
import { parseScenario, type Scenario } from "../core/demand/scenario";
import { isLacError } from "../core/errors";
import type { SheetGrid } from "../core/grid";
import { recogniseWorkbook, type Recognition } from "../sources/recognise";
import { decodeCsvBytes } from "../sources/csv";
import { readEpisodesCsv, readHeaderCsv, stitchCareHistory, type StitchInput } from "../sources/ssda903";
import type { Assumptions } from "../workbook/assumptions";
import { defaultAssumptions } from "../workbook/build";
import type { ExistingSheet } from "../workbook/names";
import { planWorkbook, type PlannedWorkbook, scenarioKeptOn } from "../workbook/pipeline";
import {
  applySheetInputs,
  careDataEndFor,
  readSheetInputs,
  SHEET_INPUT_FIELDS,
  type SheetInputs,
} from "../workbook/sheetInputs";
import type { WorkbookPlan } from "../workbook/plan";
import type { Diagnostic, RowDiagnostic } from "../core/diagnostics";
import { readAssumptionsFile } from "./assumptionsFile";
import { chooseCouncil, type CouncilChoice } from "./council";
import { CliError, EXIT, isCliError } from "../xlsx/errors";
import { describeQuestions, readLineChoices } from "./inspect";
import { protectedStructureError } from "../xlsx/workbookPart";
import { readWorkbookGrids } from "../xlsx/xlsxRead";
import { checkOutputsAreNew, type NamedPath, writeFilesSafely } from "../xlsx/safeFiles";
import { prepareWorkbookOutput, type WriteReport } from "../xlsx/xlsxWrite";
import { maxOf } from "../core/arrays";

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export interface BuildOptions {
  input: string;
  output: string;
  /** "P10", "10" or "Period 10". */
  period?: string;
  summaryJson?: string;
  assumptions?: string;
  /** SSDA903 Episodes files (one per annual return), adding the demand forecast sheets. */
  episodes?: string[];
  /** SSDA903 Header files, paired in order with the Episodes files. */
  header?: string[];
  /** A demand scenario (JSON); without it, the scenario kept on the workbook's own Scenarios sheet. */
  scenario?: string;
  /** Refuse to write while any question is open (for scheduled runs). */
  strict?: boolean;
  /** The council, by name, E-code or LA number: its published population aged 0-17 fills the years left blank. */
  la?: string;
  /** Read only these of the user's sheets; by default every visible one. */
  sheets?: string[];
  /** Read hidden sheets too. */
  includeHidden?: boolean;
  /** --903-to: the date the SSDA903 data run to (dd/mm/yyyy or yyyy-mm-dd). */
  dataEnd903?: string;
  /** --drop-903-sheets: without episodes, remove the care and demand sheets of the last build rather than keep them. */
  drop903Sheets?: boolean;
}

export interface BuildResult {
  recognition: Recognition;
  plan: WorkbookPlan;
  report: WriteReport;
  /** The user's sheets, in tab order. */
  userSheets: string[];
}

/** "January" for period 10: the month the period covers, by the financial year convention of core/dates. */
function periodMonth(period: number): string {
  const { month } = ymdFromSerial(periodEnd(2000, period));
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
}

/** The period a user typed: "P10", "p10", "10", "Period 10", "Month 10" -> 10. */
export function parsePeriodOption(text: string): number {
  const match = /^\s*(?:p|period|month)?\s*(\d{1,2})\s*$/i.exec(text);
  const period = match ? Number(match[1]) : NaN;
  if (!(period >= 1 && period <= 12)) {
    throw new CliError(`Expected --period as P1 to P12 (P1 = April, P10 = January), found '${text}'.`, EXIT.usage);
  }
  return period;
}

/** The date of --903-to, as a 903 file writes dates or as ISO. */
export function parseDataEndOption(text: string): number {
  try {
    const serial = parseDate(text);
    if (serial !== null) return serial;
  } catch (error) {
    if (!isLacError(error)) throw error;
  }
  throw new CliError(`Expected --903-to as a date such as 31/03/2024 or 2024-03-31, found '${text}'.`, EXIT.usage);
}

function nothingRecognised(input: string, recognition: Recognition, sheets: string[]): CliError {
  const found = sheets.length
    ? recognition.unrecognised.map((u) => `  - sheet '${u.sheet}': ${u.reason}`)
    : ["  (the workbook has no sheets of its own with any values)"];
  const episodes = recognition.episodeSheets.length
    ? [
        `  - SSDA903 episodes on ${recognition.episodeSheets.map((s) => `'${s}'`).join(", ")}, which a build does not use on their own`,
      ]
    : [];
  const histories = recognition.lacHistories.map(
    (history) => `  - counts of children looked after on '${history.sheet}', which a build does not use on their own`,
  );
  return new CliError(
    [
      `Expected a budget monitoring summary or a placement list in '${input}', but found neither:`,
      ...found,
      ...episodes,
      ...histories,
    ].join("\n") +
      "\nA budget monitoring summary needs a column of line labels (Residential, IFA, ...) and a spend column such as 'Actual to date' or 'Forecast outturn'.",
  );
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT"
        ? `Expected ${what} at '${file}', but there is no such file.`
        : `Could not read '${file}': ${(error as Error).message}`,
    );
  }
}

/** A CSV file's text, in whichever encoding it was saved (decodeCsvBytes). */
async function readCsvText(file: string, what: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      code === "ENOENT"
        ? `Expected ${what} at '${file}', but there is no such file.`
        : `Could not read '${file}': ${(error as Error).message}`,
    );
  }
  try {
    return decodeCsvBytes(bytes, file);
  } catch (error) {
    if (isLacError(error)) throw new CliError(error.message);
    throw error;
  }
}

/** Rows a file could not give, as one warning per file: how many, and the first few reasons. */
function rowIssueWarnings(issues: RowDiagnostic[]): Diagnostic[] {
  const byFile = new Map<string, RowDiagnostic[]>();
  for (const issue of issues) byFile.set(issue.file, [...(byFile.get(issue.file) ?? []), issue]);
  return [...byFile].map(([file, fileIssues]) => ({
    severity: "warning",
    message: `${fileIssues.length} row${fileIssues.length === 1 ? "" : "s"} of ${file} could not be used and ${fileIssues.length === 1 ? "was" : "were"} skipped: ${fileIssues
      .slice(0, 3)
      .map((issue) => `row ${issue.row}: ${issue.message}`)
      .join("; ")}${fileIssues.length > 3 ? "; ..." : ""}`,
    where: file,
  }));
}

/** The SSDA903 returns given on the command line, stitched into one history. */
async function readCareHistory(
  episodes: string[],
  headers: string[],
): Promise<{ history: CareHistory; warnings: Diagnostic[] }> {
  if (headers.length > 0 && headers.length !== episodes.length) {
    throw new CliError(
      `Expected one --header file for each --episodes file (paired in order), found ${episodes.length} Episodes file${episodes.length === 1 ? "" : "s"} and ${headers.length} Header file${headers.length === 1 ? "" : "s"}.`,
      EXIT.usage,
    );
  }
  const files: StitchInput[] = [];
  for (const [i, file] of episodes.entries()) {
    const rows = readEpisodesCsv(await readCsvText(file, "an SSDA903 Episodes file (CSV)"), file);
    if (rows.episodes.length === 0)
      throw new CliError(rows.issues[0]?.message ?? `Expected SSDA903 episodes in '${file}', but it has none.`);
    const headerFile = headers[i];
    const header =
      headerFile === undefined
        ? undefined
        : readHeaderCsv(await readCsvText(headerFile, "an SSDA903 Header file (CSV)"), headerFile);
    if (header?.child.length === 0)
      throw new CliError(
        header.issues[0]?.message ?? `Expected children in the Header file '${headerFile}', but it has none.`,
      );
    files.push({ episodes: rows, ...(header ? { header } : {}) });
  }
  const history = stitchCareHistory(files);
  return { history, warnings: rowIssueWarnings(history.issues) };
}

/** The scenario of --scenario, else the one a user keeps on the workbook's own Scenarios sheet. */
async function readScenario(
  file: string | undefined,
  existing: ExistingSheet[],
  ownedGrids: SheetGrid[],
): Promise<Scenario | undefined> {
  try {
    if (file) {
      const text = await readText(file, "a scenario file (JSON)");
      let json: unknown;
      try {
        json = JSON.parse(text.replace(/^\uFEFF/, ""));
      } catch (error) {
        throw new CliError(
          `Expected '${file}' to be JSON, but it could not be read as JSON: ${(error as Error).message}.`,
        );
      }
      return parseScenario(json, file);
    }
    return scenarioKeptOn({ existing, ownedGrids }) ?? undefined;
  } catch (error) {
    if (isLacError(error)) throw new CliError(error.message);
    throw error;
  }
}

/**
 * What the assumptions file replaced of the values on the add-in's sheets, one warning per assumption:
 * the inputs that would still change the file's assumptions if laid over them.
 */
function replacedByFile(file: string, sheetInputs: SheetInputs, fromFile: Assumptions): Diagnostic[] {
  const warnings = new Map<string, Diagnostic>();
  for (const { key, where } of applySheetInputs(fromFile, sheetInputs, { lines: "sheet" }).changed) {
    const field = SHEET_INPUT_FIELDS[key];
    if (warnings.has(field)) continue;
    warnings.set(field, {
      severity: "warning",
      message: `${file} gives "${field}", which replaces what ${where} held: the file's value is used. To keep the value on the sheet, build without --assumptions or leave "${field}" out of the file.`,
      where,
    });
  }
  return [...warnings.values()];
}

/** Reads, recognises, builds and writes. Throws CliError for anything the user can put right. */
export async function buildWorkbook(options: BuildOptions): Promise<BuildResult> {
  const period = options.period === undefined ? undefined : parsePeriodOption(options.period);
  await checkOutputsAreNew(inputFiles(options), [
    { file: options.output, role: "the output workbook" },
    ...(options.summaryJson ? [{ file: options.summaryJson, role: "the --summary-json file" }] : []),
  ]);
  const episodes = options.episodes ?? [];
  checkCareOptions(options, episodes);
  const dataEnd903 = options.dataEnd903 === undefined ? undefined : parseDataEndOption(options.dataEnd903);
  const {
    grids,
    existing,
    ownedGrids,
    warnings: readWarnings,
    structureProtected,
  } = await readWorkbookGrids(options.input, {
    ...(options.sheets ? { sheets: options.sheets } : {}),
    ...(options.includeHidden ? { includeHidden: true } : {}),
  });
  if (structureProtected) throw protectedStructureError(`'${options.input}'`);
  const recognition = recogniseWorkbook(grids, {
    ...(period === undefined ? {} : { period }),
    ...(await readLineChoices(options.assumptions)),
  });
  if (options.strict) refuseOpenQuestions(recognition);
  const care = episodes.length ? await readCareHistory(episodes, options.header ?? []) : null;
  if (recognition.budgets.length === 0 && recognition.placementLists.length === 0 && !care) {
    throw nothingRecognised(
      options.input,
      recognition,
      grids.map((grid) => grid.name),
    );
  }
  const scenario = care ? await readScenario(options.scenario, existing, ownedGrids) : undefined;
  const sheetInputs = readSheetInputs({ ownedGrids, existing });
  const chosen = await chooseAssumptions(options, { recognition, care, sheetInputs, grids, dataEnd903 });
  const planned = planOrExplain({
    snapshot: { existing },
    recognition,
    careHistory: care?.history,
    assumptions: chosen.assumptions,
    sheetInputs,
    scenario,
    previous903Sheets: options.drop903Sheets ? "drop" : "keep",
    benchmarks: chosen.benchmarks,
    warnings: chosen.warnings,
  });
  const plan = { ...planned.plan, warnings: [...readWarnings, ...(care?.warnings ?? []), ...planned.plan.warnings] };
  if (planned.refusal) throw new CliError(`${planned.refusal.message} ${planned.refusal.whatToDo}`);
  const report = await writeOutputs(options, plan, grids);
  return {
    recognition,
    plan,
    report,
    userSheets: existing.filter((sheet) => sheet.ownedKey === null).map((sheet) => sheet.name),
  };
}

/** Refuses the SSDA903-only options (--header, --scenario, --903-to) without --episodes, and --drop-903-sheets with them. */
function checkCareOptions(options: BuildOptions, episodes: string[]): void {
  if (episodes.length === 0 && (options.header?.length || options.scenario)) {
    throw new CliError(
      `${options.scenario ? "--scenario" : "--header"} needs --episodes: it belongs to the demand forecast made from SSDA903 Episodes files.`,
      EXIT.usage,
    );
  }
  if (episodes.length === 0 && options.dataEnd903 !== undefined) {
    throw new CliError("--903-to needs --episodes: it says when the SSDA903 Episodes files end.", EXIT.usage);
  }
  if (episodes.length > 0 && options.drop903Sheets) {
    throw new CliError(
      "--drop-903-sheets is for a build without --episodes: with them, the care and demand sheets are built afresh.",
      EXIT.usage,
    );
  }
}

/** --strict: nothing is written while any question about the sheets is open; the message lists them. */
function refuseOpenQuestions(recognition: Recognition): void {
  if (recognition.questions.length === 0) return;
  throw new CliError(
    [
      `--strict: nothing was written, because ${recognition.questions.length} question${recognition.questions.length === 1 ? " is" : "s are"} open.`,
      ...describeQuestions(recognition.questions),
    ].join("\n"),
  );
}

/**
 * The assumptions of this build, in rising precedence: the defaults (with the council's published
 * population), what the user left on the add-in's sheets, then the --assumptions file. The warnings
 * say what each layer replaced or could not read.
 */
async function chooseAssumptions(
  options: BuildOptions,
  read: {
    recognition: Recognition;
    care: { history: CareHistory; warnings: Diagnostic[] } | null;
    sheetInputs: SheetInputs;
    grids: SheetGrid[];
    dataEnd903: number | undefined;
  },
): Promise<{ assumptions: Assumptions; benchmarks: CouncilChoice["benchmarks"]; warnings: Diagnostic[] }> {
  const { recognition, care, sheetInputs, grids, dataEnd903 } = read;
  const careDataEnd =
    care &&
    careDataEndFor(
      care.history,
      sheetInputs,
      dataEnd903 === undefined ? undefined : { value: dataEnd903, source: "--903-to" },
    );
  // The council's published population is a default: what the sheets and the file hold is laid over it.
  const published = chooseCouncil(
    options.la,
    sheetInputs,
    defaultAssumptions(recognition, care ? { careHistory: care.history, ...(careDataEnd ? { careDataEnd } : {}) } : {}),
    grids,
  );
  const kept = applySheetInputs(published.assumptions, sheetInputs, { lines: "sheet" });
  let assumptions = kept.assumptions;
  let replaced: Diagnostic[] = [];
  if (options.assumptions) {
    assumptions = await readAssumptionsFile(options.assumptions, kept.assumptions);
    replaced = replacedByFile(options.assumptions, sheetInputs, assumptions);
  }
  return {
    assumptions: { ...assumptions, council: published.council },
    benchmarks: published.benchmarks,
    warnings: [...published.warnings, ...sheetInputs.warnings, ...kept.warnings, ...replaced],
  };
}

/** The plan, with a library error the user can put right turned into a CliError. */
function planOrExplain(input: Parameters<typeof planWorkbook>[0]): PlannedWorkbook {
  try {
    return planWorkbook(input);
  } catch (error) {
    if (isLacError(error)) throw new CliError(error.message);
    throw error;
  }
}

/** Writes the output workbook and, if asked, the summary JSON; returns what the writer did. */
async function writeOutputs(options: BuildOptions, plan: WorkbookPlan, grids: SheetGrid[]): Promise<WriteReport> {
  const { bytes, report } = await prepareWorkbookOutput(options.input, plan, options.output, { sourceGrids: grids });
  // The workbook and its summary appear together or not at all.
  await writeFilesSafely([
    { file: options.output, data: bytes, what: "the output workbook" },
    ...(options.summaryJson
      ? [{ file: options.summaryJson, data: summaryJson(plan, report), what: "the summary" }]
      : []),
  ]);
  return report;
}

function summaryJson(plan: WorkbookPlan, report: WriteReport): string {
  const summary = {
    ...plan.summary,
    warnings: [...plan.warnings, ...report.warnings],
    sheets: report.sheets.map((sheet) => sheet.name),
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/** Every file a build reads, none of which it may write. */
function inputFiles(options: BuildOptions): NamedPath[] {
  return [
    { file: options.input, role: "the input workbook" },
    ...(options.assumptions ? [{ file: options.assumptions, role: "the --assumptions file" }] : []),
    ...(options.scenario ? [{ file: options.scenario, role: "the --scenario file" }] : []),
    ...(options.episodes ?? []).map((file) => ({ file, role: "the --episodes file" })),
    ...(options.header ?? []).map((file) => ({ file, role: "the --header file" })),
  ];
}

const pounds = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

function money(value: number | null, width: number): string {
  return (value === null ? "-" : pounds.format(value)).padStart(width);
}

function describeWarning(warning: Diagnostic): string {
  return `  - ${warning.message}${warning.where && !warning.message.includes(warning.where) ? ` (${warning.where})` : ""}`;
}

/** What a build read, found and wrote, as lines for a person to read. */
export function describeBuild(result: BuildResult, output: string): string[] {
  const { recognition, plan } = result;
  return [
    ...describeQuestions(recognition.questions),
    ...describeRecognised(recognition),
    ...describePeriodAndUnits(plan.summary, recognition),
    ...describeSpend(plan.summary),
    ...describeChildrenAndRates(plan.summary),
    ...describeCostProjection(plan.summary),
    ...describeWarnings(result),
    ...describeWritten(result, output),
  ];
}

type PlanSummary = WorkbookPlan["summary"];

/** Each sheet read and what was found on it (lines, placements, counts), and each sheet not used and why. */
function describeRecognised(recognition: BuildResult["recognition"]): string[] {
  const lines = ["Recognised:"];
  for (const budget of recognition.budgets) {
    const left = budget.excluded.length ? `, ${budget.excluded.length} not counted as placements` : "";
    lines.push(
      `  budget monitoring  '${budget.sheet}': ${budget.lines.length} lines${left}, units ${budget.units.kind === "thousands" ? "£000" : "£"} (${budget.units.source})`,
    );
  }
  for (const list of recognition.placementLists) {
    const bad = list.badRows.length ? `, ${list.badRows.length} rows not read` : "";
    lines.push(`  placement list     '${list.sheet}': ${list.placements.length} placements${bad}`);
  }
  for (const history of recognition.lacHistories) {
    const [first, last] = [history.points[0], history.points[history.points.length - 1]];
    const bad = history.badRows.length ? `, ${history.badRows.length} rows not read` : "";
    lines.push(
      `  LAC history        '${history.sheet}': ${history.points.length} counts of children looked after, ${first.count} on ${formatDate(first.date)} to ${last.count} on ${formatDate(last.date)}${bad}`,
    );
  }
  for (const sheet of recognition.unrecognised) lines.push(`  not used           '${sheet.sheet}': ${sheet.reason}`);
  return lines;
}

/** The reporting period (and where it came from) and the budget sheet's units. */
function describePeriodAndUnits(summary: PlanSummary, recognition: BuildResult["recognition"]): string[] {
  const { period, financialYear } = summary;
  const periodText =
    period === null
      ? "not known (give --period)"
      : `P${period} (${periodMonth(period)})${financialYear === null ? "" : ` ${financialYearLabel(financialYear)}`}`;
  return [
    "",
    `Period: ${periodText}${recognition.period ? `, from ${recognition.period.source}` : ""}`,
    `Units of the budget sheet: ${summary.units === "thousands" ? "£000 (figures below in £)" : summary.units === "gbp" ? "£" : "not known"}`,
  ];
}

/** A table of actual to date and forecast outturn by placement category, with the total. */
function describeSpend(summary: PlanSummary): string[] {
  const categories = PLACEMENT_CATEGORIES.filter((category) => summary.categories[category]);
  const labelWidth =
    Math.max(
      24,
      maxOf(
        categories.map((category) => CATEGORY_LABELS[category].length),
        0,
      ),
    ) + 2;
  const lines = [
    "",
    `${"Spend (£)".padEnd(labelWidth)}${"Actual to date".padStart(16)}${"Forecast outturn".padStart(18)}`,
  ];
  for (const category of categories) {
    const figures = summary.categories[category] as {
      actualToDate: number | null;
      forecastOutturn: number | null;
    };
    lines.push(
      `  ${CATEGORY_LABELS[category].padEnd(labelWidth - 2)}${money(figures.actualToDate, 16)}${money(figures.forecastOutturn, 18)}`,
    );
  }
  lines.push(
    `  ${"Total".padEnd(labelWidth - 2)}${money(summary.totals.actualToDate, 16)}${money(summary.totals.forecastOutturn, 18)}`,
  );
  return lines;
}

/** Average weekly costs, children looked after (latest and projected) and the published rate beside comparators. */
function describeChildrenAndRates(summary: PlanSummary): string[] {
  const lines: string[] = [];
  const averages = record(summary.averageWeeklyCost);
  const weekly = PLACEMENT_CATEGORIES.filter((category) => num(averages[category]) !== null);
  if (weekly.length) {
    lines.push(
      "",
      `Average weekly cost (£): ${weekly.map((category) => `${CATEGORY_LABELS[category]} ${pounds.format(num(averages[category]) as number)}`).join("; ")}`,
    );
  }

  const lookedAfter = record(summary.lookedAfter);
  const latest = num(lookedAfter.latest);
  const latestDate = num(lookedAfter.latestDate);
  const projected = num(lookedAfter.projected);
  const target = num(lookedAfter.projectionTargetDate);
  if (latest !== null || projected !== null) {
    const now =
      latest === null
        ? "latest count not given"
        : `${pounds.format(latest)}${latestDate === null ? "" : ` on ${formatDate(latestDate)}`}`;
    const then =
      projected === null
        ? ""
        : `; projected ${pounds.format(projected)}${target === null ? "" : ` by ${formatDate(target)}`}`;
    lines.push("", `Children looked after: ${now}${then}`);
  }

  const comparison = record(summary.comparison);
  const rate = record(comparison.ratePer10k);
  if (typeof comparison.council === "string") {
    const shown = (value: unknown): string =>
      num(value) === null ? "not published" : String(Number((num(value) as number).toFixed(1)));
    lines.push(
      "",
      `Published rate per 10,000 at 31 March ${String(comparison.year)}: ${comparison.council} ${shown(rate.la)}; statistical neighbours ${shown(rate.mean)} (mean), ${shown(rate.median)} (median); ${String(comparison.region)} ${shown(rate.region)}; England ${shown(rate.england)} (Benchmarks sheet)`,
    );
  }
  return lines;
}

/** The cost projection in £000: current cost, the increase from more children, uplift and total. */
function describeCostProjection(summary: PlanSummary): string[] {
  const cost = record(summary.costProjection);
  const thousands = (value: unknown): string =>
    (num(value) === null ? "-" : pounds.format((num(value) as number) / 1000)).padStart(12);
  if (num(cost.totalGbp) === null) return [];
  return [
    "",
    "Cost projection (£000)",
    `  ${"Current cost".padEnd(30)}${thousands(cost.currentCostGbp)}`,
    `  ${"Increase from more children".padEnd(30)}${thousands(cost.increaseGbp)}`,
    `  ${"Uplift".padEnd(30)}${thousands(cost.upliftGbp)}`,
    `  ${"Total".padEnd(30)}${thousands(cost.totalGbp)}`,
  ];
}

/** The plan's and the writer's warnings, less those that repeat a sheet listed as not used. */
function describeWarnings({ recognition, plan, report }: BuildResult): string[] {
  // Sheets not used are listed under "Recognised" already; the plan repeats them as warnings for the workbook.
  const warnings = [...plan.warnings, ...report.warnings].filter(
    (w) => !recognition.unrecognised.some((u) => w.message.includes(u.reason)),
  );
  return warnings.length ? ["", `Warnings (${warnings.length}):`, ...warnings.map(describeWarning)] : [];
}

/** Which sheets were written (replaced or new), removed and kept, beside the user's unchanged sheets. */
function describeWritten({ report, userSheets }: BuildResult, output: string): string[] {
  const written = report.sheets.map((sheet) => `'${sheet.name}'${sheet.replaced ? " (replaced)" : ""}`).join(", ");
  const removed = report.removedSheets.length
    ? ` Removed the add-in's old ${report.removedSheets.map((s) => `'${s}'`).join(", ")}.`
    : "";
  const keptOld = report.keptSheets.length
    ? ` Kept the last build's ${report.keptSheets.map((s) => `'${s}'`).join(", ")} as they were (not refreshed without --episodes).`
    : "";
  return [
    "",
    `Wrote ${output}: ${written}, beside your sheets ${userSheets.map((s) => `'${s}'`).join(", ")} (unchanged).${removed}${keptOld}`,
  ];
}

/** Runs a command, printing a user-facing failure as its message alone and a bug with its stack. */
export async function runCommand(io: Output, command: () => Promise<void>): Promise<number> {
  try {
    await command();
    return EXIT.built;
  } catch (error) {
    if (isCliError(error)) {
      io.err(error.message);
      return error.exitCode;
    }
    io.err(`Internal error (please report it): ${(error as Error).stack ?? String(error)}`);
    return EXIT.badInput;
  }
}

export async function runBuild(options: BuildOptions, io: Output = processOutput): Promise<number> {
  return runCommand(io, async () => {
    const result = await buildWorkbook(options);
    for (const line of describeBuild(result, options.output)) io.out(line);
  });
}

/** The folder holding package.json: examples/ sits there whether this runs from src/ or dist/src/. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "examples"))) return dir;
    if (path.dirname(dir) === dir)
      throw new CliError("Could not find the examples folder of lac-sufficiency next to the program.");
  }
}

export const DEMO_OUTPUT = path.join("out", "sufficiency-demo.xlsx");

/** The build the demo runs: everything in examples/ (the sample workbook, assumptions, scenario and 903 returns). */
export async function demoBuildOptions(output: string, summaryJson?: string): Promise<BuildOptions> {
  const examples = path.join(packageRoot(), "examples");
  const returns = (await readdir(path.join(examples, "903"))).sort();
  const inFolder = (prefix: string): string[] =>
    returns.filter((name) => name.startsWith(prefix)).map((name) => path.join(examples, "903", name));
  return {
    input: path.join(examples, "p10-budget-monitoring.xlsx"),
    assumptions: path.join(examples, "sample-assumptions.json"),
    episodes: inFolder("episodes_"),
    header: inFolder("header_"),
    scenario: path.join(examples, "sample-scenario.json"),
    // The sample is Sefton's 2021/22 budget: its published figures are set beside its own.
    la: "Sefton",
    output,
    ...(summaryJson ? { summaryJson } : {}),
  };
}

/** `lac-sufficiency demo`: builds the sample P10 workbook in examples/ and prints what it found and calculated. */
export async function runDemo(
  options: { output?: string; summaryJson?: string } = {},
  io: Output = processOutput,
): Promise<number> {
  return runCommand(io, async () => {
    const output = options.output ?? DEMO_OUTPUT;
    await mkdir(path.dirname(path.resolve(output)), { recursive: true });
    const build = await demoBuildOptions(output, options.summaryJson);
    const shown = (file: string): string => path.relative(process.cwd(), file);
    io.out(`Demo: the sample P10 budget monitoring workbook ${shown(build.input)}, with the assumptions in`);
    io.out(
      `${shown(build.assumptions as string)}, the synthetic SSDA903 returns ${(build.episodes ?? []).map((f) => path.basename(f)).join(", ")}`,
    );
    io.out(`(with their Header files) and the demand scenario in ${shown(build.scenario as string)}.`);
    io.out("");
    const result = await buildWorkbook(build);
    for (const line of describeBuild(result, output)) io.out(line);
  });
}
