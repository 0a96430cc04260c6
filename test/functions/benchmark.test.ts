/**
 * LAC.BENCHMARK as Excel calls it: the data file is loaded once through the injectable loader (here
 * from disk; in Excel by fetch from the add-in's folder), the first call resolves once it has loaded,
 * and later calls answer at once.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { setBenchmarkLoader } from "../../src/functions/benchmarkData";
import { benchmark } from "../../src/functions/functions";
import { isCustomFunctionsError } from "../support/customFunctionsStub";

const FILE = path.resolve(__dirname, "../../assets/data/benchmarks-v1.json");
let loads = 0;

function fromDisk(): Promise<unknown> {
  loads += 1;
  return readFile(FILE, "utf8").then((text) => JSON.parse(text) as unknown);
}

function errorOf(value: unknown): CustomFunctions.Error {
  if (isCustomFunctionsError(value)) return value;
  throw new Error(`expected an error, found ${JSON.stringify(value)}`);
}

describe("LAC.BENCHMARK", () => {
  beforeAll(() => {
    setBenchmarkLoader(fromDisk);
  });

  it("waits for the data on the first call, loads it once, then answers synchronously", async () => {
    loads = 0;
    const first = benchmark("Sefton", "rate", 2025);
    const second = benchmark("Halton", "rate", 2024);
    expect(typeof (first as Promise<unknown>).then).toBe("function");
    expect(await first).toBe(92);
    expect(await second).toBe(137);
    expect(loads).toBe(1);
    expect(benchmark("Sefton", "count", 2024)).toBe(581);
    expect(benchmark("E08000014", "rate", 2024)).toBe(107);
    expect(benchmark(343, "rate", 2025, "england")).toBe(67);
    expect(benchmark("sefton", "rate", "2024-25", "region")).toBe(90);
    expect(benchmark("Sefton", "rate", 2025, "neighbours")).toBeCloseTo(104, 10);
    expect(benchmark("Sefton", "rate", 2025, "Neighbours_Median")).toBe(110);
    expect(benchmark("Sefton", "unit_cost_residential", 2025, null)).toBe(5995);
    expect(loads).toBe(1);
  });

  it("gives #N/A with the reason for a figure not published", () => {
    const error = errorOf(benchmark("City of London", "count", 2025));
    expect(error.code).toBe("#N/A");
    expect(error.message).toBe(
      "count of City of London for 2025 was not published: suppressed by the DfE to protect confidentiality (a small number).",
    );
    expect(errorOf(benchmark("Cumbria", "rate", 2025)).message).toContain("not applicable");
    expect(errorOf(benchmark("Sefton", "mix_fostering", 2016)).code).toBe("#N/A");
  });

  it("gives #VALUE! for an unknown area, measure, group or year", () => {
    const area = errorOf(benchmark("Seftonn", "rate", 2025));
    expect(area.code).toBe("#VALUE!");
    expect(area.message).toContain('"Seftonn"');
    const measure = errorOf(benchmark("Sefton", "rates", 2025));
    expect(measure.code).toBe("#VALUE!");
    expect(measure.message).toContain("unit_cost_fostering");
    expect(errorOf(benchmark("Sefton", "rate", 2025, "county")).code).toBe("#VALUE!");
    expect(errorOf(benchmark("Sefton", "rate", 2025.5)).code).toBe("#VALUE!");
    expect(errorOf(benchmark("Sefton", "", 2025)).message).toContain("blank");
  });
});

describe("LAC.BENCHMARK when the data cannot be loaded", () => {
  afterAll(() => {
    setBenchmarkLoader(fromDisk);
  });

  it("gives #N/A saying so, and tries again on the next call", async () => {
    let fail = true;
    setBenchmarkLoader(() => (fail ? Promise.reject(new Error("404 Not Found")) : fromDisk()));
    const error = errorOf(await benchmark("Sefton", "rate", 2025));
    expect(error.code).toBe("#N/A");
    expect(error.message).toContain("data/benchmarks-v1.json");
    expect(error.message).toContain("404 Not Found");
    fail = false;
    expect(await benchmark("Sefton", "rate", 2025)).toBe(92);
  });

  it("gives #VALUE! for a file that is not the benchmark data", async () => {
    setBenchmarkLoader(() => Promise.resolve({ format: "something else" }));
    const error = errorOf(await benchmark("Sefton", "rate", 2025));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("not a lac-sufficiency benchmarks file");
  });
});
