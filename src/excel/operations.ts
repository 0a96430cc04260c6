/// <reference types="office-js" />
/**
 * What the task pane and the ribbon can ask of the workbook, each one Excel.run. Components receive
 * these as a prop, so tests and the browser test can hand them a fake workbook instead of Excel.
 */
import type { WorkbookPlan } from "../workbook/plan";
import { applyPlan, type ApplyProgress, type ApplyReport } from "./apply";
import { writeDataSheet } from "./dataSheet";
import { BuildCancelled, describeExcelError } from "./errors";
import { capabilitiesOf, type ExcelHost } from "./host";
import { readWorkbook, type WorkbookSnapshot } from "./read";

/** Where the last build's settings live in the document (workbook settings, ExcelApi 1.4). */
export const SETTINGS_KEY = "LacSufficiency.lastBuild";

export interface WorkbookOperations {
  readWorkbook(): Promise<WorkbookSnapshot>;
  applyPlan(plan: WorkbookPlan, onProgress: (progress: ApplyProgress) => void, signal: AbortSignal): Promise<ApplyReport>;
  activateSheet(name: string): Promise<void>;
  /** The settings saved with the last build, or null before the first build of this workbook. */
  loadSettings(): Promise<unknown>;
  saveSettings(settings: unknown): Promise<void>;
  /** Loads rows of text into a new sheet; returns the sheet's name. */
  importRows(baseName: string, rows: string[][]): Promise<{ sheet: string; rows: number }>;
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
    readWorkbook: () => host.run((context) => readWorkbook(context, capabilities())).catch(rethrow("reading the workbook")),
    applyPlan: (plan, onProgress, signal) =>
      host.run((context) => applyPlan(context, plan, { capabilities: capabilities(), onProgress, signal })).catch(rethrow("writing the sufficiency sheets")),
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
    importRows: (baseName, rows) => host.run((context) => writeDataSheet(context, baseName, rows)).catch(rethrow(`loading '${baseName}' into a sheet`)),
  };
}
