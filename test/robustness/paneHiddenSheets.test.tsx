/**
 * @jest-environment jsdom
 *
 * The Sources step names the hidden sheets it left out, and "Read hidden sheets" reads them: a hidden
 * copy of a budget sheet then shows as a source of its own, and the choice is kept for the build.
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { excelOperations } from "../../src/excel/operations";
import { App } from "../../src/taskpane/App";
import { SAMPLE_SHEETS, sampleFakeExcel } from "../support/sampleWorkbook";

beforeAll(() => {
  if (typeof window.matchMedia !== "function")
    window.matchMedia = ((query: string) => ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as never;
});

it("lists a hidden sheet as not read, and reads it when 'Read hidden sheets' is ticked", async () => {
  const fake = sampleFakeExcel().addSheet("P9 Summary", SAMPLE_SHEETS[0].rows).hideSheet("P9 Summary");
  render(<App operations={excelOperations(fake)} />);
  await screen.findByRole("heading", { name: "Budget monitoring: P10 Summary" });
  expect(screen.getByText(/Not read \(hidden\): 'P9 Summary'/)).toBeTruthy();
  expect(screen.queryByRole("heading", { name: "Budget monitoring: P9 Summary" })).toBeNull();

  await act(async () => {
    fireEvent.click(screen.getByRole("checkbox", { name: "Read hidden sheets" }));
  });
  await screen.findByRole("heading", { name: "Budget monitoring: P9 Summary" });
  expect(screen.queryByText(/Not read \(hidden\)/)).toBeNull();

  fireEvent.click(
    [...document.querySelectorAll<HTMLElement>("[role=tab]")].find((element) =>
      element.textContent?.includes("Build"),
    ) as HTMLElement,
  );
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Build workbook" }));
  });
  await screen.findByText(/^Done: \d+ sheets written$/, { selector: "h2, h3" }, { timeout: 20_000 });
  expect(fake.state.settings.get("LacSufficiency.lastBuild")).toMatchObject({ includeHidden: true });
}, 60_000);
