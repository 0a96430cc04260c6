/**
 * Back-test on synthetic histories drawn from known constant rates (tools/synthetic/demand.ts): the fitted
 * rates are within statistical error of the truth, and the 2-sigma band covers the path the same
 * simulation goes on to take about 95% of the time. Fixed seeds: the figures are the same every run.
 */
import { fitDemandModel } from "../../../src/core/demand/fit";
import { projectDemand } from "../../../src/core/demand/project";
import { BAND_COUNT, DEMAND_AGGREGATES, STATE_COUNT, STATE_LABELS } from "../../../src/core/demand/states";
import { simulateCareHistories, typicalCouncilRates } from "../../../tools/synthetic/demand";
import { day } from "./histories";

const n = STATE_COUNT;
const referenceEnd = day("31/03/2024");
const referenceDays = 3 * 365;
const referenceStart = referenceEnd - referenceDays + 1;
/** Long enough for care to fill up from nobody: a baby who comes into care can stay 18 years. */
const warmUpDays = 19 * 365;

describe("fitted rates against the true rates they were drawn from", () => {
  // A council five times the published strategy's size (about 3,000 children in care), three years of reference.
  const truth = typicalCouncilRates(5);
  const { history } = simulateCareHistories({
    seed: 20240331,
    firstDay: referenceStart - warmUpDays,
    lastDay: referenceEnd,
    ...truth,
    inHouseFosteringShare: 0.6,
  });
  const model = fitDemandModel(history, { start: referenceStart, end: referenceEnd });

  /** z = (fitted - true) / standard error, the error of a daily rate r over `childDays` days of exposure. */
  const zScores: { what: string; z: number }[] = [];
  for (let from = 0; from < n; from += 1) {
    const exposure = model.counts.childDays[from];
    if (exposure === 0) continue;
    for (let to = 0; to < n; to += 1) {
      const sameGroup = Math.floor(from / BAND_COUNT) === Math.floor(to / BAND_COUNT);
      const trueRate = truth.transitionRates[from * n + to];
      // Moves within a group are birthdays, whose rate the data sets, not the generator.
      if (sameGroup || trueRate === 0) continue;
      zScores.push({
        what: `${STATE_LABELS[from]} to ${STATE_LABELS[to]}`,
        z: (model.transitionRates[from * n + to] - trueRate) / Math.sqrt(trueRate / exposure),
      });
    }
    // 16+ exits include the 18th birthdays, which have no constant true rate.
    if (from % BAND_COUNT !== BAND_COUNT - 1 && truth.exitRates[from] > 0) {
      zScores.push({
        what: `${STATE_LABELS[from]} leaving care`,
        z: (model.exitRates[from] - truth.exitRates[from]) / Math.sqrt(truth.exitRates[from] / exposure),
      });
    }
  }
  for (let s = 0; s < n; s += 1) {
    const trueRate = truth.entryRates[s];
    if (trueRate > 0)
      zScores.push({
        what: `${STATE_LABELS[s]} entries`,
        z: (model.entryRates[s] - trueRate) / Math.sqrt(trueRate / referenceDays),
      });
  }

  it("has every rate within 4 standard errors of the truth", () => {
    expect(zScores.length).toBeGreaterThan(40);
    expect(zScores.filter(({ z }) => Math.abs(z) > 4)).toEqual([]);
  });

  it("has errors the size statistics expects: mean squared z near 1", () => {
    const meanSquare = zScores.reduce((sum, { z }) => sum + z * z, 0) / zScores.length;
    expect(meanSquare).toBeGreaterThan(0.5);
    expect(meanSquare).toBeLessThan(1.6);
  });

  it("has no rate where the truth has none, except birthdays", () => {
    for (let from = 0; from < n; from += 1) {
      for (let to = 0; to < n; to += 1) {
        const birthday = Math.floor(from / BAND_COUNT) === Math.floor(to / BAND_COUNT) && to === from + 1;
        if (!birthday && truth.transitionRates[from * n + to] === 0)
          expect(model.transitionRates[from * n + to]).toBe(0);
      }
    }
  });
});

describe("the band against the path the simulation actually took", () => {
  const seeds = Array.from({ length: 40 }, (_, i) => 1000 + i);
  const horizon = 365;
  const checkEvery = 30;
  let covered = 0;
  let checked = 0;
  for (const seed of seeds) {
    const { history, census } = simulateCareHistories({
      seed,
      firstDay: referenceStart - warmUpDays,
      lastDay: referenceEnd + horizon,
      ...typicalCouncilRates(1),
      inHouseFosteringShare: 0.6,
    });
    const model = fitDemandModel(history, { start: referenceStart, end: referenceEnd });
    const projection = projectDemand(model, { date: referenceEnd, population: model.populationAtEnd }, horizon, {
      aggregates: DEMAND_AGGREGATES,
    });
    const censusRow = (t: number) => (referenceEnd + t - (referenceStart - warmUpDays)) * n;
    for (let t = checkEvery; t <= horizon; t += checkEvery) {
      for (const aggregate of projection.aggregates) {
        const realised = aggregate.states.reduce((sum, s) => sum + census[censusRow(t) + s], 0);
        const half = 2 * Math.sqrt(aggregate.variance[t]);
        checked += 1;
        if (Math.abs(realised - aggregate.mean[t]) <= half) covered += 1;
      }
    }
  }
  const coverage = covered / checked;

  it(`covers the realised totals about 95% of the time (40 seeds, 10 totals, monthly for a year)`, () => {
    process.stdout.write(
      `demand back-test: 2-sigma band covered ${covered} of ${checked} realised totals (${(coverage * 100).toFixed(1)}%)\n`,
    );
    expect(checked).toBe(40 * 12 * 10);
    expect(coverage).toBeGreaterThan(0.92);
    expect(coverage).toBeLessThan(0.98);
  });
});
