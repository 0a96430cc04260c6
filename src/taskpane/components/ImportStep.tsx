import {
  Button,
  Caption1,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
  tokens,
} from "@fluentui/react-components";
import { useId, useMemo, useState } from "react";
import type { DataTable, ImportResult } from "../../excel/dataSheet";
import type { WorkbookOperations } from "../../excel/operations";
import {
  CARE_HISTORY_COLUMNS,
  CARE_HISTORY_DATE_COLUMNS,
  careHistoryRows,
  readEpisodesCsv,
  readHeaderCsv,
  stitchReturns,
  type EpisodeRows,
  type HeaderRows,
} from "../../sources/ssda903";
import type { CareHistory } from "../../core/careHistory";
import { decodeCsvBytes } from "../../sources/csv";
import { countOf } from "../careHistoryFacts";
import { CareHistoryDetails } from "./CareHistoryDetails";
import { ErrorBar } from "./ErrorBar";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  file: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    overflowWrap: "anywhere",
    "& h3": { margin: 0 },
  },
});

/** The sheet a first import writes; later ones take a free name unless the user replaces the last one. */
export const IMPORT_SHEET_NAME = "903 Episodes";
const DATE_FORMAT = "dd/mm/yyyy";
/** Wide enough for dd/mm/yyyy in the default font, so Excel shows the date rather than ####. */
const DATE_COLUMN_CHARACTERS = 11;

/** The stitched history as the sheet holds it: dates as real dates, shown dd/mm/yyyy. */
export function importTable(history: CareHistory): DataTable {
  const dateColumns = CARE_HISTORY_DATE_COLUMNS.map((column) => CARE_HISTORY_COLUMNS.indexOf(column));
  return {
    rows: careHistoryRows(history),
    columnFormats: Object.fromEntries(dateColumns.map((col) => [col, DATE_FORMAT])),
    columnWidths: Object.fromEntries(dateColumns.map((col) => [col, DATE_COLUMN_CHARACTERS])),
  };
}

type Chosen = { kind: "episodes"; rows: EpisodeRows } | { kind: "header"; rows: HeaderRows };

function fileSummary(file: Chosen): string {
  const problems = countOf(file.rows.issues.length, "row");
  // How the file's dates were read, when not as the DfE's dd/mm/yyyy.
  const notes = (file.rows.notes ?? []).map((note) => ` ${note}`).join("");
  if (file.kind === "header")
    return `Header: ${countOf(file.rows.child.length, "child", "children")}; ${problems} with problems.${notes}`;
  return `Episodes: ${countOf(file.rows.episodes.length, "episode")} of ${countOf(new Set(file.rows.child).size, "child", "children")}; ${problems} with problems.${notes}`;
}

async function readFile(file: File, kind: Chosen["kind"]): Promise<Chosen> {
  // Not file.text(), which reads UTF-8 only: 903 files are saved as UTF-16 or Windows-1252 too.
  const text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()), file.name);
  return kind === "episodes"
    ? { kind, rows: readEpisodesCsv(text, file.name) }
    : { kind, rows: readHeaderCsv(text, file.name) };
}

type Where = "new" | "replace";

/**
 * Choose the SSDA903 Episodes and Header files of one or more years; they are read and stitched here
 * into one history per child, shown with what stitching did and every row that could not be used, and
 * loaded into ONE sheet of the user's (CARE_HISTORY_COLUMNS: each episode with the child's DOB and SEX).
 * A later import writes a new sheet, or replaces the last import's sheet when the user says so.
 */
export function ImportStep({ operations, onLoaded }: { operations: WorkbookOperations; onLoaded?: () => void }) {
  const styles = useStyles();
  const state = useImport(operations, onLoaded);
  const { files, history, loaded, error } = state;
  return (
    <div className={styles.stack}>
      <Text>
        Load your SSDA903 returns into one sheet of this workbook: the Episodes file of each year, and its Header file
        for dates of birth. The years are stitched into one history per child. The files are read here, on this
        computer; nothing is sent anywhere.
      </Text>
      <FileInput label="Episodes CSV files (one a year)" onChoose={(list) => void state.choose(list, "episodes")} />
      <FileInput label="Header CSV files (for ages)" onChoose={(list) => void state.choose(list, "header")} />
      {files.map((file) => (
        <section
          key={`${file.kind}-${file.rows.fileName}`}
          aria-label={`File ${file.rows.fileName}`}
          className={styles.file}
        >
          <Subtitle2 as="h3">{file.rows.fileName}</Subtitle2>
          <Caption1>{fileSummary(file)}</Caption1>
        </section>
      ))}
      {history ? (
        <section aria-label="Stitched history" className={styles.file}>
          <Subtitle2 as="h3">Stitched history</Subtitle2>
          <CareHistoryDetails history={history} rowsLeftOut="left out of the sheet" />
        </section>
      ) : null}
      <LoadControls {...state} />
      <div aria-live="polite">
        {loaded ? (
          <Text>
            Loaded {countOf(loaded.rows, "episode")} into sheet &apos;{loaded.sheet}&apos;
            {loaded.replaced ? ", replacing what it held" : ""}. The Sources step shows it and the next build uses it.
          </Text>
        ) : null}
      </div>
      {error ? <ErrorBar error={error} title="The files were not loaded" /> : null}
    </div>
  );
}

/** The files chosen, read and stitched, and loading them into a sheet: new, or the last import's. */
function useImport(operations: WorkbookOperations, onLoaded?: () => void) {
  const [files, setFiles] = useState<Chosen[]>([]);
  const [lastSheet, setLastSheet] = useState<string | null>(null);
  const [where, setWhere] = useState<Where>("new");
  const [loaded, setLoaded] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const history = useMemo(() => {
    const episodes = files.flatMap((f) => (f.kind === "episodes" ? [f.rows] : []));
    const headers = files.flatMap((f) => (f.kind === "header" ? [f.rows] : []));
    return episodes.length ? stitchReturns(episodes, headers) : null;
  }, [files]);

  const choose = async (list: FileList | null, kind: Chosen["kind"]) => {
    setError(null);
    setLoaded(null);
    // Until the files are read, Load would load the ones chosen before.
    setBusy(true);
    try {
      const read = await Promise.all([...(list ?? [])].map((file) => readFile(file, kind)));
      setFiles((current) => [...current.filter((f) => f.kind !== kind), ...read]);
      const last = await operations.lastImportedSheet();
      setLastSheet(last);
      if (last === null) setWhere("new");
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const load = async () => {
    if (!history) return;
    setBusy(true);
    setError(null);
    try {
      const target =
        where === "replace" && lastSheet !== null ? { replace: lastSheet } : { newSheet: IMPORT_SHEET_NAME };
      const result = await operations.importTable(importTable(history), target);
      setLoaded(result);
      setLastSheet(result.sheet);
      setWhere("new");
      onLoaded?.();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const hasEpisodes = history !== null && history.children.length > 0;
  return { files, history, hasEpisodes, lastSheet, where, setWhere, loaded, error, busy, choose, load };
}

function FileInput({ label, onChoose }: { label: string; onChoose: (files: FileList | null) => void }) {
  const styles = useStyles();
  const id = useId();
  return (
    <div className={styles.file}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept=".csv,text/csv" multiple onChange={(e) => onChoose(e.currentTarget.files)} />
    </div>
  );
}

/** Where to load (once there is a last import to replace) and the button that loads. */
function LoadControls(props: ReturnType<typeof useImport>) {
  const { hasEpisodes, lastSheet, where, setWhere, loaded, busy, load } = props;
  return (
    <>
      {hasEpisodes && lastSheet !== null && loaded === null ? (
        <Field label="Load into">
          <RadioGroup value={where} onChange={(_, data) => setWhere(data.value as Where)}>
            <Radio value="new" label="A new sheet" />
            <Radio
              value="replace"
              label={`Sheet '${lastSheet}', which the last import wrote: everything on it is replaced`}
            />
          </RadioGroup>
        </Field>
      ) : null}
      <Button appearance="primary" disabled={!hasEpisodes || busy || loaded !== null} onClick={() => void load()}>
        {where === "replace" && lastSheet !== null ? `Replace sheet '${lastSheet}'` : "Load into a new sheet"}
      </Button>
    </>
  );
}
