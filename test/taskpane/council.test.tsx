/**
 * @jest-environment jsdom
 *
 * Choosing the council in the pane: a council a sheet's title names is proposed, not chosen; the
 * searchable list finds councils by name, E-code or LA number; the choice is built into the workbook
 * (Assumptions sheet, Benchmarks sheet) and kept in the pane's settings.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { benchmarkIndex, checkBenchmarkData } from "../../src/core/benchmarks";
import { excelOperations, SETTINGS_KEY } from "../../src/excel/operations";
import { setBenchmarkLoader } from "../../src/functions/benchmarkData";
import { App } from "../../src/taskpane/App";
import { councilMatches } from "../../src/taskpane/components/CouncilPicker";
import type { BuildSettings } from "../../src/excel/workflow";
import { currentCouncils } from "../../src/workbook/published";
import { FakeExcel } from "../support/fakeExcel";
import { SAMPLE_SHEETS } from "../support/sampleWorkbook";

const DATA = JSON.parse(readFileSync(path.join("assets", "data", "benchmarks-v1.json"), "utf8")) as unknown;

beforeAll(() => {
  if (typeof window.matchMedia !== "function")
    window.matchMedia = ((query: string) => ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as never;
  setBenchmarkLoader(async () => DATA);
});

function tab(name: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>("[role=tab]")].find((element) =>
    element.textContent?.includes(name),
  );
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

/** The sample, its budget sheet titled with the council's name. */
function titledSample(title: string): FakeExcel {
  const fake = new FakeExcel();
  for (const sheet of SAMPLE_SHEETS)
    fake.addSheet(sheet.name, sheet.name === "P10 Summary" ? [[title], ...sheet.rows.slice(1)] : sheet.rows);
  return fake;
}

describe("the list of councils", () => {
  const councils = currentCouncils(benchmarkIndex(checkBenchmarkData(DATA)));

  it("finds a council by part of its name, its E-code or its LA number", () => {
    expect(councils.filter((c) => councilMatches(c, "sefton")).map((c) => c.name)).toEqual(["Sefton"]);
    expect(councils.filter((c) => councilMatches(c, "E08000014")).map((c) => c.name)).toEqual(["Sefton"]);
    expect(councils.filter((c) => councilMatches(c, "343")).map((c) => c.name)).toEqual(["Sefton"]);
    expect(councils.filter((c) => councilMatches(c, "york")).map((c) => c.name)).toEqual([
      "East Riding of Yorkshire",
      "North Yorkshire",
      "York",
    ]);
  });
});

describe("choosing the council in the pane", () => {
  it("proposes the council the title names, builds with it once accepted, and keeps it in the settings", async () => {
    const fake = titledSample("Sefton Council P10 budget monitoring");
    render(<App operations={excelOperations(fake)} />);
    await screen.findByRole("heading", { name: "Budget monitoring: P10 Summary" });
    fireEvent.click(tab("2 Assumptions"));
    const offer = await screen.findByText(
      /^Is this Sefton\? The title "Sefton Council P10 budget monitoring" \(sheet 'P10 Summary', row 1, column 1\) names it\.$/,
    );
    expect(offer).toBeTruthy();
    // Proposed, not chosen: nothing is chosen until the user says so.
    expect(screen.getByText("Search by name, E-code (E08000014) or LA number (343).")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Use Sefton" }));
    expect(screen.getByText("Chosen: Sefton (chosen in the panel).")).toBeTruthy();

    fireEvent.click(tab("3 Build"));
    await act(async () => {
      fireEvent.click(screen.getByText("Build workbook", { selector: "button" }));
    });
    await screen.findByText(/^Done: \d+ sheets written$/, { selector: "h2, h3" });
    expect(fake.picture().sheets.map((s) => s.name)).toContain("Benchmarks");
    // The Council row ends the Assumptions sheet's table of items (row 15).
    expect(["A15", "B15", "C15"].map((address) => fake.cell("Assumptions", address)?.value)).toEqual([
      "Council",
      "Sefton",
      "chosen in the panel",
    ]);
    const saved = fake.state.settings.get(SETTINGS_KEY) as BuildSettings | undefined;
    expect(saved?.assumptions.council).toEqual({ value: "Sefton", source: "chosen in the panel" });
  });
});
