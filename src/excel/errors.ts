/**
 * Excel's errors in words a finance analyst can act on. Office.js rejects with an OfficeExtension.Error
 * whose `code` names the cause ("AccessDenied", "InvalidOperationInCellEditMode", ...) and whose
 * `debugInfo.errorLocation` names the call that failed; both are kept in the message, nothing is hidden.
 */

export class ExcelActionError extends Error {
  /** What the add-in was doing ("writing the sheet 'Spend'"). */
  readonly during: string;
  /** What the user can do about it. */
  readonly whatToDo: string;
  /** Excel's own error code, when Excel gave one. */
  readonly excelCode: string | null;

  constructor(during: string, message: string, whatToDo: string, excelCode: string | null) {
    super(message);
    this.name = "ExcelActionError";
    this.during = during;
    this.whatToDo = whatToDo;
    this.excelCode = excelCode;
  }
}

/** The user pressed Cancel; the workbook has been put back as it was. */
export class BuildCancelled extends Error {
  constructor() {
    super("The build was cancelled; the workbook is as it was before.");
    this.name = "BuildCancelled";
  }
}

interface OfficeErrorLike {
  code?: unknown;
  message?: unknown;
  debugInfo?: { errorLocation?: unknown; message?: unknown };
}

const ADVICE: Record<string, string> = {
  AccessDenied:
    "The workbook or a sheet is protected, or the file is read-only. Unprotect the workbook structure (Review > Protect Workbook) or save a copy you can edit, then build again.",
  InvalidOperationInCellEditMode: "A cell is being edited. Press Enter or Esc in the sheet, then try again.",
  EditModeCannotAcquireLock: "A cell is being edited. Press Enter or Esc in the sheet, then try again.",
  ItemAlreadyExists:
    "A sheet, table or name the add-in needs already exists. Rename or remove the one you made, or choose Build again so the add-in picks new names.",
  ItemNotFound:
    "A sheet the add-in expected has been renamed or deleted since the panel read the workbook. Go back to Sources and read the workbook again.",
  InvalidArgument: "Excel refused a value or formula the add-in wrote. Please report this with the message above.",
  RequestPayloadSizeLimitExceeded:
    "The request was larger than Excel allows (5 MB on the web). Please report this; the add-in should have split it.",
  ResponsePayloadSizeLimitExceeded:
    "A sheet is too large to read in one go on Excel on the web. Hide or remove unused rows and columns far below or right of the data, then try again.",
  ActivityLimitReached: "Excel is busy or the workbook is very large. Wait a moment and try again.",
  Conflict: "Someone else changed the workbook at the same moment. Wait a moment and try again.",
  GeneralException:
    "Excel could not finish the operation. Save the workbook, then try again; if it happens again, report the message above.",
  InsertDeleteConflict: "Excel could not insert or delete the cells because of merged cells or a table in the way.",
};

/** Wraps any failure of an Excel.run batch into an ExcelActionError saying what, where and what to do. */
export function describeExcelError(error: unknown, during: string): ExcelActionError {
  if (error instanceof ExcelActionError) return error;
  const office = (typeof error === "object" && error !== null ? error : {}) as OfficeErrorLike;
  const code = typeof office.code === "string" ? office.code : null;
  const excelMessage =
    typeof office.message === "string" && office.message
      ? office.message
      : error instanceof Error
        ? error.message
        : String(error);
  const location =
    typeof office.debugInfo?.errorLocation === "string" && office.debugInfo.errorLocation
      ? ` (at ${office.debugInfo.errorLocation})`
      : "";
  const whatToDo = (code && ADVICE[code]) || "Try again; if it happens again, report the message above.";
  const message = `Excel could not finish ${during}: ${excelMessage}${code ? ` [${code}]` : ""}${location}.`;
  return new ExcelActionError(during, message, whatToDo, code);
}
