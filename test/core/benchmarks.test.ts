/**
 * The benchmark lookup over the committed data file, against figures read from the DfE's tables.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  benchmarkIndex,
  checkBenchmarkData,
  type BenchmarkIndex,
  type BenchmarkResult,
} from "../../src/core/benchmarks";
import { LacError } from "../../src/core/errors";

const DATA = checkBenchmarkData(
  JSON.parse(readFileSync(path.resolve(__dirname, "../../assets/data/benchmarks-v1.json"), "utf8")),
);
const index: BenchmarkIndex = benchmarkIndex(DATA);

function value(result: BenchmarkResult): number {
  if (!result.published) throw new Error(`expected a published figure, found: ${result.reason}`);
  return result.value;
}

function lacError(run: () => unknown): LacError {
  try {
    run();
  } catch (error) {
    if (error instanceof LacError) return error;
    throw error;
  }
  throw new Error("expected a LacError");
}

describe("finding an area", () => {
  it.each([["Sefton"], ["sefton"], [" SEFTON "], ["E08000014"], ["e08000014"], ["343"], [343]])(
    "finds Sefton from %p",
    (query) => {
      expect(index.resolveArea(query).code).toBe("E08000014");
    },
  );

  it.each([["Bristol, City of"], ["City of Bristol"], ["bristol city of"], ["Bristol"], ["801"]])(
    "finds Bristol from %p",
    (query) => {
      expect(index.resolveArea(query).name).toBe("Bristol, City of");
    },
  );

  it("finds regions, England, and a council under its earlier E-code", () => {
    expect(index.resolveArea("North West").code).toBe("E12000002");
    expect(index.resolveArea("Yorkshire and the Humber").code).toBe("E12000003");
    expect(index.resolveArea("London (Inner)").code).toBe("E13000001");
    expect(index.resolveArea("england").code).toBe("E92000001");
    expect(index.resolveArea("970").code).toBe("E92000001");
    // North Yorkshire became a unitary council in 2023 (E10000023 -> E06000065), LA number 815 kept.
    expect(index.resolveArea("E10000023").code).toBe("E06000065");
  });

  it("takes today's Dorset for the name both councils had, and the old one by its code", () => {
    expect(index.resolveArea("Dorset").code).toBe("E06000059");
    expect(index.resolveArea("835").code).toBe("E10000009");
  });

  it("says what it expected for an unknown area", () => {
    const error = lacError(() => index.resolveArea("Sefton Park"));
    expect(error.code).toBe("value");
    expect(error.message).toContain('"Sefton Park"');
    expect(lacError(() => index.resolveArea("")).message).toContain("found nothing");
  });
});

describe("looking up a published figure", () => {
  it("gives Sefton's published figures: 2025 rate 92; 2024 581 children, 107 per 10,000", () => {
    expect(value(index.lookup("Sefton", "rate", 2025))).toBe(92);
    expect(value(index.lookup("Sefton", "count", 2024))).toBe(581);
    expect(value(index.lookup("Sefton", "rate", 2024))).toBe(107);
    // The population the DfE used for the 2024 rate is the ONS estimate for mid-2023.
    expect(value(index.lookup("Sefton", "population", 2024))).toBe(54154);
    expect(value(index.lookup("Sefton", "ons_population", 2023))).toBe(54154);
  });

  it("gives the region (London for a London borough) and England", () => {
    const region = index.lookup("Sefton", "rate", 2025, "region");
    expect(region.of.name).toBe("North West");
    expect(value(region)).toBe(90);
    expect(value(index.lookup("Sefton", "rate", 2025, "england"))).toBe(67);
    expect(index.lookup("Camden", "rate", 2025, "region").of.code).toBe("E12000007");
  });

  it("reads Section 251 unit costs by the year of their 31 March (2024-25 = 2025)", () => {
    expect(value(index.lookup("Sefton", "unit_cost_fostering", 2025))).toBe(800);
    expect(value(index.lookup("Sefton", "unit_cost_fostering", 2017))).toBe(470);
    expect(value(index.lookup("England", "unit_cost_residential", 2025))).toBe(7385);
  });

  it("says a suppressed figure was not published, with the DfE's reason, never 0", () => {
    const london = index.lookup("City of London", "count", 2025);
    expect(london).toMatchObject({ published: false, reasonCode: "c" });
    expect(london.published ? "" : london.reason).toContain("suppressed");
    expect(index.lookup("Cumbria", "count", 2025)).toMatchObject({ published: false, reasonCode: "z" });
    expect(index.lookup("Rutland", "stability_short", 2025)).toMatchObject({ published: false, reasonCode: "c" });
    expect(index.lookup("Sefton", "mix_other_residential", 2024)).toMatchObject({ published: false, reasonCode: "-" });
    expect(index.lookup("Sefton", "rate", 2010)).toMatchObject({ published: false, reasonCode: "missing" });
  });

  it("rejects an unknown measure or a group that does not apply", () => {
    expect(lacError(() => index.lookup("Sefton", "rates", 2025)).message).toContain("expected one of");
    expect(lacError(() => index.lookup("North West", "rate", 2025, "neighbours")).message).toContain("not a council");
    expect(lacError(() => index.lookup("England", "rate", 2025, "region")).code).toBe("value");
  });
});

describe("statistical neighbours (2025 model)", () => {
  it("Sefton, rate 2025: mean and median of the ten, checked by hand", () => {
    // Wirral 103, St. Helens 117, Wigan 91, Lancashire 65, Halton 132, County Durham 118,
    // Stockton-on-Tees 125, Knowsley 90, Darlington 117, Bury 82.
    // Sum 1,040 / 10 = 104.0. Sorted: 65 82 90 91 103 | 117 117 118 125 132: median (103 + 117) / 2 = 110.
    const mean = index.lookup("Sefton", "rate", 2025, "neighbours");
    expect(value(mean)).toBeCloseTo(104, 10);
    expect(mean.neighbours?.used).toBe(10);
    expect(mean.neighbours?.list.map((n) => n.area.name)).toEqual([
      "Wirral",
      "St. Helens",
      "Wigan",
      "Lancashire",
      "Halton",
      "County Durham",
      "Stockton-on-Tees",
      "Knowsley",
      "Darlington",
      "Bury",
    ]);
    expect(mean.neighbours?.list[0].band).toBe("Very close");
    expect(value(index.lookup("Sefton", "rate", 2025, "neighbours_median"))).toBe(110);
  });

  it("Halton, rate 2024: mean and median of the ten, checked by hand", () => {
    // St. Helens 131, County Durham 121, Wirral 116, Sunderland 94, Redcar and Cleveland 152,
    // Barnsley 79, Gateshead 132, Rotherham 86, Stockton-on-Tees 131, Sefton 107.
    // Sum 1,149 / 10 = 114.9. Sorted: 79 86 94 107 116 | 121 131 131 132 152: median (116 + 121) / 2 = 118.5.
    expect(value(index.lookup("Halton", "rate", 2024, "neighbours"))).toBeCloseTo(114.9, 10);
    expect(value(index.lookup("Halton", "rate", 2024, "neighbours_median"))).toBe(118.5);
  });

  it("Kensington and Chelsea, residential unit cost 2024-25: a neighbour not published is left out of both", () => {
    // Hammersmith and Fulham 5,140, Camden 8,935, Lambeth 9,840, Westminster 6,150, Southwark 9,880,
    // Lewisham 16,815, Wandsworth not published ("-"), Islington 6,600, Barnet 9,205, Greenwich 6,995.
    // Nine published: sum 79,560 / 9 = 8,840. Sorted: 5140 6150 6600 6995 | 8935 | 9205 9840 9880 16815: median 8,935.
    const result = index.lookup("Kensington and Chelsea", "unit_cost_residential", 2025, "neighbours");
    expect(value(result)).toBeCloseTo(8840, 10);
    expect(result.neighbours?.used).toBe(9);
    expect(result.neighbours?.median).toBe(8935);
    const wandsworth = result.neighbours?.list.find((n) => n.area.name === "Wandsworth");
    expect(wandsworth?.figure).toMatchObject({ published: false, reasonCode: "-" });
  });

  it("keeps the 2021 model as an option, and says when a council has no neighbours", () => {
    const old = index.lookup("Sefton", "rate", 2025, "neighbours", "2021");
    expect(old.neighbours?.list).toHaveLength(10);
    expect(old.neighbours?.model).toBe("2021");
    expect(index.lookup("Cumbria", "rate", 2022, "neighbours")).toMatchObject({
      published: false,
      reasonCode: "missing",
    });
  });
});
