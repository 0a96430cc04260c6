/** Running the command line in-process on generated files, for the robustness tests. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { run } from "../support/runCli";
import { parseSummaryJson, type SummaryJson } from "../support/summaryJson";

export { run };

export const SAMPLE = path.join("examples", "p10-budget-monitoring.xlsx");
export const ASSUMPTIONS = path.join("examples", "sample-assumptions.json");

export function freshFolder(prefix = "lac-robust-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Temporary files of this tool left in a folder (`.NAME.PID.tmp`). */
export function temporaryFiles(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith(".tmp"));
}

export interface GeneratedSheet {
  name: string;
  rows: unknown[][];
  state?: "visible" | "hidden" | "veryHidden";
  /** 1-based numbers of rows to hide. */
  hiddenRows?: number[];
}

/** A workbook made by ExcelJS from rows, as a finance team's file would hold them. */
export async function generatedWorkbook(sheets: GeneratedSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { state: sheet.state ?? "visible" });
    for (const row of sheet.rows) worksheet.addRow(row);
    for (const n of sheet.hiddenRows ?? []) worksheet.getRow(n).hidden = true;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The package edited part by part (the test's own changes to a generated workbook). */
export async function editPackage(bytes: Buffer, edit: (zip: JSZip) => Promise<void>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  await edit(zip);
  return zip.generateAsync({ type: "nodebuffer" });
}

export async function partText(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`no part ${name}`);
  return file.async("string");
}

/** Builds `input` (bytes written to a fresh folder) and returns the result with the summary JSON. */
export async function buildFrom(
  bytes: Buffer,
  extra: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string; summary: SummaryJson | null; output: string; dir: string }> {
  const dir = freshFolder();
  const input = path.join(dir, "in.xlsx");
  writeFileSync(input, bytes);
  const output = path.join(dir, "out.xlsx");
  const summaryFile = path.join(dir, "summary.json");
  const result = await run(["build", input, "-o", output, "--summary-json", summaryFile, ...extra]);
  const summary = existsSync(summaryFile) ? parseSummaryJson(readFileSync(summaryFile, "utf8")) : null;
  return { ...result, summary, output, dir };
}
