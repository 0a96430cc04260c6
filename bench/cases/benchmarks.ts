/**
 * Issue 12's targets for the published benchmark data: the data file's size (raw and gzipped), the
 * time to load and parse it in the command line (read from disk) and in the add-in (fetched over
 * HTTP as the custom-functions runtime does, here from a local server), both under 150 ms, and
 * 10,000 LAC.BENCHMARK calls once loaded, under 50 ms. `npm run bench -- benchmark` runs only these.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { BENCHMARK_FILE, readBenchmarkFile } from "../../src/cli/benchmarkFile";
import { fetchFromAddinFolder, loadBenchmarks, setBenchmarkLoader } from "../../src/functions/benchmarkData";
import { benchmark } from "../../src/functions/functions";
// Not-published figures are Excel errors: the stub gives the runtime's Error class outside Excel.
import "../../test/support/customFunctionsStub";
import type { BenchCase } from "../types";

const file = (): string => path.join(process.cwd(), BENCHMARK_FILE);

const size: BenchCase<Buffer> = {
  name: "benchmark-data-file-size",
  issue: 12,
  runs: 1,
  setup: () => readFileSync(file()),
  run: (bytes) => ({
    rawKb: Math.round(bytes.length / 102.4) / 10,
    gzipKb: Math.round(gzipSync(bytes, { level: 9 }).length / 102.4) / 10,
  }),
};

const loadCli: BenchCase<string> = {
  name: "benchmark-data-load-cli",
  issue: 12,
  target: { medianMs: 150 },
  setup: file,
  // Read, parse, check and index, as the command line does on its first lookup.
  run: (where) => {
    const index = readBenchmarkFile(where);
    return { areas: Object.keys(index.data.areas).length };
  },
};

const loadFetch: BenchCase<{ server: Server; url: string }> = {
  name: "benchmark-data-load-fetch",
  issue: 12,
  target: { medianMs: 150 },
  setup: async () => {
    const bytes = readFileSync(file());
    const server = createServer((request, response) => {
      if (request.url !== "/data/benchmarks-v1.json") {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "Content-Type": "application/json" }).end(bytes);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    server.unref();
    const { port } = server.address() as AddressInfo;
    return { server, url: `http://127.0.0.1:${port}/taskpane.html` };
  },
  // The add-in's own loader, relative to the page, as the functions runtime calls it.
  run: async ({ url }) => {
    (globalThis as { location?: { href: string } }).location = { href: url };
    setBenchmarkLoader(fetchFromAddinFolder);
    const index = await loadBenchmarks();
    return { areas: Object.keys(index.data.areas).length };
  },
};

const AREAS = [
  "Sefton",
  "E08000014",
  "343",
  "Bristol, City of",
  "Halton",
  "North West",
  "England",
  "Camden",
  "Kensington and Chelsea",
  "Cornwall",
];
const MEASURES = [
  "rate",
  "count",
  "starters_rate",
  "ceased_rate",
  "stability_short",
  "stability_long",
  "mix_fostering",
  "unit_cost_fostering",
  "unit_cost_residential",
  "population",
];
const GROUPS = ["la", "la", "neighbours", "region", "england", "neighbours_median"];
const CALLS = 10_000;

const calls: BenchCase<null> = {
  name: "benchmark-10k-calls",
  issue: 12,
  target: { medianMs: 50 },
  setup: async () => {
    setBenchmarkLoader(() => Promise.resolve(JSON.parse(readFileSync(file(), "utf8")) as unknown));
    await loadBenchmarks();
    return null;
  },
  run: () => {
    let published = 0;
    for (let i = 0; i < CALLS; i += 1) {
      const area = AREAS[i % AREAS.length];
      const group = area === "North West" || area === "England" ? "england" : GROUPS[i % GROUPS.length];
      const result = benchmark(area, MEASURES[(i >> 3) % MEASURES.length], 2016 + (i % 10), group);
      if (typeof result === "number") published += 1;
    }
    return { calls: CALLS, published };
  },
};

export const cases = [size, loadCli, loadFetch, calls] as BenchCase[];
