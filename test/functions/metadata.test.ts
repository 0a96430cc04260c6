/**
 * functions.json is what Excel reads to offer the LAC functions: it is generated from the JSDoc of
 * src/functions/functions.ts by the custom-functions metadata plugin during the production webpack
 * build. This test runs that build (the project's webpack.config.js in production mode, limited to the
 * functions entry, into a temporary folder) and checks every function is listed as documented.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import webpack from "webpack";

interface ParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}

interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: ParameterMetadata[];
  result: { dimensionality?: string; type?: string };
}

/** The interface of issue 2 (names and argument order), and the helpers' names as README documents them. */
const EXPECTED: Record<string, { parameters: string[]; optional: string[]; ranges: string[]; spills: boolean }> = {
  RATE: {
    parameters: ["count", "population", "per"],
    optional: ["per"],
    ranges: ["count", "population"],
    spills: true,
  },
  PROJECTION: {
    parameters: ["known_counts", "known_dates", "target_dates", "method"],
    optional: ["method"],
    ranges: ["known_counts", "known_dates", "target_dates"],
    spills: true,
  },
  UPLIFTCOST: {
    parameters: ["base", "rates", "years", "output"],
    optional: ["years", "output"],
    ranges: ["rates"],
    spills: true,
  },
  STABILITY: {
    parameters: ["episodes", "year_end", "measure", "moves", "output"],
    optional: ["measure", "moves", "output"],
    ranges: ["episodes"],
    spills: true,
  },
  EXTRACOST: {
    parameters: ["current_cost", "current_count", "projected_count"],
    optional: [],
    ranges: [],
    spills: false,
  },
  UNITCOST: {
    parameters: ["spend", "placements", "weeks_per_year", "fraction_of_year"],
    optional: ["fraction_of_year"],
    ranges: [],
    spills: false,
  },
  PERIOD: { parameters: ["dates"], optional: [], ranges: ["dates"], spills: true },
  RUNRATE: {
    parameters: ["actual_to_date", "periods_elapsed", "periods_in_year"],
    optional: ["periods_in_year"],
    ranges: [],
    spills: false,
  },
  COMMITMENT: {
    parameters: ["actual_to_date", "period_end", "weekly_costs", "end_dates", "year_end"],
    optional: ["year_end"],
    ranges: ["weekly_costs", "end_dates"],
    spills: false,
  },
  FLOWPROJECTION: {
    parameters: ["start_count", "populations", "starters_per_10k", "ceased_per_10k"],
    optional: [],
    ranges: ["populations"],
    spills: true,
  },
  TARGETREDUCTION: {
    parameters: ["current_count", "population", "target_per_10k"],
    optional: [],
    ranges: [],
    spills: false,
  },
  BENCHMARK: { parameters: ["area", "measure", "year", "group"], optional: ["group"], ranges: [], spills: false },
};

const ROOT = path.resolve(__dirname, "../..");

async function buildFunctions(outputPath: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS, loaded as webpack loads it
  const configure = require(path.join(ROOT, "webpack.config.js")) as (
    env: object,
    options: { mode: string },
  ) => Promise<webpack.Configuration>;
  const config = await configure({}, { mode: "production" });
  const entries = config.entry as Record<string, string>;
  const onlyFunctions: webpack.Configuration = {
    ...config,
    // The config's entries are relative to the project folder, where `npm run build` runs.
    context: ROOT,
    entry: { functions: entries.functions },
    output: { ...config.output, path: outputPath, clean: false },
    // The task pane's page and the copied assets do not concern functions.json.
    plugins: (config.plugins ?? []).filter((plugin) => plugin?.constructor.name === "CustomFunctionsMetadataPlugin"),
  };
  await new Promise<void>((resolve, reject) => {
    webpack(onlyFunctions, (error, stats) => {
      if (error) reject(error);
      else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
      else resolve();
    });
  });
}

describe("functions.json from the production build", () => {
  let work: string;
  let functions: FunctionMetadata[];
  let bundle: string;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "lac-functions-build-"));
    await buildFunctions(work);
    functions = (
      JSON.parse(await readFile(path.join(work, "functions.json"), "utf8")) as { functions: FunctionMetadata[] }
    ).functions;
    bundle = await readFile(path.join(work, "functions.js"), "utf8");
  }, 180_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("lists exactly the LAC functions", () => {
    expect(functions.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))(
    "describes %s and every one of its parameters, in the agreed order",
    (id, expected) => {
      const metadata = functions.find((f) => f.id === id) as FunctionMetadata;
      expect(metadata.name).toBe(id);
      expect(metadata.description?.length ?? 0).toBeGreaterThan(30);
      expect(metadata.parameters.map((p) => p.name)).toEqual(expected.parameters);
      for (const parameter of metadata.parameters) {
        expect({ parameter: parameter.name, described: (parameter.description?.length ?? 0) > 10 }).toEqual({
          parameter: parameter.name,
          described: true,
        });
      }
      expect(metadata.parameters.filter((p) => p.optional).map((p) => p.name)).toEqual(expected.optional);
      expect(metadata.parameters.filter((p) => p.dimensionality === "matrix").map((p) => p.name)).toEqual(
        expected.ranges,
      );
      expect(metadata.result.dimensionality === "matrix").toBe(expected.spills);
    },
  );

  it("binds every function in the bundle (the plugin's loader adds the associate calls)", () => {
    for (const id of Object.keys(EXPECTED)) expect(bundle).toMatch(new RegExp(`associate\\(\\s*["']${id}["']`));
  });
});
