/// <reference types="office-js" />
/**
 * What the task pane and the ribbon can ask of the workbook, each one Excel.run. Components receive
 * these as a prop, so tests and the browser test can hand them a fake workbook instead of Excel.
 */
import type { WorkbookPlan } from "../workbook/plan";
import { applyPlan, type ApplyProgress, type ApplyReport } from "./apply";
import { lastImportedSheet, writeDataSheet, type DataTable, type ImportResult, type ImportTarget } from "./dataSheet";
import { BuildCancelled, describeExcelError } from "./errors";
import { capabilitiesOf, type ExcelHost } from "./host";
import { type ReadOptions, readWorkbook, type WorkbookSnapshot } from "./read";

/** Where the last build's settings live in the document (workbook settings, ExcelApi 1.4). */
export const SETTINGS_KEY = "LacSufficiency.lastBuild";

export interface WorkbookOperations {
  readWorkbook(options?: ReadOptions): Promise<WorkbookSnapshot>;
  applyPlan(
    plan: WorkbookPlan,
    onProgress: (progress: ApplyProgress) => void,
    signal: AbortSignal,
  ): Promise<ApplyReport>;
  activateSheet(name: string): Promise<void>;
  /** The settings saved with the last build, or null before the first build of this workbook. */
  loadSettings(): Promise<unknown>;
  saveSettings(settings: unknown): Promise<void>;
  /** Loads a table into a sheet of the user's: a new one, or the one the last import wrote when the user chose to replace it. */
  importTable(table: DataTable, target: ImportTarget): Promise<ImportResult>;
  /** The sheet the last import wrote, if the workbook still has it. */
  lastImportedSheet(): Promise<string | null>;
}

function rethrow(during: string): (error: unknown) => never {
  return (error: unknown) => {
    if (error instanceof BuildCancelled) throw error;
    throw describeExcelError(error, during);
  };
}

export function excelOperations(host: ExcelHost): WorkbookOperations {
  const capabilities = () => capabilitiesOf(host);
  return {
    readWorkbook: (options) =>
      host.run((context) => readWorkbook(context, capabilities(), options)).catch(rethrow("reading the workbook")),
    applyPlan: (plan, onProgress, signal) =>
      host
        .run((context) => applyPlan(context, plan, { capabilities: capabilities(), onProgress, signal }))
        .catch(rethrow("writing the sufficiency sheets")),
    activateSheet: (name) =>
      host
        .run(async (context) => {
          context.workbook.worksheets.getItem(name).activate();
          await context.sync();
        })
        .catch(rethrow(`showing the sheet '${name}'`)),
    loadSettings: () =>
      host
        .run(async (context) => {
          const item = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
          item.load("value");
          await context.sync();
          return item.isNullObject ? null : (item.value as unknown);
        })
        .catch(rethrow("reading the settings of the last build")),
    saveSettings: (settings) =>
      host
        .run(async (context) => {
          context.workbook.settings.add(SETTINGS_KEY, settings);
          await context.sync();
        })
        .catch(rethrow("saving the build settings in the workbook")),
    importTable: (table, target) =>
      host
        .run((context) => writeDataSheet(context, table, target))
        .catch(
          rethrow(
            "replace" in target
              ? `replacing the contents of sheet '${target.replace}'`
              : `loading the data into a new sheet '${target.newSheet}'`,
          ),
        ),
    lastImportedSheet: () =>
      host.run((context) => lastImportedSheet(context)).catch(rethrow("looking for the sheet of the last import")),
  };
}
