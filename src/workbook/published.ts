/**
 * The published figures a build sets beside the council's own: the council's as the DfE published
 * them, its statistical neighbours (mean, as LAIT shows them, and median, as the DfE's children's
 * social care dashboard shows them, with how many were published), its region and England. Values with
 * their source, never formulas: they are what the DfE published, not something the workbook works out.
 * A figure not published is a blank cell and a note naming the area, the year and the DfE's code,
 * never 0.
 */
import { type AreaRef, type BenchmarkIndex, type Figure, OGL_ATTRIBUTION } from "../core/benchmarks";
import { LacError } from "../core/errors";
import { LONG_TERM_DEFINITIONS, type LongTermDefinition } from "../core/stability";
import type { SheetGrid } from "../core/grid";

/** The council chosen for a build and the published data it is looked up in. */
export interface CouncilBenchmarks {
  index: BenchmarkIndex;
  council: AreaRef;
}

export { OGL_ATTRIBUTION };

/** The rows of a published comparison, in the order the sheets show them. */
export const PUBLISHED_ROWS = ["la", "mean", "median", "used", "region", "england"] as const;
export type PublishedRowKey = (typeof PUBLISHED_ROWS)[number];

export interface PublishedRow {
  key: PublishedRowKey;
  label: string;
  /** One value per year asked for; null where nothing was published (see `notes`). */
  values: (number | null)[];
}

export interface PublishedComparison {
  rows: PublishedRow[];
  /** "Sefton 2017: suppressed by the DfE ... (code c)", one per blank figure of the council, region or England. */
  notes: string[];
}

/** Percentages are published as whole numbers (69); the sheets hold them as fractions (0.69) in a % format. */
export function isPercentMeasure(index: BenchmarkIndex, measure: string): boolean {
  return index.data.measures[measure]?.unit === "percent";
}

/**
 * The council, its neighbours, region and England for a measure in each year (the year of 31 March;
 * null for a column with no published year, such as a part year).
 */
export function publishedComparison(
  b: CouncilBenchmarks,
  measure: string,
  years: readonly (number | null)[],
): PublishedComparison {
  const { index, council } = b;
  // Whole percentages become fractions by division, so that 69 is exactly the double nearest 0.69.
  const divisor = isPercentMeasure(index, measure) ? 100 : 1;
  const region = index.resolveArea(council.region ?? "E92000001");
  const notes: string[] = [];
  const shown = (who: string, year: number, figure: Figure): number | null => {
    if (figure.published) return figure.value / divisor;
    notes.push(
      `${who} ${year}: ${figure.reason}${figure.reasonCode === "missing" ? "" : ` (code "${figure.reasonCode}")`}.`,
    );
    return null;
  };
  const row = (key: PublishedRowKey, label: string, value: (year: number) => number | null): PublishedRow => ({
    key,
    label,
    values: years.map((year) => (year === null ? null : value(year))),
  });
  const neighbours = (year: number) => index.lookup(council.code, measure, year, "neighbours").neighbours;
  return {
    rows: [
      row("la", `${council.name}: published by the DfE`, (year) =>
        shown(council.name, year, index.figure(council.code, measure, year)),
      ),
      row("mean", "Statistical neighbours: mean (as LAIT)", (year) => scaled(neighbours(year)?.mean ?? null, divisor)),
      row("median", "Statistical neighbours: median (as the DfE dashboard)", (year) =>
        scaled(neighbours(year)?.median ?? null, divisor),
      ),
      row("used", "Statistical neighbours with a published figure (of 10)", (year) => neighbours(year)?.used ?? null),
      row("region", region.name, (year) => shown(region.name, year, index.figure(region.code, measure, year))),
      row("england", "England", (year) => shown("England", year, index.figure("E92000001", measure, year))),
    ],
    notes,
  };
}

function scaled(value: number | null, divisor: number): number | null {
  return value === null ? null : value / divisor;
}

/**
 * Which of the DfE's wordings of long-term stability a published definition is (the data file words
 * them in full: "living with the same carer ...", "living in the same placement ..."), or null.
 */
export function longTermDefinitionNamed(definition: string | null): LongTermDefinition | null {
  if (definition === null) return null;
  if (definition.includes("same carer")) return "2025";
  if (definition.includes("same placement")) return "2023";
  return null;
}

/** A definition in a few words for a row under the figures: "same carer (DfE 2025 wording)"; the text itself when not a known wording. */
export function shortDefinition(definition: string | null): string {
  const named = longTermDefinitionNamed(definition);
  return named === null ? (definition ?? "") : LONG_TERM_DEFINITIONS[named].short;
}

/** The definition the DfE gave a measure in a year, when it changed over the years (long-term stability). */
export function definitionIn(index: BenchmarkIndex, measure: string, year: number): string | null {
  const span = index.data.measures[measure]?.sources.find((s) => year >= s.from && year <= s.to);
  return span?.definition ?? null;
}

/** The name of the council's region (every council in the data has one; "Region" should one not). */
export function regionName(b: CouncilBenchmarks): string {
  return b.council.region ? b.index.resolveArea(b.council.region).name : "Region";
}

/** "Sefton (E08000014, LA 343, North West)". */
export function describeCouncil(b: CouncilBenchmarks): string {
  const region = b.council.region ? b.index.resolveArea(b.council.region).name : null;
  return `${b.council.name} (${b.council.code}${b.council.old ? `, LA ${b.council.old}` : ""}${region ? `, ${region}` : ""})`;
}

/** The neighbours of the DfE's 2025 model, by name. */
export function neighbourNames(b: CouncilBenchmarks): string[] {
  return (b.index.data.neighbours["2025"]?.[b.council.code] ?? []).map(([code]) => b.index.resolveArea(code).name);
}

/**
 * The council a name, E-code or LA number stands for; a region, England or an unknown name is an
 * error saying what was expected (`where` says where the text was found).
 */
export function resolveCouncil(index: BenchmarkIndex, text: string, where: string): AreaRef {
  let area: AreaRef;
  try {
    area = index.resolveArea(text);
  } catch (error) {
    if (error instanceof LacError) throw new LacError("value", `${where}: ${error.message.replace(/^area: /, "")}`);
    throw error;
  }
  if (area.level !== "la")
    throw new LacError(
      "value",
      `${where}: expected a council, found ${area.name}, which is ${area.level === "england" ? "England" : "a region"}.`,
    );
  return area;
}

/** The councils of today (those with statistical neighbours in the 2025 model), by name: for a list to choose from. */
export function currentCouncils(index: BenchmarkIndex): AreaRef[] {
  return Object.keys(index.data.neighbours["2025"] ?? {})
    .map((code) => index.resolveArea(code))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A council a sheet's title names: proposed to the user, never chosen for them. */
export interface ProposedCouncil {
  council: AreaRef;
  /** The title's text, and where it is. */
  title: string;
  where: string;
}

/** Rows at the top of a sheet where a title is looked for. */
const TITLE_ROWS = 6;

/**
 * The council named in the title of one of the user's sheets ("Sefton Council P10 budget monitoring"),
 * or null. A name must stand as whole words ("York" is not found in "North Yorkshire"); the longest
 * name found wins ("North East Lincolnshire" over "Lincolnshire").
 */
export function proposeCouncil(index: BenchmarkIndex, grids: readonly SheetGrid[]): ProposedCouncil | null {
  const names: { key: string; council: AreaRef }[] = [];
  for (const council of currentCouncils(index)) {
    const short = /^(.*), (City|County) of$/.exec(council.name)?.[1];
    for (const name of [council.name, ...(short ? [short] : [])]) names.push({ key: words(name), council });
  }
  names.sort((a, b) => b.key.length - a.key.length);
  for (const grid of grids) {
    for (let r = 0; r < Math.min(TITLE_ROWS, grid.cells.length); r += 1) {
      for (const [c, value] of (grid.cells[r] ?? []).entries()) {
        if (typeof value !== "string" || value.trim().length < 4) continue;
        const title = ` ${words(value)} `;
        const found = names.find((n) => title.includes(` ${n.key} `));
        if (found)
          return {
            council: found.council,
            title: value.trim(),
            where: `sheet '${grid.name}', row ${grid.origin.row + r + 1}, column ${grid.origin.col + c + 1}`,
          };
      }
    }
  }
  return null;
}

function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
