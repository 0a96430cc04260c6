/**
 * @jest-environment jsdom
 *
 * The Import 903 step: two years' Episodes and Header files chosen as a user chooses them become ONE
 * sheet of the stitched history, with what stitching did and every bad row shown before loading; the
 * Sources step then shows the sheet's history; a second import asks before replacing the first's sheet.
 */
import { TextDecoder as NodeTextDecoder } from "node:util";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { serialFromYmd } from "../../src/core/dates";
import { excelOperations } from "../../src/excel/operations";
import { App } from "../../src/taskpane/App";
import type { FakeExcel } from "../support/fakeExcel";
import { sampleFakeExcel } from "../support/sampleWorkbook";

beforeAll(() => {
  // Fluent UI measures elements with APIs jsdom lacks; jsdom's Blob has no text() or arrayBuffer(): read it as browsers do.
  if (typeof window.matchMedia !== "function")
    window.matchMedia = ((query: string) => ({
      matches: false,
      media: query,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    })) as never;
  // jsdom has no TextDecoder either (every browser the add-in runs in has): Node's is the same API.
  globalThis.TextDecoder ??= NodeTextDecoder as unknown as typeof TextDecoder;
  if (typeof Blob.prototype.arrayBuffer !== "function")
    Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob): Promise<ArrayBuffer> {
      return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
        reader.readAsArrayBuffer(this);
      });
    };
  if (typeof Blob.prototype.text !== "function")
    Blob.prototype.text = function text(this: Blob): Promise<string> {
      return new Promise((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as string);
        reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
        reader.readAsText(this);
      });
    };
});

const csv = (lines: string[]) => `${lines.join("\r\n")}\r\n`;
const EPISODES: Record<string, string> = {
  "episodes_2019-20.csv": csv([
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC",
    "A,01/05/2019,S,C2,N1,U4,PR1,01/02/2020,X1",
    "A,01/02/2020,P,C2,N1,U6,PR4,,",
    "B,10/10/2019,S,C2,N2,R1,PR2,,",
    "B,01/01/2020,P,C2,N2,U4,PR1,,",
  ]),
  "episodes_2020-21.csv": csv([
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC",
    "A,01/05/2019,S,C2,N1,U4,PR1,01/02/2020,X1",
    "A,01/02/2020,P,C2,N1,U6,PR4,15/03/2021,E11",
    "B,01/01/2020,P,C2,N2,U4,PR1,,",
    "E,01/07/2020,S,C2,N1,Z9,PR1,,",
    "007,01/06/2020,S,V2,N1,K2,PR2,,",
  ]),
};
const HEADERS: Record<string, string> = {
  "header_2019-20.csv": csv(["CHILD,SEX,DOB", "A,1,01/03/2010", "B,2,15/07/2006"]),
  "header_2020-21.csv": csv(["CHILD,SEX,DOB", "A,1,01/03/2010", "B,2,15/07/2006", "007,1,20/11/2004"]),
};
const files = (texts: Record<string, string>) =>
  Object.entries(texts).map(([name, text]) => new File([text], name, { type: "text/csv" }));

function tab(name: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>("[role=tab]")].find((element) =>
    element.textContent?.includes(name),
  );
  if (!found) throw new Error(`no tab ${name}`);
  return found;
}

/** The files the step lists as read, of one kind, in the order shown. */
const filesShown = (kind: "Episodes" | "Header") =>
  [...document.querySelectorAll("section[aria-label^='File ']")]
    .filter((s) => s.textContent?.includes(`${kind}:`))
    .map((s) => s.getAttribute("aria-label")?.slice("File ".length));

/** Chooses files in the file box labelled `label`, and waits until the step has read them. */
async function choose(label: string, chosen: File[]): Promise<void> {
  await act(async () => {
    fireEvent.change(screen.getByLabelText(label), { target: { files: chosen } });
  });
  await waitFor(() =>
    expect(filesShown(label.startsWith("Episodes") ? "Episodes" : "Header")).toEqual(chosen.map((f) => f.name)),
  );
}

async function openImport(fake: FakeExcel): Promise<void> {
  render(<App operations={excelOperations(fake)} />);
  await screen.findByRole("heading", { name: "Budget monitoring: P10 Summary" });
  fireEvent.click(tab("4 Import 903"));
}

async function chooseBothYears(): Promise<void> {
  // Newest year first, as a file dialog may give them; the Header files in the other order.
  await choose("Episodes CSV files (one a year)", files(EPISODES).reverse());
  await choose("Header CSV files (for ages)", files(HEADERS));
}

const d = serialFromYmd;

describe("Import 903", () => {
  it("stitches two years' files with their Header files into one sheet, saying what stitching did and which rows were left out", async () => {
    const fake = sampleFakeExcel();
    await openImport(fake);
    await chooseBothYears();

    expect(screen.getByLabelText("File episodes_2020-21.csv").textContent).toContain(
      "Episodes: 4 episodes of 3 children; 1 row with problems.",
    );
    expect(screen.getByLabelText("File header_2020-21.csv").textContent).toContain(
      "Header: 3 children; 0 rows with problems.",
    );
    const stitched = screen.getByLabelText("Stitched history");
    expect(stitched.textContent).toContain("3 children, 5 episodes, 01/05/2019 to 15/03/2021.");
    expect(stitched.textContent).toContain("Dates of birth for all 3 children.");
    expect(stitched.textContent).toContain(
      "Stitching: 1 episode repeated unchanged in a later year's file, taken once; 2 episodes left open in one file and continued in a later one, joined into one; 1 episode running past the start of the child's next episode, ended where the next one starts.",
    );
    expect(stitched.textContent).toContain("1 problem with rows (left out of the sheet):");
    expect(within(stitched).getByRole("list", { name: "Rows with problems" }).textContent).toBe(
      'episodes_2020-21.csv, row 5: PLACE: unknown code "Z9"',
    );

    await act(async () => {
      fireEvent.click(screen.getByText("Load into a new sheet", { selector: "button" }));
    });
    await screen.findByText(
      "Loaded 5 episodes into sheet '903 Episodes'. The Sources step shows it and the next build uses it.",
    );
    expect(fake.sheetNames()).toEqual(["P10 Summary", "Notes", "903 Episodes"]);
    const cells = (address: string) => fake.cell("903 Episodes", address);
    expect(["A1", "B1", "C1", "D1", "I1", "J1", "K1"].map((a) => cells(a)?.value)).toEqual([
      "CHILD",
      "DOB",
      "SEX",
      "DECOM",
      "PLACE_PROVIDER",
      "DEC",
      "REC",
    ]);
    expect(cells("A2")).toMatchObject({ value: "A", formula: null });
    expect(cells("B2")).toMatchObject({ value: d(2010, 3, 1), format: "dd/mm/yyyy" });
    expect(cells("J3")).toMatchObject({ value: d(2021, 3, 15), format: "dd/mm/yyyy" });
    expect(cells("K3")?.value).toBe("E11");
    // B's R1 episode, left open in 2019/20, ends where the U4 one starts; the leading zeros of 007 stay.
    expect(cells("J4")?.value).toBe(d(2020, 1, 1));
    expect(cells("A6")).toMatchObject({ value: "007", formula: null });
    expect(cells("A7")).toBeUndefined();

    // The pane reads the workbook again: Sources shows the sheet's history, stitched already.
    fireEvent.click(tab("1 Sources"));
    const card = await screen.findByLabelText("SSDA903 episodes");
    expect(card.textContent).toContain("SSDA903 episodes: 903 Episodes");
    expect(card.textContent).toContain("3 children, 5 episodes, 01/05/2019 to 15/03/2021.");
    expect(card.textContent).toContain("Dates of birth for all 3 children.");
    expect(card.textContent).toContain("Stitching: no episode needed joining or ending.");
    expect(card.textContent).toContain("Every row could be read.");
  });

  it("asks before replacing the last import's sheet: a new sheet unless the user chooses to replace it", async () => {
    const fake = sampleFakeExcel();
    await openImport(fake);
    await chooseBothYears();
    await act(async () => {
      fireEvent.click(screen.getByText("Load into a new sheet", { selector: "button" }));
    });
    await screen.findByText(/^Loaded 5 episodes into sheet '903 Episodes'/);
    const first = fake.sheetByName("903 Episodes");

    // Only the newer year this time: the choice is offered, a new sheet by default.
    await choose(
      "Episodes CSV files (one a year)",
      files({ "episodes_2020-21.csv": EPISODES["episodes_2020-21.csv"] }),
    );
    const newSheet = screen.getByRole<HTMLInputElement>("radio", { name: "A new sheet" });
    expect(newSheet.checked).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByText("Load into a new sheet", { selector: "button" }));
    });
    await screen.findByText(/^Loaded 4 episodes into sheet '903 Episodes \(2\)'/);
    expect(fake.sheetNames()).toEqual(["P10 Summary", "Notes", "903 Episodes", "903 Episodes (2)"]);

    // Both sheets are read and stitched for the build.
    fireEvent.click(tab("1 Sources"));
    const card = await screen.findByLabelText("SSDA903 episodes");
    expect(card.textContent).toContain("SSDA903 episodes: 903 Episodes, 903 Episodes (2)");
    expect(card.textContent).toContain("The sheets are stitched together, as the years of a return are.");

    // Replacing the last one's sheet, asked for, keeps the sheet and its name.
    fireEvent.click(tab("4 Import 903"));
    await chooseBothYears();
    fireEvent.click(
      screen.getByRole("radio", {
        name: "Sheet '903 Episodes (2)', which the last import wrote: everything on it is replaced",
      }),
    );
    await act(async () => {
      fireEvent.click(screen.getByText("Replace sheet '903 Episodes (2)'", { selector: "button" }));
    });
    await screen.findByText(
      "Loaded 5 episodes into sheet '903 Episodes (2)', replacing what it held. The Sources step shows it and the next build uses it.",
    );
    expect(fake.sheetNames()).toEqual(["P10 Summary", "Notes", "903 Episodes", "903 Episodes (2)"]);
    expect(fake.sheetByName("903 Episodes")).toBe(first);
    expect(fake.cell("903 Episodes (2)", "A6")?.value).toBe("007");
  });
});
