import { Button, Caption1, Field, makeStyles, Radio, RadioGroup, Select, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { CATEGORY_LABELS } from "../../core/categories";
import { financialYearLabel } from "../../core/dates";
import type { Assumptions, LacCount, ProjectionMethod } from "../../workbook/assumptions";
import {
  dateInputValue,
  parseCount,
  parseDateInput,
  parsePopulation,
  parseRatePercent,
  parseWeeksPerYear,
  parseYears,
  percentText,
} from "../validation";
import { ValidatedInput } from "./ValidatedInput";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: { display: "grid", gridTemplateColumns: "minmax(0, 3fr) minmax(0, 2fr) auto", gap: tokens.spacingHorizontalXS, alignItems: "end", "& > *": { minWidth: 0 } },
  rates: { display: "grid", gap: tokens.spacingHorizontalXS, alignItems: "end", "& > *": { minWidth: 0 } },
});

const EXACT_WEEKS = 365 / 7;

export interface AssumptionsStepProps {
  assumptions: Assumptions;
  onChange: (assumptions: Assumptions) => void;
  /** Which fields hold text that is not a valid value; the build waits until there are none. */
  onValidityChange: (field: string, valid: boolean) => void;
}

export function AssumptionsStep({ assumptions, onChange, onValidityChange }: AssumptionsStepProps) {
  const styles = useStyles();
  const years = assumptions.uplift[0]?.rates.length ?? 3;
  const [weeksChoice, setWeeksChoice] = useState(
    assumptions.weeksPerYear === 52 ? "52" : Math.abs(assumptions.weeksPerYear - EXACT_WEEKS) < 1e-9 ? "exact" : "other",
  );
  const set = (change: Partial<Assumptions>) => onChange({ ...assumptions, ...change });
  const setHistory = (history: LacCount[]) => set({ lacHistory: { value: history, source: "typed in the panel" } });
  const setYears = (count: number) =>
    set({
      uplift: assumptions.uplift.map((line) => ({
        ...line,
        rates: Array.from({ length: count }, (_, i) => line.rates[i] ?? line.rates[line.rates.length - 1] ?? 0),
      })),
    });

  return (
    <div className={styles.stack}>
      <Text>Every figure here becomes an input cell on the Assumptions sheet, where you can change it later; formulas read it from there.</Text>

      <section className={styles.section} aria-labelledby="population-heading">
        <Subtitle2 as="h3" id="population-heading">
          Population
        </Subtitle2>
        <ValidatedInput
          label="Children aged 0-17 in the area"
          hint={`ONS mid-year estimate. Source: ${assumptions.population0to17.source}.`}
          initialText={assumptions.population0to17.value === null ? "" : String(assumptions.population0to17.value)}
          parse={parsePopulation}
          onValid={(value) => set({ population0to17: { value, source: "typed in the panel" } })}
          onValidityChange={(valid) => onValidityChange("population", valid)}
        />
      </section>

      <section className={styles.section} aria-labelledby="history-heading">
        <Subtitle2 as="h3" id="history-heading">
          Children looked after over time
        </Subtitle2>
        <Caption1>Counts at dates (e.g. each 31 March), for the needs projection. Source: {assumptions.lacHistory.source}.</Caption1>
        {assumptions.lacHistory.value.map((point, i) => (
          <div className={styles.row} key={`${i}-${assumptions.lacHistory.value.length}`}>
            <ValidatedInput
              label={`Date ${i + 1}`}
              type="date"
              initialText={dateInputValue(point.date)}
              parse={parseDateInput}
              onValid={(date) => setHistory(assumptions.lacHistory.value.map((p, j) => (j === i ? { ...p, date } : p)))}
              onValidityChange={(valid) => onValidityChange(`history-date-${i}`, valid)}
            />
            <ValidatedInput
              label={`Count ${i + 1}`}
              initialText={String(point.count)}
              parse={parseCount}
              onValid={(count) => setHistory(assumptions.lacHistory.value.map((p, j) => (j === i ? { ...p, count } : p)))}
              onValidityChange={(valid) => onValidityChange(`history-count-${i}`, valid)}
            />
            <Button
              aria-label={`Remove count ${i + 1}`}
              onClick={() => {
                onValidityChange(`history-date-${i}`, true);
                onValidityChange(`history-count-${i}`, true);
                setHistory(assumptions.lacHistory.value.filter((_, j) => j !== i));
              }}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button
          onClick={() => {
            const last = assumptions.lacHistory.value[assumptions.lacHistory.value.length - 1];
            setHistory([...assumptions.lacHistory.value, { date: last ? last.date + 365 : assumptions.projectionTargetDate, count: last?.count ?? 0 }]);
          }}
        >
          Add a count
        </Button>
      </section>

      <section className={styles.section} aria-labelledby="projection-heading">
        <Subtitle2 as="h3" id="projection-heading">
          Projection
        </Subtitle2>
        <ValidatedInput
          label="Project the number of children to"
          type="date"
          initialText={dateInputValue(assumptions.projectionTargetDate)}
          parse={parseDateInput}
          onValid={(projectionTargetDate) => set({ projectionTargetDate })}
          onValidityChange={(valid) => onValidityChange("target", valid)}
        />
        <Field label="Projection method">
          <Select value={assumptions.projectionMethod} onChange={(_, data) => set({ projectionMethod: data.value as ProjectionMethod })}>
            <option value="linear">Straight line (FORECAST.LINEAR)</option>
            <option value="exponential">Constant growth rate (GROWTH)</option>
          </Select>
        </Field>
      </section>

      <section className={styles.section} aria-labelledby="uplift-heading">
        <Subtitle2 as="h3" id="uplift-heading">
          Cost uplift
        </Subtitle2>
        <ValidatedInput
          label="Years ahead"
          hint={`From ${financialYearLabel(assumptions.upliftBaseYear)}.`}
          initialText={String(years)}
          parse={parseYears}
          onValid={setYears}
          onValidityChange={(valid) => onValidityChange("years", valid)}
        />
        {assumptions.uplift.map((line, i) => (
          <div key={`${line.category}-${i}`} role="group" aria-label={`Uplift rates for ${line.label}`}>
            <Text weight="semibold" size={200}>
              {line.label || CATEGORY_LABELS[line.category]}
            </Text>
            <div className={styles.rates} style={{ gridTemplateColumns: `repeat(${line.rates.length}, minmax(0, 1fr))` }}>
              {line.rates.map((rate, year) => (
                <ValidatedInput
                  key={`${year}-${line.rates.length}`}
                  label={`${line.label} uplift in ${financialYearLabel(assumptions.upliftBaseYear + year + 1, "short")}`}
                  hint={financialYearLabel(assumptions.upliftBaseYear + year + 1, "short")}
                  initialText={percentText(rate)}
                  contentAfter="%"
                  hideLabel
                  parse={parseRatePercent}
                  onValid={(value) =>
                    set({ uplift: assumptions.uplift.map((l, j) => (j === i ? { ...l, rates: l.rates.map((r, k) => (k === year ? value : r)) } : l)) })
                  }
                  onValidityChange={(valid) => onValidityChange(`rate-${i}-${year}`, valid)}
                />
              ))}
            </div>
          </div>
        ))}
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
            if (data.value === "52") set({ weeksPerYear: 52 });
            if (data.value === "exact") set({ weeksPerYear: EXACT_WEEKS });
            onValidityChange("weeks", true);
          }}
        >
          <Radio value="52" label="52 (the budget convention)" />
          <Radio value="exact" label="365 / 7 = 52.14 (exact)" />
          <Radio value="other" label="Another number" />
        </RadioGroup>
        {weeksChoice === "other" ? (
          <ValidatedInput
            label="Weeks per year"
            initialText={String(assumptions.weeksPerYear)}
            parse={parseWeeksPerYear}
            onValid={(weeksPerYear) => set({ weeksPerYear })}
            onValidityChange={(valid) => onValidityChange("weeks", valid)}
          />
        ) : null}
      </section>
    </div>
  );
}
