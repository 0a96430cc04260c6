/**
 * The population aged 0-17 of each year for a chosen council, from the published data (ONS mid-year
 * estimates, as the DfE publishes them), so that the care sheets can give rates per 10,000 for every
 * year without the analyst looking the figures up. These are defaults: a figure the user typed on the
 * sheets, in the pane or in an assumptions file is laid over them afterwards and wins.
 *
 * For the year of 31 March Y the DfE divides by the ONS estimate for mid-(Y-1) (its 2025 rates use
 * mid-2024). Where the DfE published the population it used for a year, that figure is taken, so the
 * council's rates are worked on the same base as the published ones; otherwise the ONS estimate for
 * mid-(Y-1).
 */
import type { AreaRef, BenchmarkIndex } from "../core/benchmarks";
import type { Assumptions } from "./assumptions";
import type { Diagnostic } from "../core/diagnostics";

export interface PublishedPopulation {
  assumptions: Assumptions;
  warnings: Diagnostic[];
}

/** The population for the year of 31 March `year`, and where it came from; null when neither source has it. */
export function populationForYear(
  index: BenchmarkIndex,
  council: AreaRef,
  year: number,
): { value: number; source: string } | null {
  const used = index.figure(council.code, "population", year);
  if (used.published)
    return {
      value: used.value,
      source: `population the DfE used for its ${year} rates (ONS mid-${year - 1} estimate)`,
    };
  const ons = index.figure(council.code, "ons_population", year - 1);
  if (ons.published) return { value: ons.value, source: `ONS mid-${year - 1} estimate` };
  return null;
}

/** The assumptions with every year's population the user left blank filled from the published data. */
export function withPublishedPopulation(
  assumptions: Assumptions,
  index: BenchmarkIndex,
  council: AreaRef,
): PublishedPopulation {
  const { measures } = index.data;
  const first = Math.min(measures.population.first, measures.ons_population.first + 1);
  const last = Math.max(measures.population.last, measures.ons_population.last + 1);
  const byYear = { ...assumptions.populationByYear };
  const filled: number[] = [];
  for (let year = first; year <= last; year += 1) {
    if (byYear[year] !== undefined && byYear[year] !== null) continue;
    const found = populationForYear(index, council, year);
    if (found) {
      byYear[year] = found.value;
      filled.push(year);
    }
  }
  let population0to17 = assumptions.population0to17;
  const spendYear = assumptions.financialYear?.value;
  // The current population is that of the spend year's 31 March, or the latest published.
  const currentYear = spendYear ? spendYear + 1 : filled[filled.length - 1];
  const current =
    population0to17.value === null && currentYear !== undefined ? populationForYear(index, council, currentYear) : null;
  if (current)
    population0to17 = {
      value: current.value,
      source: `${council.name}: ${current.source}, published under the Open Government Licence v3.0`,
    };
  const warnings: Diagnostic[] = [];
  if (filled.length) {
    warnings.push({
      severity: "info",
      message: `Population aged 0-17 of ${council.name} (${council.code}) for the years to 31 March ${filled[0]}-${filled[filled.length - 1]} is the published one: the population the DfE used for its rates where it published it, otherwise the ONS mid-year estimate of the year before. A figure typed on the sheets or in an assumptions file is kept instead.`,
    });
  }
  return { assumptions: { ...assumptions, populationByYear: byYear, population0to17 }, warnings };
}
