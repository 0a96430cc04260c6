/**
 * The package ExcelJS reads cells from, made from the user's workbook. ExcelJS finds worksheets only at
 * xl/worksheets/sheetN.xml and the workbook only at xl/workbook.xml, so a workbook whose parts have other
 * names (any name is valid: the workbook's relationships say where each sheet is) would lose sheets
 * without a word. Here each chosen sheet is found through the relationships and handed to ExcelJS under
 * the name it expects, with the shared strings and styles (for date formats) and nothing else: no
 * drawings, images or other sheets to parse. The user's file is never changed; this copy lives in memory.
 *
 * Text escapes: Excel stores characters XML cannot hold as `_xHHHH_` (`_x000D_` for a carriage return,
 * `_x005F_` for an underscore that would otherwise start one). ExcelJS decodes them in shared strings,
 * but only with upper-case hex digits, and not in inline strings; both are put right here.
 */
import JSZip from "jszip";
import { CliError } from "./errors";
import { type OoxmlPackage, NS, REL_TYPE, resolveTarget } from "./ooxmlPackage";
import type { SheetEntry, WorkbookPart } from "./workbookPart";
import { escapeAttribute } from "./xml";

const REL_SHARED_STRINGS = `${NS.relationships}/sharedStrings`;

/** `_x000d_` -> `_x000D_`, which ExcelJS decodes like Excel. */
function upperCaseEscapes(xml: string): string {
  return xml.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => `_x${hex.toUpperCase()}_`);
}

const INLINE_STRING = /<((?:[\w.-]+:)?c)\b([^>]*?)\st="inlineStr"([^>]*)>\s*<((?:[\w.-]+:)?is)>([\s\S]*?)<\/\4>/g;

/**
 * Inline-string cells become shared-string cells (their `<is>` appended to the shared strings), so
 * ExcelJS reads and decodes every text the same way.
 */
function inlineToShared(sheetXml: string, shared: string[]): string {
  if (!sheetXml.includes("inlineStr")) return sheetXml;
  return sheetXml.replace(INLINE_STRING, (_, cellTag: string, before: string, after: string, _isTag: string, inner: string) => {
    shared.push(`<si>${inner.replace(/<(\/?)[\w.-]+:/g, "<$1")}</si>`);
    return `<${cellTag}${before} t="s"${after}><v>${shared.length - 1}</v>`;
  });
}

/** Shared strings as `<si>` elements, the user's first. */
function sharedItems(xml: string | null): string[] {
  if (xml === null) return [];
  const body = /<(?:[\w.-]+:)?sst\b[^>]*>([\s\S]*)<\/(?:[\w.-]+:)?sst>/.exec(xml)?.[1] ?? "";
  return body.match(/<((?:[\w.-]+:)?si)\b[^>]*>[\s\S]*?<\/\1>|<(?:[\w.-]+:)?si\s*\/>/g) ?? [];
}

/** The part a workbook relationship of `type` points to, if the package has it. */
function relatedPart(pkg: OoxmlPackage, workbook: WorkbookPart, type: string): string | null {
  const rel = workbook.relationships.find((r) => r.type === type && !r.external);
  const part = rel ? resolveTarget(workbook.partName, rel.target) : null;
  return part && pkg.has(part) ? part : null;
}

/**
 * A package ExcelJS can read holding only `sheets` (worksheets of `workbook`), in that order. Throws a
 * CliError naming a sheet whose part is missing.
 */
export async function cellsPackage(pkg: OoxmlPackage, workbook: WorkbookPart, sheets: SheetEntry[], where: string): Promise<Buffer> {
  const zip = new JSZip();
  const stylesPart = relatedPart(pkg, workbook, REL_TYPE.styles);
  const sharedPart = relatedPart(pkg, workbook, REL_SHARED_STRINGS);
  const shared = sharedItems(sharedPart === null ? null : await pkg.text(sharedPart));
  const rels: string[] = [];
  const entries: string[] = [];
  for (const [i, sheet] of sheets.entries()) {
    if (!sheet.partName || !pkg.has(sheet.partName)) {
      throw new CliError(
        `Expected the cells of sheet '${sheet.name}' in ${where}, but the workbook's relationships lead to ${sheet.partName ? `'${sheet.partName}', which the file does not hold` : "no part"}. Opening it in Excel and saving it again may repair it.`,
      );
    }
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, inlineToShared(await pkg.text(sheet.partName), shared));
    rels.push(`<Relationship Id="rId${i + 1}" Type="${REL_TYPE.worksheet}" Target="worksheets/sheet${i + 1}.xml"/>`);
    entries.push(`<sheet name="${escapeAttribute(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`);
  }
  if (stylesPart) {
    zip.file("xl/styles.xml", await pkg.text(stylesPart));
    rels.push(`<Relationship Id="rIdStyles" Type="${REL_TYPE.styles}" Target="styles.xml"/>`);
  }
  zip.file("xl/sharedStrings.xml", upperCaseEscapes(`<sst xmlns="${NS.main}" count="${shared.length}" uniqueCount="${shared.length}">${shared.join("")}</sst>`));
  rels.push(`<Relationship Id="rIdStrings" Type="${REL_SHARED_STRINGS}" Target="sharedStrings.xml"/>`);
  // ExcelJS reads "1" (not "true") as the 1904 date system.
  const properties = workbook.date1904 ? `<workbookPr date1904="1"/>` : "";
  zip.file("xl/workbook.xml", `<workbook xmlns="${NS.main}" xmlns:r="${NS.relationships}">${properties}<sheets>${entries.join("")}</sheets></workbook>`);
  zip.file("xl/_rels/workbook.xml.rels", `<Relationships xmlns="${NS.packageRelationships}">${rels.join("")}</Relationships>`);
  return zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
}
