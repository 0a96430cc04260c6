/**
 * The layers of src/ depend downwards only: core/ (the figures, the grid, diagnostics) imports nothing
 * from the other rooms; sources/ (recognition) nothing from the workbook plan or the hosts; workbook/
 * (the plan, ownership, the pipeline) nothing from a host; and the hosts (excel/ for the pane and the
 * ribbon, xlsx/ for files) nothing from the task pane's UI or the command line. This reads every source
 * file's syntax tree and fails on an import that climbs, so the layering cannot run backwards again
 * unnoticed.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { SRC, sourceFiles, syntaxTree } from "../support/sourceTree";

/** The rooms each room must not import from. */
const FORBIDDEN: Record<string, string[]> = {
  core: ["sources", "workbook", "functions", "excel", "xlsx", "cli", "taskpane", "commands"],
  sources: ["workbook", "functions", "excel", "xlsx", "cli", "taskpane", "commands"],
  workbook: ["functions", "excel", "xlsx", "cli", "taskpane", "commands"],
  excel: ["xlsx", "cli", "taskpane", "commands"],
  xlsx: ["excel", "cli", "taskpane", "commands"],
};

/** Every module a file names: imports (type-only too), re-exports, dynamic imports and requires. */
export function importedModules(fileName: string, text: string): string[] {
  const file = syntaxTree(fileName, text);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require"))
    ) {
      const [first] = node.arguments;
      if (first && ts.isStringLiteral(first)) found.push(first.text);
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The room of src/ a path is in ("core" for src/core/demand/fit.ts), or null outside src/. */
function roomOf(file: string): string | null {
  const relative = path.relative(SRC, file);
  if (relative.startsWith("..")) return null;
  return relative.split(path.sep)[0];
}

/** "src/sources/x.ts imports ../workbook/plan" for every import that climbs out of its room's layer. */
function climbingImports(): string[] {
  return sourceFiles(SRC).flatMap((file) => {
    const forbidden = FORBIDDEN[roomOf(file) ?? ""] ?? [];
    return importedModules(file, fs.readFileSync(file, "utf8"))
      .filter((module) => module.startsWith("."))
      .filter((module) => forbidden.includes(roomOf(path.resolve(path.dirname(file), module)) ?? ""))
      .map((module) => `${path.relative(path.join(SRC, ".."), file)} imports ${module}`);
  });
}

describe("the layers of src/ depend downwards", () => {
  it("finds a module named in each way a file can name one", () => {
    const text = [
      'import { a } from "../workbook/plan";',
      'import type { B } from "./b";',
      'export { c } from "../c";',
      'const d = await import("../d");',
      'const e = require("../e");',
      'let f: import("../f").F;',
      'const g = "../not-an-import";',
    ].join("\n");
    expect(importedModules("probe.ts", text)).toEqual(["../workbook/plan", "./b", "../c", "../d", "../e", "../f"]);
  });

  it("has no import from core/ to another room, from sources/ to the plan or a host, from workbook/ to a host, nor from a host to the UI", () => {
    expect(sourceFiles(path.join(SRC, "core")).length).toBeGreaterThan(10);
    expect(sourceFiles(path.join(SRC, "sources")).length).toBeGreaterThan(5);
    expect(climbingImports()).toEqual([]);
  });
});

/** Folders of test/ that test the whole rather than one folder of src/ or tools/, and what they hold. */
const CROSS_CUTTING = new Set([
  "browser", // the task pane in Chromium
  "docs", // the manual against the code
  "fixtures", // data the tests read
  "manifest", // the add-in manifest
  "robustness", // hostile and odd inputs through every path
  "stubs", // stand-ins for modules jest cannot load
  "support", // test helpers
]);

/** Each folder under test/ that is not cross-cutting, with whether src/ or tools/ has the same folder. */
function unmirroredTestFolders(): string[] {
  const TEST = path.join(SRC, "..", "test");
  const missing: string[] = [];
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(TEST, relative), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const folder = path.join(relative, entry.name);
      if (relative === "" && CROSS_CUTTING.has(entry.name)) continue;
      if (entry.name === "oracle") continue; // test/core/oracle: the mathjs checks of core/, beside its tests
      const mirrored = [path.join(SRC, folder), path.join(SRC, "..", folder)].some((p) => fs.existsSync(p));
      if (!mirrored) missing.push(`test/${folder}`);
      visit(folder);
    }
  };
  visit("");
  return missing;
}

describe("the tests mirror src/", () => {
  it("has no folder under test/ without the src/ (or tools/) folder it tests, apart from the cross-cutting ones", () => {
    expect(unmirroredTestFolders()).toEqual([]);
  });
});
