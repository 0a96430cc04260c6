import type { TypedField } from "../../../workbook/assumptionEdits";
import type { Assumptions } from "../../../workbook/assumptions";

/** A change to the assumptions; naming the field marks it as typed over what the sources give. */
export type SetAssumptions = (change: Partial<Assumptions>, field?: TypedField) => void;

/** What every section of the Assumptions step is given. */
export interface SectionProps {
  assumptions: Assumptions;
  set: SetAssumptions;
  /** Which fields hold text that is not a valid value; the build waits until there are none. */
  onValidityChange: (field: string, valid: boolean) => void;
}
