/**
 * A workbook over a limit is refused before its cells are read, with a message naming the limit and the
 * sheet, instead of running out of memory minutes later. The limit was set when the command line read
 * cells through a spreadsheet library (an object per cell and row); the values-only reader (src/xlsx)
 * reads a sheet of 1,048,576 rows in about 360 MB, so it could be raised once the build after the read
 * is measured at that size.
 */
import { CliError } from "./errors";
import type { OoxmlPackage } from "./ooxmlPackage";
import type { SheetEntry } from "./workbookPart";

/**
 * Cells and rows a workbook may hold, each counting one. Measured with the spreadsheet library: a
 * 150,000-line ledger of 8 columns (1,350,000) built within 1.6 GB, and a sheet of 1,048,576 rows in one
 * column (2,100,000) took 1.8 GB to read alone; a budget table of 1,800,000 would not have been built
 * within 2 GB. With the values-only reader the ledger builds within 0.9 GB.
 */
export const MAX_WORKBOOK_CELLS = 1_800_000;

const LT = 0x3c; // <
const C = 0x63; // c
const W = 0x77; // w
const SPACE = 0x20;
const GT = 0x3e; // >
const SLASH = 0x2f; // /

/** The used range a worksheet part states (`<dimension ref="A1:H150001"/>`), from its first bytes. */
function statedDimension(head: string): string | null {
  return /<(?:\w+:)?dimension\s+ref="([^"]+)"/.exec(head)?.[1] ?? null;
}

/** Rows times columns, plus rows, of "A1:H150001": the most a sheet of that used range can count. */
function areaOf(dimension: string): number {
  const [from, to = from] = dimension.split(":");
  const parse = (ref: string): { row: number; col: number } | null => {
    const match = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
    if (!match) return null;
    let col = 0;
    for (const ch of match[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(match[2]), col };
  };
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return Infinity;
  const rows = Math.abs(b.row - a.row) + 1;
  return rows * (Math.abs(b.col - a.col) + 1) + rows;
}

/** The used range a worksheet part states, read from its first bytes; null when it states none. */
async function dimensionOf(pkg: OoxmlPackage, partName: string): Promise<string | null> {
  let dimension: string | null = null;
  await pkg.scan(partName, (chunk) => {
    dimension = statedDimension(Buffer.from(chunk.subarray(0, 4096)).toString("latin1"));
    return false;
  });
  return dimension;
}

/**
 * Counts the cell and row elements (`<c ...>`, `<row ...>`) of a worksheet part, stopping once the count
 * passes `limit`.
 */
async function countCells(pkg: OoxmlPackage, partName: string, limit: number): Promise<number> {
  let cells = 0;
  // The last bytes before the chunk, so that a "<row" split across two chunks is found.
  let carried: number[] = [0, 0, 0, 0];
  await pkg.scan(partName, (chunk) => {
    const byte = (i: number): number => (i >= 0 ? chunk[i] : carried[carried.length + i]);
    for (let i = 0; i < chunk.length; i += 1) {
      const next = chunk[i];
      if (next !== SPACE && next !== GT && next !== SLASH) continue;
      if (byte(i - 1) === C && byte(i - 2) === LT) cells += 1;
      else if (byte(i - 1) === W && byte(i - 4) === LT && byte(i - 3) === 0x72 && byte(i - 2) === 0x6f) cells += 1;
    }
    carried = [byte(chunk.length - 4), byte(chunk.length - 3), byte(chunk.length - 2), byte(chunk.length - 1)];
    return cells <= limit;
  });
  return cells;
}

/**
 * Throws a CliError when the workbook's worksheets hold more than `limit` cells between them. The parts
 * are counted only when their stated used ranges could hold more: a sheet cannot hold more cells than
 * its used range, and counting means inflating every part once more. `owned`: the names of the add-in's
 * sheets from the last build, which the message calls so.
 */
export async function refuseOversizedWorkbook(
  pkg: OoxmlPackage,
  sheets: SheetEntry[],
  source: string,
  owned: ReadonlySet<string> = new Set(),
  limit = MAX_WORKBOOK_CELLS,
): Promise<void> {
  const parts: { name: string; partName: string; dimension: string | null }[] = [];
  for (const sheet of sheets) {
    if (!sheet.isWorksheet || !sheet.partName || !pkg.has(sheet.partName)) continue;
    parts.push({ name: sheet.name, partName: sheet.partName, dimension: await dimensionOf(pkg, sheet.partName) });
  }
  let bound = 0;
  for (const part of parts) bound += part.dimension === null ? Infinity : areaOf(part.dimension);
  if (bound <= limit) return;
  let total = 0;
  for (const part of parts) {
    total += await countCells(pkg, part.partName, limit - total);
    if (total > limit) {
      const notes = [
        ...(owned.has(part.name) ? ["one of the add-in's sheets from the last build"] : []),
        ...(part.dimension ? [`its used range is ${part.dimension}`] : []),
      ];
      const range = notes.length ? ` (${notes.join("; ")})` : "";
      throw new CliError(
        `Expected a workbook the command line can read within 2 GB of memory: at most ${limit.toLocaleString("en-GB")} cells and rows between its sheets (each row, and each cell holding a value or a format, counts one), but ${source} holds more: sheet '${part.name}'${range} takes it past that. ` +
          "Delete the rows and columns not needed, or copy the budget table into a workbook of its own, and build from that.",
      );
    }
  }
}
