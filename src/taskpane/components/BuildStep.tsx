import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Link,
  makeStyles,
  ProgressBar,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useRef, useState } from "react";
import { BuildCancelled } from "../../excel/errors";
import type { WorkbookOperations } from "../../excel/operations";
import type { SheetInputs } from "../../workbook/sheetInputs";
import { runBuild, type BuildOutcome, type BuildProgress, type BuildSettings } from "../../excel/workflow";
import { ErrorBar } from "./ErrorBar";
import { Warnings } from "./Warnings";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

export interface BuildStepProps {
  operations: WorkbookOperations;
  /** Null while an assumption is invalid; `blockedReason` says which. */
  settings: BuildSettings | null;
  /** The add-in's sheets as read when the user last typed in the panel (null before): what was typed since wins over them. */
  sheetsSeen: SheetInputs | null;
  blockedReason: string | null;
  /** After a build: the panel reads the workbook again, so it holds what was written. */
  onBuilt: () => void;
  /**
   * The care and demand sheets of the last build, when this build has no 903 episodes to refresh them:
   * they are kept as they are unless the user chooses to remove them. Empty otherwise.
   */
  previous903Sheets?: readonly string[];
}

export function BuildStep(props: BuildStepProps) {
  const { operations, settings, blockedReason, previous903Sheets = [] } = props;
  const styles = useStyles();
  const { progress, outcome, error, setError, cancelled, drop903Sheets, setDrop903Sheets, running, start, cancel } =
    useBuildRun(props);
  return (
    <div className={styles.stack}>
      <Text>
        Builds the sufficiency sheets in this workbook. Sheets the add-in wrote before are replaced; your own sheets are
        never changed. If anything goes wrong, the workbook is left as it was.
      </Text>
      {blockedReason ? <Caption1 role="status">{blockedReason}</Caption1> : null}
      {previous903Sheets.length ? (
        <Checkbox
          checked={drop903Sheets}
          onChange={(_, data) => setDrop903Sheets(data.checked === true)}
          label={`Remove the care and demand sheets of the last build (${previous903Sheets.join(", ")}). The workbook has no 903 episodes to refresh them, so otherwise they are kept as they are, with what you typed on them.`}
        />
      ) : null}
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={!settings || running} onClick={() => void start()}>
          {outcome ? "Build again" : "Build workbook"}
        </Button>
        {running ? <Button onClick={cancel}>Cancel</Button> : null}
      </div>
      {progress && running ? (
        <Field label={`Progress: ${progress.label}`}>
          <ProgressBar value={progress.fraction} max={1} />
        </Field>
      ) : null}
      <div aria-live="polite">
        {running && progress ? <Caption1>{progress.label}…</Caption1> : null}
        {cancelled ? <Text>The build was cancelled; the workbook is as it was before.</Text> : null}
        {outcome ? <WhatWasWritten outcome={outcome} operations={operations} onError={setError} /> : null}
      </div>
      {error ? <ErrorBar error={error} title="The workbook was not built" /> : null}
    </div>
  );
}

/** A build's progress and its end: written, cancelled (the workbook as it was) or failed. */
function useBuildRun({ operations, settings, sheetsSeen, onBuilt, previous903Sheets = [] }: BuildStepProps) {
  const [progress, setProgress] = useState<BuildProgress | null>(null);
  const [outcome, setOutcome] = useState<BuildOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [cancelled, setCancelled] = useState(false);
  const [drop903Sheets, setDrop903Sheets] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const running = progress !== null && outcome === null && error === null && !cancelled;

  const start = async () => {
    if (!settings) return;
    controller.current = new AbortController();
    setOutcome(null);
    setError(null);
    setCancelled(false);
    setProgress({ stage: "reading", label: "Starting", fraction: 0 });
    try {
      const drop = drop903Sheets && previous903Sheets.length > 0;
      setOutcome(
        await runBuild(operations, settings, {
          onProgress: setProgress,
          signal: controller.current.signal,
          sheetsSeen,
          drop903Sheets: drop,
        }),
      );
      onBuilt();
    } catch (failure) {
      if (failure instanceof BuildCancelled) setCancelled(true);
      else setError(failure);
    }
  };
  const cancel = () => controller.current?.abort();
  return { progress, outcome, error, setError, cancelled, drop903Sheets, setDrop903Sheets, running, start, cancel };
}

/** The sheets written (each a link to it), what was replaced or kept, the totals and the build's warnings. */
function WhatWasWritten(props: {
  outcome: BuildOutcome;
  operations: WorkbookOperations;
  onError: (error: unknown) => void;
}) {
  const { outcome, operations, onError } = props;
  const styles = useStyles();
  const totals = outcome.plan.summary.totals;
  return (
    <section className={styles.stack} aria-label="What was written">
      <Subtitle2 as="h3">Done: {outcome.report.sheets.length} sheets written</Subtitle2>
      <ul className={styles.list}>
        {outcome.report.sheets.map((sheet) => (
          <li key={sheet.key}>
            <Link as="button" onClick={() => void operations.activateSheet(sheet.name).catch(onError)}>
              {sheet.name}
            </Link>
          </li>
        ))}
      </ul>
      {outcome.report.replaced.length ? (
        <Caption1>Replaced the previous build of: {outcome.report.replaced.join(", ")}.</Caption1>
      ) : null}
      {outcome.report.kept.length ? (
        <Caption1>Kept as they were (no 903 episodes to refresh them): {outcome.report.kept.join(", ")}.</Caption1>
      ) : null}
      {totals ? (
        <Caption1>
          Budget {totals.budget === null ? "not given" : pounds.format(totals.budget)}; actual to date{" "}
          {totals.actualToDate === null ? "not given" : pounds.format(totals.actualToDate)}; forecast outturn{" "}
          {totals.forecastOutturn === null ? "not given" : pounds.format(totals.forecastOutturn)}.
        </Caption1>
      ) : null}
      <Warnings warnings={outcome.warnings} label="Warnings from the build" />
    </section>
  );
}
