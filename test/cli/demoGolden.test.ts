/**
 * The demo's workbook, part by part: a change of behaviour changes some part of it, and a refactoring
 * must not. The golden record (demo.golden.json) holds the SHA-256 of each part of the package without
 * its timestamps. When the workbook is meant to change, build the demo before and after
 * (`node bin/lac-sufficiency.js demo -o FILE`), look at the differences with
 * `node dist/tools/compareXlsx.js BEFORE AFTER`, and record the new workbook with
 * `UPDATE_GOLDEN=1 npx jest test/cli/demoGolden.test.ts`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { buildWorkbook, demoBuildOptions } from "../../src/cli/commands";
import { compareXlsx, withoutTimestamps, xlsxFingerprint } from "../../tools/compareXlsx";

const GOLDEN = path.join(__dirname, "demo.golden.json");

let dir: string;
let demo: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "lac-demo-golden-"));
  const output = path.join(dir, "demo.xlsx");
  await buildWorkbook(await demoBuildOptions(output));
  demo = readFileSync(output);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the demo's workbook", () => {
  it("is the recorded one, part for part, apart from timestamps", async () => {
    const fingerprint = await xlsxFingerprint(demo);
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(fingerprint, null, 2)}\n`);
    const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as Record<string, string>;
    const changed = [...new Set([...Object.keys(golden), ...Object.keys(fingerprint)])]
      .filter((part) => golden[part] !== fingerprint[part])
      .sort();
    expect(changed).toEqual([]);
  });
});

describe("comparing workbooks", () => {
  it("finds the same workbook the same, whatever its timestamps", async () => {
    const zip = await JSZip.loadAsync(demo);
    const core = await zip.file("docProps/core.xml")?.async("string");
    expect(core).toMatch(/<dcterms:modified[^>]*>\d{4}-/);
    zip.file("docProps/core.xml", (core ?? "").replace(/(<dcterms:modified[^>]*>)[^<]*/, "$12031-07-04T12:34:56Z"));
    const stamped = await zip.generateAsync({ type: "nodebuffer" });
    expect(await compareXlsx(demo, stamped)).toEqual([]);
  });

  it("names the part where one cell differs", async () => {
    const zip = await JSZip.loadAsync(demo);
    const sheet = "xl/worksheets/sheet1.xml";
    const xml = (await zip.file(sheet)?.async("string")) ?? "";
    const changed = xml.replace(/<v>(\d+)<\/v>/, (_, n: string) => `<v>${Number(n) + 1}</v>`);
    expect(changed).not.toBe(xml);
    zip.file(sheet, changed);
    const differences = await compareXlsx(demo, await zip.generateAsync({ type: "nodebuffer" }));
    expect(differences.map((d) => d.part)).toEqual([sheet]);
  });

  it("marks ISO timestamps, and only them", () => {
    expect(withoutTimestamps("<a>2022-02-10T09:00:00Z</a><b>2022-02-10</b><c>2024-05-01T10:11:12.5+01:00</c>")).toBe(
      "<a><timestamp></a><b>2022-02-10</b><c><timestamp></c>",
    );
  });
});
