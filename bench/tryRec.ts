import { readWorkbookGrids } from "../src/cli/xlsxRead";
import { recogniseWorkbook } from "../src/sources/recognise";
async function main() {
  const read = await readWorkbookGrids(process.argv[2]);
  for (let i = 0; i < 3; i++) { const t = Date.now(); recogniseWorkbook(read.grids); console.log("recognise", Date.now() - t); }
}
main();
