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
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import type { BenchmarkIndex } from "../core/benchmarks";
import type { WorkbookOperations } from "../excel/operations";
import { loadBenchmarks } from "../functions/benchmarkData";
import { currentCouncils, proposeCouncil } from "../workbook/published";
import type { WorkbookSnapshot } from "../excel/read";
import type { RecogniseOptions } from "../sources/recognise";
import type { Assumptions } from "../workbook/assumptions";
import { previous903Sheets as sheetsOf903 } from "../workbook/build";
import { readSheetInputs, type SheetInputs } from "../workbook/sheetInputs";
import { refreshAssumptions, type TypedField, withSheetInputs } from "../workbook/assumptionEdits";
import { AssumptionsStep } from "./components/AssumptionsStep";
import { BuildStep } from "./components/BuildStep";
import { ErrorBar } from "./components/ErrorBar";
import { ImportStep } from "./components/ImportStep";
import { SourcesStep } from "./components/SourcesStep";
import { onRibbonMessage, type RibbonMessage } from "./ribbonEvents";
import { assumptionsFromSources, isBuildSettings, typedFields, type BuildSettings } from "../excel/workflow";
import { recogniseSnapshot } from "../workbook/pipeline";

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

const NOTHING_TYPED: readonly TypedField[] = [];

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

export function App({ operations }: AppProps) {
  const styles = useStyles();
  const [step, setStep] = useState<Step>("sources");
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot | null>(null);
  const [readError, setReadError] = useState<unknown>(null);
  const [options, setOptions] = useState<RecogniseOptions>({});
  /** The assumptions as last changed or saved, and which of them the user typed over the sources. */
  const [edited, setEdited] = useState<{ assumptions: Assumptions; typed: readonly TypedField[] } | null>(null);
  const [invalid, setInvalid] = useState<Set<string>>(new Set());
  const [ribbon, setRibbon] = useState<RibbonMessage | null>(null);
  /** Read the user's hidden sheets too; kept in the build settings so the ribbon rebuilds the same way. */
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
    return onRibbonMessage((message) => {
      setRibbon(message);
      if (message.kind === "firstBuild") setStep("sources");
      if (message.kind === "failed") setStep("build");
    });
  }, [operations, read]);

  // The published data, for the list of councils and a council a title names: read once, from the add-in's own folder.
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
  const councils = useMemo(
    () => ({ councils: councilList, loadError: benchmarks.error, proposal }),
    [councilList, benchmarks.error, proposal],
  );

  const recognised = useMemo(() => (snapshot ? recogniseSnapshot(snapshot, options) : null), [snapshot, options]);
  // What the sources give now, and the assumptions shown: those with what the user typed over them, and
  // over that what they left on the add-in's sheets in Excel (so the panel shows what the sheets hold).
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
  const shownAssumptions = shown?.assumptions ?? null;
  const typed = shown?.typed ?? NOTHING_TYPED;
  const valid = invalid.size === 0;
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
  const blockedReason = invalid.size
    ? `${invalid.size} assumption${invalid.size > 1 ? "s are" : " is"} not valid yet: see step 2.`
    : null;

  const onValidityChange = useCallback((field: string, valid: boolean) => {
    setInvalid((current) => {
      if (valid === !current.has(field)) return current;
      const next = new Set(current);
      if (valid) next.delete(field);
      else next.add(field);
      return next;
    });
  }, []);
  const onReread = useCallback(() => void read(includeHidden), [read, includeHidden]);
  const onIncludeHiddenChange = useCallback(
    (value: boolean) => {
      setIncludeHidden(value);
      void read(value);
    },
    [read],
  );
  const onAssumptionsChange = useCallback(
    (assumptions: Assumptions, typedNow: readonly TypedField[]) => {
      setEdited({ assumptions, typed: typedNow });
      setSheetsSeen(sheetInputs);
    },
    [sheetInputs],
  );

  // Every step stays mounted (the others hidden), so text typed in one is still there, with its reason, on
  // coming back; each is made again only when its own inputs change, so typing in one does not redraw all.
  const sourcesPanel = useMemo(
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
    [snapshot, recognised, options, onReread, includeHidden, onIncludeHiddenChange],
  );
  const assumptionsPanel = useMemo(
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

  let body;
  if (!operations) {
    body = (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          This panel works inside Excel. Open it from the Sufficiency tab of the ribbon in Excel.
        </MessageBarBody>
      </MessageBar>
    );
  } else if (readError && !snapshot) {
    body = <ErrorBar error={readError} title="The workbook could not be read" />;
  } else if (!snapshot || !recognised || !fromSources || !shownAssumptions) {
    body = <Spinner label="Reading the workbook…" />;
  } else {
    const panels: Record<Step, ReactNode> = {
      sources: sourcesPanel,
      assumptions: assumptionsPanel,
      build: buildPanel,
      import: importPanel,
    };
    body = STEPS.map((s) => (
      <div
        key={s.step}
        role="tabpanel"
        id={`panel-${s.step}`}
        aria-labelledby={`tab-${s.step}`}
        hidden={s.step !== step}
      >
        {panels[s.step]}
      </div>
    ));
  }

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
          onTabSelect={(_, data) => setStep(data.value as Step)}
          aria-label="Steps"
          size="small"
        >
          {STEPS.map((s) => (
            <Tab key={s.step} value={s.step} id={`tab-${s.step}`} aria-controls={`panel-${s.step}`}>
              {s.label}
            </Tab>
          ))}
        </TabList>
        {ribbonNotice(ribbon)}
        {readError && snapshot ? <ErrorBar error={readError} title="The workbook could not be read again" /> : null}
        {body}
      </main>
    </FluentProvider>
  );
}
