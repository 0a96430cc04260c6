/**
 * The build from a workbook's sheets to a plan, the same in both hosts: the task pane and the ribbon
 * (excel/workflow.ts, reading through Office.js) and the command line (cli/commands.ts, reading the
 * file). A host reads the workbook into a snapshot, settles the assumptions its user gave (the pane's
 * typed fields and saved settings, the command line's options and files), calls `planWorkbook`, and
 * writes the plan it returns. Nothing here reads or writes a workbook.
 */
import type { CareHistory } from "../core/careHistory";
import type { Scenario } from "../core/demand/scenario";
import type { Diagnostic } from "../core/diagnostics";
import type { SheetGrid } from "../core/grid";
import { recogniseWorkbook, type Recognition, type RecogniseOptions } from "../sources/recognise";
import { episodeRowsFromRange, stitchCareHistory } from "../sources/ssda903";
import type { Assumptions } from "./assumptions";
import { buildSufficiencyPlan } from "./build";
import { unholdableCells, unholdableMessage } from "./cellLimits";
import type { ExistingSheet } from "./names";
import type { WorkbookPlan } from "./plan";
import type { CouncilBenchmarks } from "./published";
import type { SheetInputs } from "./sheetInputs";
import type { DEMAND_SHEETS } from "./sheets/demand";
import { readScenarioSheet } from "./sheets/demandScenarios";

/** A workbook as a host read it: the user's sheets, the add-in's own sheets (with formulas), and every sheet's name and marker. */
export interface WorkbookSheets {
  grids: readonly SheetGrid[];
  ownedGrids: readonly SheetGrid[];
  existing: readonly ExistingSheet[];
}

export interface RecognisedSources {
  recognition: Recognition;
  careHistory: CareHistory | undefined;
}

/**
 * Recognises the sources, with the 903 episodes of every episodes sheet stitched into one history, as
 * the years of a return are (an import of a later year beside an earlier one's, say); a DOB column on
 * the rows gives the ages.
 */
export function recogniseSnapshot(
  snapshot: Pick<WorkbookSheets, "grids">,
  options: RecogniseOptions,
): RecognisedSources {
  const recognition = recogniseWorkbook([...snapshot.grids], options);
  const sheets = snapshot.grids.filter((grid) => recognition.episodeSheets.includes(grid.name));
  const careHistory = sheets.length
    ? stitchCareHistory(
        sheets.map((grid) => ({
          episodes: episodeRowsFromRange(
            Array.from(grid.cells, (row) => row ?? []),
            `sheet '${grid.name}'`,
          ),
        })),
      )
    : undefined;
  return { recognition, careHistory };
}

/** The key of the add-in's Scenarios sheet, where a user keeps the demand scenario between builds. */
export const SCENARIOS_KEY: (typeof DEMAND_SHEETS)[number]["key"] = "demandScenarios";

/** The scenario the user keeps on the add-in's own Scenarios sheet, as it is now (null when none is set up). */
export function scenarioKeptOn(snapshot: Pick<WorkbookSheets, "ownedGrids" | "existing">): Scenario | null {
  const sheet = snapshot.existing.find((s) => s.ownedKey === SCENARIOS_KEY);
  const grid = sheet && snapshot.ownedGrids.find((g) => g.name === sheet.name);
  return grid ? readScenarioSheet(grid) : null;
}

export interface PlanInput {
  snapshot: Pick<WorkbookSheets, "existing">;
  recognition: Recognition;
  /** The 903 history: with it the care and demand sheets are built. */
  careHistory?: CareHistory | undefined;
  assumptions: Assumptions;
  /** What the user left on the add-in's sheets: the unit prices typed on the cost forecast sheet are used. */
  sheetInputs: SheetInputs;
  /** The demand scenario (with 903 data only): the host's (a --scenario file) or the one kept on the Scenarios sheet. */
  scenario?: Scenario | null;
  /** Without 903 data, keep or remove the care and demand sheets of the last build. */
  previous903Sheets: "keep" | "drop";
  benchmarks?: CouncilBenchmarks | null;
  /** What the host found before planning (council, assumptions): listed first among the plan's warnings. */
  warnings: Diagnostic[];
}

export interface PlannedWorkbook {
  plan: WorkbookPlan;
  /**
   * Why the plan must not be written, or null: figures that overflow no workbook cell can hold. Each
   * host refuses it before writing, in its own way (the pane's error panel, the command line's exit code).
   */
  refusal: { message: string; whatToDo: string } | null;
}

/** The plan of the sufficiency workbook, and whether it can be written. Throws LacError for sources it cannot build from. */
export function planWorkbook(input: PlanInput): PlannedWorkbook {
  const { careHistory, scenario, sheetInputs, benchmarks } = input;
  const plan = buildSufficiencyPlan({
    recognition: input.recognition,
    assumptions: input.assumptions,
    existingSheets: [...input.snapshot.existing],
    ...(careHistory
      ? {
          careHistory,
          demand: {
            ...(scenario ? { scenario } : {}),
            ...(sheetInputs.prices ? { typedPrices: sheetInputs.prices } : {}),
          },
        }
      : {}),
    previous903Sheets: input.previous903Sheets,
    ...(benchmarks ? { benchmarks } : {}),
    warnings: input.warnings,
  });
  const unholdable = unholdableCells(plan);
  return { plan, refusal: unholdable.length ? unholdableMessage(unholdable) : null };
}
