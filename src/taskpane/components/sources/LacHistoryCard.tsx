import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  Field,
  Select,
  Subtitle2,
} from "@fluentui/react-components";
import { formatDate } from "../../../core/dates";
import { columnLetter } from "../../../core/grid";
import type { ColumnMapping, LacHistory } from "../../../sources/recognise";
import { HISTORY_FIELD_NAMES } from "../../../sources/vocabulary";
import { Warnings } from "../Warnings";
import { columnChoices, HISTORY_FIELDS, sentenceCase, withMapping, type CardProps } from "./columns";
import { ColumnSelect } from "./selects";
import { useSourcesStyles } from "./styles";

/** The count history the Needs projection runs from: what was read, with its columns to change. */
export function LacHistoryCard(props: CardProps & { history: LacHistory; used: boolean }) {
  const styles = useSourcesStyles();
  const { history, grid, options, onOptionsChange } = props;
  const choices = columnChoices(grid, history.headerRow);
  const update = (change: (m: ColumnMapping) => ColumnMapping) =>
    onOptionsChange(withMapping(options, history.sheet, change));
  return (
    <section className={styles.card} aria-label={`Children looked after over time on sheet ${history.sheet}`}>
      <Subtitle2 as="h3">Children looked after over time: {history.sheet}</Subtitle2>
      <HistoryFound history={history} used={props.used} />
      <Field label="Use this sheet as" size="small">
        <Select
          size="small"
          value="lacHistory"
          onChange={(_, data) => update((m) => ({ ...m, kind: data.value === "ignore" ? "ignore" : "lacHistory" }))}
        >
          <option value="lacHistory">Counts of children looked after</option>
          <option value="ignore">Not used</option>
        </Select>
      </Field>
      <Accordion collapsible>
        <AccordionItem value="columns">
          <AccordionHeader size="small">Columns</AccordionHeader>
          <AccordionPanel>
            <div className={styles.stack}>
              {HISTORY_FIELDS.map((field) => (
                <ColumnSelect
                  key={field}
                  label={sentenceCase(HISTORY_FIELD_NAMES[field])}
                  value={history.columns[field].col}
                  choices={choices}
                  onChange={(col) =>
                    update((m) => ({
                      ...m,
                      kind: "lacHistory",
                      headerRow: history.headerRow,
                      historyColumns: { ...m.historyColumns, [field]: col },
                    }))
                  }
                />
              ))}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      <Warnings warnings={history.warnings} label={`What was found on sheet ${history.sheet}`} />
    </section>
  );
}

/** Where the counts are, how many, from when to when, and whether the projection uses them. */
function HistoryFound({ history, used }: { history: LacHistory; used: boolean }) {
  const first = history.points[0];
  const last = history.points[history.points.length - 1];
  return (
    <>
      <Caption1>
        Header in row {history.headerRow + 1}; {history.points.length} counts, {formatDate(first.date)} (
        {first.count.toLocaleString("en-GB")}) to {formatDate(last.date)} ({last.count.toLocaleString("en-GB")});{" "}
        {history.badRows.length} rows left out.{" "}
        {used
          ? "Feeds the Needs projection, each count linked to its cell."
          : "Not used: the Needs projection runs from the first count history."}
      </Caption1>
      <Caption1>
        Columns:{" "}
        {HISTORY_FIELDS.map(
          (field) =>
            `${HISTORY_FIELD_NAMES[field]} (${columnLetter(history.columns[field].col)}: ${history.columns[field].header})`,
        ).join(", ")}
        .
      </Caption1>
    </>
  );
}
