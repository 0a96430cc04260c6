/**
 * The Stability sheet (the published strategy): short- and long-term placement stability by year, each
 * beside the comparators, with a line chart of the long-term measure (the one the published strategy prints).
 *
 * The numerators and denominators are the engine's, counted with the same code as LAC.STABILITY
 * (core/stability), not LAC.STABILITY formulas: the episodes are not copied into the workbook (personal
 * data; a million rows), and a workbook without LAC.* cells opens with no errors for colleagues who do
 * not have the add-in. The percentages are formulas on those counts.
 */
import { MOVE_COUNTING_LABELS } from "../../core/codes903";
import {
  LONG_TERM_AGE_LIMIT,
  LONG_TERM_DEFINITIONS,
  type LongTermDefinition,
  SHORT_TERM_PLACEMENTS,
  type StabilityMeasure,
} from "../../core/stability";
import { ASSUMPTION_LABELS } from "./assumptions";
import { FORMATS, formula, num, text } from "../cells";
import { SheetWriter } from "../layout";
import type { SheetPlan } from "../plan";
import {
  CARE_COMPARATORS,
  type CareSheetData,
  comparatorNote,
  careColumnWidths,
  type ComparatorTable,
  comparatorRows,
  comparatorTableRows,
  councilRowLabel,
  lineChart,
  writePublishedRows,
  YearTable,
  type YearRow,
} from "./careTables";

type StabilityRow = "denominator" | "numerator" | "share" | "definition";

/** The label of the row saying which wording the council's own long-term figures follow. */
export const OWN_DEFINITION_LABEL = "Definition of this council's figures (Assumptions sheet)";

/** What the note under the long-term table says of the council's own figures' definition, and of the other. */
export function longTermDefinitionNote(definition: LongTermDefinition): string {
  const other: LongTermDefinition = definition === "2025" ? "2023" : "2025";
  return `This council's figures: ${LONG_TERM_DEFINITIONS[definition].wording}. For the other wording, ${LONG_TERM_DEFINITIONS[other].short}, set "${ASSUMPTION_LABELS.stabilityDefinition}" on the Assumptions sheet to ${other} and build again, or use =LAC.STABILITY(episodes, year_end, "long", "${other}"). Comparator rows typed here follow the wording of their source: the DfE's 2025 release (figures from 2021) counts the same carer, earlier releases the same placement or adoption.`;
}

/** The two stability tables: the cohort, those who stayed put (or moved least), the share, and the comparators. */
export const STABILITY_TABLES: Record<StabilityMeasure, ComparatorTable<StabilityRow>> = {
  short: {
    sheetKey: "careStability",
    comparators: CARE_COMPARATORS.stabilityShort,
    heading: `Short term: children looked after at 31 March with ${SHORT_TERM_PLACEMENTS} or more placements in the year`,
    comparatorFormat: FORMATS.percent,
    rows: [
      { key: "denominator", label: "Children looked after at 31 March" },
      { key: "numerator", label: `With ${SHORT_TERM_PLACEMENTS} or more placements during the year` },
      { key: "share", label: "This council: % (lower is better)" },
    ],
  },
  long: {
    sheetKey: "careStability",
    comparators: CARE_COMPARATORS.stabilityLong,
    // Heading and labels do not name the wording: a rebuild with the other one still finds the comparator rows typed under them.
    heading: `Long term: children under ${LONG_TERM_AGE_LIMIT} looked after for 2.5 years or more, stable for 2 years`,
    comparatorFormat: FORMATS.percent,
    rows: [
      { key: "denominator", label: `Under ${LONG_TERM_AGE_LIMIT}, looked after continuously for 2.5 years or more` },
      { key: "numerator", label: "Stable for 2 years or more, by the definition below" },
      { key: "share", label: "This council: % (higher is better)" },
      { key: "definition", label: OWN_DEFINITION_LABEL },
    ],
    // Until the DfE's 2025 wording became the default, the heading and the count named the 2023 wording.
    former: [
      {
        heading: `Long term: children under ${LONG_TERM_AGE_LIMIT} looked after for 2.5 years or more, in the same placement for 2 years (or placed for adoption)`,
        rows: [
          { label: `Under ${LONG_TERM_AGE_LIMIT}, looked after continuously for 2.5 years or more` },
          {
            label:
              "In the same placement for 2 years or more, or placed for adoption with the placement before lasting 2 years",
          },
          { label: "This council: % (higher is better)" },
        ],
      },
    ],
  },
};

export function buildStabilitySheet(data: CareSheetData): SheetPlan {
  const { periods, measures, context } = data;
  const name = context.sheetName("careStability");
  const w = new SheetWriter("careStability", name);
  const { moves, definition } = measures[0].stability;
  w.append([
    [text("Placement stability (SSDA903)", "title")],
    [
      text(
        `Counted from the SSDA903 episodes when this workbook was built, with the rules of LAC.STABILITY (see the README). Moves counted for the short term: ${MOVE_COUNTING_LABELS[moves]}. Long term: ${LONG_TERM_DEFINITIONS[definition].short}, as the Assumptions sheet says. Short breaks (V3/V4) and temporary placements (T0-T4) are not placements. The episodes are not copied into this workbook; to recount in Excel, use =LAC.STABILITY(episodes, year_end, "long", "${definition}") over a range of them.`,
        "note",
      ),
    ],
  ]);
  for (const measure of ["short", "long"] as const) writeStabilityTable(w, data, measure);
  return w.plan({ columnWidths: careColumnWidths(periods.length), freeze: { rows: 0, cols: 1 } });
}

/**
 * One measure's table: the council's counts and share beside the comparators and the DfE's published
 * figures, a note under it, and (for the long-term measure) a line chart.
 */
function writeStabilityTable(w: SheetWriter, data: CareSheetData, measure: StabilityMeasure): void {
  const { periods, measures, context } = data;
  const { definition } = measures[0].stability;
  const t = STABILITY_TABLES[measure];
  const comparators = comparatorRows(context, t.comparators, periods, t.comparatorFormat);
  const tableRows = comparatorTableRows(t, comparators);
  const table = new YearTable<string>(w.name, w.reserve(YearTable.height(tableRows.length), 0), periods, tableRows);
  const noteRow = w.reserve(1);
  const published = writePublishedRows(w, data, measure === "short" ? "stability_short" : "stability_long", {
    measure: measure === "short" ? "stability_short" : "stability_long",
    label: measure === "short" ? "% with 3 or more placements" : "% stable for 2 years",
    value: (i) => (measure === "short" || periods[i].longTermKnown ? measures[i].stability[measure].rate : null),
    ...(measure === "long" ? { definition } : {}),
  });
  table.write(w, t.heading, { ...ownStabilityRows(data, measure, table, w.name), ...comparators.rows });
  w.write(noteRow, 0, [[text(stabilityNote(data, measure), "note")]]);
  if (measure === "long") {
    w.addChart(
      lineChart(
        "careStabilityLong",
        "Placement stability: long term (%)",
        table,
        "share",
        comparators.series,
        "%",
        FORMATS.percent,
        3,
        published ?? [],
      ),
    );
  }
}

/**
 * The council's own rows: the cohort, those counted, the share as a formula on the two, and (long
 * term) which definition was used; "n/a" where the returns do not reach back far enough.
 */
function ownStabilityRows(
  { periods, measures }: CareSheetData,
  measure: StabilityMeasure,
  table: YearTable<string>,
  name: string,
): Record<string, YearRow> {
  const t = STABILITY_TABLES[measure];
  const { definition } = measures[0].stability;
  const known = (i: number) => measure === "short" || periods[i].longTermKnown;
  const figure = (i: number) => measures[i].stability[measure];
  return {
    denominator: {
      label: councilRowLabel(t, "denominator"),
      cell: (i) => (known(i) ? num(figure(i).denominator, FORMATS.count) : text("n/a", "note")),
    },
    numerator: {
      label: councilRowLabel(t, "numerator"),
      cell: (i) => (known(i) ? num(figure(i).numerator, FORMATS.count) : text("n/a", "note")),
    },
    share: {
      label: councilRowLabel(t, "share"),
      // No cell where there is no share (n/a, or nobody in the cohort): text or "" would be charted as 0%, an empty cell is a gap.
      cell: (i) => {
        const share = figure(i).rate;
        if (!known(i) || share === null) return null;
        const den = table.ref("denominator", i, name);
        return formula(
          `IF(AND(ISNUMBER(${den}),${den}>0),${table.ref("numerator", i, name)}/${den},"")`,
          share,
          FORMATS.percent,
        );
      },
    },
    ...(measure === "long"
      ? {
          definition: {
            label: councilRowLabel(t, "definition"),
            cell: () => text(LONG_TERM_DEFINITIONS[definition].short, "note"),
          },
        }
      : {}),
  };
}

/** The note under a table: what n/a means and which definition applies (long term), then the comparators' source. */
function stabilityNote({ periods, measures, context }: CareSheetData, measure: StabilityMeasure): string {
  const notes = [comparatorNote(context)];
  // The DfE reworded the long-term measure in its 2025 release: say which wording the council's figures follow.
  if (measure === "long") notes.unshift(longTermDefinitionNote(measures[0].stability.definition));
  if (measure === "long" && periods.some((p) => !p.longTermKnown)) {
    notes.unshift(
      "n/a: the returns given do not reach 2.5 years before this year end, so who had been in care (or in their placement) long enough is not known.",
    );
  }
  return notes.join(" ");
}
