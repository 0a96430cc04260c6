/**
 * What the add-in tells the user about their data and the build, in one shape for every layer: the
 * warnings of recognition and of the plan, the rows of a 903 file that were left out, and the notes of
 * the demand model's fit. A diagnostic never stops a build (that is an error's job); it is shown in the
 * task pane, printed by the command line and listed on the Summary sheet.
 */
export type DiagnosticSeverity = "info" | "warning";

export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** What was found and what it means, in words a finance analyst can act on. */
  message: string;
  /** Where, as a message says it: e.g. "cell C14 of sheet 'P10 Summary'" or "sheet 'Placements'". */
  where?: string;
  /** For a row of a data file (a 903 return or an episodes range): the file's name. */
  file?: string;
  /** For a row of a data file: its 1-based row. */
  row?: number;
}

/** A row of a data file that was left out (or a file refused as a whole, at row 1): file and row are known. */
export type RowDiagnostic = Diagnostic & { file: string; row: number };
