/**
 * An .xlsx file as an Open Packaging Conventions package: named parts, the relationships between them
 * and the content type of each. Parts we do not touch keep their compressed bytes.
 */
import JSZip from "jszip";
import path from "node:path";
import { applySplices, childrenNamed, escapeAttribute, parseXml, type Splice } from "./xml";
import { ZipParts } from "./zipParts";
import { writeZip, type ZipInput } from "./zipWrite";

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  relationships: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  packageRelationships: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  drawingMain: "http://schemas.openxmlformats.org/drawingml/2006/main",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  customProperties: "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
  docPropsVTypes: "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
} as const;

export const REL_TYPE = {
  officeDocument: `${NS.relationships}/officeDocument`,
  worksheet: `${NS.relationships}/worksheet`,
  drawing: `${NS.relationships}/drawing`,
  chart: `${NS.relationships}/chart`,
  table: `${NS.relationships}/table`,
  customProperty: `${NS.relationships}/customProperty`,
  customProperties: `${NS.relationships}/custom-properties`,
  extendedProperties: `${NS.relationships}/extended-properties`,
  styles: `${NS.relationships}/styles`,
  calcChain: `${NS.relationships}/calcChain`,
} as const;

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  customProperty: "application/vnd.openxmlformats-officedocument.spreadsheetml.customProperty",
  customProperties: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
} as const;

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function xmlPart(body: string): string {
  return XML_DECLARATION + body;
}

/** "xl/worksheets/_rels/sheet1.xml.rels" for "xl/worksheets/sheet1.xml"; "_rels/.rels" for the package. */
export function relsPathOf(partName: string): string {
  const dir = path.posix.dirname(partName);
  const base = path.posix.basename(partName);
  return dir === "." ? `_rels/${base}.rels` : `${dir}/_rels/${base}.rels`;
}

/** The part a relationship of `sourcePart` points to ("../drawings/drawing1.xml" -> "xl/drawings/drawing1.xml"). */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(sourcePart), target));
}

/** The target to write in `sourcePart`'s relationships for `targetPart`. */
export function relativeTarget(sourcePart: string, targetPart: string): string {
  return path.posix.relative(path.posix.dirname(sourcePart), targetPart);
}

export function parseRelationships(xml: string): Relationship[] {
  return childrenNamed(parseXml(xml), "Relationship").map((element) => ({
    id: element.attrs.Id,
    type: element.attrs.Type,
    target: element.attrs.Target,
    external: element.attrs.TargetMode === "External",
  }));
}

export function renderRelationships(relationships: Relationship[]): string {
  const items = relationships
    .map(
      (rel) =>
        `<Relationship Id="${escapeAttribute(rel.id)}" Type="${escapeAttribute(rel.type)}" Target="${escapeAttribute(rel.target)}"${rel.external ? ' TargetMode="External"' : ""}/>`,
    )
    .join("");
  return xmlPart(`<Relationships xmlns="${NS.packageRelationships}">${items}</Relationships>`);
}

/** A relationship id not yet used in `relationships` ("rId7"). */
export function freeRelationshipId(relationships: Relationship[]): string {
  const used = new Set(relationships.map((rel) => rel.id));
  let n = relationships.length + 1;
  while (used.has(`rId${n}`)) n += 1;
  return `rId${n}`;
}

export class OoxmlPackage {
  private readonly zip: JSZip;
  /** The input's entries as stored: a part never set is written out as these bytes. */
  private readonly source: ZipParts;
  /** Parts set since loading, which must be compressed afresh. */
  private readonly changed = new Set<string>();
  private readonly textCache = new Map<string, string>();
  private readonly contentTypeOverrides = new Map<string, string | null>();

  private constructor(zip: JSZip, source: ZipParts) {
    this.zip = zip;
    this.source = source;
  }

  static async load(data: Buffer | Uint8Array): Promise<OoxmlPackage> {
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return new OoxmlPackage(await JSZip.loadAsync(data), ZipParts.of(bytes));
  }

  partNames(): string[] {
    return Object.keys(this.zip.files).filter((name) => !this.zip.files[name].dir);
  }

  has(partName: string): boolean {
    const entry = this.zip.files[partName];
    return entry !== undefined && !entry.dir;
  }

  async text(partName: string): Promise<string> {
    const cached = this.textCache.get(partName);
    if (cached !== undefined) return cached;
    const entry = this.zip.file(partName);
    if (!entry) throw new Error(`the package has no part ${partName}`);
    const text = await entry.async("string");
    this.textCache.set(partName, text);
    return text;
  }

  async textOrNull(partName: string): Promise<string | null> {
    return this.has(partName) ? this.text(partName) : null;
  }

  async binary(partName: string): Promise<Uint8Array> {
    const entry = this.zip.file(partName);
    if (!entry) throw new Error(`the package has no part ${partName}`);
    return entry.async("uint8array");
  }

  /**
   * Feeds a part's bytes to `visit` as they are inflated, without holding the whole part; `visit`
   * returns false to stop early.
   */
  async scan(partName: string, visit: (chunk: Uint8Array) => boolean): Promise<void> {
    const entry = this.zip.file(partName);
    if (!entry) throw new Error(`the package has no part ${partName}`);
    const stream = entry.nodeStream("nodebuffer");
    await new Promise<void>((resolve, reject) => {
      let done = false;
      stream.on("data", (chunk: Buffer) => {
        if (done || visit(chunk)) return;
        done = true;
        stream.pause();
        resolve();
      });
      stream.on("error", reject);
      stream.on("end", () => resolve());
    });
  }

  setText(partName: string, text: string): void {
    this.changed.add(partName);
    this.textCache.set(partName, text);
    this.zip.file(partName, text);
  }

  setBinary(partName: string, data: Uint8Array): void {
    this.changed.add(partName);
    this.textCache.delete(partName);
    this.zip.file(partName, data);
  }

  remove(partName: string): void {
    this.textCache.delete(partName);
    this.zip.remove(partName);
    this.contentTypeOverrides.set(partName, null);
  }

  /** Declares the content type of a new part (written as an Override in [Content_Types].xml). */
  setContentType(partName: string, contentType: string): void {
    // Overrides are written in the order parts were declared, so the same build writes the same part.
    this.contentTypeOverrides.delete(partName);
    this.contentTypeOverrides.set(partName, contentType);
  }

  async relationships(partName: string): Promise<Relationship[]> {
    const xml = await this.textOrNull(relsPathOf(partName));
    return xml === null ? [] : parseRelationships(xml);
  }

  setRelationships(partName: string, relationships: Relationship[]): void {
    const relsPath = relsPathOf(partName);
    if (relationships.length === 0) {
      if (this.has(relsPath)) this.remove(relsPath);
      return;
    }
    this.setText(relsPath, renderRelationships(relationships));
  }

  /** "xl/worksheets/sheet5.xml": the first free name of the form prefix + number + suffix. */
  freePartName(prefix: string, suffix: string, reserved = new Set<string>()): string {
    for (let n = 1; ; n += 1) {
      const name = `${prefix}${n}${suffix}`;
      if (!this.has(name) && !reserved.has(name)) return name;
    }
  }

  /** The workbook part, from the package relationships ("xl/workbook.xml" in every file Excel writes). */
  async workbookPartName(): Promise<string> {
    const rel = (await this.relationships("")).find((r) => r.type === REL_TYPE.officeDocument);
    if (!rel) throw new Error("the package has no workbook part");
    return resolveTarget("", rel.target);
  }

  async contentTypeOf(partName: string): Promise<string | null> {
    const root = parseXml(await this.text("[Content_Types].xml"));
    const override = childrenNamed(root, "Override").find((o) => o.attrs.PartName === `/${partName}`);
    if (override) return override.attrs.ContentType;
    const extension = path.posix.extname(partName).slice(1).toLowerCase();
    const fallback = childrenNamed(root, "Default").find((d) => d.attrs.Extension.toLowerCase() === extension);
    return fallback ? fallback.attrs.ContentType : null;
  }

  /** The existing parts of one content type. */
  async partsWithContentType(contentType: string): Promise<string[]> {
    const root = parseXml(await this.text("[Content_Types].xml"));
    const overrides = new Map(
      childrenNamed(root, "Override").map((o) => [o.attrs.PartName.replace(/^\//, ""), o.attrs.ContentType]),
    );
    const defaults = new Map(
      childrenNamed(root, "Default").map((d) => [d.attrs.Extension.toLowerCase(), d.attrs.ContentType]),
    );
    return this.partNames().filter(
      (name) => (overrides.get(name) ?? defaults.get(path.posix.extname(name).slice(1).toLowerCase())) === contentType,
    );
  }

  private async flushContentTypes(): Promise<void> {
    if (this.contentTypeOverrides.size === 0) return;
    const xml = await this.text("[Content_Types].xml");
    const root = parseXml(xml);
    const splices: Splice[] = [];
    const declared = new Set<string>();
    for (const override of childrenNamed(root, "Override")) {
      const partName = override.attrs.PartName.replace(/^\//, "");
      declared.add(partName);
      if (this.contentTypeOverrides.has(partName)) splices.push({ start: override.start, end: override.end, text: "" });
    }
    const added = [...this.contentTypeOverrides]
      .filter(([partName, type]) => type !== null && (declared.has(partName) || this.has(partName)))
      .map(
        ([partName, type]) =>
          `<Override PartName="/${escapeAttribute(partName)}" ContentType="${escapeAttribute(type as string)}"/>`,
      )
      .join("");
    splices.push({ start: root.closeStart, end: root.closeStart, text: added });
    this.setText("[Content_Types].xml", applySplices(xml, splices));
    this.contentTypeOverrides.clear();
  }

  async toBuffer(): Promise<Buffer> {
    await this.flushContentTypes();
    const entries: ZipInput[] = [];
    for (const [name, file] of Object.entries(this.zip.files)) {
      const raw = this.changed.has(name) ? null : this.source.raw(name);
      if (file.dir) entries.push({ name, date: file.date, directory: true });
      else if (raw) entries.push({ name, date: file.date, raw });
      else {
        const text = this.textCache.get(name);
        entries.push({
          name,
          date: file.date,
          data: text === undefined ? await file.async("nodebuffer") : Buffer.from(text, "utf8"),
        });
      }
    }
    return writeZip(entries);
  }
}
