import fc from "fast-check";
import { LacError } from "../../src/core/errors";
import { CsvReader, parseCsv } from "../../src/sources/csv";

describe("parseCsv (RFC 4180)", () => {
  it("reads plain rows with LF or CRLF line ends and drops a byte-order mark", () => {
    expect(parseCsv("\uFEFFCHILD,DECOM\r\nA,01/05/2019\r\nB,02/05/2019\r\n")).toEqual([
      ["CHILD", "DECOM"],
      ["A", "01/05/2019"],
      ["B", "02/05/2019"],
    ]);
    expect(parseCsv("a,b\nc,d")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("reads old Mac files whose lines end in CR alone", () => {
    expect(parseCsv("a,b\rc,d\r")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("reads quoted fields holding commas, doubled quotes and line breaks", () => {
    expect(parseCsv('id,note\r\n1,"Smith, J"\r\n2,"said ""hello"""\r\n3,"two\r\nlines"\r\n4,""\r\n')).toEqual([
      ["id", "note"],
      ["1", "Smith, J"],
      ["2", 'said "hello"'],
      ["3", "two\r\nlines"],
      ["4", ""],
    ]);
  });

  it("keeps empty fields, trailing empty fields and rows of different lengths", () => {
    expect(parseCsv("a,,c,\n,\nx")).toEqual([["a", "", "c", ""], ["", ""], ["x"]]);
  });

  it("skips blank lines but numbers rows as Excel shows them", () => {
    const seen: [string[], number][] = [];
    const reader = new CsvReader('h\n\n"q\nr"\nlast\n');
    while (reader.next()) seen.push([reader.fields(), reader.row]);
    expect(seen).toEqual([
      [["h"], 1],
      [["q\nr"], 3],
      [["last"], 4],
    ]);
  });

  it("gives a field's length and characters without making a string, quoted or not", () => {
    const seen: [number, number, string][] = [];
    const reader = new CsvReader('ab,"c,d",\n');
    while (reader.next()) {
      for (let i = 0; i < reader.length; i += 1)
        seen.push([
          i,
          reader.fieldLength(i),
          String.fromCharCode(...Array.from({ length: reader.fieldLength(i) }, (_, k) => reader.charCode(i, k))),
        ]);
      seen.push([9, reader.fieldLength(9), reader.field(9)]);
    }
    expect(seen).toEqual([
      [0, 2, "ab"],
      [1, 3, "c,d"],
      [2, 0, ""],
      [9, 0, ""],
    ]);
  });

  it("keeps a quote inside an unquoted field as text, as Excel does", () => {
    expect(parseCsv('a 5" tape,b\n')).toEqual([['a 5" tape', "b"]]);
  });

  it("reports an unterminated quoted field with its row", () => {
    expect(() => parseCsv('a\n"open,b\nc')).toThrow(
      new LacError(
        "value",
        "expected a closing double quote for the quoted field that starts on row 2, found the end of the file",
      ),
    );
  });

  it("reads back any table written with RFC 4180 quoting", () => {
    const field = fc.string({ unit: fc.constantFrom("a", "1", ",", '"', "\n", "\r\n", " ", "/", "é") });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (table, crlf) => {
          const quote = (value: string) =>
            /[",\r\n]/.test(value) || value === "" ? `"${value.replace(/"/g, '""')}"` : value;
          const text = table.map((row) => row.map(quote).join(",")).join(crlf ? "\r\n" : "\n");
          expect(parseCsv(text)).toEqual(table);
        },
      ),
      { numRuns: 300 },
    );
  });
});
