/**
 * Published comparator figures: a council beside its statistical neighbours, its region and England,
 * from the DfE's children-looked-after statistics, LAIT's Section 251 unit costs and the ONS
 * population (assets/data/benchmarks-v1.json, made by `npm run data`; docs/benchmarks.md lists the
 * measures). Pure: the caller reads the file (fetch in the add-in, the disk in the command line) and
 * hands the parsed JSON to `benchmarkIndex`.
 *
 * A figure the DfE did not publish is a result of its own, with the reason, never 0: councils read a
 * suppressed count as "few children", not "none".
 */
import { LacError } from "./errors";

/** The attribution the Open Government Licence asks for, for every sheet that shows these figures. */
export const OGL_ATTRIBUTION =
  "Contains public sector information licensed under the Open Government Licence v3.0. Department for Education, " +
  '"Children looked after in England including adoptions", Local Authority Interactive Tool and children\'s services ' +
  "statistical neighbours; Office for National Statistics mid-year population estimates.";

/** The data file version this code reads. */
export const BENCHMARK_DATA_VERSION = 1;

export type AreaLevel = "la" | "region" | "england";

export interface BenchmarkArea {
  name: string;
  /** The DfE's old 3-digit LA number (970 for England, 980-990 for regions as LAIT numbers them). */
  old?: string;
  level: AreaLevel;
  /** E-code of the council's region (London for Inner and Outer London boroughs). */
  region?: string;
  /** Earlier E-codes of a council that became a unitary council under the same LA number. */
  former?: string[];
}

export interface MeasureSpan {
  from: number;
  to: number;
  source: string;
  definition?: string;
}

export interface BenchmarkMeasure {
  label: string;
  unit: string;
  first: number;
  last: number;
  sources: MeasureSpan[];
}

export interface BenchmarkSource {
  title: string;
  publisher: string;
  release: string;
  /** The date the file was last changed in the public repository it was copied from. */
  published: string;
  /** The date the project's copy was downloaded. */
  downloaded: string;
  file: string;
  licence: string;
}

/** A figure as published, or the source's code for one it did not publish; null: no row for it. */
export type PublishedCell = number | string | null;

/** The shape of assets/data/benchmarks-v1.json. */
export interface BenchmarkData {
  format: string;
  version: number;
  attribution: string;
  sources: Record<string, BenchmarkSource>;
  measures: Record<string, BenchmarkMeasure>;
  areas: Record<string, BenchmarkArea>;
  /** By model year ("2025", "2021"): council E-code -> ten [neighbour E-code, closeness band]. */
  neighbours: Record<string, Record<string, [string, string][]>>;
  /** By measure, then area E-code: figures from the measure's first year to its last. */
  values: Record<string, Record<string, PublishedCell[]>>;
}

export const BENCHMARK_GROUPS = ["la", "neighbours", "neighbours_median", "region", "england"] as const;
export type BenchmarkGroup = (typeof BENCHMARK_GROUPS)[number];

export const NEIGHBOUR_MODELS = ["2025", "2021"] as const;
export type NeighbourModel = (typeof NEIGHBOUR_MODELS)[number];

/** What the DfE's codes mean, in the words a cell note can carry. */
const REASONS: Record<string, string> = {
  c: "suppressed by the DfE to protect confidentiality (a small number)",
  x: "not available",
  z: "not applicable (for example, the council did not exist that year)",
  k: "below 0.5%, not given as a number",
  "..": "not available",
  ":": "not available",
  "-": "not published (LAIT shows no figure and gives no reason)",
  "": "left blank in the published table",
};

export interface AreaRef extends BenchmarkArea {
  code: string;
}

export interface PublishedFigure {
  published: true;
  value: number;
}

export interface NotPublished {
  published: false;
  /** The source's code ("c", "x", "z", "k", "..", "-", "" for a blank), or "missing" for no figure at all. */
  reasonCode: string;
  reason: string;
}

export type Figure = PublishedFigure | NotPublished;

export interface NeighbourFigure {
  area: AreaRef;
  band: string;
  figure: Figure;
}

export type BenchmarkResult = Figure & {
  area: AreaRef;
  measure: string;
  year: number;
  group: BenchmarkGroup;
  /** The area the figure is for: the council itself, its region or England; the council for neighbours. */
  of: AreaRef;
  /** For the neighbour groups: every neighbour and its figure, the mean and median of those published. */
  neighbours?: NeighbourSummary;
};

export interface NeighbourSummary {
  model: NeighbourModel;
  list: NeighbourFigure[];
  /** How many neighbours had a published figure: the mean and median are of these. */
  used: number;
  mean: number | null;
  median: number | null;
}

export interface BenchmarkIndex {
  data: BenchmarkData;
  /** The measure names, sorted. */
  measures: readonly string[];
  resolveArea(query: unknown): AreaRef;
  figure(code: string, measure: string, year: number): Figure;
  lookup(area: unknown, measure: string, year: number, group?: BenchmarkGroup, model?: NeighbourModel): BenchmarkResult;
}

/** Names compared without case, spaces or punctuation, "&" read as "and". */
export function areaNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^a-z0-9]/g, "");
}

function notPublished(reasonCode: string, reason: string): NotPublished {
  return { published: false, reasonCode, reason };
}

/** The parsed data file, checked for the shape this code reads; anything else is a clear error. */
export function checkBenchmarkData(json: unknown): BenchmarkData {
  const data = json as Partial<BenchmarkData> | null;
  if (!data || typeof data !== "object" || data.format !== "lac-sufficiency benchmarks") {
    throw new LacError(
      "value",
      'The benchmark data file is not a lac-sufficiency benchmarks file (its "format" is missing or different).',
    );
  }
  if (data.version !== BENCHMARK_DATA_VERSION) {
    throw new LacError(
      "value",
      `The benchmark data file is version ${String(data.version)}; this add-in reads version ${BENCHMARK_DATA_VERSION}.`,
    );
  }
  for (const key of ["sources", "measures", "areas", "neighbours", "values"] as const) {
    if (!data[key] || typeof data[key] !== "object")
      throw new LacError("value", `The benchmark data file has no "${key}".`);
  }
  return data as BenchmarkData;
}

const indexes = new WeakMap<BenchmarkData, BenchmarkIndex>();

/** The lookup over a parsed data file, built once for each file and kept. */
export function benchmarkIndex(data: BenchmarkData): BenchmarkIndex {
  let index = indexes.get(data);
  if (!index) {
    index = buildIndex(data);
    indexes.set(data, index);
  }
  return index;
}

function buildIndex(data: BenchmarkData): BenchmarkIndex {
  const areas = indexAreas(data);
  const resolveArea = areaResolver(areas, new Set(Object.keys(data.neighbours["2025"] ?? {})));
  const { measureInfo, figure } = figureReader(data);
  const england = areas.byCode.get("E92000001") as AreaRef;

  function lookup(
    query: unknown,
    measure: string,
    year: number,
    group: BenchmarkGroup = "la",
    model: NeighbourModel = "2025",
  ): BenchmarkResult {
    const area = resolveArea(query);
    measureInfo(measure);
    if (!Number.isInteger(year))
      throw new LacError(
        "value",
        `year: expected the year of 31 March as a whole number (2025 for 2024-25); found ${year}.`,
      );
    if (group === "la") return result(area, measure, year, group, area, figure(area.code, measure, year));
    if (group === "england") return result(area, measure, year, group, england, figure(england.code, measure, year));
    if (group === "region") {
      const region =
        area.level === "la" ? areas.byCode.get(area.region ?? "") : area.level === "region" ? area : undefined;
      if (!region) throw new LacError("value", `group "region": ${area.name} is not in a region; use "england".`);
      return result(area, measure, year, group, region, figure(region.code, measure, year));
    }
    return neighboursResult(data, areas, figure, { area, measure, year, group, model });
  }

  return { data, measures: Object.keys(data.measures).sort(), resolveArea, figure, lookup };
}

/** Every way an area can be asked for: E-code (current and former), old LA number, and name (with variants). */
interface AreaTables {
  byCode: Map<string, AreaRef>;
  byOld: Map<string, AreaRef>;
  byName: Map<string, AreaRef[]>;
}

type FigureOf = (code: string, measure: string, year: number) => Figure;

/** Indexes every area of the data file under each of its codes and names. */
function indexAreas(data: BenchmarkData): AreaTables {
  const byCode = new Map<string, AreaRef>();
  const byOld = new Map<string, AreaRef>();
  const byName = new Map<string, AreaRef[]>();
  const addName = (name: string, area: AreaRef): void => {
    const key = areaNameKey(name);
    const list = byName.get(key) ?? [];
    if (!list.includes(area)) list.push(area);
    byName.set(key, list);
  };
  for (const code of Object.keys(data.areas).sort()) {
    const area: AreaRef = { code, ...data.areas[code] };
    byCode.set(code, area);
    for (const former of area.former ?? []) byCode.set(former, area);
    if (area.old) byOld.set(area.old, area);
    addName(area.name, area);
    // "Bristol, City of" is also found as "City of Bristol" and "Bristol".
    const inverted = /^(.*), (City|County) of$/.exec(area.name);
    if (inverted) {
      addName(`${inverted[2]} of ${inverted[1]}`, area);
      addName(inverted[1], area);
    }
    // LAIT writes "London (Inner)" for the DfE's "Inner London".
    const london = /^(Inner|Outer) London$/.exec(area.name);
    if (london) addName(`London (${london[1]})`, area);
  }
  return { byCode, byOld, byName };
}

/**
 * Turns what a user typed (name, E-code or LA number) into one area, or says why it cannot;
 * `current` holds the councils of today's neighbour model, which win when a name is shared.
 */
function areaResolver({ byCode, byOld, byName }: AreaTables, current: Set<string>): (query: unknown) => AreaRef {
  // Worksheets ask for the same few areas thousands of times: each text is resolved once.
  const resolved = new Map<string, AreaRef>();

  function findArea(query: unknown): AreaRef {
    const text =
      typeof query === "number" && Number.isInteger(query)
        ? String(query)
        : typeof query === "string"
          ? query.trim()
          : "";
    if (text === "")
      throw new LacError(
        "value",
        `area: expected a council, region or "England" by name, E-code (E08000014) or LA number (343); found ${describe(query)}.`,
      );
    const code = byCode.get(text.toUpperCase()) ?? byOld.get(text);
    if (code) return code;
    const named = byName.get(areaNameKey(text)) ?? [];
    // Dorset names both the county council before 2019 and today's unitary council: today's wins.
    const chosen = named.length > 1 ? named.filter((a) => current.has(a.code)) : named;
    if (chosen.length === 1) return chosen[0];
    if (chosen.length > 1) {
      throw new LacError(
        "value",
        `area: "${text}" names ${chosen.map((a) => `${a.name} (${a.code})`).join(" and ")}; give the E-code instead.`,
      );
    }
    throw new LacError(
      "value",
      `area: no council, region or England is called or coded "${text}" in the published data; try the name as the DfE writes it (e.g. "Bristol, City of"), the E-code or the 3-digit LA number.`,
    );
  }

  return function resolveArea(query: unknown): AreaRef {
    const known = typeof query === "string" ? resolved.get(query) : undefined;
    if (known) return known;
    const area = findArea(query);
    if (typeof query === "string" && resolved.size < 10_000) resolved.set(query, area);
    return area;
  };
}

/** Reads one area's published figure for a measure and year, or why there is none. */
function figureReader(data: BenchmarkData): {
  measureInfo: (measure: string) => BenchmarkMeasure;
  figure: FigureOf;
} {
  function measureInfo(measure: string): BenchmarkMeasure {
    const info = Object.prototype.hasOwnProperty.call(data.measures, measure) ? data.measures[measure] : undefined;
    if (!info)
      throw new LacError(
        "value",
        `measure: expected one of ${Object.keys(data.measures).sort().join(", ")}; found "${measure}".`,
      );
    return info;
  }

  function figure(code: string, measure: string, year: number): Figure {
    const info = measureInfo(measure);
    if (year < info.first || year > info.last) {
      return notPublished("missing", `the data holds ${measure} for ${info.first} to ${info.last} only, not ${year}`);
    }
    const cell = data.values[measure][code]?.[year - info.first] ?? null;
    if (typeof cell === "number") return { published: true, value: cell };
    if (cell === null) return notPublished("missing", `the published table has no ${measure} for this area in ${year}`);
    return notPublished(cell, REASONS[cell] ?? `not published (code "${cell}")`);
  }

  return { measureInfo, figure };
}

/**
 * A council's statistical neighbours: each neighbour's figure, and their mean ("neighbours") or
 * median (any other group that reaches here) over those published.
 */
function neighboursResult(
  data: BenchmarkData,
  { byCode }: AreaTables,
  figure: FigureOf,
  ask: { area: AreaRef; measure: string; year: number; group: BenchmarkGroup; model: NeighbourModel },
): BenchmarkResult {
  const { area, measure, year, group, model } = ask;
  if (area.level !== "la")
    throw new LacError(
      "value",
      `group "${group}": statistical neighbours are for councils, and ${area.name} is not a council.`,
    );
  const listed = data.neighbours[model]?.[area.code];
  if (!listed)
    return result(
      area,
      measure,
      year,
      group,
      area,
      notPublished("missing", `${area.name} has no statistical neighbours in the DfE's ${model} model`),
    );
  const list: NeighbourFigure[] = [];
  const values: number[] = [];
  for (const [code, band] of listed) {
    const own = figure(code, measure, year);
    if (own.published) values.push(own.value);
    list.push({ area: byCode.get(code) as AreaRef, band, figure: own });
  }
  let mean: number | null = null;
  let median: number | null = null;
  if (values.length) {
    let sum = 0;
    for (const v of values) sum += v;
    mean = sum / values.length;
    median = medianOf(values);
  }
  const value = group === "neighbours" ? mean : median;
  const shown: Figure =
    value === null
      ? notPublished(
          "missing",
          `none of ${area.name}'s ${list.length} statistical neighbours has a published ${measure} for ${year}`,
        )
      : { published: true, value };
  return result(area, measure, year, group, area, shown, { model, list, used: values.length, mean, median });
}

/** A lookup's answer, built with one shape so that the engine keeps it fast. */
function result(
  area: AreaRef,
  measure: string,
  year: number,
  group: BenchmarkGroup,
  of: AreaRef,
  shown: Figure,
  neighbours?: NeighbourSummary,
): BenchmarkResult {
  return shown.published
    ? { published: true, value: shown.value, area, measure, year, group, of, neighbours }
    : {
        published: false,
        reasonCode: shown.reasonCode,
        reason: shown.reason,
        area,
        measure,
        year,
        group,
        of,
        neighbours,
      };
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function describe(value: unknown): string {
  if (value === null || value === undefined || value === "") return "nothing";
  return typeof value === "string" ? `"${value}"` : String(value);
}
