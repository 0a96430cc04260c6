/**
 * Evaluates a WorkbookPlan's formulas with HyperFormula, beside the user's source sheets, so tests can
 * compare every formula the builder writes with the value the engine gave it.
 *
 * - The add-in's LAC.* functions are registered as a HyperFormula plugin that calls the real exported
 *   wrappers of src/functions/functions.ts (single-cell results only).
 * - A formula that uses a function HyperFormula lacks (FORECAST.LINEAR, TREND, GROWTH, ...) is loaded
 *   as the engine's value instead, so the cells that depend on it are still checked here; LibreOffice
 *   checks those cells themselves (`cellsForLibreOffice`, used by the command line's end-to-end test).
 * - Text is loaded as text even when it looks like a number or a formula, as the hosts write it.
 */
import "./customFunctionsStub";
import {
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type FunctionArgument,
  type ImplementedFunctions,
  type RawCellContent,
} from "hyperformula";
import * as lac from "../../src/functions/functions";
import { serialFromJsDate } from "../../src/core/dates";
import { quoteSheetName, a1Range, type SheetGrid } from "../../src/core/grid";
import { formulaCells, type FormulaCell } from "../../src/workbook/formulas";
import type { CellValue, WorkbookPlan } from "../../src/workbook/plan";
import { isCustomFunctionsError } from "./customFunctionsStub";

export type EvaluatedValue = number | string | boolean | null | { error: string; message?: string };

export interface PlanEvaluation {
  /** The value HyperFormula computed (or holds) at a cell of a plan or source sheet. */
  value(sheet: string, row: number, col: number): EvaluatedValue;
  /** Formula cells HyperFormula evaluated. */
  checked: FormulaCell[];
  /** Formula cells loaded as the engine's value because HyperFormula lacks one of their functions. */
  forLibreOffice: FormulaCell[];
}

type Argument = "range" | "value" | "optional";

/** The LAC functions, as Excel names them, with the wrapper each one calls and how it takes its arguments. */
const LAC_FUNCTIONS: Record<string, { call: (...args: never[]) => unknown; args: Argument[] }> = {
  "LAC.RATE": { call: lac.rate, args: ["range", "range", "optional"] },
  "LAC.PROJECTION": { call: lac.projection, args: ["range", "range", "range", "optional"] },
  "LAC.UPLIFTCOST": { call: lac.upliftCost, args: ["value", "range", "optional", "optional"] },
  "LAC.STABILITY": { call: lac.stability, args: ["range", "value", "optional", "optional", "optional"] },
  "LAC.EXTRACOST": { call: lac.extraCost, args: ["value", "value", "value"] },
  "LAC.UNITCOST": { call: lac.unitCost, args: ["value", "value", "value", "optional"] },
  "LAC.PERIOD": { call: lac.period, args: ["range"] },
  "LAC.RUNRATE": { call: lac.runRate, args: ["value", "value", "optional"] },
  "LAC.COMMITMENT": { call: lac.commitment, args: ["value", "value", "range", "range", "optional"] },
};

const ERROR_TYPES: Record<string, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#N/A": ErrorType.NA,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#NUM!": ErrorType.NUM,
  "#NAME?": ErrorType.NAME,
  "#REF!": ErrorType.REF,
};

/** A HyperFormula value as the Office.js runtime hands it to a custom function. */
function toExcel(value: unknown): unknown {
  if (value === EmptyValue || value === undefined) return null;
  if (value instanceof SimpleRangeValue) return value.data.map((row) => row.map(toExcel));
  if (value instanceof CellError)
    return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, value.message);
  if (typeof value === "object" && value !== null && "val" in value) return value.val;
  return value;
}

/** A wrapper's result as a HyperFormula value: one cell, or an error. */
function fromExcel(result: unknown, name: string): number | string | boolean | CellError {
  let value = result;
  if (Array.isArray(value)) {
    if (value.length !== 1 || !Array.isArray(value[0]) || value[0].length !== 1) {
      return new CellError(
        ErrorType.VALUE,
        `${name} returned ${value.length} rows; the test harness evaluates single-cell results only`,
      );
    }
    value = value[0][0];
  }
  if (isCustomFunctionsError(value)) return new CellError(ERROR_TYPES[value.code] ?? ErrorType.VALUE, value.message);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return new CellError(ErrorType.VALUE, `${name} returned ${String(value)}`);
}

class LacPlugin extends FunctionPlugin {
  static implementedFunctions: ImplementedFunctions = Object.fromEntries(
    Object.entries(LAC_FUNCTIONS).map(([name, spec]) => [
      name,
      {
        method: methodName(name),
        parameters: spec.args.map((kind): FunctionArgument =>
          kind === "range"
            ? { argumentType: FunctionArgumentType.ANY }
            : kind === "value"
              ? { argumentType: FunctionArgumentType.SCALAR }
              : { argumentType: FunctionArgumentType.SCALAR, optionalArg: true },
        ),
        vectorizationForbidden: true,
      },
    ]),
  );
}

/** The protected parts of FunctionPlugin the generated methods use (argument checking by the engine). */
interface PluginInternals {
  runFunction(
    args: unknown[],
    state: unknown,
    metadata: unknown,
    implementation: (...args: unknown[]) => unknown,
  ): unknown;
  metadata(name: string): unknown;
}

for (const [name, spec] of Object.entries(LAC_FUNCTIONS)) {
  Object.defineProperty(LacPlugin.prototype, methodName(name), {
    value(this: PluginInternals, ast: { args: unknown[] }, state: unknown): unknown {
      return this.runFunction(ast.args, state, this.metadata(name), (...args: unknown[]) => {
        const excelArgs = spec.args.map((kind, i) => {
          const value = toExcel(args[i]);
          return kind === "range" && !Array.isArray(value) ? [[value]] : value;
        });
        return fromExcel((spec.call as (...a: unknown[]) => unknown)(...excelArgs), name);
      });
    },
  });
}

function methodName(name: string): string {
  return `lac${name.slice(4).toLowerCase()}`;
}

HyperFormula.registerFunctionPlugin(LacPlugin, {
  enGB: Object.fromEntries(Object.keys(LAC_FUNCTIONS).map((name) => [name, name])),
});

const KNOWN_FUNCTIONS = new Set(HyperFormula.getRegisteredFunctionNames("enGB"));

/** The functions a formula calls ("SUMIF", "FORECAST.LINEAR", "LAC.RATE"), string literals and sheet names aside. */
export function functionsIn(formula: string): string[] {
  const bare = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'/g, "''");
  return [...bare.matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) => m[1].toUpperCase());
}

/** Formula cells of the plan that call a function HyperFormula lacks: LibreOffice checks these. */
export function cellsForLibreOffice(plan: Pick<WorkbookPlan, "sheets">): FormulaCell[] {
  return formulaCells(plan).filter((cell) => functionsIn(cell.formula).some((fn) => !KNOWN_FUNCTIONS.has(fn)));
}

function sourceContent(value: unknown): RawCellContent {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) return serialFromJsDate(value);
  // An apostrophe makes HyperFormula keep text as text ("=1", "12", "TRUE" included), as the hosts do.
  if (typeof value === "string") return `'${value}`;
  return value as RawCellContent;
}

function planContent(cell: { value?: CellValue | null; formula?: string }, replaced: boolean): RawCellContent {
  if (cell.formula !== undefined && !replaced) return `=${cell.formula}`;
  return sourceContent(cell.value ?? null);
}

export function evaluatePlan(plan: WorkbookPlan, sources: readonly SheetGrid[]): PlanEvaluation {
  // Unrounded results, as Excel keeps them: HyperFormula otherwise rounds what it returns to 11 digits.
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", smartRounding: false });
  const ids = new Map<string, number>();
  const addSheet = (name: string): number => {
    hf.addSheet(name);
    const id = hf.getSheetId(name) as number;
    ids.set(name, id);
    return id;
  };
  const forLibreOffice = cellsForLibreOffice(plan);
  const replaced = new Set(forLibreOffice.map((cell) => `${cell.sheet}!${cell.row}!${cell.col}`));

  hf.suspendEvaluation();
  for (const grid of sources) {
    const id = addSheet(grid.name);
    const rows: RawCellContent[][] = [];
    grid.cells.forEach((cells = [], r) => {
      rows[grid.origin.row + r] = [
        ...new Array<RawCellContent>(grid.origin.col).fill(null),
        ...cells.map(sourceContent),
      ];
    });
    hf.setSheetContent(
      id,
      Array.from(rows, (row) => row ?? []),
    );
  }
  for (const sheet of plan.sheets) addSheet(sheet.name);
  for (const name of plan.names) {
    hf.addNamedExpression(
      name.name,
      `=${quoteSheetName(name.ref.sheet)}!${a1Range(name.ref.row, name.ref.col, name.ref.rows, name.ref.cols, true)}`,
    );
  }
  for (const sheet of plan.sheets) {
    const id = ids.get(sheet.name) as number;
    for (const block of sheet.blocks) {
      block.cells.forEach((cells, r) =>
        cells.forEach((cell, c) => {
          if (cell === null) return;
          const row = block.row + r;
          const col = block.col + c;
          hf.setCellContents({ sheet: id, row, col }, [
            [planContent(cell, replaced.has(`${sheet.name}!${row}!${col}`))],
          ]);
        }),
      );
    }
  }
  hf.resumeEvaluation();

  const value = (sheet: string, row: number, col: number): EvaluatedValue => {
    const id = ids.get(sheet);
    if (id === undefined) throw new Error(`no sheet '${sheet}' in the evaluation`);
    const result = hf.getCellValue({ sheet: id, row, col });
    if (result instanceof DetailedCellError) return { error: result.value, message: result.message };
    return result;
  };
  const checked = formulaCells(plan).filter((cell) => !replaced.has(`${cell.sheet}!${cell.row}!${cell.col}`));
  return { value, checked, forLibreOffice };
}

/** Whether an evaluated value equals the engine's, numbers to `relative` (1e-9 by default). */
export function sameValue(evaluated: EvaluatedValue, engine: CellValue | null, relative = 1e-9): boolean {
  // A formula that only points at an empty cell shows 0 in Excel; HyperFormula returns it as empty.
  if (evaluated === null && engine === 0) return true;
  if (typeof evaluated === "number" && typeof engine === "number") {
    return Math.abs(evaluated - engine) <= relative * Math.max(1, Math.abs(evaluated), Math.abs(engine));
  }
  if ((evaluated === null || evaluated === "") && (engine === null || engine === "")) return true;
  return evaluated === engine;
}

/**
 * Every formula cell HyperFormula evaluated whose value differs from the engine's, described for a
 * test failure message ("'Spend'!C7 =SUM(C9:C15): HyperFormula 12, engine 13"). Empty when all agree.
 */
export function planMismatches(plan: WorkbookPlan, sources: readonly SheetGrid[], relative = 1e-9): string[] {
  const evaluation = evaluatePlan(plan, sources);
  return evaluation.checked.flatMap((cell) => {
    const evaluated = evaluation.value(cell.sheet, cell.row, cell.col);
    return sameValue(evaluated, cell.value, relative)
      ? []
      : [
          `'${cell.sheet}'!${cell.address} =${cell.formula}: HyperFormula ${JSON.stringify(evaluated)}, engine ${JSON.stringify(cell.value)}`,
        ];
  });
}
