/**
 * A stand-in for the builder's own sheets in the demand sheets' tests: one "Links" sheet whose rows hold,
 * by category, the weekly cost, three years' uplift rates and this year's budget, actual to date and
 * commitment outturn, and the demand input linked to those cells.
 */
import type { PlacementCategory } from "../../src/core/categories";
import type { PlanCell, SheetPlan } from "../../src/workbook/plan";
import type { DemandSheetsInput, LinkedCell } from "../../src/workbook/sheets/demand";

export const LINKS = "Links";

export interface LinkFigures {
  /** The weekly cost of each category; its keys give the categories and the order of the rows. */
  weekly: Partial<Record<PlacementCategory, number>>;
  /** The uplift rate of each of the three years after the spend year, the same for every category. */
  upliftRates: [number, number, number];
  /** Budget, actual to date and commitment outturn, for the categories that have them. */
  spend: Partial<Record<PlacementCategory, [number, number, number]>>;
}

const WIDTH = 8;

function categoriesOf(figures: LinkFigures): PlacementCategory[] {
  return Object.keys(figures.weekly) as PlacementCategory[];
}

/** The Links sheet: a row per category, padded to eight columns. */
export function linksSheet(figures: LinkFigures): SheetPlan {
  const cells = categoriesOf(figures).map((category) => {
    const row: (PlanCell | null)[] = [
      { value: category },
      { value: figures.weekly[category] as number },
      ...figures.upliftRates.map((value) => ({ value })),
      ...(figures.spend[category] ?? []).map((value) => ({ value })),
    ];
    return [...row, ...new Array<null>(WIDTH - row.length).fill(null)];
  });
  return { key: "links", name: LINKS, blocks: [{ row: 0, col: 0, cells }] };
}

const at = (row: number, col: number, value: number): LinkedCell => ({ pos: { sheet: LINKS, row, col }, value });

/** The demand input's money, each figure linked to its cell of the Links sheet. */
export function linkedMoney(figures: LinkFigures): Pick<DemandSheetsInput, "weeklyCost" | "upliftRates" | "spend"> {
  const categories = categoriesOf(figures);
  return {
    weeklyCost: Object.fromEntries(
      categories.map((category, r) => [category, at(r, 1, figures.weekly[category] as number)]),
    ),
    upliftRates: Object.fromEntries(
      categories.map((category, r) => [category, figures.upliftRates.map((rate, i) => at(r, 2 + i, rate))]),
    ),
    spend: Object.fromEntries(
      categories.flatMap((category, r) => {
        const spend = figures.spend[category];
        if (!spend) return [];
        const [budget, actual, commitment] = spend;
        return [
          [
            category,
            { budget: at(r, 5, budget), actualToDate: at(r, 6, actual), commitmentOutturn: at(r, 7, commitment) },
          ],
        ];
      }),
    ),
  };
}
