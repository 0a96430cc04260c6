/**
 * A spread into a call (`Math.max(...rows)`, `list.push(...more)`) puts every element on the call stack:
 * with a sheet of 130,000 rows V8 throws "Maximum call stack size exceeded". This scans every source
 * file's syntax tree and fails on any spread argument, so no such call can come back unnoticed.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { SRC, sourceFiles, syntaxTree } from "../support/sourceTree";

/** "src/x.ts:12: Math.max(...rows)" for every spread argument of a call or `new` in the text. */
export function spreadArguments(fileName: string, text: string): string[] {
  const file = syntaxTree(fileName, text);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some(ts.isSpreadElement)) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
      found.push(`${fileName}:${line}: ${node.getText(file).replace(/\s+/g, " ").slice(0, 100)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("no spread arguments in src/", () => {
  it("finds a spread in the ways it can be written", () => {
    const text = [
      "Math.max(0, ...rows);",
      "out.push(\n  ...more,\n);",
      "new Foo(...args);",
      "const a = [...rows];",
      "const o = { ...x };",
    ].join("\n");
    expect(spreadArguments("probe.ts", text)).toEqual([
      "probe.ts:1: Math.max(0, ...rows)",
      "probe.ts:2: out.push( ...more, )",
      "probe.ts:5: new Foo(...args)",
    ]);
  });

  it("has none: loop, or reduce, instead", () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) =>
      spreadArguments(path.relative(path.join(SRC, ".."), file), fs.readFileSync(file, "utf8")),
    );
    expect(found).toEqual([]);
  });
});
