/**
 * The data file against the DfE's own tables: LAC.RATE over the published count and population gives
 * the published rate, and every figure the DfE left out is "not published" with its code, never 0.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { benchmarkIndex, checkBenchmarkData } from "../../../src/core/benchmarks";
import { rate } from "../../../src/functions/functions";
import { parseCsv } from "../../../src/sources/csv";

const ROOT = path.resolve(__dirname, "../../..");
const DATA = checkBenchmarkData(JSON.parse(readFileSync(path.join(ROOT, "assets/data/benchmarks-v1.json"), "utf8")));
const index = benchmarkIndex(DATA);

const PAIRS: [string, string][] = [
  ["count", "rate"],
  ["starters", "starters_rate"],
  ["ceased", "ceased_rate"],
];

/** The source of a measure's figures for a year. */
function sourceOf(measure: string, year: number): string | undefined {
  return DATA.measures[measure].sources.find((s) => s.from <= year && year <= s.to)?.source;
}

interface Comparison {
  what: string;
  level: string;
  computed: number;
  published: number;
  population: number;
}

/** Every area and year where the count, its rate and the population come from the same DfE table. */
function comparisons(): Comparison[] {
  const out: Comparison[] = [];
  const { first, last } = DATA.measures.population;
  for (const [countMeasure, rateMeasure] of PAIRS) {
    for (let year = first; year <= last; year += 1) {
      const source = sourceOf("population", year);
      if (sourceOf(countMeasure, year) !== source || sourceOf(rateMeasure, year) !== source) continue;
      for (const code of Object.keys(DATA.areas)) {
        const count = index.figure(code, countMeasure, year);
        const published = index.figure(code, rateMeasure, year);
        const population = index.figure(code, "population", year);
        if (!count.published || !published.published || !population.published) continue;
        const computed = rate([[count.value]], [[population.value]])[0][0] as number;
        out.push({ what: `${DATA.areas[code].name} ${rateMeasure} ${year}`, level: DATA.areas[code].level, computed, published: published.value, population: population.value });
      }
    }
  }
  return out;
}

describe("published rates per 10,000", () => {
  const all = comparisons();

  it("covers every council, region and England for 2019 and 2021-2025", () => {
    expect(all.filter((c) => c.level === "la").length).toBeGreaterThan(2_600);
    expect(all.filter((c) => c.level === "england")).toHaveLength(3 * 6);
    expect(all.filter((c) => c.level === "region")).toHaveLength(3 * 6 * 11);
  });

  it("LAC.RATE over the published count and population gives every council's and England's rate, rounded", () => {
    const wrong = all.filter((c) => c.level !== "region" && Math.round(c.computed) !== c.published);
    expect(wrong).toEqual([]);
  });

  it("gives every region's rate within the DfE's rounding of regional counts to the nearest 10", () => {
    // A count off by up to 5 moves the rate by 5 / population x 10,000; the rate itself is rounded by 0.5.
    const wrong = all.filter((c) => c.level === "region" && Math.abs(c.computed - c.published) > (5 / c.population) * 10_000 + 0.5);
    expect(wrong).toEqual([]);
  });

  it("Sefton 2024: 581 children, 107 per 10,000 (54,154 children aged 0-17)", () => {
    const sefton = all.find((c) => c.what === "Sefton rate 2024");
    expect(sefton).toMatchObject({ published: 107, population: 54_154 });
    expect(sefton?.computed).toBeCloseTo((581 / 54_154) * 10_000, 10);
  });
});

describe("figures the DfE did not publish", () => {
  it("are not published, with the table's own code, wherever the 2025 release has a code for a count or rate", () => {
    const records = parseCsv(readFileSync(path.join(ROOT, "data/sources/dfe-cla-2025/cla_number_and_rate_per_10k_children.csv"), "utf8"));
    const header = records[0];
    const col = (name: string): number => header.indexOf(name);
    const measureOf: Record<string, [string, string]> = {
      "Children looked after on 31 March each year": ["count", "rate"],
      "Children starting to be looked after each year": ["starters", "starters_rate"],
      "Children ceasing to be looked after each year": ["ceased", "ceased_rate"],
    };
    let checked = 0;
    for (const row of records.slice(1)) {
      if (row[col("geographic_level")] !== "Local authority") continue;
      const [countMeasure, rateMeasure] = measureOf[row[col("population_type")]];
      const year = Number(row[col("time_period")]);
      const area = index.resolveArea(row[col("new_la_code")]).code;
      for (const [measure, text] of [
        [countMeasure, row[col("children_count")]],
        [rateMeasure, row[col("rate_per_10000")]],
      ]) {
        if (/^\d+$/.test(text)) continue;
        expect({ measure, area, year, figure: index.figure(area, measure, year) }).toEqual({
          measure,
          area,
          year,
          figure: { published: false, reasonCode: text, reason: expect.any(String) as string },
        });
        checked += 1;
      }
    }
    // Cumbria and Northamptonshire after they were abolished ("z"), and the two "c" rows.
    expect(checked).toBeGreaterThan(20);
  });
});
