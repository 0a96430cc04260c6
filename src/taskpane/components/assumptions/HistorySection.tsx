import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Subtitle2,
  Text,
} from "@fluentui/react-components";
import { memo, useCallback, useRef, useState } from "react";
import { formatDate } from "../../../core/dates";
import { columnLetter } from "../../../core/grid";
import {
  addHistoryPoint,
  editHistoryPoint,
  historyExtent,
  linkedCount,
  linkedSheet,
  removeHistoryPoint,
} from "../../../workbook/assumptionEdits";
import type { LacCount, Sourced } from "../../../workbook/assumptions";
import { parseCount, parseDateInput } from "../../validation";
import { ValidatedInput } from "../ValidatedInput";
import { useAssumptionStyles } from "./styles";

/** A typed series this short is shown open; a longer one, or one read from a sheet, is summarised. */
const POINTS_SHOWN_OPEN = 12;

type History = Sourced<LacCount[]>;
type OnValidityChange = (field: string, valid: boolean) => void;

interface HistorySectionProps {
  history: History;
  fromSources: History;
  /** Whether the user has typed over the counts the sources give. */
  typed: boolean;
  spendYear: number;
  onChange: (history: History) => void;
  onUseSources: () => void;
  onValidityChange: OnValidityChange;
}

/**
 * The count history as a summary, with the points themselves behind a button: a sheet's monthly
 * series has dozens, and most users only need to know they were found and stay linked.
 */
export const HistorySection = memo(function HistorySection(props: HistorySectionProps) {
  const { history, fromSources, typed, onUseSources } = props;
  const styles = useAssumptionStyles();
  const points = history.value;
  const [open, setOpen] = useState(points.length <= POINTS_SHOWN_OPEN && linkedCount(points) === 0);
  // Rows are made when first shown and then kept (hidden when closed), so text typed in one survives closing.
  const [shown, setShown] = useState(open);
  return (
    <section className={styles.section} aria-labelledby="history-heading">
      <Subtitle2 as="h3" id="history-heading">
        Children looked after over time
      </Subtitle2>
      <Text size={300}>{historySummary(history, typed)}</Text>
      {typed && fromSources.value.length > 0 ? (
        <TypedCountsNotice fromSources={fromSources} stillLinked={linkedCount(points)} onUseSources={onUseSources} />
      ) : null}
      <Button
        className={styles.disclosure}
        size="small"
        aria-expanded={open}
        aria-controls="history-points"
        onClick={() => {
          setOpen(!open);
          setShown(true);
        }}
      >
        {open
          ? "Hide the counts"
          : points.length
            ? `Show the ${points.length} counts to change or add one`
            : "Add counts"}
      </Button>
      <div id="history-points" hidden={!open}>
        <HistoryPoints {...props} rowsMade={shown} />
      </div>
    </section>
  );
});

function historySummary(history: History, typed: boolean): string {
  const points = history.value;
  const sheet = linkedSheet(points);
  if (points.length === 0)
    return "No counts yet: add the count at each 31 March (two or more) for the Needs projection.";
  if (typed) return `${historyExtent(points)}; typed here.`;
  if (sheet)
    return `${historyExtent(points, `sheet '${sheet}'`)}. Linked: a count changed on the sheet flows through, and each build takes in the sheet's new months.`;
  return `${historyExtent(points)}. Source: ${history.source}; read again at each build.`;
}

/** Typed counts hide what the sources give: says so, with the way back. */
function TypedCountsNotice(props: { fromSources: History; stillLinked: number; onUseSources: () => void }) {
  const { fromSources, stillLinked } = props;
  const sourcesSheet = linkedSheet(fromSources.value);
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        {sourcesSheet
          ? `These counts are typed: builds keep them and take no new months from sheet '${sourcesSheet}'${stillLinked ? ` (the ${stillLinked} counts not changed here still link to their cells)` : ""}.`
          : `These counts are typed: builds keep them instead of the ${fromSources.value.length} counts from ${fromSources.source}.`}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={props.onUseSources}>
          {sourcesSheet ? `Use sheet '${sourcesSheet}' again` : "Use the counts from the sources again"}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** The counts to change, remove or add to; rowsMade is false until the list is first opened. */
function HistoryPoints(props: HistorySectionProps & { rowsMade: boolean }) {
  const { history, spendYear, onChange, onValidityChange, rowsMade } = props;
  const styles = useAssumptionStyles();
  const points = history.value;
  const { onDate, onCount, onRemove } = usePointEditors(history, onChange);
  return (
    <div className={styles.section}>
      {linkedSheet(points) ? (
        <Caption1>
          Changing a count here stops it following its cell (shown beside it); the others stay linked.
        </Caption1>
      ) : null}
      <div className={styles.points} role="group" aria-label="Counts of children looked after">
        {points.length ? (
          <>
            <Caption1 aria-hidden>Date (dd/mm/yyyy)</Caption1>
            <Caption1 aria-hidden>Children</Caption1>
            <Caption1 aria-hidden>Cell</Caption1>
            <span />
          </>
        ) : null}
        {rowsMade
          ? points.map((point, i) => (
              <HistoryRow
                key={i}
                index={i}
                point={point}
                onDate={onDate}
                onCount={onCount}
                onRemove={onRemove}
                onValidityChange={onValidityChange}
              />
            ))
          : null}
      </div>
      <Button className={styles.disclosure} size="small" onClick={() => onChange(addHistoryPoint(history, spendYear))}>
        Add a count
      </Button>
    </div>
  );
}

/** Edits to one point, the same functions from render to render so the rows render again only when they change. */
function usePointEditors(history: History, onChange: (history: History) => void) {
  const latest = useRef({ history, onChange });
  latest.current = { history, onChange };
  const onDate = useCallback(
    (i: number, date: number) => latest.current.onChange(editHistoryPoint(latest.current.history, i, { date })),
    [],
  );
  const onCount = useCallback(
    (i: number, count: number) => latest.current.onChange(editHistoryPoint(latest.current.history, i, { count })),
    [],
  );
  const onRemove = useCallback(
    (i: number) => latest.current.onChange(removeHistoryPoint(latest.current.history, i)),
    [],
  );
  return { onDate, onCount, onRemove };
}

const HistoryRow = memo(function HistoryRow(props: {
  index: number;
  point: LacCount;
  onDate: (index: number, date: number) => void;
  onCount: (index: number, count: number) => void;
  onRemove: (index: number) => void;
  onValidityChange: OnValidityChange;
}) {
  const styles = useAssumptionStyles();
  const { index: i, point } = props;
  const cell = point.countCell ?? point.dateCell;
  return (
    <>
      <ValidatedInput
        label={`Date ${i + 1}`}
        hideLabel
        size="small"
        placeholder="dd/mm/yyyy"
        text={formatDate(point.date)}
        parse={parseDateInput}
        onValid={(date) => props.onDate(i, date)}
        onValidityChange={(valid) => props.onValidityChange(`history-date-${i}`, valid)}
      />
      <ValidatedInput
        label={`Count ${i + 1}`}
        hideLabel
        size="small"
        text={String(point.count)}
        parse={parseCount}
        onValid={(count) => props.onCount(i, count)}
        onValidityChange={(valid) => props.onValidityChange(`history-count-${i}`, valid)}
      />
      <Caption1
        className={styles.from}
        title={
          cell
            ? `Linked to cell ${columnLetter(cell.ref.col)}${cell.ref.row + 1} of sheet '${cell.ref.sheet}'`
            : "Typed"
        }
      >
        {cell ? `${columnLetter(cell.ref.col)}${cell.ref.row + 1}` : "typed"}
      </Caption1>
      <Button size="small" appearance="subtle" aria-label={`Remove count ${i + 1}`} onClick={() => props.onRemove(i)}>
        Remove
      </Button>
    </>
  );
});
