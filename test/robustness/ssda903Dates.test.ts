/**
 * 903 files in the date formats and encodings other programs save them in. A return written as the DfE
 * writes it (dd/mm/yyyy, UTF-8) is rewritten here as m/d/yyyy, d/m/yy, yyyy-mm-dd and dd-Mon-yyyy, and
 * saved as UTF-16: each must give exactly the episodes of the original, and say how its dates were
 * read. A file mixing day-first and month-first dates is refused naming the file, rows and formats; a
 * file that is not text, or has no 903 header, is refused naming the file and what it is.
 */
import { run } from "../support/runCli";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serialFromYmd } from "../../src/core/dates";
import { decodeCsvBytes } from "../../src/sources/csv";
import { careHistoryFromRange, type EpisodeRows, readEpisodesCsv, readHeaderCsv } from "../../src/sources/ssda903";
import { annualReturns, generateCareHistory } from "../../tools/synthetic/ssda903";
import { recogniseWorkbook } from "../../src/sources/recognise";
import { buildSufficiencyPlan, defaultAssumptions } from "../../src/workbook/build";

const [original] = annualReturns(generateCareHistory({ children: 400, seed: 903, firstYear: 2022, years: 1 }), 2022, 1);
const DMY = /\b(\d{2})\/(\d{2})\/(\d{4})\b/g;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The original return's dates rewritten, each from its day, month and year. */
function rewritten(csv: string, write: (day: string, month: string, year: string) => string): string {
  return csv.replace(DMY, (_, day: string, month: string, year: string) => write(day, month, year));
}

const strip = (n: string) => String(Number(n));
const FORMATS: [string, (day: string, month: string, year: string) => string][] = [
  ["m/d/yyyy", (d, m, y) => `${strip(m)}/${strip(d)}/${y}`],
  ["d/m/yy", (d, m, y) => `${strip(d)}/${strip(m)}/${y.slice(2)}`],
  ["yyyy-mm-dd", (d, m, y) => `${y}-${m}-${d}`],
  ["dd-Mon-yyyy", (d, m, y) => `${d}-${MONTHS[Number(m) - 1]}-${y}`],
];

/** What a file's rows say, to compare two readings of one return. */
function content(rows: EpisodeRows): unknown[] {
  return rows.episodes.map((e, i) => [rows.child[i], e.start, e.end, e.place, e.source?.row]);
}

const base = readEpisodesCsv(original.episodesCsv, "original.csv");

describe("a 903 return in other date formats", () => {
  it("reads the DfE's own format with no note and no row skipped", () => {
    expect(base.episodes.length).toBeGreaterThan(200);
    expect(base.issues).toEqual([]);
    expect(base.notes).toEqual([]);
  });

  it.each(FORMATS)(
    "reads %s to exactly the episodes of dd/mm/yyyy, and says so when it is not the DfE's order",
    (format, write) => {
      const rows = readEpisodesCsv(rewritten(original.episodesCsv, write), "return.csv");
      expect(rows.issues).toEqual([]);
      expect(content(rows)).toEqual(content(base));
      const notes = (rows.notes ?? []).join(" ");
      if (format === "m/d/yyyy")
        expect(notes).toMatch(
          /^return\.csv: its dates are written month first \(mm\/dd\/yyyy, not the DfE's dd\/mm\/yyyy\): row \d+ \w+ "\d+\/(1[3-9]|2\d|3[01])\/\d{4}"/,
        );
      if (format === "d/m/yy") expect(notes).toContain("two-digit years");
      if (format === "d/m/yy") expect(notes).toContain("00-29 as 2000-2029");
    },
  );

  it("reads a Header file's dates of birth month first when they prove it", () => {
    const header = readHeaderCsv(rewritten(original.headerCsv, FORMATS[0][1]), "header.csv");
    const dfe = readHeaderCsv(original.headerCsv, "header.csv");
    expect(header.issues).toEqual([]);
    expect(header.dob).toEqual(dfe.dob);
    expect(header.notes?.[0]).toContain("month first");
  });

  it("refuses a file mixing day-first and month-first dates, naming the file, rows and both formats; no row is read", () => {
    const csv = [
      "CHILD,DECOM,RNE,LS,PLACE,DEC",
      "A,13/04/2020,S,C2,U4,",
      "B,05/06/2020,S,C2,U4,",
      "C,04/14/2020,S,C2,U4,",
      "D,4/15/2020,S,C2,U4,",
    ].join("\n");
    const rows = readEpisodesCsv(csv, "mixed.csv");
    expect(rows.episodes).toEqual([]);
    expect(rows.issues).toHaveLength(1);
    const reason = rows.issues[0].message;
    expect(reason).toContain("mixed.csv: expected one date format, found dates in two orders");
    expect(reason).toContain('1 date fit only dd/mm/yyyy (row 2 DECOM "13/04/2020")');
    expect(reason).toContain('2 dates fit only mm/dd/yyyy (row 4 DECOM "04/14/2020", row 5 DECOM "4/15/2020")');
    expect(reason).toContain("never swapped");
    // The same when the month-first dates come first (the rest of the file is then only looked at).
    const reversed = readEpisodesCsv(
      [
        "CHILD,DECOM,RNE,LS,PLACE,DEC",
        "C,04/14/2020,S,C2,U4,",
        "B,05/06/2020,S,C2,U4,",
        "A,13/04/2020,S,C2,U4,14/05/2020",
      ].join("\n"),
      "mixed.csv",
    );
    expect(reversed.episodes).toEqual([]);
    expect(reversed.issues[0].message).toContain(
      '2 dates fit only dd/mm/yyyy (row 4 DECOM "13/04/2020", row 4 DEC "14/05/2020") and 1 date fit only mm/dd/yyyy (row 2 DECOM "04/14/2020")',
    );
  });

  it("refuses the same mix on a sheet range, and in the worksheet function's strict reading", () => {
    const rows = [
      ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC"],
      ["A", "13/04/2020", "S", "C2", "U4", ""],
      ["B", "04/14/2020", "S", "C2", "U4", ""],
    ];
    expect(() => careHistoryFromRange(rows, { sourceName: "episodes", strict: true })).toThrow(
      "episodes: expected one date format, found dates in two orders",
    );
    const history = careHistoryFromRange(rows, { sourceName: "episodes", strict: false });
    expect(history.children).toEqual([]);
    expect(history.issues[0].message).toContain('row 3 DECOM "04/14/2020"');
  });

  it("reads month-first text dates on a sheet too, and the build's warnings say so (the Excel host's episodes sheet)", () => {
    const rows = [
      ["CHILD", "DECOM", "RNE", "LS", "PLACE", "DEC", "DOB"],
      ["A", "4/13/2020", "S", "C2", "U4", "", "1/2/2010"],
      ["B", "5/6/2020", "S", "C2", "U4", "6/30/2020", "3/4/2011"],
    ];
    const history = careHistoryFromRange(rows, { sourceName: "sheet '903 Episodes'", strict: false });
    expect(history.children.map((c) => [c.child, c.dob, c.episodes[0].start, c.episodes[0].end])).toEqual([
      ["A", serialFromYmd(2010, 1, 2), serialFromYmd(2020, 4, 13), null],
      ["B", serialFromYmd(2011, 3, 4), serialFromYmd(2020, 5, 6), serialFromYmd(2020, 6, 30)],
    ]);
    expect(history.notes).toEqual([
      { file: "sheet '903 Episodes'", message: expect.stringContaining("its dates are written month first") },
    ]);
    const recognition = recogniseWorkbook([]);
    const plan = buildSufficiencyPlan({
      recognition,
      assumptions: defaultAssumptions(recognition, { careHistory: history }),
      existingSheets: [],
      careHistory: history,
    });
    expect(plan.warnings).toEqual(
      expect.arrayContaining([
        {
          severity: "warning",
          message: expect.stringContaining("month first (mm/dd/yyyy"),
          where: "sheet '903 Episodes'",
        },
      ]),
    );
  });

  it("reads a file whose every date fits both orders as dd/mm/yyyy, the DfE's, and says so", () => {
    const rows = readEpisodesCsv(
      ["CHILD,DECOM,RNE,LS,PLACE,DEC", "A,01/02/2020,S,C2,U4,03/04/2020", "B,05/06/2020,S,C2,U4,"].join("\n"),
      "small.csv",
    );
    expect(rows.episodes.map((e) => [e.start, e.end])).toEqual([
      [serialFromYmd(2020, 2, 1), serialFromYmd(2020, 4, 3)],
      [serialFromYmd(2020, 6, 5), null],
    ]);
    expect(rows.notes).toEqual([expect.stringContaining("small.csv: none of its 3 dates has a day above 12")]);
  });

  it("skips a row whose year has two digits among four-digit ones, rather than guess its century", () => {
    const rows = readEpisodesCsv(
      ["CHILD,DECOM,RNE,LS,PLACE,DEC", "A,13/04/2020,S,C2,U4,", "B,1/5/19,S,C2,U4,"].join("\n"),
      "typed.csv",
    );
    expect(rows.episodes).toHaveLength(1);
    expect(rows.issues).toEqual([
      {
        severity: "warning",
        file: "typed.csv",
        row: 3,
        message: expect.stringContaining(
          'DECOM: expected a date as dd/mm/yyyy, found "1/5/19", whose year has two digits',
        ),
      },
    ]);
  });
});

describe("903 files in other encodings", () => {
  const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(original.episodesCsv, "utf16le")]);
  const utf16be = Buffer.from(utf16le);
  utf16be.swap16();

  it.each([
    ["UTF-16 little-endian", utf16le],
    ["UTF-16 big-endian", utf16be],
    [
      "UTF-8 with a byte-order mark",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(original.episodesCsv, "utf8")]),
    ],
  ])("reads %s with its byte-order mark to the same episodes", (_, bytes) => {
    const rows = readEpisodesCsv(decodeCsvBytes(bytes, "return.csv"), "return.csv");
    expect(rows.issues).toEqual([]);
    expect(content(rows)).toEqual(content(base));
  });

  it("reads Windows-1252 text (Excel's CSV on a Windows PC) when the bytes are not UTF-8", () => {
    const bytes = Buffer.from("CHILD,DECOM,RNE,LS,PLACE,DEC,HOME_POST\nA,13/04/2020,S,C2,U4,,Caf\xe9\n", "latin1");
    expect(decodeCsvBytes(bytes, "ansi.csv")).toContain("Café");
  });

  it.each([
    ["an .xlsx workbook", Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "a zip package"],
    ["an .xls workbook", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "an old Office binary file"],
    [
      "UTF-16 without its byte-order mark",
      Buffer.from("CHILD,DECOM", "utf16le"),
      "UTF-16 text without its byte-order mark",
    ],
  ])("refuses %s naming the file and what it is", (_, bytes, found) => {
    expect(() => decodeCsvBytes(bytes, "episodes.csv")).toThrow(
      `episodes.csv: expected a CSV text file, found ${found}`,
    );
  });
});

describe("the command line with such files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "lac-903-dates-"));
  const write = (name: string, data: string | Buffer): string => {
    const file = path.join(dir, name);
    writeFileSync(file, data);
    return file;
  };
  const SAMPLE = path.join("examples", "p10-budget-monitoring.xlsx");

  it("builds from an m/d/yyyy return saved as UTF-16, warning that its dates are month first", async () => {
    const csv = rewritten(original.episodesCsv, FORMATS[0][1]);
    const episodes = write("us.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, "utf16le")]));
    const { code, stdout, stderr } = await run([
      "build",
      SAMPLE,
      "-o",
      path.join(dir, "us.xlsx"),
      "--episodes",
      episodes,
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(`${episodes}: its dates are written month first (mm/dd/yyyy, not the DfE's dd/mm/yyyy)`);
    expect(stdout).not.toContain("expected a date");
  });

  it("exits 1 naming the file, rows and formats of a mixed file", async () => {
    const episodes = write(
      "mixed.csv",
      ["CHILD,DECOM,RNE,LS,PLACE,DEC", "A,13/04/2020,S,C2,U4,", "B,04/14/2020,S,C2,U4,"].join("\n"),
    );
    const { code, stderr } = await run(["build", SAMPLE, "-o", path.join(dir, "mixed.xlsx"), "--episodes", episodes]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${episodes}: expected one date format, found dates in two orders: 1 date fit only dd/mm/yyyy (row 2 DECOM "13/04/2020") and 1 date fit only mm/dd/yyyy (row 3 DECOM "04/14/2020")`,
    );
  });

  it("exits 1 naming a workbook given as an Episodes file, and a CSV without the 903 columns by what it has", async () => {
    const workbook = await run(["build", SAMPLE, "-o", path.join(dir, "x.xlsx"), "--episodes", SAMPLE]);
    expect(workbook.code).toBe(1);
    expect(workbook.stderr).toBe(
      `${SAMPLE}: expected a CSV text file, found a zip package (an .xlsx workbook or another Office file, not its CSV). Save the data as CSV (comma delimited) and choose that file.`,
    );
    const other = write("budget.csv", "Service,Budget,Actual\nResidential,100,90\n");
    const wrong = await run(["build", SAMPLE, "-o", path.join(dir, "y.xlsx"), "--episodes", other]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      `${other}: expected the 903 columns CHILD, DECOM, RNE, LS, PLACE, DEC in the first row, found Service, Budget, Actual`,
    );
  });
});
