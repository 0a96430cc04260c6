import { useCallback, useMemo, useState } from "react";
import { assumptionsFromSources, type BuildSettings } from "../../excel/workflow";
import { refreshAssumptions, type TypedField, withSheetInputs } from "../../workbook/assumptionEdits";
import type { Assumptions } from "../../workbook/assumptions";
import { previous903Sheets as sheetsOf903 } from "../../workbook/build";
import { recogniseSnapshot } from "../../workbook/pipeline";
import { readSheetInputs, type SheetInputs } from "../../workbook/sheetInputs";
import type { WorkbookSession } from "./useWorkbookSession";

const NOTHING_TYPED: readonly TypedField[] = [];

/**
 * What the sources give now, and the assumptions shown: those with what the user typed over them, and
 * over that what they left on the add-in's sheets in Excel (so the panel shows what the sheets hold).
 */
export function useShownAssumptions({ snapshot, options, edited, setEdited }: WorkbookSession) {
  const recognised = useMemo(() => (snapshot ? recogniseSnapshot(snapshot, options) : null), [snapshot, options]);
  const sheetInputs = useMemo(() => (snapshot ? readSheetInputs(snapshot) : null), [snapshot]);
  const typedDataEnd = edited?.typed.includes("careDataEnd") ? edited.assumptions.careDataEnd : undefined;
  const fromSources = useMemo(
    () => (recognised ? assumptionsFromSources(recognised, sheetInputs, typedDataEnd) : null),
    [recognised, sheetInputs, typedDataEnd],
  );
  /** The add-in's sheets as read when the user last typed in the panel: from then on, what they typed wins. */
  const [sheetsSeen, setSheetsSeen] = useState<SheetInputs | null>(null);
  const shown = useMemo(() => {
    if (!fromSources) return null;
    const assumptions = edited ? refreshAssumptions(edited.assumptions, edited.typed, fromSources) : fromSources;
    const typedSoFar = edited?.typed ?? NOTHING_TYPED;
    return sheetInputs
      ? withSheetInputs(assumptions, typedSoFar, sheetInputs, sheetsSeen)
      : { assumptions, typed: [...typedSoFar] };
  }, [fromSources, edited, sheetInputs, sheetsSeen]);
  const onAssumptionsChange = useCallback(
    (assumptions: Assumptions, typedNow: readonly TypedField[]) => {
      setEdited({ assumptions, typed: typedNow });
      setSheetsSeen(sheetInputs);
    },
    [setEdited, sheetInputs],
  );
  return {
    recognised,
    fromSources,
    shownAssumptions: shown?.assumptions ?? null,
    typed: shown?.typed ?? NOTHING_TYPED,
    sheetsSeen,
    onAssumptionsChange,
  };
}

export type ShownAssumptions = ReturnType<typeof useShownAssumptions>;

/** Which fields hold text that is not a valid value; the build waits until there are none. */
export function useValidity() {
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const onValidityChange = useCallback((field: string, valid: boolean) => {
    setInvalid((current) => {
      if (valid === !current.has(field)) return current;
      const next = new Set(current);
      if (valid) next.delete(field);
      else next.add(field);
      return next;
    });
  }, []);
  const blockedReason = invalid.size
    ? `${invalid.size} assumption${invalid.size > 1 ? "s are" : " is"} not valid yet: see step 2.`
    : null;
  return { valid: invalid.size === 0, blockedReason, onValidityChange };
}

/** The settings a build runs with (null while an assumption is not valid), and what the Build step offers. */
export function useBuildSettings(
  { snapshot, options, includeHidden }: WorkbookSession,
  { recognised, shownAssumptions, typed }: ShownAssumptions,
  valid: boolean,
) {
  const settings: BuildSettings | null = useMemo(
    () =>
      shownAssumptions && valid
        ? {
            version: 1,
            recogniseOptions: options,
            assumptions: shownAssumptions,
            typed: [...typed],
            ...(includeHidden ? { includeHidden } : {}),
          }
        : null,
    [shownAssumptions, valid, options, typed, includeHidden],
  );
  // The care and demand sheets of the last build, when no episodes sheet can refresh them: the Build step offers to remove them.
  const previous903Sheets = useMemo(
    () => (snapshot && recognised && !recognised.careHistory ? sheetsOf903(snapshot.existing).map((s) => s.name) : []),
    [snapshot, recognised],
  );
  return { settings, previous903Sheets };
}
