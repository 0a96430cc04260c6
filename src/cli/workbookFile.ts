/**
 * Opening the user's workbook file, with messages that say what is wrong with it.
 */
import { readFile } from "node:fs/promises";
import { CliError } from "./errors";
import { OoxmlPackage } from "./ooxmlPackage";

/** The first bytes of an OLE compound file: an old .xls, or an .xlsx saved with a password. */
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_SIGNATURE = [0x50, 0x4b];

export type WorkbookSource = string | Buffer;

export function describeSource(source: WorkbookSource): string {
  return typeof source === "string" ? `'${source}'` : "the workbook";
}

export async function readSourceBytes(source: WorkbookSource): Promise<Buffer> {
  if (typeof source !== "string") return source;
  try {
    return await readFile(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`Expected an .xlsx workbook at '${source}', but there is no such file.`);
    if (code === "EISDIR") throw new CliError(`Expected an .xlsx workbook at '${source}', but it is a folder.`);
    throw new CliError(`Could not read '${source}': ${(error as Error).message}`);
  }
}

function startsWith(bytes: Buffer, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** The workbook as a package, or a CliError saying what the file is instead. */
export async function openWorkbookPackage(source: WorkbookSource): Promise<{ bytes: Buffer; pkg: OoxmlPackage }> {
  const bytes = await readSourceBytes(source);
  const where = describeSource(source);
  if (startsWith(bytes, OLE_SIGNATURE)) {
    throw new CliError(
      `Expected an .xlsx workbook, but ${where} is an old-style .xls file or a password-protected workbook. Open it in Excel and save it as an Excel Workbook (.xlsx) without a password.`,
    );
  }
  if (!startsWith(bytes, ZIP_SIGNATURE)) {
    throw new CliError(`Expected an .xlsx workbook, but ${where} is not one (an .xlsx file is a zip package; this file does not start like one).`);
  }
  let pkg: OoxmlPackage;
  try {
    pkg = await OoxmlPackage.load(bytes);
  } catch (error) {
    throw new CliError(`Expected an .xlsx workbook, but ${where} could not be opened as one: ${(error as Error).message}.`);
  }
  if (!pkg.has("[Content_Types].xml")) {
    throw new CliError(`Expected an .xlsx workbook, but ${where} is a zip file without the parts of a workbook.`);
  }
  try {
    await pkg.workbookPartName();
  } catch {
    throw new CliError(`Expected an .xlsx workbook, but ${where} is an Office package without a workbook (a Word or PowerPoint file?).`);
  }
  return { bytes, pkg };
}
