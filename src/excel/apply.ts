/// <reference types="office-js" />
/**
 * Writes a WorkbookPlan into the open workbook, in place and safely, in a fixed number of syncs:
 *
 *   1-2  inspect: the sheet list, defined names, ownership markers, tables, structure protection and
 *        date system (listSheets + one sync); a protected structure is refused here, before any write;
 *   3    write, with calculation and screen updating suspended: the add-in's previous sheets are set
 *        aside under temporary names, the new sheets are added under their final names (so formulas
 *        between them bind to the new sheets), then cells, styles, widths, freeze panes, tables, charts,
 *        defined names and ownership markers. Split into more requests only where one would pass the
 *        5 MB limit of Excel on the web;
 *   4    finish: delete the set-aside sheets, recalculate, show the first new sheet.
 *
 * If anything fails or the user cancels before the finish, the new sheets are deleted and the set-aside
 * ones get their names, tables and defined names back (two more syncs): the workbook is as it was.
 * The user's own sheets are never written; a sheet is the add-in's only if it carries the marker.
 */
import { a1, columnLetter } from "../core/grid";
import { planInDateSystem } from "../workbook/dateSystem";
import { CELL_LOOKS, TABLE_STYLE } from "../workbook/looks";
import type { CellStyle, ChartPlan, ChartType, RangeRef, SheetPlan, WorkbookPlan } from "../workbook/plan";
import type { Diagnostic } from "../core/diagnostics";
import { blockPayload, sliceByBytes } from "./cells";
import { BuildCancelled, describeExcelError, ExcelActionError } from "./errors";
import type { Capabilities } from "./host";
import {
  documentPropertyKey,
  isAllowedSheetName,
  OWNED_SHEET_PROPERTY,
  sheetKeyOfDocumentProperty,
} from "../workbook/ownership";
import { nameDocumentProperty, nameOfDocumentProperty, placeDefinedNames } from "../workbook/definedNames";
import { listSheets, queueOwnership } from "./read";
import { protectedStructureError, queueWorkbookFacts } from "./workbookFacts";

/** Excel on the web refuses requests over 5 MB; stay well under it (the estimate is approximate). */
export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

export type ApplyStage = "checking" | "writing" | "finishing" | "restoring";

export const APPLY_STAGE_LABELS: Record<ApplyStage, string> = {
  checking: "Checking the workbook",
  writing: "Writing the sheets",
  finishing: "Removing the previous sheets",
  restoring: "Putting the workbook back as it was",
};

export interface ApplyProgress {
  stage: ApplyStage;
  /** Requests sent so far in this stage, and how many it needs. */
  done: number;
  total: number;
}

export interface ApplyOptions {
  capabilities: Capabilities;
  onProgress?: (progress: ApplyProgress) => void;
  signal?: AbortSignal;
  maxRequestBytes?: number;
}

export interface ApplyReport {
  /** The sheets written, in plan order. */
  sheets: { key: string; name: string }[];
  /** Names of the add-in's earlier sheets that were replaced. */
  replaced: string[];
  /** Names of the add-in's earlier sheets kept as they were (WorkbookPlan.keptSheets). */
  kept: string[];
  definedNames: string[];
  /** context.sync() calls made, and how many of them carried the write. */
  syncs: number;
  writeRequests: number;
  /** What the user should know about how the plan was written (features the host lacks). */
  notes: Diagnostic[];
}

interface SetAside {
  original: string;
  temporary: string;
  tables: { original: string; temporary: string }[];
}

/** Everything needed to put the workbook back as it was. */
interface Undo {
  sheetsBefore: Set<string>;
  setAside: SetAside[];
  namesRemoved: { name: string; formula: string; comment: string }[];
  namesBefore: Set<string>;
  /** Our document properties before the write: property key -> sheet name. */
  documentMarkersRemoved: { key: string; name: string }[];
}

const lower = (text: string) => text.toLowerCase();

const CHART_TYPES: Record<ChartType, string> = {
  columnClustered: "ColumnClustered",
  columnStacked: "ColumnStacked",
  barClustered: "BarClustered",
  line: "Line",
  lineMarkers: "LineMarkers",
  pie: "Pie",
};

/** Office.js has no workbook default font size to read without another sync; Excel's default is 11 pt. */
const DEFAULT_FONT_POINTS = 11;

/** Excel's column width in points for a width in characters of the default font (7 px digits + 5 px padding). */
export function columnWidthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

function checkPlan(plan: WorkbookPlan, existing: { name: string; ownedKey: string | null }[]): void {
  const seen = new Set<string>();
  for (const sheet of plan.sheets) {
    if (!isAllowedSheetName(sheet.name)) {
      throw new Error(
        `The sheet name "${sheet.name}" cannot be used in Excel (at most 31 characters, none of : \\ / ? * [ ]).`,
      );
    }
    if (seen.has(lower(sheet.name))) throw new Error(`The workbook plan names two sheets "${sheet.name}".`);
    seen.add(lower(sheet.name));
    const clash = existing.find((e) => lower(e.name) === lower(sheet.name) && !e.ownedKey);
    if (clash) {
      throw new ExcelActionError(
        "checking the workbook",
        `The sheet '${clash.name}' is one of yours, and the add-in will not overwrite it.`,
        "The workbook changed since the panel read it. Go back to Sources and read the workbook again; the add-in will choose another name.",
        null,
      );
    }
  }
  for (const name of plan.names) {
    if (!/^LAC_/i.test(name.name)) throw new Error(`The defined name "${name.name}" must start with "LAC_".`);
  }
}

function uniqueName(base: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken.has(lower(candidate))) {
      taken.add(lower(candidate));
      return candidate;
    }
  }
}

export async function applyPlan(
  context: Excel.RequestContext,
  givenPlan: WorkbookPlan,
  options: ApplyOptions,
): Promise<ApplyReport> {
  const maxBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const progress = (stage: ApplyStage, done: number, total: number) => options.onProgress?.({ stage, done, total });
  let syncs = 0;
  const sync = async () => {
    syncs += 1;
    await context.sync();
  };
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new BuildCancelled();
  };

  // 1-2: inspect.
  progress("checking", 0, 2);
  let listing;
  const facts = queueWorkbookFacts(context);
  try {
    listing = await listSheets(context);
    syncs += 1;
  } catch (error) {
    throw describeExcelError(error, "reading the list of sheets");
  }
  const { structureProtected, date1904 } = facts();
  if (structureProtected) throw protectedStructureError();
  // The plan's dates in the workbook's date system, converted here, where the cells are written.
  let plan = planInDateSystem(givenPlan, date1904);
  const ownership = queueOwnership(listing, options.capabilities);
  for (const sheet of listing.sheets) sheet.tables.load("items/name");
  try {
    await sync();
  } catch (error) {
    throw describeExcelError(error, "checking which sheets are the add-in's");
  }
  progress("checking", 2, 2);
  const { existing, warnings: ownershipWarnings } = ownership();
  checkPlan(plan, existing);
  const plannedTables = new Set(plan.sheets.flatMap((s) => (s.tables ?? []).map((t) => lower(t.name))));
  listing.sheets.forEach((sheet, i) => {
    if (existing[i].ownedKey) return;
    const clash = sheet.tables.items.find((t) => plannedTables.has(lower(t.name)));
    if (clash) {
      throw new ExcelActionError(
        "checking the workbook",
        `Your table '${clash.name}' on sheet '${sheet.name}' has a name the add-in's sheets use.`,
        "Rename your table (Table Design > Table Name), then build again.",
        null,
      );
    }
  });
  checkCancelled();

  // A sheet of the last build the plan keeps stays as it is, with its markers, like one of the user's.
  const isKept = (i: number): boolean =>
    (plan.keptSheets ?? []).some((kept) => kept.key === existing[i].ownedKey && kept.name === existing[i].name);
  const keptSheets = existing.filter((_, i) => isKept(i));
  const ownedSheets = listing.sheets.filter((_, i) => existing[i].ownedKey !== null && !isKept(i));
  // Only the names the last build recorded are replaced; a user's own LAC_ name stays and ours takes another.
  const placement = placeDefinedNames(
    plan,
    listing.names,
    listing.recordedNames && new Set(listing.recordedNames.keys()),
    ownedSheets.map((sheet) => sheet.name),
  );
  plan = placement.plan;
  const replacedNames = new Set(placement.replace.map((n) => lower(n.name)));
  const namesToRemove = listing.names.filter((n) => replacedNames.has(lower(n.name)));
  const takenSheetNames = new Set([...existing.map((e) => lower(e.name)), ...plan.sheets.map((s) => lower(s.name))]);
  const takenTableNames = new Set(listing.sheets.flatMap((sheet) => sheet.tables.items.map((t) => lower(t.name))));
  const undo: Undo = {
    sheetsBefore: new Set(existing.map((e) => lower(e.name))),
    setAside: ownedSheets.map((sheet) => ({
      original: sheet.name,
      temporary: uniqueName("LAC previous ", takenSheetNames),
      tables: sheet.tables.items.map((t) => ({
        original: t.name,
        temporary: uniqueName("LAC_previous_", takenTableNames),
      })),
    })),
    namesRemoved: namesToRemove,
    namesBefore: new Set(listing.names.map((n) => lower(n.name))),
    documentMarkersRemoved: [
      ...[...listing.documentNames]
        .filter(([key]) => !keptSheets.some((kept) => kept.ownedKey === key))
        .map(([key, name]) => ({ key: documentPropertyKey(key), name })),
      ...[...(listing.recordedNames ?? [])].map(([written, asked]) => ({
        key: nameDocumentProperty(written),
        name: asked,
      })),
    ],
  };

  // 3: write.
  const notes: Diagnostic[] = [...ownershipWarnings, ...placement.warnings];
  if (!options.capabilities.customProperties) {
    notes.push({
      severity: "info",
      message:
        "This version of Excel has no worksheet custom properties (ExcelApi 1.12): the add-in recognises its sheets by the names recorded in the workbook's properties, so renaming one of its sheets makes it yours.",
    });
  }
  let writeRequests = 0;
  try {
    const requests = planRequests(
      context,
      plan,
      listing.sheets,
      undo,
      options.capabilities,
      maxBytes,
      placement.written,
    );
    for (let i = 0; i < requests.length; i++) {
      checkCancelled();
      progress("writing", i, requests.length);
      context.workbook.application.suspendApiCalculationUntilNextSync();
      context.workbook.application.suspendScreenUpdatingUntilNextSync();
      for (const queue of requests[i]) queue();
      await sync();
      writeRequests += 1;
    }
    progress("writing", requests.length, requests.length);
    checkCancelled();
  } catch (error) {
    const failure =
      error instanceof BuildCancelled ? error : describeExcelError(error, "writing the sufficiency sheets");
    progress("restoring", 0, 2);
    try {
      syncs += await restore(context, undo);
    } catch (restoreError) {
      const detail = describeExcelError(restoreError, "putting the workbook back");
      throw new ExcelActionError(
        "writing the sufficiency sheets",
        `${failure.message} Then putting the workbook back failed too: ${detail.message}`,
        "Sheets named 'LAC previous …' hold your earlier sufficiency sheets; building again removes any half-written ones.",
        detail.excelCode,
      );
    }
    progress("restoring", 2, 2);
    throw failure;
  }

  // 4: finish.
  progress("finishing", 0, 1);
  try {
    for (const aside of undo.setAside) context.workbook.worksheets.getItem(aside.temporary).delete();
    context.workbook.application.calculate("Full");
    if (plan.sheets.length) context.workbook.worksheets.getItem(plan.sheets[0].name).activate();
    await sync();
  } catch (error) {
    const detail = describeExcelError(error, "removing the previous sufficiency sheets");
    throw new ExcelActionError(
      detail.during,
      `The new sheets are written, but ${detail.message}`,
      `Delete the sheets ${undo.setAside.map((s) => `'${s.temporary}'`).join(", ")} yourself; they are the previous build.`,
      detail.excelCode,
    );
  }
  progress("finishing", 1, 1);
  return {
    sheets: plan.sheets.map((s) => ({ key: s.key, name: s.name })),
    replaced: undo.setAside.map((s) => s.original),
    kept: keptSheets.map((sheet) => sheet.name),
    definedNames: plan.names.map((n) => n.name),
    syncs,
    writeRequests,
    notes,
  };
}

type Queue = () => void;

/**
 * The write, as requests of queued calls: the first sets aside the previous sheets and adds the new
 * ones; cell blocks follow, a new request starting only where one would pass maxBytes.
 */
function planRequests(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  workbookSheets: Excel.Worksheet[],
  undo: Undo,
  capabilities: Capabilities,
  maxBytes: number,
  writtenNames: ReadonlyMap<string, string>,
): Queue[][] {
  const worksheets = context.workbook.worksheets;
  const newSheets = new Map<string, Excel.Worksheet>();
  const sheetFor = (name: string): Excel.Worksheet => newSheets.get(lower(name)) ?? worksheets.getItem(name);
  const rangeOf = (ref: RangeRef) => sheetFor(ref.sheet).getRangeByIndexes(ref.row, ref.col, ref.rows, ref.cols);

  const structure: Queue[] = [
    () => {
      for (const aside of undo.setAside) {
        const sheet = workbookSheets.find((s) => s.name === aside.original) as Excel.Worksheet;
        for (const table of aside.tables) sheet.tables.getItem(table.original).name = table.temporary;
        sheet.name = aside.temporary;
      }
      for (const removed of undo.namesRemoved) context.workbook.names.getItem(removed.name).delete();
      const documentProperties = context.workbook.properties.custom;
      for (const marker of undo.documentMarkersRemoved) documentProperties.getItem(marker.key).delete();
      for (const sheetPlan of plan.sheets) {
        const sheet = worksheets.add(sheetPlan.name);
        newSheets.set(lower(sheetPlan.name), sheet);
        if (capabilities.customProperties) sheet.customProperties.add(OWNED_SHEET_PROPERTY, sheetPlan.key);
        documentProperties.add(documentPropertyKey(sheetPlan.key), sheetPlan.name);
        if (sheetPlan.tabColor) sheet.tabColor = `#${sheetPlan.tabColor}`;
      }
      for (const [written, asked] of writtenNames) documentProperties.add(nameDocumentProperty(written), asked);
    },
  ];

  const requests: Queue[][] = [structure];
  let current = structure;
  let currentBytes = 0;
  const add = (bytes: number, queue: Queue) => {
    if (currentBytes + bytes > maxBytes && current.length) {
      current = [];
      requests.push(current);
      currentBytes = 0;
    }
    current.push(queue);
    currentBytes += bytes;
  };

  for (const sheetPlan of plan.sheets) {
    for (const block of sheetPlan.blocks) {
      const payload = blockPayload(block, sheetPlan.name);
      if (!payload.rows || !payload.cols) continue;
      for (const slice of sliceByBytes(payload, maxBytes)) {
        add(slice.bytes, () => {
          const sheet = sheetFor(sheetPlan.name);
          const range = sheet.getRangeByIndexes(slice.row, slice.col, slice.rows, slice.cols);
          if (slice.numberFormats) range.numberFormat = slice.numberFormats;
          range.formulas = slice.formulas;
          for (const rect of slice.styles)
            applyStyle(sheet.getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols), rect.style);
        });
      }
    }
  }
  for (const sheetPlan of plan.sheets) add(2_000, () => layoutSheet(sheetFor(sheetPlan.name), sheetPlan, rangeOf));
  add(1_000 * (plan.names.length + 1), () => {
    for (const name of plan.names) context.workbook.names.add(name.name, rangeOf(name.ref), name.comment);
  });
  return requests;
}

function applyStyle(range: Excel.Range, style: CellStyle): void {
  const look = CELL_LOOKS[style];
  const format = range.format;
  if (look.bold) format.font.bold = true;
  if (look.italic) format.font.italic = true;
  if (look.sizeStep) format.font.size = DEFAULT_FONT_POINTS + look.sizeStep;
  if (look.fontColor) format.font.color = `#${look.fontColor}`;
  if (look.fill) format.fill.color = `#${look.fill}`;
  if (look.wrap) {
    format.wrapText = true;
    format.verticalAlignment = "Top";
  }
  if (look.topBorder) format.borders.getItem("EdgeTop").style = "Continuous";
  if (look.bottomBorder)
    format.borders.getItem("EdgeBottom").style = look.bottomBorder === "double" ? "Double" : "Continuous";
  if (look.unlocked) format.protection.locked = false;
}

function layoutSheet(sheet: Excel.Worksheet, sheetPlan: SheetPlan, rangeOf: (ref: RangeRef) => Excel.Range): void {
  for (const [col, width] of Object.entries(sheetPlan.columnWidths ?? {})) {
    sheet.getRange(`${columnLetter(Number(col))}:${columnLetter(Number(col))}`).format.columnWidth =
      columnWidthPoints(width);
  }
  const freeze = sheetPlan.freeze;
  if (freeze && freeze.rows > 0 && freeze.cols > 0)
    sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, freeze.rows, freeze.cols));
  else if (freeze && freeze.rows > 0) sheet.freezePanes.freezeRows(freeze.rows);
  else if (freeze && freeze.cols > 0) sheet.freezePanes.freezeColumns(freeze.cols);
  for (const table of sheetPlan.tables ?? []) {
    const added = sheet.tables.add(sheet.getRangeByIndexes(table.row, table.col, table.rows, table.cols), true);
    added.name = table.name;
    added.style = TABLE_STYLE;
  }
  for (const chart of sheetPlan.charts ?? []) addChart(sheet, chart, rangeOf);
}

function addChart(sheet: Excel.Worksheet, plan: ChartPlan, rangeOf: (ref: RangeRef) => Excel.Range): void {
  if (!plan.series.length) return;
  const first = plan.series[0].values;
  const chart = sheet.charts.add(
    CHART_TYPES[plan.type] as Excel.ChartType,
    rangeOf(first),
    first.rows === 1 && first.cols > 1 ? "Rows" : "Columns",
  );
  chart.name = plan.key;
  chart.title.text = plan.title;
  chart.setPosition(
    a1(plan.anchor.row, plan.anchor.col),
    a1(plan.anchor.row + plan.anchor.rows - 1, plan.anchor.col + plan.anchor.cols - 1),
  );
  const isLine = plan.type === "line" || plan.type === "lineMarkers";
  plan.series.forEach((seriesPlan, i) => {
    const series = i === 0 ? chart.series.getItemAt(0) : chart.series.add(seriesPlan.name);
    if (i === 0) series.name = seriesPlan.name;
    else series.setValues(rangeOf(seriesPlan.values));
    series.setXAxisValues(rangeOf(plan.categories));
    if (seriesPlan.color && isLine) series.format.line.color = `#${seriesPlan.color}`;
    else if (seriesPlan.color) series.format.fill.setSolidColor(`#${seriesPlan.color}`);
    if (seriesPlan.dashed) series.format.line.lineStyle = "Dash";
  });
  if (plan.type !== "pie") {
    if (plan.xAxisTitle) chart.axes.categoryAxis.title.text = plan.xAxisTitle;
    if (plan.yAxisTitle) chart.axes.valueAxis.title.text = plan.yAxisTitle;
    if (plan.yAxisFormat) chart.axes.valueAxis.numberFormat = plan.yAxisFormat;
  }
}

/**
 * Puts the workbook back after a failed or cancelled write: deletes every sheet the write added, gives
 * the set-aside sheets and tables their names back, and restores the defined names. Any step of the
 * write may or may not have happened, so it looks first (one sync) and then acts (one sync).
 */
async function restore(context: Excel.RequestContext, undo: Undo): Promise<number> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  const names = context.workbook.names;
  names.load("items/name");
  const documentProperties = context.workbook.properties.custom;
  documentProperties.load("items/key");
  const asideTables = undo.setAside.flatMap((aside) =>
    aside.tables.map((table) => ({ ...table, item: context.workbook.tables.getItemOrNullObject(table.temporary) })),
  );
  for (const table of asideTables) table.item.load("name");
  await context.sync();

  const temporaries = new Map(undo.setAside.map((aside) => [lower(aside.temporary), aside]));
  const current = new Set(worksheets.items.map((sheet) => lower(sheet.name)));
  // A sheet under a set-aside sheet's original name, while that sheet still has its temporary name, is new.
  const occupied = new Set(
    undo.setAside.filter((aside) => current.has(lower(aside.temporary))).map((aside) => lower(aside.original)),
  );
  for (const sheet of worksheets.items) {
    const name = lower(sheet.name);
    if (!temporaries.has(name) && (!undo.sheetsBefore.has(name) || occupied.has(name))) sheet.delete();
  }
  for (const sheet of worksheets.items) {
    const aside = temporaries.get(lower(sheet.name));
    if (aside) sheet.name = aside.original;
  }
  for (const table of asideTables) if (!table.item.isNullObject) table.item.name = table.original;
  const removed = new Set(undo.namesRemoved.map((n) => lower(n.name)));
  for (const item of names.items) {
    if (!undo.namesBefore.has(lower(item.name)) || removed.has(lower(item.name))) item.delete();
  }
  for (const name of undo.namesRemoved) context.workbook.names.add(name.name, name.formula, name.comment || undefined);
  for (const property of documentProperties.items)
    if (sheetKeyOfDocumentProperty(property.key) || nameOfDocumentProperty(property.key) !== null) property.delete();
  for (const marker of undo.documentMarkersRemoved) context.workbook.properties.custom.add(marker.key, marker.name);
  await context.sync();
  return 2;
}
