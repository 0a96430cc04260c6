import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  Checkbox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { CareHistory } from "../../core/careHistory";
import { CATEGORY_LABELS, PLACEMENT_CATEGORIES } from "../../core/categories";
import { financialYearLabel, formatDate } from "../../core/dates";
import type { WorkbookSnapshot } from "../../excel/read";
import { columnLetter, forEachFilledRow, gridWidth, isFilled, type SheetGrid } from "../../core/grid";
import {
  categoryOverrideKey,
  type BudgetMeasure,
  type BudgetMonitoring,
  type ColumnMapping,
  type HistoryField,
  type LacHistory,
  type LineChoice,
  type Question,
  type PlacementField,
  type Recognition,
  type RecogniseOptions,
} from "../../sources/recognise";
import { BUDGET_MEASURES, HISTORY_FIELD_NAMES, MEASURE_NAMES, PLACEMENT_FIELD_NAMES } from "../../sources/vocabulary";
import type { Diagnostic } from "../../core/diagnostics";
import { CareHistoryDetails } from "./CareHistoryDetails";
import { Warnings } from "./Warnings";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  line: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    // Grid items may shrink below their content's width in a 350 px pane.
    "& > *": { minWidth: 0 },
  },
  label: { overflowWrap: "anywhere" },
});

/** How many budget lines the list shows before it says how many more there are. */
const LINES_SHOWN = 200;

const MONTHS = [
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
  "January",
  "February",
  "March",
];

export interface SourcesStepProps {
  snapshot: WorkbookSnapshot;
  recognition: Recognition;
  /** The 903 episodes of the episodes sheets, stitched; undefined when there are none. */
  careHistory?: CareHistory;
  options: RecogniseOptions;
  onOptionsChange: (options: RecogniseOptions) => void;
  onReread: () => void;
  /** Whether the user's hidden sheets are read, and a change of it (which reads the workbook again). */
  includeHidden: boolean;
  onIncludeHiddenChange: (includeHidden: boolean) => void;
}

function headerText(grid: SheetGrid | undefined, row: number, col: number): string {
  if (!grid) return "";
  const value = grid.cells[row - grid.origin.row]?.[col - grid.origin.col];
  return value === null || value === undefined ? "" : String(value).trim();
}

/** Above this many columns, only the columns holding something are offered (a stray cell in XFD makes 16,384). */
const ALL_COLUMNS_UP_TO = 256;

function columnChoices(grid: SheetGrid | undefined, headerRow: number): { col: number; text: string }[] {
  if (!grid) return [];
  const width = gridWidth(grid);
  let offsets = Array.from({ length: width }, (_, i) => i);
  if (width > ALL_COLUMNS_UP_TO) {
    const filled = new Uint8Array(width);
    forEachFilledRow(grid, (cells) =>
      cells.forEach((cell, i) => {
        if (isFilled(cell)) filled[i] = 1;
      }),
    );
    offsets = offsets.filter((i) => filled[i] === 1);
  }
  return offsets.map((i) => {
    const col = grid.origin.col + i;
    const header = headerText(grid, headerRow, col);
    return { col, text: header ? `${columnLetter(col)}: ${header}` : columnLetter(col) };
  });
}

function withMapping(
  options: RecogniseOptions,
  sheet: string,
  change: (mapping: ColumnMapping) => ColumnMapping,
): RecogniseOptions {
  const current = options.columnMappings?.[sheet] ?? {};
  return { ...options, columnMappings: { ...options.columnMappings, [sheet]: change(current) } };
}

function ColumnSelect(props: {
  label: string;
  value: number | null;
  choices: { col: number; text: string }[];
  onChange: (col: number | null) => void;
}) {
  return (
    <Field label={props.label} size="small">
      <Select
        size="small"
        value={props.value === null ? "" : String(props.value)}
        onChange={(_, data) => props.onChange(data.value === "" ? null : Number(data.value))}
      >
        <option value="">(none)</option>
        {props.choices.map((choice) => (
          <option key={choice.col} value={choice.col}>
            {choice.text}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** What a line is: a category, "Needs a choice" while unanswered, or not a placement cost. */
function CategorySelect(props: { label: string; value: LineChoice; onChange: (choice: LineChoice) => void }) {
  return (
    <Select
      size="small"
      aria-label={`Category of ${props.label}`}
      value={props.value}
      onChange={(_, data) => props.onChange(data.value as LineChoice)}
    >
      {PLACEMENT_CATEGORIES.filter((category) => category !== "unassigned" || props.value === "unassigned").map(
        (category) => (
          <option key={category} value={category}>
            {CATEGORY_LABELS[category]}
          </option>
        ),
      )}
      <option value="excluded">Not a placement cost</option>
    </Select>
  );
}

/**
 * "Check these first": every question the recognition left open, above everything else, each line
 * with the dropdown that answers it (kept in the workbook's settings with the other choices).
 */
function Questions(props: {
  questions: Question[];
  options: RecogniseOptions;
  onOptionsChange: (o: RecogniseOptions) => void;
}) {
  const styles = useStyles();
  const { questions, options, onOptionsChange } = props;
  if (questions.length === 0) return null;
  const choose = (key: string, choice: LineChoice) =>
    onOptionsChange({ ...options, categoryOverrides: { ...options.categoryOverrides, [key]: choice } });
  return (
    <section className={styles.card} aria-label="Check these first">
      <Subtitle2 as="h3">Check these first ({questions.length})</Subtitle2>
      <Caption1>
        The add-in was not sure of these. Answer them before reading the figures; your answers are kept with the
        workbook.
      </Caption1>
      {questions.map((question, i) => (
        <div className={styles.stack} key={`${question.kind}-${question.sheet}-${i}`}>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{question.message}</MessageBarBody>
          </MessageBar>
          {(question.lines ?? []).slice(0, LINES_SHOWN).map((line) => (
            <div className={styles.line} key={line.key}>
              <Text size={200} className={styles.label}>
                {line.label} ({line.where.replace(/^cell /, "")}
                {line.amountGbp === null
                  ? ""
                  : `, £${line.amountGbp.toLocaleString("en-GB", { maximumFractionDigits: 0 })}`}
                ): {line.decidedBy}
              </Text>
              <CategorySelect
                label={line.label}
                value={
                  options.categoryOverrides?.[line.key] ??
                  (question.kind === "excludedLines" ? "excluded" : "unassigned")
                }
                onChange={(choice) => choose(line.key, choice)}
              />
            </div>
          ))}
          {(question.lines ?? []).length > LINES_SHOWN ? (
            <Caption1>
              The first {LINES_SHOWN} of {(question.lines ?? []).length} lines are shown.
            </Caption1>
          ) : null}
        </div>
      ))}
    </section>
  );
}

function BudgetCard(props: {
  budget: BudgetMonitoring;
  /** True when the sheet holds other tables too: the heading then says where this one starts. */
  oneOfSeveral: boolean;
  grid: SheetGrid | undefined;
  options: RecogniseOptions;
  onOptionsChange: (o: RecogniseOptions) => void;
}) {
  const styles = useStyles();
  const { budget, oneOfSeveral, grid, options, onOptionsChange } = props;
  const title = oneOfSeveral
    ? `${budget.sheet}, table at ${columnLetter(budget.labelCol)}${budget.headerRow + 1}`
    : budget.sheet;
  const choices = columnChoices(grid, budget.headerRow);
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
  const period = budget.period
    ? `P${budget.period.period} (${MONTHS[budget.period.period - 1]})${budget.period.financialYear !== null ? ` ${financialYearLabel(budget.period.financialYear)}` : ""}, from ${budget.period.source}`
    : "not found";
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
                onChange={(col) =>
                  col !== null &&
                  onOptionsChange(
                    withMapping(options, budget.sheet, (m) => ({
                      ...m,
                      kind: "budgetMonitoring",
                      headerRow: budget.headerRow,
                      labelCol: col,
                    })),
                  )
                }
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
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="lines">
          <AccordionHeader size="small">Lines and their categories</AccordionHeader>
          <AccordionPanel>
            <div className={styles.stack}>
              {[...budget.lines, ...budget.excluded].slice(0, LINES_SHOWN).map((line) => (
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
              {budget.lines.length + budget.excluded.length > LINES_SHOWN ? (
                <Caption1>
                  The first {LINES_SHOWN} of {budget.lines.length + budget.excluded.length} lines are shown.
                </Caption1>
              ) : null}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}

const HISTORY_FIELDS = Object.keys(HISTORY_FIELD_NAMES) as HistoryField[];
const sentenceCase = (text: string) => text[0].toUpperCase() + text.slice(1);

/** The count history the Needs projection runs from: what was read, with its columns to change. */
function LacHistoryCard(props: {
  history: LacHistory;
  used: boolean;
  grid: SheetGrid | undefined;
  options: RecogniseOptions;
  onOptionsChange: (o: RecogniseOptions) => void;
}) {
  const styles = useStyles();
  const { history, grid, options, onOptionsChange } = props;
  const choices = columnChoices(grid, history.headerRow);
  const first = history.points[0];
  const last = history.points[history.points.length - 1];
  const update = (change: (m: ColumnMapping) => ColumnMapping) =>
    onOptionsChange(withMapping(options, history.sheet, change));
  return (
    <section className={styles.card} aria-label={`Children looked after over time on sheet ${history.sheet}`}>
      <Subtitle2 as="h3">Children looked after over time: {history.sheet}</Subtitle2>
      <Caption1>
        Header in row {history.headerRow + 1}; {history.points.length} counts, {formatDate(first.date)} (
        {first.count.toLocaleString("en-GB")}) to {formatDate(last.date)} ({last.count.toLocaleString("en-GB")});{" "}
        {history.badRows.length} rows left out.{" "}
        {props.used
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

/** A sheet the guess missed: the user says what it is and, for a budget, where its header and columns are. */
function UnrecognisedCard(props: {
  sheet: string;
  reason: string;
  grid: SheetGrid | undefined;
  options: RecogniseOptions;
  onOptionsChange: (o: RecogniseOptions) => void;
}) {
  const styles = useStyles();
  const { sheet, grid, options, onOptionsChange } = props;
  const mapping = options.columnMappings?.[sheet] ?? {};
  const rows = grid ? Array.from({ length: Math.min(grid.cells.length, 30) }, (_, i) => grid.origin.row + i) : [];
  const headerRow = mapping.headerRow ?? rows[0] ?? 0;
  const choices = columnChoices(grid, headerRow);
  const update = (change: (m: ColumnMapping) => ColumnMapping) => onOptionsChange(withMapping(options, sheet, change));
  return (
    <section className={styles.card} aria-label={`Sheet ${sheet}, not recognised`}>
      <Subtitle2 as="h3">{sheet}</Subtitle2>
      <Caption1>{props.reason}</Caption1>
      <Field label="Use this sheet as" size="small">
        <Select
          size="small"
          // A sheet left out by choice shows as not used; choosing a kind brings it back.
          value={mapping.kind === undefined || mapping.kind === "ignore" ? "" : mapping.kind}
          onChange={(_, data) =>
            update((m) => ({ ...m, kind: data.value === "" ? undefined : (data.value as ColumnMapping["kind"]) }))
          }
        >
          <option value="">Not used</option>
          <option value="budgetMonitoring">Budget monitoring</option>
          <option value="placementList">Placement list</option>
          <option value="lacHistory">Counts of children looked after</option>
        </Select>
      </Field>
      {mapping.kind === "budgetMonitoring" || mapping.kind === "placementList" || mapping.kind === "lacHistory" ? (
        <Field label="Header row" size="small">
          <Select
            size="small"
            value={String(headerRow)}
            onChange={(_, data) => update((m) => ({ ...m, headerRow: Number(data.value) }))}
          >
            {rows.map((row) => (
              <option key={row} value={row}>
                Row {row + 1}: {headerText(grid, row, grid ? grid.origin.col : 0) || "(blank)"}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {mapping.kind === "budgetMonitoring" ? (
        <>
          <ColumnSelect
            label="Line labels"
            value={mapping.labelCol ?? null}
            choices={choices}
            onChange={(col) => update((m) => ({ ...m, labelCol: col ?? undefined }))}
          />
          {(["actualToDate", "forecastOutturn", "budget"] as BudgetMeasure[]).map((measure) => (
            <ColumnSelect
              key={measure}
              label={MEASURE_NAMES[measure][0].toUpperCase() + MEASURE_NAMES[measure].slice(1)}
              value={mapping.columns?.[measure] ?? null}
              choices={choices}
              onChange={(col) => update((m) => ({ ...m, columns: { ...m.columns, [measure]: col } }))}
            />
          ))}
        </>
      ) : null}
      {mapping.kind === "placementList"
        ? (Object.keys(PLACEMENT_FIELD_NAMES) as PlacementField[]).map((field) => (
            <ColumnSelect
              key={field}
              label={PLACEMENT_FIELD_NAMES[field][0].toUpperCase() + PLACEMENT_FIELD_NAMES[field].slice(1)}
              value={mapping.placementColumns?.[field] ?? null}
              choices={choices}
              onChange={(col) => update((m) => ({ ...m, placementColumns: { ...m.placementColumns, [field]: col } }))}
            />
          ))
        : null}
      {mapping.kind === "lacHistory"
        ? HISTORY_FIELDS.map((field) => (
            <ColumnSelect
              key={field}
              label={sentenceCase(HISTORY_FIELD_NAMES[field])}
              value={mapping.historyColumns?.[field] ?? null}
              choices={choices}
              onChange={(col) => update((m) => ({ ...m, historyColumns: { ...m.historyColumns, [field]: col } }))}
            />
          ))
        : null}
    </section>
  );
}

export function SourcesStep(props: SourcesStepProps) {
  const styles = useStyles();
  const { snapshot, recognition, careHistory, options, onOptionsChange } = props;
  const gridOf = (sheet: string) => snapshot.grids.find((g) => g.name === sheet);
  const fy = options.financialYear ?? recognition.period?.financialYear ?? null;
  const years = fy !== null ? [fy - 2, fy - 1, fy, fy + 1] : [];
  const shownOnCards = new Set<Diagnostic>(recognition.lacHistories.flatMap((history) => history.warnings));
  return (
    <div className={styles.stack}>
      <Questions questions={recognition.questions} options={options} onOptionsChange={onOptionsChange} />
      <Text>
        The sheets below were recognised in this workbook. Check the columns and categories; change any that are wrong.
        Your sheets are only read, never changed.
      </Text>
      <Button onClick={props.onReread}>Read the workbook again</Button>
      <Checkbox
        label="Read hidden sheets"
        checked={props.includeHidden}
        onChange={(_, data) => props.onIncludeHiddenChange(data.checked === true)}
      />
      {snapshot.hiddenSheets.length ? (
        <Caption1>
          Not read (hidden): {snapshot.hiddenSheets.map((name) => `'${name}'`).join(", ")}. A hidden copy of last
          month&apos;s sheet would count twice.
        </Caption1>
      ) : null}
      <div className={styles.stack}>
        <Field label="Period" size="small">
          <Select
            size="small"
            value={options.period === undefined ? "" : String(options.period)}
            onChange={(_, data) =>
              onOptionsChange({ ...options, period: data.value === "" ? undefined : Number(data.value) })
            }
          >
            <option value="">
              {recognition.period ? `As the sheet says (P${recognition.period.period})` : "As the sheet says"}
            </option>
            {MONTHS.map((month, i) => (
              <option key={month} value={i + 1}>
                P{i + 1} ({month})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Financial year" size="small">
          <Select
            size="small"
            value={options.financialYear === undefined ? "" : String(options.financialYear)}
            onChange={(_, data) =>
              onOptionsChange({ ...options, financialYear: data.value === "" ? undefined : Number(data.value) })
            }
          >
            <option value="">
              {recognition.period?.financialYear != null
                ? `As the sheet says (${financialYearLabel(recognition.period.financialYear)})`
                : "As the sheet says"}
            </option>
            {years.map((year) => (
              <option key={year} value={year}>
                {financialYearLabel(year)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {recognition.budgets.map((budget) => (
        <BudgetCard
          key={`${budget.sheet}!${budget.headerRow}!${budget.labelCol}`}
          budget={budget}
          oneOfSeveral={recognition.budgets.filter((other) => other.sheet === budget.sheet).length > 1}
          grid={gridOf(budget.sheet)}
          options={options}
          onOptionsChange={onOptionsChange}
        />
      ))}
      {recognition.placementLists.map((list) => (
        <section key={list.sheet} className={styles.card} aria-label={`Placement list on sheet ${list.sheet}`}>
          <Subtitle2 as="h3">Placement list: {list.sheet}</Subtitle2>
          <Caption1>
            {list.placements.length} placements; {list.badRows.length} rows left out. Columns:{" "}
            {Object.entries(list.columns)
              .map(
                ([field, column]) => `${PLACEMENT_FIELD_NAMES[field as PlacementField]} (${columnLetter(column.col)})`,
              )
              .join(", ")}
            .
          </Caption1>
        </section>
      ))}
      {recognition.lacHistories.map((history, i) => (
        <LacHistoryCard
          key={history.sheet}
          history={history}
          used={i === 0}
          grid={gridOf(history.sheet)}
          options={options}
          onOptionsChange={onOptionsChange}
        />
      ))}
      {recognition.episodeSheets.length ? (
        <section className={styles.card} aria-label="SSDA903 episodes">
          <Subtitle2 as="h3">SSDA903 episodes: {recognition.episodeSheets.join(", ")}</Subtitle2>
          {recognition.episodeSheets.length > 1 ? (
            <Caption1>The sheets are stitched together, as the years of a return are.</Caption1>
          ) : null}
          {careHistory ? (
            <CareHistoryDetails history={careHistory} rowsLeftOut="left out of the care and demand sheets" />
          ) : null}
          <Caption1>Feeds the In care, Starters and leavers, Stability and demand forecast sheets.</Caption1>
        </section>
      ) : null}
      {recognition.unrecognised.map((item) => (
        <UnrecognisedCard
          key={item.sheet}
          sheet={item.sheet}
          reason={item.reason}
          grid={gridOf(item.sheet)}
          options={options}
          onOptionsChange={onOptionsChange}
        />
      ))}
      <Warnings
        warnings={recognition.warnings.filter((warning) => !shownOnCards.has(warning))}
        label="What recognition found"
      />
    </div>
  );
}
