/**
 * @jest-environment jsdom
 *
 * The pane's components with the Excel operations of a fake workbook, as the browser test does, but
 * for the finer points: a column mapping chosen in a dropdown reaches recognition, invalid assumptions
 * hold the build back, and an Excel failure is shown in words with what to do.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { serialFromYmd } from "../../src/core/dates";
import { excelOperations } from "../../src/excel/operations";
import { App } from "../../src/taskpane/App";
import { runBuild } from "../../src/excel/workflow";
import { recogniseSnapshot } from "../../src/workbook/pipeline";
import { defaultAssumptions } from "../../src/workbook/build";
import { FakeExcel } from "../support/fakeExcel";
import { sampleFakeExcel } from "../support/sampleWorkbook";

// Fluent UI measures elements with APIs jsdom lacks.
beforeAll(() => {
  if (typeof window.matchMedia !== "function")
    window.matchMedia = ((query: string) => ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as never;
});

/** 61 month ends, 28/02/2017 (436) to 28/02/2022 (619), as the example workbook's 'LAC History' keeps them. */
function lacHistoryRows(): unknown[][] {
  const counts = Array.from({ length: 61 }, (_, i) => [
    serialFromYmd(2017, 3 + i, 1) - 1,
    i === 60 ? 619 : 436 + 3 * i,
  ]);
  return [["Children looked after at each month end"], [], ["Month", "Children looked after"], ...counts];
}

// By label, not by role: role queries walk the accessibility tree of the whole pane, slow in jsdom with 61 rows.
const textbox = (name: string) => screen.getByLabelText<HTMLInputElement>(name, { selector: "input" });
function tab(name: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>("[role=tab]")].find((element) =>
    element.textContent?.includes(name),
  );
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

async function openPane(fake: FakeExcel, sheet: string) {
  render(<App operations={excelOperations(fake)} />);
  await screen.findByRole("heading", { name: `Budget monitoring: ${sheet}` });
}

describe("the task pane", () => {
  it("says so when it is not running inside Excel", () => {
    render(<App operations={null} />);
    expect(
      screen.getByText("This panel works inside Excel. Open it from the Sufficiency tab of the ribbon in Excel."),
    ).toBeTruthy();
  });

  it("lets the user point recognition at the right column with a dropdown", async () => {
    const fake = new FakeExcel().addSheet("P10", [
      ["Setting Type", "Spend so far", "Forecast 21/22 Expenditure", "P10 Current Expenditure"],
      ["Residential", 1, 14000100, 12119924],
      ["In House Fostering", 2, 3863500, 3175235],
    ]);
    await openPane(fake, "P10");
    fireEvent.click(screen.getByRole("button", { name: "Columns" }));
    const actual = await screen.findByRole<HTMLSelectElement>("combobox", { name: "Actual-to-date" });
    // The guess takes "Spend so far" (B); the user says the actual to date is "P10 Current Expenditure" (D).
    expect(actual.value).toBe("1");
    fireEvent.change(actual, { target: { value: "3" } });
    await waitFor(() =>
      expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "Actual-to-date" }).value).toBe("3"),
    );
    expect(screen.getByText(/Header in row 1; 2 lines; period P10/)).toBeTruthy();
  });

  it("asks first about the lines it is unsure of, and counts a line as the user answers", async () => {
    const fake = new FakeExcel().addSheet("Ledger", [
      ["Placements P10 2021/22 £"],
      ["Line", "Actual to date", "Forecast outturn"],
      ["Residential", 1000, 1200],
      ["Fostering", 500, 600],
      ["Legal Fees", 100, 120],
    ]);
    await openPane(fake, "Ledger");
    const questions = screen.getByRole("region", { name: "Check these first" });
    const budgetCard = screen.getByRole("region", { name: "Budget monitoring on sheet Ledger" });
    // Shown before the sheets' cards.
    expect(questions.compareDocumentPosition(budgetCard) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(questions.textContent).toContain("1 line on sheet 'Ledger' does not say which kind of placement it is");
    expect(questions.textContent).toContain("1 line on sheet 'Ledger' is not read as placement costs");
    const fostering = within(questions).getByRole<HTMLSelectElement>("combobox", { name: "Category of Fostering" });
    expect(fostering.value).toBe("unassigned");
    fireEvent.change(fostering, { target: { value: "inHouseFostering" } });
    await waitFor(() => expect(screen.queryByText(/does not say which kind of placement/)).toBeNull());
    expect(screen.getByText(/Categories: Residential, In House Fostering\./)).toBeTruthy();
    expect(screen.getByText(/2 lines, 1 not counted as placements/)).toBeTruthy();
  });

  it("shows each of two tables side by side on one sheet, saying where each starts", async () => {
    const fake = new FakeExcel().addSheet("P10 Placements", [
      ["Service", "Actual to date", "Forecast", null, "Service", "Actual to date", "Forecast"],
      ["Residential", 12119924, 14000100, null, "Staying Put", 350000, 420000],
      ["IFA", 4745315, 5690000, null, "Supported Lodgings", 520000, 610000],
    ]);
    render(<App operations={excelOperations(fake)} />);
    await screen.findByRole("heading", { name: "Budget monitoring: P10 Placements, table at A1" });
    const right = screen.getByRole("region", { name: "Budget monitoring on sheet P10 Placements, table at E1" });
    expect(right.textContent).toContain("Categories: Staying Put, Supported Accommodation.");
    fireEvent.click(within(right).getByRole("button", { name: "Columns" }));
    expect(
      within(right).getByText(
        "This sheet holds more than one table: choosing a column here reads the sheet as this table alone.",
      ),
    ).toBeTruthy();
  });

  it("holds the build back while an assumption is not valid, and says which step to fix", async () => {
    await openPane(sampleFakeExcel(), "P10 Summary");
    fireEvent.click(screen.getByRole("tab", { name: "2 Assumptions" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Children aged 0-17 in the area" }), {
      target: { value: "lots" },
    });
    expect(screen.getByText('Enter a whole number of children, e.g. 61,000; "lots" is not a number.')).toBeTruthy();
    fireEvent.click(screen.getByRole("tab", { name: "3 Build" }));
    expect(screen.getByText("1 assumption is not valid yet: see step 2.")).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Build workbook" }).disabled).toBe(true);
  });

  it("shows Excel's refusal in words with what to do, and leaves the workbook as it was", async () => {
    const fake = sampleFakeExcel();
    await openPane(fake, "P10 Summary");
    const before = fake.picture();
    fake.structureProtected = true;
    fireEvent.click(screen.getByRole("tab", { name: "3 Build" }));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Build workbook" }));
    });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The workbook was not built");
    expect(alert.textContent).toContain(
      "The workbook's structure is protected (Review > Protect Workbook), so the add-in cannot add its sheets.",
    );
    expect(alert.textContent).toContain("Unprotect the workbook structure: choose Review > Protect Workbook");
    expect(fake.picture()).toEqual(before);
  });

  it("sums up a history read from a sheet, with its counts behind a button, and says when a change makes it typed", async () => {
    const fake = sampleFakeExcel().addSheet("LAC History", lacHistoryRows());
    await openPane(fake, "P10 Summary");
    fireEvent.click(tab("2 Assumptions"));
    expect(
      screen.getByText(
        "61 counts from sheet 'LAC History', 28/02/2017 to 28/02/2022; latest 619. Linked: a count changed on the sheet flows through, and each build takes in the sheet's new months.",
      ),
    ).toBeTruthy();
    expect(screen.queryByLabelText("Count 61")).toBeNull();

    const show = screen.getByText("Show the 61 counts to change or add one", { selector: "button" });
    expect(show.getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(show);
    expect(screen.getByText("Hide the counts", { selector: "button" }).getAttribute("aria-expanded")).toBe("true");
    expect(textbox("Date 1").value).toBe("28/02/2017");
    expect(textbox("Count 61").value).toBe("619");
    expect(screen.getAllByText("B64")).toHaveLength(1);

    fireEvent.change(textbox("Count 61"), { target: { value: "625" } });
    expect(
      screen.getByText(
        "These counts are typed: builds keep them and take no new months from sheet 'LAC History' (the 60 counts not changed here still link to their cells).",
      ),
    ).toBeTruthy();
    expect(screen.getByText("61 counts, 28/02/2017 to 28/02/2022; latest 625; typed here.")).toBeTruthy();

    fireEvent.click(tab("3 Build"));
    await act(async () => {
      fireEvent.click(screen.getByText("Build workbook", { selector: "button" }));
    });
    await screen.findByText(/^Done: \d+ sheets written$/, { selector: "h2, h3" });
    const assumptions = [...(fake.sheetByName("Assumptions")?.cells.values() ?? [])];
    // The changed point is written as typed, date and count; the 60 others still link to the sheet.
    expect(assumptions.filter((cell) => cell.formula?.startsWith("='LAC History'!"))).toHaveLength(120);
    expect(assumptions.some((cell) => cell.value === 625 && cell.formula === null)).toBe(true);

    fireEvent.click(tab("2 Assumptions"));
    fireEvent.click(screen.getByText("Use sheet 'LAC History' again", { selector: "button" }));
    expect(screen.queryByText(/These counts are typed/)).toBeNull();
    expect(textbox("Count 61").value).toBe("619");
  });

  it("takes dates as dd/mm/yyyy, reading them back in words, and refuses the US order", async () => {
    await openPane(sampleFakeExcel(), "P10 Summary");
    fireEvent.click(tab("2 Assumptions"));
    const target = textbox("Project the number of children to");
    expect(target.value).toBe("31/03/2025");
    fireEvent.change(target, { target: { value: "03/31/2025" } });
    expect(screen.getByText('Enter a date as dd/mm/yyyy, e.g. 31/03/2025; "03/31/2025" is not a date.')).toBeTruthy();
    fireEvent.change(target, { target: { value: "1/3/2025" } });
    expect(screen.getByText("1 March 2025")).toBeTruthy();
  });

  it("lays the uplift rates out by line and financial year, reading 0.05 as 5% and saying so", async () => {
    await openPane(sampleFakeExcel(), "P10 Summary");
    fireEvent.click(tab("2 Assumptions"));
    const table = screen.getByRole("table", { name: "Cost uplift" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Line", "2022/23", "2023/24", "2024/25"]);
    expect(
      within(table)
        .getAllByRole("rowheader")
        .map((h) => h.textContent),
    ).toContain("Residential");
    const rate = textbox("Residential uplift in 2023/24");
    expect(rate.value).toBe("5%");
    fireEvent.change(rate, { target: { value: "0.04" } });
    expect(screen.getByText("Read as 4%: a number below 1 is a fraction, as in an Excel % cell.")).toBeTruthy();
    fireEvent.change(textbox("Years ahead"), { target: { value: "4" } });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((h) => h.textContent),
    ).toEqual(["Line", "2022/23", "2023/24", "2024/25", "2025/26"]);
    expect(textbox("Residential uplift in 2023/24").value).toBe("0.04");
    expect(textbox("Residential uplift in 2025/26").value).toBe("5%");
  });

  it("keeps invalid text and its reason when the user goes to another step and back", async () => {
    await openPane(sampleFakeExcel(), "P10 Summary");
    fireEvent.click(tab("2 Assumptions"));
    fireEvent.change(textbox("Residential uplift in 2022/23"), { target: { value: "5 per cent" } });
    fireEvent.click(tab("3 Build"));
    expect(screen.getByText("1 assumption is not valid yet: see step 2.")).toBeTruthy();
    fireEvent.click(tab("2 Assumptions"));
    expect(textbox("Residential uplift in 2022/23").value).toBe("5 per cent");
    expect(screen.getByText('Enter a rate such as 5% (or 0.05); "5 per cent" is not a number.')).toBeTruthy();
  });

  it("shows a recognised count history with its columns to change, and takes a sheet the guess missed as one", async () => {
    const fake = sampleFakeExcel().addSheet("LAC History", lacHistoryRows());
    await openPane(fake, "P10 Summary");
    const card = screen.getByLabelText("Children looked after over time on sheet LAC History");
    expect(within(card).getByText("Children looked after over time: LAC History", { selector: "h3" })).toBeTruthy();
    expect(card.textContent).toContain(
      "Header in row 3; 61 counts, 28/02/2017 (436) to 28/02/2022 (619); 0 rows left out. Feeds the Needs projection, each count linked to its cell.",
    );
    expect(card.textContent).toContain(
      "Columns: date or month (A: Month), count of children looked after (B: Children looked after).",
    );

    // Dropping the count column leaves the sheet unrecognised, with the reason; choosing it there takes it back.
    fireEvent.click(within(card).getByText("Columns", { selector: "button" }));
    fireEvent.change(within(card).getByLabelText("Count of children looked after"), { target: { value: "" } });
    const missed = await screen.findByLabelText("Sheet LAC History, not recognised");
    expect(missed.textContent).toContain(
      "the count history on sheet 'LAC History' (header row 3) has no count of children looked after column; choose it in the column mapping",
    );
    expect(within(missed).getByLabelText<HTMLSelectElement>("Use this sheet as").value).toBe("lacHistory");
    fireEvent.change(within(missed).getByLabelText("Count of children looked after"), { target: { value: "1" } });
    const back = await screen.findByLabelText("Children looked after over time on sheet LAC History");
    expect(back.textContent).toContain("61 counts");

    // Left out, the sheet no longer feeds the projection; the Assumptions step says there are no counts.
    fireEvent.change(within(back).getByLabelText("Use this sheet as"), { target: { value: "ignore" } });
    const ignored = await screen.findByLabelText("Sheet LAC History, not recognised");
    expect(within(ignored).getByLabelText<HTMLSelectElement>("Use this sheet as").value).toBe("");
    fireEvent.click(tab("2 Assumptions"));
    expect(
      screen.getByText("No counts yet: add the count at each 31 March (two or more) for the Needs projection."),
    ).toBeTruthy();
  });

  it("shows what the user left on the add-in's sheets in Excel, and builds with what is typed in the panel after that", async () => {
    const fake = sampleFakeExcel();
    const operations = excelOperations(fake);
    const { recognition } = recogniseSnapshot(await operations.readWorkbook(), {});
    await runBuild(operations, {
      version: 1,
      recogniseOptions: {},
      assumptions: defaultAssumptions(recognition, { today: 44_600 }),
      typed: [],
    });
    const type = (address: string, value: unknown) =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Assumptions").getRange(address).values = [[value]] as never;
        await context.sync();
      });
    expect(fake.cell("Assumptions", "A9")?.value).toBe("Children aged 0-17 in the area");
    expect(fake.cell("Assumptions", "B28")?.value).toBe("Independent Fostering");
    await type("B9", 54_098);
    await type("E28", 0.06);

    await openPane(fake, "P10 Summary");
    fireEvent.click(tab("2 Assumptions"));
    expect(textbox("Children aged 0-17 in the area").value).toBe("54098");
    expect(screen.getByText("ONS mid-year estimate. Source: kept from cell B9 of sheet 'Assumptions'.")).toBeTruthy();
    expect(textbox("Independent Fostering uplift in 2023/24").value).toBe("6%");

    fireEvent.change(textbox("Children aged 0-17 in the area"), { target: { value: "55,000" } });
    fireEvent.click(tab("3 Build"));
    await act(async () => {
      fireEvent.click(screen.getByText("Build workbook", { selector: "button" }));
    });
    await screen.findByText(/^Done: \d+ sheets written$/, { selector: "h2, h3" });
    expect(fake.cell("Assumptions", "B9")?.value).toBe(55_000);
    expect(fake.cell("Assumptions", "E28")?.value).toBe(0.06);
  });

  it("offers only the columns holding something of a sheet 16,384 columns wide (A1 and XFD1048576)", async () => {
    const fake = sampleFakeExcel().addSheet("Corners", [["top left"]]);
    fake.sheetByName("Corners")?.cells.set("1048575,16383", { value: 42, formula: null, format: "General", style: {} });
    await openPane(fake, "P10 Summary");
    fireEvent.change(
      within(screen.getByLabelText("Sheet Corners, not recognised")).getByLabelText("Use this sheet as"),
      { target: { value: "lacHistory" } },
    );
    const card = await screen.findByLabelText("Sheet Corners, not recognised");
    const options = [...within(card).getByLabelText<HTMLSelectElement>("Date or month").options].map(
      (option) => option.textContent,
    );
    expect(options).toEqual(["(none)", "A: top left", "XFD"]);
  });

  it("offers a sheet the guess missed as a count history, with its header row and columns", async () => {
    const rows = [
      ["Our numbers"],
      [],
      ["When", "How many"],
      [serialFromYmd(2021, 3, 31), 613],
      [serialFromYmd(2022, 3, 31), 619],
    ];
    await openPane(sampleFakeExcel().addSheet("Numbers", rows), "P10 Summary");
    const card = screen.getByLabelText("Sheet Numbers, not recognised");
    fireEvent.change(within(card).getByLabelText("Use this sheet as"), { target: { value: "lacHistory" } });
    const chosen = await screen.findByLabelText("Sheet Numbers, not recognised");
    fireEvent.change(within(chosen).getByLabelText("Header row"), { target: { value: "2" } });
    fireEvent.change(within(screen.getByLabelText("Sheet Numbers, not recognised")).getByLabelText("Date or month"), {
      target: { value: "0" },
    });
    fireEvent.change(
      within(screen.getByLabelText("Sheet Numbers, not recognised")).getByLabelText("Count of children looked after"),
      { target: { value: "1" } },
    );
    const history = await screen.findByLabelText("Children looked after over time on sheet Numbers");
    expect(history.textContent).toContain(
      "Header in row 3; 2 counts, 31/03/2021 (613) to 31/03/2022 (619); 0 rows left out.",
    );
    expect(history.textContent).toContain(
      "Columns: date or month (A: When), count of children looked after (B: How many).",
    );
  });
});
