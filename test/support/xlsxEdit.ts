/**
 * Typing into cells of a written .xlsx as Excel saves it: the cell's value replaced (a formula there
 * removed), its style and every other part of the package kept, the add-in's markers included.
 * (ExcelJS would rewrite the whole package and drop the custom properties that mark the add-in's sheets.)
 */
import JSZip from "jszip";
import { sheetParts } from "./xlsxInspect";

export interface TypedCell {
  sheet: string;
  /** "B9" */
  address: string;
  value: number | string | null;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export async function typeIntoXlsx(bytes: Buffer, cells: readonly TypedCell[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await sheetParts(bytes);
  for (const { sheet, address, value } of cells) {
    const part = parts.get(sheet);
    const file = part ? zip.file(part) : null;
    if (!part || !file) throw new Error(`no sheet '${sheet}' in the workbook`);
    const xml = await file.async("string");
    const element = new RegExp(`<c r="${address}"([^>]*?)(?:/>|>.*?</c>)`);
    const match = element.exec(xml);
    if (!match) throw new Error(`no cell ${address} written on sheet '${sheet}'`);
    const style = /\ss="\d+"/.exec(match[1])?.[0] ?? "";
    const typed =
      value === null
        ? `<c r="${address}"${style}/>`
        : typeof value === "number"
          ? `<c r="${address}"${style}><v>${value}</v></c>`
          : `<c r="${address}"${style} t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
    zip.file(part, xml.replace(element, typed));
  }
  return zip.generateAsync({ type: "nodebuffer" });
}
