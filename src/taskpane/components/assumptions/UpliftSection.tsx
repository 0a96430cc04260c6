import { Caption1, Subtitle2, Text } from "@fluentui/react-components";
import { CATEGORY_LABELS } from "../../../core/categories";
import { financialYearLabel } from "../../../core/dates";
import type { Assumptions } from "../../../workbook/assumptions";
import { parseUpliftRate, parseYears, percentText } from "../../validation";
import { ValidatedInput } from "../ValidatedInput";
import type { SectionProps } from "./sectionProps";
import { useAssumptionStyles } from "./styles";

/** The years ahead, and a rate for each line in each of them. */
export function UpliftSection({ assumptions, set, onValidityChange }: SectionProps) {
  const styles = useAssumptionStyles();
  const years = assumptions.uplift[0]?.rates.length ?? 3;
  const yearLabels = Array.from({ length: years }, (_, k) => financialYearLabel(assumptions.upliftBaseYear + k + 1));
  const setYears = (count: number) => set({ uplift: withYears(assumptions.uplift, count) }, "upliftRates");
  return (
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
      <UpliftTable assumptions={assumptions} set={set} onValidityChange={onValidityChange} yearLabels={yearLabels} />
    </section>
  );
}

/** Each line's rates cut to, or carried on with its last rate to, the given number of years. */
function withYears(uplift: Assumptions["uplift"], count: number): Assumptions["uplift"] {
  return uplift.map((line) => ({
    ...line,
    rates: Array.from({ length: count }, (_, i) => line.rates[i] ?? line.rates[line.rates.length - 1] ?? 0),
  }));
}

function UpliftTable({ assumptions, set, onValidityChange, yearLabels }: SectionProps & { yearLabels: string[] }) {
  const styles = useAssumptionStyles();
  const setRate = (line: number, year: number, value: number) =>
    set(
      {
        uplift: assumptions.uplift.map((l, j) =>
          j === line ? { ...l, rates: l.rates.map((r, k) => (k === year ? value : r)) } : l,
        ),
      },
      "upliftRates",
    );
  return (
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
                      onValid={(value) => setRate(i, year, value)}
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
  );
}
