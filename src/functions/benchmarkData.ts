/**
 * The benchmark data for LAC.BENCHMARK, read once from the add-in's own folder: webpack copies
 * assets/data/benchmarks-v1.json to data/benchmarks-v1.json beside the add-in's page, and the first
 * call fetches it relative to that page (never from the internet). Keeping the figures out of the
 * functions bundle keeps the bundle small; the first formula waits for the file, later ones read the
 * kept index synchronously. Tests and the command line hand in their own loader.
 */
import {
  BENCHMARK_GROUPS,
  benchmarkIndex,
  checkBenchmarkData,
  type BenchmarkGroup,
  type BenchmarkIndex,
} from "../core/benchmarks";
import { isLacError, LacError } from "../core/errors";
import { figure, readChoice, readNumber } from "./arguments";

/** Where the webpack build puts the data file, relative to the add-in's page. */
export const BENCHMARK_DATA_PATH = "data/benchmarks-v1.json";

/** Gives the parsed JSON of the data file. */
export type BenchmarkLoader = () => Promise<unknown>;

/** The add-in's loader: the data file fetched relative to the page the functions run in. */
export async function fetchFromAddinFolder(): Promise<unknown> {
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
      throw new LacError(
        "na",
        `LAC.BENCHMARK could not read its data file ${BENCHMARK_DATA_PATH} from the add-in's folder (${detail}).`,
      );
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
  throw new LacError(
    "value",
    `year: expected the year of 31 March, e.g. 2025 (or "2024-25"); found ${typeof value === "string" ? `"${value}"` : value}.`,
  );
}

/**
 * LAC.BENCHMARK's cell: the figure; #N/A with the reason for one not published; #VALUE! for an
 * unknown area, measure or group. A figure not published is common (every suppressed cell), so it is
 * returned as an error value rather than thrown: an exception for each costs more than the lookup.
 */
export function benchmarkCell(
  index: BenchmarkIndex,
  area: unknown,
  measure: unknown,
  year: unknown,
  group: unknown,
): number | CustomFunctions.Error {
  let missing = null as string | null;
  const value = figure("LAC.BENCHMARK", () => {
    const result = index.lookup(area, readMeasure(index, measure), readYear(year), readGroup(group));
    if (result.published) return result.value;
    const whose = result.group.startsWith("neighbours")
      ? `${result.area.name}'s statistical neighbours`
      : result.of.name;
    missing = `${result.measure} of ${whose} for ${result.year} was not published: ${result.reason}.`;
    return Number.NaN;
  });
  return missing === null ? value : new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, missing);
}

/** A measure name as typed, checked against the data; readChoice's message lists them all. */
function readMeasure(index: BenchmarkIndex, measure: unknown): string {
  const word = typeof measure === "string" ? measure.trim().toLowerCase() : "";
  if (word !== "" && Object.prototype.hasOwnProperty.call(index.data.measures, word)) return word;
  const chosen = readChoice(measure, "measure", index.measures, "");
  if (chosen === "")
    throw new LacError("value", `measure: expected one of ${index.measures.join(", ")}, found a blank cell`);
  return chosen;
}

function readYear(year: unknown): number {
  return benchmarkYear(typeof year === "string" ? year : readNumber(year, "year"));
}

function readGroup(group: unknown): BenchmarkGroup {
  const word = typeof group === "string" ? group.trim().toLowerCase() : "";
  const known = BENCHMARK_GROUPS.find((g) => g === word);
  return known ?? readChoice(group, "group", BENCHMARK_GROUPS, "la");
}
