/**
 * The sample workbook in examples/: made by examples/make-sample.ts from the published strategy's figures, the same
 * on every run, and committed as generated.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { formatDate, serialFromYmd } from "../../src/core/dates";
import { readWorkbookGrids } from "../../src/xlsx/xlsxRead";
import { recogniseWorkbook } from "../../src/sources/recognise";
import { placementsByCategory } from "../../src/sources/placementList";
import {
  makeSampleWorkbook,
  monthlyCounts,
  PERIOD_END,
  PLACEMENT_KINDS,
  PUBLISHED_COUNTS,
  RETURNS_FOLDER,
  SAMPLE_ASSUMPTIONS,
  SAMPLE_SCENARIO,
  SAMPLE_WORKBOOK,
  sampleAssumptions,
  samplePlacements,
  sampleReturns,
  sampleScenario,
} from "../../examples/make-sample";
import { readEpisodesCsv, readHeaderCsv, stitchCareHistory } from "../../src/sources/ssda903";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");

it("is committed exactly as the generator makes it, byte for byte", async () => {
  expect((await makeSampleWorkbook()).equals(await readFile(path.join(EXAMPLES, SAMPLE_WORKBOOK)))).toBe(true);
  expect(JSON.parse(await readFile(path.join(EXAMPLES, SAMPLE_ASSUMPTIONS), "utf8"))).toEqual(sampleAssumptions());
  expect(JSON.parse(await readFile(path.join(EXAMPLES, SAMPLE_SCENARIO), "utf8"))).toEqual(sampleScenario());
  const returns = sampleReturns();
  expect(returns.map((r) => r.episodesFileName)).toEqual([
    "episodes_2018-19.csv",
    "episodes_2019-20.csv",
    "episodes_2020-21.csv",
  ]);
  for (const annual of returns) {
    expect(await readFile(path.join(EXAMPLES, RETURNS_FOLDER, annual.episodesFileName), "utf8")).toBe(
      annual.episodesCsv,
    );
    expect(await readFile(path.join(EXAMPLES, RETURNS_FOLDER, annual.headerFileName), "utf8")).toBe(annual.headerCsv);
  }
});

it("is the same on every run", async () => {
  expect(samplePlacements()).toEqual(samplePlacements());
  expect((await makeSampleWorkbook()).equals(await makeSampleWorkbook())).toBe(true);
});

it("has SSDA903 returns that read without a bad row and hold about 600 children looked after", async () => {
  const files = sampleReturns().map((annual) => ({
    episodes: readEpisodesCsv(annual.episodesCsv, annual.episodesFileName),
    header: readHeaderCsv(annual.headerCsv, annual.headerFileName),
  }));
  const history = stitchCareHistory(files);
  expect(history.issues).toEqual([]);
  const atYearEnd = serialFromYmd(2021, 3, 31);
  const lookedAfter = history.children.filter((child) =>
    child.episodes.some(
      (e) => e.start <= atYearEnd && (e.end === null || e.end >= atYearEnd) && !["V3", "V4"].includes(e.ls),
    ),
  );
  expect(lookedAfter.length).toBeGreaterThan(500);
  expect(lookedAfter.length).toBeLessThan(700);
});

it("has placements open at the end of P10 averaging exactly the seed's weekly costs", () => {
  const placements = samplePlacements();
  for (const kind of PLACEMENT_KINDS) {
    const open = placements.filter(
      (p) => p.type === kind.type && p.startDate <= PERIOD_END && (p.endDate === null || p.endDate > PERIOD_END),
    );
    expect(open).toHaveLength(kind.open);
    const averagePence = open.reduce((sum, p) => sum + Math.round(p.weeklyCost * 100), 0) / open.length;
    expect(averagePence).toBe(kind.averageWeeklyCost * 100);
    const ended = placements.filter((p) => p.type === kind.type && p.endDate !== null && p.endDate <= PERIOD_END);
    expect(ended).toHaveLength(kind.ended);
    expect(ended.every((p) => p.startDate < (p.endDate as number))).toBe(true);
  }
});

it("gives recognition the seed's spend table and average weekly costs", async () => {
  const { grids } = await readWorkbookGrids(path.join(EXAMPLES, "p10-budget-monitoring.xlsx"));
  const recognition = recogniseWorkbook(grids);
  expect(recognition.period).toMatchObject({ period: 10, financialYear: 2021 });
  const [budget] = recognition.budgets;
  expect(
    budget.lines.map((line) => [line.label, line.values.actualToDate?.value, line.values.forecastOutturn?.value]),
  ).toEqual([
    ["Residential", 12_119_924, 14_000_100],
    ["In House Fostering", 3_175_235, 3_863_500],
    ["Independent Fostering", 4_745_315, 5_690_000],
    ["Supported Living incl SAILS and Supported Lodgings", 1_733_306, 1_935_500],
    ["Special Guardianship Orders", 1_508_673, 1_795_500],
    ["Child Arrangement Orders", 251_222, 298_000],
    ["Adoption Allowances", 470_828, 571_100],
  ]);
  const byCategory = placementsByCategory(recognition.placementLists[0], PERIOD_END);
  expect(byCategory.residential?.averageWeeklyCostGbp).toBeCloseTo(4528, 9);
  expect(byCategory.inHouseFostering?.averageWeeklyCostGbp).toBeCloseTo(241, 9);
  expect(byCategory.ifa?.averageWeeklyCostGbp).toBeCloseTo(798, 9);
  expect(byCategory.supported?.averageWeeklyCostGbp).toBeCloseTo(1062, 9);
});

it("has a monthly count of children looked after through every count the seed publishes", () => {
  const counts = monthlyCounts();
  expect(counts).toHaveLength(61);
  expect(formatDate(counts[0].date)).toBe("28/02/2017");
  expect(formatDate(counts[counts.length - 1].date)).toBe("28/02/2022");
  for (const point of PUBLISHED_COUNTS) expect(counts).toContainEqual(point);
  expect(counts.find((point) => point.date === serialFromYmd(2019, 3, 31))?.count).toBe(527);
  for (let i = 1; i < counts.length; i += 1) expect(Math.abs(counts[i].count - counts[i - 1].count)).toBeLessThan(15);
});
