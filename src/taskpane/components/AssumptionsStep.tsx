import { Text } from "@fluentui/react-components";
import { useCallback, useRef } from "react";
import type { TypedField } from "../../workbook/assumptionEdits";
import type { Assumptions, LacCount, Sourced } from "../../workbook/assumptions";
import { DataEndSection, PopulationSection, ProjectionSection, WeeksSection } from "./assumptions/FieldSections";
import { HistorySection } from "./assumptions/HistorySection";
import type { SetAssumptions } from "./assumptions/sectionProps";
import { useAssumptionStyles } from "./assumptions/styles";
import { UpliftSection } from "./assumptions/UpliftSection";
import { CouncilPicker, type CouncilPickerProps } from "./CouncilPicker";

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

export function AssumptionsStep(props: AssumptionsStepProps) {
  const { assumptions, fromSources, typed, onChange, onValidityChange, councils } = props;
  const styles = useAssumptionStyles();
  const set: SetAssumptions = (change, field) =>
    onChange({ ...assumptions, ...change }, field && !typed.includes(field) ? [...typed, field] : typed);
  const { setHistory, restoreSourcesHistory } = useHistoryEditors(props);
  const sectionProps = { assumptions, set, onValidityChange };
  return (
    <div className={styles.stack}>
      <Text>
        Every figure here becomes an input cell on the Assumptions sheet, where you can change it later; formulas read
        it from there.
      </Text>
      {councils ? (
        <CouncilPicker council={assumptions.council} {...councils} onChange={(council) => set({ council })} />
      ) : null}
      <PopulationSection {...sectionProps} />
      <HistorySection
        history={assumptions.lacHistory}
        fromSources={fromSources.lacHistory}
        typed={typed.includes("lacHistory")}
        spendYear={assumptions.upliftBaseYear}
        onChange={setHistory}
        onUseSources={restoreSourcesHistory}
        onValidityChange={onValidityChange}
      />
      <ProjectionSection {...sectionProps} />
      <DataEndSection {...sectionProps} />
      <UpliftSection {...sectionProps} />
      <WeeksSection {...sectionProps} />
    </div>
  );
}

/**
 * The history's callbacks, the same from render to render, so its dozens of rows render again only
 * when it changes.
 */
function useHistoryEditors({ assumptions, fromSources, typed, onChange }: AssumptionsStepProps) {
  const latest = useRef({ assumptions, fromSources, typed, onChange });
  latest.current = { assumptions, fromSources, typed, onChange };
  const setHistory = useCallback((lacHistory: Sourced<LacCount[]>) => {
    const { assumptions, typed, onChange } = latest.current;
    onChange({ ...assumptions, lacHistory }, typed.includes("lacHistory") ? typed : [...typed, "lacHistory"]);
  }, []);
  const restoreSourcesHistory = useCallback(() => {
    const { assumptions, fromSources, typed, onChange } = latest.current;
    onChange(
      { ...assumptions, lacHistory: fromSources.lacHistory },
      typed.filter((field) => field !== "lacHistory"),
    );
  }, []);
  return { setHistory, restoreSourcesHistory };
}
