import { readWorkbookGrids } from "../src/cli/xlsxRead";
import { recogniseWorkbook } from "../src/sources/recognise";
import { buildSufficiencyPlan, defaultAssumptions } from "../src/workbook/build";
import { applyPlanToWorkbook } from "../src/cli/xlsxWrite";
import { readFileSync } from "node:fs";
async function main() {
  const bytes = readFileSync(process.argv[2]);
  let t = Date.now();
  const lap = (what: string) => { const n = Date.now(); console.log(what, n - t, "ms rss", Math.round(process.memoryUsage().rss / 1048576), "heap", Math.round(process.memoryUsage().heapUsed / 1048576)); t = n; };
  const read = await readWorkbookGrids(bytes); lap("read");
  const recognition = recogniseWorkbook(read.grids); lap("recognise");
  const plan = buildSufficiencyPlan({ recognition, assumptions: defaultAssumptions(recognition), existingSheets: read.existing }); lap("plan");
  const out = await applyPlanToWorkbook(bytes, plan, { sourceGrids: read.grids }); lap("write");
  console.log(out.bytes.length, plan.sheets.map((s) => `${s.name}:${s.blocks.reduce((n, b) => n + b.cells.length, 0)}`).join(" "));
  console.log("maxrss", process.resourceUsage().maxRSS / 1024);
}
main();
