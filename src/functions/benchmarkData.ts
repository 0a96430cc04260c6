/**
 * The benchmark data for LAC.BENCHMARK, read once from the add-in's own folder: webpack copies
 * assets/data/benchmarks-v1.json to data/benchmarks-v1.json beside the add-in's page, and the first
 * call fetches it relative to that page (never from the internet). Keeping the figures out of the
 * functions bundle keeps the bundle small; the first formula waits for the file, later ones read the
 * kept index synchronously. Tests and the command line hand in their own loader.
 */
import { benchmarkIndex, checkBenchmarkData, type BenchmarkGroup, type BenchmarkIndex } from "../core/benchmarks";
import { isLacError, LacError } from "../core/errors";

/** Where the webpack build puts the data file, relative to the add-in's page. */
export const BENCHMARK_DATA_PATH = "data/benchmarks-v1.json";

/** Gives the parsed JSON of the data file. */
export type BenchmarkLoader = () => Promise<unknown>;

async function fetchFromAddinFolder(): Promise<unknown> {
  // The functions run in the page that loaded them (taskpane.html in the shared runtime).
  const page = typeof document !== "undefined" ? document.baseURI : globalThis.location.href;
  const response = await fetch(new URL(BENCHMARK_DATA_PATH, page).href);
  if (!response.ok) throw new Error(`the add-in's server answered ${response.status} ${response.statusText}`);
  return response.json();
}

let loader: BenchmarkLoader = fetchFromAddinFolder;
let loaded: BenchmarkIndex | null = null;
let loading: Promise<BenchmarkIndex> | null = null;

/** Replaces the loader (tests read the file from disk) and forgets any data already loaded. */
export function setBenchmarkLoader(next: BenchmarkLoader): void {
  loader = next;
  loaded = null;
  loading = null;
}

/** The data if it has been loaded, else null. */
export function loadedBenchmarks(): BenchmarkIndex | null {
  return loaded;
}

/** Loads the data once; calls made while it loads share the one request. A failed load is retried next time. */
export function loadBenchmarks(): Promise<BenchmarkIndex> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= loader().then(
    (json) => {
      loaded = benchmarkIndex(checkBenchmarkData(json));
      return loaded;
    },
    (error: unknown) => {
      loading = null;
      if (isLacError(error)) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      throw new LacError("na", `LAC.BENCHMARK could not read its data file ${BENCHMARK_DATA_PATH} from the add-in's folder (${detail}).`);
    },
  );
  return loading;
}

/** The year of 31 March: a whole number (2025), or a financial year as text ("2024-25" is 2025). */
export function benchmarkYear(value: number | string): number {
  if (typeof value === "string") {
    const financial = /^\s*(\d{4})\s*[-/]\s*(\d{2})\s*$/.exec(value);
    if (financial && (Number(financial[1]) + 1) % 100 === Number(financial[2])) return Number(financial[1]) + 1;
    if (/^\s*\d{4}\s*$/.test(value)) return Number(value);
  } else if (Number.isInteger(value) && value >= 1900 && value <= 2200) {
    return value;
  }
  throw new LacError("value", `year: expected the year of 31 March, e.g. 2025 (or "2024-25"); found ${typeof value === "string" ? `"${value}"` : value}.`);
}

/** The figure LAC.BENCHMARK shows; a figure not published is #N/A with the reason. */
export function benchmarkValue(index: BenchmarkIndex, area: unknown, measure: string, year: number, group: BenchmarkGroup): number {
  const result = index.lookup(area, measure, year, group);
  if (result.published) return result.value;
  const whose = group === "la" ? result.of.name : group.startsWith("neighbours") ? `${result.area.name}'s statistical neighbours` : result.of.name;
  throw new LacError("na", `${measure} of ${whose} for ${year} was not published: ${result.reason}.`);
}
