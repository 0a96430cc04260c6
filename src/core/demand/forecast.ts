/**
 * The whole demand forecast in one call, as the workbook builder, the command line and the benchmark
 * run it: fit the model to the reference period, project from its last day, cost by financial year,
 * put this year's outturn beside the budget, and do the same for a scenario.
 */
import type { CareHistory } from "../careHistory";
import { financialYearEnd, financialYearOf, formatDate } from "../dates";
import { LacError } from "../errors";
import type { Diagnostic } from "../diagnostics";
import {
  costByFinancialYear,
  costShares,
  type DemandCostAssumptions,
  type DemandCostForecast,
  forecastOutturn,
  type OutturnLine,
  type OutturnLineInput,
} from "./cost";
import { type DemandModel, fitDemandModel, type ReferencePeriod } from "./fit";
import { type DemandProjection, type DemandRates, projectDemand } from "./project";
import { applyScenario, compareScenario, type Scenario, type ScenarioYear } from "./scenario";
import { DEMAND_AGGREGATES } from "./states";
import { pushAll } from "../arrays";

/** How many financial years after the one it starts in a projection runs to, by default. */
export const DEFAULT_PROJECTION_YEARS = 3;

export interface DemandForecastInput {
  history: CareHistory;
  referencePeriod: ReferencePeriod;
  /** The date the 903 data are known to run to (see fitDemandModel); default the latest date in them. */
  dataEnd?: number;
  /** The last day to project (Excel serial); default 31 March DEFAULT_PROJECTION_YEARS financial years on. */
  projectTo?: number;
  cost: DemandCostAssumptions;
  /** The budget monitoring position: period end and lines, for the current year's outturn. */
  outturn?: { periodEnd: number; lines: OutturnLineInput[] };
  scenario?: Scenario;
}

export interface DemandRun {
  rates: DemandRates;
  projection: DemandProjection;
  cost: DemandCostForecast;
  outturn: OutturnLine[] | null;
}

export interface DemandForecast {
  model: DemandModel;
  /** Shares of each state's children by budget category used for the costs (the model's, or the user's). */
  shares: Float64Array;
  base: DemandRun;
  scenario: (DemandRun & { scenario: Scenario; comparison: ScenarioYear[] }) | null;
  warnings: Diagnostic[];
}

export function forecastDemand(input: DemandForecastInput): DemandForecast {
  const model = fitDemandModel(input.history, input.referencePeriod, input.dataEnd);
  const startDate = input.referencePeriod.end;
  const projectTo = input.projectTo ?? financialYearEnd(financialYearOf(startDate) + DEFAULT_PROJECTION_YEARS);
  if (projectTo <= startDate) {
    throw new LacError(
      "value",
      `expected a date to project to after the reference period's end (${formatDate(startDate)}), found ${formatDate(projectTo)}`,
    );
  }
  const shares = costShares(model.categoryShares, input.cost.shares);
  const warnings = [...model.warnings];

  const run = (rates: DemandRates): DemandRun => {
    const projection = projectDemand(
      rates,
      { date: startDate, population: model.populationAtEnd },
      projectTo - startDate,
      { aggregates: DEMAND_AGGREGATES },
    );
    const cost = costByFinancialYear(projection, shares, input.cost);
    const outturn = input.outturn
      ? forecastOutturn(projection, shares, input.cost, input.outturn.periodEnd, input.outturn.lines).lines
      : null;
    return { rates, projection, cost, outturn };
  };

  const base = run(model);
  pushAll(warnings, base.cost.warnings);
  let scenario: DemandForecast["scenario"] = null;
  if (input.scenario) {
    const adjusted = applyScenario(model, input.scenario);
    pushAll(warnings, adjusted.warnings);
    const scenarioRun = run(adjusted.rates);
    scenario = { ...scenarioRun, scenario: input.scenario, comparison: compareScenario(base, scenarioRun) };
  }
  return { model, shares, base, scenario, warnings: distinctMessages(warnings) };
}

/** The warnings with each message once (the base run and the scenario's may say the same), first kept. */
function distinctMessages(warnings: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    if (seen.has(warning.message)) return false;
    seen.add(warning.message);
    return true;
  });
}
