/**
 * Every input a user may change, with where it came from. The builder writes these onto the Assumptions
 * sheet as labelled input cells, and every other sheet's formulas read them from there, so changing one
 * in Excel flows through. The task pane edits the same object before a build; the command line reads it
 * from the sources and the options.
 */
import type { PlacementCategory } from "../core/categories";
import type { MoveCounting } from "../core/codes903";
import type { LongTermDefinition } from "../core/stability";
import type { ProjectionMethod } from "../core/projection";
import type { SourceCell } from "../core/grid";

/** A value and, in words, where it came from ("ONS mid-2021 estimate", "typed by the user", "sheet X"). */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** One count of children looked after at a date (Excel serial). */
export interface LacCount {
  date: number;
  count: number;
  /**
   * The user's cells the date and the count were read from (a count history sheet); absent when typed
   * or computed. The Assumptions sheet links to a cell holding a real number, so later changes to it
   * flow through.
   */
  dateCell?: SourceCell;
  countCell?: SourceCell;
}

export type { ProjectionMethod } from "../core/projection";

/** One cost line of the uplift table (the published strategy). */
export interface UpliftLine {
  /** The line's name as the table shows it ("Indep Resi"). */
  label: string;
  category: PlacementCategory;
  /** The base-year cost in £; null takes the category's forecast outturn from the Spend sheet. */
  baseCostGbp: Sourced<number | null>;
  /** The annual uplift rate for each projection year in turn (0.05 = 5%). */
  rates: number[];
}

/** A comparator series the strategy prints beside the council's own figures (North West, England...). */
export interface ComparatorSeries {
  name: string;
  /** By year (calendar year of the 31 March it refers to, as DfE tables head them); null = not filled in. */
  values: Record<number, number | null>;
}

export interface Assumptions {
  /** Children aged 0-17 in the area (ONS mid-year estimate), for rates per 10,000. */
  population0to17: Sourced<number | null>;
  /** Population 0-17 by year, for rates in years other than the current one (903 tables). */
  populationByYear: Record<number, number | null>;
  /** Counts of children looked after over time, feeding the needs projection. */
  lacHistory: Sourced<LacCount[]>;
  /** The date the needs projection runs to (the published strategy: February 2025). */
  projectionTargetDate: number;
  projectionMethod: ProjectionMethod;
  /**
   * Weeks in a year, for turning weekly costs into annual ones: 52 (the budget convention of most
   * councils) or 365/7 = 52.142857 (exact). Stated on the Assumptions sheet and changeable there.
   */
  weeksPerYear: number;
  /** Financial year of the uplift base costs (2021 = 2021/22). */
  upliftBaseYear: number;
  uplift: UpliftLine[];
  /**
   * The current annual cost the cost projection starts from, in £ (the published strategy: £30,451k, "excludes
   * Cherry Road, adoption allowances, support packages"); null sums the uplift lines' base costs.
   */
  currentCostGbp: Sourced<number | null>;
  /**
   * What the current cost leaves out, in the user's words (the published strategy: "Cherry Road, Adoption Allowances,
   * Support Packages etc."), printed under the cost projection.
   */
  currentCostExcludes?: string;
  /**
   * A projected count of children looked after at the target date that the council gives itself (the published strategy:
   * 770, from a monthly series it does not publish); when set, the cost projection uses it instead of
   * the Needs projection. null or absent: the Needs projection.
   */
  projectedLacCount?: Sourced<number | null>;
  /** Financial year the spend figures belong to (2021 = 2021/22); null when the sources do not say. */
  financialYear?: Sourced<number | null>;
  /** Budget monitoring period of the spend figures (1 = April ... 10 = January); null when unknown. */
  period?: Sourced<number | null>;
  /**
   * The date the SSDA903 data run to: the care tables' latest year ends there and the demand forecast
   * starts from it (or from the period end, when earlier). By default the 31 March of the latest
   * return's year, not the latest date in the data (annualReturnsEnd); the user may set it (an extract
   * that ends sooner). Absent or null without 903 data.
   */
  careDataEnd?: Sourced<number | null>;
  /** Comparator series for rates per 10,000 and stability (filled in by the user; empty by default). */
  comparators: Record<string, ComparatorSeries[]>;
  /**
   * How placement moves are counted for the Stability sheet's short-term measure: "placement" (the
   * DfE's count, the default when absent) or "carer" (a new placement with the same carers, RNE T or
   * U, is not a move). The long-term measure counts as its definition says (stabilityDefinition).
   */
  stabilityMoves?: MoveCounting;
  /**
   * Which DfE wording the Stability sheet's own long-term figures follow: "2025" (living with the same
   * carer for 2 years; the default when absent) or "2023" (the same placement, or placed for adoption).
   * Shown on the Assumptions sheet with the 903 data, so it can be changed there.
   */
  stabilityDefinition?: Sourced<LongTermDefinition>;
  /**
   * The council whose published figures the build sets beside the council's own (comparator rows,
   * the Benchmarks sheet), by name, E-code or LA number as given; null or absent: none chosen. Kept on
   * the Assumptions sheet, so a rebuild keeps it.
   */
  council?: Sourced<string | null>;
}
