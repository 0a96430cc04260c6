/**
 * The add-in's budgets (issue 5): the task pane's first load, gzipped (target under 300 KB), and the
 * time to read, recognise, describe and write the sufficiency workbook on the fake Excel host, for the
 * sample workbook and for a 10,000-line budget sheet (with the number of syncs, which must not grow).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { excelOperations } from "../../src/excel/operations";
import { runBuild, type BuildSettings } from "../../src/excel/workflow";
import { recogniseSnapshot } from "../../src/workbook/pipeline";
import { defaultAssumptions } from "../../src/workbook/build";
import { FakeExcel } from "../../test/support/fakeExcel";
import { budgetSheetRows, sampleFakeExcel } from "../../test/support/sampleWorkbook";
import type { BenchCase } from "../types";

/** The files taskpane.html loads from the add-in's own address (office.js comes from Microsoft's CDN). */
function firstLoadFiles(dist: string): string[] {
  const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
  const scripts = [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)]
    .map((m) => m[1])
    .filter((src) => !/^https?:/.test(src));
  return ["taskpane.html", ...scripts];
}

async function buildOnFakeHost(make: () => FakeExcel): Promise<{ syncs: number; sheetsWritten: number }> {
  const fake = make();
  const operations = excelOperations(fake);
  const { recognition } = recogniseSnapshot(await operations.readWorkbook(), {});
  const settings: BuildSettings = {
    version: 1,
    recogniseOptions: {},
    assumptions: defaultAssumptions(recognition, { today: 44_600 }),
  };
  const before = fake.syncs;
  const outcome = await runBuild(operations, settings);
  return { syncs: fake.syncs - before, sheetsWritten: outcome.report.sheets.length };
}

const bundle: BenchCase<string> = {
  name: "addin-taskpane-first-load-gzip",
  issue: 5,
  target: { firstLoadGzipKb: 300 },
  runs: 1,
  setup: () => {
    // The production build itself is not timed (about a minute on this machine).
    const dist = mkdtempSync(path.join(os.tmpdir(), "lac-addin-bench-"));
    execFileSync(
      process.execPath,
      [path.join(process.cwd(), "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--output-path", dist],
      {
        cwd: process.cwd(),
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    return dist;
  },
  run: (dist) => {
    const files = firstLoadFiles(dist).map((file) => {
      const data = readFileSync(path.join(dist, file));
      return {
        file,
        kb: Math.round(data.length / 102.4) / 10,
        gzipKb: Math.round(gzipSync(data, { level: 9 }).length / 102.4) / 10,
      };
    });
    rmSync(dist, { recursive: true, force: true });
    const firstLoadGzipKb = Math.round(files.reduce((sum, f) => sum + f.gzipKb, 0) * 10) / 10;
    return { firstLoadGzipKb, files };
  },
};

const sample: BenchCase<null> = {
  name: "addin-build-sample-workbook-fake-host",
  issue: 5,
  runs: 7,
  setup: () => null,
  run: () => buildOnFakeHost(sampleFakeExcel),
};

const large: BenchCase<null> = {
  name: "addin-build-10000-line-budget-fake-host",
  issue: 5,
  runs: 3,
  setup: () => null,
  run: () => buildOnFakeHost(() => new FakeExcel().addSheet("P10", budgetSheetRows(10_000))),
};

export const cases = [bundle, sample, large] as BenchCase[];
