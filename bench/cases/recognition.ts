/**
 * Recognition at the sizes issue 3 names: a budget monitoring sheet of 5,000 lines and a placement list
 * of 50,000 rows, as a used range gives them. Issue 3's 3 s target covers recognition + plan + ExcelJS
 * write together; these cases time the recognition part (bench/cases/workbook.ts times the rest).
 */
import { serialFromYmd, periodEnd } from "../../src/core/dates";
import type { Cell, SheetGrid } from "../../src/core/grid";
import { placementsByCategory } from "../../src/sources/placementList";
import { recogniseWorkbook } from "../../src/sources/recognise";
import type { BenchCase } from "../types";

/** Deterministic pseudo-random numbers in [0, 1), so every run times the same work. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const LABELS = [
  "Indep Resi",
  "IFA",
  "In House Fostering",
  "Supported Living incl SAILS and Supported Lodgings",
  "Staying Put",
  "Special Guardianship Orders",
  "Child Arrangement Orders",
  "Adoption Allowances",
  "Parent & Child",
  "Kinship / Connected Persons",
  "Local Solutions",
];
const BUDGET_LINES = 5_000;
const GROUP = 50;

/** Title rows, a two-row header with units, groups of 50 lines under headings with a subtotal each, a grand total and notes. */
function budgetSheet(): SheetGrid {
  const next = random(3);
  const cells: Cell[][] = [
    ["Anytown Council - Children's Services"],
    ["Budget Monitoring Period 10 2021/22"],
    [],
    ["Cost centre", "Description", "Annual", "Actual", "Commitments", "Forecast", "Variance", "Movement", "No. of"],
    [null, null, "Budget", "to date", null, "outturn", "to budget", "from P9", "placements"],
    [null, null, "£", "£", "£", "£", "£", "£", null],
  ];
  const totals = [0, 0, 0, 0, 0, 0, 0];
  let group = [0, 0, 0, 0, 0, 0, 0];
  for (let line = 0; line < BUDGET_LINES; line += 1) {
    if (line % GROUP === 0) cells.push([null, `Service group ${line / GROUP + 1}`]);
    const budget = Math.round(10_000 + next() * 2_000_000);
    const actual = Math.round(budget * (0.6 + next() * 0.3));
    const commitments = Math.round(budget * next() * 0.3);
    const forecast = actual + commitments;
    const figures = [
      budget,
      actual,
      commitments,
      forecast,
      forecast - budget,
      Math.round((next() - 0.5) * 20_000),
      Math.floor(next() * 40),
    ];
    figures.forEach((value, i) => {
      group[i] += value;
      totals[i] += value;
    });
    const text = line % 7 === 0;
    cells.push([
      `CC${String(line).padStart(5, "0")}`,
      `${LABELS[line % LABELS.length]} ${line}`,
      ...figures.map((value, i) =>
        text && i < 6
          ? value < 0
            ? `(£${(-value).toLocaleString("en-GB")})`
            : `£${value.toLocaleString("en-GB")}`
          : value,
      ),
    ]);
    if (line % GROUP === GROUP - 1) {
      cells.push([null, `Sub-total group ${Math.floor(line / GROUP) + 1}`, ...group]);
      cells.push([]);
      group = [0, 0, 0, 0, 0, 0, 0];
    }
  }
  cells.push(
    [null, "Grand Total", ...totals],
    [],
    ["Source: P10 Budget Monitoring report"],
    ["* Forecasts include commitments to 31 March"],
  );
  return { name: "P10 Budget Monitoring", origin: { row: 0, col: 0 }, cells };
}

const PLACEMENTS = 50_000;
const TYPES = [
  "Residential",
  "IFA",
  "In House Fostering",
  "Supported Lodgings",
  "Staying Put",
  "Parent and Child",
  "Secure",
  "Local Solutions",
];

/** One row per placement; start dates as ExcelJS gives date cells (Date objects), end dates as dd/mm/yyyy text or blank. */
function placementSheet(): SheetGrid {
  const next = random(4);
  const first = serialFromYmd(2018, 4, 1);
  const cells: Cell[][] = [
    ["Placement ID", "Child ID", "Placement Type", "Provider", "Start Date", "Planned End Date", "Weekly Cost"],
  ];
  for (let row = 0; row < PLACEMENTS; row += 1) {
    const start = first + Math.floor(next() * 1_400);
    const ends = next() < 0.5;
    const end = start + 30 + Math.floor(next() * 900);
    const endDate = new Date(Date.UTC(1899, 11, 30 + end));
    cells.push([
      `PL${row}`,
      `C${Math.floor(row / 2)}`,
      TYPES[row % TYPES.length],
      `Provider ${row % 300}`,
      new Date(Date.UTC(1899, 11, 30 + start)),
      ends
        ? `${String(endDate.getUTCDate()).padStart(2, "0")}/${String(endDate.getUTCMonth() + 1).padStart(2, "0")}/${endDate.getUTCFullYear()}`
        : null,
      Math.round(200 + next() * 6_000),
    ]);
  }
  return { name: "Placements", origin: { row: 0, col: 0 }, cells };
}

const budgetCase: BenchCase<SheetGrid> = {
  name: "recognise-budget-5000-lines",
  issue: 3,
  target: { medianMs: 3_000 },
  setup: budgetSheet,
  run: (grid) => {
    const { budgets } = recogniseWorkbook([grid]);
    return { lines: budgets[0].lines.length, totals: budgets[0].totals.length, warnings: budgets[0].warnings.length };
  },
};

const placementCase: BenchCase<SheetGrid> = {
  name: "recognise-placement-list-50000-rows",
  issue: 3,
  target: { medianMs: 3_000 },
  setup: placementSheet,
  run: (grid) => {
    const { placementLists } = recogniseWorkbook([grid]);
    const open = placementsByCategory(placementLists[0], periodEnd(2021, 10));
    return {
      placements: placementLists[0].placements.length,
      openAtP10: Object.values(open).reduce((n, c) => n + c.current, 0),
    };
  },
};

export const cases: BenchCase[] = [budgetCase as BenchCase, placementCase as BenchCase];
