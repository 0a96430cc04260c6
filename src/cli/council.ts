/**
 * The council a command-line build compares: `--la`, else the one kept on the Assumptions sheet of a
 * built workbook. Its published population aged 0-17 becomes the default of each year. With neither,
 * a council named in a sheet's title is proposed in the output, never chosen.
 */
import { isLacError } from "../core/errors";
import type { SheetGrid } from "../core/grid";
import type { Assumptions, Sourced } from "../workbook/assumptions";
import type { Diagnostic } from "../core/diagnostics";
import { type CouncilBenchmarks, proposeCouncil, resolveCouncil } from "../workbook/published";
import { withPublishedPopulation } from "../workbook/publishedPopulation";
import type { SheetInputs } from "../workbook/sheetInputs";
import { readBenchmarkFile } from "./benchmarkFile";
import { CliError, EXIT } from "../xlsx/errors";

export interface CouncilChoice {
  /** Null when no council was chosen. */
  benchmarks: CouncilBenchmarks | null;
  /** What the Assumptions sheet keeps. */
  council: Sourced<string | null>;
  /** The defaults with the council's published population. */
  assumptions: Assumptions;
  warnings: Diagnostic[];
}

/** The council of `--la`, else the sheet's; the defaults with its population; or a proposal from a title. */
export function chooseCouncil(
  la: string | undefined,
  sheetInputs: SheetInputs,
  defaults: Assumptions,
  grids: readonly SheetGrid[],
): CouncilChoice {
  const kept = sheetInputs.assumptions?.council;
  const text = la ?? kept?.value ?? null;
  if (text === null) {
    const index = readBenchmarkFile();
    const proposed = proposeCouncil(index, grids);
    const warnings: Diagnostic[] = proposed
      ? [
          {
            severity: "info",
            message: `Is this ${proposed.council.name}? The title "${proposed.title}" names ${proposed.council.name} (${proposed.council.code}). Build with --la "${proposed.council.name}" to set its published figures beside yours; nothing was chosen.`,
            where: proposed.where,
          },
        ]
      : [];
    return { benchmarks: null, council: { value: null, source: "not chosen" }, assumptions: defaults, warnings };
  }
  const index = readBenchmarkFile();
  const where = la !== undefined ? "--la" : `the Council on sheet '${sheetInputs.assumptions?.sheet ?? "Assumptions"}'`;
  let council;
  try {
    council = resolveCouncil(index, text, where);
  } catch (error) {
    if (isLacError(error)) throw new CliError(error.message, la !== undefined ? EXIT.usage : EXIT.badInput);
    throw error;
  }
  const from = la !== undefined ? `--la ${la}` : `kept from sheet '${sheetInputs.assumptions?.sheet ?? "Assumptions"}'`;
  const source = `${from}: ${council.code}${council.old ? `, LA ${council.old}` : ""}`;
  const published = withPublishedPopulation({ ...defaults, council: { value: council.name, source } }, index, council);
  return {
    benchmarks: { index, council },
    council: { value: council.name, source },
    assumptions: published.assumptions,
    warnings: published.warnings,
  };
}
