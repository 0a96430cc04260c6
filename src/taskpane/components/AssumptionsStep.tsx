import { WEEKS_PER_YEAR_CONVENTIONAL, WEEKS_PER_YEAR_EXACT } from "../../core/finance";
import {
  Button,
  Caption1,
  Field,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { memo, useCallback, useRef, useState } from "react";
import { CATEGORY_LABELS } from "../../core/categories";
import { formatDate, financialYearLabel } from "../../core/dates";
import { columnLetter } from "../../core/grid";
import type { Assumptions, LacCount, ProjectionMethod, Sourced } from "../../workbook/assumptions";
import {
  addHistoryPoint,
  editHistoryPoint,
  historyExtent,
  linkedCount,
  linkedSheet,
  removeHistoryPoint,
  TYPED_IN_PANEL,
  type TypedField,
} from "../../workbook/assumptionEdits";
import {
  parseCount,
  parseDateInput,
  parsePopulation,
  parseUpliftRate,
  parseWeeksPerYear,
  parseYears,
  percentText,
} from "../validation";
import { CouncilPicker, type CouncilPickerProps } from "./CouncilPicker";
import { ValidatedInput } from "./ValidatedInput";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  disclosure: { alignSelf: "flex-start" },
  points: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 7fr) minmax(0, 4fr) minmax(2.5em, auto) auto",
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    alignItems: "start",
    "& > *": { minWidth: 0 },
  },
  from: { alignSelf: "center", color: tokens.colorNeutralForeground3 },
  // Wider than the pane only past four years ahead; then it scrolls sideways, line names staying put.
  ratesScroll: { overflowX: "auto" },
  rates: { borderCollapse: "collapse", width: "100%", tableLayout: "fixed" },
  rateHeader: {
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
    padding: `0 ${tokens.spacingHorizontalXXS} ${tokens.spacingVerticalXXS}`,
    minWidth: "4.5em",
  },
  lineHeader: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS} 0 0`,
    verticalAlign: "top",
    width: "34%",
    position: "sticky",
    left: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: "anywhere",
  },
  rateCell: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
    verticalAlign: "top",
    minWidth: "4.5em",
  },
});

/** A typed series this short is shown open; a longer one, or one read from a sheet, is summarised. */
const POINTS_SHOWN_OPEN = 12;

export interface AssumptionsStepProps {
  assumptions: Assumptions;
  /** What the sources alone give (defaultAssumptions), to go back to the counts of a history sheet. */
  fromSources: Assumptions;
  /** The assumptions the user typed over what the sources give (kept when a rebuild reads them again). */
  typed: readonly TypedField[];
  onChange: (assumptions: Assumptions, typed: readonly TypedField[]) => void;
  /** Which fields hold text that is not a valid value; the build waits until there are none. */
  onValidityChange: (field: string, valid: boolean) => void;
  /** The councils to choose from and the one a title proposes (absent: no council section). */
  councils?: Pick<CouncilPickerProps, "councils" | "loadError" | "proposal">;
}

export function AssumptionsStep({
  assumptions,
  fromSources,
  typed,
  onChange,
  onValidityChange,
  councils,
}: AssumptionsStepProps) {
  const styles = useStyles();
  const years = assumptions.uplift[0]?.rates.length ?? 3;
  const [weeksChoice, setWeeksChoice] = useState(
    assumptions.weeksPerYear === WEEKS_PER_YEAR_CONVENTIONAL
      ? "52"
      : Math.abs(assumptions.weeksPerYear - WEEKS_PER_YEAR_EXACT) < 1e-9
        ? "exact"
        : "other",
  );
  const set = (change: Partial<Assumptions>, field?: TypedField) =>
    onChange({ ...assumptions, ...change }, field && !typed.includes(field) ? [...typed, field] : typed);
  const setYears = (count: number) =>
    set(
      {
        uplift: assumptions.uplift.map((line) => ({
          ...line,
          rates: Array.from({ length: count }, (_, i) => line.rates[i] ?? line.rates[line.rates.length - 1] ?? 0),
        })),
      },
      "upliftRates",
    );
  const yearLabels = Array.from({ length: years }, (_, k) => financialYearLabel(assumptions.upliftBaseYear + k + 1));
  // The history's callbacks stay the same from render to render, so its dozens of rows render again only when it changes.
  const latest = useRef({ assumptions, fromSources, typed, onChange });
  latest.current = { assumptions, fromSources, typed, onChange };
  const setHistory = useCallback((lacHistory: Sourced<LacCount[]>) => {
    const { assumptions, typed, onChange } = latest.current;
    onChange({ ...assumptions, lacHistory }, typed.includes("lacHistory") ? typed : [...typed, "lacHistory"]);
  }, []);
  const useSourcesHistory = useCallback(() => {
    const { assumptions, fromSources, typed, onChange } = latest.current;
    onChange(
      { ...assumptions, lacHistory: fromSources.lacHistory },
      typed.filter((field) => field !== "lacHistory"),
    );
  }, []);

  return (
    <div className={styles.stack}>
      <Text>
        Every figure here becomes an input cell on the Assumptions sheet, where you can change it later; formulas read
        it from there.
      </Text>

      {councils ? (
        <CouncilPicker council={assumptions.council} {...councils} onChange={(council) => set({ council })} />
      ) : null}

      <section className={styles.section} aria-labelledby="population-heading">
        <Subtitle2 as="h3" id="population-heading">
          Population
        </Subtitle2>
        <ValidatedInput
          label="Children aged 0-17 in the area"
          hint={`ONS mid-year estimate. Source: ${assumptions.population0to17.source}.`}
          text={assumptions.population0to17.value === null ? "" : String(assumptions.population0to17.value)}
          parse={parsePopulation}
          onValid={(value) => set({ population0to17: { value, source: TYPED_IN_PANEL } })}
          onValidityChange={(valid) => onValidityChange("population", valid)}
        />
      </section>

      <HistorySection
        history={assumptions.lacHistory}
        fromSources={fromSources.lacHistory}
        typed={typed.includes("lacHistory")}
        spendYear={assumptions.upliftBaseYear}
        onChange={setHistory}
        onUseSources={useSourcesHistory}
        onValidityChange={onValidityChange}
      />

      <section className={styles.section} aria-labelledby="projection-heading">
        <Subtitle2 as="h3" id="projection-heading">
          Projection
        </Subtitle2>
        <ValidatedInput
          label="Project the number of children to"
          hint="A date as dd/mm/yyyy."
          placeholder="dd/mm/yyyy"
          text={formatDate(assumptions.projectionTargetDate)}
          parse={parseDateInput}
          onValid={(projectionTargetDate) => set({ projectionTargetDate }, "projectionTargetDate")}
          onValidityChange={(valid) => onValidityChange("target", valid)}
        />
        <Field label="Projection method">
          <Select
            value={assumptions.projectionMethod}
            onChange={(_, data) => set({ projectionMethod: data.value as ProjectionMethod })}
          >
            <option value="linear">Straight line (FORECAST.LINEAR)</option>
            <option value="exponential">Constant growth rate (GROWTH)</option>
          </Select>
        </Field>
      </section>

      {assumptions.careDataEnd ? (
        <section className={styles.section} aria-labelledby="data-end-heading">
          <Subtitle2 as="h3" id="data-end-heading">
            903 data
          </Subtitle2>
          <ValidatedInput
            label="End of the 903 data"
            hint={`The In care, Starters and leavers and Stability sheets count to this date, and the demand forecast starts from it. Annual returns run to 31 March even when their last event is earlier; enter an earlier date for an extract that ends sooner. Source: ${assumptions.careDataEnd.source}.`}
            placeholder="dd/mm/yyyy"
            text={assumptions.careDataEnd.value === null ? "" : formatDate(assumptions.careDataEnd.value)}
            parse={parseDateInput}
            onValid={(value) => set({ careDataEnd: { value, source: TYPED_IN_PANEL } }, "careDataEnd")}
            onValidityChange={(valid) => onValidityChange("dataEnd", valid)}
          />
        </section>
      ) : null}

      <section className={styles.section} aria-labelledby="uplift-heading">
        <Subtitle2 as="h3" id="uplift-heading">
          Cost uplift
        </Subtitle2>
        <Caption1>
          Each line&apos;s cost rises by its rate in each financial year, compounded, from{" "}
          {financialYearLabel(assumptions.upliftBaseYear)} prices. Type a rate as 5% or 5; 0.05 is read as 5%, as in an
          Excel % cell.
        </Caption1>
        <ValidatedInput
          label="Years ahead"
          hint={`Rates for ${yearLabels[0]} onwards.`}
          text={String(years)}
          parse={parseYears}
          onValid={setYears}
          onValidityChange={(valid) => onValidityChange("years", valid)}
        />
        <div className={styles.ratesScroll}>
          <table className={styles.rates} aria-labelledby="uplift-heading">
            <thead>
              <tr>
                <th scope="col" className={styles.lineHeader}>
                  <Caption1>Line</Caption1>
                </th>
                {yearLabels.map((label) => (
                  <th key={label} scope="col" className={styles.rateHeader}>
                    <Caption1>{label}</Caption1>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {assumptions.uplift.map((line, i) => {
                const name = line.label || CATEGORY_LABELS[line.category];
                return (
                  <tr key={`${line.category}-${i}`}>
                    <th scope="row" className={styles.lineHeader}>
                      <Text size={200} weight="semibold">
                        {name}
                      </Text>
                    </th>
                    {line.rates.map((rate, year) => (
                      <td key={year} className={styles.rateCell}>
                        <ValidatedInput
                          label={`${name} uplift in ${yearLabels[year]}`}
                          text={percentText(rate)}
                          size="small"
                          hideLabel
                          parse={parseUpliftRate}
                          onValid={(value) =>
                            set(
                              {
                                uplift: assumptions.uplift.map((l, j) =>
                                  j === i ? { ...l, rates: l.rates.map((r, k) => (k === year ? value : r)) } : l,
                                ),
                              },
                              "upliftRates",
                            )
                          }
                          onValidityChange={(valid) => onValidityChange(`rate-${i}-${year}`, valid)}
                        />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section className={styles.section} aria-labelledby="weeks-heading">
        <Subtitle2 as="h3" id="weeks-heading">
          Weeks in a year
        </Subtitle2>
        <RadioGroup
          aria-labelledby="weeks-heading"
          value={weeksChoice}
          onChange={(_, data) => {
            setWeeksChoice(data.value);
            if (data.value === "52") set({ weeksPerYear: WEEKS_PER_YEAR_CONVENTIONAL });
            if (data.value === "exact") set({ weeksPerYear: WEEKS_PER_YEAR_EXACT });
          }}
        >
          <Radio value="52" label="52 (the budget convention)" />
          <Radio value="exact" label="365 / 7 = 52.14 (exact)" />
          <Radio value="other" label="Another number" />
        </RadioGroup>
        {weeksChoice === "other" ? (
          <ValidatedInput
            label="Weeks per year"
            text={String(assumptions.weeksPerYear)}
            parse={parseWeeksPerYear}
            onValid={(weeksPerYear) => set({ weeksPerYear })}
            onValidityChange={(valid) => onValidityChange("weeks", valid)}
          />
        ) : null}
      </section>
    </div>
  );
}

interface HistorySectionProps {
  history: Sourced<LacCount[]>;
  fromSources: Sourced<LacCount[]>;
  /** Whether the user has typed over the counts the sources give. */
  typed: boolean;
  spendYear: number;
  onChange: (history: Sourced<LacCount[]>) => void;
  onUseSources: () => void;
  onValidityChange: (field: string, valid: boolean) => void;
}

/**
 * The count history as a summary, with the points themselves behind a button: a sheet's monthly
 * series has dozens, and most users only need to know they were found and stay linked.
 */
const HistorySection = memo(function HistorySection({
  history,
  fromSources,
  typed,
  spendYear,
  onChange,
  onUseSources,
  onValidityChange,
}: HistorySectionProps) {
  const styles = useStyles();
  const points = history.value;
  const [open, setOpen] = useState(points.length <= POINTS_SHOWN_OPEN && linkedCount(points) === 0);
  // Rows are made when first shown and then kept (hidden when closed), so text typed in one survives closing.
  const [shown, setShown] = useState(open);
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
  const sheet = linkedSheet(points);
  const sourcesSheet = linkedSheet(fromSources.value);
  const stillLinked = linkedCount(points);

  let summary: string;
  if (points.length === 0)
    summary = "No counts yet: add the count at each 31 March (two or more) for the Needs projection.";
  else if (typed) summary = `${historyExtent(points)}; typed here.`;
  else if (sheet)
    summary = `${historyExtent(points, `sheet '${sheet}'`)}. Linked: a count changed on the sheet flows through, and each build takes in the sheet's new months.`;
  else summary = `${historyExtent(points)}. Source: ${history.source}; read again at each build.`;

  return (
    <section className={styles.section} aria-labelledby="history-heading">
      <Subtitle2 as="h3" id="history-heading">
        Children looked after over time
      </Subtitle2>
      <Text size={300}>{summary}</Text>
      {typed && fromSources.value.length > 0 ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            {sourcesSheet
              ? `These counts are typed: builds keep them and take no new months from sheet '${sourcesSheet}'${stillLinked ? ` (the ${stillLinked} counts not changed here still link to their cells)` : ""}.`
              : `These counts are typed: builds keep them instead of the ${fromSources.value.length} counts from ${fromSources.source}.`}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={onUseSources}>
              {sourcesSheet ? `Use sheet '${sourcesSheet}' again` : "Use the counts from the sources again"}
            </Button>
          </MessageBarActions>
        </MessageBar>
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
        <div className={styles.section}>
          {sheet ? (
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
            {shown
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
          <Button
            className={styles.disclosure}
            size="small"
            onClick={() => onChange(addHistoryPoint(history, spendYear))}
          >
            Add a count
          </Button>
        </div>
      </div>
    </section>
  );
});

const HistoryRow = memo(function HistoryRow(props: {
  index: number;
  point: LacCount;
  onDate: (index: number, date: number) => void;
  onCount: (index: number, count: number) => void;
  onRemove: (index: number) => void;
  onValidityChange: (field: string, valid: boolean) => void;
}) {
  const styles = useStyles();
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
