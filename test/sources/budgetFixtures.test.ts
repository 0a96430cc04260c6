/**
 * The budget-sheet layouts of test/fixtures/budget/*.json, each with the recognition it must give.
 * A fixture holds the sheets (cells as a used range gives them; {"date": "yyyy-mm-dd"} stands for a
 * Date object as ExcelJS returns date cells), optional RecogniseOptions, and either "expected" facts
 * or "expectedError" (a sheet that cannot be read and the words its reason must contain). Count histories
 * of children looked after ("lacHistories") are expected the same way; a fixture without them expects none.
 * Rows in expectations are Excel row numbers (1-based), columns are letters, amounts are in £.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseDate } from "../../src/core/dates";
import type { Cell, SheetGrid } from "../../src/core/grid";
import { a1, columnLetter } from "../../src/core/grid";
import { recogniseBudgetMonitoring } from "../../src/sources/budgetMonitoring";
import { placementsByCategory } from "../../src/sources/placementList";
import {
  recogniseWorkbook,
  type BudgetLine,
  type BudgetMonitoring,
  type LacHistory,
  type PlacementList,
  type RecogniseOptions,
} from "../../src/sources/recognise";

interface ExpectedLine {
  label: string;
  category: string;
  kind?: string;
  values: Record<string, number>;
  refs?: Record<string, string>;
  cellIsNumber?: Record<string, boolean>;
}

interface ExpectedBudget {
  sheet: string;
  headerRow: number;
  labelCol: string;
  columns: Record<string, string>;
  units: "gbp" | "thousands";
  period: { period: number; financialYear: number | null } | null;
  lines: ExpectedLine[];
  /** Lines read as not placement costs; absent means none. */
  excluded?: ExpectedLine[];
  totals: ExpectedLine[];
  /** Substrings each found in some warning or question; [] means no warning of severity "warning" at all. */
  warnings: string[];
  /** Substrings each found in some question of the table (or the workbook's); [] means the table asks nothing. */
  questions?: string[];
  sums?: Record<string, number>;
}

interface ExpectedPlacementList {
  sheet: string;
  headerRow: number;
  columns: Record<string, string>;
  placements: number;
  badRows: { row: number; reason: string }[];
  at?: {
    date: string;
    byCategory: Record<string, { current: number; weeklyCostGbp: number; averageWeeklyCostGbp: number }>;
  };
}

interface ExpectedLacHistory {
  sheet: string;
  headerRow: number;
  columns: { date: string; count: string };
  /** In date order; the cells are A1 addresses, both real numbers unless said otherwise. */
  points: {
    date: string;
    count: number;
    dateCell: string;
    countCell: string;
    dateIsNumber?: boolean;
    countIsNumber?: boolean;
  }[];
  badRows: { row: number; reason: string }[];
  /** Substrings each found in some warning; [] means no warning of severity "warning" at all. */
  warnings: string[];
}

interface Fixture {
  description: string;
  sheets: { name: string; origin: { row: number; col: number }; cells: unknown[][] }[];
  options?: RecogniseOptions;
  expected?: {
    budgets: ExpectedBudget[];
    placementLists?: ExpectedPlacementList[];
    lacHistories?: ExpectedLacHistory[];
    episodeSheets?: string[];
    unrecognised?: { sheet: string; reason: string }[];
  };
  expectedError?: { sheet: string; message: string };
}

const folder = path.join(__dirname, "..", "fixtures", "budget");
const fixtures = readdirSync(folder)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => [file, JSON.parse(readFileSync(path.join(folder, file), "utf8")) as Fixture] as const);

function toCell(value: unknown): Cell {
  if (value && typeof value === "object" && "date" in value) {
    const [year, month, day] = String((value as { date: string }).date)
      .split("-")
      .map(Number);
    return new Date(Date.UTC(year, month - 1, day));
  }
  return value as Cell;
}

function gridsOf(fixture: Fixture): SheetGrid[] {
  return fixture.sheets.map((sheet) => ({
    name: sheet.name,
    origin: sheet.origin,
    cells: sheet.cells.map((row) => row.map(toCell)),
  }));
}

function checkLine(actual: BudgetLine, expected: ExpectedLine): void {
  expect({ label: actual.label, category: actual.category }).toEqual({
    label: expected.label,
    category: expected.category,
  });
  if (expected.kind) expect(actual.kind).toBe(expected.kind);
  expect(Object.keys(actual.values).sort()).toEqual(Object.keys(expected.values).sort());
  for (const [measure, value] of Object.entries(expected.values)) {
    expect([measure, actual.values[measure as keyof typeof actual.values]?.value]).toEqual([measure, value]);
  }
  for (const [measure, ref] of Object.entries(expected.refs ?? {})) {
    const amount = actual.values[measure as keyof typeof actual.values];
    expect([measure, amount && a1(amount.ref.row, amount.ref.col)]).toEqual([measure, ref]);
  }
  for (const [measure, isNumber] of Object.entries(expected.cellIsNumber ?? {})) {
    expect([measure, actual.values[measure as keyof typeof actual.values]?.cellIsNumber]).toEqual([measure, isNumber]);
  }
}

function checkBudget(actual: BudgetMonitoring, expected: ExpectedBudget, workbookQuestions: string[]): void {
  expect({
    sheet: actual.sheet,
    headerRow: actual.headerRow + 1,
    labelCol: columnLetter(actual.labelCol),
    units: actual.units.kind,
  }).toEqual({
    sheet: expected.sheet,
    headerRow: expected.headerRow,
    labelCol: expected.labelCol,
    units: expected.units,
  });
  const columns = Object.fromEntries(
    Object.entries(actual.columns).map(([measure, column]) => [measure, columnLetter(column.col)]),
  );
  expect(columns).toEqual(expected.columns);
  expect(actual.period && { period: actual.period.period, financialYear: actual.period.financialYear }).toEqual(
    expected.period,
  );
  expect(actual.lines.map((l) => l.label)).toEqual(expected.lines.map((l) => l.label));
  actual.lines.forEach((line, i) => checkLine(line, expected.lines[i]));
  const excluded = expected.excluded ?? [];
  expect(actual.excluded.map((l) => l.label)).toEqual(excluded.map((l) => l.label));
  actual.excluded.forEach((line, i) =>
    checkLine({ ...line, category: "excluded" as never }, { ...excluded[i], category: "excluded" }),
  );
  expect(actual.totals.map((l) => l.label)).toEqual(expected.totals.map((l) => l.label));
  actual.totals.forEach((line, i) => checkLine(line, expected.totals[i]));
  const questions = [
    ...actual.questions.map(
      (q) => `${q.message} ${(q.lines ?? []).map((l) => `'${l.label}'`).join(" ")} [${q.where ?? ""}]`,
    ),
    ...workbookQuestions,
  ];
  if (expected.questions) {
    if (expected.questions.length === 0) expect(questions).toEqual([]);
    for (const words of expected.questions)
      expect(questions.filter((m) => m.includes(words)).length > 0 ? words : questions).toEqual(words);
  }
  const messages = [...actual.warnings.map((w) => `${w.message} [${w.where ?? ""}]`), ...questions];
  if (expected.warnings.length === 0) {
    expect(actual.warnings.filter((w) => w.severity === "warning").map((w) => w.message)).toEqual([]);
  }
  for (const words of expected.warnings) {
    expect(messages.filter((m) => m.includes(words)).length > 0 ? words : messages).toEqual(words);
  }
  for (const [measure, sum] of Object.entries(expected.sums ?? {})) {
    const total = actual.lines.reduce((s, l) => s + (l.values[measure as keyof typeof l.values]?.value ?? 0), 0);
    expect([measure, total]).toEqual([measure, sum]);
  }
}

function checkPlacementList(actual: PlacementList, expected: ExpectedPlacementList): void {
  expect({ sheet: actual.sheet, headerRow: actual.headerRow + 1, placements: actual.placements.length }).toEqual({
    sheet: expected.sheet,
    headerRow: expected.headerRow,
    placements: expected.placements,
  });
  const columns = Object.fromEntries(
    Object.entries(actual.columns).map(([field, column]) => [field, columnLetter(column.col)]),
  );
  expect(columns).toEqual(expected.columns);
  expect(actual.badRows.map((b) => b.ref.row + 1)).toEqual(expected.badRows.map((b) => b.row));
  expected.badRows.forEach((bad, i) => expect(actual.badRows[i].reason).toContain(bad.reason));
  if (expected.at) {
    const figures = placementsByCategory(actual, parseDate(expected.at.date) as number);
    expect(Object.keys(figures).sort()).toEqual(Object.keys(expected.at.byCategory).sort());
    for (const [category, want] of Object.entries(expected.at.byCategory)) {
      const got = figures[category as keyof typeof figures];
      expect(got?.current).toBe(want.current);
      expect(got?.weeklyCostGbp).toBeCloseTo(want.weeklyCostGbp, 9);
      expect(got?.averageWeeklyCostGbp).toBeCloseTo(want.averageWeeklyCostGbp, 9);
    }
  }
}

function checkLacHistory(actual: LacHistory, expected: ExpectedLacHistory): void {
  expect({
    sheet: actual.sheet,
    headerRow: actual.headerRow + 1,
    date: columnLetter(actual.columns.date.col),
    count: columnLetter(actual.columns.count.col),
  }).toEqual({
    sheet: expected.sheet,
    headerRow: expected.headerRow,
    ...expected.columns,
  });
  expect(
    actual.points.map((p) => ({
      date: p.date,
      count: p.count,
      dateCell: a1(p.dateCell.ref.row, p.dateCell.ref.col),
      countCell: a1(p.countCell.ref.row, p.countCell.ref.col),
      dateIsNumber: p.dateCell.cellIsNumber,
      countIsNumber: p.countCell.cellIsNumber,
    })),
  ).toEqual(expected.points.map((p) => ({ dateIsNumber: true, countIsNumber: true, ...p, date: parseDate(p.date) })));
  for (const point of actual.points)
    expect([point.dateCell.ref.sheet, point.countCell.ref.sheet]).toEqual([actual.sheet, actual.sheet]);
  expect(actual.badRows.map((b) => b.ref.row + 1)).toEqual(expected.badRows.map((b) => b.row));
  expected.badRows.forEach((bad, i) => expect(actual.badRows[i].reason).toContain(bad.reason));
  const messages = actual.warnings.map((w) => `${w.message} [${w.where ?? ""}]`);
  if (expected.warnings.length === 0)
    expect(actual.warnings.filter((w) => w.severity === "warning").map((w) => w.message)).toEqual([]);
  for (const words of expected.warnings) {
    expect(messages.filter((m) => m.includes(words)).length > 0 ? words : messages).toEqual(words);
  }
}

describe("budget sheet layouts (test/fixtures/budget)", () => {
  it("has at least 12 layouts", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });

  it.each(fixtures)("%s", (_file, fixture) => {
    const grids = gridsOf(fixture);
    const before = JSON.stringify(grids);
    const recognition = recogniseWorkbook(grids, fixture.options);
    expect(JSON.stringify(grids)).toBe(before);

    if (fixture.expectedError) {
      const { sheet, message } = fixture.expectedError;
      const grid = grids.find((g) => g.name === sheet) as SheetGrid;
      expect(() => recogniseBudgetMonitoring(grid, fixture.options)).toThrow(message);
      expect(recognition.unrecognised.find((u) => u.sheet === sheet)?.reason).toContain(message);
      expect(recognition.budgets.filter((b) => b.sheet === sheet)).toEqual([]);
      return;
    }
    const expected = fixture.expected as NonNullable<Fixture["expected"]>;
    expect(recognition.budgets.map((b) => [b.sheet, b.headerRow + 1])).toEqual(
      expected.budgets.map((b) => [b.sheet, b.headerRow]),
    );
    const workbookQuestions = recognition.questions.filter((q) => q.kind === "tables").map((q) => q.message);
    recognition.budgets.forEach((budget, i) => checkBudget(budget, expected.budgets[i], workbookQuestions));
    const lists = expected.placementLists ?? [];
    expect(recognition.placementLists.map((l) => l.sheet)).toEqual(lists.map((l) => l.sheet));
    recognition.placementLists.forEach((list, i) => checkPlacementList(list, lists[i]));
    const histories = expected.lacHistories ?? [];
    expect(recognition.lacHistories.map((h) => h.sheet)).toEqual(histories.map((h) => h.sheet));
    recognition.lacHistories.forEach((history, i) => checkLacHistory(history, histories[i]));
    expect(recognition.episodeSheets).toEqual(expected.episodeSheets ?? []);
    const unrecognised = expected.unrecognised ?? [];
    expect(recognition.unrecognised.map((u) => u.sheet)).toEqual(unrecognised.map((u) => u.sheet));
    unrecognised.forEach((u, i) => expect(recognition.unrecognised[i].reason).toContain(u.reason));
    for (const record of [...recognition.budgets, ...recognition.lacHistories]) {
      for (const warning of record.warnings) expect(recognition.warnings).toContain(warning);
    }
  });
});
