/**
 * `lac-sufficiency`: the command line's arguments. Only wiring: the work is in commands.ts.
 */
import { Command, CommanderError } from "commander";
import { CliError, EXIT } from "../xlsx/errors";
import { DEMO_OUTPUT, type Output, parsePeriodOption, processOutput, runBuild, runCommand, runDemo } from "./commands";
import { runInspect } from "./inspect";

export function makeProgram(io: Output, setExitCode: (code: number) => void): Command {
  const program = new Command("lac-sufficiency")
    .description(
      "Builds the sufficiency workbook (spend, unit costs, needs and cost projections) beside a council's budget monitoring sheets.",
    )
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text.trimEnd()) })
    .showHelpAfterError("(run lac-sufficiency --help for the commands and options)");

  addBuildCommand(program, io, setExitCode);
  addInspectCommand(program, io, setExitCode);
  addDemoCommand(program, io, setExitCode);
  return program;
}

/** `build INPUT -o OUTPUT`: its options, each with the help text a user sees, and the build it runs. */
function addBuildCommand(program: Command, io: Output, setExitCode: (code: number) => void): void {
  program
    .command("build")
    .description(
      "read INPUT.xlsx, recognise its budget monitoring sheets and write OUTPUT.xlsx = INPUT's sheets unchanged plus the sufficiency sheets",
    )
    .argument("<input>", "the budget monitoring workbook (.xlsx)")
    .requiredOption("-o, --output <file>", "the workbook to write (never the input)")
    .option("--period <period>", "the budget monitoring period when the sheets do not say, e.g. P10 (P1 = April)")
    .option(
      "--assumptions <file>",
      "a JSON file of assumptions: population, counts of children over time, projected count, current cost, uplift lines. When INPUT was built before, what its Assumptions, In care, Starters and leavers and Stability sheets hold is kept; a key of this file replaces it",
    )
    .option(
      "--summary-json <file>",
      "also write the headline figures as JSON (period, units, categories, totals, warnings)",
    )
    .option(
      "--episodes <files...>",
      "SSDA903 Episodes files (CSV, one per annual return): adds the demand forecast sheets",
    )
    .option("--header <files...>", "SSDA903 Header files (CSV), paired in order with the Episodes files")
    .option(
      "--scenario <file>",
      "a demand scenario (JSON) to compare with the forecast; default: the workbook's own Scenarios sheet",
    )
    .option("--sheets <names...>", "read only these of INPUT's sheets (hidden ones too); default: every visible sheet")
    .option("--include-hidden", "also read INPUT's hidden sheets (by default they are listed but not read)")
    .option(
      "--903-to <date>",
      "the date the SSDA903 data run to (dd/mm/yyyy or yyyy-mm-dd); default: 31 March of the latest return's year, or the date on the Assumptions sheet",
    )
    .option(
      "--drop-903-sheets",
      "without --episodes, remove the care and demand sheets of the last build instead of keeping them as they are",
    )
    .option(
      "--strict",
      "write nothing and exit 1 while any question is open (what a line is, the period, the units), for scheduled runs",
    )
    .option(
      "--la <council>",
      "your council, by name, E-code or 3-digit LA number (Sefton, E08000014, 343): sets its published figures beside yours (Benchmarks sheet, comparator rows) and fills the population aged 0-17 of each year; kept in the workbook for the next build",
    )
    .exitOverride()
    .action(
      async (
        input: string,
        options: {
          output: string;
          period?: string;
          assumptions?: string;
          summaryJson?: string;
          episodes?: string[];
          header?: string[];
          scenario?: string;
          sheets?: string[];
          includeHidden?: boolean;
          "903To"?: string;
          drop903Sheets?: boolean;
          strict?: boolean;
          la?: string;
        },
      ) => {
        const { "903To": dataEnd903, ...rest } = options;
        setExitCode(await runBuild({ input, ...rest, ...(dataEnd903 !== undefined ? { dataEnd903 } : {}) }, io));
      },
    );
}

/** `inspect INPUT`: what a build would read, written nowhere; exit 1 when nothing is recognised. */
function addInspectCommand(program: Command, io: Output, setExitCode: (code: number) => void): void {
  program
    .command("inspect")
    .description(
      "show what a build would read from INPUT.xlsx (tables, columns, every line's outcome and amounts, questions), writing nothing",
    )
    .argument("<input>", "the budget monitoring workbook (.xlsx)")
    .option("--json", "print one JSON document (its shape is in docs/cli.md)")
    .option("--period <period>", "the budget monitoring period when the sheets do not say, e.g. P10")
    .option("--assumptions <file>", 'an assumptions file whose "lineCategories" answer questions about lines')
    .exitOverride()
    .action(async (input: string, options: { json?: boolean; period?: string; assumptions?: string }) => {
      setExitCode(
        await runCommand(io, async () => {
          const period = options.period === undefined ? undefined : parsePeriodOption(options.period);
          const code = await runInspect(input, { json: options.json, assumptions: options.assumptions, period }, io);
          if (code !== EXIT.built)
            throw new CliError(
              `Nothing in '${input}' was recognised: no budget table, placement list, count history or SSDA903 episodes.`,
            );
        }),
      );
    });
}

/** `demo`: builds the sample workbook in examples/ and prints its summary. */
function addDemoCommand(program: Command, io: Output, setExitCode: (code: number) => void): void {
  program
    .command("demo")
    .description("build the sample P10 workbook in examples/ and print a summary of what was recognised and calculated")
    .option("-o, --output <file>", "where to write the demo workbook", DEMO_OUTPUT)
    .option("--summary-json <file>", "also write the headline figures as JSON")
    .exitOverride()
    .action(async (options: { output: string; summaryJson?: string }) => {
      setExitCode(await runDemo(options, io));
    });
}

/** Runs the command line on arguments (without "node" and the script) and returns the exit code. */
export async function main(args: string[], io: Output = processOutput): Promise<number> {
  let exitCode: number = EXIT.built;
  const program = makeProgram(io, (code) => (exitCode = code));
  if (args.length === 0) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    await program.parseAsync(args, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? EXIT.built : EXIT.usage;
    }
    throw error;
  }
  return exitCode;
}
