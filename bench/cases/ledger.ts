/**
 * Issue 10's sizes: `inspect` and `build` on a 20,000-row ledger export (cost centre x account rows, two
 * description columns, placement lines among salaries and fees), each as the command line runs it
 * from the .xlsx file, and the classification of 100,000 line labels.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { buildWorkbook, type Output } from "../../src/cli/commands";
import { runInspect } from "../../src/cli/inspect";
import { classifyLine } from "../../src/sources/lineClassifier";
import type { BenchCase } from "../types";
import { random } from "./recognition";

const COST_CENTRES = [
  "Looked After Children - Placements",
  "Independent Fostering Agencies",
  "Fostering Service",
  "Residential Placements",
  "Leaving Care",
  "Legal Services",
  "Children's Social Work Teams",
  "Special Guardianship",
];
const ACCOUNTS = [
  "Third Party Payments",
  "Salaries",
  "Foster Carer Allowances",
  "Agency Staff",
  "Legal Fees",
  "Travel",
  "Accommodation",
  "Foster Carer Recruitment",
  "Allowances",
];
const ROWS = 20_000;

async function ledgerFile(dir: string): Promise<string> {
  const next = random(7);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Ledger P10");
  sheet.addRow(["Children's Services ledger export, Period 10 2021/22, £"]);
  sheet.addRow([
    "Cost Centre",
    "Cost Centre Name",
    "Account",
    "Account Name",
    "Budget",
    "Actual to Date",
    "Forecast Outturn",
    "Variance",
  ]);
  for (let row = 0; row < ROWS; row += 1) {
    const centre = Math.floor(next() * COST_CENTRES.length);
    const account = Math.floor(next() * ACCOUNTS.length);
    const budget = Math.round(1_000 + next() * 200_000);
    const actual = Math.round(budget * (0.6 + next() * 0.3));
    const forecast = Math.round(budget * (0.9 + next() * 0.2));
    sheet.addRow([
      `C${3100 + centre}`,
      COST_CENTRES[centre],
      5000 + account,
      ACCOUNTS[account],
      budget,
      actual,
      forecast,
      forecast - budget,
    ]);
  }
  const file = path.join(dir, "ledger.xlsx");
  await workbook.xlsx.writeFile(file);
  return file;
}

const quiet: Output = { out: () => undefined, err: () => undefined };

interface LedgerState {
  dir: string;
  input: string;
}

async function ledgerState(): Promise<LedgerState> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lac-bench-ledger-"));
  return { dir, input: await ledgerFile(dir) };
}

function countPlacements(labels: unknown): { placements: number } {
  let placements = 0;
  for (const label of labels as string[]) if (classifyLine(label).kind === "placement") placements += 1;
  return { placements };
}

const LABELS = [
  "Fostering - Internal",
  "Fostering - Independent",
  "Indep Resi",
  "Semi Indep 16+",
  "SGOs",
  "Legal Fees",
  "Salaries",
  "Foster Carer Allowances",
  "C3100 Looked After Children - Placements",
  "Residental Care",
  "UASC",
  "Other LA placements",
  "Gas",
  "Placements",
];

export const cases: BenchCase[] = [
  {
    name: "inspect-ledger-20000-rows",
    issue: 10,
    target: { medianMs: 2000 },
    runs: 3,
    setup: ledgerState,
    run: async (state) => {
      const { input } = state as LedgerState;
      return { exitCode: await runInspect(input, { json: true }, quiet) };
    },
  },
  {
    name: "build-ledger-20000-rows",
    issue: 10,
    target: { medianMs: 2000 },
    runs: 3,
    setup: ledgerState,
    run: async (state) => {
      const { dir, input } = state as LedgerState;
      const output = path.join(dir, "out.xlsx");
      rmSync(output, { force: true });
      const result = await buildWorkbook({ input, output });
      return {
        lines: result.recognition.budgets[0].lines.length,
        notCounted: result.recognition.budgets[0].excluded.length,
      };
    },
  },
  {
    // As a ledger gives them: every label its own text (a code), the descriptions repeated.
    name: "classify-100000-labels",
    issue: 10,
    target: { medianMs: 500 },
    setup: () => Array.from({ length: 100_000 }, (_, i) => `C${i} ${LABELS[i % LABELS.length]}`),
    run: countPlacements,
  },
  {
    // The worst case: no two labels share their words (a provider's name in each), so nothing is remembered.
    name: "classify-100000-distinct-labels",
    issue: 10,
    target: { medianMs: 500 },
    setup: () =>
      Array.from(
        { length: 100_000 },
        (_, i) => `${LABELS[i % LABELS.length]} ${i.toString(36).replace(/\d/g, "x")}house`,
      ),
    run: countPlacements,
  },
];
