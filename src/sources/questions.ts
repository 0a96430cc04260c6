/**
 * What the add-in is unsure of and asks the user, shown before any figure: on top of the pane's Sources
 * step, in "Check these" on the Summary sheet, and first in the command line's output. Each question
 * says what was found and where, and how to answer it; an answer is kept with the workbook's settings
 * (the pane) or in the assumptions file (the command line), so next month's rebuild does not ask again.
 */
export type QuestionKind =
  /** Lines whose words cannot say what they are: counted under "Needs a choice". */
  | "lineChoice"
  /** Lines read as not placement costs: left out of the placement totals. */
  | "excludedLines"
  /** A period inferred from a month name, or from month columns, rather than stated. */
  | "period"
  /** Units assumed (£) because the sheet states none. */
  | "units"
  /** A column chosen among several that could be the same measure, or read from month columns. */
  | "column"
  /** Two tables that may hold the same money. */
  | "tables";

export interface QuestionLine {
  /** The key an answer is recorded by: RecogniseOptions.categoryOverrides (sheet!row). */
  key: string;
  label: string;
  /** "cell B14 of sheet 'Export'". */
  where: string;
  /** The forecast outturn (else actual to date) in £, when the line has one. */
  amountGbp: number | null;
  /** Why the line was read as it was: the words that decided. */
  decidedBy: string;
}

export interface Question {
  kind: QuestionKind;
  sheet: string;
  message: string;
  where?: string;
  /** For line questions, every line it asks about. */
  lines?: QuestionLine[];
}
