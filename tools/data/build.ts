/**
 * `npm run data`: turns the published files in data/sources/ into assets/data/benchmarks-v1.json, the
 * one data file the add-in and the command line read for LAC.BENCHMARK and the comparator rows.
 *
 * Every figure keeps the words of its source: a number, or the source's suppression code ("c", "x",
 * "z", "k", "..", "-", or "" for a blank cell), which the lookup reports as "not published" and never
 * as 0. Where several sources give a measure for a year, the newest release wins (see `releaseOf`).
 * The output depends only on the input files: keys and lists are sorted, and the only dates in it are
 * the release, publication and download dates written below.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BENCHMARK_DATA_VERSION, type BenchmarkSource, OGL_ATTRIBUTION } from "../../src/core/benchmarks";
import { parseCsv } from "../../src/sources/csv";

export const DATA_FILE = "assets/data/benchmarks-v1.json";

const OGL = "Open Government Licence v3.0";

export const SOURCES: Record<string, BenchmarkSource> = {
  "dfe-cla-2025": {
    title: "Children looked after in England including adoptions: number and rate per 10,000 children",
    publisher: "Department for Education",
    release: "reporting year 2025 (published November 2025), years ending 31 March 2021 to 2025",
    published: "2025-11-27",
    downloaded: "2026-04-27",
    file: "data/sources/dfe-cla-2025/cla_number_and_rate_per_10k_children.csv",
    licence: OGL,
  },
  "dfe-cla-2025-stability": {
    title: "Children looked after in England including adoptions: placement stability",
    publisher: "Department for Education",
    release: "reporting year 2025 (published November 2025), years ending 31 March 2021 to 2025",
    published: "2025-11-27",
    downloaded: "2026-04-27",
    file: "data/sources/dfe-cla-2025/la_cla_placement_stability.csv",
    licence: OGL,
  },
  "dfe-cla-2023": {
    title: "Children looked after in England including adoptions: number and rate per 10,000 children",
    publisher: "Department for Education",
    release: "reporting year 2023 (published November 2023), years ending 31 March 2019 to 2023",
    published: "2024-08-29",
    downloaded: "2025-03-07",
    file: "data/sources/dfe-cla-2023/cla_number_and_rate_per_10k_children.csv",
    licence: OGL,
  },
  "ons-population": {
    title: "Mid-year population estimates of children aged 0 to 17, mid-2012 to mid-2024 (the DfE's copy)",
    publisher: "Office for National Statistics, published with the Department for Education's 2025 release",
    release: "mid-2012 to mid-2024",
    published: "2025-11-05",
    downloaded: "2026-04-27",
    file: "data/sources/dfe-cla-2025/ons_mid-year_population_estimates_2012_to_2024.csv",
    licence: OGL,
  },
  lait: {
    title: "Local Authority Interactive Tool (LAIT) data, children looked after and Section 251 measures",
    publisher: "Department for Education",
    release: "LAIT data of April 2026 (children looked after to 31 March 2025; Section 251 outturn to 2024-25)",
    published: "2026-04-08",
    downloaded: "2026-04-08",
    file: "data/sources/lait/lait_cla_measures.csv",
    licence: OGL,
  },
  "sn-2025": {
    title: "Children's services statistical neighbours, 2025 model",
    publisher: "Department for Education",
    release: "May 2025",
    published: "2025-07-24",
    downloaded: "2026-04-27",
    file: "data/sources/dfe-cla-2025/sn_model_2025_wide.csv",
    licence: OGL,
  },
  "sn-2021": {
    title: "Children's services statistical neighbours, April 2021 model",
    publisher: "Department for Education",
    release: "April 2021",
    published: "2025-07-24",
    downloaded: "2026-04-27",
    file: "data/sources/dfe-cla-2025/New_Statistical_Neighbour_Groupings_April_2021.csv",
    licence: OGL,
  },
};

export interface MeasureInfo {
  label: string;
  unit: "children" | "per 10,000" | "percent" | "GBP per week";
}

export const MEASURES: Record<string, MeasureInfo> = {
  count: { label: "Children looked after at 31 March", unit: "children" },
  rate: { label: "Children looked after at 31 March per 10,000 children aged 0-17", unit: "per 10,000" },
  population: { label: "Children aged 0-17 the DfE used for the rates of the year (ONS mid-year estimate of the year before)", unit: "children" },
  ons_population: { label: "Children aged 0-17, ONS mid-year estimate for mid-year of the year given", unit: "children" },
  starters: { label: "Children starting to be looked after in the year ending 31 March", unit: "children" },
  starters_rate: { label: "Children starting to be looked after in the year, per 10,000 children aged 0-17", unit: "per 10,000" },
  ceased: { label: "Children ceasing to be looked after in the year ending 31 March", unit: "children" },
  ceased_rate: { label: "Children ceasing to be looked after in the year, per 10,000 children aged 0-17", unit: "per 10,000" },
  stability_short: { label: "Children looked after at 31 March with 3 or more placements during the year", unit: "percent" },
  stability_long: { label: "Children under 16 looked after for 2.5 years or more, in a stable placement for 2 years", unit: "percent" },
  mix_fostering: { label: "Children looked after at 31 March in foster placements", unit: "percent" },
  mix_residential: { label: "Children looked after at 31 March in secure units, children's homes or semi-independent living", unit: "percent" },
  mix_independent_living: { label: "Children looked after at 31 March in independent or semi-independent living arrangements", unit: "percent" },
  mix_other_residential: { label: "Children looked after at 31 March in other residential settings", unit: "percent" },
  mix_parents: { label: "Children looked after at 31 March placed with parents or others with parental responsibility", unit: "percent" },
  mix_other: { label: "Children looked after at 31 March in other placements, including unregulated ones", unit: "percent" },
  unit_cost_fostering: { label: "Section 251 outturn: weekly unit cost of fostering services, financial year ending 31 March", unit: "GBP per week" },
  unit_cost_residential: { label: "Section 251 outturn: weekly unit cost of residential care, financial year ending 31 March", unit: "GBP per week" },
};

/** The LAIT measure codes the build reads, and the measure each becomes. */
export const LAIT_MEASURES: Record<string, string> = {
  LACnum: "count",
  LAC: "rate",
  LACnum_Start: "starters",
  LAC_Start_Rate: "starters_rate",
  LACceased: "ceased",
  LAC_Cease_Rate: "ceased_rate",
  LACStable_2016on: "stability_short",
  "LAC_LongStable%": "stability_long",
  LAC_Foster_Placements: "mix_fostering",
  LAC_SecHome_And_ChildHome: "mix_residential",
  LAC_Ind_SInd_Liv_Arr: "mix_independent_living",
  LAC_Other_Res_Settings: "mix_other_residential",
  LAC_Parents_OR_Others: "mix_parents",
  LAC_Other_Place_Inc_Unreg: "mix_other",
  FosteringFinance: "unit_cost_fostering",
  RescareFinance: "unit_cost_residential",
};

const LONG_STABILITY_CURRENT = "living with the same carer for at least 2 years (DfE wording from the 2024-25 release)";
const LONG_STABILITY_EARLIER =
  "living in the same placement for at least 2 years, or placed for adoption with the adoptive and previous placement together lasting 2 years (DfE wording to the 2022-23 release)";

/** A published figure, or the source's code for a figure it did not publish ("" for a blank cell). */
export type Cell = number | string;

interface Figure {
  measure: string;
  area: string;
  year: number;
  value: Cell;
  source: string;
}

const SUPPRESSION = new Set(["c", "x", "z", "k", "..", "-", ":", ""]);

/** A number as published, or the suppression code as written. Anything else stops the build. */
function cell(text: string, where: string): Cell {
  const trimmed = text.trim();
  if (SUPPRESSION.has(trimmed.toLowerCase())) return trimmed.toLowerCase();
  const value = Number(trimmed.replace(/,/g, ""));
  if (!Number.isFinite(value)) throw new Error(`${where}: expected a number or a DfE suppression code (c, x, z, k, .., -), found "${text}"`);
  return value;
}

interface Table {
  header: string[];
  rows: string[][];
  column: (name: string) => number;
  file: string;
}

function readTable(root: string, file: string): Table {
  const records = parseCsv(readFileSync(path.join(root, file), "utf8"));
  const header = records[0].map((h) => h.trim());
  return {
    header,
    rows: records.slice(1).filter((r) => r.some((f) => f.trim() !== "")),
    file,
    column(name) {
      const index = header.indexOf(name);
      if (index < 0) throw new Error(`${file}: expected a column "${name}", found ${header.join(", ")}`);
      return index;
    },
  };
}

/** Names compared without case, spaces or punctuation: "Yorkshire and The Humber", "London (Inner)". */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

interface Area {
  name: string;
  old?: string;
  /** E-codes the council had before (a county that became a unitary council kept its old LA number). */
  former?: string[];
  level: "la" | "region" | "england";
  region?: string;
}

const ENGLAND = "E92000001";
const LONDON = "E12000007";
/** LAIT's names of Inner and Outer London, which the DfE files call "Inner London" and "Outer London". */
const REGION_ALIASES: Record<string, string> = { londoninner: "E13000001", londonouter: "E13000002" };

class Builder {
  readonly areas = new Map<string, Area>();
  /** Old 3-digit code -> E-code; a code that moved to a new E-code keeps the one of the latest year read. */
  readonly byOld = new Map<string, { code: string; year: number }>();
  readonly figures: Figure[] = [];

  /** Records an area from a DfE row (E-codes and names of the newest file win, as it is read first). */
  area(row: string[], t: Table, year: number): string | null {
    const level = row[t.column("geographic_level")];
    if (level === "National") {
      if (!this.areas.has(ENGLAND)) this.areas.set(ENGLAND, { name: "England", old: "970", level: "england" });
      return ENGLAND;
    }
    const regionCode = row[t.column("region_code")].trim();
    const regionName = row[t.column("region_name")].trim();
    if (level === "Regional") {
      if (!this.areas.has(regionCode)) this.areas.set(regionCode, { name: regionName, level: "region" });
      return regionCode;
    }
    if (level !== "Local authority") return null;
    const code = row[t.column("new_la_code")].trim();
    const old = row[t.column("old_la_code")].trim();
    if (!this.areas.has(code)) {
      this.areas.set(code, { name: row[t.column("la_name")].trim(), old, level: "la", region: regionCode.startsWith("E13") ? LONDON : regionCode });
    }
    const known = this.byOld.get(old);
    if (!known || known.year < year) this.byOld.set(old, { code, year });
    return code;
  }

  add(measure: string, area: string, year: number, value: Cell, source: string): void {
    this.figures.push({ measure, area, year, value, source });
  }
}

const CLA_TYPES: [string, string, string][] = [
  ["Children looked after on 31 March each year", "count", "rate"],
  ["Children looked after at 31 March each year", "count", "rate"],
  ["Children starting to be looked after each year", "starters", "starters_rate"],
  ["Children ceasing to be looked after each year", "ceased", "ceased_rate"],
];

function readClaRates(b: Builder, root: string, source: string, typeColumn: string, countColumn: string): void {
  const t = readTable(root, SOURCES[source].file);
  const [yearCol, typeCol, countCol, rateCol, popCol] = ["time_period", typeColumn, countColumn, "rate_per_10000", "population_estimate"].map((c) => t.column(c));
  t.rows.forEach((row, i) => {
    const where = `${t.file} row ${i + 2}`;
    const year = Number(row[yearCol]);
    const area = b.area(row, t, year);
    const type = CLA_TYPES.find(([name]) => name === row[typeCol].trim());
    if (!area || !type) return;
    b.add(type[1], area, year, cell(row[countCol], where), source);
    b.add(type[2], area, year, cell(row[rateCol], where), source);
    if (type[1] === "count") b.add("population", area, year, cell(row[popCol], where), source);
  });
}

function readStability(b: Builder, root: string): void {
  const source = "dfe-cla-2025-stability";
  const t = readTable(root, SOURCES[source].file);
  const [yearCol, groupCol, kindCol, pctCol] = ["time_period", "cla_group", "placement_stability", "children_percent"].map((c) => t.column(c));
  t.rows.forEach((row, i) => {
    const year = Number(row[yearCol]);
    const area = b.area(row, t, year);
    const group = row[groupCol].trim();
    const kind = row[kindCol].trim();
    let measure: string | null = null;
    if (group === "CLA on 31 March" && kind === "With 3 or more placements during the year") measure = "stability_short";
    if (group.startsWith("Children looked after continuously for at least 2.5 years") && kind.startsWith("Living with the same carer")) measure = "stability_long";
    if (area && measure) b.add(measure, area, year, cell(row[pctCol], `${t.file} row ${i + 2}`), source);
  });
}

function readPopulation(b: Builder, root: string): void {
  const source = "ons-population";
  const t = readTable(root, SOURCES[source].file);
  const [yearCol, popCol] = ["time_period", "population_estimate"].map((c) => t.column(c));
  t.rows.forEach((row, i) => {
    const year = Number(row[yearCol]);
    const area = b.area(row, t, year);
    if (area) b.add("ons_population", area, year, cell(row[popCol], `${t.file} row ${i + 2}`), source);
  });
}

/** LAIT knows areas by old code only; its regions and England have codes 970-990 of their own. */
function laitArea(b: Builder, old: string, name: string, where: string): string {
  const known = b.byOld.get(old);
  if (known) return known.code;
  if (old === "970") return ENGLAND;
  const key = nameKey(name);
  const alias = REGION_ALIASES[key];
  if (alias) {
    const area = b.areas.get(alias);
    if (area && !area.old) area.old = old;
    return alias;
  }
  for (const [code, area] of b.areas) {
    if (area.level === "region" && nameKey(area.name) === key) {
      if (!area.old) area.old = old;
      return code;
    }
  }
  throw new Error(`${where}: no E-code is known for "${name}" (LA number ${old}) in the DfE files`);
}

function readLait(b: Builder, root: string): void {
  const source = "lait";
  const t = readTable(root, SOURCES[source].file);
  const [codeCol, yearCol, nameCol, valueCol, oldCol] = ["Short Desc", "Years", "LA and Regions", "Values", "LA Number"].map((c) => t.column(c));
  t.rows.forEach((row, i) => {
    const where = `${t.file} row ${i + 2}`;
    const measure = LAIT_MEASURES[row[codeCol].trim()];
    if (!measure) return;
    // Financial years ("2016-17 (OT)") are labelled here by the year of their 31 March, like the counts.
    const years = /^(\d{4})(?:-(\d{2}) \(OT\))?$/.exec(row[yearCol].trim());
    if (!years) throw new Error(`${where}: expected a year such as 2025 or 2024-25 (OT), found "${row[yearCol]}"`);
    const year = years[2] ? Number(years[1]) + 1 : Number(years[1]);
    b.add(measure, laitArea(b, row[oldCol].trim(), row[nameCol], where), year, cell(row[valueCol], where), source);
  });
}

/**
 * The DfE revises the last five years in each release, so the figure for a year comes from the newest
 * release that holds it. The DfE files name their release. LAIT replaces five years with each release
 * (its 2021-2025 figures equal the 2025 release in every row, its 2020 counts differ from the 2023
 * release in four councils), so its figure for year y is taken as from release min(y + 4, 2025).
 * Within one release the DfE's own file wins, as it keeps the suppression codes LAIT writes as "-".
 */
function releaseOf(source: string, year: number): number {
  switch (source) {
    case "dfe-cla-2025":
    case "dfe-cla-2025-stability":
      return 2025.5;
    case "dfe-cla-2023":
      return 2023.5;
    case "lait":
      return Math.min(year + 4, 2025);
    default:
      return 0;
  }
}

function definitionOf(measure: string, source: string): string | undefined {
  if (measure !== "stability_long") return undefined;
  return source === "dfe-cla-2025-stability" ? LONG_STABILITY_CURRENT : LONG_STABILITY_EARLIER;
}

function readNeighbours(b: Builder, root: string, source: "sn-2025" | "sn-2021"): Record<string, [string, string][]> {
  const t = readTable(root, SOURCES[source].file);
  const laCol = t.column(source === "sn-2025" ? "old_la_code" : "LA num");
  const out: Record<string, [string, string][]> = {};
  const firstSn = t.column(source === "sn-2025" ? "SN_1" : "SN1");
  t.rows.forEach((row, i) => {
    const old = row[laCol].trim();
    if (!/^\d{3}$/.test(old)) return; // The 2021 file's "Old SNs:" heading and its blank line.
    const la = b.byOld.get(old);
    if (!la) throw new Error(`${t.file} row ${i + 2}: no E-code is known for LA number ${old}`);
    const list: [string, string][] = [];
    for (let k = 0; k < 10; k += 1) {
      const sn = row[firstSn + 2 * k].trim();
      const neighbour = b.byOld.get(sn);
      if (!neighbour) throw new Error(`${t.file} row ${i + 2}: no E-code is known for neighbour LA number ${sn}`);
      const band = row[firstSn + 2 * k + 1].trim().toLowerCase();
      list.push([neighbour.code, band.charAt(0).toUpperCase() + band.slice(1)]);
    }
    out[la.code] = list;
  });
  return out;
}

interface Span {
  from: number;
  to: number;
  source: string;
  definition?: string;
}

/**
 * A council whose E-code changed while its LA number stayed (North Yorkshire, Somerset and
 * Buckinghamshire became unitary councils) is one area, under its latest E-code, with its earlier
 * figures and its former E-codes.
 */
function mergeRenamedCodes(b: Builder): void {
  const renamed = new Map<string, string>();
  for (const [code, area] of b.areas) {
    const latest = area.level === "la" && area.old ? b.byOld.get(area.old)?.code : undefined;
    if (latest && latest !== code) renamed.set(code, latest);
  }
  for (const [from, to] of renamed) {
    const area = b.areas.get(to) as Area;
    area.former = [...(area.former ?? []), from].sort();
    b.areas.delete(from);
  }
  const seen = new Map<string, Figure>();
  for (const f of b.figures) {
    f.area = renamed.get(f.area) ?? f.area;
    const key = `${f.measure}|${f.area}|${f.year}|${f.source}`;
    const held = seen.get(key);
    if (held && held.value !== f.value) throw new Error(`${SOURCES[f.source].file}: two figures for ${f.measure} of ${f.area} in ${f.year}: ${held.value} and ${f.value}`);
    seen.set(key, f);
  }
  b.figures.splice(0, b.figures.length, ...seen.values());
}

/** The data file's content, as plain JSON values. */
export function buildBenchmarks(root: string): unknown {
  const b = new Builder();
  // Newest first, so names and codes are the current ones.
  readClaRates(b, root, "dfe-cla-2025", "population_type", "children_count");
  readStability(b, root);
  readPopulation(b, root);
  readClaRates(b, root, "dfe-cla-2023", "population_count", "number");
  readLait(b, root);
  const neighbours = { "2021": readNeighbours(b, root, "sn-2021"), "2025": readNeighbours(b, root, "sn-2025") };

  mergeRenamedCodes(b);
  // One source for each measure and year, the newest release, for every area: a year's figures are
  // never a mix of releases.
  const sourceOfYear = new Map<string, string>();
  for (const f of b.figures) {
    const key = `${f.measure}|${f.year}`;
    const held = sourceOfYear.get(key);
    if (!held || releaseOf(f.source, f.year) > releaseOf(held, f.year)) sourceOfYear.set(key, f.source);
  }
  const chosen = b.figures.filter((f) => sourceOfYear.get(`${f.measure}|${f.year}`) === f.source);

  const measures: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  for (const measure of Object.keys(MEASURES).sort()) {
    const mine = chosen.filter((f) => f.measure === measure);
    const years = mine.map((f) => f.year);
    const first = Math.min(...years);
    const last = Math.max(...years);
    const spans: Span[] = [];
    for (let y = first; y <= last; y += 1) {
      const source = sourceOfYear.get(`${measure}|${y}`) ?? "";
      const previous = spans[spans.length - 1];
      if (previous?.source === source) previous.to = y;
      else spans.push({ from: y, to: y, source, definition: definitionOf(measure, source) });
    }
    measures[measure] = { ...MEASURES[measure], first, last, sources: spans };
    const byArea: Record<string, (Cell | null)[]> = {};
    for (const f of mine) {
      const row = (byArea[f.area] ??= new Array<Cell | null>(last - first + 1).fill(null));
      row[f.year - first] = f.value;
    }
    values[measure] = byArea;
  }

  const areas: Record<string, Area> = {};
  for (const [code, area] of b.areas) areas[code] = area;
  return {
    format: "lac-sufficiency benchmarks",
    version: BENCHMARK_DATA_VERSION,
    attribution: OGL_ATTRIBUTION,
    sources: SOURCES,
    measures,
    areas,
    neighbours,
    values,
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * JSON with sorted keys, one line for each entry of the first two levels (a measure's values for one
 * area, one area, one source), so that a new release shows in a diff as the lines it changed.
 */
export function serialise(data: unknown): string {
  const sorted = sortKeys(data) as Record<string, unknown>;
  const top = Object.entries(sorted).map(([key, value]) => {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const inner = Object.entries(value).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
      return `  ${JSON.stringify(key)}: {\n${inner.join(",\n")}\n  }`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${top.join(",\n")}\n}\n`;
}

/** Builds the data file from root/data/sources into outFile. */
export function writeBenchmarks(root: string, outFile: string): string {
  const text = serialise(buildBenchmarks(root));
  writeFileSync(outFile, text);
  return text;
}

function main(): void {
  // Compiled to dist/tools/data/build.js; the project folder is three levels up.
  const root = path.resolve(__dirname, "../../..");
  const out = path.join(root, DATA_FILE);
  const text = writeBenchmarks(root, out);
  process.stdout.write(`wrote ${DATA_FILE} (${text.length} bytes)\n`);
}

if (require.main === module) main();
