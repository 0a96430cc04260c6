/**
 * The task pane in a real browser: the production bundle served from 127.0.0.1, opened in headless
 * Chromium at a task pane's width, with office.js from node_modules standing in for Microsoft's CDN and
 * a fake Excel host holding the sample workbook examples/p10-budget-monitoring.xlsx (fakeHost.ts). It walks Sources -> Assumptions ->
 * Build -> Import 903 as a user would, checks the workbook received the plan, runs axe-core on each
 * step and saves a screenshot of each under test-results/ (and of the count history opened, and of
 * Sources with the imported 903 sheet). Every other request leaving the page fails
 * the test: the add-in makes no network calls.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { productionBuild, ROOT } from "../support/productionBuild";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { serialFromJsDate } from "../../src/core/dates";
import { contentType, serveFolder, type StaticServer } from "../support/staticServer";
import { CHROMIUM, describeWithProgram, programPath } from "../support/systemPrograms";
import { fakeHostScript, type HostSheet } from "./fakeHost";

const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_JS_LOGGING = "https://telemetryservice.firstpartyapps.oaspapps.com/telemetryservice/telemetryproxy.html";
const OFFICE_DIST = path.join(ROOT, "node_modules/@microsoft/office-js/dist");
const RESULTS = path.join(ROOT, "test-results");
const PANE = { width: 350, height: 900 };
const SAMPLE = path.join(ROOT, "examples/p10-budget-monitoring.xlsx");

/** The example workbook's sheets as Excel would hold them: dates as serials, text as text. */
async function sampleSheets(): Promise<HostSheet[]> {
  const { grids } = await readWorkbookGrids(SAMPLE);
  return grids.map((grid) => ({
    name: grid.name,
    origin: grid.origin,
    rows: grid.cells.map((row = []) =>
      row.map((cell) =>
        cell instanceof Date
          ? serialFromJsDate(cell)
          : typeof cell === "string" && /^[=']/.test(cell)
            ? `'${cell}`
            : cell,
      ),
    ),
  }));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describeWithProgram(CHROMIUM, "the task pane in headless Chromium", () => {
  let server: StaticServer;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const outsideRequests: string[] = [];
  const pageErrors: string[] = [];

  const fake = <T>(body: string): Promise<T> =>
    page.evaluate<T>(`(() => { const fake = window.__lacFake; ${body} })()`);

  async function axeSeriousViolations(): Promise<AxeViolation[]> {
    await page.addScriptTag({ content: readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8") });
    // Fluent UI's focus manager (tabster) puts invisible focus sentinels (<i data-tabster-dummy>) at the
    // edges of focus zones; they hand focus on at once and are never read out, but axe flags them.
    const violations = await page.evaluate<AxeViolation[]>(
      'axe.run({ exclude: [["[data-tabster-dummy]"]] }).then((r) => r.violations)',
    );
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  }

  async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: path.join(RESULTS, `taskpane-${name}.png`), fullPage: true });
  }

  beforeAll(async () => {
    const dist = await productionBuild();
    const sheets = await sampleSheets();
    mkdirSync(RESULTS, { recursive: true });
    server = await serveFolder(dist);
    profile = mkdtempSync(path.join(os.tmpdir(), "lac-chromium-"));
    // A fresh profile each run (playwright passes it as --user-data-dir).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: programPath(CHROMIUM) ?? "/usr/bin/chromium",
      viewport: PANE,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      if (url.startsWith(OFFICE_CDN)) {
        const file = path.join(OFFICE_DIST, url.slice(OFFICE_CDN.length).split("?")[0]);
        try {
          return await route.fulfill({ body: readFileSync(file), contentType: contentType(file) });
        } catch {
          return route.fulfill({ status: 404 });
        }
      }
      // office.js itself, outside Office, opens Microsoft's logging page; the add-in's code asks for nothing.
      if (url === OFFICE_JS_LOGGING) return route.abort();
      outsideRequests.push(url);
      return route.abort();
    });
    await context.addInitScript({ content: fakeHostScript(sheets) });
    page = context.pages()[0] ?? (await context.newPage());
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${server.url}/taskpane.html`);
  }, 900_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("1 Sources: shows what was recognised in the sample workbook, and a category can be changed", async () => {
    await page.getByRole("heading", { name: "Budget monitoring: P10 Summary" }).waitFor({ timeout: 30_000 });
    await page.getByText("Header in row 4; 7 lines; period P10 (January) 2021/22", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Lines and their categories" }).click();
    const category = page.getByRole("combobox", { name: "Category of Child Arrangement Orders" });
    expect(await category.inputValue()).toBe("cao");
    await category.selectOption("other");
    expect(await category.inputValue()).toBe("other");
    await page.getByRole("heading", { name: "Placement list: Placements" }).waitFor();
    const history = page.getByRole("region", { name: "Children looked after over time on sheet LAC History" });
    await history
      .getByText("Header in row 3; 61 counts, 28/02/2017 (436) to 28/02/2022 (619); 0 rows left out.", { exact: false })
      .waitFor();
    await screenshot("1-sources");
    expect(await axeSeriousViolations()).toEqual([]);
  });

  it("2 Assumptions: refuses what is not a number, next to the field, and takes a population", async () => {
    await page.getByRole("tab", { name: "2 Assumptions" }).click();
    const population = page.getByRole("textbox", { name: "Children aged 0-17 in the area" });
    await population.fill("sixty thousand");
    await page.getByText('Enter a whole number of children, e.g. 61,000; "sixty thousand" is not a number.').waitFor();
    await page.getByRole("tab", { name: "3 Build" }).click();
    await page.getByText("1 assumption is not valid yet: see step 2.").waitFor();
    expect(await page.getByRole("button", { name: "Build workbook" }).isDisabled()).toBe(true);
    await page.getByRole("tab", { name: "2 Assumptions" }).click();
    await page.getByRole("textbox", { name: "Children aged 0-17 in the area" }).fill("61,000");
    expect(await page.getByText("is not a number").count()).toBe(0);
    await page
      .getByText("61 counts from sheet 'LAC History', 28/02/2017 to 28/02/2022; latest 619. Linked:", { exact: false })
      .waitFor();
    expect(await page.getByRole("textbox", { name: "Date 1", exact: true }).count()).toBe(0);
    await screenshot("2-assumptions");
    expect(await axeSeriousViolations()).toEqual([]);
  });

  it("2 Assumptions: the 61 counts open from the keyboard, dated dd/mm/yyyy; changing one says the counts are now typed", async () => {
    const show = page.getByRole("button", { name: "Show the 61 counts to change or add one" });
    await show.focus();
    await page.keyboard.press("Enter");
    expect(await page.getByRole("textbox", { name: "Date 1", exact: true }).inputValue()).toBe("28/02/2017");
    const latest = page.getByRole("textbox", { name: "Count 61", exact: true });
    expect(await latest.inputValue()).toBe("619");
    await latest.fill("620");
    const typedNotice = page.getByText(
      "These counts are typed: builds keep them and take no new months from sheet 'LAC History'",
      { exact: false },
    );
    await typedNotice.waitFor();
    await typedNotice.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS, "taskpane-2b-history-counts.png") });
    expect(await axeSeriousViolations()).toEqual([]);
    await page.getByRole("button", { name: "Use sheet 'LAC History' again" }).click();
    await page.getByRole("button", { name: "Hide the counts" }).click();
    expect(await page.getByRole("textbox", { name: "Count 61", exact: true }).count()).toBe(0);
  });

  it("3 Build: shows progress, then the sheets written with links, and the workbook holds the plan", async () => {
    await page.getByRole("tab", { name: "3 Build" }).click();
    await page.getByRole("button", { name: "Build workbook" }).click();
    await page.getByRole("heading", { name: /^Done: \d+ sheets written$/ }).waitFor({ timeout: 60_000 });
    await screenshot("3-build");
    expect(await axeSeriousViolations()).toEqual([]);

    const names = await fake<string[]>("return fake.sheetNames();");
    expect(names.slice(0, 3)).toEqual(["P10 Summary", "Placements", "LAC History"]);
    expect(names.slice(3)).toEqual(
      expect.arrayContaining(["Summary", "Assumptions", "Spend", "Unit costs", "Needs projection", "Cost projection"]),
    );
    // The user's sheets are as they were; the population typed in the pane is an input cell.
    expect(await fake<unknown>('return fake.cell("P10 Summary", "B6");')).toMatchObject({
      value: 12119924,
      formula: null,
    });
    const inputs = await fake<unknown[]>(
      'return [...fake.sheetByName("Assumptions").cells.values()].map((c) => c.value);',
    );
    expect(inputs).toContain(61000);
    const properties = await fake<[string, string][]>(
      'return [...fake.sheetByName("Spend").customProperties.entries()];',
    );
    expect(properties).toEqual([["LacSufficiencySheet", "spend"]]);
    // The category changed on step 1 reached the plan: Child Arrangement Orders is now counted under Other.
    const spendLabels = await fake<unknown[]>(
      'return [...fake.sheetByName("Spend").cells.values()].map((c) => c.value);',
    );
    expect(spendLabels).toContain("Other");

    await page.getByRole("button", { name: "Cost projection" }).click();
    await expect(
      fake<string>("return fake.state.sheets.find((s) => s.id === fake.state.activeSheetId)?.name;"),
    ).resolves.toBe("Cost projection");
  });

  it("4 Import 903: stitches two years' Episodes and Header files into one sheet, and Sources shows it", async () => {
    await page.getByRole("tab", { name: "4 Import 903" }).click();
    const file = (name: string, lines: string[]) => ({
      name,
      mimeType: "text/csv",
      buffer: Buffer.from(`${lines.join("\r\n")}\r\n`),
    });
    const columns = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC";
    await page
      .getByLabel("Episodes CSV files (one a year)")
      .setInputFiles([
        file("episodes_2020-21.csv", [
          columns,
          "1001,01/04/2020,P,C2,N1,U4,PR1,,",
          "1002,15/06/2020,S,C2,N1,R1,PR2,01/02/2021,E11",
          "1003,01/07/2020,S,C2,N1,Z9,PR1,,",
        ]),
        file("episodes_2019-20.csv", [columns, "1001,01/09/2019,S,C2,N1,U1,PR1,,"]),
      ]);
    await page
      .getByLabel("Header CSV files (for ages)")
      .setInputFiles([
        file("header_2019-20.csv", ["CHILD,SEX,DOB", "1001,1,03/02/2012"]),
        file("header_2020-21.csv", ["CHILD,SEX,DOB", "1001,1,03/02/2012", "1002,2,20/11/2005"]),
      ]);
    const stitched = page.getByRole("region", { name: "Stitched history" });
    await stitched.getByText("2 children, 3 episodes, 01/09/2019 to 01/02/2021.").waitFor();
    await stitched
      .getByText(
        "Stitching: 1 episode running past the start of the child's next episode, ended where the next one starts.",
      )
      .waitFor();
    await stitched.getByText('episodes_2020-21.csv, row 4: PLACE: unknown code "Z9"').waitFor();
    await page.getByRole("button", { name: "Load into a new sheet" }).click();
    await page.getByText("Loaded 3 episodes into sheet '903 Episodes'.", { exact: false }).waitFor();
    await screenshot("4-import");
    expect(await axeSeriousViolations()).toEqual([]);
    expect(await fake<unknown>('return fake.cell("903 Episodes", "A1");')).toMatchObject({ value: "CHILD" });
    expect(await fake<unknown>('return fake.cell("903 Episodes", "B2");')).toMatchObject({
      value: 40942,
      format: "dd/mm/yyyy",
    });

    await page.getByRole("tab", { name: "1 Sources" }).click();
    const card = page.getByRole("region", { name: "SSDA903 episodes" });
    await card.getByText("2 children, 3 episodes, 01/09/2019 to 01/02/2021.").waitFor();
    await card.getByText("Dates of birth for all 2 children.").waitFor();
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS, "taskpane-4b-sources-903.png") });
    expect(await axeSeriousViolations()).toEqual([]);
  });

  it("made no request outside the page and raised no script error", () => {
    expect(outsideRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
