/**
 * The Excel host on the fake object model, for the cases that apply inside Excel: a protected structure
 * is refused before anything is written; a 1904 workbook's dates are read and written in its system;
 * hidden sheets are listed and read only when chosen; hidden rows are read and counted.
 */
import { DATE_1904_OFFSET, isDateFormat, serialFromYmd } from "../../src/core/dates";
import { ExcelActionError } from "../../src/excel/errors";
import { excelOperations } from "../../src/excel/operations";
import { runBuild, type BuildOutcome, type BuildSettings } from "../../src/excel/workflow";
import { recogniseSnapshot } from "../../src/workbook/pipeline";
import { defaultAssumptions } from "../../src/workbook/build";
import { FakeExcel } from "../support/fakeExcel";
import { SAMPLE_SHEETS, sampleFakeExcel } from "../support/sampleWorkbook";

async function firstSettings(fake: FakeExcel, extra: Partial<BuildSettings> = {}): Promise<BuildSettings> {
  const snapshot = await excelOperations(fake).readWorkbook({ includeHidden: extra.includeHidden === true });
  const { recognition } = recogniseSnapshot(snapshot, {});
  return {
    version: 1,
    recogniseOptions: {},
    assumptions: defaultAssumptions(recognition, { today: 44_600 }),
    typed: [],
    ...extra,
  };
}

it("refuses a workbook with a protected structure before writing anything, for a build and for an import", async () => {
  const fake = sampleFakeExcel();
  const settings = await firstSettings(fake);
  fake.structureProtected = true;
  const before = fake.picture();
  const callsBefore = fake.calls.length;
  const error = await runBuild(excelOperations(fake), settings).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExcelActionError);
  expect((error as ExcelActionError).message).toBe(
    "The workbook's structure is protected (Review > Protect Workbook), so the add-in cannot add its sheets. Nothing was changed.",
  );
  expect((error as ExcelActionError).whatToDo).toMatch(
    /^Unprotect the workbook structure: choose Review > Protect Workbook/,
  );
  const imported = await excelOperations(fake)
    .importTable({ rows: [["CHILD"], ["1"]] }, { newSheet: "Episodes" })
    .catch((e: unknown) => e);
  expect((imported as ExcelActionError).message).toMatch(/structure is protected/);
  // Reads only: no sheet added, renamed or written.
  expect(
    fake.calls.slice(callsBefore).filter((call) => !/load|functions\.date|getItemOrNullObject/.test(call)),
  ).toEqual([]);
  expect(fake.picture()).toEqual(before);
});

/** The sample with a count history on 'LAC History', its dates stored as the workbook's system holds them. */
function withHistory(date1904: boolean): FakeExcel {
  const fake = sampleFakeExcel();
  fake.date1904 = date1904;
  const months = Array.from({ length: 14 }, (_, i) => serialFromYmd(2021, i + 2, 1) - 1);
  fake.addSheet("LAC History", [
    ["Month end", "Children looked after"],
    ...months.map((serial, i) => [date1904 ? serial - DATE_1904_OFFSET : serial, 600 + 2 * i]),
  ]);
  months.forEach((_, i) => fake.setNumberFormat("LAC History", `A${i + 2}`, "dd/mm/yyyy"));
  return fake;
}

/** The literal date cells the build wrote on its own sheets: "sheet!key" -> value. */
function writtenDates(fake: FakeExcel, outcome: BuildOutcome): Map<string, number> {
  const ours = new Set(outcome.plan.sheets.map((sheet) => sheet.name));
  const dates = new Map<string, number>();
  for (const sheet of fake.picture().sheets) {
    if (!ours.has(sheet.name)) continue;
    for (const [key, cell] of sheet.cells)
      if (typeof cell.value === "number" && isDateFormat(cell.format)) dates.set(`${sheet.name}!${key}`, cell.value);
  }
  return dates;
}

it("reads a 1904 workbook's dates right and writes every date in its system", async () => {
  const [fake1900, fake1904] = [withHistory(false), withHistory(true)];
  const outcome1900 = await runBuild(excelOperations(fake1900), await firstSettings(fake1900));
  const outcome1904 = await runBuild(excelOperations(fake1904), await firstSettings(fake1904));
  // The same history in either system gives the same figures.
  expect(outcome1904.recognition.lacHistories[0].points).toEqual(outcome1900.recognition.lacHistories[0].points);
  expect(outcome1904.plan.summary.lookedAfter).toEqual(outcome1900.plan.summary.lookedAfter);
  expect(outcome1904.plan.summary.costProjection).toEqual(outcome1900.plan.summary.costProjection);
  // Every date cell written is 1,462 days less in the 1904 workbook, so that both show the same calendar dates.
  const dates1900 = writtenDates(fake1900, outcome1900);
  const dates1904 = writtenDates(fake1904, outcome1904);
  expect(dates1900.size).toBeGreaterThan(0);
  expect([...dates1904.keys()]).toEqual([...dates1900.keys()]);
  for (const [key, value] of dates1900) expect(dates1904.get(key)).toBe(value - DATE_1904_OFFSET);
});

it("lists hidden sheets without reading them, reads them when chosen, and counts hidden rows", async () => {
  const fake = sampleFakeExcel()
    .addSheet("P9 Summary", SAMPLE_SHEETS[0].rows)
    .hideSheet("P9 Summary")
    .addSheet("Old", [["x"]])
    .hideSheet("Old", "VeryHidden");
  fake.hideRows("P10 Summary", [6, 7]);
  const plain = await runBuild(excelOperations(fake), await firstSettings(fake));
  expect(plain.recognition.budgets.map((budget) => budget.sheet)).toEqual(["P10 Summary"]);
  expect(plain.warnings.map((w) => w.message)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        /^Hidden sheets 'P9 Summary', 'Old' were not read: .* tick "Read hidden sheets" in step 1 \(Sources\)\./,
      ),
      expect.stringMatching(/^Sheet 'P10 Summary' has 2 hidden rows in its used range, read like the others/),
    ]),
  );
  const snapshot = await excelOperations(fake).readWorkbook();
  expect(snapshot.hiddenSheets).toEqual(["P9 Summary", "Old"]);

  const all = await runBuild(excelOperations(fake), await firstSettings(fake, { includeHidden: true }));
  expect(all.recognition.budgets.map((budget) => budget.sheet)).toEqual(["P10 Summary", "P9 Summary"]);
  expect(all.warnings.some((w) => w.message.includes("were not read"))).toBe(false);
});

it("refuses budget figures so large that the sums overflow, before writing anything", async () => {
  const rows = SAMPLE_SHEETS[0].rows.map((row) => [...row]);
  rows[5][1] = 1e308;
  rows[6][1] = 1e308;
  const fake = new FakeExcel().addSheet("P10 Summary", rows);
  const settings = await firstSettings(fake);
  const before = fake.picture();
  const error = await runBuild(excelOperations(fake), settings).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExcelActionError);
  expect((error as ExcelActionError).message).toMatch(
    /sums overflow: cell [A-Z]+\d+ of sheet '.+'( and \d+ more)? would be infinite/,
  );
  expect(fake.picture()).toEqual(before);
});
