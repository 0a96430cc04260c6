import { Caption1, Field, Select, Subtitle2 } from "@fluentui/react-components";
import type { BudgetMeasure, ColumnMapping, PlacementField } from "../../../sources/recognise";
import { HISTORY_FIELD_NAMES, MEASURE_NAMES, PLACEMENT_FIELD_NAMES } from "../../../sources/vocabulary";
import { columnChoices, headerText, HISTORY_FIELDS, sentenceCase, withMapping, type CardProps } from "./columns";
import { ColumnSelect } from "./selects";
import { useSourcesStyles } from "./styles";

type Update = (change: (m: ColumnMapping) => ColumnMapping) => void;

/** A sheet the guess missed: the user says what it is and, for a budget, where its header and columns are. */
export function UnrecognisedCard(props: CardProps & { sheet: string; reason: string }) {
  const styles = useSourcesStyles();
  const { sheet, grid, options, onOptionsChange } = props;
  const mapping = options.columnMappings?.[sheet] ?? {};
  const rows = grid ? Array.from({ length: Math.min(grid.cells.length, 30) }, (_, i) => grid.origin.row + i) : [];
  const headerRow = mapping.headerRow ?? rows[0] ?? 0;
  const update: Update = (change) => onOptionsChange(withMapping(options, sheet, change));
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
      <MappedColumns mapping={mapping} choices={columnChoices(grid, headerRow)} update={update} />
    </section>
  );
}

/** The columns the chosen kind of sheet needs, each to pick by hand. */
function MappedColumns(props: { mapping: ColumnMapping; choices: { col: number; text: string }[]; update: Update }) {
  const { mapping, choices, update } = props;
  if (mapping.kind === "budgetMonitoring") {
    return (
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
    );
  }
  if (mapping.kind === "placementList") {
    return (Object.keys(PLACEMENT_FIELD_NAMES) as PlacementField[]).map((field) => (
      <ColumnSelect
        key={field}
        label={PLACEMENT_FIELD_NAMES[field][0].toUpperCase() + PLACEMENT_FIELD_NAMES[field].slice(1)}
        value={mapping.placementColumns?.[field] ?? null}
        choices={choices}
        onChange={(col) => update((m) => ({ ...m, placementColumns: { ...m.placementColumns, [field]: col } }))}
      />
    ));
  }
  if (mapping.kind === "lacHistory") {
    return HISTORY_FIELDS.map((field) => (
      <ColumnSelect
        key={field}
        label={sentenceCase(HISTORY_FIELD_NAMES[field])}
        value={mapping.historyColumns?.[field] ?? null}
        choices={choices}
        onChange={(col) => update((m) => ({ ...m, historyColumns: { ...m.historyColumns, [field]: col } }))}
      />
    ));
  }
  return null;
}
