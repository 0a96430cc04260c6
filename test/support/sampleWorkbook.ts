/**
 * The sample workbook of the add-in's tests when no example file is given: the published strategy's P10 spend table
 * (Sefton's sufficiency strategy 2022-25) as a finance team's sheet would hold it, beside a sheet of notes.
 * `budgetSheet(lines)` makes a budget monitoring sheet of any length from the same labels, for size tests.
 */
import { SEED_SPEND } from "../workbook/seed";
import { FakeExcel } from "./fakeExcel";

/** The published strategy's P10 spend table: one copy, in test/workbook/seed. */
export const SEED_LINES = SEED_SPEND;

export const SAMPLE_SHEETS: { name: string; rows: unknown[][] }[] = [
  {
    name: "P10 Summary",
    rows: [
      ["Accommodation and Support Spend"],
      ["The Table below provides a breakdown of current spend re:"],
      [],
      ["Setting Type", "P10 Current Expenditure", "Forecast 21/22 Expenditure"],
      [null, "£", "£"],
      ...SEED_LINES,
      [],
      ["Source: P10 Budget Monitoring report"],
    ],
  },
  {
    name: "Notes",
    rows: [["Prepared by finance for the sufficiency strategy"], ["'=SUM(B6:B12) was checked against the ledger"]],
  },
];

export function sampleFakeExcel(options: { excelApi?: string } = {}): FakeExcel {
  const fake = new FakeExcel(options);
  for (const sheet of SAMPLE_SHEETS) fake.addSheet(sheet.name, sheet.rows);
  return fake;
}

/** A P10 sheet of `lines` placement lines, cycling through the seed's labels with a provider number. */
export function budgetSheetRows(lines: number): unknown[][] {
  const rows: unknown[][] = [["Setting Type", "P10 Current Expenditure", "Forecast 21/22 Expenditure"]];
  for (let i = 0; i < lines; i++) {
    const [label, actual, forecast] = SEED_LINES[i % SEED_LINES.length];
    rows.push([`${label} ${i + 1}`, Math.round(actual / 100) + i, Math.round(forecast / 100) + i]);
  }
  return rows;
}
