/**
 * Recalculates .xlsx files with LibreOffice headless and reads back every cell's value, so a test can
 * check the formulas a workbook holds against a real spreadsheet engine (TOOLCHAIN.md). Each call uses
 * a throw-away profile that forces recalculation on load (otherwise LibreOffice keeps the cached values
 * the file was written with) and starts soffice once for all the files given: start-up is most of the
 * cost, so a test file should gather its workbooks into one call.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { LIBREOFFICE } from "./systemPrograms";

/** A recalculated cell: its value, or the Excel error it shows. */
export type RecalculatedValue = number | string | boolean | Date | { error: string };

/** Sheet name -> A1 address -> value; blank cells are absent. */
export type WorkbookValues = Map<string, Map<string, RecalculatedValue>>;

const RECALCULATE_ON_LOAD = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Recalculates one .xlsx and returns its values by sheet and cell. */
export async function recalculateWithLibreOffice(xlsxPath: string): Promise<WorkbookValues> {
  const all = await recalculateFilesWithLibreOffice([xlsxPath]);
  return all.get(xlsxPath) as WorkbookValues;
}

/** Recalculates several .xlsx files in one soffice run; the result is keyed by the paths given. */
export async function recalculateFilesWithLibreOffice(xlsxPaths: string[]): Promise<Map<string, WorkbookValues>> {
  const names = xlsxPaths.map((p) => path.basename(p));
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated)
    throw new Error(
      `recalculateFilesWithLibreOffice: two inputs are named ${repeated}; LibreOffice writes outputs by file name`,
    );
  const work = await mkdtemp(path.join(os.tmpdir(), "lac-libreoffice-"));
  try {
    const profile = path.join(work, "profile");
    const outDir = path.join(work, "out");
    await mkdir(path.join(profile, "user"), { recursive: true });
    await mkdir(outDir);
    await writeFile(path.join(profile, "user", "registrymodifications.xcu"), RECALCULATE_ON_LOAD);
    const args = [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--convert-to",
      "xlsx",
      "--outdir",
      outDir,
      ...xlsxPaths.map((p) => path.resolve(p)),
    ];
    const run = await promisify(execFile)(LIBREOFFICE.command, args, { timeout: 180_000 });
    const results = new Map<string, WorkbookValues>();
    for (const [i, input] of xlsxPaths.entries()) {
      const output = path.join(outDir, names[i]);
      if (!existsSync(output)) {
        throw new Error(`LibreOffice wrote no ${names[i]}; it said: ${run.stdout}${run.stderr}`);
      }
      results.set(input, await readValues(output));
    }
    return results;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function readValues(xlsxPath: string): Promise<WorkbookValues> {
  // LibreOffice marks a 1904 workbook date1904="true", which ExcelJS (reading only "1") would take for
  // the 1900 system, giving every date four years early.
  const zip = await JSZip.loadAsync(await readFile(xlsxPath));
  const workbookXml = await zip.file("xl/workbook.xml")?.async("string");
  if (workbookXml) zip.file("xl/workbook.xml", workbookXml.replace(/date1904="true"/, 'date1904="1"'));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await zip.generateAsync({ type: "nodebuffer" })) as unknown as ExcelJS.Buffer);
  const values: WorkbookValues = new Map();
  workbook.eachSheet((sheet) => {
    const cells = new Map<string, RecalculatedValue>();
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = plainValue(cell.value);
        if (value !== null) cells.set(cell.address, value);
      });
    });
    values.set(sheet.name, cells);
  });
  return values;
}

/** What a cell shows: a formula's cached result, rich text as plain text, an error as { error }. */
function plainValue(value: ExcelJS.CellValue): RecalculatedValue | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean" || value instanceof Date)
    return value;
  if ("error" in value) return { error: value.error };
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("formula" in value || "sharedFormula" in value)
    return value.result === undefined ? null : plainValue(value.result);
  if ("text" in value) return String(value.text);
  return null;
}
