/** The project's own source files as syntax trees, for the tests that read the code itself. */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const SRC = path.join(__dirname, "..", "..", "src");

/** Every .ts and .tsx file below `dir`. */
export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The syntax tree of a file's text, read as TSX when its name ends in x. */
export function syntaxTree(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}
