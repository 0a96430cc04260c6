import { Button, Caption1, Checkbox, Field, Select, Subtitle2, Text } from "@fluentui/react-components";
import type { CareHistory } from "../../core/careHistory";
import { financialYearLabel } from "../../core/dates";
import type { Diagnostic } from "../../core/diagnostics";
import { columnLetter } from "../../core/grid";
import type { WorkbookSnapshot } from "../../excel/read";
import type { PlacementField, PlacementList, Recognition, RecogniseOptions } from "../../sources/recognise";
import { PLACEMENT_FIELD_NAMES } from "../../sources/vocabulary";
import { CareHistoryDetails } from "./CareHistoryDetails";
import { BudgetCard } from "./sources/BudgetCard";
import { MONTHS } from "./sources/columns";
import { LacHistoryCard } from "./sources/LacHistoryCard";
import { Questions } from "./sources/Questions";
import { useSourcesStyles } from "./sources/styles";
import { UnrecognisedCard } from "./sources/UnrecognisedCard";
import { Warnings } from "./Warnings";

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

export function SourcesStep(props: SourcesStepProps) {
  const styles = useSourcesStyles();
  const { snapshot, recognition, careHistory, options, onOptionsChange } = props;
  const gridOf = (sheet: string) => snapshot.grids.find((g) => g.name === sheet);
  const cardProps = (sheet: string) => ({ grid: gridOf(sheet), options, onOptionsChange });
  const shownOnCards = new Set<Diagnostic>(recognition.lacHistories.flatMap((history) => history.warnings));
  return (
    <div className={styles.stack}>
      <Questions questions={recognition.questions} options={options} onOptionsChange={onOptionsChange} />
      <Text>
        The sheets below were recognised in this workbook. Check the columns and categories; change any that are wrong.
        Your sheets are only read, never changed.
      </Text>
      <ReadingControls {...props} />
      <PeriodChoices recognition={recognition} options={options} onOptionsChange={onOptionsChange} />
      {recognition.budgets.map((budget) => (
        <BudgetCard
          key={`${budget.sheet}!${budget.headerRow}!${budget.labelCol}`}
          budget={budget}
          oneOfSeveral={recognition.budgets.filter((other) => other.sheet === budget.sheet).length > 1}
          {...cardProps(budget.sheet)}
        />
      ))}
      {recognition.placementLists.map((list) => (
        <PlacementListCard key={list.sheet} list={list} />
      ))}
      {recognition.lacHistories.map((history, i) => (
        <LacHistoryCard key={history.sheet} history={history} used={i === 0} {...cardProps(history.sheet)} />
      ))}
      <EpisodesCard episodeSheets={recognition.episodeSheets} careHistory={careHistory} />
      {recognition.unrecognised.map((item) => (
        <UnrecognisedCard key={item.sheet} sheet={item.sheet} reason={item.reason} {...cardProps(item.sheet)} />
      ))}
      <Warnings
        warnings={recognition.warnings.filter((warning) => !shownOnCards.has(warning))}
        label="What recognition found"
      />
    </div>
  );
}

/** Reading the workbook again, with or without its hidden sheets, and which sheets hiding left out. */
function ReadingControls({ snapshot, onReread, includeHidden, onIncludeHiddenChange }: SourcesStepProps) {
  return (
    <>
      <Button onClick={onReread}>Read the workbook again</Button>
      <Checkbox
        label="Read hidden sheets"
        checked={includeHidden}
        onChange={(_, data) => onIncludeHiddenChange(data.checked === true)}
      />
      {snapshot.hiddenSheets.length ? (
        <Caption1>
          Not read (hidden): {snapshot.hiddenSheets.map((name) => `'${name}'`).join(", ")}. A hidden copy of last
          month&apos;s sheet would count twice.
        </Caption1>
      ) : null}
    </>
  );
}

/** The period and financial year the figures are for: as the sheet says, or as the user chooses. */
function PeriodChoices(props: Pick<SourcesStepProps, "recognition" | "options" | "onOptionsChange">) {
  const styles = useSourcesStyles();
  const { recognition, options, onOptionsChange } = props;
  const fy = options.financialYear ?? recognition.period?.financialYear ?? null;
  const years = fy !== null ? [fy - 2, fy - 1, fy, fy + 1] : [];
  return (
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
  );
}

function PlacementListCard({ list }: { list: PlacementList }) {
  const styles = useSourcesStyles();
  return (
    <section className={styles.card} aria-label={`Placement list on sheet ${list.sheet}`}>
      <Subtitle2 as="h3">Placement list: {list.sheet}</Subtitle2>
      <Caption1>
        {list.placements.length} placements; {list.badRows.length} rows left out. Columns:{" "}
        {Object.entries(list.columns)
          .map(([field, column]) => `${PLACEMENT_FIELD_NAMES[field as PlacementField]} (${columnLetter(column.col)})`)
          .join(", ")}
        .
      </Caption1>
    </section>
  );
}

/** The 903 episodes sheets, stitched into one history, and what they feed. */
function EpisodesCard({ episodeSheets, careHistory }: { episodeSheets: string[]; careHistory?: CareHistory }) {
  const styles = useSourcesStyles();
  if (!episodeSheets.length) return null;
  return (
    <section className={styles.card} aria-label="SSDA903 episodes">
      <Subtitle2 as="h3">SSDA903 episodes: {episodeSheets.join(", ")}</Subtitle2>
      {episodeSheets.length > 1 ? (
        <Caption1>The sheets are stitched together, as the years of a return are.</Caption1>
      ) : null}
      {careHistory ? (
        <CareHistoryDetails history={careHistory} rowsLeftOut="left out of the care and demand sheets" />
      ) : null}
      <Caption1>Feeds the In care, Starters and leavers, Stability and demand forecast sheets.</Caption1>
    </section>
  );
}
