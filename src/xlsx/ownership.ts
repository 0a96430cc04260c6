/**
 * Which sheets are the add-in's own: the marker both hosts (this command line and the Excel task pane)
 * write on every sheet they create and read before a rebuild, so that a rebuild replaces exactly those
 * sheets and never a sheet of the user's.
 *
 * Two markers, written together:
 * 1. A worksheet custom property `LacSufficiencySheet` whose value is the sheet's key ("spend"). In the
 *    file it is a `<customPr>` of the worksheet pointing at a binary part holding the value as UTF-16LE
 *    text (ISO/IEC 29500-1 18.3.1.22; how Excel stores `Worksheet.CustomProperties`, which we take to be
 *    the store of the Office.js `worksheet.customProperties` collection, ExcelApi 1.12 — not verifiable
 *    without Excel, hence the second marker). It moves with the sheet when the user renames it.
 * 2. A workbook custom document property `LacSufficiencySheet.<key>` whose value is the sheet's name
 *    (docProps/custom.xml; Office.js `workbook.properties.custom`, ExcelApi 1.7). LibreOffice keeps these
 *    when it saves a workbook but drops worksheet custom properties.
 *
 * Reading: a worksheet carrying the worksheet property is owned, with that key. Only when no worksheet
 * of the workbook carries it (the file went through a program that drops them) do the document
 * properties decide, by sheet name. When two sheets claim one key (a copied sheet), the one the document
 * property names wins, else the first in tab order; the others are treated as the user's.
 */
import { nameDocumentProperty, nameOfDocumentProperty } from "../workbook/definedNames";
import type { Diagnostic } from "../core/diagnostics";
import {
  documentPropertyKey,
  OWNED_SHEET_PROPERTY,
  resolveOwnership,
  type SheetMarkers,
  sheetKeyOfDocumentProperty,
} from "../workbook/ownership";
import {
  CONTENT_TYPE,
  NS,
  type OoxmlPackage,
  REL_TYPE,
  freeRelationshipId,
  resolveTarget,
  xmlPart,
} from "./ooxmlPackage";
import type { SheetEntry } from "./workbookPart";
import {
  applySplices,
  childrenNamed,
  escapeAttribute,
  escapeText,
  innerText,
  parseXml,
  prefixOf,
  type Splice,
} from "./xml";

const CUSTOM_PROPERTIES_PART = "docProps/custom.xml";
/** The format id every custom document property carries (ISO/IEC 29500-1 22.3.2.2). */
const CUSTOM_PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

export interface Ownership {
  /** Owned sheet name -> the sheet's key. */
  ownedKeys: Map<string, string>;
  warnings: Diagnostic[];
}

/** The NULs that may pad a custom property part after its value. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const TRAILING_NULS = /\u0000+$/;

/** The value of a worksheet custom property part: UTF-16LE text (a BOM or trailing NULs are tolerated). */
export function decodeCustomPropertyValue(data: Uint8Array): string {
  return Buffer.from(data)
    .toString("utf16le")
    .replace(/^\uFEFF/, "")
    .replace(TRAILING_NULS, "");
}

export function encodeCustomPropertyValue(value: string): Uint8Array {
  return Buffer.from(value, "utf16le");
}

async function worksheetMarker(pkg: OoxmlPackage, sheet: SheetEntry): Promise<string | null> {
  if (!sheet.isWorksheet || !sheet.partName || !pkg.has(sheet.partName)) return null;
  const rels = (await pkg.relationships(sheet.partName)).filter(
    (rel) => rel.type === REL_TYPE.customProperty && !rel.external,
  );
  if (rels.length === 0) return null;
  const xml = await pkg.text(sheet.partName);
  const tag = /<(?:[A-Za-z_][\w.-]*:)?customPr((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/g;
  for (const match of xml.matchAll(tag)) {
    const attrs = parseXml(`<customPr${match[1]}/>`).attrs;
    if (attrs.name !== OWNED_SHEET_PROPERTY) continue;
    const relId = Object.entries(attrs).find(([name]) => name.endsWith(":id"))?.[1];
    const rel = rels.find((r) => r.id === relId);
    if (!rel) continue;
    const part = resolveTarget(sheet.partName, rel.target);
    if (pkg.has(part)) return decodeCustomPropertyValue(await pkg.binary(part));
  }
  return null;
}

/** Our document properties: key -> the sheet name recorded for it. */
async function documentMarkers(pkg: OoxmlPackage): Promise<Map<string, string>> {
  const markers = new Map<string, string>();
  const xml = await pkg.textOrNull(CUSTOM_PROPERTIES_PART);
  if (xml === null) return markers;
  for (const property of childrenNamed(parseXml(xml), "property")) {
    const name = property.attrs.name ?? "";
    const key = sheetKeyOfDocumentProperty(name);
    if (key !== null) markers.set(key, innerText(xml, property));
  }
  return markers;
}

/** The defined names the last build recorded as its own, or null when the workbook records none. */
export async function readNameRecord(pkg: OoxmlPackage): Promise<Set<string> | null> {
  const xml = await pkg.textOrNull(CUSTOM_PROPERTIES_PART);
  if (xml === null) return null;
  const names = childrenNamed(parseXml(xml), "property").flatMap((property) => {
    const name = nameOfDocumentProperty(property.attrs.name ?? "");
    return name === null ? [] : [name];
  });
  return names.length ? new Set(names) : null;
}

/** Which sheets of the file are the add-in's: its markers read from the package, the rules applied in workbook/ownership. */
export async function readOwnership(pkg: OoxmlPackage, sheets: SheetEntry[]): Promise<Ownership> {
  const documentNames = await documentMarkers(pkg);
  // Only worksheets carry markers; a chart sheet is never the add-in's, even when a document property names it.
  const worksheets = sheets.filter((sheet) => sheet.isWorksheet).sort((a, b) => a.index - b.index);
  const markers: SheetMarkers[] = [];
  for (const sheet of worksheets) markers.push({ name: sheet.name, propertyKey: await worksheetMarker(pkg, sheet) });
  const { existing, warnings } = resolveOwnership(markers, documentNames);
  const ownedKeys = new Map<string, string>();
  for (const sheet of existing) if (sheet.ownedKey !== null) ownedKeys.set(sheet.name, sheet.ownedKey);
  return { ownedKeys, warnings };
}

/**
 * Rewrites docProps/custom.xml so that our properties name exactly the sheets in `owned` (key -> name)
 * and the defined names in `names` (written name -> the name the plan asked for), keeping every
 * property of the user's. Creates the part (and its package relationship) when missing.
 */
export async function writeDocumentMarkers(
  pkg: OoxmlPackage,
  owned: Map<string, string>,
  names: ReadonlyMap<string, string> = new Map(),
): Promise<void> {
  const ours = [
    ...[...owned].map(([key, name]) => ({ name: documentPropertyKey(key), value: name })),
    ...[...names].map(([written, asked]) => ({ name: nameDocumentProperty(written), value: asked })),
  ];
  const existing = await pkg.textOrNull(CUSTOM_PROPERTIES_PART);
  if (existing === null) {
    if (ours.length === 0) return;
    const properties = ours.map((p, i) => propertyXml("", "vt", i + 2, p.name, p.value)).join("");
    pkg.setText(
      CUSTOM_PROPERTIES_PART,
      xmlPart(`<Properties xmlns="${NS.customProperties}" xmlns:vt="${NS.docPropsVTypes}">${properties}</Properties>`),
    );
    pkg.setContentType(CUSTOM_PROPERTIES_PART, CONTENT_TYPE.customProperties);
    const packageRels = await pkg.relationships("");
    if (!packageRels.some((rel) => rel.type === REL_TYPE.customProperties)) {
      pkg.setRelationships("", [
        ...packageRels,
        {
          id: freeRelationshipId(packageRels),
          type: REL_TYPE.customProperties,
          target: CUSTOM_PROPERTIES_PART,
          external: false,
        },
      ]);
    }
    return;
  }
  const root = parseXml(existing);
  const prefix = root.prefix ?? "";
  const vt = prefixOf(root, NS.docPropsVTypes);
  const splices: Splice[] = [];
  let maxPid = 1;
  for (const property of childrenNamed(root, "property")) {
    const name = property.attrs.name ?? "";
    if (sheetKeyOfDocumentProperty(name) !== null || nameOfDocumentProperty(name) !== null)
      splices.push({ start: property.start, end: property.end, text: "" });
    else maxPid = Math.max(maxPid, Number(property.attrs.pid) || 1);
  }
  const vtDeclaration = vt === null ? ` xmlns:vt="${NS.docPropsVTypes}"` : "";
  const added = ours
    .map((p, i) => propertyXml(prefix, vt ?? "vt", maxPid + 1 + i, p.name, p.value, vtDeclaration))
    .join("");
  if (root.selfClosing) {
    splices.push({ start: root.end - 2, end: root.end, text: `>${added}</${root.qname}>` });
  } else {
    splices.push({ start: root.closeStart, end: root.closeStart, text: added });
  }
  pkg.setText(CUSTOM_PROPERTIES_PART, applySplices(existing, splices));
  // Declared again (moving its Override after the build's other parts) so a rebuild writes [Content_Types].xml identically.
  pkg.setContentType(CUSTOM_PROPERTIES_PART, CONTENT_TYPE.customProperties);
}

function propertyXml(prefix: string, vt: string, pid: number, name: string, value: string, declaration = ""): string {
  const tag = prefix ? `${prefix}:property` : "property";
  return `<${tag}${declaration} fmtid="${CUSTOM_PROPERTY_FMTID}" pid="${pid}" name="${escapeAttribute(name)}"><${vt}:lpwstr>${escapeText(value)}</${vt}:lpwstr></${tag}>`;
}
