/// <reference types="office-js" />
/**
 * What the add-in must know of the open workbook before it reads or writes: whether its structure is
 * protected (then no sheet can be added, and a build is refused before anything is written) and which
 * date system it counts in. Office.js has no property for the date system in the requirement sets the
 * add-in needs, so Excel is asked for DATE(1904,1,1): 0 in the 1904 system, 1462 in the 1900 system.
 * Nothing is written to ask.
 */
import { ExcelActionError } from "./errors";

export interface WorkbookFacts {
  structureProtected: boolean;
  date1904: boolean;
}

/** Queues the loads; the returned function gives the facts after the next sync. */
export function queueWorkbookFacts(context: Excel.RequestContext): () => WorkbookFacts {
  const protection = context.workbook.protection;
  protection.load("protected");
  const firstDay1904 = context.workbook.functions.date(1904, 1, 1);
  firstDay1904.load("value");
  return () => ({ structureProtected: protection.protected, date1904: firstDay1904.value === 0 });
}

export function protectedStructureError(): ExcelActionError {
  return new ExcelActionError(
    "checking the workbook",
    "The workbook's structure is protected (Review > Protect Workbook), so the add-in cannot add its sheets. Nothing was changed.",
    "Unprotect the workbook structure: choose Review > Protect Workbook (and type its password, if it has one), then build again.",
    null,
  );
}
