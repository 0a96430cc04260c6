/**
 * Makes the sample P10 budget monitoring workbook (examples/p10-budget-monitoring.xlsx) and the sample
 * assumptions (examples/sample-assumptions.json) that `lac-sufficiency demo` builds from. Every figure
 * comes from a published sufficiency strategy (the published strategy, Sefton 2022-25): the P10 spend table, the
 * average weekly costs, the counts of children looked after, the population aged 0-17, the council's
 * projected count and current cost, and the uplift lines. What the strategy does not publish (one row
 * per placement, a count for every month) is generated deterministically around its figures: the
 * placements open at the end of P10 average exactly the published weekly costs, and the monthly counts
 * pass exactly through every published count.
 *
 * The SSDA903 returns in examples/903/ are synthetic (tools/synthetic/ssda903.ts): three annual
 * Episodes and Header files, 2018/19 to 2020/21, for about 600 children looked after, the returns a
 * council has in hand at P10 of 2021/22. examples/sample-scenario.json is a demand scenario to compare.
 *
 * Run: npm run build:cli && node dist/examples/make-sample.js (writes the files next to this script's source).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { PlacementCategory } from "../src/core/categories";
import { addMonths, daysInMonth, jsDateFromSerial, serialFromYmd, ymdFromSerial } from "../src/core/dates";
import { annualReturns, generateCareHistory, type AnnualReturn } from "../tools/synthetic/ssda903";
import { seededRandom } from "../tools/synthetic/random";

/** The seed's P10 table, "Accommodation and Support Spend" (£). */
export const P10_SPEND: { label: string; actualToDate: number; forecastOutturn: number }[] = [
  { label: "Residential", actualToDate: 12_119_924, forecastOutturn: 14_000_100 },
  { label: "In House Fostering", actualToDate: 3_175_235, forecastOutturn: 3_863_500 },
  { label: "Independent Fostering", actualToDate: 4_745_315, forecastOutturn: 5_690_000 },
  { label: "Supported Living incl SAILS and Supported Lodgings", actualToDate: 1_733_306, forecastOutturn: 1_935_500 },
  { label: "Special Guardianship Orders", actualToDate: 1_508_673, forecastOutturn: 1_795_500 },
  { label: "Child Arrangement Orders", actualToDate: 251_222, forecastOutturn: 298_000 },
  { label: "Adoption Allowances", actualToDate: 470_828, forecastOutturn: 571_100 },
];

/** The end of P10 2021/22: the date the placement list is a snapshot of. */
export const PERIOD_END = serialFromYmd(2022, 1, 31);
const YEAR_START = serialFromYmd(2021, 4, 1);

interface PlacementKind {
  category: PlacementCategory;
  /** The placement type as the list writes it. */
  type: string;
  /** Placements open at the end of P10. */
  open: number;
  /** Placements that ended during the year before the end of P10. */
  ended: number;
  /** The seed's average weekly cost (£), which the open placements average exactly. */
  averageWeeklyCost: number;
  /** Relative spread of individual weekly costs around the average. */
  spread: number;
  providers: string[];
}

export const PLACEMENT_KINDS: PlacementKind[] = [
  {
    category: "residential",
    type: "Residential",
    open: 61,
    ended: 9,
    averageWeeklyCost: 4528,
    spread: 0.35,
    providers: [
      "Meadow View Care",
      "Northern Lights Homes",
      "Riverside Children's Homes",
      "Oakwood Residential",
      "Council Children's Home",
    ],
  },
  {
    category: "ifa",
    type: "IFA",
    open: 135,
    ended: 14,
    averageWeeklyCost: 798,
    spread: 0.1,
    providers: ["Foster Plus", "Harbour Fostering", "Bright Futures Fostering", "Northern Fostering Agency"],
  },
  {
    category: "inHouseFostering",
    type: "In House Fostering",
    open: 250,
    ended: 31,
    averageWeeklyCost: 241,
    spread: 0.2,
    providers: ["In-house fostering service"],
  },
  {
    category: "supported",
    type: "Supported Lodgings",
    open: 33,
    ended: 6,
    averageWeeklyCost: 1062,
    spread: 0.3,
    providers: ["SAILS (in-house)", "Step Ahead Housing", "Homes Co"],
  },
];

/** Counts of children looked after the seed publishes, at the dates it gives them. */
export const PUBLISHED_COUNTS: { date: number; count: number }[] = [
  { date: serialFromYmd(2017, 2, 28), count: 436 },
  { date: serialFromYmd(2018, 3, 31), count: 480 },
  { date: serialFromYmd(2019, 3, 31), count: 527 },
  { date: serialFromYmd(2020, 3, 31), count: 566 },
  { date: serialFromYmd(2021, 3, 31), count: 613 },
  { date: serialFromYmd(2022, 1, 31), count: 616 },
  { date: serialFromYmd(2022, 2, 28), count: 619 },
];

export interface SamplePlacement {
  id: string;
  childId: string;
  type: string;
  provider: string;
  startDate: number;
  endDate: number | null;
  weeklyCost: number;
}

/** Weekly costs in pence around an average, then evened so that they average it to the penny. */
function weeklyCostsPence(count: number, average: number, spread: number, next: () => number): number[] {
  const pence = Array.from({ length: count }, () => Math.round(average * 100 * (1 + spread * (2 * next() - 1))));
  const shortfall = average * 100 * count - pence.reduce((sum, p) => sum + p, 0);
  const each = Math.trunc(shortfall / count);
  const remainder = shortfall - each * count;
  return pence.map((p, i) => p + each + (i < Math.abs(remainder) ? Math.sign(remainder) : 0));
}

export function samplePlacements(): SamplePlacement[] {
  const next = seededRandom(20220131);
  const between = (from: number, to: number): number => from + Math.floor(next() * (to - from + 1));
  const placements: SamplePlacement[] = [];
  let child = 1000;
  for (const kind of PLACEMENT_KINDS) {
    const open = weeklyCostsPence(kind.open, kind.averageWeeklyCost, kind.spread, next);
    const ended = weeklyCostsPence(kind.ended, kind.averageWeeklyCost, kind.spread, next);
    const rows = [...open.map((p) => ({ pence: p, open: true })), ...ended.map((p) => ({ pence: p, open: false }))];
    for (const row of rows) {
      child += 1;
      const provider = kind.providers[Math.floor(next() * kind.providers.length)];
      let startDate: number;
      let endDate: number | null;
      if (row.open) {
        startDate = between(serialFromYmd(2016, 4, 1), PERIOD_END);
        // A quarter of open placements have a planned end (an 18th birthday, a move to long-term care).
        endDate = next() < 0.25 ? between(PERIOD_END + 1, serialFromYmd(2023, 12, 31)) : null;
      } else {
        endDate = between(YEAR_START, PERIOD_END - 1);
        startDate = between(serialFromYmd(2018, 4, 1), endDate - 14);
      }
      placements.push({
        id: "",
        childId: `C${child}`,
        type: kind.type,
        provider,
        startDate,
        endDate,
        weeklyCost: row.pence / 100,
      });
    }
  }
  placements.sort((a, b) => a.startDate - b.startDate || a.childId.localeCompare(b.childId));
  placements.forEach((p, i) => (p.id = `PL${String(i + 1).padStart(4, "0")}`));
  return placements;
}

/** A count for the end of every month from February 2017 to February 2022, through every published count. */
export function monthlyCounts(): { date: number; count: number }[] {
  const next = seededRandom(436619);
  const counts: { date: number; count: number }[] = [];
  const first = PUBLISHED_COUNTS[0].date;
  for (let month = 0; ; month += 1) {
    const { year, month: m } = ymdFromSerial(addMonths(first, month));
    const date = serialFromYmd(year, m, daysInMonth(year, m));
    if (date > PUBLISHED_COUNTS[PUBLISHED_COUNTS.length - 1].date) break;
    const published = PUBLISHED_COUNTS.find((point) => point.date === date);
    if (published) {
      counts.push(published);
      continue;
    }
    const after = PUBLISHED_COUNTS.findIndex((point) => point.date > date);
    const [a, b] = [PUBLISHED_COUNTS[after - 1], PUBLISHED_COUNTS[after]];
    const trend = a.count + ((b.count - a.count) * (date - a.date)) / (b.date - a.date);
    counts.push({ date, count: Math.round(trend + (next() * 8 - 4)) });
  }
  return counts;
}

const FIXED_DATE = new Date(Date.UTC(2022, 1, 10, 9, 0, 0));

export async function makeSampleWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Children's Services Finance";
  workbook.lastModifiedBy = "Children's Services Finance";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;

  const summary = workbook.addWorksheet("P10 Summary");
  summary.mergeCells("A1:C1");
  summary.getCell("A1").value = "Accommodation and Support Spend";
  summary.getCell("A1").font = { bold: true, size: 14 };
  summary.getCell("A2").value =
    "The table below provides a breakdown of current spend on placements and support, 2021/22.";
  summary.getRow(4).values = ["Setting Type", "P10 Current Expenditure", "Forecast 21/22 Expenditure"];
  summary.getRow(5).values = [null, "£", "£"];
  for (const row of [4, 5]) {
    summary.getRow(row).font = { bold: true };
    summary.getRow(row).alignment = { horizontal: "center", wrapText: true };
  }
  P10_SPEND.forEach((line, i) => {
    const row = summary.getRow(6 + i);
    row.values = [line.label, line.actualToDate, line.forecastOutturn];
    row.getCell(2).numFmt = "#,##0";
    row.getCell(3).numFmt = "#,##0";
  });
  const last = 6 + P10_SPEND.length - 1;
  summary.getCell(`A${last + 1}`).value = "Total";
  summary.getCell(`A${last + 1}`).font = { bold: true };
  for (const [col, key] of [
    ["B", "actualToDate"],
    ["C", "forecastOutturn"],
  ] as const) {
    const cell = summary.getCell(`${col}${last + 1}`);
    cell.value = { formula: `SUM(${col}6:${col}${last})`, result: P10_SPEND.reduce((sum, line) => sum + line[key], 0) };
    cell.numFmt = "#,##0";
    cell.font = { bold: true };
    cell.border = { top: { style: "thin" }, bottom: { style: "double" } };
  }
  summary.getCell(`A${last + 3}`).value = "Source: P10 Budget Monitoring report";
  summary.getCell(`A${last + 3}`).font = { italic: true };
  summary.getColumn(1).width = 50;
  summary.getColumn(2).width = 16;
  summary.getColumn(3).width = 16;

  const list = workbook.addWorksheet("Placements");
  list.getRow(1).values = [
    "Placement ID",
    "Child ID",
    "Placement Type",
    "Provider",
    "Start Date",
    "End Date",
    "Weekly Cost (£)",
  ];
  list.getRow(1).font = { bold: true };
  samplePlacements().forEach((p, i) => {
    const row = list.getRow(2 + i);
    row.values = [
      p.id,
      p.childId,
      p.type,
      p.provider,
      jsDateFromSerial(p.startDate),
      p.endDate === null ? null : jsDateFromSerial(p.endDate),
      p.weeklyCost,
    ];
    row.getCell(5).numFmt = "dd/mm/yyyy";
    row.getCell(6).numFmt = "dd/mm/yyyy";
    row.getCell(7).numFmt = "#,##0.00";
  });
  list.columns.forEach((column, i) => (column.width = [12, 10, 20, 28, 12, 12, 16][i]));
  list.views = [{ state: "frozen", ySplit: 1 }];
  list.autoFilter = "A1:G1";

  const history = workbook.addWorksheet("LAC History");
  history.getCell("A1").value = "Children looked after at the end of each month";
  history.getCell("A1").font = { bold: true, size: 12 };
  history.getRow(3).values = ["Month end", "Children looked after"];
  history.getRow(3).font = { bold: true };
  monthlyCounts().forEach((point, i) => {
    const row = history.getRow(4 + i);
    row.values = [jsDateFromSerial(point.date), point.count];
    row.getCell(1).numFmt = "mmm-yy";
  });
  history.getColumn(1).width = 12;
  history.getColumn(2).width = 22;
  return withFixedTimestamps(Buffer.from(await workbook.xlsx.writeBuffer()));
}

/** The package with every entry dated FIXED_DATE, so the same workbook gives the same bytes on every run. */
async function withFixedTimestamps(bytes: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const fixed = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (!entry.dir) fixed.file(name, await entry.async("uint8array"), { date: FIXED_DATE, createFolders: false });
  }
  return fixed.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
}

/**
 * The assumptions the demo gives the builder: the figures the strategy states that no sheet of the
 * sample holds (the counts of children looked after are read from its 'LAC History' sheet). Dates are
 * written dd/mm/yyyy, as a user would type them.
 */
export function sampleAssumptions(): Record<string, unknown> {
  const seed = "Sefton sufficiency strategy 2022-25 (the published strategy)";
  return {
    population0to17: { value: 54_098, source: `ONS mid-2020 estimate of children aged 0-17, as used by the ${seed}` },
    projectionTargetDate: "28/02/2025",
    projectionMethod: "linear",
    projectedLacCount: { value: 770, source: `the council's own projection to February 2025 (${seed})` },
    currentCostGbp: { value: 30_451_000, source: `P&P cost excluding Cherry Road (${seed})` },
    currentCostExcludes: "Cherry Road, Adoption Allowances, Support Packages etc.",
    weeksPerYear: 52,
    upliftBaseYear: 2021,
    uplift: [
      { label: "Indep Resi", category: "residential", baseCostGbp: 14_863_922, rates: [0.05, 0.05, 0.05] },
      { label: "IFA", category: "ifa", baseCostGbp: 5_730_880, rates: [0.05, 0.05, 0.05] },
      { label: "Leaving Care", category: "supported", baseCostGbp: 1_739_594, rates: [0.05, 0.05, 0.05] },
      { label: "In House", category: "inHouseFostering", baseCostGbp: 3_750_559, rates: [0.0237, 0.0237, 0.0237] },
      { label: "SGO", category: "sgo", baseCostGbp: 1_839_004, rates: [0.0237, 0.0237, 0.0237] },
    ],
    comparators: sampleComparators(),
  };
}

/** Values keyed by the year of the 31 March they refer to, as DfE tables head them. */
function byYear(firstYear: number, values: number[]): Record<string, number> {
  return Object.fromEntries(values.map((value, i) => [String(firstYear + i), value]));
}

/**
 * The published figures the strategy sets its own beside: North West, statistical neighbours and
 * England. Rates are per 10,000 children aged 0-17; placement stability (the long-term measure: two
 * years in the same placement) is a fraction, as the Stability sheet shows it (70.00% = 0.7).
 */
export function sampleComparators(): Record<string, { name: string; values: Record<string, number> }[]> {
  const series = (firstYear: number, northWest: number[], neighbours: number[], england: number[]) => [
    { name: "North West", values: byYear(firstYear, northWest) },
    { name: "Statistical neighbours", values: byYear(firstYear, neighbours) },
    { name: "England", values: byYear(firstYear, england) },
  ];
  return {
    lookedAfterRate: series(
      2014,
      [81, 82, 82, 86, 91, 94, 97, 97],
      [71.9, 71.9, 71.3, 76.4, 77.9, 83.6, 86.3, 88.7],
      [60, 60, 60, 62, 64, 65, 67, 67],
    ),
    startedRate: series(2018, [35, 33, 32, 28], [28.9, 31.2, 31.1, 27.4], [27, 27, 26, 24]),
    ceasedRate: series(2018, [30, 30, 29, 28], [27.5, 25.8, 28.4, 25.2], [25, 25, 25, 23]),
    stabilityLong: series(2018, [0.7, 0.69, 0.68, 0.71], [0.713, 0.696, 0.69, 0.708], [0.69, 0.68, 0.68, 0.7]),
  };
}

/** The annual SSDA903 returns a council holds at P10 of 2021/22: 2018/19 to 2020/21. */
export const RETURNS = { firstYear: 2018, years: 3, children: 1400, seed: 22 } as const;

export function sampleReturns(): AnnualReturn[] {
  const { firstYear, years, children, seed } = RETURNS;
  return annualReturns(generateCareHistory({ children, seed, firstYear, years }), firstYear, years);
}

/** A demand scenario to set beside the forecast: fewer children coming into care, more step-downs. */
export function sampleScenario(): Record<string, unknown> {
  return {
    name: "Edge of care and step-down",
    description: "10% fewer children starting to be looked after; a fifth more moves from residential to fostering",
    adjustments: [
      { type: "entries", multiply: 0.9 },
      { type: "transitions", from: "residential", to: "fostering", multiply: 1.2 },
    ],
  };
}

export const SAMPLE_WORKBOOK = "p10-budget-monitoring.xlsx";
export const SAMPLE_ASSUMPTIONS = "sample-assumptions.json";
export const SAMPLE_SCENARIO = "sample-scenario.json";
export const RETURNS_FOLDER = "903";

async function main(): Promise<void> {
  const compiled = path.basename(path.dirname(__dirname)) === "dist";
  const dir = compiled ? path.resolve(__dirname, "../../examples") : __dirname;
  await writeFile(path.join(dir, SAMPLE_WORKBOOK), await makeSampleWorkbook());
  await writeFile(path.join(dir, SAMPLE_ASSUMPTIONS), `${JSON.stringify(sampleAssumptions(), null, 2)}\n`);
  await writeFile(path.join(dir, SAMPLE_SCENARIO), `${JSON.stringify(sampleScenario(), null, 2)}\n`);
  await mkdir(path.join(dir, RETURNS_FOLDER), { recursive: true });
  for (const annual of sampleReturns()) {
    await writeFile(path.join(dir, RETURNS_FOLDER, annual.episodesFileName), annual.episodesCsv);
    await writeFile(path.join(dir, RETURNS_FOLDER, annual.headerFileName), annual.headerCsv);
  }
  process.stdout.write(`Wrote the sample workbook, assumptions, scenario and SSDA903 returns in ${dir}\n`);
}

if (require.main === module) void main();
