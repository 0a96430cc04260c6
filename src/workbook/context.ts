/**
 * What every sheet builder is given, including the builders of the care (903) and demand sheets that
 * live beside the core ones: the resolved sheet names, the assumptions, and the period end the spend
 * figures are at.
 */
import type { Assumptions } from "./assumptions";
import type { DefinedNamePlan, SheetPlan } from "./plan";
import type { Diagnostic } from "../core/diagnostics";
import type { CouncilBenchmarks } from "./published";

export interface SheetContext {
  /** The name a sheet of the plan is written under, by key (throws for a key nobody asked a name for). */
  sheetName(key: string): string;
  assumptions: Assumptions;
  /** Last day of the budget monitoring period (Excel serial), or null when the period is not known. */
  periodEnd: number | null;
  /** The chosen council and the published data, when a council was chosen: the care sheets show its published figures. */
  benchmarks?: CouncilBenchmarks;
}

/** What a builder of extra sheets hands back to the workbook builder. */
export interface SheetsPart {
  sheets: SheetPlan[];
  names: DefinedNamePlan[];
  warnings: Diagnostic[];
}

export function sheetContext(
  names: Record<string, string>,
  assumptions: Assumptions,
  periodEnd: number | null,
  benchmarks?: CouncilBenchmarks,
): SheetContext {
  return {
    ...(benchmarks ? { benchmarks } : {}),
    sheetName(key: string): string {
      const name = names[key];
      if (name === undefined) throw new Error(`no sheet name was resolved for the key '${key}'`);
      return name;
    },
    assumptions,
    periodEnd,
  };
}
