/**
 * Applies a WorkbookPlan to the user's workbook file. The user's sheets are not re-serialised: the output
 * is the input package with the add-in's sheets from any previous build taken out and the plan's sheets,
 * styles, names, tables and charts added, so every part of the user's (cells, formats, merges, pivot
 * tables, charts, macros, links) stays byte for byte as it was. A round trip through a spreadsheet
 * library would rewrite, and silently drop, whatever that library does not model.
 */
import path from "node:path";
import { serialFromJsDate, serialInDateSystem } from "../core/dates";
import { type SheetGrid, sheetRef } from "../core/grid";
import { planInDateSystem } from "../workbook/dateSystem";
import type { CellValue, PlanCell, RangeRef, SheetPlan, WorkbookPlan } from "../workbook/plan";
import type { Diagnostic } from "../core/diagnostics";
import { type AnchoredChart, type ChartData, renderChartXml, renderDrawingXml } from "./charts";
import { CliError, EXIT } from "./errors";
import {
  CONTENT_TYPE,
  type OoxmlPackage,
  REL_TYPE,
  type Relationship,
  relativeTarget,
  relsPathOf,
  resolveTarget,
  xmlPart,
  parseRelationships,
} from "./ooxmlPackage";
import { updateWorksheetTitles } from "./appProperties";
import { encodeCustomPropertyValue, readNameRecord, readOwnership, writeDocumentMarkers } from "./ownership";
import { cellsOf, renderSheetXml, renderTableXml, type SheetRelationshipIds, tableColumnNames } from "./sheetXml";
import { StyleBook } from "./styles";
import { writeFilesSafely } from "./safeFiles";
import { describeSource, openWorkbookPackage, type WorkbookSource } from "./workbookFile";
import { protectedStructureError, readWorkbookPart, type SheetEntry, type WorkbookPart } from "./workbookPart";
import {
  applySplices,
  childNamed,
  childrenNamed,
  escapeAttribute,
  escapeText,
  innerText,
  parseXml,
  qualify,
  setAttributeSplice,
  type Splice,
} from "./xml";
import { maxOf } from "../core/arrays";
import { type ExistingName, placeDefinedNames } from "../workbook/definedNames";
import { isAllowedSheetName } from "../workbook/ownership";

export interface WriteOptions {
  /** The user's sheets as read, to give charts that plot a user's cells their cached values. */
  sourceGrids?: SheetGrid[];
}

export interface WrittenSheet {
  key: string;
  name: string;
  /** True when it took the place of the add-in's sheet of the same key from a previous build. */
  replaced: boolean;
}

export interface WriteReport {
  sheets: WrittenSheet[];
  /** The add-in's sheets from a previous build that the plan no longer has, removed. */
  removedSheets: string[];
  /** The add-in's sheets from a previous build kept as they were (WorkbookPlan.keptSheets). */
  keptSheets: string[];
  warnings: Diagnostic[];
}

type SheetSlot = { kind: "user"; entry: SheetEntry } | { kind: "plan"; sheet: SheetPlan; replacing: SheetEntry | null };

function checkPlanSheetNames(plan: WorkbookPlan, userSheets: SheetEntry[]): void {
  const seen = new Set<string>();
  const keys = new Set<string>();
  for (const sheet of plan.sheets) {
    if (keys.has(sheet.key)) throw new Error(`the plan has two sheets with the key "${sheet.key}"`);
    keys.add(sheet.key);
    const name = sheet.name;
    if (!isAllowedSheetName(name)) {
      throw new Error(`the plan names a sheet "${name}", which Excel does not allow as a sheet name`);
    }
    const lower = name.toLowerCase();
    if (seen.has(lower)) throw new Error(`the plan has two sheets named "${name}"`);
    seen.add(lower);
    const clash = userSheets.find((entry) => entry.name.toLowerCase() === lower);
    if (clash)
      throw new Error(
        `the plan's sheet "${name}" has the name of the user's sheet "${clash.name}"; names must be resolved against the workbook first`,
      );
  }
}

/** Every part reachable from a sheet through relationships: its drawings, charts, tables, comments... */
async function partsReachableFrom(pkg: OoxmlPackage, start: string): Promise<Set<string>> {
  const parts = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const part = queue.pop() as string;
    if (parts.has(part) || !pkg.has(part)) continue;
    parts.add(part);
    for (const rel of await pkg.relationships(part)) if (!rel.external) queue.push(resolveTarget(part, rel.target));
  }
  return parts;
}

function sourceOfRels(relsPath: string): string {
  const match = /^(.*?)_rels\/(.*)\.rels$/.exec(relsPath);
  return match ? `${match[1]}${match[2]}` : relsPath;
}

/** Removes the given sheets' parts and whatever only they refer to; parts still referred to elsewhere stay. */
async function removeSheetParts(pkg: OoxmlPackage, sheetParts: string[]): Promise<void> {
  const candidates = new Set<string>();
  for (const part of sheetParts) for (const reachable of await partsReachableFrom(pkg, part)) candidates.add(reachable);
  const stillReferenced = new Set<string>();
  for (const relsPart of pkg.partNames().filter((name) => name.endsWith(".rels"))) {
    const source = sourceOfRels(relsPart);
    if (candidates.has(source)) continue;
    for (const rel of parseRelationships(await pkg.text(relsPart))) {
      if (!rel.external) stillReferenced.add(resolveTarget(source, rel.target));
    }
  }
  for (const part of candidates) {
    if (stillReferenced.has(part) && !sheetParts.includes(part)) continue;
    pkg.remove(part);
    if (pkg.has(relsPathOf(part))) pkg.remove(relsPathOf(part));
  }
}

class ChartValues implements ChartData {
  constructor(
    private readonly planCells: Map<string, Map<number, Map<number, PlanCell>>>,
    private readonly grids: SheetGrid[],
    private readonly date1904: boolean,
  ) {}

  private cell(sheet: string, row: number, col: number): { value: CellValue | null; format?: string } {
    const planSheet = this.planCells.get(sheet);
    if (planSheet) {
      const cell = planSheet.get(row)?.get(col);
      return { value: cell?.value ?? null, format: cell?.format };
    }
    const grid = this.grids.find((g) => g.name === sheet);
    const raw = grid?.cells[row - grid.origin.row]?.[col - grid.origin.col];
    if (raw instanceof Date) return { value: serialInDateSystem(serialFromJsDate(raw), this.date1904) };
    return { value: raw === undefined ? null : raw };
  }

  private cells(ref: RangeRef): { value: CellValue | null; format?: string }[] {
    const out = [];
    for (let r = 0; r < ref.rows; r += 1)
      for (let c = 0; c < ref.cols; c += 1) out.push(this.cell(ref.sheet, ref.row + r, ref.col + c));
    return out;
  }

  values(ref: RangeRef): (CellValue | null)[] {
    return this.cells(ref).map((cell) => cell.value);
  }

  format(ref: RangeRef): string | undefined {
    return this.cells(ref).find((cell) => cell.format)?.format;
  }
}

/** Table ids and names already used by the sheets that stay. */
async function existingTables(pkg: OoxmlPackage): Promise<{ maxId: number; names: Set<string> }> {
  let maxId = 0;
  const names = new Set<string>();
  for (const part of await pkg.partsWithContentType(CONTENT_TYPE.table)) {
    const attrs = parseXml(await pkg.text(part)).attrs;
    maxId = Math.max(maxId, Number(attrs.id) || 0);
    for (const name of [attrs.name, attrs.displayName]) if (name) names.add(name.toLowerCase());
  }
  return { maxId, names };
}

interface Writer {
  pkg: OoxmlPackage;
  styles: StyleBook;
  chartData: ChartData;
  tables: { maxId: number; names: Set<string> };
  warnings: Diagnostic[];
  /** The workbook's date system, which its charts' cached dates follow. */
  date1904: boolean;
}

/** Writes one plan sheet's part and the parts hanging from it; returns the sheet part's name. */
function writePlanSheet(writer: Writer, sheet: SheetPlan, rows: Map<number, Map<number, PlanCell>>): string {
  const { pkg } = writer;
  const sheetPart = pkg.freePartName("xl/worksheets/sheet", ".xml");
  const rels: Relationship[] = [];
  const nextId = (): string => `rId${rels.length + 1}`;
  const relIds: SheetRelationshipIds = { tables: [] };

  const propertyPart = pkg.freePartName("xl/customProperty", ".bin");
  pkg.setBinary(propertyPart, encodeCustomPropertyValue(sheet.key));
  pkg.setContentType(propertyPart, CONTENT_TYPE.customProperty);
  relIds.customProperty = nextId();
  rels.push({
    id: relIds.customProperty,
    type: REL_TYPE.customProperty,
    target: relativeTarget(sheetPart, propertyPart),
    external: false,
  });

  const charts = sheet.charts ?? [];
  if (charts.length) {
    const drawingPart = pkg.freePartName("xl/drawings/drawing", ".xml");
    const drawingRels: Relationship[] = [];
    const anchored: AnchoredChart[] = [];
    for (const chart of charts) {
      const chartPart = pkg.freePartName("xl/charts/chart", ".xml");
      pkg.setText(chartPart, xmlPart(renderChartXml(chart, writer.chartData, writer.date1904)));
      pkg.setContentType(chartPart, CONTENT_TYPE.chart);
      const relId = `rId${drawingRels.length + 1}`;
      drawingRels.push({
        id: relId,
        type: REL_TYPE.chart,
        target: relativeTarget(drawingPart, chartPart),
        external: false,
      });
      anchored.push({ chart, relId });
    }
    pkg.setText(drawingPart, xmlPart(renderDrawingXml(anchored)));
    pkg.setContentType(drawingPart, CONTENT_TYPE.drawing);
    pkg.setRelationships(drawingPart, drawingRels);
    relIds.drawing = nextId();
    rels.push({
      id: relIds.drawing,
      type: REL_TYPE.drawing,
      target: relativeTarget(sheetPart, drawingPart),
      external: false,
    });
  }

  for (const table of sheet.tables ?? []) {
    const columns = tableColumnNames(sheet, table, rows);
    if (!columns) {
      writer.warnings.push({
        severity: "info",
        message: `The table '${table.name}' was written as plain cells: its header row is not a row of distinct texts.`,
        where: `sheet '${sheet.name}'`,
      });
      continue;
    }
    if (writer.tables.names.has(table.name.toLowerCase())) {
      writer.warnings.push({
        severity: "info",
        message: `The table '${table.name}' was written as plain cells: the workbook already has a table of that name.`,
        where: `sheet '${sheet.name}'`,
      });
      continue;
    }
    writer.tables.maxId += 1;
    writer.tables.names.add(table.name.toLowerCase());
    const tablePart = pkg.freePartName("xl/tables/table", ".xml");
    pkg.setText(tablePart, xmlPart(renderTableXml(table, writer.tables.maxId, columns)));
    pkg.setContentType(tablePart, CONTENT_TYPE.table);
    const relId = nextId();
    relIds.tables.push(relId);
    rels.push({ id: relId, type: REL_TYPE.table, target: relativeTarget(sheetPart, tablePart), external: false });
  }

  pkg.setText(sheetPart, xmlPart(renderSheetXml(sheet, rows, writer.styles, relIds)));
  pkg.setContentType(sheetPart, CONTENT_TYPE.worksheet);
  pkg.setRelationships(sheetPart, rels);
  return sheetPart;
}

function definedNameXml(prefix: string, name: WorkbookPlan["names"][number]): string {
  const ref = sheetRef(name.ref.sheet, name.ref.row, name.ref.col, name.ref.rows, name.ref.cols);
  const comment = name.comment ? ` comment="${escapeAttribute(name.comment)}"` : "";
  const tag = qualify(prefix, "definedName");
  return `<${tag} name="${escapeAttribute(name.name)}"${comment}>${escapeText(ref)}</${tag}>`;
}

/** The workbook-level defined names of the workbook part (a name local to a sheet never clashes with ours). */
function workbookNames(workbook: WorkbookPart): ExistingName[] {
  const definedNames = childNamed(workbook.root, "definedNames");
  return (definedNames ? childrenNamed(definedNames, "definedName") : [])
    .filter((element) => element.attrs.localSheetId === undefined)
    .map((element) => ({ name: element.attrs.name ?? "", formula: innerText(workbook.xml, element) }));
}

/** The workbook part with the new sheet list, the names remapped to the new tab order, and ours added. */
function editWorkbookXml(
  workbook: WorkbookPart,
  slots: SheetSlot[],
  planRelIds: Map<SheetPlan, { relId: string; sheetId: number }>,
  plan: WorkbookPlan,
  replacedNames: ReadonlySet<string>,
): string {
  const { xml, root, prefix } = workbook;
  const splices: Splice[] = [];
  const newIndexOfOld = new Map<number, number>();
  slots.forEach((slot, index) => {
    if (slot.kind === "user") newIndexOfOld.set(slot.entry.index, index);
    else if (slot.replacing) newIndexOfOld.set(slot.replacing.index, index);
  });
  const replacedIndexes = new Set(
    slots.flatMap((slot) => (slot.kind === "plan" && slot.replacing ? [slot.replacing.index] : [])),
  );

  const relAttribute = workbook.relationshipPrefix ? `${workbook.relationshipPrefix}:id` : "r:id";
  const relDeclaration = workbook.relationshipPrefix
    ? ""
    : ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
  const sheetsElement = childNamed(root, "sheets");
  if (!sheetsElement) throw new Error("the workbook part has no <sheets>");
  const sheetItems = slots
    .map((slot) => {
      if (slot.kind === "user") return xml.slice(slot.entry.element.start, slot.entry.element.end);
      const ids = planRelIds.get(slot.sheet) as { relId: string; sheetId: number };
      return `<${qualify(prefix, "sheet")}${relDeclaration} name="${escapeAttribute(slot.sheet.name)}" sheetId="${ids.sheetId}" ${relAttribute}="${ids.relId}"/>`;
    })
    .join("");
  splices.push({ start: sheetsElement.openEnd, end: sheetsElement.closeStart, text: sheetItems });

  const ourNames = plan.names.map((name) => definedNameXml(prefix, name)).join("");
  const definedNames = childNamed(root, "definedNames");
  if (definedNames) {
    let kept = 0;
    for (const definedName of childrenNamed(definedNames, "definedName")) {
      const local = definedName.attrs.localSheetId;
      const oldIndex = local === undefined ? null : Number(local);
      const ours = oldIndex === null && replacedNames.has((definedName.attrs.name ?? "").toLowerCase());
      const onRemovedSheet = oldIndex !== null && (!newIndexOfOld.has(oldIndex) || replacedIndexes.has(oldIndex));
      if (ours || onRemovedSheet) {
        splices.push({ start: definedName.start, end: definedName.end, text: "" });
        continue;
      }
      kept += 1;
      if (oldIndex !== null && newIndexOfOld.get(oldIndex) !== oldIndex) {
        splices.push(setAttributeSplice(xml, definedName, "localSheetId", String(newIndexOfOld.get(oldIndex))));
      }
    }
    if (kept === 0 && !ourNames) splices.push({ start: definedNames.start, end: definedNames.end, text: "" });
    else if (definedNames.selfClosing)
      splices.push({
        start: definedNames.start,
        end: definedNames.end,
        text: `<${definedNames.qname}>${ourNames}</${definedNames.qname}>`,
      });
    else splices.push({ start: definedNames.closeStart, end: definedNames.closeStart, text: ourNames });
  } else if (ourNames) {
    const after = ["externalReferences", "functionGroups", "sheets"]
      .map((name) => childNamed(root, name))
      .find((element) => element !== undefined);
    const at = (after ?? sheetsElement).end;
    splices.push({
      start: at,
      end: at,
      text: `<${qualify(prefix, "definedNames")}>${ourNames}</${qualify(prefix, "definedNames")}>`,
    });
  }

  const bookViews = childNamed(root, "bookViews");
  for (const view of bookViews ? childrenNamed(bookViews, "workbookView") : []) {
    for (const attribute of ["activeTab", "firstSheet"]) {
      const old = Number(view.attrs[attribute] ?? 0);
      const mapped = newIndexOfOld.get(old) ?? 0;
      if (mapped !== old) splices.push(setAttributeSplice(xml, view, attribute, String(mapped)));
    }
  }
  return applySplices(xml, splices);
}

function expectedExtension(mainContentType: string | null): string {
  return mainContentType?.includes("macroEnabled") ? ".xlsm" : ".xlsx";
}

/** The output workbook as bytes: the input's parts, minus the add-in's old sheets, plus the plan's. */
export async function applyPlanToWorkbook(
  source: WorkbookSource,
  givenPlan: WorkbookPlan,
  options: WriteOptions = {},
): Promise<{ bytes: Buffer; report: WriteReport; extension: string }> {
  const { pkg } = await openWorkbookPackage(source);
  const workbook = await readWorkbookPart(pkg);
  if (workbook.structureProtected) throw protectedStructureError(describeSource(source));
  let plan = planInDateSystem(givenPlan, workbook.date1904);
  const extension = expectedExtension(await pkg.contentTypeOf(workbook.partName));
  const ownership = await readOwnership(pkg, workbook.sheets);
  // A sheet of the last build the plan keeps is left in place like a user's sheet, its marker with it.
  const isKept = (entry: SheetEntry): boolean =>
    (plan.keptSheets ?? []).some(
      (kept) => kept.name === entry.name && ownership.ownedKeys.get(entry.name) === kept.key,
    );
  const isOwned = (entry: SheetEntry): boolean => ownership.ownedKeys.has(entry.name) && !isKept(entry);
  checkPlanSheetNames(
    plan,
    workbook.sheets.filter((entry) => !isOwned(entry)),
  );
  const names = placeDefinedNames(
    plan,
    workbookNames(workbook),
    await readNameRecord(pkg),
    workbook.sheets.filter(isOwned).map((entry) => entry.name),
  );
  plan = names.plan;

  const { slots, removedSheets } = arrangeSheetSlots(workbook.sheets, plan, isOwned, ownership.ownedKeys);
  const workbookRels = await removeOwnedSheets(pkg, workbook, workbook.sheets.filter(isOwned));
  const stylesPart = stylesPartOf(workbook);
  const planCells = new Map(plan.sheets.map((sheet) => [sheet.name, cellsOf(sheet)]));
  const writer: Writer = {
    pkg,
    styles: new StyleBook(await pkg.text(stylesPart)),
    chartData: new ChartValues(planCells, options.sourceGrids ?? [], workbook.date1904),
    tables: await existingTables(pkg),
    warnings: [...ownership.warnings, ...names.warnings],
    date1904: workbook.date1904,
  };
  const planRelIds = writePlanSheets(writer, workbook, slots, planCells, workbookRels);

  pkg.setText(stylesPart, writer.styles.render());
  pkg.setText(
    workbook.partName,
    editWorkbookXml(workbook, slots, planRelIds, plan, new Set(names.replace.map((name) => name.name.toLowerCase()))),
  );
  pkg.setRelationships(workbook.partName, workbookRels);
  const keptSheets = workbook.sheets
    .filter(isKept)
    .map((entry) => ({ key: ownership.ownedKeys.get(entry.name) as string, name: entry.name }));
  await writeDocumentMarkers(
    pkg,
    new Map([...plan.sheets, ...keptSheets].map((sheet) => [sheet.key, sheet.name])),
    names.written,
  );
  await updateWorksheetTitles(
    pkg,
    workbook.sheets.filter((entry) => entry.isWorksheet).map((entry) => entry.name),
    slots.flatMap((slot) =>
      slot.kind === "plan" ? [slot.sheet.name] : slot.entry.isWorksheet ? [slot.entry.name] : [],
    ),
  );

  const report: WriteReport = {
    sheets: slots.flatMap((slot) =>
      slot.kind === "plan" ? [{ key: slot.sheet.key, name: slot.sheet.name, replaced: slot.replacing !== null }] : [],
    ),
    removedSheets,
    keptSheets: keptSheets.map((sheet) => sheet.name),
    warnings: writer.warnings,
  };
  return { bytes: await pkg.toBuffer(), report, extension };
}

/**
 * The output's sheet order: the user's sheets where they are, each of the add-in's old sheets replaced
 * in place by the plan's sheet of the same key (or removed if the plan has none), and the plan's new
 * sheets at the end.
 */
function arrangeSheetSlots(
  sheets: SheetEntry[],
  plan: WorkbookPlan,
  isOwned: (entry: SheetEntry) => boolean,
  ownedKeys: Map<string, string>,
): { slots: SheetSlot[]; removedSheets: string[] } {
  const planByKey = new Map(plan.sheets.map((sheet) => [sheet.key, sheet]));
  const slots: SheetSlot[] = [];
  const placed = new Set<SheetPlan>();
  const removedSheets: string[] = [];
  for (const entry of sheets) {
    if (!isOwned(entry)) {
      slots.push({ kind: "user", entry });
      continue;
    }
    const sheet = planByKey.get(ownedKeys.get(entry.name) as string);
    if (sheet && !placed.has(sheet)) {
      slots.push({ kind: "plan", sheet, replacing: entry });
      placed.add(sheet);
    } else {
      removedSheets.push(entry.name);
    }
  }
  for (const sheet of plan.sheets) if (!placed.has(sheet)) slots.push({ kind: "plan", sheet, replacing: null });
  return { slots, removedSheets };
}

/**
 * Deletes the parts of the add-in's old sheets and the calculation chain; returns the workbook's
 * relationships without them (the plan's sheets are added to this list).
 */
async function removeOwnedSheets(
  pkg: OoxmlPackage,
  workbook: WorkbookPart,
  ownedEntries: SheetEntry[],
): Promise<WorkbookPart["relationships"]> {
  await removeSheetParts(
    pkg,
    ownedEntries.flatMap((entry) => (entry.partName ? [entry.partName] : [])),
  );
  const workbookRels = workbook.relationships.filter(
    (rel) => !ownedEntries.some((entry) => entry.relId === rel.id) && rel.type !== REL_TYPE.calcChain,
  );
  // The calculation chain lists formula cells by sheet; Excel rebuilds it, and a stale one is an error.
  for (const rel of workbook.relationships.filter((r) => r.type === REL_TYPE.calcChain)) {
    const part = resolveTarget(workbook.partName, rel.target);
    if (pkg.has(part)) pkg.remove(part);
  }
  return workbookRels;
}

/** The style sheet's part name; a workbook without one is refused with how to fix it. */
function stylesPartOf(workbook: WorkbookPart): string {
  const stylesRel = workbook.relationships.find((rel) => rel.type === REL_TYPE.styles);
  if (!stylesRel)
    throw new CliError(
      "Expected the workbook to have a style sheet (xl/styles.xml), but it has none; open and save it in Excel first.",
    );
  return resolveTarget(workbook.partName, stylesRel.target);
}

/**
 * Writes each plan sheet's part and adds its relationship to workbookRels; returns each sheet's
 * relationship id and sheet id for workbook.xml.
 */
function writePlanSheets(
  writer: Writer,
  workbook: WorkbookPart,
  slots: SheetSlot[],
  planCells: Map<string, Map<number, Map<number, PlanCell>>>,
  workbookRels: WorkbookPart["relationships"],
): Map<SheetPlan, { relId: string; sheetId: number }> {
  // A sheet taking the place of the add-in's previous one keeps its sheet id and relationship id, so
  // a rebuild of an unchanged plan gives an identical workbook part.
  let maxSheetId = maxOf(
    workbook.sheets.map((entry) => entry.sheetId || 0),
    0,
  );
  const reusedRelIds = new Set(
    slots.flatMap((slot) => (slot.kind === "plan" && slot.replacing ? [slot.replacing.relId] : [])),
  );
  const planRelIds = new Map<SheetPlan, { relId: string; sheetId: number }>();
  for (const slot of slots) {
    if (slot.kind !== "plan") continue;
    const { sheet, replacing } = slot;
    const sheetPart = writePlanSheet(writer, sheet, planCells.get(sheet.name) as Map<number, Map<number, PlanCell>>);
    let relId = replacing?.relId;
    if (!relId) {
      let n = 1;
      while (workbookRels.some((rel) => rel.id === `rId${n}`) || reusedRelIds.has(`rId${n}`)) n += 1;
      relId = `rId${n}`;
    }
    workbookRels.push({
      id: relId,
      type: REL_TYPE.worksheet,
      target: relativeTarget(workbook.partName, sheetPart),
      external: false,
    });
    planRelIds.set(sheet, { relId, sheetId: replacing?.sheetId || (maxSheetId += 1) });
  }
  return planRelIds;
}

/**
 * The output workbook's bytes and report, once its file name is known to suit the input's type
 * (.xlsx or .xlsm): for writing together with other files.
 */
export async function prepareWorkbookOutput(
  source: WorkbookSource,
  plan: WorkbookPlan,
  outputPath: string,
  options: WriteOptions = {},
): Promise<{ bytes: Buffer; report: WriteReport }> {
  const { bytes, report, extension } = await applyPlanToWorkbook(source, plan, options);
  if (path.extname(outputPath).toLowerCase() !== extension) {
    throw new CliError(
      `Expected the output file name to end in ${extension} (the type of the input workbook), but it is '${outputPath}'.`,
      EXIT.usage,
    );
  }
  return { bytes, report };
}

/**
 * Writes OUTPUT = INPUT plus the plan's sheets. The file appears only when complete (see safeFiles),
 * so a failure never leaves a partial workbook.
 */
export async function writeWorkbookWithPlan(
  source: WorkbookSource,
  plan: WorkbookPlan,
  outputPath: string,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const { bytes, report } = await prepareWorkbookOutput(source, plan, outputPath, options);
  await writeFilesSafely([{ file: outputPath, data: bytes, what: "the output workbook" }]);
  return report;
}
