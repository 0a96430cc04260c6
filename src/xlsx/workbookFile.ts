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

/** Whether an OLE compound file holds `stream` (directory entry names are UTF-16LE). */
function hasOleStream(bytes: Buffer, stream: string): boolean {
  return bytes.includes(Buffer.from(stream, "utf16le"));
}

const SAVE_AS_XLSX =
  "Open it in Excel and use File > Save As with the type 'Excel Workbook (.xlsx)', then build from that copy.";

/** The package's own relationships and content types say what kind of Office document it is. */
const STRICT_NAMESPACE = "http://purl.oclc.org/ooxml/";
const MAIN_CONTENT_TYPES: { pattern: RegExp; what: string }[] = [
  { pattern: /sheet\.binary/, what: "an Excel Binary Workbook (.xlsb)" },
  { pattern: /wordprocessingml/, what: "a Word document" },
  { pattern: /presentationml/, what: "a PowerPoint presentation" },
];

/**
 * What a text file given as a workbook is: finance systems often export web pages or Excel 2003 XML
 * under an .xls name, and a CSV is sometimes renamed. Null for a file that is not text.
 */
function textKind(bytes: Buffer): string | null {
  const head = bytes
    .subarray(0, 4096)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  // eslint-disable-next-line no-control-regex -- control characters other than tab and line ends mark a binary file
  if (/[\u0000-\u0008\u000E-\u001A]/.test(head)) return null;
  if (/urn:schemas-microsoft-com:office:spreadsheet/i.test(head)) return "an XML Spreadsheet 2003 file";
  if (/<(html|table|!doctype html)\b/i.test(head))
    return "a web page (HTML) with a spreadsheet's name, as some finance systems export";
  return "a text file (CSV or similar)";
}

/** The workbook as a package, or a CliError saying what the file is instead. */
export async function openWorkbookPackage(source: WorkbookSource): Promise<{ bytes: Buffer; pkg: OoxmlPackage }> {
  const bytes = await readSourceBytes(source);
  const where = describeSource(source);
  if (startsWith(bytes, OLE_SIGNATURE)) {
    if (hasOleStream(bytes, "EncryptedPackage")) {
      throw new CliError(
        `Expected an .xlsx workbook without a password, but ${where} is protected with a password. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password) and save it, then build again.`,
      );
    }
    if (hasOleStream(bytes, "Workbook") || hasOleStream(bytes, "Book")) {
      throw new CliError(
        `Expected an .xlsx workbook, but ${where} is an old-style Excel 97-2003 workbook (.xls). ${SAVE_AS_XLSX}`,
      );
    }
    throw new CliError(
      `Expected an .xlsx workbook, but ${where} is an old-style .xls file or a password-protected workbook. Open it in Excel and save it as an Excel Workbook (.xlsx) without a password.`,
    );
  }
  if (!startsWith(bytes, ZIP_SIGNATURE)) {
    const text = textKind(bytes);
    if (text) throw new CliError(`Expected an .xlsx workbook, but ${where} is ${text}. ${SAVE_AS_XLSX}`);
    throw new CliError(
      `Expected an .xlsx workbook, but ${where} is not one (an .xlsx file is a zip package; this file does not start like one).`,
    );
  }
  let pkg: OoxmlPackage;
  try {
    pkg = await OoxmlPackage.load(bytes);
  } catch (error) {
    throw new CliError(
      `Expected an .xlsx workbook, but ${where} could not be opened as one: ${(error as Error).message}.`,
    );
  }
  const mimetype = pkg.has("mimetype") ? (await pkg.text("mimetype")).trim() : "";
  if (mimetype.startsWith("application/vnd.oasis.opendocument")) {
    const kind = mimetype.endsWith("spreadsheet")
      ? "an OpenDocument spreadsheet (.ods, as LibreOffice saves by default)"
      : "an OpenDocument file, not a workbook";
    throw new CliError(
      `Expected an .xlsx workbook, but ${where} is ${kind}. Open it and save it as .xlsx ('Excel 2007-365 (.xlsx)' in LibreOffice, 'Excel Workbook (.xlsx)' in Excel), then build from that copy.`,
    );
  }
  if (!pkg.has("[Content_Types].xml")) {
    throw new CliError(`Expected an .xlsx workbook, but ${where} is a zip file without the parts of a workbook.`);
  }
  const packageRels = (await pkg.textOrNull("_rels/.rels")) ?? "";
  if (packageRels.includes(STRICT_NAMESPACE)) {
    throw new CliError(
      `Expected an .xlsx workbook, but ${where} is saved as 'Strict Open XML Spreadsheet', which this tool does not read. ${SAVE_AS_XLSX}`,
    );
  }
  let workbookPart: string;
  try {
    workbookPart = await pkg.workbookPartName();
  } catch {
    throw new CliError(
      `Expected an .xlsx workbook, but ${where} is an Office package without a workbook (a Word or PowerPoint file?).`,
    );
  }
  const contentType = (await pkg.contentTypeOf(workbookPart)) ?? "";
  const other = MAIN_CONTENT_TYPES.find((type) => type.pattern.test(contentType));
  if (other) throw new CliError(`Expected an .xlsx workbook, but ${where} is ${other.what}. ${SAVE_AS_XLSX}`);
  return { bytes, pkg };
}
