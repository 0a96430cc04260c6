/**
 * @jest-environment jsdom
 *
 * The pane's components with the Excel operations of a fake workbook, as the browser test does, but
 * for the finer points: a column mapping chosen in a dropdown reaches recognition, invalid assumptions
 * hold the build back, and an Excel failure is shown in words with what to do.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { excelOperations } from "../../src/excel/operations";
import { App } from "../../src/taskpane/App";
import { FakeExcel } from "../support/fakeExcel";
import { sampleFakeExcel } from "../support/sampleWorkbook";

// Fluent UI measures elements with APIs jsdom lacks.
beforeAll(() => {
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener: () => undefined, removeEventListener: () => undefined })) as never;
});

async function openPane(fake: FakeExcel, sheet: string) {
  render(<App operations={excelOperations(fake)} />);
  await screen.findByRole("heading", { name: `Budget monitoring: ${sheet}` });
}

describe("the task pane", () => {
  it("says so when it is not running inside Excel", () => {
    render(<App operations={null} />);
    expect(screen.getByText("This panel works inside Excel. Open it from the Sufficiency tab of the ribbon in Excel.")).toBeTruthy();
  });

  it("lets the user point recognition at the right column with a dropdown", async () => {
    const fake = new FakeExcel().addSheet("P10", [
      ["Setting Type", "Spend so far", "Forecast 21/22 Expenditure", "P10 Current Expenditure"],
      ["Residential", 1, 14000100, 12119924],
      ["In House Fostering", 2, 3863500, 3175235],
    ]);
    await openPane(fake, "P10");
    fireEvent.click(screen.getByRole("button", { name: "Columns" }));
    const actual = (await screen.findByRole("combobox", { name: "Actual-to-date" })) as HTMLSelectElement;
    // The guess takes "Spend so far" (B); the user says the actual to date is "P10 Current Expenditure" (D).
    expect(actual.value).toBe("1");
    fireEvent.change(actual, { target: { value: "3" } });
    await waitFor(() => expect((screen.getByRole("combobox", { name: "Actual-to-date" }) as HTMLSelectElement).value).toBe("3"));
    expect(screen.getByText(/Header in row 1; 2 lines; period P10/)).toBeTruthy();
  });

  it("holds the build back while an assumption is not valid, and says which step to fix", async () => {
    await openPane(sampleFakeExcel(), "P10 Summary");
    fireEvent.click(screen.getByRole("tab", { name: "2 Assumptions" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Children aged 0-17 in the area" }), { target: { value: "lots" } });
    expect(screen.getByText('Enter a whole number of children, e.g. 61,000; "lots" is not a number.')).toBeTruthy();
    fireEvent.click(screen.getByRole("tab", { name: "3 Build" }));
    expect(screen.getByText("1 assumption is not valid yet: see step 2.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Build workbook" }) as HTMLButtonElement).disabled).toBe(true);
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
    expect(alert.textContent).toContain("The workbook structure is protected. [AccessDenied]");
    expect(alert.textContent).toContain("Unprotect the workbook structure (Review > Protect Workbook)");
    expect(fake.picture()).toEqual(before);
  });
});
