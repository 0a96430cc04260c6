/**
 * Just enough XML for editing the parts of an .xlsx package in place. The workbook the user gave us is
 * changed by splicing new text into the original parts at element boundaries, so every byte we do not
 * mean to change stays as Excel (or whoever made the file) wrote it: the user's sheets are copied, never
 * re-serialised.
 */

/** An element of a parsed part, with the offsets an edit needs. */
export interface XmlElement {
  /** The name as written, prefix included ("x:sheet"). */
  qname: string;
  localName: string;
  prefix: string | null;
  /** Attribute values (entities decoded), by the attribute name as written. */
  attrs: Record<string, string>;
  /** Offset of the "<" that opens the element. */
  start: number;
  /** Offset just after the ">" of the start tag. */
  openEnd: number;
  /** Offset of the "</" of the end tag; equal to `end` for a self-closing element. */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  selfClosing: boolean;
  children: XmlElement[];
}

const NAME = "[A-Za-z_][\\w.\\-]*(?::[A-Za-z_][\\w.\\-]*)?";
const ATTRIBUTES = `(?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*`;
const TOKEN = new RegExp(
  `<(/?)(${NAME})(${ATTRIBUTES})\\s*(/?)>|<!--[\\s\\S]*?-->|<!\\[CDATA\\[[\\s\\S]*?\\]\\]>|<\\?[\\s\\S]*?\\?>|<!DOCTYPE[^>]*>`,
  "g",
);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, "g");

export class XmlFormatError extends Error {}

function splitName(qname: string): { prefix: string | null; localName: string } {
  const colon = qname.indexOf(":");
  return colon < 0
    ? { prefix: null, localName: qname }
    : { prefix: qname.slice(0, colon), localName: qname.slice(colon + 1) };
}

export function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) attrs[match[1]] = decodeEntities(match[2] ?? match[3] ?? "");
  return attrs;
}

/** Parses a whole part and returns its document element. Throws XmlFormatError on unbalanced tags. */
export function parseXml(text: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
    if (match[2] === undefined) continue; // comment, CDATA, processing instruction
    const [whole, closing, qname, attributeText, selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open?.qname !== qname) throw new XmlFormatError(`unexpected </${qname}> at offset ${match.index}`);
      open.closeStart = match.index;
      open.end = match.index + whole.length;
      continue;
    }
    const element: XmlElement = {
      qname,
      ...splitName(qname),
      attrs: parseAttributes(attributeText),
      start: match.index,
      openEnd: match.index + whole.length,
      closeStart: match.index + whole.length,
      end: match.index + whole.length,
      selfClosing: selfClosing === "/",
      children: [],
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (!root) root = element;
    else throw new XmlFormatError(`a second document element <${qname}> at offset ${match.index}`);
    if (!element.selfClosing) stack.push(element);
  }
  if (!root) throw new XmlFormatError("no document element");
  if (stack.length) throw new XmlFormatError(`<${stack[stack.length - 1].qname}> is never closed`);
  return root;
}

export function childrenNamed(element: XmlElement, localName: string): XmlElement[] {
  return element.children.filter((child) => child.localName === localName);
}

export function childNamed(element: XmlElement, localName: string): XmlElement | undefined {
  return element.children.find((child) => child.localName === localName);
}

/** The text between an element's tags, entities decoded. */
export function innerText(text: string, element: XmlElement): string {
  return decodeEntities(text.slice(element.openEnd, element.closeStart).replace(/<[^>]*>/g, ""));
}

/** The prefix the document element binds to a namespace ("" for the default namespace), or null. */
export function prefixOf(root: XmlElement, namespaceUri: string): string | null {
  for (const [name, value] of Object.entries(root.attrs)) {
    if (value !== namespaceUri) continue;
    if (name === "xmlns") return "";
    if (name.startsWith("xmlns:")) return name.slice(6);
  }
  return null;
}

/** "x:sheet" when the part writes its main namespace with prefix x, "sheet" when it is the default. */
export function qualify(prefix: string, localName: string): string {
  return prefix ? `${prefix}:${localName}` : localName;
}

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping replacements of [start, end) ranges. Insertions have start === end. */
export function applySplices(text: string, splices: Splice[]): string {
  const ordered = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const splice of ordered) {
    if (splice.start < at) throw new Error(`overlapping XML edits at offset ${splice.start}`);
    out += text.slice(at, splice.start) + splice.text;
    at = splice.end;
  }
  return out + text.slice(at);
}

/** Sets (or adds) one attribute in an element's start tag, returning the splice that does it. */
export function setAttributeSplice(text: string, element: XmlElement, name: string, value: string): Splice {
  const tag = text.slice(element.start, element.openEnd);
  const existing = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"[^"]*"|'[^']*')`).exec(tag);
  if (existing) {
    const start = element.start + existing.index;
    return { start, end: start + existing[0].length, text: ` ${name}="${escapeAttribute(value)}"` };
  }
  const insertAt = element.start + 1 + element.qname.length;
  return { start: insertAt, end: insertAt, text: ` ${name}="${escapeAttribute(value)}"` };
}

export function escapeText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttribute(value: string): string {
  return escapeText(value)
    .replace(/"/g, "&quot;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

export function decodeEntities(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
    switch (entity) {
      case "amp":
        return "&";
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return String.fromCodePoint(entity[1] === "x" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10));
    }
  });
}

/** The characters XML 1.0 cannot carry, which Excel writes as `_xHHHH_` escapes. */
// eslint-disable-next-line no-control-regex -- matching these control characters is the point
const XML_UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
// eslint-disable-next-line no-control-regex -- matching these control characters is the point
const NEEDS_XSTRING_ESCAPE = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/**
 * Text as a SpreadsheetML string (ST_Xstring): characters XML 1.0 cannot carry are written as Excel's
 * `_xHHHH_` escapes, and text that already looks like such an escape has its underscore escaped, so a
 * cell reads back exactly as it was.
 */
export function escapeXstring(value: string): string {
  // Most text needs none of it: one test instead of five replacements (a ledger writes 150,000 labels).
  if (!NEEDS_XSTRING_ESCAPE.test(value)) return value;
  const escaped = value
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(XML_UNSAFE, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeText(escaped);
}
