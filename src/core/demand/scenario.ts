/**
 * Scenarios: "what if entries fall 10% and we step 8 children down from residential to fostering?"
 * A scenario is a list of adjustments to a fitted model's rates (multiply them, or add to them, for
 * chosen placement groups and age bands) and of planned moves between placement groups. It is applied
 * to the fitted rates, projected like them, and compared with the base in children and in £ by
 * financial year.
 *
 * The scenario file (`--scenario FILE.json` on the command line) is this object as JSON; see
 * SCENARIO_FORMAT below for the fields, and parseScenario for the checks.
 */
import type { PlacementGroup } from "../categories";
import { AGE_BANDS, type AgeBand, PLACEMENT_GROUP_LABELS, PLACEMENT_GROUPS } from "../codes903";
import { financialYearEnd, MAX_SERIAL, parseDate } from "../dates";
import { LacError } from "../errors";
import type { Diagnostic } from "../diagnostics";
import type { DemandCostForecast } from "./cost";
import type { DemandProjection, DemandRates, PlannedMoves } from "./project";
import { BAND_COUNT, groupIndexOf, STATE_COUNT, stateIndex, TOTAL_KEY } from "./states";

/** Days in an average year: turns "per year" and "per month" into the model's daily rates. */
export const DAYS_PER_YEAR = 365.25;

export type RateAdjustmentType = "entries" | "exits" | "transitions";

/** Multiply and/or add to a set of rates (multiply first). */
export interface RateAdjustment {
  type: RateAdjustmentType;
  /** entries: the groups children enter; exits and transitions: the groups children leave from. All when absent. */
  from?: PlacementGroup[];
  /** transitions only: the groups children move to. Every other group when absent. */
  to?: PlacementGroup[];
  /** The age bands it applies to; all when absent. */
  ageBands?: AgeBand[];
  multiply?: number;
  /**
   * entries: extra children a year, shared between the states it applies to in proportion to their
   * entry rates. exits and transitions: extra moves a year per child (0.1 = one child in ten a year),
   * added to each rate it applies to. Negative to take away; a rate stops at 0.
   */
  addPerYear?: number;
}

/** A planned number of moves a month from one placement group to another, keeping each child's age band. */
export interface PlannedMovesAdjustment {
  type: "moves";
  from: PlacementGroup;
  to: PlacementGroup;
  perMonth: number;
  ageBands?: AgeBand[];
  /** First and last days of the moves (Excel serials); from the start and to the end of the projection when absent. */
  firstDate?: number;
  lastDate?: number;
}

export type ScenarioAdjustment = RateAdjustment | PlannedMovesAdjustment;

export interface Scenario {
  name: string;
  description?: string;
  adjustments: ScenarioAdjustment[];
}

/** The scenario file's format, as docs/demand-model.md documents it. */
export const SCENARIO_FORMAT = `{
  "name": "Fewer entries, step-downs",            (required: shown on the Scenarios sheet)
  "description": "P10 planning case",             (optional)
  "adjustments": [                                (required, may be empty)
    { "type": "entries", "multiply": 0.9 },
    { "type": "exits", "from": "residential", "ageBands": ["10to15", "16plus"], "multiply": 1.2 },
    { "type": "transitions", "from": "residential", "to": "fostering", "addPerYear": 0.1 },
    { "type": "moves", "from": "residential", "to": "fostering", "perMonth": 2,
      "firstDate": "01/04/2025", "lastDate": "30/09/2025" }
  ]
}
type: "entries" | "exits" | "transitions" (multiply and/or addPerYear) or "moves" (perMonth).
from, to: placement groups ${PLACEMENT_GROUPS.map((g) => `"${g}"`).join(", ")}; one or a list.
ageBands: ${AGE_BANDS.map((b) => `"${b.band}"`).join(", ")}; all when absent.
addPerYear: entries = extra children a year; exits, transitions = extra moves a year per child.
Dates: dd/mm/yyyy or yyyy-mm-dd.`;

type Fields = Record<string, unknown>;

/** Throws the error for a field: `found` is described (a value's JSON) unless it is already words. */
type Fail = (field: string, expected: string, found: unknown, foundInWords?: boolean) => never;

/** Names an adjustment (no field) or one of its fields, in the words of where it was read. */
export type Where = (field?: string) => string;

/**
 * Reads a scenario from parsed JSON, with an error naming the file and field for anything wrong
 * (what was expected, what was found).
 */
export function parseScenario(json: unknown, fileName: string): Scenario {
  const fail = failIn(fileName);
  if (!isObject(json)) return fail("the scenario", "an object with a name and adjustments", json);
  checkKnownFields(json, ["name", "description", "adjustments"], "the scenario", fail);
  if (typeof json.name !== "string" || json.name.trim() === "")
    return fail("name", "the scenario's name as text", json.name);
  if (json.description !== undefined && typeof json.description !== "string")
    fail("description", "text", json.description);
  if (!Array.isArray(json.adjustments)) return fail("adjustments", "a list of adjustments", json.adjustments);
  const adjustments = json.adjustments.map((item: unknown, i: number) =>
    parseAdjustment(item, (field) => (field ? `adjustments[${i}].${field}` : `adjustments[${i}]`), fail),
  );
  return {
    name: json.name.trim(),
    ...(json.description !== undefined ? { description: json.description as string } : {}),
    adjustments,
  };
}

/**
 * Reads one adjustment, as the Scenarios sheet holds them (a row of the inputs table), with errors
 * beginning `source` and naming the field through `where`.
 */
export function parseScenarioAdjustment(item: unknown, where: Where, source: string): ScenarioAdjustment {
  return parseAdjustment(item, where, failIn(source));
}

function failIn(source: string): Fail {
  return (field, expected, found, foundInWords = false) => {
    throw new LacError(
      "value",
      `${source}: ${field}: expected ${expected}, found ${foundInWords ? String(found) : describe(found)}`,
    );
  };
}

/**
 * The largest figures a scenario may give: far beyond any council's plans, and small enough that the
 * projection's arithmetic cannot overflow to Infinity (a cell cannot hold it).
 */
const LIMITS = { multiply: 100, addPerYear: 100_000, perMonth: 10_000 } as const;

function inRange(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isFinite(value) && value >= min && value <= max;
}

function parseAdjustment(item: unknown, where: Where, fail: Fail): ScenarioAdjustment {
  if (!isObject(item)) return fail(where(), "an adjustment object", item);
  const type = item.type;
  if (type === "moves") {
    checkKnownFields(item, ["type", "from", "to", "perMonth", "ageBands", "firstDate", "lastDate"], where(), fail);
    const from = parseGroups(item.from, where("from"), fail, true);
    const to = parseGroups(item.to, where("to"), fail, true);
    if (from?.length !== 1) return fail(where("from"), "one placement group", item.from);
    if (to?.length !== 1) return fail(where("to"), "one placement group", item.to);
    if (from[0] === to[0]) fail(where("to"), `a placement group other than "${from[0]}"`, item.to);
    if (!inRange(item.perMonth, 0, LIMITS.perMonth)) {
      fail(
        where("perMonth"),
        `a number of children a month, from 0 to ${LIMITS.perMonth.toLocaleString("en-GB")}`,
        item.perMonth,
      );
    }
    const moves: PlannedMovesAdjustment = { type, from: from[0], to: to[0], perMonth: item.perMonth };
    const ageBands = parseBands(item.ageBands, where("ageBands"), fail);
    if (ageBands) moves.ageBands = ageBands;
    for (const field of ["firstDate", "lastDate"] as const) {
      if (item[field] === undefined) continue;
      let serial: number | null;
      try {
        serial = parseDate(item[field]);
      } catch {
        serial = null;
      }
      if (serial === null) fail(where(field), "a date as dd/mm/yyyy", item[field]);
      moves[field] = serial;
    }
    if (moves.firstDate !== undefined && moves.lastDate !== undefined && moves.lastDate < moves.firstDate) {
      fail(where("lastDate"), "a date on or after firstDate", item.lastDate);
    }
    return moves;
  }
  if (type !== "entries" && type !== "exits" && type !== "transitions") {
    return fail(where("type"), `"entries", "exits", "transitions" or "moves"`, type);
  }
  checkKnownFields(item, ["type", "from", "to", "ageBands", "multiply", "addPerYear"], where(), fail);
  const adjustment: RateAdjustment = { type };
  const from = parseGroups(item.from, where("from"), fail, false);
  if (from) adjustment.from = from;
  if (item.to !== undefined) {
    if (type !== "transitions") fail(where("to"), `no "to" (only transitions have one)`, item.to);
    adjustment.to = parseGroups(item.to, where("to"), fail, false);
  }
  const ageBands = parseBands(item.ageBands, where("ageBands"), fail);
  if (ageBands) adjustment.ageBands = ageBands;
  if (item.multiply !== undefined) {
    if (!inRange(item.multiply, 0, LIMITS.multiply))
      fail(where("multiply"), `a number from 0 to ${LIMITS.multiply} (0.9 = 10% fewer)`, item.multiply);
    adjustment.multiply = item.multiply;
  }
  if (item.addPerYear !== undefined) {
    if (!inRange(item.addPerYear, -LIMITS.addPerYear, LIMITS.addPerYear)) {
      fail(
        where("addPerYear"),
        `a number from -${LIMITS.addPerYear.toLocaleString("en-GB")} to ${LIMITS.addPerYear.toLocaleString("en-GB")}`,
        item.addPerYear,
      );
    }
    adjustment.addPerYear = item.addPerYear;
  }
  if (adjustment.multiply === undefined && adjustment.addPerYear === undefined)
    fail(where(), `"multiply" or "addPerYear"`, "neither", true);
  return adjustment;
}

function parseGroups(value: unknown, at: string, fail: Fail, required: boolean): PlacementGroup[] | undefined {
  if (value === undefined && !required) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const expected = `placement group${Array.isArray(value) ? "s" : ""} (${PLACEMENT_GROUPS.map((g) => `"${g}"`).join(", ")})`;
  if (list.length === 0) fail(at, expected, value);
  return list.map((item) => {
    const wanted = typeof item === "string" ? item.trim().toLowerCase() : null;
    const group = PLACEMENT_GROUPS.find((g) => g === wanted || PLACEMENT_GROUP_LABELS[g].toLowerCase() === wanted);
    return group ?? fail(at, expected, item);
  });
}

function parseBands(value: unknown, at: string, fail: Fail): AgeBand[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const expected = `age bands (${AGE_BANDS.map((b) => `"${b.band}"`).join(", ")})`;
  if (list.length === 0) fail(at, expected, value);
  return list.map((item) => {
    const wanted = typeof item === "string" ? item.trim().toLowerCase() : null;
    const band = AGE_BANDS.find((b) => b.band.toLowerCase() === wanted || b.label.toLowerCase() === wanted);
    return band?.band ?? fail(at, expected, item);
  });
}

function checkKnownFields(object: Fields, known: string[], at: string, fail: Fail): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key))
      fail(at, `only the fields ${known.map((k) => `"${k}"`).join(", ")}`, `a field "${key}"`, true);
  }
}

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value) && value.length === 0) return "an empty list";
  if (typeof value === "string" || Array.isArray(value)) return JSON.stringify(value);
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : String(value);
}

/** The states an adjustment's groups and bands pick out. */
function statesOf(groups: PlacementGroup[] | undefined, bands: AgeBand[] | undefined): number[] {
  const states: number[] = [];
  PLACEMENT_GROUPS.forEach((group, g) => {
    if (groups && !groups.includes(group)) return;
    AGE_BANDS.forEach(({ band }, b) => {
      if (!bands || bands.includes(band)) states.push(stateIndex(g, b));
    });
  });
  return states;
}

/**
 * The rates a scenario gives: the model's, adjusted in the order the scenario lists its adjustments,
 * with its planned moves. A rate's estimation variance scales with its multiplier; what is added is
 * the user's own figure, not an estimate, and adds none.
 */
export function applyScenario(rates: DemandRates, scenario: Scenario): { rates: DemandRates; warnings: Diagnostic[] } {
  const n = STATE_COUNT;
  if (rates.stateLabels.length !== n)
    throw new LacError("value", `expected the demand model's ${n} states, found ${rates.stateLabels.length}`);
  const transitionRates = Float64Array.from(rates.transitionRates);
  const exitRates = Float64Array.from(rates.exitRates);
  const entryRates = Float64Array.from(rates.entryRates);
  const variances = rates.rateVariances && {
    transitionRates: Float64Array.from(rates.rateVariances.transitionRates),
    exitRates: Float64Array.from(rates.rateVariances.exitRates),
    entryRates: Float64Array.from(rates.rateVariances.entryRates),
  };
  const plannedMoves: PlannedMoves[] = [...rates.plannedMoves];
  const warnings: Diagnostic[] = [];
  let clipped = 0;

  // Each adjusted rate: scaled, then added to; one below zero is counted and held at zero.
  const adjust: Adjust = (values, spread, index, multiply, add) => {
    const adjusted = values[index] * multiply + add;
    if (spread) spread[index] *= multiply * multiply;
    if (adjusted < 0) clipped += 1;
    values[index] = Math.max(0, adjusted);
  };
  const model = { transitionRates, exitRates, entryRates, variances };
  for (const adjustment of scenario.adjustments) {
    if (adjustment.type === "moves") plannedMoves.push(plannedMove(adjustment));
    else adjustRates(model, adjustment, adjust);
  }
  if (clipped > 0)
    warnings.push({
      severity: "warning",
      message: `Scenario "${scenario.name}": ${clipped} rate(s) would go below zero and are 0 instead.`,
    });
  return {
    rates: {
      ...rates,
      transitionRates,
      exitRates,
      entryRates,
      plannedMoves,
      ...(variances ? { rateVariances: variances } : {}),
    },
    warnings,
  };
}

type Adjust = (
  values: Float64Array,
  spread: Float64Array | undefined,
  index: number,
  multiply: number,
  add: number,
) => void;

/** The rates a scenario changes (copies of the model's), with their estimation variances when the model has them. */
interface AdjustableRates {
  transitionRates: Float64Array;
  exitRates: Float64Array;
  entryRates: Float64Array;
  variances: { transitionRates: Float64Array; exitRates: Float64Array; entryRates: Float64Array } | undefined;
}

/** A "moves" adjustment as the projection reads it: from-states to to-states (same age band), a rate per day, dates. */
function plannedMove(adjustment: PlannedMovesAdjustment): PlannedMoves {
  const bands = adjustment.ageBands ?? AGE_BANDS.map((b) => b.band);
  const from = groupIndexOf(adjustment.from);
  const to = groupIndexOf(adjustment.to);
  const bandIndexes = bands.map((band) => AGE_BANDS.findIndex((b) => b.band === band));
  return {
    fromStates: bandIndexes.map((b) => stateIndex(from, b)),
    toStates: bandIndexes.map((b) => stateIndex(to, b)),
    perDay: (adjustment.perMonth * 12) / DAYS_PER_YEAR,
    firstDate: adjustment.firstDate ?? 1,
    lastDate: adjustment.lastDate ?? MAX_SERIAL,
  };
}

/**
 * One entries, exits or transitions adjustment over the states it names. Entries added per year are
 * shared among the states in proportion to their fitted rates (evenly if all are zero).
 */
function adjustRates(rates: AdjustableRates, adjustment: RateAdjustment, adjust: Adjust): void {
  const { transitionRates, exitRates, entryRates, variances } = rates;
  const multiply = adjustment.multiply ?? 1;
  const addPerYear = adjustment.addPerYear ?? 0;
  const states = statesOf(adjustment.from, adjustment.ageBands);
  if (adjustment.type === "entries") {
    const fitted = states.reduce((sum, s) => sum + entryRates[s], 0);
    for (const s of states) {
      const share = fitted > 0 ? entryRates[s] / fitted : 1 / states.length;
      adjust(entryRates, variances?.entryRates, s, multiply, (addPerYear * share) / DAYS_PER_YEAR);
    }
    return;
  }
  if (adjustment.type === "exits") {
    for (const s of states) adjust(exitRates, variances?.exitRates, s, multiply, addPerYear / DAYS_PER_YEAR);
    return;
  }
  const n = STATE_COUNT;
  const toGroups = adjustment.to ?? PLACEMENT_GROUPS;
  for (const s of states) {
    const fromGroup = Math.floor(s / BAND_COUNT);
    const band = s % BAND_COUNT;
    for (const group of toGroups) {
      const g = groupIndexOf(group);
      if (g === fromGroup) continue;
      // A move keeps the age band; a move on a birthday (into the next band) scales with it but is not added to.
      adjust(
        transitionRates,
        variances?.transitionRates,
        s * n + stateIndex(g, band),
        multiply,
        addPerYear / DAYS_PER_YEAR,
      );
      if (band + 1 < BAND_COUNT)
        adjust(transitionRates, variances?.transitionRates, s * n + stateIndex(g, band + 1), multiply, 0);
    }
  }
}

/** Base and scenario side by side for one financial year. */
export interface ScenarioYear {
  financialYear: number;
  /** Average children looked after over the days of the year projected. */
  baseAverageChildren: number;
  scenarioAverageChildren: number;
  /** Children at 31 March, or null when the projection stops before it. */
  baseChildrenAtYearEnd: number | null;
  scenarioChildrenAtYearEnd: number | null;
  baseCostGbp: number;
  scenarioCostGbp: number;
  /** Scenario - base. */
  differenceChildren: number;
  differenceGbp: number;
}

/** The scenario's difference from the base in children and £, by financial year of the costs. */
export function compareScenario(
  base: { projection: DemandProjection; cost: DemandCostForecast },
  scenario: { projection: DemandProjection; cost: DemandCostForecast },
): ScenarioYear[] {
  const sameYears =
    base.cost.years.map((y) => y.financialYear).join() === scenario.cost.years.map((y) => y.financialYear).join();
  if (
    base.projection.startDate !== scenario.projection.startDate ||
    base.projection.days !== scenario.projection.days ||
    !sameYears
  ) {
    throw new LacError("value", "expected the base and the scenario projected over the same days");
  }
  const childrenOn = (projection: DemandProjection, t: number): number => {
    const total = projection.aggregates.find((a) => a.key === TOTAL_KEY);
    if (total) return total.mean[t];
    let sum = 0;
    for (let s = 0; s < STATE_COUNT; s += 1) sum += projection.mean[t * STATE_COUNT + s];
    return sum;
  };
  return base.cost.years.map((year, i) => {
    const scenarioYear = scenario.cost.years[i];
    let baseDays = 0;
    let scenarioDays = 0;
    for (let date = year.firstDay; date <= year.lastDay; date += 1) {
      baseDays += childrenOn(base.projection, date - base.projection.startDate);
      scenarioDays += childrenOn(scenario.projection, date - scenario.projection.startDate);
    }
    const days = year.lastDay - year.firstDay + 1;
    const yearEnd = financialYearEnd(year.financialYear);
    const atYearEnd = (projection: DemandProjection): number | null =>
      yearEnd <= projection.startDate + projection.days ? childrenOn(projection, yearEnd - projection.startDate) : null;
    const baseAverageChildren = baseDays / days;
    const scenarioAverageChildren = scenarioDays / days;
    return {
      financialYear: year.financialYear,
      baseAverageChildren,
      scenarioAverageChildren,
      baseChildrenAtYearEnd: atYearEnd(base.projection),
      scenarioChildrenAtYearEnd: atYearEnd(scenario.projection),
      baseCostGbp: year.totalCostGbp,
      scenarioCostGbp: scenarioYear.totalCostGbp,
      differenceChildren: scenarioAverageChildren - baseAverageChildren,
      differenceGbp: scenarioYear.totalCostGbp - year.totalCostGbp,
    };
  });
}
