/**
 * The values of chosen worksheets of a package, each found through the workbook's relationships
 * (whatever its part's name), with the shared strings and the styles' date formats the cells refer to.
 * The user's file is never changed: parts are only read.
 */
import { CliError, isCliError } from "./errors";
import { type OoxmlPackage, NS, REL_TYPE, resolveTarget } from "./ooxmlPackage";
import type { SheetEntry, WorkbookPart } from "./workbookPart";
import { ZipParts } from "./zipParts";
import { dateStylesOf, readSheetValues, sharedStringsOf, type SheetValues, type WorkbookValues } from "./readValues";

const REL_SHARED_STRINGS = `${NS.relationships}/sharedStrings`;

/** The part a workbook relationship of `type` points to, if the package has it. */
function relatedPart(pkg: OoxmlPackage, workbook: WorkbookPart, type: string): string | null {
  const rel = workbook.relationships.find((r) => r.type === type && !r.external);
  const part = rel ? resolveTarget(workbook.partName, rel.target) : null;
  return part && pkg.has(part) ? part : null;
}

/** Where parts are read from: the package, and the zip's own index when it can inflate them faster. */
interface Parts {
  pkg: OoxmlPackage;
  zip: ZipParts | null;
}

/** A part's text, not kept by the package: a worksheet part may be tens of megabytes, read once. */
async function partText({ pkg, zip }: Parts, partName: string): Promise<string> {
  const inflated = zip?.inflate(partName);
  if (inflated) return inflated.toString("utf8");
  const bytes = await pkg.binary(partName);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

function unreadable(where: string, error: unknown): CliError {
  return new CliError(
    `Could not read the cells of ${where}: ${(error as Error).message}. Opening it in Excel and saving it again may repair it.`,
  );
}

/** The shared strings, date styles and date system every sheet of the workbook reads with. */
async function workbookValues(parts: Parts, workbook: WorkbookPart, where: string): Promise<WorkbookValues> {
  const { pkg } = parts;
  const stylesPart = relatedPart(pkg, workbook, REL_TYPE.styles);
  const sharedPart = relatedPart(pkg, workbook, REL_SHARED_STRINGS);
  try {
    return {
      sharedStrings: sharedStringsOf(sharedPart === null ? null : await partText(parts, sharedPart)),
      dateStyles: dateStylesOf(stylesPart === null ? null : await partText(parts, stylesPart)),
      date1904: workbook.date1904,
    };
  } catch (error) {
    throw isCliError(error) ? error : unreadable(where, error);
  }
}

export interface SheetToRead {
  entry: SheetEntry;
  /** Read each formula cell's formula too (the add-in's own sheets). */
  formulas?: boolean;
}

/**
 * The values of `sheets` (worksheets of `workbook`), in the order given. `bytes`: the package's file,
 * whose parts are then inflated by zlib (see ZipParts). Throws a CliError naming a sheet whose part is
 * missing or cannot be read.
 */
export async function readWorksheetValues(
  pkg: OoxmlPackage,
  workbook: WorkbookPart,
  sheets: SheetToRead[],
  where: string,
  bytes?: Buffer,
): Promise<SheetValues[]> {
  const parts: Parts = { pkg, zip: bytes ? ZipParts.of(bytes) : null };
  const shared = await workbookValues(parts, workbook, where);
  const read: SheetValues[] = [];
  for (const { entry, formulas } of sheets) {
    if (!entry.partName || !pkg.has(entry.partName)) {
      throw new CliError(
        `Expected the cells of sheet '${entry.name}' in ${where}, but the workbook's relationships lead to ${entry.partName ? `'${entry.partName}', which the file does not hold` : "no part"}. Opening it in Excel and saving it again may repair it.`,
      );
    }
    try {
      read.push(
        readSheetValues(await partText(parts, entry.partName), entry.name, shared, { formulas: formulas === true }),
      );
    } catch (error) {
      // Whatever the part holds (broken XML, bytes that do not inflate), the user gets what to do, not a stack.
      throw isCliError(error) ? error : unreadable(`sheet '${entry.name}' of ${where}`, error);
    }
  }
  return read;
}
