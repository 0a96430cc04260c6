/**
 * `node dist/tools/data/filter-lait.js FULL_EXTRACT.csv OUT.csv`: keeps the rows of the LAIT extract
 * (long format: `Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region`) whose
 * measure code the benchmark build reads, byte for byte, in their original order. The full extract
 * holds 33 measures (2.7 MB); the project uses 16 of them, and a clone needs only those to rebuild
 * the benchmark data. Run it again, with the same code list, when LAIT publishes new data.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { LAIT_MEASURES } from "./build";

export function filterLait(text: string): string {
  const lines = text.split(/\r?\n/);
  const kept = [lines[0]];
  const wanted = new Set(Object.keys(LAIT_MEASURES));
  for (const line of lines.slice(1)) {
    // The measure code is the first field and never holds a comma or a quote.
    const code = line.slice(0, line.indexOf(","));
    if (wanted.has(code)) kept.push(line);
  }
  return `${kept.join("\n")}\n`;
}

function main(): void {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    process.stderr.write("usage: node dist/tools/data/filter-lait.js FULL_EXTRACT.csv OUT.csv\n");
    process.exitCode = 2;
    return;
  }
  writeFileSync(output, filterLait(readFileSync(input, "utf8")));
}

if (require.main === module) main();
