/**
 * @jest-environment jsdom
 *
 * The task pane's two 903 choices, on the fake Excel host: the end of the 903 data, shown in the
 * Assumptions step (31 March of the latest year by default) and typed there; and, when the workbook
 * has the care and demand sheets of a last build but no episodes sheet, the Build step's choice to
 * remove them (by default they are kept as they are).
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { serialFromYmd } from "../../src/core/dates";
import { simulatedEpisodeRows } from "../support/episodeSheet";
import { excelOperations } from "../../src/excel/operations";
import { App } from "../../src/taskpane/App";
import { runBuild } from "../../src/excel/workflow";
import { recogniseSnapshot } from "../../src/workbook/pipeline";
import { defaultAssumptions } from "../../src/workbook/build";
import { CARE_SHEETS } from "../../src/workbook/sheets/care";
import { DEMAND_SHEETS } from "../../src/workbook/sheets/demand";
import type { FakeCell, FakeExcel } from "../support/fakeExcel";
import { sampleFakeExcel } from "../support/sampleWorkbook";

beforeAll(() => {
  if (typeof window.matchMedia !== "function")
    window.matchMedia = ((query: string) => ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as never;
});

const SHEETS_903: string[] = [...CARE_SHEETS, ...DEMAND_SHEETS].map((s) => s.name);

/** Episodes simulated to 10 January 2022 (no event later), as a sheet with the 903 columns. */
function episodeRows(): unknown[][] {
  return simulatedEpisodeRows(9, 2014, serialFromYmd(2022, 1, 10), 0.2);
}

function tab(name: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>("[role=tab]")].find((element) =>
    element.textContent?.includes(name),
  );
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

async function openPane(fake: FakeExcel): Promise<void> {
  render(<App operations={excelOperations(fake)} />);
  await screen.findByRole("heading", { name: "Budget monitoring: P10 Summary" });
}

async function build(): Promise<void> {
  fireEvent.click(tab("3 Build"));
  await act(async () => {
    fireEvent.click(screen.getByText("Build workbook", { selector: "button" }));
  });
  await screen.findByText(/^Done: \d+ sheets written$/, { selector: "h2, h3" });
}

/** The value beside a label on a sheet of the fake workbook. */
function beside(fake: FakeExcel, sheet: string, label: string): unknown {
  const cells = fake.sheetByName(sheet)?.cells ?? new Map<string, FakeCell>();
  const at = [...cells.entries()].find(([, cell]) => cell.value === label)?.[0];
  if (!at) throw new Error(`no '${label}' on '${sheet}'`);
  const [row, col] = at.split(",").map(Number);
  return cells.get(`${row},${col + 1}`)?.value;
}

describe("the task pane with 903 data", () => {
  it("shows the end of the 903 data, 31 March of the latest year by default, and builds with the date typed", async () => {
    const fake = sampleFakeExcel().addSheet("903 Episodes", episodeRows());
    await openPane(fake);
    fireEvent.click(tab("2 Assumptions"));
    const field = await screen.findByLabelText<HTMLInputElement>("End of the 903 data", { selector: "input" });
    expect(field.value).toBe("31/03/2022");
    fireEvent.change(field, { target: { value: "10/01/2022" } });
    await build();
    expect(beside(fake, "Assumptions", "End of the 903 data")).toBe(serialFromYmd(2022, 1, 10));
    const inCare = [...(fake.sheetByName("In care")?.cells.values() ?? [])].map((cell) => cell.value);
    expect(inCare).toContain("Jan-22");
  });

  it("offers to remove the care and demand sheets of the last build when the workbook has no episodes sheet, and removes them when asked", async () => {
    const fake = sampleFakeExcel().addSheet("903 Episodes", episodeRows());
    const { recognition, careHistory } = recogniseSnapshot(await excelOperations(fake).readWorkbook(), {});
    await runBuild(excelOperations(fake), {
      version: 1,
      recogniseOptions: {},
      assumptions: defaultAssumptions(recognition, { today: 44_600, ...(careHistory ? { careHistory } : {}) }),
      typed: [],
    });
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem("903 Episodes").delete();
      await context.sync();
    });
    await openPane(fake);
    fireEvent.click(tab("3 Build"));
    const choice = await screen.findByLabelText<HTMLInputElement>(
      /^Remove the care and demand sheets of the last build/,
    );
    expect(choice.checked).toBe(false);
    fireEvent.click(choice);
    await build();
    expect(fake.sheetNames().some((name) => SHEETS_903.includes(name))).toBe(false);
  });
});
