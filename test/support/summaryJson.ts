/** The file `lac-sufficiency build --summary-json` writes, read back by the tests with its type. */
import type { Diagnostic } from "../../src/core/diagnostics";
import type { PlanSummary } from "../../src/workbook/plan";

/** The plan's headline figures, every warning of the build and the names of the sheets written. */
export type SummaryJson = PlanSummary & { warnings: Diagnostic[]; sheets: string[] };

export function parseSummaryJson(text: string): SummaryJson {
  return JSON.parse(text) as SummaryJson;
}
