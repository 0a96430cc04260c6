/**
 * One test per hand-built 903 history in test/fixtures/903: each fixture names the rule it shows, holds
 * one or more years' Episodes (and Header) files as CSV lines, and the figures the rule implies.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { CareHistory, ChildHistory } from "../../src/core/careHistory";
import { parseDate } from "../../src/core/dates";
import { childStability, placementStability, stabilityCounts, type StabilityMeasure } from "../../src/core/stability";
import { careMeasures } from "../../src/core/careMeasures";
import type { MoveCounting } from "../../src/core/codes903";
import { parseCsv } from "../../src/sources/csv";
import { careHistoryFromRange, readEpisodesCsv, readHeaderCsv, stitchCareHistory } from "../../src/sources/ssda903";

interface FixtureFile {
  name: string;
  episodes: string[];
  header?: string[];
}

interface Fixture {
  rule: string;
  files: FixtureFile[];
  expect: {
    stability?: {
      yearEnd: string;
      measure: StabilityMeasure;
      moves: MoveCounting;
      numerator: number;
      denominator: number;
    }[];
    placements?: { child: string; yearEnd: string; moves: MoveCounting; placementsInYear: number }[];
    stitching?: Record<string, number>;
    episodes?: {
      child: string;
      places: string[];
      ends: (string | null)[];
      recs?: (string | null)[];
      providers?: string[];
    }[];
    issues?: { file: string; row: number; reasonIncludes: string }[];
    children?: string[];
    /** Expected figures per period; each object is matched as a subset of careMeasures' result. */
    measures?: {
      moves: MoveCounting;
      periods: ({ start: string; end: string; population?: number } & Record<string, unknown>)[];
    };
  };
}

const FIXTURE_DIR = path.join(__dirname, "..", "fixtures", "903");
const fixtures = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => ({ name, fixture: JSON.parse(readFileSync(path.join(FIXTURE_DIR, name), "utf8")) as Fixture }));

function date(text: string): number {
  const serial = parseDate(text);
  if (serial === null) throw new Error(`fixture date "${text}" is blank`);
  return serial;
}

function loadFixture(fixture: Fixture): CareHistory {
  return stitchCareHistory(
    fixture.files.map((file) => ({
      // CRLF, as Excel and most case management systems write CSV.
      episodes: readEpisodesCsv(file.episodes.join("\r\n"), file.name),
      header: file.header
        ? readHeaderCsv(file.header.join("\r\n"), file.name.replace("episodes", "header"))
        : undefined,
    })),
  );
}

function childOf(history: CareHistory, id: string): ChildHistory {
  const child = history.children.find((c) => c.child === id);
  if (!child) throw new Error(`no child ${id} in the fixture's history`);
  return child;
}

test("there are fixtures for every stability and stitching rule", () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(15);
});

describe.each(fixtures)("$name", ({ fixture }) => {
  const history = loadFixture(fixture);
  const { expect: expected } = fixture;

  it(`${fixture.rule}`, () => {
    for (const check of expected.placements ?? []) {
      const child = childOf(history, check.child);
      expect({
        child: check.child,
        moves: check.moves,
        placements: childStability(child, date(check.yearEnd), check.moves).placementsInYear,
      }).toEqual({
        child: check.child,
        moves: check.moves,
        placements: check.placementsInYear,
      });
    }
    for (const check of expected.stability ?? []) {
      const result = placementStability(history, date(check.yearEnd), { measure: check.measure, moves: check.moves });
      expect({ ...check, numerator: result.numerator, denominator: result.denominator }).toEqual(check);
      expect(result.rate).toBeCloseTo(check.numerator / check.denominator, 12);
    }
    if (expected.stitching) expect(history.stitching).toEqual(expected.stitching);
    for (const check of expected.episodes ?? []) {
      const episodes = childOf(history, check.child).episodes;
      expect(episodes.map((e) => e.place)).toEqual(check.places);
      expect(episodes.map((e) => e.end)).toEqual(check.ends.map((end) => (end === null ? null : date(end))));
      if (check.recs) expect(episodes.map((e) => e.rec)).toEqual(check.recs);
      if (check.providers) expect(episodes.map((e) => e.placeProvider)).toEqual(check.providers);
    }
    if (expected.issues) {
      expect(history.issues.map(({ file, row }) => ({ file, row })).sort(byFileRow)).toEqual(
        expected.issues.map(({ file, row }) => ({ file, row })).sort(byFileRow),
      );
      for (const check of expected.issues) {
        const issue = history.issues.find((i) => i.file === check.file && i.row === check.row);
        expect(issue?.message).toContain(check.reasonIncludes);
      }
    }
    if (expected.children) expect(history.children.map((c) => c.child)).toEqual(expected.children);
    if (expected.measures) {
      const { moves, periods } = expected.measures;
      const measured = careMeasures(
        history,
        periods.map((p) => ({ start: date(p.start), end: date(p.end) })),
        { moves, population: periods.map((p) => p.population ?? null) },
      );
      periods.forEach(({ start, end, population, ...figures }, index) => {
        expect({ start, end, ...measured[index] }).toMatchObject({ start, end, ...figures });
      });
    }
  });

  if (fixture.files.length === 1 && !fixture.files[0].header) {
    it("reads the same from a sheet range as from the CSV file", () => {
      const rows = parseCsv(fixture.files[0].episodes.join("\n"));
      const fromRange = careHistoryFromRange(rows, { sourceName: "Episodes", strict: false });
      for (const check of expected.stability ?? []) {
        const options = { measure: check.measure, moves: check.moves };
        expect(stabilityCounts(fromRange, date(check.yearEnd), options)).toEqual(
          stabilityCounts(history, date(check.yearEnd), options),
        );
      }
      expect(fromRange.children.map((c) => c.episodes.map((e) => [e.start, e.end, e.place]))).toEqual(
        history.children.map((c) => c.episodes.map((e) => [e.start, e.end, e.place])),
      );
    });
  }
});

function byFileRow(a: { file: string; row: number }, b: { file: string; row: number }): number {
  return a.file.localeCompare(b.file) || a.row - b.row;
}
