import { Field, Radio, RadioGroup, Select, Subtitle2 } from "@fluentui/react-components";
import { useState } from "react";
import { formatDate } from "../../../core/dates";
import { WEEKS_PER_YEAR_CONVENTIONAL, WEEKS_PER_YEAR_EXACT } from "../../../core/finance";
import { TYPED_IN_PANEL } from "../../../workbook/assumptionEdits";
import type { ProjectionMethod } from "../../../workbook/assumptions";
import { parseDateInput, parsePopulation, parseWeeksPerYear } from "../../validation";
import { ValidatedInput } from "../ValidatedInput";
import type { SectionProps } from "./sectionProps";
import { useAssumptionStyles } from "./styles";

export function PopulationSection({ assumptions, set, onValidityChange }: SectionProps) {
  const styles = useAssumptionStyles();
  return (
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
  );
}

export function ProjectionSection({ assumptions, set, onValidityChange }: SectionProps) {
  const styles = useAssumptionStyles();
  return (
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
  );
}

/** The end of the 903 data, shown only when episodes were read. */
export function DataEndSection({ assumptions, set, onValidityChange }: SectionProps) {
  const styles = useAssumptionStyles();
  if (!assumptions.careDataEnd) return null;
  return (
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
  );
}

export function WeeksSection({ assumptions, set, onValidityChange }: SectionProps) {
  const styles = useAssumptionStyles();
  const [weeksChoice, setWeeksChoice] = useState(
    assumptions.weeksPerYear === WEEKS_PER_YEAR_CONVENTIONAL
      ? "52"
      : Math.abs(assumptions.weeksPerYear - WEEKS_PER_YEAR_EXACT) < 1e-9
        ? "exact"
        : "other",
  );
  return (
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
  );
}
