/**
 * The workbook part (xl/workbook.xml): the list of sheets in tab order and where each one's part is.
 */
import { type OoxmlPackage, NS, REL_TYPE, type Relationship, resolveTarget } from "./ooxmlPackage";
import { CliError } from "./errors";
import { childNamed, childrenNamed, parseXml, prefixOf, type XmlElement } from "./xml";

export interface SheetEntry {
  name: string;
  sheetId: number;
  relId: string;
  /** The sheet's part ("xl/worksheets/sheet1.xml"); null for a relationship that leads nowhere. */
  partName: string | null;
  /** True for a worksheet (chart sheets and dialog sheets are kept but never read or owned). */
  isWorksheet: boolean;
  /** Position in tab order, 0-based. */
  index: number;
  /** Hidden sheets are listed but read only when chosen; "veryHidden" ones can be shown only by a macro. */
  state: "visible" | "hidden" | "veryHidden";
  element: XmlElement;
}

export interface WorkbookPart {
  partName: string;
  xml: string;
  root: XmlElement;
  /** The prefix of SpreadsheetML elements in this part ("" when it is the default namespace). */
  prefix: string;
  /** The prefix bound to the relationships namespace, or null when the document element binds none. */
  relationshipPrefix: string | null;
  relationships: Relationship[];
  sheets: SheetEntry[];
  /** The 1904 date system (workbookPr date1904): serials count days from 1 January 1904. */
  date1904: boolean;
  /** The structure is protected (workbookProtection lockStructure): no sheet can be added or removed. */
  structureProtected: boolean;
}

/** An xsd:boolean attribute: "1" or "true". */
function isTrue(value: string | undefined): boolean {
  return value === "1" || value === "true";
}

/** The attribute holding a relationship id, whatever prefix the part gives the relationships namespace. */
export function relationshipIdOf(element: XmlElement, relationshipPrefix: string | null): string | undefined {
  if (relationshipPrefix) return element.attrs[`${relationshipPrefix}:id`];
  return Object.entries(element.attrs).find(([name]) => name.endsWith(":id"))?.[1];
}

export async function readWorkbookPart(pkg: OoxmlPackage): Promise<WorkbookPart> {
  const partName = await pkg.workbookPartName();
  const xml = await pkg.text(partName);
  const root = parseXml(xml);
  const relationships = await pkg.relationships(partName);
  const relationshipPrefix = prefixOf(root, NS.relationships);
  const sheetsElement = childNamed(root, "sheets");
  const sheets = (sheetsElement ? childrenNamed(sheetsElement, "sheet") : []).map((element, index): SheetEntry => {
    const relId = relationshipIdOf(element, relationshipPrefix) ?? "";
    const rel = relationships.find((r) => r.id === relId);
    return {
      name: element.attrs.name,
      sheetId: Number(element.attrs.sheetId),
      relId,
      partName: rel && !rel.external ? resolveTarget(partName, rel.target) : null,
      isWorksheet: rel?.type === REL_TYPE.worksheet,
      index,
      state: element.attrs.state === "hidden" || element.attrs.state === "veryHidden" ? element.attrs.state : "visible",
      element,
    };
  });
  const date1904 = isTrue(childNamed(root, "workbookPr")?.attrs.date1904);
  const structureProtected = isTrue(childNamed(root, "workbookProtection")?.attrs.lockStructure);
  return {
    partName,
    xml,
    root,
    prefix: root.prefix ?? "",
    relationshipPrefix,
    relationships,
    sheets,
    date1904,
    structureProtected,
  };
}

/** The refusal of a workbook whose sheets cannot be added (as Excel would refuse them), before anything is written. */
export function protectedStructureError(where: string): CliError {
  return new CliError(
    `Expected a workbook that sheets can be added to, but ${where} has a protected structure (Review > Protect Workbook). Open it in Excel, choose Review > Protect Workbook to unprotect it (with its password, if it has one), save it, and build again.`,
  );
}
