/**
 * The fake Excel host for the browser test, as a script the page runs before any of its own. It holds
 * the fake object model (test/support/fakeExcel.ts, compiled here to plain JavaScript; the file imports
 * nothing) with the sample workbook, and plays Excel's part:
 * - `window.Excel = { run }`, the one Office.js entry point the add-in calls (src/excel/host.ts);
 * - the requirement-set check on `Office.context` (outside Office, office.js gives none), answering as
 *   Excel with ExcelApi 1.12 would.
 * The test reads the workbook back through `window.__lacFake`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface HostSheet {
  name: string;
  rows: unknown[][];
  origin?: { row: number; col: number };
}

export function fakeHostScript(sheets: HostSheet[]): string {
  const source = readFileSync(path.join(__dirname, "../support/fakeExcel.ts"), "utf8");
  const compiled = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
  }).outputText;
  return `(() => {
  const exports = {};
  ${compiled}
  const fake = new exports.FakeExcel({ excelApi: "1.12" });
  for (const sheet of ${JSON.stringify(sheets)}) fake.addSheet(sheet.name, sheet.rows, sheet.origin);
  window.__lacFake = fake;
  window.Excel = { run: fake.run };
  const requirements = { isSetSupported: fake.isSetSupported };
  // office.js assigns window.Office when it loads and sets up Office.context itself; every later read
  // of Office.context here sees that context with Excel's requirement sets added.
  let office;
  Object.defineProperty(window, "Office", {
    configurable: true,
    get() {
      if (!office) return office;
      return new Proxy(office, {
        get(target, property, receiver) {
          if (property !== "context") return Reflect.get(target, property, receiver);
          const context = Reflect.get(target, property, receiver) || {};
          return new Proxy(context, {
            get: (c, p, r) => (p === "requirements" ? requirements : Reflect.get(c, p, r)),
          });
        },
      });
    },
    set(value) {
      office = value;
    },
  });
})();`;
}
