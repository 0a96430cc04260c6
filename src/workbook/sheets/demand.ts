/**
 * The demand sheets: Demand forecast (children by placement group and age band, with a band), Cost
 * forecast (by budget category and financial year, this year's outturn beside the budget and the
 * commitments) and Scenarios (inputs, and the scenario beside the base).
 *
 * What is live and what is recomputed: the demand model is a 20-state daily projection, which no
 * worksheet formula can re-run, so children and placement days are the engine's values, recomputed on
 * every rebuild. The money is live: costs are formulas on those placement days and on the weekly costs
 * and uplift rates of the Unit costs and Assumptions sheets (and budget figures of the Spend sheet), so
 * a changed weekly cost or rate recalculates the Cost forecast and Scenarios sheets in Excel at once.
 * A scenario's inputs are on the Scenarios sheet; the add-in reads them back (readScenarioSheet) when
 * it rebuilds.
 */
import { formatDate } from "../../core/dates";
import { CATEGORY_LABELS } from "../../core/categories";
import type { DemandForecast } from "../../core/demand/forecast";
import type { SheetContext, SheetsPart } from "../context";
import type { DemandFigures, DemandSheetsInput } from "../figures";
import type { Diagnostic } from "../../core/diagnostics";
import type { SheetSpec } from "../names";
import { buildDemandCostSheet } from "./demandCost";
import { buildDemandForecastSheet } from "./demandForecast";
import { buildScenariosSheet } from "./demandScenarios";
import { pushAll } from "../../core/arrays";

export type { DemandOptions, DemandSheetsInput, LinkedCell } from "../figures";

export const DEMAND_SHEETS = [
  { key: "demandForecast", name: "Demand forecast" },
  { key: "demandCost", name: "Cost forecast" },
  { key: "demandScenarios", name: "Scenarios" },
] as const satisfies readonly SheetSpec[];

export interface DemandSheetsPart extends SheetsPart {
  /** The engine's forecast the sheets show, or null when the 903 data could not give one (see warnings). */
  forecast: DemandForecast | null;
}

/**
 * The demand sheets, laid out from the demand figures (computeDemandFigures) and the cells of the core
 * sheets their formulas read. With no forecast there are no sheets, and a warning says why.
 */
export function buildDemandSheets(
  demand: DemandSheetsInput,
  figures: DemandFigures,
  context: SheetContext,
): DemandSheetsPart {
  const where = `sheet '${context.sheetName("demandForecast")}'`;
  if (figures.status === "noEpisodes") {
    return {
      sheets: [],
      names: [],
      warnings: [
        { severity: "warning", message: "The 903 data has no episodes, so there is no demand forecast.", where },
      ],
      forecast: null,
    };
  }
  if (figures.status === "refused") {
    return {
      sheets: [],
      names: [],
      warnings: [{ severity: "warning", message: `No demand forecast: ${figures.message}`, where }],
      forecast: null,
    };
  }
  const { forecast, referencePeriod, categories, cost, restOfYear } = figures;
  const periodEnd = context.periodEnd;
  const warnings: Diagnostic[] = [];
  pushAll(
    warnings,
    forecast.warnings.map((warning): Diagnostic => ({ ...warning, where })),
  );
  if (periodEnd !== null && periodEnd < referencePeriod.end) {
    warnings.push({
      severity: "info",
      message: `The demand forecast starts after the budget period end (${formatDate(periodEnd)}), so it gives no outturn for this year.`,
      where,
    });
  } else if (periodEnd !== null && periodEnd > referencePeriod.end) {
    warnings.push({
      severity: "info",
      message: `The 903 data ends on ${formatDate(referencePeriod.end)}, ${periodEnd - referencePeriod.end} days before the budget period end: the rest of this year is costed from projected children, not known ones.`,
      where,
    });
  }
  const unpriced = figures.unpriced.map((category) => CATEGORY_LABELS[category]);
  if (unpriced.length > 0) {
    warnings.push({
      severity: "warning",
      message: `No weekly cost for ${unpriced.join(", ")}, which the demand forecast has children in: ${unpriced.length === 1 ? "its cost is" : "their costs are"} 0 until one is entered on the Cost forecast sheet.`,
      where: `sheet '${context.sheetName("demandCost")}'`,
    });
  }

  const options = demand.options ?? {};
  const forecastSheet = buildDemandForecastSheet({ name: context.sheetName("demandForecast"), forecast });
  const costSheet = buildDemandCostSheet({
    name: context.sheetName("demandCost"),
    forecast,
    categories,
    demand,
    cost,
    periodEnd,
    restOfYear,
  });
  const scenariosSheet = buildScenariosSheet({
    name: context.sheetName("demandScenarios"),
    forecast,
    options,
    costSheet,
  });
  return {
    sheets: [forecastSheet, costSheet.sheet, scenariosSheet],
    names: [],
    warnings,
    forecast,
  };
}
