import {
  Caption1,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Title3,
  tokens,
  webLightTheme,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import type { WorkbookOperations } from "../excel/operations";
import { AssumptionsStep } from "./components/AssumptionsStep";
import { BuildStep } from "./components/BuildStep";
import { ErrorBar } from "./components/ErrorBar";
import { ImportStep } from "./components/ImportStep";
import { SourcesStep } from "./components/SourcesStep";
import { useBuildSettings, useShownAssumptions, useValidity } from "./hooks/useAssumptions";
import { useCouncils, type Councils } from "./hooks/useCouncils";
import { useWorkbookSession, type WorkbookSession } from "./hooks/useWorkbookSession";
import { onRibbonMessage, type RibbonMessage } from "./ribbonEvents";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minWidth: 0,
  },
  tabs: { flexWrap: "wrap" },
  header: { display: "flex", flexDirection: "column" },
});

type Step = "sources" | "assumptions" | "build" | "import";

const STEPS: { step: Step; label: string }[] = [
  { step: "sources", label: "1 Sources" },
  { step: "assumptions", label: "2 Assumptions" },
  { step: "build", label: "3 Build" },
  { step: "import", label: "4 Import 903" },
];

export interface AppProps {
  /** The workbook, or null when the page is not running inside Excel. */
  operations: WorkbookOperations | null;
}

export function App({ operations }: AppProps) {
  const [step, setStep] = useState<Step>("sources");
  const session = useWorkbookSession(operations);
  const ribbon = useRibbonMessages(operations, setStep);
  const councils = useCouncils(operations, session.snapshot);
  const shown = useShownAssumptions(session);
  const validity = useValidity();
  const build = useBuildSettings(session, shown, validity.valid);
  const panels = useStepPanels({ operations, session, shown, validity, build, councils });

  let body;
  if (!operations) body = <OutsideExcel />;
  else if (session.readError && !session.snapshot)
    body = <ErrorBar error={session.readError} title="The workbook could not be read" />;
  else if (!session.snapshot || !shown.recognised || !shown.fromSources || !shown.shownAssumptions)
    body = <Spinner label="Reading the workbook…" />;
  else body = <StepPanels step={step} panels={panels} />;

  return (
    <PaneFrame step={step} onStepChange={setStep}>
      {ribbonNotice(ribbon)}
      {session.readError && session.snapshot ? (
        <ErrorBar error={session.readError} title="The workbook could not be read again" />
      ) : null}
      {body}
    </PaneFrame>
  );
}

/** The last message from the ribbon's Build button; it opens the step that needs the user. */
function useRibbonMessages(operations: WorkbookOperations | null, setStep: (step: Step) => void) {
  const [ribbon, setRibbon] = useState<RibbonMessage | null>(null);
  useEffect(() => {
    if (!operations) return;
    return onRibbonMessage((message) => {
      setRibbon(message);
      if (message.kind === "firstBuild") setStep("sources");
      if (message.kind === "failed") setStep("build");
    });
  }, [operations, setStep]);
  return ribbon;
}

function ribbonNotice(message: RibbonMessage | null) {
  if (!message || message.kind === "built") return null;
  if (message.kind === "firstBuild") {
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          This workbook has not been built yet: check the sources and assumptions, then build from step 3. Next time the
          ribbon button rebuilds with the same settings.
        </MessageBarBody>
      </MessageBar>
    );
  }
  return <ErrorBar error={message.error} title="Build workbook (from the ribbon) did not finish" />;
}

function OutsideExcel() {
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        This panel works inside Excel. Open it from the Sufficiency tab of the ribbon in Excel.
      </MessageBarBody>
    </MessageBar>
  );
}

/** The title and the tabs of the four steps, above what the pane shows. */
function PaneFrame({
  step,
  onStepChange,
  children,
}: {
  step: Step;
  onStepChange: (step: Step) => void;
  children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.root}>
        <header className={styles.header}>
          <Title3 as="h1">LAC Sufficiency</Title3>
          <Caption1>Placement sufficiency workbook for looked-after children</Caption1>
        </header>
        <TabList
          className={styles.tabs}
          selectedValue={step}
          onTabSelect={(_, data) => onStepChange(data.value as Step)}
          aria-label="Steps"
          size="small"
        >
          {STEPS.map((s) => (
            <Tab key={s.step} value={s.step} id={`tab-${s.step}`} aria-controls={`panel-${s.step}`}>
              {s.label}
            </Tab>
          ))}
        </TabList>
        {children}
      </main>
    </FluentProvider>
  );
}

/** Every step stays mounted, the others hidden, so text typed in one is still there, with its reason, on coming back. */
function StepPanels({ step, panels }: { step: Step; panels: Record<Step, ReactNode> }) {
  return STEPS.map((s) => (
    <div key={s.step} role="tabpanel" id={`panel-${s.step}`} aria-labelledby={`tab-${s.step}`} hidden={s.step !== step}>
      {panels[s.step]}
    </div>
  ));
}

/** Each step's content, made again only when its own inputs change, so typing in one does not redraw all. */
function useStepPanels({
  operations,
  session,
  shown,
  validity,
  build,
  councils,
}: {
  operations: WorkbookOperations | null;
  session: WorkbookSession;
  shown: ReturnType<typeof useShownAssumptions>;
  validity: ReturnType<typeof useValidity>;
  build: ReturnType<typeof useBuildSettings>;
  councils: Councils;
}): Record<Step, ReactNode> {
  const { snapshot, options, setOptions, onReread, includeHidden, onIncludeHiddenChange } = session;
  const { recognised, shownAssumptions, fromSources, typed, onAssumptionsChange, sheetsSeen } = shown;
  const { onValidityChange, blockedReason } = validity;
  const { settings, previous903Sheets } = build;
  const sources = useMemo(
    () =>
      snapshot &&
      recognised && (
        <SourcesStep
          snapshot={snapshot}
          recognition={recognised.recognition}
          careHistory={recognised.careHistory}
          options={options}
          onOptionsChange={setOptions}
          onReread={onReread}
          includeHidden={includeHidden}
          onIncludeHiddenChange={onIncludeHiddenChange}
        />
      ),
    [snapshot, recognised, options, setOptions, onReread, includeHidden, onIncludeHiddenChange],
  );
  const assumptions = useMemo(
    () =>
      shownAssumptions &&
      fromSources && (
        <AssumptionsStep
          assumptions={shownAssumptions}
          fromSources={fromSources}
          typed={typed}
          onChange={onAssumptionsChange}
          onValidityChange={onValidityChange}
          councils={councils}
        />
      ),
    [shownAssumptions, fromSources, typed, onAssumptionsChange, onValidityChange, councils],
  );
  const buildPanel = useMemo(
    () =>
      operations && (
        <BuildStep
          operations={operations}
          settings={settings}
          sheetsSeen={sheetsSeen}
          blockedReason={blockedReason}
          onBuilt={onReread}
          previous903Sheets={previous903Sheets}
        />
      ),
    [operations, settings, sheetsSeen, blockedReason, onReread, previous903Sheets],
  );
  const importPanel = useMemo(
    () => operations && <ImportStep operations={operations} onLoaded={onReread} />,
    [operations, onReread],
  );
  return { sources, assumptions, build: buildPanel, import: importPanel };
}
