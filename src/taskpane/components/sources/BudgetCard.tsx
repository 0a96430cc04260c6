import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  Field,
  Select,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { CATEGORY_LABELS } from "../../../core/categories";
import { financialYearLabel } from "../../../core/dates";
import { columnLetter } from "../../../core/grid";
import { categoryOverrideKey, type BudgetMeasure, type BudgetMonitoring } from "../../../sources/recognise";
import { BUDGET_MEASURES, MEASURE_NAMES } from "../../../sources/vocabulary";
import { columnChoices, LINES_SHOWN, MONTHS, withMapping, type CardProps } from "./columns";
import { CategorySelect, ColumnSelect } from "./selects";
import { useSourcesStyles } from "./styles";

interface BudgetCardProps extends CardProps {
  budget: BudgetMonitoring;
  /** True when the sheet holds other tables too: the heading then says where this one starts. */
  oneOfSeveral: boolean;
}

/** A budget monitoring table: what was read, its units, and its columns and lines to change. */
export function BudgetCard(props: BudgetCardProps) {
  const styles = useSourcesStyles();
  const { budget, oneOfSeveral, options, onOptionsChange } = props;
  const title = oneOfSeveral
    ? `${budget.sheet}, table at ${columnLetter(budget.labelCol)}${budget.headerRow + 1}`
    : budget.sheet;
  const period = periodText(budget);
  const categories = [...new Set(budget.lines.map((line) => line.category))].map((c) => CATEGORY_LABELS[c]);
  return (
    <section className={styles.card} aria-label={`Budget monitoring on sheet ${title}`}>
      <Subtitle2 as="h3">Budget monitoring: {title}</Subtitle2>
      <Caption1>
        Header in row {budget.headerRow + 1}; {budget.lines.length} lines
        {budget.excluded.length ? `, ${budget.excluded.length} not counted as placements` : ""}; period {period}.
      </Caption1>
      <Caption1>Categories: {categories.join(", ") || "none"}.</Caption1>
      <Field label="Units of the money columns" size="small" hint={budget.units.source}>
        <Select
          size="small"
          value={budget.units.kind}
          onChange={(_, data) =>
            onOptionsChange(
              withMapping(options, budget.sheet, (m) => ({ ...m, units: data.value as "gbp" | "thousands" })),
            )
          }
        >
          <option value="gbp">£</option>
          <option value="thousands">£000 (thousands)</option>
        </Select>
      </Field>
      <Accordion collapsible>
        <AccordionItem value="columns">
          <AccordionHeader size="small">Columns</AccordionHeader>
          <AccordionPanel>
            <BudgetColumns {...props} />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="lines">
          <AccordionHeader size="small">Lines and their categories</AccordionHeader>
          <AccordionPanel>
            <BudgetLines {...props} />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}

function periodText({ period }: BudgetMonitoring): string {
  if (!period) return "not found";
  const year = period.financialYear !== null ? ` ${financialYearLabel(period.financialYear)}` : "";
  return `P${period.period} (${MONTHS[period.period - 1]})${year}, from ${period.source}`;
}

/** The label column and a column for each measure; a choice here maps the sheet by hand. */
function BudgetColumns({ budget, oneOfSeveral, grid, options, onOptionsChange }: BudgetCardProps) {
  const styles = useSourcesStyles();
  const choices = columnChoices(grid, budget.headerRow);
  const setLabels = (col: number) =>
    onOptionsChange(
      withMapping(options, budget.sheet, (m) => ({
        ...m,
        kind: "budgetMonitoring",
        headerRow: budget.headerRow,
        labelCol: col,
      })),
    );
  const setColumn = (measure: BudgetMeasure, col: number | null) =>
    onOptionsChange(
      withMapping(options, budget.sheet, (mapping) => ({
        ...mapping,
        kind: "budgetMonitoring",
        headerRow: budget.headerRow,
        labelCol: mapping.labelCol ?? budget.labelCol,
        columns: { ...mapping.columns, [measure]: col },
      })),
    );
  return (
    <div className={styles.stack}>
      {oneOfSeveral ? (
        <Caption1>
          This sheet holds more than one table: choosing a column here reads the sheet as this table alone.
        </Caption1>
      ) : null}
      <ColumnSelect
        label="Line labels"
        value={budget.labelCol}
        choices={choices}
        onChange={(col) => col !== null && setLabels(col)}
      />
      {BUDGET_MEASURES.map((measure) => (
        <ColumnSelect
          key={measure}
          label={MEASURE_NAMES[measure][0].toUpperCase() + MEASURE_NAMES[measure].slice(1)}
          value={budget.columns[measure]?.col ?? null}
          choices={choices}
          onChange={(col) => setColumn(measure, col)}
        />
      ))}
    </div>
  );
}

/** Every line, counted or not, with the category to change it to. */
function BudgetLines({ budget, options, onOptionsChange }: BudgetCardProps) {
  const styles = useSourcesStyles();
  const all = [...budget.lines, ...budget.excluded];
  return (
    <div className={styles.stack}>
      {all.slice(0, LINES_SHOWN).map((line) => (
        <div className={styles.line} key={`${line.labelRef.row}`}>
          <Text size={200} className={styles.label}>
            {line.label}
          </Text>
          <CategorySelect
            label={line.label}
            value={line.outcome === "excluded" ? "excluded" : line.category}
            onChange={(category) =>
              onOptionsChange({
                ...options,
                categoryOverrides: {
                  ...options.categoryOverrides,
                  [categoryOverrideKey(budget.sheet, line.labelRef.row)]: category,
                },
              })
            }
          />
        </div>
      ))}
      {all.length > LINES_SHOWN ? (
        <Caption1>
          The first {LINES_SHOWN} of {all.length} lines are shown.
        </Caption1>
      ) : null}
    </div>
  );
}
