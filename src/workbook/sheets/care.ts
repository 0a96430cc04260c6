/**
 * The care sheets, from SSDA903 episodes: In care, Starters and leavers, and Stability (seed 000 lines
 * 390-578). One column per year: each financial year the returns cover, headed by the year of its
 * 31 March as the DfE heads its tables, and the part of the latest year the data reach ("Jan-22").
 *
 * What is live and what is counted: the counts (children by age, placement, reason; the stability
 * numerators and denominators) are the engine's, counted from the episodes when the workbook is built,
 * because the episodes themselves are not copied into the workbook (they are personal data about
 * children, and a million rows would make it slow to open). Every figure made from the counts is a
 * formula: totals, percentages, rates per 10,000 on the population cells, so a population or comparator
 * typed in Excel recalculates at once. The population of each year and the comparator rows (region,
 * statistical neighbours, England) are input cells, filled from the Assumptions when given.
 */
import type { CareHistory } from "../../core/careHistory";
import { type PeriodMeasures, type ReportingPeriod, careMeasures, reportingPeriods } from "../../core/careMeasures";
import { DEFAULT_MOVE_COUNTING } from "../../core/codes903";
import { formatDate } from "../../core/dates";
import type { SheetContext, SheetsPart } from "../context";
import type { SheetSpec } from "../names";
import type { PlanWarning } from "../plan";
import { buildInCareSheet } from "./careInCare";
import { buildStabilitySheet } from "./careStability";
import { buildStartersLeaversSheet } from "./careStartersLeavers";
import { type CareSheetData, yearPopulation } from "./careTables";

export { CARE_COMPARATORS, DEFAULT_COMPARATOR_NAMES } from "./careTables";

export const CARE_SHEETS = [
  { key: "careInCare", name: "In care" },
  { key: "careStartersLeavers", name: "Starters and leavers" },
  { key: "careStability", name: "Stability" },
] as const satisfies readonly SheetSpec[];

/**
 * The care sheets for a 903 history. Call with the names of CARE_SHEETS resolved in the context. With
 * no usable episodes there are no sheets, and a warning says why.
 */
export function buildCareSheets(history: CareHistory, context: SheetContext): SheetsPart {
  const where = `sheet '${context.sheetName("careInCare")}'`;
  const periods = reportingPeriods(history);
  if (periods.length === 0) {
    return { sheets: [], names: [], warnings: [{ severity: "warning", message: "The 903 data has no episodes, so there are no In care, Starters and leavers or Stability sheets.", where }] };
  }
  const moves = context.assumptions.stabilityMoves ?? DEFAULT_MOVE_COUNTING;
  const measures = careMeasures(
    history,
    periods.map((p) => p.period),
    { moves, population: periods.map((p, i) => populationFor(context, p, i === periods.length - 1)) },
  );
  const data: CareSheetData = { periods, measures, context };
  const inCare = buildInCareSheet(data, history);
  const startersLeavers = buildStartersLeaversSheet(data, inCare.population);
  const stability = buildStabilitySheet(data);
  return {
    sheets: [inCare.sheet, startersLeavers, stability],
    names: [],
    warnings: [...careWarnings(history, periods, measures, where)],
  };
}

/** The population for a period: its year's figure, or for the latest column the current one. */
function populationFor(context: SheetContext, period: ReportingPeriod, latest: boolean): number | null {
  return yearPopulation(context, period) ?? (latest ? context.assumptions.population0to17.value : null);
}

function careWarnings(history: CareHistory, periods: ReportingPeriod[], measures: PeriodMeasures[], where: string): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  if (history.issues.length) {
    const first = history.issues[0];
    warnings.push({
      severity: "warning",
      message: `${history.issues.length} row${history.issues.length === 1 ? "" : "s"} of the 903 data could not be used and ${history.issues.length === 1 ? "was" : "were"} left out (first: ${first.file}, row ${first.row}: ${first.reason}).`,
      where,
    });
  }
  if (measures.some((m) => m.population === null)) {
    const missing = periods.filter((_, i) => measures[i].population === null).map((p) => p.label);
    warnings.push({ severity: "info", message: `No population aged 0-17 is given for ${missing.join(", ")}: enter it on the In care sheet for rates per 10,000.`, where });
  }
  const unknownAge = measures[measures.length - 1].lookedAfter.ageUnknown;
  if (unknownAge > 0) {
    warnings.push({ severity: "warning", message: `${unknownAge} children looked after at the latest date have no date of birth in the 903 data: they are counted in the totals but in no age group.`, where });
  }
  const partial = periods.find((p) => !p.complete);
  if (partial) {
    warnings.push({ severity: "info", message: `The 903 data end on ${formatDate(partial.period.end)}: the ${partial.label} column counts to that date, not to 31 March.`, where });
  }
  return warnings;
}

