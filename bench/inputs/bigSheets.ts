/**
 * Big and sparse workbooks made on the spot, for the benchmarks and the robustness tests: the sheet XML
 * is written directly (shared strings, as Excel saves them) and zipped with JSZip, which is far faster
 * than building ExcelJS objects for a million rows.
 */
import JSZip from "jszip";
import { a1 } from "../../src/core/grid";

export type RawValue = string | number;

/** One sheet: its name and its cells, given row by row (0-based rows and columns, rows ascending). */
export interface RawSheet {
  name: string;
  /** Calls `emit` for each row that holds something, in ascending row order. */
  rows: (emit: (row: number, cells: (RawValue | null)[], firstCol?: number) => void) => void;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The worksheet part, as bytes: a million rows would not fit in one string. */
function sheetXml(sheet: RawSheet, strings: Map<string, number>): Buffer {
  const parts: Buffer[] = [];
  let pending: string[] = [];
  let minRow = Infinity;
  let maxRow = -1;
  let minCol = Infinity;
  let maxCol = -1;
  sheet.rows((row, cells, firstCol = 0) => {
    let xml = `<row r="${row + 1}">`;
    cells.forEach((value, i) => {
      if (value === null) return;
      const col = firstCol + i;
      minCol = Math.min(minCol, col);
      maxCol = Math.max(maxCol, col);
      const ref = a1(row, col);
      if (typeof value === "number") xml += `<c r="${ref}"><v>${value}</v></c>`;
      else {
        let index = strings.get(value);
        if (index === undefined) {
          index = strings.size;
          strings.set(value, index);
        }
        xml += `<c r="${ref}" t="s"><v>${index}</v></c>`;
      }
    });
    pending.push(`${xml}</row>`);
    if (pending.length === 10_000) {
      parts.push(Buffer.from(pending.join(""), "utf8"));
      pending = [];
    }
    minRow = Math.min(minRow, row);
    maxRow = Math.max(maxRow, row);
  });
  parts.push(Buffer.from(pending.join(""), "utf8"));
  const dimension = maxRow < 0 ? "A1" : `${a1(minRow, minCol)}:${a1(maxRow, maxCol)}`;
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="${dimension}"/><sheetData>`;
  return Buffer.concat([Buffer.from(head, "utf8"), ...parts, Buffer.from("</sheetData></worksheet>", "utf8")]);
}

/** An .xlsx file holding the sheets, in order, and the workbook's defined names (name -> "'P10 Summary'!$B$9"). */
export async function rawWorkbook(sheets: RawSheet[], definedNames: Record<string, string> = {}): Promise<Buffer> {
  const zip = new JSZip();
  const strings = new Map<string, number>();
  sheets.forEach((sheet, i) => zip.file(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet, strings)));
  const sharedStrings = [...strings.keys()]
    .map((text) => `<si><t xml:space="preserve">${escapeXml(text)}</t></si>`)
    .join("");
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join("") +
      "</Types>",
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    "xl/workbook.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      sheets
        .map((sheet, i) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join("") +
      "</sheets>" +
      (Object.keys(definedNames).length
        ? `<definedNames>${Object.entries(definedNames)
            .map(([name, ref]) => `<definedName name="${escapeXml(name)}">${escapeXml(ref)}</definedName>`)
            .join("")}</definedNames>`
        : "") +
      "</workbook>",
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join("") +
      `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
      `<Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      "</Relationships>",
  );
  zip.file(
    "xl/sharedStrings.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">${sharedStrings}</sst>`,
  );
  zip.file(
    "xl/styles.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
  );
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 1 } });
}

/** The children's placements cost centres of a ledger, each with its budget for the year in pounds. */
const PLACEMENT_CENTRES: [string, string, number][] = [
  ["C4101", "Residential Placements", 14_000_000],
  ["C4102", "Independent Fostering Agencies", 9_500_000],
  ["C4103", "In-house Fostering", 6_200_000],
  ["C4104", "Semi-independent Living", 3_100_000],
];

const ACCOUNTS: [string, string][] = [
  ["5101", "Salaries"],
  ["5102", "Employer's Pension"],
  ["5201", "Agency Staff"],
  ["5301", "Travel"],
  ["5401", "Supplies and Services"],
  ["5501", "Third Party Payments"],
];

/**
 * A general ledger export of `rows` lines under the header Cost Centre, Cost Centre Name, Account,
 * Account Name, Budget, Actual, Forecast, Variance: the council's cost centres (the children's placement
 * ones first, then "Service 1" and on) by account. Amounts are whole pounds so totals are exact.
 */
export function ledgerSheet(rows: number, name = "Ledger"): RawSheet {
  return {
    name,
    rows: (emit) => {
      emit(0, [
        "Cost Centre",
        "Cost Centre Name",
        "Account",
        "Account Name",
        "Budget",
        "Actual",
        "Forecast",
        "Variance",
      ]);
      for (let line = 0; line < rows; line += 1) {
        const centre = Math.floor(line / ACCOUNTS.length);
        const [account, accountName] = ACCOUNTS[line % ACCOUNTS.length];
        const placement = PLACEMENT_CENTRES[centre];
        const code = placement ? placement[0] : `C${5000 + centre}`;
        const centreName = placement ? placement[1] : `Service ${centre + 1}`;
        const budget = placement ? placement[2] / ACCOUNTS.length : 1000 + (line % 997);
        const actual = Math.round(budget * 0.8);
        const forecast = budget + (line % 7) * 100;
        emit(line + 1, [code, centreName, account, accountName, budget, actual, forecast, forecast - budget]);
      }
    },
  };
}

/** A sheet holding only the given cells (0-based), e.g. A1 and XFD1048576. */
export function cellsSheet(name: string, cells: { row: number; col: number; value: RawValue }[]): RawSheet {
  return {
    name,
    rows: (emit) => {
      for (const cell of [...cells].sort((a, b) => a.row - b.row || a.col - b.col))
        emit(cell.row, [cell.value], cell.col);
    },
  };
}

/** A small budget monitoring table as councils keep it: a header and a line a category. */
export function budgetSheet(name = "P10 Summary"): RawSheet {
  const lines: [string, number, number][] = [
    ["Residential", 12_119_924, 14_000_100],
    ["Independent Fostering Agency", 6_402_111, 7_650_000],
    ["In-house Fostering", 3_880_245, 4_503_600],
  ];
  return {
    name,
    rows: (emit) => {
      emit(0, ["Children's Placements Budget Monitoring 2021/22"]);
      emit(2, ["Setting Type", "P10 Actual to Date", "Forecast Outturn"]);
      lines.forEach((line, i) => emit(3 + i, line));
    },
  };
}
