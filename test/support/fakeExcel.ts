/// <reference types="office-js" />
/**
 * A fake Excel object model for tests: the subset of Office.js the add-in calls, with Office's proxy
 * semantics. Calls on proxies are queued and run in order at `context.sync()`; loaded properties can be
 * read only after the sync that loaded them; a failing call (or an injected failure) stops the sync
 * with an OfficeExtension-shaped error after the calls before it took effect, as Excel does.
 * It holds cell contents (formulas, values, number formats, styles), sheets, defined names, custom
 * properties, tables, charts and settings; it records every call and every sync.
 *
 * Cell input is read as Excel reads typed input: "'text" is text (the apostrophe is not stored),
 * "=..." is a formula, and a string that looks like a number, TRUE/FALSE, or starts with + - @ is not
 * kept as text. Formulas are not evaluated. No Node APIs: the browser test bundles this file.
 */

type Scalar = string | number | boolean | null;

export interface FakeCell {
  value: Scalar;
  formula: string | null;
  format: string;
  style: Record<string, unknown>;
}

interface RangeRefState {
  sheetId: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

interface TableState {
  name: string;
  range: RangeRefState;
  style: string | null;
}

interface SeriesState {
  name: string;
  values: RangeRefState | null;
  xValues: RangeRefState | null;
  format: Record<string, unknown>;
}

interface ChartState {
  name: string;
  type: string;
  title: string;
  position: [string, string] | null;
  series: SeriesState[];
  axes: Record<string, unknown>;
}

interface SheetState {
  id: number;
  name: string;
  cells: Map<string, FakeCell>;
  customProperties: Map<string, string>;
  tables: TableState[];
  charts: ChartState[];
  freeze: { rows: number; cols: number } | null;
  columnWidths: Map<number, number>;
  tabColor: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  /** 0-based rows hidden by the user. */
  hiddenRows: Set<number>;
}

interface NameState {
  name: string;
  /** A reference that follows its sheet, or a formula text. */
  ref: RangeRefState | null;
  text: string;
  comment: string;
  visible: boolean;
}

export interface InjectedFailure {
  code: string;
  message: string;
  /** Calls of that sync that take effect before it fails (default: half of them). */
  afterCalls?: number;
}

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(code: string, message: string, errorLocation: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

const key = (row: number, col: number) => `${row},${col}`;
const lower = (s: string) => s.toLowerCase();

function colLetters(col: number): string {
  let n = col + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function parseCell(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address);
  if (!m)
    throw new FakeOfficeError(
      "InvalidArgument",
      `The argument is invalid or missing: "${address}".`,
      "Worksheet.getRange",
    );
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

function a1Of(ref: { row: number; col: number; rows: number; cols: number }, absolute = false): string {
  const d = absolute ? "$" : "";
  const start = `${d}${colLetters(ref.col)}${d}${ref.row + 1}`;
  if (ref.rows === 1 && ref.cols === 1) return start;
  return `${start}:${d}${colLetters(ref.col + ref.cols - 1)}${d}${ref.row + ref.rows}`;
}

/** How Excel reads one entry of `Range.formulas` / `Range.values`. */
export function interpretInput(input: unknown): { value: Scalar; formula: string | null } {
  if (input === null || input === undefined || input === "") return { value: null, formula: null };
  if (typeof input === "number" || typeof input === "boolean") return { value: input, formula: null };
  const text = String(input);
  if (text.startsWith("'")) return { value: text.slice(1), formula: null };
  if (text.startsWith("=")) return { value: null, formula: text };
  const trimmed = text.trim();
  if (trimmed !== "" && !Number.isNaN(Number(trimmed.replace(/,/g, ""))))
    return { value: Number(trimmed.replace(/,/g, "")), formula: null };
  if (/^(true|false)$/i.test(trimmed)) return { value: /^true$/i.test(trimmed), formula: null };
  if (/^[+\-@]/.test(text)) return { value: null, formula: `=${text.replace(/^[+@]/, "")}` };
  return { value: text, formula: null };
}

export interface WorkbookState {
  sheets: SheetState[];
  names: NameState[];
  /** Custom document properties (workbook.properties.custom). */
  documentProperties: Map<string, string>;
  settings: Map<string, unknown>;
  activeSheetId: number | null;
}

/** A deep, order-stable picture of the workbook, for equality checks (build twice == build once). */
export interface WorkbookPicture {
  sheets: {
    name: string;
    cells: [string, FakeCell][];
    customProperties: [string, string][];
    tables: { name: string; range: string; style: string | null }[];
    charts: {
      name: string;
      type: string;
      title: string;
      position: [string, string] | null;
      series: { name: string; values: string | null; xValues: string | null; format: Record<string, unknown> }[];
      axes: Record<string, unknown>;
    }[];
    freeze: { rows: number; cols: number } | null;
    columnWidths: [number, number][];
    tabColor: string;
  }[];
  names: { name: string; formula: string; comment: string; visible: boolean }[];
  documentProperties: [string, string][];
}

interface Op {
  label: string;
  run: () => void;
}

export class FakeExcel {
  readonly state: WorkbookState = {
    sheets: [],
    names: [],
    documentProperties: new Map(),
    settings: new Map(),
    activeSheetId: null,
  };
  /** Every call queued on a proxy, with the sync that ran it ("sync 3: worksheets.add(Spend)"). */
  readonly calls: string[] = [];
  syncs = 0;
  /** Characters of the 2-D arrays set on ranges in each sync: a stand-in for the request size. */
  readonly requestChars: number[] = [];
  /** Cells of each range whose values or formulas were loaded: what Excel was asked to send. */
  readonly cellsAsked: number[] = [];
  structureProtected = false;
  /** The workbook counts dates in the 1904 system (DATE(1904,1,1) = 0). */
  date1904 = false;
  private nextId = 1;
  private failures = new Map<number, InjectedFailure>();
  private supported: Record<string, string>;

  constructor(options: { excelApi?: string } = {}) {
    this.supported = { ExcelApi: options.excelApi ?? "1.12" };
  }

  // ---- setting up a workbook ---------------------------------------------------------------

  /**
   * Adds a user sheet at `origin`. Strings are text as they are, except that "=..." is a formula and
   * "'..." is text typed with Excel's apostrophe (which is not stored), as a person would type them.
   */
  addSheet(name: string, rows: unknown[][] = [], origin = { row: 0, col: 0 }): this {
    const sheet = this.newSheet(name);
    rows.forEach((row, r) =>
      row.forEach((input, c) => {
        const typed = typeof input === "string" && (input.startsWith("=") || input.startsWith("'"));
        const read = typed || typeof input !== "string" ? interpretInput(input) : { value: input, formula: null };
        if (read.value === null && read.formula === null) return;
        sheet.cells.set(key(origin.row + r, origin.col + c), { ...read, format: "General", style: {} });
      }),
    );
    return this;
  }

  /** A user's copy of a sheet, as Excel's Move or Copy makes it: cells, tables and custom properties, not workbook names. */
  copySheet(from: string, to: string): this {
    const source = this.sheetByName(from);
    if (!source) throw new Error(`no sheet ${from}`);
    const copy = this.newSheet(to);
    for (const [k, cell] of source.cells) copy.cells.set(k, { ...cell, style: { ...cell.style } });
    for (const [k, v] of source.customProperties) copy.customProperties.set(k, v);
    return this;
  }

  /** Hides a sheet as Format > Hide (or a macro, for "VeryHidden") would. */
  hideSheet(name: string, visibility: "Hidden" | "VeryHidden" = "Hidden"): this {
    const sheet = this.sheetByName(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    sheet.visibility = visibility;
    return this;
  }

  /** Hides rows (1-based numbers, as Excel shows them). */
  hideRows(name: string, rows: number[]): this {
    const sheet = this.sheetByName(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    for (const row of rows) sheet.hiddenRows.add(row - 1);
    return this;
  }

  /** Sets the number format of a cell already there (a date typed into a cell gets a date format). */
  setNumberFormat(sheet: string, address: string, format: string): this {
    const cell = this.cell(sheet, address);
    if (!cell) throw new Error(`no cell ${address} on ${sheet}`);
    cell.format = format;
    return this;
  }

  /** Makes sync number n (1-based, counted from now on across contexts) fail like Excel would. */
  failSync(n: number, failure: InjectedFailure): this {
    this.failures.set(n, failure);
    return this;
  }

  isSetSupported = (name: string, version: string): boolean => {
    const have = this.supported[name];
    if (!have) return false;
    const [hMajor, hMinor] = have.split(".").map(Number);
    const [wMajor, wMinor] = version.split(".").map(Number);
    return hMajor > wMajor || (hMajor === wMajor && hMinor >= (wMinor ?? 0));
  };

  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this);
    const result = await batch(context as unknown as Excel.RequestContext);
    if (context.pending.length) await context.sync();
    return result;
  };

  // ---- reading the workbook back -------------------------------------------------------------

  sheetNames(): string[] {
    return this.state.sheets.map((s) => s.name);
  }

  sheetByName(name: string): SheetState | undefined {
    return this.state.sheets.find((s) => lower(s.name) === lower(name));
  }

  /** A cell by sheet name and A1 address, or undefined when empty. */
  cell(sheet: string, address: string): FakeCell | undefined {
    const state = this.sheetByName(sheet);
    const { row, col } = parseCell(address);
    return state?.cells.get(key(row, col));
  }

  nameFormula(name: NameState): string {
    if (!name.ref) return name.text;
    const sheet = this.state.sheets.find((s) => s.id === name.ref?.sheetId);
    return sheet ? `=${quoteName(sheet.name)}!${a1Of(name.ref, true)}` : "=#REF!";
  }

  refText(ref: RangeRefState | null): string | null {
    if (!ref) return null;
    const sheet = this.state.sheets.find((s) => s.id === ref.sheetId);
    return `${sheet ? quoteName(sheet.name) : "#REF"}!${a1Of(ref, true)}`;
  }

  picture(): WorkbookPicture {
    return {
      sheets: this.state.sheets.map((s) => ({
        name: s.name,
        cells: [...s.cells.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        customProperties: [...s.customProperties.entries()].sort(),
        tables: s.tables.map((t) => ({ name: t.name, range: this.refText(t.range) as string, style: t.style })),
        charts: s.charts.map((c) => ({
          name: c.name,
          type: c.type,
          title: c.title,
          position: c.position,
          series: c.series.map((x) => ({
            name: x.name,
            values: this.refText(x.values),
            xValues: this.refText(x.xValues),
            format: x.format,
          })),
          axes: c.axes,
        })),
        freeze: s.freeze,
        columnWidths: [...s.columnWidths.entries()].sort((a, b) => a[0] - b[0]),
        tabColor: s.tabColor,
      })),
      names: this.state.names
        .map((n) => ({ name: n.name, formula: this.nameFormula(n), comment: n.comment, visible: n.visible }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
      documentProperties: [...this.state.documentProperties.entries()].sort(),
    };
  }

  // ---- used by the proxies ----------------------------------------------------------------------

  newSheet(name: string): SheetState {
    if (this.sheetByName(name))
      throw new FakeOfficeError("ItemAlreadyExists", `A sheet named '${name}' already exists.`, "Worksheets.add");
    const sheet: SheetState = {
      id: this.nextId++,
      name,
      cells: new Map(),
      customProperties: new Map(),
      tables: [],
      charts: [],
      freeze: null,
      columnWidths: new Map(),
      tabColor: "",
      visibility: "Visible",
      hiddenRows: new Set(),
    };
    this.state.sheets.push(sheet);
    return sheet;
  }

  runSync(ops: Op[]): void {
    this.syncs += 1;
    const failure = this.failures.get(this.syncs);
    const limit = failure ? (failure.afterCalls ?? Math.floor(ops.length / 2)) : ops.length;
    for (let i = 0; i < ops.length; i++) {
      if (i === limit && failure) {
        throw new FakeOfficeError(failure.code, failure.message, ops[i]?.label ?? "context.sync");
      }
      this.calls.push(`sync ${this.syncs}: ${ops[i].label}`);
      ops[i].run();
    }
    if (failure && limit >= ops.length) throw new FakeOfficeError(failure.code, failure.message, "context.sync");
  }

  guardStructure(where: string): void {
    if (this.structureProtected) {
      throw new FakeOfficeError(
        "AccessDenied",
        "You cannot perform the requested operation. The workbook structure is protected.",
        where,
      );
    }
  }
}

class NotLoaded extends Error {
  constructor(what: string) {
    super(
      `The property '${what}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    );
    this.name = "PropertyNotLoaded";
  }
}

/** A proxy property that can be read only after it was loaded and synced (or set locally). */
class Loaded<T> {
  private has = false;
  private value: T | undefined;
  constructor(private readonly what: string) {}
  get(): T {
    if (!this.has) throw new NotLoaded(this.what);
    return this.value as T;
  }
  set(value: T): void {
    this.has = true;
    this.value = value;
  }
}

class FakeContext {
  pending: Op[] = [];
  private pendingChars = 0;
  readonly workbook: FakeWorkbookProxy;
  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbookProxy(this);
  }
  queue(label: string, run: () => void): void {
    this.pending.push({ label, run });
  }
  async sync(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    this.excel.requestChars.push(this.pendingChars);
    this.pendingChars = 0;
    await Promise.resolve();
    this.excel.runSync(ops);
  }
  countChars(values: unknown[][]): void {
    for (const row of values)
      for (const item of row) this.pendingChars += typeof item === "string" ? item.length + 3 : 8;
  }
}

class FakeWorkbookProxy {
  readonly properties: { custom: FakeDocumentProperties };
  readonly protection: FakeWorkbookProtection;
  readonly functions: FakeFunctions;
  readonly worksheets: FakeWorksheets;
  readonly names: FakeNames;
  readonly tables: FakeWorkbookTables;
  readonly application: FakeApplication;
  readonly settings: FakeSettings;
  constructor(readonly ctx: FakeContext) {
    this.worksheets = new FakeWorksheets(ctx);
    this.names = new FakeNames(ctx);
    this.tables = new FakeWorkbookTables(ctx);
    this.application = new FakeApplication(ctx);
    this.settings = new FakeSettings(ctx);
    this.properties = { custom: new FakeDocumentProperties(ctx) };
    this.protection = new FakeWorkbookProtection(ctx);
    this.functions = new FakeFunctions(ctx);
  }
}

/** workbook.protection (ExcelApi 1.7): whether the structure is protected. */
class FakeWorkbookProtection {
  private readonly loaded = new Loaded<boolean>("WorkbookProtection.protected");
  constructor(private readonly ctx: FakeContext) {}
  get protected(): boolean {
    return this.loaded.get();
  }
  load(): this {
    this.ctx.queue("workbook.protection.load(protected)", () => this.loaded.set(this.ctx.excel.structureProtected));
    return this;
  }
}

/** workbook.functions: only DATE, computed in the workbook's date system. */
class FakeFunctions {
  constructor(private readonly ctx: FakeContext) {}
  date(year: number, month: number, day: number): { value: number; load: () => void } {
    const loaded = new Loaded<number>("FunctionResult.value");
    const ctx = this.ctx;
    return {
      get value() {
        return loaded.get();
      },
      load: () =>
        ctx.queue(`functions.date(${year},${month},${day})`, () => {
          const serial1900 = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
          loaded.set(ctx.excel.date1904 ? serial1900 - 1462 : serial1900);
        }),
    };
  }
}

class FakeDocumentProperty {
  constructor(
    private readonly ctx: FakeContext,
    readonly key: string,
    private readonly loadedValue: string | undefined,
  ) {}
  get value(): string {
    if (this.loadedValue === undefined) throw new NotLoaded("CustomProperty.value");
    return this.loadedValue;
  }
  delete(): void {
    this.ctx.queue(`properties.custom(${this.key}).delete()`, () => {
      const properties = this.ctx.excel.state.documentProperties;
      if (!properties.has(this.key))
        throw new FakeOfficeError(
          "ItemNotFound",
          `The requested resource doesn't exist: property '${this.key}'.`,
          "CustomProperty.delete",
        );
      properties.delete(this.key);
    });
  }
}

class FakeDocumentProperties {
  private readonly loadedItems = new Loaded<FakeDocumentProperty[]>("items");
  constructor(private readonly ctx: FakeContext) {}
  get items(): FakeDocumentProperty[] {
    return this.loadedItems.get();
  }
  load(): this {
    this.ctx.queue("properties.custom.load(items/key,items/value)", () => {
      this.loadedItems.set(
        [...this.ctx.excel.state.documentProperties].map(([k, v]) => new FakeDocumentProperty(this.ctx, k, v)),
      );
    });
    return this;
  }
  add(key: string, value: string): void {
    this.ctx.queue(`properties.custom.add(${key}, ${value})`, () => {
      this.ctx.excel.state.documentProperties.set(key, value);
    });
  }
  getItem(key: string): FakeDocumentProperty {
    return new FakeDocumentProperty(this.ctx, key, undefined);
  }
}

class FakeApplication {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.queue("application.suspendApiCalculationUntilNextSync()", () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.ctx.queue("application.suspendScreenUpdatingUntilNextSync()", () => undefined);
  }
  calculate(type: string): void {
    this.ctx.queue(`application.calculate(${type})`, () => undefined);
  }
}

class FakeSettings {
  constructor(private readonly ctx: FakeContext) {}
  add(name: string, value: unknown): void {
    this.ctx.queue(`settings.add(${name})`, () => {
      this.ctx.excel.state.settings.set(name, JSON.parse(JSON.stringify(value)));
    });
  }
  getItemOrNullObject(name: string): FakeSetting {
    return new FakeSetting(this.ctx, name);
  }
}

class FakeSetting {
  private readonly loadedValue = new Loaded<unknown>("value");
  private readonly loadedNull = new Loaded<boolean>("isNullObject");
  constructor(
    private readonly ctx: FakeContext,
    private readonly name: string,
  ) {}
  get value(): unknown {
    return this.loadedValue.get();
  }
  get isNullObject(): boolean {
    return this.loadedNull.get();
  }
  load(): this {
    this.ctx.queue(`settings.getItemOrNullObject(${this.name}).load()`, () => {
      const settings = this.ctx.excel.state.settings;
      this.loadedNull.set(!settings.has(this.name));
      this.loadedValue.set(settings.get(this.name) ?? null);
    });
    return this;
  }
  delete(): void {
    this.ctx.queue(`settings.getItemOrNullObject(${this.name}).delete()`, () => {
      this.ctx.excel.state.settings.delete(this.name);
    });
  }
}

class FakeWorksheets {
  private readonly loadedItems = new Loaded<FakeWorksheet[]>("items");
  constructor(private readonly ctx: FakeContext) {}
  get items(): FakeWorksheet[] {
    return this.loadedItems.get();
  }
  load(): this {
    this.ctx.queue("worksheets.load(items/name)", () => {
      this.loadedItems.set(
        this.ctx.excel.state.sheets.map((s) => {
          const proxy = new FakeWorksheet(this.ctx, () => this.byId(s.id), `sheet#${s.id}`);
          proxy.loadedName.set(s.name);
          proxy.loadedVisibility.set(s.visibility);
          return proxy;
        }),
      );
    });
    return this;
  }
  private byId(id: number): SheetState {
    const sheet = this.ctx.excel.state.sheets.find((s) => s.id === id);
    if (!sheet) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist.", "Worksheet");
    return sheet;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(
      this.ctx,
      () => {
        const sheet = this.ctx.excel.sheetByName(name);
        if (!sheet)
          throw new FakeOfficeError(
            "ItemNotFound",
            `The requested resource doesn't exist: sheet '${name}'.`,
            `Worksheets.getItem(${name})`,
          );
        return sheet;
      },
      name,
    );
  }
  add(name: string): FakeWorksheet {
    let id = -1;
    this.ctx.queue(`worksheets.add(${name})`, () => {
      this.ctx.excel.guardStructure(`Worksheets.add(${name})`);
      id = this.ctx.excel.newSheet(name).id;
    });
    const proxy = new FakeWorksheet(this.ctx, () => this.byId(id), name);
    proxy.loadedName.set(name);
    return proxy;
  }
}

class FakeWorksheet {
  readonly loadedName: Loaded<string>;
  readonly loadedVisibility = new Loaded<string>("Worksheet.visibility");
  readonly customProperties: FakeCustomProperties;
  readonly tables: FakeSheetTables;
  readonly charts: FakeCharts;
  readonly freezePanes: FakeFreezePanes;
  constructor(
    private readonly ctx: FakeContext,
    readonly resolve: () => SheetState,
    private readonly label: string,
  ) {
    this.loadedName = new Loaded<string>(`Worksheet.name`);
    this.customProperties = new FakeCustomProperties(ctx, resolve, label);
    this.tables = new FakeSheetTables(ctx, resolve, label);
    this.charts = new FakeCharts(ctx, resolve, label);
    this.freezePanes = new FakeFreezePanes(ctx, resolve, label);
  }
  get name(): string {
    return this.loadedName.get();
  }
  set name(value: string) {
    this.loadedName.set(value);
    this.ctx.queue(`worksheet(${this.label}).name = ${value}`, () => {
      this.ctx.excel.guardStructure("Worksheet.name");
      const sheet = this.resolve();
      const clash = this.ctx.excel.sheetByName(value);
      if (clash && clash !== sheet)
        throw new FakeOfficeError("ItemAlreadyExists", `A sheet named '${value}' already exists.`, "Worksheet.name");
      sheet.name = value;
    });
  }
  get visibility(): string {
    return this.loadedVisibility.get();
  }
  set tabColor(value: string) {
    this.ctx.queue(`worksheet(${this.label}).tabColor = ${value}`, () => {
      this.resolve().tabColor = value;
    });
  }
  load(): this {
    this.ctx.queue(`worksheet(${this.label}).load(name)`, () => this.loadedName.set(this.resolve().name));
    return this;
  }
  delete(): void {
    this.ctx.queue(`worksheet(${this.label}).delete()`, () => {
      this.ctx.excel.guardStructure("Worksheet.delete");
      const sheet = this.resolve();
      const state = this.ctx.excel.state;
      state.sheets.splice(state.sheets.indexOf(sheet), 1);
      if (state.activeSheetId === sheet.id) state.activeSheetId = null;
    });
  }
  activate(): void {
    this.ctx.queue(`worksheet(${this.label}).activate()`, () => {
      this.ctx.excel.state.activeSheetId = this.resolve().id;
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.ctx, this.resolve, { row, col, rows, cols });
  }
  /** A range by A1 address; without one, the whole sheet (as Office.js). */
  getRange(address?: string): FakeRange {
    if (address === undefined)
      return new FakeRange(this.ctx, this.resolve, { row: 0, col: 0, rows: 1_048_576, cols: 16_384 });
    const column = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(address);
    if (column) {
      const start = parseCell(`${column[1]}1`).col;
      const end = parseCell(`${column[2]}1`).col;
      return new FakeRange(this.ctx, this.resolve, { row: 0, col: start, rows: 1_048_576, cols: end - start + 1 });
    }
    const [from, to] = address.split(":");
    const a = parseCell(from);
    const b = to ? parseCell(to) : a;
    return new FakeRange(this.ctx, this.resolve, {
      row: a.row,
      col: a.col,
      rows: b.row - a.row + 1,
      cols: b.col - a.col + 1,
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.ctx, this.resolve, null, valuesOnly === true);
  }
}

/**
 * Cells Excel gives in one response at most: asking for more fails as Excel does when a response
 * passes its payload limit (about 5 MB on the web), so a read of a huge used range fails here too.
 */
export const FAKE_MAX_RESPONSE_CELLS = 1_000_000;

/** The filled cells of a sheet as Excel's `getSpecialCells` gives them: rectangles, here runs of a row merged down rows. */
function specialAreas(
  sheet: SheetState,
  box: { row: number; col: number; rows: number; cols: number },
  formulas: boolean,
): { row: number; col: number; rows: number; cols: number }[] {
  const byRow = new Map<number, number[]>();
  for (const [k, cell] of sheet.cells) {
    if (formulas ? cell.formula === null : cell.formula !== null || cell.value === null) continue;
    const [row, col] = k.split(",").map(Number);
    if (row < box.row || row >= box.row + box.rows || col < box.col || col >= box.col + box.cols) continue;
    byRow.set(row, [...(byRow.get(row) ?? []), col]);
  }
  const open = new Map<string, { row: number; col: number; rows: number; cols: number }>();
  const areas: { row: number; col: number; rows: number; cols: number }[] = [];
  for (const row of [...byRow.keys()].sort((a, b) => a - b)) {
    const cols = (byRow.get(row) as number[]).sort((a, b) => a - b);
    for (let i = 0; i < cols.length;) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j += 1;
      const span = `${cols[i]}:${cols[j]}`;
      const area = open.get(span);
      if (area && area.row + area.rows === row) area.rows += 1;
      else {
        const fresh = { row, col: cols[i], rows: 1, cols: cols[j] - cols[i] + 1 };
        open.set(span, fresh);
        areas.push(fresh);
      }
      i = j + 1;
    }
  }
  return areas;
}

class FakeRangeAreas {
  private readonly loadedNull = new Loaded<boolean>("RangeAreas.isNullObject");
  private readonly loadedAreas = new Loaded<FakeRange[]>("RangeAreas.areas");
  constructor(
    private readonly ctx: FakeContext,
    private readonly range: FakeRange,
    private readonly kind: string,
  ) {}
  get isNullObject(): boolean {
    return this.loadedNull.get();
  }
  get areas(): { items: FakeRange[] } {
    return { items: this.loadedAreas.get() };
  }
  load(): this {
    this.ctx.queue(`range(${this.range.describe()}).getSpecialCellsOrNullObject(${this.kind}).load()`, () => {
      const box = this.range.currentBox();
      const areas = box ? specialAreas(this.range.resolveSheet(), box, this.kind === "Formulas") : [];
      this.loadedNull.set(areas.length === 0);
      this.loadedAreas.set(areas.map((area) => FakeRange.loaded(this.ctx, this.range.resolveSheet, area)));
    });
    return this;
  }
}

class FakeRange {
  private readonly loadedValues = new Loaded<Scalar[][]>("Range.values");
  private readonly loadedFormulas = new Loaded<Scalar[][]>("Range.formulas");
  private readonly loadedAddress = new Loaded<string>("Range.address");
  private readonly loadedNull = new Loaded<boolean>("Range.isNullObject");
  private readonly loadedNumberFormat = new Loaded<Scalar[][]>("Range.numberFormat");
  private readonly loadedRowHidden = new Loaded<boolean | null>("Range.rowHidden");
  private readonly loadedSize = new Loaded<{ rows: number; cols: number }>("Range.rowCount");
  readonly format: FakeRangeFormat;
  constructor(
    private readonly ctx: FakeContext,
    readonly resolveSheet: () => SheetState,
    /** Null for a used range, found when the sync runs. */
    private box: { row: number; col: number; rows: number; cols: number } | null,
    private readonly valuesOnly = false,
  ) {
    this.format = new FakeRangeFormat(
      ctx,
      (label, apply) => this.eachCell(label, apply),
      (label, apply) => this.columns(label, apply),
    );
  }
  get values(): Scalar[][] {
    return this.loadedValues.get();
  }
  set values(grid: unknown[][]) {
    this.writeGrid("values", grid, (cell, input) => Object.assign(cell, interpretInput(input)));
  }
  /** As Office.js gives them: a formula cell's formula, any other cell's value ("" when empty). */
  get formulas(): Scalar[][] {
    return this.loadedFormulas.get();
  }
  set formulas(grid: unknown[][]) {
    this.writeGrid("formulas", grid, (cell, input) => Object.assign(cell, interpretInput(input)));
  }
  get address(): string {
    return this.loadedAddress.get();
  }
  get rowCount(): number {
    return this.loadedSize.get().rows;
  }
  get columnCount(): number {
    return this.loadedSize.get().cols;
  }
  /** A range whose address and size are loaded already (an area of a RangeAreas). */
  static loaded(
    ctx: FakeContext,
    resolveSheet: () => SheetState,
    box: { row: number; col: number; rows: number; cols: number },
  ): FakeRange {
    const range = new FakeRange(ctx, resolveSheet, box);
    range.loadedAddress.set(`${quoteName(resolveSheet().name)}!${a1Of(box)}`);
    range.loadedSize.set(box);
    return range;
  }
  /** The range's cells, once a used range has been found by a sync; null before. */
  currentBox(): { row: number; col: number; rows: number; cols: number } | null {
    return this.box;
  }
  getSpecialCellsOrNullObject(kind: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, this, kind);
  }
  get isNullObject(): boolean {
    return this.loadedNull.get();
  }
  get numberFormat(): Scalar[][] {
    return this.loadedNumberFormat.get();
  }
  set numberFormat(grid: unknown[][]) {
    this.writeGrid("numberFormat", grid, (cell, input) => {
      cell.format = String(input);
    });
  }
  /** As Office.js: true when every row is hidden, false when none is, null when some are. */
  get rowHidden(): boolean | null {
    return this.loadedRowHidden.get();
  }
  /** The visible rows of the range (ExcelApi 1.3): only its row count is modelled. */
  getVisibleView(): { rowCount: number; load: () => void } {
    const loaded = new Loaded<number>("RangeView.rowCount");
    return {
      get rowCount() {
        return loaded.get();
      },
      load: () =>
        this.ctx.queue(`range(${this.describe()}).getVisibleView().load(rowCount)`, () => {
          const box = this.box;
          if (!box)
            throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist.", "Range.getVisibleView");
          const hidden = this.resolveSheet().hiddenRows;
          let visible = 0;
          for (let r = box.row; r < box.row + box.rows; r++) if (!hidden.has(r)) visible += 1;
          loaded.set(visible);
        }),
    };
  }
  describe(): string {
    return this.box ? a1Of(this.box) : "usedRange";
  }
  ref(): RangeRefState {
    if (!this.box) throw new Error("fake: a used range cannot be referenced");
    return { sheetId: this.resolveSheet().id, ...this.box };
  }
  /** Loads the address and values, and the formulas when asked for ("address,values,formulas"). */
  load(properties = "address,values"): this {
    this.ctx.queue(`range(${this.describe()}).load(${properties})`, () => {
      const sheet = this.resolveSheet();
      if (!this.box) {
        const used = [...sheet.cells.entries()].filter(
          ([, c]) => !this.valuesOnly || c.value !== null || c.formula !== null,
        );
        if (!used.length) {
          this.loadedNull.set(true);
          return;
        }
        // Loops, not Math.min(...cells): a sheet of the robustness tests holds more cells than a call takes arguments.
        let row = Infinity;
        let col = Infinity;
        let lastRow = -1;
        let lastCol = -1;
        for (const [k] of used) {
          const [r, c] = k.split(",").map(Number);
          row = Math.min(row, r);
          col = Math.min(col, c);
          lastRow = Math.max(lastRow, r);
          lastCol = Math.max(lastCol, c);
        }
        this.box = { row, col, rows: lastRow - row + 1, cols: lastCol - col + 1 };
      }
      const box = this.box;
      this.loadedNull.set(false);
      this.loadedAddress.set(`${quoteName(sheet.name)}!${a1Of(box)}`);
      this.loadedSize.set(box);
      let hiddenRows = 0;
      for (const r of sheet.hiddenRows) if (r >= box.row && r < box.row + box.rows) hiddenRows += 1;
      this.loadedRowHidden.set(hiddenRows === 0 ? false : hiddenRows === box.rows ? true : null);
      const wanted = properties.split(",");
      if (!wanted.includes("values") && !wanted.includes("formulas")) return;
      this.ctx.excel.cellsAsked.push(box.rows * box.cols);
      if (box.rows * box.cols > FAKE_MAX_RESPONSE_CELLS) {
        throw new FakeOfficeError(
          "ResponsePayloadSizeLimitExceeded",
          "The response payload size has exceeded the limit.",
          "Range.values",
        );
      }
      const values: Scalar[][] = [];
      const formulas: Scalar[][] = [];
      const numberFormats: Scalar[][] = [];
      for (let r = 0; r < box.rows; r++) {
        const row: Scalar[] = [];
        const rowFormulas: Scalar[] = [];
        const rowFormats: Scalar[] = [];
        for (let c = 0; c < box.cols; c++) {
          const cell = sheet.cells.get(key(box.row + r, box.col + c));
          row.push(cell?.value ?? (cell?.formula ? 0 : ""));
          rowFormulas.push(cell?.formula ?? cell?.value ?? "");
          rowFormats.push(cell?.format ?? "General");
        }
        values.push(row);
        formulas.push(rowFormulas);
        numberFormats.push(rowFormats);
      }
      this.loadedValues.set(values);
      const loading = properties.split(",");
      if (loading.includes("formulas")) this.loadedFormulas.set(formulas);
      if (loading.includes("numberFormat")) this.loadedNumberFormat.set(numberFormats);
    });
    return this;
  }
  private writeGrid(what: string, grid: unknown[][], apply: (cell: FakeCell, input: unknown) => void): void {
    const box = this.box;
    if (!box) throw new Error("fake: cannot write a used range");
    this.ctx.countChars(grid);
    this.ctx.queue(`range(${a1Of(box)}).${what}`, () => {
      if (grid.length !== box.rows || grid.some((row) => row.length !== box.cols)) {
        throw new FakeOfficeError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${a1Of(box)}).`,
          `Range.${what}`,
        );
      }
      const sheet = this.resolveSheet();
      grid.forEach((row, r) =>
        row.forEach((input, c) => {
          const k = key(box.row + r, box.col + c);
          const cell = sheet.cells.get(k) ?? { value: null, formula: null, format: "General", style: {} };
          apply(cell, input);
          if (
            cell.value === null &&
            cell.formula === null &&
            cell.format === "General" &&
            !Object.keys(cell.style).length
          )
            sheet.cells.delete(k);
          else sheet.cells.set(k, cell);
        }),
      );
    });
  }
  /** Clears the cells of the range: "All" (the default) empties them, "Contents" keeps formats and styles, "Formats" keeps contents. */
  clear(applyTo = "All"): void {
    const box = this.box;
    if (!box) throw new Error("fake: cannot clear a used range");
    this.ctx.queue(`range(${a1Of(box)}).clear(${applyTo})`, () => {
      const sheet = this.resolveSheet();
      for (const [k, cell] of [...sheet.cells]) {
        const [row, col] = k.split(",").map(Number);
        if (row < box.row || row >= box.row + box.rows || col < box.col || col >= box.col + box.cols) continue;
        if (applyTo === "All") sheet.cells.delete(k);
        else if (applyTo === "Contents") Object.assign(cell, { value: null, formula: null });
        else if (applyTo === "Formats") Object.assign(cell, { format: "General", style: {} });
        else throw new Error(`fake: clear(${applyTo}) is not modelled`);
      }
    });
  }
  /** Copies everything of the source's cells ("All", the only copy type modelled) to this range's top-left. */
  copyFrom(source: FakeRange, copyType = "All"): void {
    const box = this.box;
    if (!box) throw new Error("fake: cannot copy into a used range");
    if (copyType !== "All") throw new Error(`fake: copyFrom(${copyType}) is not modelled`);
    this.ctx.queue(`range(${a1Of(box)}).copyFrom(${source.describe()})`, () => {
      const from = source.ref();
      const fromSheet = source.resolveSheet();
      const sheet = this.resolveSheet();
      for (let r = 0; r < from.rows; r++) {
        for (let c = 0; c < from.cols; c++) {
          const cell = fromSheet.cells.get(key(from.row + r, from.col + c));
          const k = key(box.row + r, box.col + c);
          if (cell) sheet.cells.set(k, { ...cell, style: { ...cell.style } });
          else sheet.cells.delete(k);
        }
      }
    });
  }
  private eachCell(label: string, apply: (cell: FakeCell) => void): void {
    const box = this.box;
    if (!box) throw new Error("fake: cannot format a used range");
    this.ctx.queue(`range(${a1Of(box)}).format.${label}`, () => {
      const sheet = this.resolveSheet();
      for (let r = 0; r < box.rows; r++) {
        for (let c = 0; c < box.cols; c++) {
          const k = key(box.row + r, box.col + c);
          const cell = sheet.cells.get(k) ?? { value: null, formula: null, format: "General", style: {} };
          apply(cell);
          sheet.cells.set(k, cell);
        }
      }
    });
  }
  private columns(label: string, apply: (sheet: SheetState, col: number) => void): void {
    const box = this.box;
    if (!box) throw new Error("fake: cannot format a used range");
    this.ctx.queue(`range(${a1Of(box)}).format.${label}`, () => {
      const sheet = this.resolveSheet();
      for (let c = 0; c < box.cols; c++) apply(sheet, box.col + c);
    });
  }
}

type EachCell = (label: string, apply: (cell: FakeCell) => void) => void;

class FakeRangeFormat {
  readonly font: Record<string, unknown>;
  readonly fill: Record<string, unknown>;
  readonly borders: { getItem: (edge: string) => Record<string, unknown> };
  readonly protection: Record<string, unknown>;
  constructor(
    ctx: FakeContext,
    private readonly eachCell: EachCell,
    private readonly eachColumn: (label: string, apply: (sheet: SheetState, col: number) => void) => void,
  ) {
    const styleSetter = (prefix: string) =>
      new Proxy(
        {},
        {
          set: (_target, prop, value) => {
            this.eachCell(`${prefix}${String(prop)} = ${String(value)}`, (cell) => {
              cell.style[`${prefix}${String(prop)}`] = value;
            });
            return true;
          },
        },
      );
    this.font = styleSetter("font.");
    this.fill = styleSetter("fill.");
    this.borders = { getItem: (edge: string) => styleSetter(`border.${edge}.`) };
    this.protection = styleSetter("protection.");
    void ctx;
  }
  set wrapText(value: boolean) {
    this.eachCell(`wrapText = ${value}`, (cell) => {
      cell.style.wrapText = value;
    });
  }
  set verticalAlignment(value: string) {
    this.eachCell(`verticalAlignment = ${value}`, (cell) => {
      cell.style.verticalAlignment = value;
    });
  }
  set columnWidth(points: number) {
    this.eachColumn(`columnWidth = ${points}`, (sheet, col) => sheet.columnWidths.set(col, points));
  }
}

class FakeCustomProperties {
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => SheetState,
    private readonly label: string,
  ) {}
  add(name: string, value: string): void {
    this.ctx.queue(`worksheet(${this.label}).customProperties.add(${name}, ${value})`, () => {
      this.resolve().customProperties.set(name, value);
    });
  }
  getItemOrNullObject(name: string): { value: string; isNullObject: boolean; load: () => void } {
    const value = new Loaded<string>("WorksheetCustomProperty.value");
    const isNull = new Loaded<boolean>("WorksheetCustomProperty.isNullObject");
    const ctx = this.ctx;
    const resolve = this.resolve;
    return {
      get value() {
        return value.get();
      },
      get isNullObject() {
        return isNull.get();
      },
      load: () =>
        ctx.queue(`worksheet(${this.label}).customProperties.getItemOrNullObject(${name}).load(value)`, () => {
          const found = resolve().customProperties.get(name);
          isNull.set(found === undefined);
          value.set(found ?? "");
        }),
    };
  }
}

class FakeFreezePanes {
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => SheetState,
    private readonly label: string,
  ) {}
  freezeRows(rows: number): void {
    this.ctx.queue(`worksheet(${this.label}).freezePanes.freezeRows(${rows})`, () => {
      this.resolve().freeze = { rows, cols: 0 };
    });
  }
  freezeColumns(cols: number): void {
    this.ctx.queue(`worksheet(${this.label}).freezePanes.freezeColumns(${cols})`, () => {
      this.resolve().freeze = { rows: 0, cols };
    });
  }
  freezeAt(range: FakeRange): void {
    this.ctx.queue(`worksheet(${this.label}).freezePanes.freezeAt()`, () => {
      const ref = range.ref();
      this.resolve().freeze = { rows: ref.row + ref.rows, cols: ref.col + ref.cols };
    });
  }
}

function findTable(excel: FakeExcel, name: string): TableState | undefined {
  for (const sheet of excel.state.sheets) {
    const table = sheet.tables.find((t) => lower(t.name) === lower(name));
    if (table) return table;
  }
  return undefined;
}

class FakeTable {
  private readonly loadedName = new Loaded<string>("Table.name");
  private readonly loadedNull = new Loaded<boolean>("Table.isNullObject");
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => TableState | undefined,
    private readonly label: string,
  ) {}
  get name(): string {
    return this.loadedName.get();
  }
  set name(value: string) {
    this.loadedName.set(value);
    this.ctx.queue(`table(${this.label}).name = ${value}`, () => {
      const table = this.target();
      const clash = findTable(this.ctx.excel, value);
      if (clash && clash !== table)
        throw new FakeOfficeError("ItemAlreadyExists", `A table named '${value}' already exists.`, "Table.name");
      table.name = value;
    });
  }
  set style(value: string) {
    this.ctx.queue(`table(${this.label}).style = ${value}`, () => {
      this.target().style = value;
    });
  }
  get isNullObject(): boolean {
    return this.loadedNull.get();
  }
  load(): this {
    this.ctx.queue(`table(${this.label}).load(name)`, () => {
      const table = this.resolve();
      this.loadedNull.set(!table);
      this.loadedName.set(table?.name ?? "");
    });
    return this;
  }
  withName(name: string): this {
    this.loadedName.set(name);
    return this;
  }
  private target(): TableState {
    const table = this.resolve();
    if (!table)
      throw new FakeOfficeError(
        "ItemNotFound",
        `The requested resource doesn't exist: table '${this.label}'.`,
        "Table",
      );
    return table;
  }
}

class FakeSheetTables {
  private readonly loadedItems = new Loaded<FakeTable[]>("items");
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => SheetState,
    private readonly label: string,
  ) {}
  get items(): FakeTable[] {
    return this.loadedItems.get();
  }
  load(): this {
    this.ctx.queue(`worksheet(${this.label}).tables.load(items/name)`, () => {
      this.loadedItems.set(this.resolve().tables.map((t) => new FakeTable(this.ctx, () => t, t.name).withName(t.name)));
    });
    return this;
  }
  getItem(name: string): FakeTable {
    return new FakeTable(this.ctx, () => this.resolve().tables.find((t) => lower(t.name) === lower(name)), name);
  }
  add(range: FakeRange, hasHeaders: boolean): FakeTable {
    let table: TableState | undefined;
    this.ctx.queue(`worksheet(${this.label}).tables.add(hasHeaders=${hasHeaders})`, () => {
      let n = 1;
      while (findTable(this.ctx.excel, `Table${n}`)) n += 1;
      table = { name: `Table${n}`, range: range.ref(), style: null };
      this.resolve().tables.push(table);
    });
    return new FakeTable(this.ctx, () => table, "new table");
  }
}

class FakeWorkbookTables {
  constructor(private readonly ctx: FakeContext) {}
  getItemOrNullObject(name: string): FakeTable {
    return new FakeTable(this.ctx, () => findTable(this.ctx.excel, name), name);
  }
}

class FakeSeries {
  readonly format: { line: Record<string, unknown>; fill: { setSolidColor: (color: string) => void } };
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => SeriesState,
    private readonly label: string,
  ) {
    const line = new Proxy(
      {},
      {
        set: (_t, prop, value) => {
          ctx.queue(`${label}.format.line.${String(prop)} = ${String(value)}`, () => {
            this.resolve().format[`line.${String(prop)}`] = value;
          });
          return true;
        },
      },
    );
    this.format = {
      line,
      fill: {
        setSolidColor: (color: string) =>
          ctx.queue(`${label}.format.fill.setSolidColor(${color})`, () => {
            this.resolve().format.fill = color;
          }),
      },
    };
  }
  set name(value: string) {
    this.ctx.queue(`${this.label}.name = ${value}`, () => {
      this.resolve().name = value;
    });
  }
  setValues(range: FakeRange): void {
    this.ctx.queue(`${this.label}.setValues()`, () => {
      this.resolve().values = range.ref();
    });
  }
  setXAxisValues(range: FakeRange): void {
    this.ctx.queue(`${this.label}.setXAxisValues()`, () => {
      this.resolve().xValues = range.ref();
    });
  }
}

class FakeCharts {
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => SheetState,
    private readonly label: string,
  ) {}
  add(type: string, source: FakeRange, seriesBy: string): FakeChart {
    let chart: ChartState | undefined;
    this.ctx.queue(`worksheet(${this.label}).charts.add(${type}, ${seriesBy})`, () => {
      const sheet = this.resolve();
      chart = {
        name: `Chart ${sheet.charts.length + 1}`,
        type,
        title: "",
        position: null,
        series: [{ name: "Series1", values: source.ref(), xValues: null, format: {} }],
        axes: {},
      };
      sheet.charts.push(chart);
    });
    return new FakeChart(this.ctx, () => {
      if (!chart) throw new FakeOfficeError("ItemNotFound", "The chart was not created.", "Chart");
      return chart;
    });
  }
}

class FakeChart {
  readonly title: Record<string, unknown>;
  readonly axes: {
    categoryAxis: { title: Record<string, unknown> };
    valueAxis: Record<string, unknown> & { title: Record<string, unknown> };
  };
  readonly series: { getItemAt: (i: number) => FakeSeries; add: (name: string) => FakeSeries };
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => ChartState,
  ) {
    const setter = (label: string, apply: (chart: ChartState, prop: string, value: unknown) => void) =>
      new Proxy(
        {},
        {
          set: (_t, prop, value) => {
            ctx.queue(`chart.${label}${String(prop)} = ${String(value)}`, () =>
              apply(this.resolve(), String(prop), value),
            );
            return true;
          },
        },
      );
    this.title = setter("title.", (chart, _prop, value) => {
      chart.title = String(value);
    });
    const valueAxis = setter("axes.valueAxis.", (chart, prop, value) => {
      chart.axes[`valueAxis.${prop}`] = value;
    }) as Record<string, unknown> & { title: Record<string, unknown> };
    Object.defineProperty(valueAxis, "title", {
      value: setter("axes.valueAxis.title.", (chart, _prop, value) => {
        chart.axes["valueAxis.title"] = value;
      }),
    });
    this.axes = {
      categoryAxis: {
        title: setter("axes.categoryAxis.title.", (chart, _prop, value) => {
          chart.axes["categoryAxis.title"] = value;
        }),
      },
      valueAxis,
    };
    this.series = {
      getItemAt: (i: number) => new FakeSeries(ctx, () => this.resolve().series[i], `chart.series[${i}]`),
      add: (name: string) => {
        let index = -1;
        ctx.queue(`chart.series.add(${name})`, () => {
          const chart = this.resolve();
          chart.series.push({ name, values: null, xValues: null, format: {} });
          index = chart.series.length - 1;
        });
        return new FakeSeries(ctx, () => this.resolve().series[index], `chart.series(${name})`);
      },
    };
  }
  set name(value: string) {
    this.ctx.queue(`chart.name = ${value}`, () => {
      this.resolve().name = value;
    });
  }
  setPosition(start: string, end: string): void {
    this.ctx.queue(`chart.setPosition(${start}, ${end})`, () => {
      this.resolve().position = [start, end];
    });
  }
}

class FakeNamedItem {
  private readonly loadedName = new Loaded<string>("NamedItem.name");
  private readonly loadedFormula = new Loaded<string>("NamedItem.formula");
  private readonly loadedComment = new Loaded<string>("NamedItem.comment");
  constructor(
    private readonly ctx: FakeContext,
    private readonly resolve: () => NameState | undefined,
    private readonly label: string,
  ) {}
  get name(): string {
    return this.loadedName.get();
  }
  get formula(): string {
    return this.loadedFormula.get();
  }
  get comment(): string {
    return this.loadedComment.get();
  }
  set visible(value: boolean) {
    this.ctx.queue(`names(${this.label}).visible = ${value}`, () => {
      this.target().visible = value;
    });
  }
  fill(state: NameState): this {
    this.loadedName.set(state.name);
    this.loadedFormula.set(this.ctx.excel.nameFormula(state));
    this.loadedComment.set(state.comment);
    return this;
  }
  delete(): void {
    this.ctx.queue(`names(${this.label}).delete()`, () => {
      const names = this.ctx.excel.state.names;
      names.splice(names.indexOf(this.target()), 1);
    });
  }
  private target(): NameState {
    const name = this.resolve();
    if (!name)
      throw new FakeOfficeError(
        "ItemNotFound",
        `The requested resource doesn't exist: name '${this.label}'.`,
        "NamedItem",
      );
    return name;
  }
}

class FakeNames {
  private readonly loadedItems = new Loaded<FakeNamedItem[]>("items");
  constructor(private readonly ctx: FakeContext) {}
  get items(): FakeNamedItem[] {
    return this.loadedItems.get();
  }
  load(): this {
    this.ctx.queue("names.load(items/name,items/formula,items/comment)", () => {
      this.loadedItems.set(this.ctx.excel.state.names.map((n) => new FakeNamedItem(this.ctx, () => n, n.name).fill(n)));
    });
    return this;
  }
  private find(name: string): NameState | undefined {
    return this.ctx.excel.state.names.find((n) => lower(n.name) === lower(name));
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.ctx, () => this.find(name), name);
  }
  add(name: string, reference: FakeRange | string, comment?: string): FakeNamedItem {
    let state: NameState | undefined;
    this.ctx.queue(`names.add(${name})`, () => {
      if (this.find(name))
        throw new FakeOfficeError("ItemAlreadyExists", `The name '${name}' already exists.`, "NamedItemCollection.add");
      let ref: RangeRefState | null = null;
      let text = "";
      if (typeof reference === "string") {
        const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?$/.exec(
          reference,
        );
        const sheet = m ? this.ctx.excel.sheetByName((m[1] ?? m[2]).replace(/''/g, "'")) : undefined;
        if (m && sheet) {
          const a = parseCell(m[3].replace(/\$/g, ""));
          const b = m[4] ? parseCell(m[4].replace(/\$/g, "")) : a;
          ref = { sheetId: sheet.id, row: a.row, col: a.col, rows: b.row - a.row + 1, cols: b.col - a.col + 1 };
        } else text = reference.startsWith("=") ? reference : `=${reference}`;
      } else ref = reference.ref();
      state = { name, ref, text, comment: comment ?? "", visible: true };
      this.ctx.excel.state.names.push(state);
    });
    return new FakeNamedItem(this.ctx, () => state, name);
  }
}
