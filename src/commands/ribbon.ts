/**
 * What the ribbon's "Build workbook" does: rebuild with the settings saved by the last build, or, the
 * first time, open the panel so the user can check sources and assumptions. A failure opens the panel
 * with the error in words; nothing is swallowed.
 */
import type { WorkbookOperations } from "../excel/operations";
import { publishRibbonMessage } from "../taskpane/ribbonEvents";
import { isBuildSettings, runBuild } from "../excel/workflow";

export type RibbonBuildResult = "built" | "openedForFirstBuild" | "failed";

export async function buildFromRibbon(
  operations: WorkbookOperations,
  showPanel: () => Promise<void>,
): Promise<RibbonBuildResult> {
  try {
    const saved = await operations.loadSettings();
    if (!isBuildSettings(saved)) {
      publishRibbonMessage({ kind: "firstBuild" });
      await showPanel();
      return "openedForFirstBuild";
    }
    const outcome = await runBuild(operations, saved);
    publishRibbonMessage({ kind: "built", sheets: outcome.report.sheets.map((s) => s.name) });
    return "built";
  } catch (error) {
    publishRibbonMessage({ kind: "failed", error });
    await showPanel();
    return "failed";
  }
}
