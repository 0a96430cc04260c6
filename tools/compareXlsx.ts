/**
 * Compares two .xlsx files part by part, leaving out what changes from one build to the next without
 * changing the workbook: the created and modified dates of docProps/core.xml and any other ISO 8601
 * timestamp. A refactoring that keeps the behaviour builds the same demo workbook, part for part.
 *
 *   npm run build:cli && node dist/tools/compareXlsx.js before.xlsx after.xlsx
 *
 * prints each part that differs, with the text around the first difference, and exits 1 if any does.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import JSZip from "jszip";

/** A part's text with its timestamps replaced by a mark, so two builds of the same workbook compare equal. */
export function withoutTimestamps(text: string): string {
  return text.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?/g, "<timestamp>");
}

/** Each part of a package by name, as text without timestamps. */
export async function xlsxParts(file: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(file);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (!entry.dir) parts.set(name, withoutTimestamps(await entry.async("string")));
  }
  return parts;
}

/** The SHA-256 of each part without timestamps: a golden record of a workbook that fits in a test's folder. */
export async function xlsxFingerprint(file: Buffer): Promise<Record<string, string>> {
  const parts = await xlsxParts(file);
  return Object.fromEntries([...parts].map(([name, text]) => [name, createHash("sha256").update(text).digest("hex")]));
}

export interface PartDifference {
  part: string;
  /** "only in the first", "only in the second", or the text around the first difference in each. */
  what: string;
}

/** The parts that differ between two packages, in name order. */
export async function compareXlsx(first: Buffer, second: Buffer): Promise<PartDifference[]> {
  const [a, b] = await Promise.all([xlsxParts(first), xlsxParts(second)]);
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  const differences: PartDifference[] = [];
  for (const part of names) {
    const x = a.get(part);
    const y = b.get(part);
    if (x === y) continue;
    if (x === undefined || y === undefined) {
      differences.push({ part, what: x === undefined ? "only in the second" : "only in the first" });
      continue;
    }
    let at = 0;
    while (at < x.length && x[at] === y[at]) at += 1;
    const around = (text: string): string => text.slice(Math.max(0, at - 60), at + 100);
    differences.push({ part, what: `at character ${at}:\n  first:  ${around(x)}\n  second: ${around(y)}` });
  }
  return differences;
}

async function main(args: string[]): Promise<number> {
  if (args.length !== 2) {
    process.stderr.write("Usage: node dist/tools/compareXlsx.js FIRST.xlsx SECOND.xlsx\n");
    return 2;
  }
  const differences = await compareXlsx(readFileSync(args[0]), readFileSync(args[1]));
  for (const { part, what } of differences) process.stdout.write(`${part}: ${what}\n`);
  process.stdout.write(
    differences.length ? `${differences.length} part(s) differ\n` : "The same, part for part, apart from timestamps\n",
  );
  return differences.length ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
