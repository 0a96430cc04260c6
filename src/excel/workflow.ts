/**
 * One build in Excel, as the task pane and the ribbon's "Build workbook" both run it: read the workbook,
 * recognise the sources with the user's choices, take the assumptions the sources give afresh, what
 * the user typed over them and what they left on the add-in's own sheets in Excel, describe the
 * sufficiency workbook (workbook/pipeline.ts, as the command line does), write it, and keep the choices
 * in the document so the ribbon can rebuild with them next month. The workbook is reached only through
 * the operations handed in.
 */
import type { ApplyProgress, ApplyReport } from "./apply";
import { APPLY_STAGE_LABELS } from "./apply";
import { ExcelActionError } from "./errors";
import type { WorkbookOperations } from "./operations";
import type { Recognition, RecogniseOptions } from "../sources/recognise";
import type { Assumptions, Sourced } from "../workbook/assumptions";
import { defaultAssumptions } from "../workbook/build";
import { planWorkbook, recogniseSnapshot, type RecognisedSources, scenarioKeptOn } from "../workbook/pipeline";
import type { WorkbookPlan } from "../workbook/plan";
import type { Diagnostic } from "../core/diagnostics";
import { careDataEndFor, readSheetInputs, type SheetInputs } from "../workbook/sheetInputs";
import { loadBenchmarks } from "../functions/benchmarkData";
import { type CouncilBenchmarks, resolveCouncil } from "../workbook/published";
import { withPublishedPopulation } from "../workbook/publishedPopulation";
import {
  refreshAssumptions,
  TYPED_FIELDS,
  TYPED_IN_PANEL,
  type TypedField,
  withSheetInputs,
} from "../workbook/assumptionEdits";

/** What "Build workbook" on the ribbon rebuilds with; saved in the workbook after each build. */
export interface BuildSettings {
  version: 1;
  recogniseOptions: RecogniseOptions;
  /** As last built. What the sources decide is read from them again at each build, unless in `typed`. */
  assumptions: Assumptions;
  /** What the user typed over the sources; absent in settings saved before the panel kept this list. */
  typed?: TypedField[];
  /** Read the user's hidden sheets too (the Sources step's "Read hidden sheets"); absent means no. */
  includeHidden?: boolean;
}

export function isBuildSettings(value: unknown): value is BuildSettings {
  if (typeof value !== "object" || value === null) return false;
  const settings = value as Partial<BuildSettings>;
  const typedOk =
    settings.typed === undefined ||
    (Array.isArray(settings.typed) &&
      settings.typed.every((field) => (TYPED_FIELDS as readonly unknown[]).includes(field)));
  const hiddenOk = settings.includeHidden === undefined || typeof settings.includeHidden === "boolean";
  return (
    settings.version === 1 &&
    typeof settings.recogniseOptions === "object" &&
    typeof settings.assumptions === "object" &&
    settings.assumptions !== null &&
    typedOk &&
    hiddenOk
  );
}

/**
 * What the user typed, by saved settings. Settings from before the list was kept count every field the
 * panel edits as typed (as those builds did), except a count history the panel did not type.
 */
export function typedFields(settings: BuildSettings): TypedField[] {
  if (settings.typed) return settings.typed;
  const fields: TypedField[] = ["projectionTargetDate", "upliftRates"];
  return settings.assumptions.lacHistory.source.startsWith(TYPED_IN_PANEL) ? ["lacHistory", ...fields] : fields;
}

/**
 * The assumptions the sources give as they are now: a count history sheet's points, the period, the
 * budget's lines, and with 903 data their end (careDataEndFor: the one typed in the panel, else a date
 * the user typed on the Assumptions sheet, else the 31 March of the latest return's year), which the
 * 903 counts of children depend on.
 */
export function assumptionsFromSources(
  { recognition, careHistory }: RecognisedSources,
  sheets: SheetInputs | null = null,
  typedDataEnd?: Sourced<number | null>,
): Assumptions {
  if (!careHistory) return defaultAssumptions(recognition);
  return defaultAssumptions(recognition, {
    careHistory,
    careDataEnd: careDataEndFor(careHistory, sheets, typedDataEnd),
  });
}

export type BuildStage = "reading" | "recognising" | "planning" | ApplyProgress["stage"] | "saving";

export const BUILD_STAGES: { stage: BuildStage; label: string }[] = [
  { stage: "reading", label: "Reading the workbook" },
  { stage: "recognising", label: "Recognising the sources" },
  { stage: "planning", label: "Describing the sufficiency sheets" },
  { stage: "checking", label: APPLY_STAGE_LABELS.checking },
  { stage: "writing", label: APPLY_STAGE_LABELS.writing },
  { stage: "finishing", label: APPLY_STAGE_LABELS.finishing },
  { stage: "saving", label: "Saving the settings in the workbook" },
];

export interface BuildProgress {
  stage: BuildStage;
  label: string;
  /** 0..1 over the whole build. */
  fraction: number;
}

export interface BuildOutcome {
  plan: WorkbookPlan;
  report: ApplyReport;
  recognition: Recognition;
  /** The settings built with and saved: the assumptions as refreshed from the sources. */
  settings: BuildSettings;
  /** Everything the user should read: recognition, plan and how it was written. */
  warnings: Diagnostic[];
}

function distinctWarnings(warnings: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.severity}|${w.message}|${w.where ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The published data of the council the assumptions name, read from the add-in's folder. A council the
 * data does not know, or data that could not be read, builds without published figures and says why.
 */
async function chosenCouncil(
  assumptions: Assumptions,
): Promise<{ benchmarks: CouncilBenchmarks | null; warnings: Diagnostic[] }> {
  const text = assumptions.council?.value ?? null;
  if (text === null || text.trim() === "") return { benchmarks: null, warnings: [] };
  try {
    const index = await loadBenchmarks();
    return {
      benchmarks: {
        index,
        council: resolveCouncil(index, text, `Council (${assumptions.council?.source ?? "Assumptions"})`),
      },
      warnings: [],
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      benchmarks: null,
      warnings: [
        {
          severity: "warning",
          message: `No published figures were set beside yours: ${reason}`,
          where: "Council on the Assumptions sheet",
        },
      ],
    };
  }
}

export async function runBuild(
  operations: WorkbookOperations,
  settings: BuildSettings,
  options: {
    onProgress?: (progress: BuildProgress) => void;
    signal?: AbortSignal;
    /** The add-in's sheets as the panel read them when the user last typed in it (see withSheetInputs); none from the ribbon. */
    sheetsSeen?: SheetInputs | null;
    /** Without 903 episodes, remove the care and demand sheets of the last build rather than keep them (the panel's choice). */
    drop903Sheets?: boolean;
  } = {},
): Promise<BuildOutcome> {
  const signal = options.signal ?? new AbortController().signal;
  const report = (stage: BuildStage, within = 0) => {
    const index = BUILD_STAGES.findIndex((s) => s.stage === stage);
    const step = index >= 0 ? index : BUILD_STAGES.length - 1;
    const label = stage === "restoring" ? APPLY_STAGE_LABELS.restoring : BUILD_STAGES[step].label;
    options.onProgress?.({ stage, label, fraction: (step + within) / BUILD_STAGES.length });
  };
  report("reading");
  const snapshot = await operations.readWorkbook({ includeHidden: settings.includeHidden === true });
  report("recognising");
  await Promise.resolve();
  const recognised = recogniseSnapshot(snapshot, settings.recogniseOptions);
  const { recognition, careHistory } = recognised;
  report("planning");
  const typed = typedFields(settings);
  // The sources afresh, what was typed over them, then what the user left on the add-in's sheets in Excel.
  const sheetInputs = readSheetInputs(snapshot);
  const typedDataEnd = typed.includes("careDataEnd") ? settings.assumptions.careDataEnd : undefined;
  const fresh = assumptionsFromSources(recognised, sheetInputs, typedDataEnd);
  const kept = withSheetInputs(
    refreshAssumptions(settings.assumptions, typed, fresh),
    typed,
    sheetInputs,
    options.sheetsSeen ?? null,
  );
  const council = await chosenCouncil(kept.assumptions);
  // The council's published population fills only the years nobody typed; it is not kept in the settings.
  const assumptions = council.benchmarks
    ? withPublishedPopulation(kept.assumptions, council.benchmarks.index, council.benchmarks.council)
    : { assumptions: kept.assumptions, warnings: [] };
  const used: BuildSettings = { ...settings, assumptions: kept.assumptions, typed: kept.typed };
  const { plan, refusal } = planWorkbook({
    snapshot,
    recognition,
    careHistory,
    assumptions: assumptions.assumptions,
    sheetInputs,
    scenario: careHistory ? scenarioKeptOn(snapshot) : null,
    previous903Sheets: options.drop903Sheets ? "drop" : "keep",
    benchmarks: council.benchmarks,
    warnings: [...council.warnings, ...assumptions.warnings, ...kept.warnings],
  });
  if (refusal) throw new ExcelActionError("describing the sufficiency sheets", refusal.message, refusal.whatToDo, null);
  const applied = await operations.applyPlan(plan, (p) => report(p.stage, p.total ? p.done / p.total : 0), signal);
  report("saving");
  await operations.saveSettings(used);
  options.onProgress?.({ stage: "saving", label: "Done", fraction: 1 });
  return {
    plan,
    report: applied,
    recognition,
    settings: used,
    warnings: distinctWarnings([...snapshot.warnings, ...plan.warnings, ...applied.notes]),
  };
}
