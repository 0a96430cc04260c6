/**
 * A forward-only scanner over the text of a SpreadsheetML part, for the parts that can be tens of
 * megabytes (worksheets, shared strings). It finds tags with indexOf and reads names and attributes
 * character by character, so the time is linear in the part's length and nothing is built for the
 * elements skipped; no regular expression runs over the part. Element names are compared by their
 * local name, whatever prefix the part gives the SpreadsheetML namespace.
 */
import { decodeEntities } from "./xml";

const GT = 0x3e; // >
const SLASH = 0x2f; // /
const COLON = 0x3a; // :
const BANG = 0x21; // !
const QUESTION = 0x3f; // ?
const EQUALS = 0x3d; // =
const QUOTE = 0x22; // "
const APOSTROPHE = 0x27; // '

/** A part that is not well-formed where the scanner needed it to be. */
export class XmlScanError extends Error {}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** `_x000D_` and the like: characters XML cannot hold, as Excel writes them in text (ST_Xstring). */
export function decodeXstring(text: string): string {
  if (!text.includes("_x")) return text;
  // Left to right, so "_x005F_x000D_" (an escaped underscore before "x000D_") gives "_x000D_".
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * The tag the scanner stands on after `next()`: its kind, local name and attribute text, as offsets
 * into the part, so that skipping an element allocates nothing.
 */
export class XmlScanner {
  /** Offset of the tag's "<", and just after its ">". */
  tagStart = 0;
  tagEnd = 0;
  /** True for an end tag ("</row>"). */
  closing = false;
  /** True for an empty-element tag ("<c r="A1"/>"). */
  selfClosing = false;
  /** The local name's offsets (after any prefix). */
  private nameStart = 0;
  private nameEnd = 0;
  /** The qualified name's start, for finding the element's end tag. */
  private qnameStart = 0;
  /** Where the attributes start and end (before "/>" or ">"). */
  private attributesStart = 0;
  private attributesEnd = 0;

  constructor(
    readonly xml: string,
    public position = 0,
    private readonly limit = xml.length,
  ) {}

  /** Moves to the next start or end tag before the limit, passing over text, comments and processing instructions. */
  next(): boolean {
    const { xml } = this;
    for (;;) {
      const lt = xml.indexOf("<", this.position);
      if (lt < 0 || lt >= this.limit) return false;
      const after = xml.charCodeAt(lt + 1);
      if (after === BANG || after === QUESTION) {
        this.position = this.skipMarkup(lt);
        continue;
      }
      this.readTag(lt);
      return true;
    }
  }

  /** Whether the current tag's local name is `name`. */
  is(name: string): boolean {
    const length = this.nameEnd - this.nameStart;
    if (length !== name.length) return false;
    for (let i = 0; i < length; i += 1)
      if (this.xml.charCodeAt(this.nameStart + i) !== name.charCodeAt(i)) return false;
    return true;
  }

  /** The current tag's qualified name ("x:c"). */
  qname(): string {
    return this.xml.slice(this.qnameStart, this.nameEnd);
  }

  /** The value of the current tag's attribute `name` (as written, prefix included), entities decoded; undefined when absent. */
  attribute(name: string): string | undefined {
    const out: (string | undefined)[] = [undefined];
    this.attributesInto([name], out);
    return out[0];
  }

  /**
   * Sets `out[i]` to the value of the current tag's attribute `names[i]` (entities decoded), or
   * undefined, in one pass over the tag.
   */
  attributesInto(names: readonly string[], out: (string | undefined)[]): void {
    const { xml } = this;
    out.fill(undefined);
    let i = this.attributesStart;
    const end = this.attributesEnd;
    while (i < end) {
      while (i < end && isSpace(xml.charCodeAt(i))) i += 1;
      if (i >= end) return;
      const nameStart = i;
      while (i < end && xml.charCodeAt(i) !== EQUALS && !isSpace(xml.charCodeAt(i))) i += 1;
      const nameLength = i - nameStart;
      while (i < end && isSpace(xml.charCodeAt(i))) i += 1;
      if (xml.charCodeAt(i) !== EQUALS)
        throw new XmlScanError(`an attribute without a value in the tag at offset ${this.tagStart}`);
      i += 1;
      while (i < end && isSpace(xml.charCodeAt(i))) i += 1;
      const quote = xml.charCodeAt(i);
      if (quote !== QUOTE && quote !== APOSTROPHE)
        throw new XmlScanError(`an unquoted attribute value in the tag at offset ${this.tagStart}`);
      const close = xml.indexOf(quote === QUOTE ? '"' : "'", i + 1);
      if (close < 0 || close > end)
        throw new XmlScanError(`an unclosed attribute value in the tag at offset ${this.tagStart}`);
      for (let n = 0; n < names.length; n += 1) {
        if (nameLength === names[n].length && xml.startsWith(names[n], nameStart)) {
          const value = xml.slice(i + 1, close);
          out[n] = value.includes("&") ? decodeEntities(value) : value;
          break;
        }
      }
      i = close + 1;
    }
  }

  /**
   * The text from the end of the current start tag to the next tag, entities decoded (CDATA sections
   * taken as they are); the scanner moves to that next tag's "<".
   */
  text(): string {
    const { xml } = this;
    const lt = xml.indexOf("<", this.tagEnd);
    if (lt < 0) throw new XmlScanError(`text that runs to the end of the part from offset ${this.tagEnd}`);
    // The common case: plain text straight up to the end tag.
    if (xml.charCodeAt(lt + 1) === SLASH) {
      this.position = lt;
      const text = xml.slice(this.tagEnd, lt);
      return text.includes("&") ? decodeEntities(text) : text;
    }
    return this.mixedText(this.tagEnd);
  }

  /** Text with CDATA sections or comments in it. */
  private mixedText(from: number): string {
    const { xml } = this;
    let at = from;
    let out = "";
    for (;;) {
      const lt = xml.indexOf("<", at);
      if (lt < 0) throw new XmlScanError(`text that runs to the end of the part from offset ${at}`);
      out += decodeEntities(xml.slice(at, lt));
      if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt);
        if (end < 0) throw new XmlScanError(`an unclosed CDATA section at offset ${lt}`);
        out += xml.slice(lt + 9, end);
        at = end + 3;
        continue;
      }
      if (xml.startsWith("<!--", lt)) {
        at = this.skipMarkup(lt);
        continue;
      }
      this.position = lt;
      return out;
    }
  }

  /** Offset of the end tag closing the current element (which must not be self-closing), from `from`. */
  endTagOf(qname: string, from = this.tagEnd): number {
    const close = this.xml.indexOf(`</${qname}>`, from);
    if (close < 0) throw new XmlScanError(`<${qname}> at offset ${this.tagStart} is never closed`);
    return close;
  }

  private readTag(lt: number): void {
    const { xml } = this;
    this.tagStart = lt;
    this.closing = xml.charCodeAt(lt + 1) === SLASH;
    let i = this.closing ? lt + 2 : lt + 1;
    this.qnameStart = i;
    this.nameStart = i;
    for (;;) {
      const code = xml.charCodeAt(i);
      if (code === GT || code === SLASH || isSpace(code) || Number.isNaN(code)) break;
      if (code === COLON) this.nameStart = i + 1;
      i += 1;
    }
    this.nameEnd = i;
    this.attributesStart = i;
    // Attribute values may hold ">", so the tag ends at the first ">" outside quotes.
    let quote = 0;
    for (;;) {
      const code = xml.charCodeAt(i);
      if (Number.isNaN(code)) throw new XmlScanError(`a tag at offset ${lt} is never closed`);
      if (quote) {
        if (code === quote) quote = 0;
      } else if (code === QUOTE || code === APOSTROPHE) quote = code;
      else if (code === GT) break;
      i += 1;
    }
    this.selfClosing = xml.charCodeAt(i - 1) === SLASH;
    this.attributesEnd = this.selfClosing ? i - 1 : i;
    this.tagEnd = i + 1;
    this.position = this.tagEnd;
  }

  /** Passes over a comment, CDATA section, processing instruction or declaration starting at `lt`. */
  private skipMarkup(lt: number): number {
    const { xml } = this;
    const [open, close] = xml.startsWith("<!--", lt)
      ? ["<!--", "-->"]
      : xml.startsWith("<![CDATA[", lt)
        ? ["<![CDATA[", "]]>"]
        : xml.startsWith("<?", lt)
          ? ["<?", "?>"]
          : ["<!", ">"];
    const end = xml.indexOf(close, lt + open.length);
    if (end < 0) throw new XmlScanError(`markup at offset ${lt} is never closed`);
    return end + close.length;
  }
}
