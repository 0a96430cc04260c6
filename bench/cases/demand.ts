/**
 * The demand model at the size issue 6 names: 150,000 children's 903 histories (synthetic, drawn from
 * a council like the published strategy's scaled up about 42 times: some 25,000 in care at once; each episode split
 * in three by legal status changes, as real files have them: about 600,000 episodes), fitted over three
 * years, projected day by day to 31 March three financial years on, costed by category and financial
 * year with this year's outturn beside the budget; and the same with a scenario alongside.
 */
import { PLACEMENT_CATEGORIES, type PlacementCategory } from "../../src/core/categories";
import type { Episode } from "../../src/core/careHistory";
import { parseDate } from "../../src/core/dates";
import { type DemandForecastInput, forecastDemand } from "../../src/core/demand/forecast";
import { simulateCareHistories, typicalCouncilRates } from "../../tools/synthetic/demand";
import type { BenchCase } from "../types";

const CHILDREN = 150_000;
const YEARS_SIMULATED = 20;
/** The published strategy's council has about 180 starters a year. */
const STARTERS_A_YEAR = 180;
const referenceEnd = parseDate("31/01/2025") as number;

function setup(): { input: Omit<DemandForecastInput, "scenario">; children: number; episodes: number } {
  const scale = CHILDREN / (STARTERS_A_YEAR * YEARS_SIMULATED);
  const { history } = simulateCareHistories({
    seed: 6,
    firstDay: referenceEnd - Math.round(YEARS_SIMULATED * 365.25) + 1,
    lastDay: referenceEnd,
    ...typicalCouncilRates(scale),
    inHouseFosteringShare: 0.6,
  });
  const weeklyCostGbp: Partial<Record<PlacementCategory, number>> = Object.fromEntries(
    PLACEMENT_CATEGORIES.map((c) => [c, 500]),
  );
  Object.assign(weeklyCostGbp, { residential: 4528, inHouseFostering: 241, ifa: 798, supported: 1062 });
  const upliftRates = Object.fromEntries(PLACEMENT_CATEGORIES.map((c) => [c, [0.05, 0.05, 0.05]]));
  // Real 903 files record a new episode for every change of legal status too: about three or four
  // episodes a child. Split each synthetic episode in three (RNE "L") so the fit reads as many.
  const children = history.children.map((child) => ({ ...child, episodes: child.episodes.flatMap(inThree) }));
  return {
    input: {
      history: { ...history, children },
      referencePeriod: { start: referenceEnd - 3 * 365 + 1, end: referenceEnd },
      cost: { weeklyCostGbp, priceYear: 2024, upliftRates },
      outturn: {
        periodEnd: referenceEnd,
        lines: (["residential", "inHouseFostering", "ifa", "supported"] as PlacementCategory[]).map((category) => ({
          category,
          budgetGbp: 100_000_000,
          actualToDateGbp: 80_000_000,
          placements: null,
        })),
      },
    },
    children: children.length,
    episodes: children.reduce((sum, child) => sum + child.episodes.length, 0),
  };
}

function inThree(episode: Episode): Episode[] {
  const end = episode.end ?? referenceEnd;
  const third = Math.floor((end - episode.start) / 3);
  if (third < 1) return [episode];
  const first = episode.start + third;
  const second = first + third;
  return [
    { ...episode, end: first, rec: "X1" },
    { ...episode, start: first, end: second, rne: "L", ls: "C1", rec: "X1" },
    { ...episode, start: second, rne: "L", ls: "C2" },
  ];
}

const base: BenchCase<ReturnType<typeof setup>> = {
  name: "demand-150k-children-fit-project-cost",
  issue: 6,
  target: { medianMs: 5_000 },
  setup,
  run: ({ input, children, episodes }) => {
    const forecast = forecastDemand(input);
    const projection = forecast.base.projection;
    return {
      children,
      episodes,
      inCareAtStart: Math.round(projection.aggregates[0].mean[0]),
      inCareAtEnd: Math.round(projection.aggregates[0].mean[projection.days]),
      days: projection.days,
      financialYears: forecast.base.cost.years.length,
    };
  },
};

const withScenario: BenchCase<ReturnType<typeof setup>> = {
  name: "demand-150k-children-with-scenario",
  issue: 6,
  target: { medianMs: 5_000 },
  setup,
  run: ({ input }) => {
    const forecast = forecastDemand({
      ...input,
      scenario: {
        name: "10% fewer entries, 8 step-downs a month",
        adjustments: [
          { type: "entries", multiply: 0.9 },
          { type: "moves", from: "residential", to: "fostering", perMonth: 8 },
        ],
      },
    });
    return { firstYearDifferenceGbp: Math.round(forecast.scenario?.comparison[0].differenceGbp ?? 0) };
  },
};

export const cases: BenchCase[] = [base as BenchCase, withScenario as BenchCase];
