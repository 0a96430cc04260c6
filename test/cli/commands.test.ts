/**
 * The command line's arguments, messages and exit codes: 0 built, 1 bad input (nothing recognised, not
 * a workbook, bad assumptions), 2 usage. A failure never leaves an output file behind.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/cli";
import { parsePeriodOption, type Output } from "../../src/cli/commands";
import { CliError } from "../../src/xlsx/errors";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { parseSummaryJson } from "../support/summaryJson";

const SAMPLE = path.join("examples", "p10-budget-monitoring.xlsx");
const ASSUMPTIONS = path.join("examples", "sample-assumptions.json");

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line) };
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = capture();
  const code = await main(args, io);
  return { code, stdout: io.stdout.join("\n"), stderr: io.stderr.join("\n") };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "lac-cli-"));
});

async function notesOnlyWorkbook(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Notes");
  sheet.getCell("A1").value = "Minutes of the placements panel";
  sheet.getCell("A2").value = "Agreed to review the IFA framework";
  const file = path.join(dir, "notes.xlsx");
  await workbook.xlsx.writeFile(file);
  return file;
}

describe("lac-sufficiency build", () => {
  it("builds, prints what it recognised and calculated, and exits 0", async () => {
    const output = path.join(dir, "built.xlsx");
    const { code, stdout, stderr } = await run(["build", SAMPLE, "-o", output, "--assumptions", ASSUMPTIONS]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("budget monitoring  'P10 Summary': 7 lines, units £");
    expect(stdout).toContain("placement list     'Placements': 539 placements");
    expect(stdout).toMatch(/Period: P10 \(January\) 2021\/22/);
    expect(stdout).toMatch(/ {2}Residential +12,119,924 +14,000,100/);
    expect(stdout).toMatch(/ {2}Total +24,004,503 +28,153,700/);
    expect(stdout).toMatch(/ {2}Total +41,807/);
    expect(stdout).toContain(
      `Wrote ${output}: 'Summary', 'Assumptions', 'Spend', 'Unit costs', 'Needs projection', 'Cost projection'`,
    );
    expect(existsSync(output)).toBe(true);
  });

  it("uses --period when the sheets do not say", async () => {
    const output = path.join(dir, "p9.xlsx");
    const summary = path.join(dir, "p9.json");
    expect((await run(["build", SAMPLE, "-o", output, "--period", "P9", "--summary-json", summary])).code).toBe(0);
    expect(parseSummaryJson(readFileSync(summary, "utf8")).period).toBe(9);
  });

  it("exits 1 with what it expected and found when it recognises nothing, writing nothing", async () => {
    const input = await notesOnlyWorkbook();
    const output = path.join(dir, "out.xlsx");
    const { code, stderr, stdout } = await run(["build", input, "-o", output]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^Expected a budget monitoring summary or a placement list in '.*notes\.xlsx', but found neither:\n {2}- sheet 'Notes': /,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(output)).toBe(false);
  });

  it("exits 1 when the input is not an .xlsx workbook or does not exist", async () => {
    const csv = path.join(dir, "spend.xlsx");
    writeFileSync(csv, "Setting Type,Spend\nResidential,12119924\n");
    const output = path.join(dir, "out.xlsx");
    const notWorkbook = await run(["build", csv, "-o", output]);
    expect(notWorkbook.code).toBe(1);
    expect(notWorkbook.stderr).toMatch(
      /Expected an \.xlsx workbook, but '.*spend\.xlsx' is a text file \(CSV or similar\)/,
    );
    const missing = await run(["build", path.join(dir, "missing.xlsx"), "-o", output]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Expected an \.xlsx workbook at '.*missing\.xlsx', but there is no such file\./);
    const ole = path.join(dir, "old.xls");
    writeFileSync(ole, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    expect((await run(["build", ole, "-o", output])).stderr).toMatch(
      /is an old-style \.xls file or a password-protected workbook/,
    );
    expect(readdirSync(dir)).toEqual(["spend.xlsx", "old.xls"].sort());
  });

  it("exits 1 naming the file and key of a bad assumption", async () => {
    const assumptions = path.join(dir, "assumptions.json");
    writeFileSync(assumptions, JSON.stringify({ population0to17: { value: -5 } }));
    const output = path.join(dir, "out.xlsx");
    const { code, stderr } = await run(["build", SAMPLE, "-o", output, "--assumptions", assumptions]);
    expect(code).toBe(1);
    expect(stderr).toBe(`In ${assumptions}, "population0to17": expected a number of children above 0, found -5.`);
    expect(existsSync(output)).toBe(false);
  });

  it("exits 2 for usage mistakes", async () => {
    const output = path.join(dir, "out.xlsx");
    const noOutput = await run(["build", SAMPLE]);
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toMatch(/required option '-o, --output <file>' not specified/);
    expect((await run(["build"])).code).toBe(2);
    expect((await run(["rebuild", SAMPLE])).code).toBe(2);
    const period = await run(["build", SAMPLE, "-o", output, "--period", "P13"]);
    expect(period.code).toBe(2);
    expect(period.stderr).toBe("Expected --period as P1 to P12 (P1 = April, P10 = January), found 'P13'.");
    const same = await run(["build", SAMPLE, "-o", SAMPLE]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/the input workbook is never overwritten/);
    const extension = await run(["build", SAMPLE, "-o", path.join(dir, "out.xlsm")]);
    expect(extension.code).toBe(2);
    expect(existsSync(path.join(dir, "out.xlsm"))).toBe(false);
  });

  it("prints help with exit 2 when run without a command, and 0 when asked for it", async () => {
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("Usage: lac-sufficiency");
    const help = await run(["build", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--summary-json <file>");
  });
});

describe("lac-sufficiency build with SSDA903 returns", () => {
  const returns = (kind: string): string[] =>
    ["2018-19", "2019-20", "2020-21"].map((year) => path.join("examples", "903", `${kind}_${year}.csv`));

  it("adds the demand sheets and takes the scenario from --scenario", async () => {
    const output = path.join(dir, "demand.xlsx");
    const { code, stdout, stderr } = await run([
      "build",
      SAMPLE,
      "-o",
      output,
      "--episodes",
      ...returns("episodes"),
      "--header",
      ...returns("header"),
      "--scenario",
      "examples/sample-scenario.json",
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("'Demand forecast', 'Cost forecast', 'Scenarios'");
  });

  it("keeps the scenario typed on the workbook's own Scenarios sheet when built again without --scenario", async () => {
    const first = path.join(dir, "first.xlsx");
    const second = path.join(dir, "second.xlsx");
    const care = ["--episodes", ...returns("episodes"), "--header", ...returns("header")];
    expect(
      (await run(["build", SAMPLE, "-o", first, ...care, "--scenario", "examples/sample-scenario.json"])).code,
    ).toBe(0);
    expect((await run(["build", first, "-o", second, ...care])).code).toBe(0);
    const scenarioText = async (file: string): Promise<string[]> => {
      const { ownedGrids, existing } = await readWorkbookGrids(file);
      const name = existing.find((sheet) => sheet.ownedKey === "demandScenarios")?.name;
      return (ownedGrids.find((grid) => grid.name === name)?.cells ?? [])
        .flat()
        .filter((cell): cell is string => typeof cell === "string");
    };
    expect(await scenarioText(first)).toContain("Edge of care and step-down");
    expect(await scenarioText(second)).toEqual(await scenarioText(first));
  });

  it("reports unreadable rows of a return as a warning and an unreadable return as bad input", async () => {
    const broken = path.join(dir, "episodes_broken.csv");
    writeFileSync(broken, `${readFileSync(returns("episodes")[2], "utf8")}C999,31/02/2021,S,C2,N1,U1,PR1,,,,,,\r\n`);
    const withBadRow = await run([
      "build",
      SAMPLE,
      "-o",
      path.join(dir, "warned.xlsx"),
      "--episodes",
      returns("episodes")[1],
      broken,
    ]);
    expect(withBadRow.code).toBe(0);
    expect(withBadRow.stdout).toMatch(/1 row of .*episodes_broken\.csv could not be used and was skipped: row \d+: /);
    const notEpisodes = path.join(dir, "budget.csv");
    writeFileSync(notEpisodes, "Setting Type,Spend\r\nResidential,12119924\r\n");
    const refused = await run(["build", SAMPLE, "-o", path.join(dir, "never.xlsx"), "--episodes", notEpisodes]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/expected the 903 column/);
    expect(existsSync(path.join(dir, "never.xlsx"))).toBe(false);
  });

  it("exits 2 when the Header files do not pair with the Episodes files, or a demand option comes without episodes", async () => {
    const output = path.join(dir, "out.xlsx");
    const unpaired = await run([
      "build",
      SAMPLE,
      "-o",
      output,
      "--episodes",
      ...returns("episodes"),
      "--header",
      returns("header")[0],
    ]);
    expect(unpaired.code).toBe(2);
    expect(unpaired.stderr).toBe(
      "Expected one --header file for each --episodes file (paired in order), found 3 Episodes files and 1 Header file.",
    );
    const scenarioAlone = await run(["build", SAMPLE, "-o", output, "--scenario", "examples/sample-scenario.json"]);
    expect(scenarioAlone.code).toBe(2);
    expect(scenarioAlone.stderr).toBe(
      "--scenario needs --episodes: it belongs to the demand forecast made from SSDA903 Episodes files.",
    );
  });

  it("exits 1 naming the field of a bad scenario", async () => {
    const scenario = path.join(dir, "scenario.json");
    writeFileSync(
      scenario,
      JSON.stringify({ name: "More entries", adjustments: [{ type: "entries", multiply: "lots" }] }),
    );
    const { code, stderr } = await run([
      "build",
      SAMPLE,
      "-o",
      path.join(dir, "out.xlsx"),
      "--episodes",
      ...returns("episodes"),
      "--scenario",
      scenario,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(scenario);
    expect(stderr).toContain("adjustments[0].multiply");
  });
});

describe("lac-sufficiency demo", () => {
  it("builds the sample into the given file and prints the summary", async () => {
    const output = path.join(dir, "demo.xlsx");
    const { code, stdout } = await run(["demo", "-o", output]);
    expect(code).toBe(0);
    expect(stdout).toContain("Demo: the sample P10 budget monitoring workbook examples/p10-budget-monitoring.xlsx");
    expect(stdout).toContain("episodes_2018-19.csv, episodes_2019-20.csv, episodes_2020-21.csv");
    expect(stdout).toMatch(
      /'Demand forecast', 'Cost forecast', 'Scenarios', beside your sheets 'P10 Summary', 'Placements', 'LAC History' \(unchanged\)/,
    );
    expect(stdout).toContain(
      "  LAC history        'LAC History': 61 counts of children looked after, 436 on 28/02/2017 to 619 on 28/02/2022\n",
    );
    expect(stdout).not.toContain("not used");
    expect(stdout).toMatch(/Children looked after: 619 on 28\/02\/2022; projected 770 by 28\/02\/2025/);
    expect(stdout).toMatch(
      / {2}Current cost +30,451\n {2}Increase from more children +7,428\n {2}Uplift +3,927\n {2}Total +41,807/,
    );
    // The demo chooses Sefton, whose sample budget it is: its published rate beside its neighbours, region and England.
    expect(stdout).toContain(
      "Published rate per 10,000 at 31 March 2025: Sefton 92; statistical neighbours 104 (mean), 110 (median); North West 90; England 67 (Benchmarks sheet)",
    );
    expect(existsSync(output)).toBe(true);
  });
});

describe("parsePeriodOption", () => {
  it.each([
    ["P10", 10],
    ["p1", 1],
    ["12", 12],
    ["Period 9", 9],
    ["month 4", 4],
  ])("reads %s as %i", (text, period) => {
    expect(parsePeriodOption(text)).toBe(period);
  });

  it.each(["P0", "P13", "January", "", "10.5"])("refuses %j as a usage error", (text) => {
    expect(() => parsePeriodOption(text)).toThrow(CliError);
    try {
      parsePeriodOption(text);
    } catch (error) {
      expect((error as CliError).exitCode).toBe(2);
    }
  });
});
