/**
 * The Cost projection sheet, in the layout of the published strategy (lines 588-596 and 698-714): the current cost,
 * the increase from more children (current cost x (projected / current - 1)), the uplift of each cost
 * line year by year, and the total; then the uplift table with its reconciling figure to the current
 * cost. Every uplift cell is its own formula, unrounded. The figures are worked out beforehand
 * (computeCoreFigures); this places them with their formulas.
 */
import type { Assumptions } from "../assumptions";
import type { CostProjectionFigures } from "../figures";
import { FORMATS, formula, headers, text } from "../cells";
import { ref, SheetWriter, TableLayout, type Figure, type Pos } from "../layout";
import { ASSUMPTION_NAMES as N } from "../names";
import type { CellValue, PlanCell, SheetPlan } from "../plan";
import type { Diagnostic } from "../../core/diagnostics";
import type { AssumptionsSheet } from "./assumptions";
import type { NeedsSheet } from "./needs";

export interface CostProjectionInput {
  name: string;
  assumptions: Assumptions;
  inputs: AssumptionsSheet;
  needs: NeedsSheet;
  figures: CostProjectionFigures;
}

/** The four figures of the published table, now and at the target date. */
export interface CostProjectionSheet {
  sheet: SheetPlan;
  count: { now: Figure; target: { pos: Pos; value: CellValue } };
  currentCost: Figure;
  increase: { pos: Pos; value: CellValue };
  uplift: Figure;
  total: { now: Figure; target: Figure };
  warnings: Diagnostic[];
}

type SummaryRow = "count" | "currentCost" | "increase" | "uplift" | "total";
type UpliftColumn = "label" | "base" | `rate${number}` | `uplift${number}` | "totalUplift" | "costAtEnd";

export function buildCostProjectionSheet({
  name,
  assumptions: a,
  inputs,
  needs,
  figures,
}: CostProjectionInput): CostProjectionSheet {
  const w = new SheetWriter("costProjection", name);
  const years = inputs.upliftYearLabels.length;
  w.append([
    [text("Cost projection", "title")],
    [
      text(
        "The current cost grows with the number of children looked after (at today's cost per child) and with the uplift of each cost line's base cost. Figures are held in £ and shown in £000 in the first table.",
        "note",
      ),
    ],
  ]);

  // The header row holds the two dates; two rows of notes may follow the table.
  const summary = new TableLayout<"label" | "now" | "target">(
    name,
    w.reserve(SUMMARY_ROWS.length + 3),
    0,
    ["label", "now", "target"],
    SUMMARY_ROWS.length,
  );
  const at = (key: SummaryRow, column: "now" | "target"): Pos => summary.cell(SUMMARY_ROWS.indexOf(key), column);
  // Uplift table (below), placed first because the summary's uplift reads its total.
  const uplift = writeUpliftTable(w, inputs, figures);
  const cells = summaryCells({ name, assumptions: a, needs, figures, at, uplift });
  const { currentCostGbp: currentCost, increaseGbp: increase } = figures;
  const notes: PlanCell[][] = [];
  if (inputs.currentCostExcludes) notes.push([text(`* Total cost excludes ${inputs.currentCostExcludes}`, "note")]);
  const warnings: Diagnostic[] = [];
  if (increase === null) {
    notes.push([
      text(
        "No increase from more children: it needs the latest count and a projected count (Needs projection, or the council's own on the Assumptions sheet).",
        "warning",
      ),
    ]);
    warnings.push({
      severity: "warning",
      message:
        "The cost projection has no increase from more children: it needs counts of children looked after and a projection.",
      where: `sheet '${name}'`,
    });
  }
  w.write(summary.top, 0, [cells.dates, ...SUMMARY_ROWS.map((key) => cells[key]), ...notes]);

  const totalAtTarget = currentCost + (increase ?? 0) + figures.upliftTotalGbp;
  return {
    sheet: w.plan({
      columnWidths: { 0: 52, ...Object.fromEntries(Array.from({ length: 2 * years + 3 }, (_, i) => [i + 1, 15])) },
    }),
    count: {
      now: { pos: at("count", "now"), value: needs.current?.value ?? null },
      target: { pos: at("count", "target"), value: figures.projectedCount ?? "" },
    },
    currentCost: { pos: at("currentCost", "now"), value: currentCost },
    increase: { pos: at("increase", "target"), value: increase ?? "" },
    uplift,
    total: {
      now: { pos: at("total", "now"), value: currentCost },
      target: { pos: at("total", "target"), value: totalAtTarget },
    },
    warnings,
  };
}

const SUMMARY_ROWS: SummaryRow[] = ["count", "currentCost", "increase", "uplift", "total"];

/** Each uplift line year by year, its total, and the reconciling figure to the current cost: returns the total uplift. */
function writeUpliftTable(w: SheetWriter, inputs: AssumptionsSheet, figures: CostProjectionFigures): Figure {
  const name = w.name;
  const here = (pos: Pos): string => ref(pos, name);
  const years = inputs.upliftYearLabels.length;
  w.write(w.reserve(2, 0), 0, [
    [text("Cost projection - uplift", "subtitle")],
    [
      text(
        `Base costs and rates from the Assumptions sheet. Uplift in year k = base x (1 + earlier years' rates) x year k's rate.`,
        "note",
      ),
    ],
  ]);
  const rateColumns = inputs.upliftYearLabels.map((_, k) => `rate${k}` as const);
  const upliftColumns = inputs.upliftYearLabels.map((_, k) => `uplift${k}` as const);
  const lines = inputs.uplift;
  const { schedules, baseTotalGbp: baseTotal, upliftTotalGbp: upliftTotal, currentCostGbp: currentCost } = figures;
  const table = new TableLayout<UpliftColumn>(
    name,
    w.reserve(lines.length + 5),
    0,
    ["label", "base", ...rateColumns, ...upliftColumns, "totalUplift", "costAtEnd"],
    lines.length,
  );
  const rows = lines.map((line, i) => table.row(upliftRowCells(table, years, i, line, schedules[i])));
  const sumColumn = (column: UpliftColumn, value: number): PlanCell =>
    formula(
      lines.length ? `SUM(${here(table.cell(0, column))}:${here(table.cell(lines.length - 1, column))})` : "0",
      value,
      FORMATS.gbp,
      "total",
    );
  const totals: Partial<Record<UpliftColumn, PlanCell>> = {
    label: text("Total", "total"),
    base: sumColumn("base", baseTotal),
  };
  upliftColumns.forEach((column, k) => {
    totals[column] = sumColumn(
      column,
      schedules.reduce((sum, s) => sum + s.uplifts[k], 0),
    );
  });
  totals.totalUplift = sumColumn("totalUplift", upliftTotal);
  totals.costAtEnd = sumColumn("costAtEnd", baseTotal + upliftTotal);
  w.write(table.top, 0, [
    headers([
      "Line",
      `Base cost ${inputs.upliftBaseLabel} £`,
      ...inputs.upliftYearLabels.map((l) => `Rate to ${l}`),
      ...inputs.upliftYearLabels.map((l) => `Uplift to ${l} £`),
      "Total uplift £",
      `Cost at ${inputs.upliftYearLabels[years - 1] ?? inputs.upliftBaseLabel} £`,
    ]),
    ...rows,
    table.row(totals),
    [],
    [
      text("Reconciling figure (current cost less the lines' base costs)", "label"),
      formula(`${N.currentCost}-${here(table.totalCell("base"))}`, currentCost - baseTotal, FORMATS.gbp),
    ],
    [text("Current annual cost of placements", "label"), formula(N.currentCost, currentCost, FORMATS.gbp)],
  ]);
  return { pos: table.totalCell("totalUplift"), value: upliftTotal };
}

/** The published table's rows (count, current cost, increase, uplift, total), now and at the target date, and its dates. */
function summaryCells(parts: {
  name: string;
  assumptions: Assumptions;
  needs: NeedsSheet;
  figures: CostProjectionFigures;
  at: (key: SummaryRow, column: "now" | "target") => Pos;
  uplift: Figure;
}): Record<SummaryRow | "dates", (PlanCell | null)[]> {
  const { name, assumptions: a, needs, figures, at, uplift } = parts;
  const here = (pos: Pos): string => ref(pos, name);
  const nowCount = needs.current;
  const { currentCostGbp: currentCost, increaseGbp: increase, upliftTotalGbp: upliftTotal } = figures;
  const projectedFormula = `IF(ISNUMBER(${N.projectedCountGiven}),${N.projectedCountGiven},${needs.projected ? here(needs.projected.pos) : '""'})`;
  const nowC = here(at("count", "now"));
  const targetC = here(at("count", "target"));
  return {
    dates: [
      text("", "header"),
      needs.currentDate
        ? formula(here(needs.currentDate.pos), needs.currentDate.value, FORMATS.monthYear, "header")
        : text("Now", "header"),
      formula(N.projectionTargetDate, a.projectionTargetDate, FORMATS.monthYear, "header"),
    ],
    count: [
      text("Children looked after (projection)", "label"),
      nowCount ? formula(here(nowCount.pos), nowCount.value, FORMATS.count) : null,
      formula(projectedFormula, figures.projectedCount ?? "", FORMATS.count),
    ],
    currentCost: [
      text("Current cost £000", "label"),
      formula(N.currentCost, currentCost, FORMATS.gbpThousands),
      formula(N.currentCost, currentCost, FORMATS.gbpThousands),
    ],
    increase: [
      text("Cost projection - increase in children looked after £000", "label"),
      formula("0", 0, FORMATS.gbpThousands),
      formula(
        `IF(AND(ISNUMBER(${nowC}),ISNUMBER(${targetC}),${nowC}>0),${here(at("currentCost", "target"))}*(${targetC}/${nowC}-1),"")`,
        increase ?? "",
        FORMATS.gbpThousands,
      ),
    ],
    uplift: [
      text("Cost projection - uplift £000", "label"),
      formula("0", 0, FORMATS.gbpThousands),
      formula(here(uplift.pos), upliftTotal, FORMATS.gbpThousands),
    ],
    total: [
      text("Total cost £000", "total"),
      formula(
        `SUM(${here(at("currentCost", "now"))}:${here(at("uplift", "now"))})`,
        currentCost,
        FORMATS.gbpThousands,
        "total",
      ),
      formula(
        `SUM(${here(at("currentCost", "target"))}:${here(at("uplift", "target"))})`,
        currentCost + (increase ?? 0) + upliftTotal,
        FORMATS.gbpThousands,
        "total",
      ),
    ],
  };
}

/** One uplift line's cells: its base and rates linked from the Assumptions sheet, each year's uplift, the total and the cost at the end. */
function upliftRowCells(
  table: TableLayout<UpliftColumn>,
  years: number,
  i: number,
  line: AssumptionsSheet["uplift"][number],
  schedule: CostProjectionFigures["schedules"][number],
): Partial<Record<UpliftColumn, PlanCell>> {
  const here = (pos: Pos): string => ref(pos, table.sheet);
  const rateColumns = Array.from({ length: years }, (_, k) => `rate${k}` as const);
  const cells: Partial<Record<UpliftColumn, PlanCell>> = {
    label: text(line.label, "label"),
    base: formula(here(line.base.pos), line.base.value ?? 0, FORMATS.gbp),
  };
  line.rates.forEach((rate, k) => {
    cells[rateColumns[k]] = formula(here(rate.pos), rate.value, FORMATS.upliftRate);
  });
  rateColumns.forEach((rateColumn, k) => {
    const growth = rateColumns
      .slice(0, k)
      .map((rc) => `*(1+${here(table.cell(i, rc))})`)
      .join("");
    cells[`uplift${k}`] = formula(
      `${here(table.cell(i, "base"))}${growth}*${here(table.cell(i, rateColumn))}`,
      schedule.uplifts[k],
      FORMATS.gbp,
    );
  });
  cells.totalUplift = formula(
    years ? `SUM(${here(table.cell(i, "uplift0"))}:${here(table.cell(i, `uplift${years - 1}`))})` : "0",
    schedule.total,
    FORMATS.gbp,
  );
  cells.costAtEnd = formula(
    `${here(table.cell(i, "base"))}+${here(table.cell(i, "totalUplift"))}`,
    (line.base.value ?? 0) + schedule.total,
    FORMATS.gbp,
  );
  return cells;
}
