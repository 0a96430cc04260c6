/**
 * Outputs are never an input or each other, whatever the path says: the same name, a symlink, a
 * symlinked folder, a hard link. Temporary files are created exclusively and never left behind.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { removeStaleTemporaries, sameFile, temporaryNameOf, writeFilesSafely } from "../../src/xlsx/safeFiles";
import { parseSummaryJson } from "../support/summaryJson";
import { ASSUMPTIONS, SAMPLE, freshFolder, run, temporaryFiles } from "./support";

function inputCopy(dir: string): { input: string; bytes: Buffer } {
  const input = path.join(dir, "in.xlsx");
  copyFileSync(SAMPLE, input);
  return { input, bytes: readFileSync(input) };
}

it("refuses --summary-json naming the input workbook, and leaves the input as it was", async () => {
  const dir = freshFolder();
  const { input, bytes } = inputCopy(dir);
  const result = await run(["build", input, "-o", path.join(dir, "out.xlsx"), "--summary-json", input]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(
    /Expected the --summary-json file '.*in\.xlsx' to be a file of its own, but it is the input workbook/,
  );
  expect(readFileSync(input).equals(bytes)).toBe(true);
  expect(existsSync(path.join(dir, "out.xlsx"))).toBe(false);
});

it("refuses --summary-json naming the output workbook", async () => {
  const dir = freshFolder();
  const { input } = inputCopy(dir);
  const output = path.join(dir, "out.xlsx");
  const result = await run(["build", input, "-o", output, "--summary-json", output]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/but it is the output workbook .*each output needs its own file/);
  expect(existsSync(output)).toBe(false);
});

it("refuses -o through a symlinked folder that leads back to the input's folder", async () => {
  const dir = freshFolder();
  const { input, bytes } = inputCopy(dir);
  symlinkSync(dir, path.join(dir, "back"));
  const result = await run(["build", input, "-o", path.join(dir, "back", "in.xlsx")]);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/is the input workbook .* \(the same file under another name or through a link\)/);
  expect(readFileSync(input).equals(bytes)).toBe(true);
});

it("refuses -o that is a symlink or a hard link to the input, and a summary that is the --assumptions file", async () => {
  const dir = freshFolder();
  const { input, bytes } = inputCopy(dir);
  symlinkSync(input, path.join(dir, "link.xlsx"));
  linkSync(input, path.join(dir, "hard.xlsx"));
  expect((await run(["build", input, "-o", path.join(dir, "link.xlsx")])).code).toBe(2);
  expect((await run(["build", input, "-o", path.join(dir, "hard.xlsx")])).code).toBe(2);
  const assumptions = path.join(dir, "a.json");
  copyFileSync(ASSUMPTIONS, assumptions);
  const summary = await run([
    "build",
    input,
    "-o",
    path.join(dir, "out.xlsx"),
    "--assumptions",
    assumptions,
    "--summary-json",
    assumptions,
  ]);
  expect(summary.stderr).toMatch(/is the --assumptions file/);
  expect(readFileSync(input).equals(bytes)).toBe(true);
  expect(readFileSync(assumptions, "utf8")).toBe(readFileSync(ASSUMPTIONS, "utf8"));
});

it("compares files that do not exist yet by their folder's real path", async () => {
  const dir = freshFolder();
  mkdirSync(path.join(dir, "real"));
  symlinkSync(path.join(dir, "real"), path.join(dir, "alias"));
  expect(await sameFile(path.join(dir, "real", "x.json"), path.join(dir, "alias", "x.json"))).toBe(true);
  expect(await sameFile(path.join(dir, "real", "x.json"), path.join(dir, "real", "y.json"))).toBe(false);
});

it("never follows a link planted at the temporary name: the linked file is untouched and the output is written", async () => {
  const dir = freshFolder();
  const victim = path.join(dir, "victim.txt");
  writeFileSync(victim, "keep me");
  const output = path.join(dir, "out.json");
  symlinkSync(victim, temporaryNameOf(output));
  await writeFilesSafely([{ file: output, data: "{}\n", what: "the summary" }]);
  expect(readFileSync(victim, "utf8")).toBe("keep me");
  expect(readFileSync(output, "utf8")).toBe("{}\n");
  // The planted link is not this tool's file and stays; no temporary file of the write is left.
  expect(temporaryFiles(dir)).toEqual([path.basename(temporaryNameOf(output))]);
});

it("a failed summary write leaves neither file nor temporary file, and the workbook is not written either", async () => {
  const dir = freshFolder();
  const { input } = inputCopy(dir);
  const output = path.join(dir, "out.xlsx");
  const result = await run(["build", input, "-o", output, "--summary-json", path.join(dir, "missing", "s.json")]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/Could not write the summary '.*s\.json': its folder does not exist/);
  expect(existsSync(output)).toBe(false);
  expect(temporaryFiles(dir)).toEqual([]);
});

it("writes the workbook and its summary together", async () => {
  const dir = freshFolder();
  const { input } = inputCopy(dir);
  const result = await run([
    "build",
    input,
    "-o",
    path.join(dir, "out.xlsx"),
    "--summary-json",
    path.join(dir, "s.json"),
  ]);
  expect(result.code).toBe(0);
  expect(parseSummaryJson(readFileSync(path.join(dir, "s.json"), "utf8")).period).toBe(10);
  expect(temporaryFiles(dir)).toEqual([]);
});

it("removes a stale temporary file of a killed run (its process gone), but not one of a running process or a stranger's", async () => {
  const dir = freshFolder();
  const output = path.join(dir, "out.xlsx");
  // Process ids above the kernel's maximum (4194304 on Linux) are never running.
  const stale = path.join(dir, ".out.xlsx.99999999.tmp");
  const running = path.join(dir, `.out.xlsx.${process.ppid}.tmp`);
  const stranger = path.join(dir, ".other.xlsx.99999999.tmp");
  for (const file of [stale, running, stranger]) writeFileSync(file, "partial");
  expect(await removeStaleTemporaries(output)).toEqual([stale]);
  expect([existsSync(stale), existsSync(running), existsSync(stranger)]).toEqual([false, true, true]);
});
