import { useCallback, useEffect, useState } from "react";
import type { WorkbookOperations } from "../../excel/operations";
import type { WorkbookSnapshot } from "../../excel/read";
import { isBuildSettings, typedFields } from "../../excel/workflow";
import type { RecogniseOptions } from "../../sources/recognise";
import type { TypedField } from "../../workbook/assumptionEdits";
import type { Assumptions } from "../../workbook/assumptions";

/** The assumptions as last changed or saved, and which of them the user typed over the sources. */
export interface EditedAssumptions {
  assumptions: Assumptions;
  typed: readonly TypedField[];
}

export interface WorkbookSession {
  snapshot: WorkbookSnapshot | null;
  readError: unknown;
  options: RecogniseOptions;
  setOptions: (options: RecogniseOptions) => void;
  edited: EditedAssumptions | null;
  setEdited: (edited: EditedAssumptions) => void;
  /** Read the user's hidden sheets too; kept in the build settings so the ribbon rebuilds the same way. */
  includeHidden: boolean;
  onReread: () => void;
  onIncludeHiddenChange: (includeHidden: boolean) => void;
}

/**
 * The workbook as last read, and the choices that shape reading it: on opening, the settings the last
 * build saved in the workbook are taken up first, then the workbook is read with them.
 */
export function useWorkbookSession(operations: WorkbookOperations | null): WorkbookSession {
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot | null>(null);
  const [readError, setReadError] = useState<unknown>(null);
  const [options, setOptions] = useState<RecogniseOptions>({});
  const [edited, setEdited] = useState<EditedAssumptions | null>(null);
  const [includeHidden, setIncludeHidden] = useState(false);

  const read = useCallback(
    async (withHidden: boolean) => {
      if (!operations) return;
      setReadError(null);
      try {
        setSnapshot(await operations.readWorkbook({ includeHidden: withHidden }));
      } catch (error) {
        setReadError(error);
      }
    },
    [operations],
  );

  useEffect(() => {
    if (!operations) return;
    void (async () => {
      let savedHidden = false;
      try {
        const saved = await operations.loadSettings();
        if (isBuildSettings(saved)) {
          setOptions(saved.recogniseOptions);
          setEdited({ assumptions: saved.assumptions, typed: typedFields(saved) });
          savedHidden = saved.includeHidden === true;
          setIncludeHidden(savedHidden);
        }
      } catch (error) {
        setReadError(error);
      }
      await read(savedHidden);
    })();
  }, [operations, read]);

  const onReread = useCallback(() => void read(includeHidden), [read, includeHidden]);
  const onIncludeHiddenChange = useCallback(
    (value: boolean) => {
      setIncludeHidden(value);
      void read(value);
    },
    [read],
  );
  return {
    snapshot,
    readError,
    options,
    setOptions,
    edited,
    setEdited,
    includeHidden,
    onReread,
    onIncludeHiddenChange,
  };
}
