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
import { blockPayload, sliceByBytes, type BlockPayload } from "./cells";
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

/** One run of applyPlan: its context and options, the syncs made so far, and the helpers every step uses. */
interface ApplyRun {
  context: Excel.RequestContext;
  options: ApplyOptions;
  syncs: number;
  sync(): Promise<void>;
  progress(stage: ApplyStage, done: number, total: number): void;
  checkCancelled(): void;
}

function startRun(context: Excel.RequestContext, options: ApplyOptions): ApplyRun {
  const run: ApplyRun = {
    context,
    options,
    syncs: 0,
    sync: async () => {
      run.syncs += 1;
      await context.sync();
    },
    progress: (stage, done, total) => options.onProgress?.({ stage, done, total }),
    checkCancelled: () => {
      if (options.signal?.aborted) throw new BuildCancelled();
    },
  };
  return run;
}

export async function applyPlan(
  context: Excel.RequestContext,
  givenPlan: WorkbookPlan,
  options: ApplyOptions,
): Promise<ApplyReport> {
  const run = startRun(context, options);
  const inspected = await inspectWorkbook(run, givenPlan);
  checkAgainstWorkbook(inspected);
  run.checkCancelled();
  const { plan, keptSheets, placement, undo } = prepareReplacement(inspected);
  const notes = writeNotes(inspected.ownershipWarnings, placement.warnings, options.capabilities);
  const requests = () =>
    planRequests(
      context,
      plan,
      inspected.listing.sheets,
      undo,
      options.capabilities,
      options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
      placement.written,
    );
  const writeRequests = await writeOrRestore(run, requests, undo);
  await finish(run, plan, undo);
  return {
    sheets: plan.sheets.map((s) => ({ key: s.key, name: s.name })),
    replaced: undo.setAside.map((s) => s.original),
    kept: keptSheets.map((sheet) => sheet.name),
    definedNames: plan.names.map((n) => n.name),
    syncs: run.syncs,
    writeRequests,
    notes,
  };
}

type Listing = Awaited<ReturnType<typeof listSheets>>;
type Ownership = ReturnType<ReturnType<typeof queueOwnership>>;

/** What the first two syncs find: the sheets, their tables and owners, and the plan in the workbook's date system. */
interface Inspected {
  plan: WorkbookPlan;
  listing: Listing;
  existing: Ownership["existing"];
  ownershipWarnings: Diagnostic[];
}

/** Syncs 1-2: the sheet list, names and markers, then ownership and tables; a protected structure stops here. */
async function inspectWorkbook(run: ApplyRun, givenPlan: WorkbookPlan): Promise<Inspected> {
  const { context, options } = run;
  run.progress("checking", 0, 2);
  let listing;
  const facts = queueWorkbookFacts(context);
  try {
    listing = await listSheets(context);
    run.syncs += 1;
  } catch (error) {
    throw describeExcelError(error, "reading the list of sheets");
  }
  const { structureProtected, date1904 } = facts();
  if (structureProtected) throw protectedStructureError();
  // The plan's dates in the workbook's date system, converted here, where the cells are written.
  const plan = planInDateSystem(givenPlan, date1904);
  const ownership = queueOwnership(listing, options.capabilities);
  for (const sheet of listing.sheets) sheet.tables.load("items/name");
  try {
    await run.sync();
  } catch (error) {
    throw describeExcelError(error, "checking which sheets are the add-in's");
  }
  run.progress("checking", 2, 2);
  const { existing, warnings: ownershipWarnings } = ownership();
  return { plan, listing, existing, ownershipWarnings };
}

/** The plan may replace only the add-in's sheets, and must not take a name one of the user's tables has. */
function checkAgainstWorkbook({ plan, listing, existing }: Inspected): void {
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
}

/**
 * Which of the add-in's sheets the plan keeps and which it replaces, where its defined names go, and
 * the record that puts the workbook back if the write fails.
 */
function prepareReplacement({ plan, listing, existing }: Inspected) {
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
  const undo = undoRecord(placement.plan, listing, existing, keptSheets, ownedSheets, placement.replace);
  return { plan: placement.plan, keptSheets, placement, undo };
}

/** The temporary names the replaced sheets and their tables take, and what the write removes. */
function undoRecord(
  plan: WorkbookPlan,
  listing: Listing,
  existing: Inspected["existing"],
  keptSheets: Inspected["existing"],
  ownedSheets: Listing["sheets"],
  replace: { name: string }[],
): Undo {
  const replacedNames = new Set(replace.map((n) => lower(n.name)));
  const takenSheetNames = new Set([...existing.map((e) => lower(e.name)), ...plan.sheets.map((s) => lower(s.name))]);
  const takenTableNames = new Set(listing.sheets.flatMap((sheet) => sheet.tables.items.map((t) => lower(t.name))));
  return {
    sheetsBefore: new Set(existing.map((e) => lower(e.name))),
    setAside: ownedSheets.map((sheet) => ({
      original: sheet.name,
      temporary: uniqueName("LAC previous ", takenSheetNames),
      tables: sheet.tables.items.map((t) => ({
        original: t.name,
        temporary: uniqueName("LAC_previous_", takenTableNames),
      })),
    })),
    namesRemoved: listing.names.filter((n) => replacedNames.has(lower(n.name))),
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
}

function writeNotes(ownership: Diagnostic[], names: Diagnostic[], capabilities: Capabilities): Diagnostic[] {
  const notes: Diagnostic[] = [...ownership, ...names];
  if (!capabilities.customProperties) {
    notes.push({
      severity: "info",
      message:
        "This version of Excel has no worksheet custom properties (ExcelApi 1.12): the add-in recognises its sheets by the names recorded in the workbook's properties, so renaming one of its sheets makes it yours.",
    });
  }
  return notes;
}

/**
 * Sync 3 onwards: the requests made and sent, each with calculation and screen updating suspended. On a
 * failure or a cancel, the workbook is put back (two more syncs) and the failure thrown; returns the requests sent.
 */
async function writeOrRestore(run: ApplyRun, planned: () => Queue[][], undo: Undo): Promise<number> {
  const application = run.context.workbook.application;
  let writeRequests = 0;
  try {
    const requests = planned();
    for (let i = 0; i < requests.length; i++) {
      run.checkCancelled();
      run.progress("writing", i, requests.length);
      application.suspendApiCalculationUntilNextSync();
      application.suspendScreenUpdatingUntilNextSync();
      for (const queue of requests[i]) queue();
      await run.sync();
      writeRequests += 1;
    }
    run.progress("writing", requests.length, requests.length);
    run.checkCancelled();
  } catch (error) {
    const failure =
      error instanceof BuildCancelled ? error : describeExcelError(error, "writing the sufficiency sheets");
    await restoreAfter(run, failure, undo);
    throw failure;
  }
  return writeRequests;
}

async function restoreAfter(run: ApplyRun, failure: Error, undo: Undo): Promise<void> {
  run.progress("restoring", 0, 2);
  try {
    run.syncs += await restore(run.context, undo);
  } catch (restoreError) {
    const detail = describeExcelError(restoreError, "putting the workbook back");
    throw new ExcelActionError(
      "writing the sufficiency sheets",
      `${failure.message} Then putting the workbook back failed too: ${detail.message}`,
      "Sheets named 'LAC previous …' hold your earlier sufficiency sheets; building again removes any half-written ones.",
      detail.excelCode,
    );
  }
  run.progress("restoring", 2, 2);
}

/** The last sync: delete the set-aside sheets, recalculate, show the first new sheet. */
async function finish(run: ApplyRun, plan: WorkbookPlan, undo: Undo): Promise<void> {
  const workbook = run.context.workbook;
  run.progress("finishing", 0, 1);
  try {
    for (const aside of undo.setAside) workbook.worksheets.getItem(aside.temporary).delete();
    workbook.application.calculate("Full");
    if (plan.sheets.length) workbook.worksheets.getItem(plan.sheets[0].name).activate();
    await run.sync();
  } catch (error) {
    const detail = describeExcelError(error, "removing the previous sufficiency sheets");
    throw new ExcelActionError(
      detail.during,
      `The new sheets are written, but ${detail.message}`,
      `Delete the sheets ${undo.setAside.map((s) => `'${s.temporary}'`).join(", ")} yourself; they are the previous build.`,
      detail.excelCode,
    );
  }
  run.progress("finishing", 1, 1);
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

  const structure = () => {
    setAsidePrevious(context, workbookSheets, undo);
    addSheets(context, plan, capabilities, newSheets);
    const documentProperties = context.workbook.properties.custom;
    for (const [written, asked] of writtenNames) documentProperties.add(nameDocumentProperty(written), asked);
  };
  const requests = new RequestPacker(structure, maxBytes);
  for (const sheetPlan of plan.sheets) {
    for (const block of sheetPlan.blocks) {
      const payload = blockPayload(block, sheetPlan.name);
      if (!payload.rows || !payload.cols) continue;
      for (const slice of sliceByBytes(payload, maxBytes)) {
        requests.add(slice.bytes, () => writeSlice(sheetFor(sheetPlan.name), slice));
      }
    }
  }
  for (const sheetPlan of plan.sheets) {
    requests.add(2_000, () => layoutSheet(sheetFor(sheetPlan.name), sheetPlan, rangeOf));
  }
  requests.add(1_000 * (plan.names.length + 1), () => {
    for (const name of plan.names) context.workbook.names.add(name.name, rangeOf(name.ref), name.comment);
  });
  return requests.requests;
}

/** Requests of queued calls, each holding calls up to maxBytes (one call alone may pass it). */
class RequestPacker {
  readonly requests: Queue[][];
  private current: Queue[];
  private currentBytes = 0;

  constructor(
    first: Queue,
    private readonly maxBytes: number,
  ) {
    this.current = [first];
    this.requests = [this.current];
  }

  add(bytes: number, queue: Queue): void {
    if (this.currentBytes + bytes > this.maxBytes && this.current.length) {
      this.current = [];
      this.requests.push(this.current);
      this.currentBytes = 0;
    }
    this.current.push(queue);
    this.currentBytes += bytes;
  }
}

/** The previous sheets and their tables take temporary names; the names and markers the plan replaces go. */
function setAsidePrevious(context: Excel.RequestContext, workbookSheets: Excel.Worksheet[], undo: Undo): void {
  for (const aside of undo.setAside) {
    const sheet = workbookSheets.find((s) => s.name === aside.original) as Excel.Worksheet;
    for (const table of aside.tables) sheet.tables.getItem(table.original).name = table.temporary;
    sheet.name = aside.temporary;
  }
  for (const removed of undo.namesRemoved) context.workbook.names.getItem(removed.name).delete();
  const documentProperties = context.workbook.properties.custom;
  for (const marker of undo.documentMarkersRemoved) documentProperties.getItem(marker.key).delete();
}

/** The new sheets under their final names, each marked as the add-in's (on the sheet and in the workbook). */
function addSheets(
  context: Excel.RequestContext,
  plan: WorkbookPlan,
  capabilities: Capabilities,
  newSheets: Map<string, Excel.Worksheet>,
): void {
  const documentProperties = context.workbook.properties.custom;
  for (const sheetPlan of plan.sheets) {
    const sheet = context.workbook.worksheets.add(sheetPlan.name);
    newSheets.set(lower(sheetPlan.name), sheet);
    if (capabilities.customProperties) sheet.customProperties.add(OWNED_SHEET_PROPERTY, sheetPlan.key);
    documentProperties.add(documentPropertyKey(sheetPlan.key), sheetPlan.name);
    if (sheetPlan.tabColor) sheet.tabColor = `#${sheetPlan.tabColor}`;
  }
}

function writeSlice(sheet: Excel.Worksheet, slice: BlockPayload): void {
  const range = sheet.getRangeByIndexes(slice.row, slice.col, slice.rows, slice.cols);
  if (slice.numberFormats) range.numberFormat = slice.numberFormats;
  range.formulas = slice.formulas;
  for (const rect of slice.styles)
    applyStyle(sheet.getRangeByIndexes(rect.row, rect.col, rect.rows, rect.cols), rect.style);
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
