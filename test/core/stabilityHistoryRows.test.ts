/**
 * A stitched history written back as rows (what the task pane's Import 903 puts on a sheet) reads back
 * to the same history; and several years' files picked in any order, Header files not matched to their
 * year, stitch as the command line stitches them paired by hand.
 */
import type { CareHistory, ChildHistory } from "../../src/core/careHistory";
import { serialFromYmd } from "../../src/core/dates";
import { placementStability } from "../../src/core/stability";
import {
  careHistoryFromRange,
  careHistoryRows,
  episodeRowsFromRange,
  readEpisodesCsv,
  readHeaderCsv,
  stitchCareHistory,
  stitchReturns,
} from "../../src/sources/ssda903";
import { annualReturns, generateCareHistory } from "../../tools/synthetic/ssda903";

const d = serialFromYmd;

/** A child as the measures see it: without where each episode was read. */
function withoutSources(children: ChildHistory[]) {
  return children.map((child) => ({
    ...child,
    episodes: child.episodes.map(({ source: _source, ...episode }) => episode),
  }));
}

const EPISODES_2020 = [
  "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC",
  "A,01/05/2019,S,C2,N1,U4,PR1,01/02/2020,X1",
  "A,01/02/2020,P,C2,N1,U6,PR4,,",
  "B,10/10/2019,S,C2,N2,R1,PR2,,",
  "B,01/01/2020,P,C2,N2,U4,PR1,,",
].join("\n");
const EPISODES_2021 = [
  "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC",
  "A,01/02/2020,P,C2,N1,U6,PR4,15/03/2021,E11",
  "B,01/01/2020,P,C2,N2,U4,PR1,,",
  "C,01/06/2020,S,V2,N1,K2,PR2,,",
].join("\n");
const HEADER_2020 = ["CHILD,SEX,DOB", "A,1,01/03/2010", "B,2,15/07/2006"].join("\n");
const HEADER_2021 = ["CHILD,SEX,DOB", "A,1,01/03/2010", "B,2,15/07/2006", "C,1,20/11/2004"].join("\n");

describe("stitchReturns", () => {
  it("pairs each Header file with the Episodes file of its children, whatever order they are picked in", () => {
    const episodes = [
      readEpisodesCsv(EPISODES_2021, "episodes_2021.csv"),
      readEpisodesCsv(EPISODES_2020, "episodes_2020.csv"),
    ];
    const headers = [readHeaderCsv(HEADER_2020, "header_2020.csv"), readHeaderCsv(HEADER_2021, "header_2021.csv")];
    const history = stitchReturns(episodes, headers);
    const byHand = stitchCareHistory([
      {
        episodes: readEpisodesCsv(EPISODES_2020, "episodes_2020.csv"),
        header: readHeaderCsv(HEADER_2020, "header_2020.csv"),
      },
      {
        episodes: readEpisodesCsv(EPISODES_2021, "episodes_2021.csv"),
        header: readHeaderCsv(HEADER_2021, "header_2021.csv"),
      },
    ]);
    expect(history).toEqual(byHand);
    // A's open U6 episode is closed in 2021 and B's open U4 one still open: both continued; B's R1
    // episode, left open in 2020, ends where its U4 one starts.
    expect(history.stitching).toEqual({
      repeatedEpisodes: 0,
      continuedEpisodes: 2,
      revisedEpisodes: 0,
      truncatedOverlaps: 1,
    });
    expect(history.children.map((c) => [c.child, c.dob, c.sex, c.episodes.map((e) => [e.place, e.end])])).toEqual([
      [
        "A",
        d(2010, 3, 1),
        "1",
        [
          ["U4", d(2020, 2, 1)],
          ["U6", d(2021, 3, 15)],
        ],
      ],
      [
        "B",
        d(2006, 7, 15),
        "2",
        [
          ["R1", d(2020, 1, 1)],
          ["U4", null],
        ],
      ],
      ["C", d(2004, 11, 20), "1", [["K2", null]]],
    ]);
    expect(history.issues).toEqual([]);
  });

  it("reports a Header file left over, with its own bad rows, and leaves its dates of birth out", () => {
    const badHeader = ["CHILD,SEX,DOB", "Z,1,31/02/2010", "Y,2,01/01/2011"].join("\n");
    const history = stitchReturns(
      [readEpisodesCsv(EPISODES_2020, "episodes_2020.csv")],
      [readHeaderCsv(HEADER_2020, "header_2020.csv"), readHeaderCsv(badHeader, "header_other.csv")],
    );
    expect(history.children.map((c) => c.dob)).toEqual([d(2010, 3, 1), d(2006, 7, 15)]);
    expect(history.issues).toEqual([
      {
        severity: "warning",
        file: "header_other.csv",
        row: 2,
        message: 'DOB: expected a date as dd/mm/yyyy, found "31/02/2010", which is not a day of the calendar',
      },
      {
        severity: "warning",
        file: "header_other.csv",
        row: 1,
        message:
          "header_other.csv: none of the Episodes files left lists its children (each Header file goes with the Episodes file of its year), so its dates of birth were not used",
      },
    ]);
  });
});

describe("careHistoryRows", () => {
  it("writes a child's DOB and SEX beside each episode, dates as serials and blanks as empty text", () => {
    const history = stitchReturns(
      [readEpisodesCsv(EPISODES_2020, "e.csv"), readEpisodesCsv(EPISODES_2021, "f.csv")],
      [readHeaderCsv(HEADER_2021, "h.csv")],
    );
    expect(careHistoryRows(history)).toEqual([
      ["CHILD", "DOB", "SEX", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC"],
      ["A", d(2010, 3, 1), "1", d(2019, 5, 1), "S", "C2", "N1", "U4", "PR1", d(2020, 2, 1), "X1"],
      ["A", d(2010, 3, 1), "1", d(2020, 2, 1), "P", "C2", "N1", "U6", "PR4", d(2021, 3, 15), "E11"],
      ["B", d(2006, 7, 15), "2", d(2019, 10, 10), "S", "C2", "N2", "R1", "PR2", d(2020, 1, 1), ""],
      ["B", d(2006, 7, 15), "2", d(2020, 1, 1), "P", "C2", "N2", "U4", "PR1", "", ""],
      ["C", d(2004, 11, 20), "1", d(2020, 6, 1), "S", "V2", "N1", "K2", "PR2", "", ""],
    ]);
  });

  it("reads back through careHistoryFromRange, strict as LAC.STABILITY reads it, to the same episodes and dates of birth", () => {
    const truth = generateCareHistory({ children: 300, seed: 11, firstYear: 2017, years: 4 });
    const returns = annualReturns(truth, 2017, 4);
    const stitched = stitchReturns(
      returns.map((r) => readEpisodesCsv(r.episodesCsv, r.episodesFileName)).reverse(),
      returns.map((r) => readHeaderCsv(r.headerCsv, r.headerFileName)),
    );
    expect(stitched.stitching.repeatedEpisodes + stitched.stitching.continuedEpisodes).toBeGreaterThan(100);
    const rows = careHistoryRows(stitched);
    const back: CareHistory = careHistoryFromRange(rows, { sourceName: "sheet '903 Episodes'", strict: true });
    expect(withoutSources(back.children)).toEqual(withoutSources(stitched.children));
    expect(back.stitching).toEqual({
      repeatedEpisodes: 0,
      continuedEpisodes: 0,
      revisedEpisodes: 0,
      truncatedOverlaps: 0,
    });
    expect(back.issues).toEqual([]);
    expect(back.children[0].episodes[0].source).toEqual({ file: "sheet '903 Episodes'", row: 2 });
    const yearEnd = d(2021, 3, 31);
    for (const measure of ["short", "long"] as const) {
      expect(placementStability(back, yearEnd, { measure, moves: "placement" })).toEqual(
        placementStability(stitched, yearEnd, { measure, moves: "placement" }),
      );
    }
  });

  it("reads back from the sheet's two imports, stitched, to the same history", () => {
    const history = stitchReturns(
      [readEpisodesCsv(EPISODES_2020, "e.csv"), readEpisodesCsv(EPISODES_2021, "f.csv")],
      [readHeaderCsv(HEADER_2021, "h.csv")],
    );
    const rows = careHistoryRows(history);
    // The first year imported alone, then both years: the second sheet repeats the first's episodes.
    const firstYear = careHistoryRows(
      stitchReturns([readEpisodesCsv(EPISODES_2020, "e.csv")], [readHeaderCsv(HEADER_2020, "h.csv")]),
    );
    const both = stitchCareHistory([
      { episodes: episodeRowsFromRange(firstYear, "sheet '903 Episodes'") },
      { episodes: episodeRowsFromRange(rows, "sheet '903 Episodes (2)'") },
    ]);
    expect(withoutSources(both.children)).toEqual(withoutSources(history.children));
    expect(both.stitching).toEqual({
      repeatedEpisodes: 2,
      continuedEpisodes: 2,
      revisedEpisodes: 0,
      truncatedOverlaps: 0,
    });
  });
});

describe("episodeRowsFromRange", () => {
  it("reports a range without the 903 columns on its row 1, with no rows", () => {
    const rows = episodeRowsFromRange(
      [
        ["CHILD", "DOB"],
        ["A", "01/01/2010"],
      ],
      "sheet 'Notes'",
    );
    expect(rows.episodes).toEqual([]);
    expect(rows.issues).toEqual([
      {
        severity: "warning",
        file: "sheet 'Notes'",
        row: 1,
        message:
          "sheet 'Notes': expected the 903 columns DECOM, RNE, LS, PLACE, DEC in the first row, found CHILD, DOB",
      },
    ]);
  });
});
