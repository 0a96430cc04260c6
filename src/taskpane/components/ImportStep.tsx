import { Button, Caption1, makeStyles, Subtitle2, Text, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import type { RowIssue } from "../../core/careHistory";
import type { WorkbookOperations } from "../../excel/operations";
import { parseCsv } from "../../sources/csv";
import { readEpisodesCsv, readHeaderCsv } from "../../sources/ssda903";
import { ErrorBar } from "./ErrorBar";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  file: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** How many row issues are listed before the count of the rest. */
const ISSUES_SHOWN = 5;

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

interface ReadFile {
  kind: "episodes" | "header";
  fileName: string;
  rows: string[][];
  summary: string;
  issues: RowIssue[];
}

async function readFile(file: File, kind: ReadFile["kind"]): Promise<ReadFile> {
  const text = await file.text();
  if (kind === "episodes") {
    const episodes = readEpisodesCsv(text, file.name);
    const children = new Set(episodes.child).size;
    return { kind, fileName: file.name, rows: parseCsv(text), summary: `${count(episodes.episodes.length, "episode")} of ${count(children, "child", "children")}`, issues: episodes.issues };
  }
  const header = readHeaderCsv(text, file.name);
  return { kind, fileName: file.name, rows: parseCsv(text), summary: count(header.child.length, "child", "children"), issues: header.issues };
}

/** Choose SSDA903 Episodes and Header CSV files, check them, and load each into a sheet of its own. */
export function ImportStep({ operations }: { operations: WorkbookOperations }) {
  const styles = useStyles();
  const episodesId = useId();
  const headerId = useId();
  const [files, setFiles] = useState<ReadFile[]>([]);
  const [loaded, setLoaded] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (list: FileList | null, kind: ReadFile["kind"]) => {
    setError(null);
    setLoaded([]);
    try {
      const read = await Promise.all([...(list ?? [])].map((file) => readFile(file, kind)));
      setFiles((current) => [...current.filter((f) => f.kind !== kind), ...read]);
    } catch (failure) {
      setError(failure);
    }
  };

  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      const sheets: string[] = [];
      for (const file of files) {
        const result = await operations.importRows(file.kind === "episodes" ? "903 Episodes" : "903 Header", file.rows);
        sheets.push(`${result.sheet} (${result.rows} rows from ${file.fileName})`);
      }
      setLoaded(sheets);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.stack}>
      <Text>
        Load your SSDA903 return (the Episodes file, and the Header file for dates of birth) into sheets of this workbook. The files are read here, on
        this computer; nothing is sent anywhere.
      </Text>
      <div className={styles.file}>
        <label htmlFor={episodesId}>Episodes CSV files</label>
        <input id={episodesId} type="file" accept=".csv,text/csv" multiple onChange={(e) => void choose(e.currentTarget.files, "episodes")} />
      </div>
      <div className={styles.file}>
        <label htmlFor={headerId}>Header CSV files (optional)</label>
        <input id={headerId} type="file" accept=".csv,text/csv" multiple onChange={(e) => void choose(e.currentTarget.files, "header")} />
      </div>
      {files.map((file) => (
        <section key={`${file.kind}-${file.fileName}`} aria-label={`File ${file.fileName}`} className={styles.file}>
          <Subtitle2 as="h3">{file.fileName}</Subtitle2>
          <Caption1>
            {file.summary}; {count(file.issues.length, "row")} with problems{file.issues.length ? " (they stay in the sheet; the measures leave them out)" : ""}.
          </Caption1>
          {file.issues.length ? (
            <ul className={styles.list}>
              {file.issues.slice(0, ISSUES_SHOWN).map((issue, i) => (
                <li key={i}>
                  <Caption1>
                    Row {issue.row}: {issue.reason}
                  </Caption1>
                </li>
              ))}
              {file.issues.length > ISSUES_SHOWN ? (
                <li>
                  <Caption1>and {file.issues.length - ISSUES_SHOWN} more.</Caption1>
                </li>
              ) : null}
            </ul>
          ) : null}
        </section>
      ))}
      <Button appearance="primary" disabled={!files.some((f) => f.kind === "episodes") || busy || loaded.length > 0} onClick={() => void load()}>
        Load into sheets
      </Button>
      <div aria-live="polite">
        {loaded.length ? (
          <Text>
            Loaded: {loaded.join("; ")}. Choose Sources, then Read the workbook again, to use them in the build.
          </Text>
        ) : null}
      </div>
      {error ? <ErrorBar error={error} title="The files were not loaded" /> : null}
    </div>
  );
}
