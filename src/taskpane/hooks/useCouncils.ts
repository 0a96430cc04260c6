import { useEffect, useMemo, useState } from "react";
import type { BenchmarkIndex } from "../../core/benchmarks";
import type { WorkbookOperations } from "../../excel/operations";
import type { WorkbookSnapshot } from "../../excel/read";
import { loadBenchmarks } from "../../functions/benchmarkData";
import { currentCouncils, proposeCouncil } from "../../workbook/published";
import type { CouncilPickerProps } from "../components/CouncilPicker";

export type Councils = Pick<CouncilPickerProps, "councils" | "loadError" | "proposal">;

/**
 * The list of councils and the council a title names, from the published data: read once, from the
 * add-in's own folder, and only inside Excel.
 */
export function useCouncils(operations: WorkbookOperations | null, snapshot: WorkbookSnapshot | null): Councils {
  const [benchmarks, setBenchmarks] = useState<{ index: BenchmarkIndex | null; error: string | null }>({
    index: null,
    error: null,
  });
  useEffect(() => {
    if (!operations) return;
    let live = true;
    loadBenchmarks().then(
      (index) => live && setBenchmarks({ index, error: null }),
      (error: unknown) =>
        live && setBenchmarks({ index: null, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [operations]);
  const councilList = useMemo(() => (benchmarks.index ? currentCouncils(benchmarks.index) : null), [benchmarks.index]);
  const proposal = useMemo(
    () => (benchmarks.index && snapshot ? proposeCouncil(benchmarks.index, snapshot.grids) : null),
    [benchmarks.index, snapshot],
  );
  return useMemo(
    () => ({ councils: councilList, loadError: benchmarks.error, proposal }),
    [councilList, benchmarks.error, proposal],
  );
}
