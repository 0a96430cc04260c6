/**
 * The demand model on histories small enough to work by hand: every expected figure below is
 * derived in the comments from the children's episodes, not read off the code's output.
 */
import { fitDemandModel } from "../../../src/core/demand/fit";
import { type DemandRates, projectDemand } from "../../../src/core/demand/project";
import {
  bandIndexOf,
  DEMAND_AGGREGATES,
  groupIndexOf,
  STATE_COUNT,
  stateIndex,
  TOTAL_KEY,
} from "../../../src/core/demand/states";
import { LacError } from "../../../src/core/errors";
import { child, day, episode, history } from "./histories";

const fostering = groupIndexOf("fostering");
const residential = groupIndexOf("residential");
const supported = groupIndexOf("supported");

function totalOf(projection: ReturnType<typeof projectDemand>) {
  const total = projection.aggregates.find((a) => a.key === TOTAL_KEY);
  if (!total) throw new Error("no total");
  return total;
}

describe("two states, worked by hand", () => {
  // Four 12-year-olds in foster care; on 1 March 2024 one moves to a children's home, on 2 March
  // another leaves care. Reference period 1-4 March 2024 (4 days).
  const A = stateIndex(fostering, bandIndexOf("10to15"));
  const B = stateIndex(residential, bandIndexOf("10to15"));
  const data = history(
    child(
      "c1",
      "01/01/2012",
      episode("01/01/2023", "01/03/2024", "U4", { rec: "X1" }),
      episode("01/03/2024", null, "K2", { rne: "P" }),
    ),
    child("c2", "01/01/2012", episode("01/01/2023", "02/03/2024", "U4")),
    child("c3", "01/01/2012", episode("01/01/2023", null, "U4")),
    child("c4", "01/01/2012", episode("01/01/2023", null, "U4")),
  );
  const model = fitDemandModel(data, { start: day("01/03/2024"), end: day("04/03/2024") });

  it("fits the mean daily rates over the days with children the day before", () => {
    // Fostering had 4, 3, 2, 2 children on the days before 1-4 March: 1 move of 4 on day 1, 1 exit of 3 on day 2.
    expect(model.transitionRates[A * STATE_COUNT + B]).toBeCloseTo((1 / 4 + 0 + 0 + 0) / 4, 15);
    expect(model.exitRates[A]).toBeCloseTo((0 + 1 / 3 + 0 + 0) / 4, 15);
    // Residential had a child only from 1 March: three days, nothing happened.
    expect(model.exitRates[B]).toBe(0);
    expect(model.transitionRates.reduce((sum, rate) => sum + rate, 0)).toBeCloseTo(1 / 16, 15);
    expect(Array.from(model.entryRates).every((rate) => rate === 0)).toBe(true);
  });

  it("counts the children, moves and days behind the rates", () => {
    expect(model.populationAtEnd[A]).toBe(2);
    expect(model.populationAtEnd[B]).toBe(1);
    expect(model.counts.transitions[A * STATE_COUNT + B]).toBe(1);
    expect(model.counts.exits[A]).toBe(1);
    // Fostering days in 1-4 March: c2 one (1 March), c3 and c4 four each; residential: c1 four.
    expect(model.counts.childDays[A]).toBe(9);
    expect(model.counts.childDays[B]).toBe(4);
  });

  it("projects two days: each foster child stays with 41/48, moves with 3/48, leaves with 4/48 a day", () => {
    const projection = projectDemand(model, { date: model.referencePeriod.end, population: model.populationAtEnd }, 2, {
      aggregates: DEMAND_AGGREGATES,
      rateUncertainty: false,
    });
    const stay = 41 / 48;
    const move = 3 / 48;
    const leave = 4 / 48;
    const at = (t: number, s: number) => projection.mean[t * STATE_COUNT + s];
    const varianceAt = (t: number, s: number) => projection.variance[t * STATE_COUNT + s];
    expect(at(1, A)).toBeCloseTo(2 * stay, 12);
    expect(at(1, B)).toBeCloseTo(1 + 2 * move, 12);
    expect(at(2, A)).toBeCloseTo(2 * stay * stay, 12);
    // Each of the two foster children is in residential after two days with probability q.
    const q = move + stay * move;
    expect(at(2, B)).toBeCloseTo(1 + 2 * q, 12);
    // Independent children: binomial variances; the residential child is certain.
    expect(varianceAt(1, A)).toBeCloseTo(2 * stay * (1 - stay), 12);
    expect(varianceAt(2, A)).toBeCloseTo(2 * stay ** 2 * (1 - stay ** 2), 12);
    expect(varianceAt(2, B)).toBeCloseTo(2 * q * (1 - q), 12);
    // All children: a foster child is still in care after two days with probability r.
    const r = 1 - (leave + stay * leave);
    const total = totalOf(projection);
    expect(total.mean[2]).toBeCloseTo(1 + 2 * r, 12);
    expect(total.variance[1]).toBeCloseTo(2 * (1 - leave) * leave, 12);
    expect(total.variance[2]).toBeCloseTo(2 * r * (1 - r), 12);
  });
});

describe("entries only", () => {
  // Five children aged 2-3 come into foster care over 1-10 April 2024 and stay.
  const S = stateIndex(fostering, bandIndexOf("1to4"));
  const data = history(
    ...["01/04/2024", "03/04/2024", "03/04/2024", "07/04/2024", "10/04/2024"].map((start, i) =>
      child(`e${i}`, "01/06/2021", episode(start, null, "U6")),
    ),
  );
  const model = fitDemandModel(data, { start: day("01/04/2024"), end: day("10/04/2024") });

  it("has an entry rate of entrants over the days of the period, 5 / 10", () => {
    expect(model.entryRates[S]).toBe(0.5);
    expect(model.counts.entries[S]).toBe(5);
    expect(model.entryRates.reduce((sum, rate) => sum + rate, 0)).toBe(0.5);
    expect(model.exitRates[S]).toBe(0);
  });

  it("projects Poisson arrivals: mean and variance both grow by the entry rate a day", () => {
    const projection = projectDemand(model, { date: day("10/04/2024"), population: model.populationAtEnd }, 4, {
      rateUncertainty: false,
    });
    for (let t = 0; t <= 4; t += 1) {
      expect(projection.mean[t * STATE_COUNT + S]).toBeCloseTo(5 + 0.5 * t, 12);
      expect(projection.variance[t * STATE_COUNT + S]).toBeCloseTo(0.5 * t, 12);
    }
  });

  it("adds the uncertainty of the rate: 5 entrants in 10 days estimate 0.5 a day with variance 0.5 / 10", () => {
    expect(model.rateVariances?.entryRates[S]).toBeCloseTo(0.05, 15);
    // t days of arrivals at a rate off by e are off by t e children: variance t^2 x 0.05.
    const projection = projectDemand(model, { date: day("10/04/2024"), population: model.populationAtEnd }, 4);
    for (let t = 0; t <= 4; t += 1)
      expect(projection.variance[t * STATE_COUNT + S]).toBeCloseTo(0.5 * t + 0.05 * t * t, 12);
  });
});

describe("exits only", () => {
  // Ten 16-year-olds in supported accommodation; one leaves on 1 May 2024 (10 there the day before),
  // one on 3 May (9 there the day before). Reference period 1-5 May 2024.
  const S = stateIndex(supported, bandIndexOf("16plus"));
  const leavers = ["01/05/2024", "03/05/2024"];
  const data = history(
    ...Array.from({ length: 10 }, (_, i) =>
      child(`x${i}`, "01/09/2007", episode("01/01/2024", leavers[i] ?? null, "H5")),
    ),
  );
  const model = fitDemandModel(data, { start: day("01/05/2024"), end: day("05/05/2024") });
  const rate = (1 / 10 + 1 / 9) / 5;

  it("has the mean daily exit rate", () => {
    expect(model.exitRates[S]).toBeCloseTo(rate, 15);
    expect(model.counts.exits[S]).toBe(2);
    expect(model.populationAtEnd[S]).toBe(8);
  });

  it("projects each child staying with (1 - rate) a day: binomial mean and variance after 30 days", () => {
    const projection = projectDemand(model, { date: day("05/05/2024"), population: model.populationAtEnd }, 30, {
      rateUncertainty: false,
    });
    const stay = (1 - rate) ** 30;
    expect(projection.mean[30 * STATE_COUNT + S]).toBeCloseTo(8 * stay, 12);
    expect(projection.variance[30 * STATE_COUNT + S]).toBeCloseTo(8 * stay * (1 - stay), 12);
  });

  it("adds the uncertainty of the rate, carried by d(8 (1 - r)^30)/dr = -8 x 30 (1 - r)^29", () => {
    // Children the day before 1-5 May: 10, 9, 9, 8, 8; each day's share leaving has variance r (1 - r) / that.
    const rateVariance = (rate * (1 - rate) * (1 / 10 + 1 / 9 + 1 / 9 + 1 / 8 + 1 / 8)) / 25;
    expect(model.rateVariances?.exitRates[S]).toBeCloseTo(rateVariance, 15);
    const projection = projectDemand(model, { date: day("05/05/2024"), population: model.populationAtEnd }, 30);
    const stay = (1 - rate) ** 30;
    const sensitivity = 8 * 30 * (1 - rate) ** 29;
    expect(projection.variance[30 * STATE_COUNT + S]).toBeCloseTo(
      8 * stay * (1 - stay) + rateVariance * sensitivity ** 2,
      12,
    );
  });
});

describe("ageing across a band edge", () => {
  const younger = stateIndex(fostering, bandIndexOf("5to9"));
  const older = stateIndex(fostering, bandIndexOf("10to15"));

  it("moves a child to the next band on their birthday, counted as a transition", () => {
    // c1 turns 10 on 5 June 2024; c2 is 8. Both in foster care all of 1-10 June 2024.
    const data = history(
      child("c1", "05/06/2014", episode("01/01/2020", null, "U4")),
      child("c2", "01/01/2016", episode("01/01/2020", null, "U4")),
    );
    const model = fitDemandModel(data, { start: day("01/06/2024"), end: day("10/06/2024") });
    // 5-9 had children the day before every day of the period; one of 2 aged out on 5 June.
    expect(model.transitionRates[younger * STATE_COUNT + older]).toBeCloseTo(1 / 2 / 10, 15);
    expect(model.counts.transitions[younger * STATE_COUNT + older]).toBe(1);
    expect(model.counts.childDays[younger]).toBe(4 + 10);
    expect(model.counts.childDays[older]).toBe(6);
    expect(model.populationAtEnd[younger]).toBe(1);
    expect(model.populationAtEnd[older]).toBe(1);
    const projection = projectDemand(model, { date: day("10/06/2024"), population: model.populationAtEnd }, 1);
    expect(projection.mean[STATE_COUNT + older]).toBeCloseTo(1 + 0.05, 12);
  });

  it("turns a child born on 29 February over on 1 March in a year without one", () => {
    // Born 29 February 2000: 10 on 1 March 2010. 5-9 had the child the day before 25, 26, 27, 28 February
    // and 1 March: one move in five days. (Were the birthday 28 February, it would be one in four.)
    const data = history(child("leap", "29/02/2000", episode("01/01/2009", null, "U4")));
    const model = fitDemandModel(data, { start: day("25/02/2010"), end: day("05/03/2010") });
    expect(model.transitionRates[younger * STATE_COUNT + older]).toBeCloseTo(1 / 5, 15);
    expect(model.counts.childDays[younger]).toBe(4);
  });
});

describe("a single Bernoulli step", () => {
  const rates = (labels: string[], transitions: number[], exits: number[]): DemandRates => ({
    stateLabels: labels,
    transitionRates: Float64Array.from(transitions),
    exitRates: Float64Array.from(exits),
    entryRates: new Float64Array(labels.length),
    plannedMoves: [],
  });

  it("one child who leaves with probability 0.3: variance 0.3 x 0.7", () => {
    const projection = projectDemand(rates(["A"], [0], [0.3]), { date: 45000, population: [1] }, 1);
    expect(projection.mean[1]).toBeCloseTo(0.7, 15);
    expect(projection.variance[1]).toBeCloseTo(0.21, 15);
  });

  it("one child who moves with probability 0.3: each state varies, the total in care does not", () => {
    const projection = projectDemand(
      rates(["A", "B"], [0, 0.3, 0, 0], [0, 0]),
      { date: 45000, population: [1, 0] },
      1,
      {
        aggregates: [{ key: "all", states: [0, 1] }],
      },
    );
    expect(projection.variance[2]).toBeCloseTo(0.21, 15);
    expect(projection.variance[3]).toBeCloseTo(0.21, 15);
    expect(projection.aggregates[0].mean[1]).toBeCloseTo(1, 15);
    expect(projection.aggregates[0].variance[1]).toBeCloseTo(0, 15);
  });

  it("refuses rates that send more than every child out of a state", () => {
    expect(() =>
      projectDemand(rates(["A", "B"], [0, 0.7, 0, 0], [0.4, 0]), { date: 45000, population: [1, 0] }, 1),
    ).toThrow(new LacError("num", "the daily rates out of A add up to 1.1, more than every child in it (1)"));
  });
});

describe("what the fit leaves out, and says so", () => {
  it("leaves out short breaks and children without a date of birth", () => {
    const data = history(
      child("dobless", null, episode("01/01/2024", null, "U4")),
      child("breaks", "01/01/2015", episode("01/01/2024", "03/01/2024", "U4", { ls: "V3" })),
      child("kept", "01/01/2015", episode("01/01/2024", null, "U4")),
    );
    const model = fitDemandModel(data, { start: day("01/01/2024"), end: day("10/01/2024") });
    expect(model.excluded).toEqual({ childrenWithoutDob: 1, shortBreakEpisodes: 1 });
    expect(model.populationAtEnd.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(model.warnings.map((w) => w.message)).toContain(
      "1 children looked after in the reference period have no date of birth and are left out of the model.",
    );
  });

  it("warns when the reference period runs past the data", () => {
    const data = history(child("c", "01/01/2015", episode("01/01/2024", "01/02/2024", "U4")));
    const model = fitDemandModel(data, { start: day("01/01/2024"), end: day("31/03/2024") });
    expect(model.warnings[0].message).toMatch(
      /ends on 31\/03\/2024, after the latest date in the 903 data \(01\/02\/2024\)/,
    );
  });

  it("says when the period has no children at all", () => {
    const data = history(child("c", "01/01/2015", episode("01/01/2020", "01/02/2020", "U4")));
    expect(() => fitDemandModel(data, { start: day("01/01/2024"), end: day("31/03/2024") })).toThrow(
      /found none in the 903 data \(1 children\)/,
    );
  });
});
