/**
 * The committed data file must be exactly what `npm run data` makes from the committed sources: a
 * clone can rebuild it, and nobody can edit a figure by hand without the test noticing.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { BenchmarkData } from "../../../src/core/benchmarks";
import { DATA_FILE, writeBenchmarks } from "../../../tools/data/build";
import { filterLait } from "../../../tools/data/filter-lait";

const ROOT = path.resolve(__dirname, "../../..");

describe("the benchmark data build", () => {
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "lac-data-build-"));
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("rebuilds the committed file byte for byte, twice", async () => {
    const first = path.join(work, "first.json");
    const second = path.join(work, "second.json");
    writeBenchmarks(ROOT, first);
    writeBenchmarks(ROOT, second);
    const committed = await readFile(path.join(ROOT, DATA_FILE));
    expect((await readFile(first)).equals(committed)).toBe(true);
    expect((await readFile(second)).equals(committed)).toBe(true);
  });

  it("keeps suppression codes, never 0, and takes each year from the newest release", async () => {
    const data = JSON.parse(await readFile(path.join(ROOT, DATA_FILE), "utf8")) as BenchmarkData;
    // City of London's count at 31 March 2025 and its rate are suppressed ("c") in the 2025 release.
    expect(data.values.count.E09000001[2025 - 2016]).toBe("c");
    expect(data.values.rate.E09000001[2025 - 2016]).toBe("c");
    // Rutland's short-term stability for 2025 too.
    expect(data.values.stability_short.E06000017[2025 - 2016]).toBe("c");
    // LAIT writes every gap as "-" (Sefton's children in other residential settings, 2020).
    expect(data.values.mix_other_residential.E08000014[0]).toBe("-");
    // Cumbria was abolished in 2023: "z" (not applicable) in the 2025 release's 2024 and 2025 columns.
    const cumbria = data.values.count.E10000006;
    expect(cumbria.slice(-2)).toEqual(["z", "z"]);
    // 2020: LAIT carries the 2024 release (Hartlepool 312), newer than the 2023 release's 311.
    expect(data.values.count.E06000001[2020 - 2016]).toBe(312);
    // 2019 from the 2023 release, with the population the DfE used.
    expect(data.measures.count.sources).toContainEqual({ from: 2019, to: 2019, source: "dfe-cla-2023" });
    expect(data.values.population.E08000014[0]).toBe(53012);
  });
});

describe("filtering the LAIT extract", () => {
  it("keeps the header and the rows of the measures the build reads, byte for byte and in order", () => {
    const full = [
      "Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region",
      "LeaveCareSupServTotExp,LAC Leaving care support services,2016-17,Barnet,774572,302,Outer London",
      'LACnum,Number of Looked after Children,2016,"Bristol, City of",600,801,South West',
      "UASC_%_Starting,,2020,Sefton,-,343,North West",
      "FosteringFinance,,2024-25 (OT),Sefton,800,343,North West",
      "",
    ].join("\n");
    expect(filterLait(full)).toBe(
      [
        "Short Desc,Data item,Years,LA and Regions,Values,LA Number,Region",
        'LACnum,Number of Looked after Children,2016,"Bristol, City of",600,801,South West',
        "FosteringFinance,,2024-25 (OT),Sefton,800,343,North West",
        "",
      ].join("\n"),
    );
  });

  it("left the committed LAIT file with only those measures", async () => {
    const text = await readFile(path.join(ROOT, "data/sources/lait/lait_cla_measures.csv"), "utf8");
    expect(filterLait(text)).toBe(text);
  });
});
