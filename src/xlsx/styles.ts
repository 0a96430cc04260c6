/**
 * Cell styles of the add-in's sheets, added to the workbook's own style sheet (xl/styles.xml). The
 * user's fonts, fills, borders and formats keep their positions, so every style index their cells use
 * still means what it meant; ours are appended after them.
 */
import { CELL_LOOKS } from "../workbook/looks";
import type { CellStyle } from "../workbook/plan";
import {
  applySplices,
  childNamed,
  childrenNamed,
  escapeAttribute,
  parseXml,
  qualify,
  setAttributeSplice,
  type Splice,
  type XmlElement,
} from "./xml";

/** Number formats Excel has built in, which are referred to by id instead of being declared. */
const BUILT_IN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
};

interface BaseFont {
  size: number;
  /** The name, family and scheme children of the default font, copied so our text matches the user's. */
  faceXml: string;
}

export class StyleBook {
  private readonly xml: string;
  private readonly root: XmlElement;
  private readonly prefix: string;
  private readonly baseFont: BaseFont;
  private readonly counts: { fonts: number; fills: number; borders: number; cellXfs: number; nextNumFmtId: number };
  private readonly existingFormats = new Map<string, number>();
  private readonly added = {
    fonts: [] as string[],
    fills: [] as string[],
    borders: [] as string[],
    cellXfs: [] as string[],
    numFmts: [] as string[],
  };
  /** The text of every existing entry of each list, so that a rebuild reuses the entries the last build added. */
  private readonly existingEntries = {
    fonts: new Map<string, number>(),
    fills: new Map<string, number>(),
    borders: new Map<string, number>(),
    cellXfs: new Map<string, number>(),
  };
  private readonly styleIds = new Map<string, number>();
  private readonly lookParts = new Map<CellStyle, { fontId: number; fillId: number; borderId: number }>();

  constructor(stylesXml: string) {
    this.xml = stylesXml;
    this.root = parseXml(stylesXml);
    this.prefix = this.root.prefix ?? "";
    const container = (name: string): XmlElement => {
      const element = childNamed(this.root, name);
      if (!element) throw new Error(`the workbook's style sheet has no <${name}>`);
      return element;
    };
    const fonts = container("fonts");
    const entries = (list: keyof StyleBook["existingEntries"], item: string): number => {
      const children = childrenNamed(container(list), item);
      children.forEach((child, index) => {
        const text = stylesXml.slice(child.start, child.end);
        if (!this.existingEntries[list].has(text)) this.existingEntries[list].set(text, index);
      });
      return children.length;
    };
    this.counts = {
      fonts: entries("fonts", "font"),
      fills: entries("fills", "fill"),
      borders: entries("borders", "border"),
      cellXfs: entries("cellXfs", "xf"),
      nextNumFmtId: 164,
    };
    const numFmts = childNamed(this.root, "numFmts");
    for (const numFmt of numFmts ? childrenNamed(numFmts, "numFmt") : []) {
      const id = Number(numFmt.attrs.numFmtId);
      this.existingFormats.set(numFmt.attrs.formatCode, id);
      this.counts.nextNumFmtId = Math.max(this.counts.nextNumFmtId, id + 1);
    }
    this.baseFont = this.readBaseFont(childrenNamed(fonts, "font")[0]);
  }

  private q(localName: string): string {
    return qualify(this.prefix, localName);
  }

  private readBaseFont(font: XmlElement | undefined): BaseFont {
    if (!font) return { size: 11, faceXml: `<${this.q("name")} val="Calibri"/><${this.q("family")} val="2"/>` };
    const size = Number(childNamed(font, "sz")?.attrs.val ?? 11);
    const face = ["name", "family", "charset", "scheme"]
      .map((name) => childNamed(font, name))
      .filter((element): element is XmlElement => element !== undefined)
      .map((element) => this.xml.slice(element.start, element.end))
      .join("");
    return { size: Number.isFinite(size) ? size : 11, faceXml: face };
  }

  /** The cellXfs index for a plan cell's style and number format (0, the workbook default, for neither). */
  styleId(style: CellStyle | undefined, format: string | undefined): number {
    if (!style && !format) return 0;
    const key = `${style ?? ""}\u0000${format ?? ""}`;
    const known = this.styleIds.get(key);
    if (known !== undefined) return known;
    const look = style ? CELL_LOOKS[style] : {};
    const parts = style ? this.partsFor(style) : { fontId: 0, fillId: 0, borderId: 0 };
    const numFmtId = format ? this.numFmtId(format) : 0;
    const alignment = look.wrap ? `<${this.q("alignment")} vertical="top" wrapText="1"/>` : "";
    const protection = look.unlocked ? `<${this.q("protection")} locked="0"/>` : "";
    const applies = [
      numFmtId ? ' applyNumberFormat="1"' : "",
      parts.fontId ? ' applyFont="1"' : "",
      parts.fillId ? ' applyFill="1"' : "",
      parts.borderId ? ' applyBorder="1"' : "",
      alignment ? ' applyAlignment="1"' : "",
      protection ? ' applyProtection="1"' : "",
    ].join("");
    const body = alignment + protection;
    const open = `<${this.q("xf")} numFmtId="${numFmtId}" fontId="${parts.fontId}" fillId="${parts.fillId}" borderId="${parts.borderId}" xfId="0"${applies}`;
    const id = this.entry("cellXfs", body ? `${open}>${body}</${this.q("xf")}>` : `${open}/>`);
    this.styleIds.set(key, id);
    return id;
  }

  /** The index of an entry of a list: an identical existing one, or a new one appended. */
  private entry(list: keyof StyleBook["existingEntries"], xml: string): number {
    const existing = this.existingEntries[list].get(xml);
    if (existing !== undefined) return existing;
    this.added[list].push(xml);
    const index = this.counts[list] + this.added[list].length - 1;
    this.existingEntries[list].set(xml, index);
    return index;
  }

  private numFmtId(format: string): number {
    const builtIn = BUILT_IN_FORMATS[format];
    if (builtIn !== undefined) return builtIn;
    const existing = this.existingFormats.get(format);
    if (existing !== undefined) return existing;
    const id = this.counts.nextNumFmtId;
    this.counts.nextNumFmtId += 1;
    this.existingFormats.set(format, id);
    this.added.numFmts.push(`<${this.q("numFmt")} numFmtId="${id}" formatCode="${escapeAttribute(format)}"/>`);
    return id;
  }

  private partsFor(style: CellStyle): { fontId: number; fillId: number; borderId: number } {
    const known = this.lookParts.get(style);
    if (known) return known;
    const look = CELL_LOOKS[style];
    const parts = { fontId: 0, fillId: 0, borderId: 0 };
    if (look.bold || look.italic || look.sizeStep || look.fontColor) {
      const size = this.baseFont.size + (look.sizeStep ?? 0);
      const font =
        (look.bold ? `<${this.q("b")}/>` : "") +
        (look.italic ? `<${this.q("i")}/>` : "") +
        `<${this.q("sz")} val="${size}"/>` +
        (look.fontColor ? `<${this.q("color")} rgb="FF${look.fontColor}"/>` : "") +
        this.baseFont.faceXml;
      parts.fontId = this.entry("fonts", `<${this.q("font")}>${font}</${this.q("font")}>`);
    }
    if (look.fill) {
      const pattern = `<${this.q("patternFill")} patternType="solid"><${this.q("fgColor")} rgb="FF${look.fill}"/><${this.q("bgColor")} indexed="64"/></${this.q("patternFill")}>`;
      parts.fillId = this.entry("fills", `<${this.q("fill")}>${pattern}</${this.q("fill")}>`);
    }
    if (look.topBorder || look.bottomBorder) {
      const edge = (name: string, line: string | undefined): string =>
        line
          ? `<${this.q(name)} style="${line}"><${this.q("color")} auto="1"/></${this.q(name)}>`
          : `<${this.q(name)}/>`;
      const border =
        edge("left", undefined) +
        edge("right", undefined) +
        edge("top", look.topBorder) +
        edge("bottom", look.bottomBorder) +
        edge("diagonal", undefined);
      parts.borderId = this.entry("borders", `<${this.q("border")}>${border}</${this.q("border")}>`);
    }
    this.lookParts.set(style, parts);
    return parts;
  }

  /** The style sheet with our additions appended to each list and every count attribute updated. */
  render(): string {
    const splices: Splice[] = [];
    const append = (name: "fonts" | "fills" | "borders" | "cellXfs", items: string[], before: number): void => {
      if (items.length === 0) return;
      const element = childNamed(this.root, name) as XmlElement;
      splices.push(setAttributeSplice(this.xml, element, "count", String(before + items.length)));
      if (element.selfClosing) {
        const tagEnd = element.end - 2;
        splices.push({ start: tagEnd, end: element.end, text: `>${items.join("")}</${element.qname}>` });
      } else {
        splices.push({ start: element.closeStart, end: element.closeStart, text: items.join("") });
      }
    };
    if (this.added.numFmts.length) {
      const numFmts = childNamed(this.root, "numFmts");
      if (numFmts && !numFmts.selfClosing) {
        const existing = childrenNamed(numFmts, "numFmt").length;
        splices.push(setAttributeSplice(this.xml, numFmts, "count", String(existing + this.added.numFmts.length)));
        splices.push({ start: numFmts.closeStart, end: numFmts.closeStart, text: this.added.numFmts.join("") });
      } else {
        const list = `<${this.q("numFmts")} count="${this.added.numFmts.length}">${this.added.numFmts.join("")}</${this.q("numFmts")}>`;
        if (numFmts) splices.push({ start: numFmts.start, end: numFmts.end, text: list });
        else splices.push({ start: this.root.openEnd, end: this.root.openEnd, text: list });
      }
    }
    append("fonts", this.added.fonts, this.counts.fonts);
    append("fills", this.added.fills, this.counts.fills);
    append("borders", this.added.borders, this.counts.borders);
    append("cellXfs", this.added.cellXfs, this.counts.cellXfs);
    return applySplices(this.xml, splices);
  }
}
