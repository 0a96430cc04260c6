/**
 * `lac-sufficiency inspect` (read-only: tables, columns, every line's outcome and amounts, questions last;
 * exit 0 when something is recognised, 1 when nothing is, 2 on usage errors), `build --strict` (writes
 * nothing while a question is open) and answers given as "lineCategories" in the assumptions file.
 */
import { run } from "../support/runCli";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { InspectReport } from "../../src/cli/inspect";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "lac-inspect-"));
});

/** A ledger export with two description columns: placements among salaries and fees, and a line that needs a choice. */
async function ledger(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Ledger P10");
  sheet.addRows([
    ["Children's Services ledger export, Period 10 2021/22, £"],
    ["Cost Centre", "Cost Centre Name", "Account", "Account Name", "Budget", "Actual to Date", "Forecast Outturn"],
    ["C3100", "Looked After Children - Placements", 5301, "Third Party Payments", 1000000, 800000, 1100000],
    ["C3110", "Independent Fostering Agencies", 5301, "Third Party Payments", 5000000, 4000000, 5200000],
    ["C3120", "Fostering Service", 1001, "Salaries", 900000, 700000, 880000],
    ["C3120", "Fostering Service", 5320, "Foster Carer Allowances", 3000000, 2500000, 3100000],
  ]);
  const file = path.join(dir, "ledger.xlsx");
  await workbook.xlsx.writeFile(file);
  return file;
}

describe("lac-sufficiency inspect", () => {
  it("prints each line with its outcome, the words that decided it and its amounts, the questions last, writing nothing", async () => {
    const input = await ledger();
    const before = statSync(input).mtimeMs;
    const { code, stdout } = await run(["inspect", input]);
    expect(code).toBe(0);
    expect(stdout).toContain("Budget table 'Ledger P10' B2:G6, header row 2");
    expect(stdout).toContain(
      "cell B4 of sheet 'Ledger P10': 'Independent Fostering Agencies / Third Party Payments' -> Independent Fostering ('independent fostering' in 'Independent Fostering Agencies')",
    );
    expect(stdout).toContain(
      "'Fostering Service / Salaries' -> not a placement cost ('salary': not a placement cost in 'Salaries'); budget 900,000, actualToDate 700,000, forecastOutturn 880,000",
    );
    expect(stdout.indexOf("Check these first (2)")).toBeGreaterThan(stdout.indexOf("Budget table"));
    expect(readdirSync(dir)).toEqual(["ledger.xlsx"]);
    expect(statSync(input).mtimeMs).toBe(before);
  });

  it("prints one JSON document of the documented shape with --json", async () => {
    const { code, stdout } = await run(["inspect", await ledger(), "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as InspectReport;
    expect(report.version).toBe(1);
    const [table] = report.tables;
    expect(table.columns.map((c) => [c.measure, c.column])).toEqual([
      ["label", "B"],
      ["detail", "D"],
      ["budget", "E"],
      ["actualToDate", "F"],
      ["forecastOutturn", "G"],
    ]);
    expect(table.lines.map((l) => [l.outcome, l.category, l.amounts.forecastOutturn])).toEqual([
      ["ask", null, 1_100_000],
      ["placement", "Independent Fostering", 5_200_000],
      ["excluded", null, 880_000],
      ["placement", "In House Fostering", 3_100_000],
    ]);
    expect(report.questions.map((q) => [q.kind, q.lines?.map((l) => l.key)])).toEqual([
      ["lineChoice", ["Ledger P10!3"]],
      ["excludedLines", ["Ledger P10!5"]],
    ]);
  });

  it("exits 1 when nothing is recognised, 2 on a usage error", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Notes").getCell("A1").value = "Minutes of the placements panel";
    const notes = path.join(dir, "notes.xlsx");
    await workbook.xlsx.writeFile(notes);
    expect((await run(["inspect", notes])).code).toBe(1);
    expect((await run(["inspect"])).code).toBe(2);
  });
});

describe("lac-sufficiency build --strict", () => {
  it("writes nothing and exits 1 while a question is open, saying what is open", async () => {
    const output = path.join(dir, "out.xlsx");
    const { code, stderr } = await run(["build", await ledger(), "-o", output, "--strict"]);
    expect(code).toBe(1);
    expect(stderr).toContain("--strict: nothing was written, because 2 questions are open.");
    expect(stderr).toContain("'Looked After Children - Placements / Third Party Payments'");
    expect(existsSync(output)).toBe(false);
  });

  it("builds once every question is answered in the assumptions file, and the answers are counted", async () => {
    const input = await ledger();
    const answers = path.join(dir, "answers.json");
    writeFileSync(
      answers,
      JSON.stringify({
        lineCategories: {
          "Looked After Children - Placements / Third Party Payments": "residential",
          "Fostering Service / Salaries": "excluded",
        },
      }),
    );
    const output = path.join(dir, "out.xlsx");
    const summary = path.join(dir, "summary.json");
    const { code, stdout, stderr } = await run([
      "build",
      input,
      "-o",
      output,
      "--strict",
      "--assumptions",
      answers,
      "--summary-json",
      summary,
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).not.toContain("Check these first");
    const figures = JSON.parse(readFileSync(summary, "utf8")) as {
      categories: Record<string, { forecastOutturn: number }>;
      questions: unknown[];
    };
    expect(figures.categories.residential.forecastOutturn).toBe(1_100_000);
    expect(figures.questions).toEqual([]);
  });

  it("prints the questions first when it builds without --strict", async () => {
    const { code, stdout } = await run(["build", await ledger(), "-o", path.join(dir, "out.xlsx")]);
    expect(code).toBe(0);
    expect(stdout.startsWith("Check these first (2)")).toBe(true);
  });

  it("refuses a line answer that is not a category, naming the file and the label", async () => {
    const answers = path.join(dir, "answers.json");
    writeFileSync(answers, JSON.stringify({ lineCategories: { Fostering: "foster" } }));
    const { code, stderr } = await run([
      "build",
      await ledger(),
      "-o",
      path.join(dir, "out.xlsx"),
      "--assumptions",
      answers,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(`In ${answers}, "lineCategories"."Fostering": expected a placement category`);
  });
});
