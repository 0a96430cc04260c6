/**
 * Ribbon commands of the Sufficiency tab, registered in the shared runtime. "Open panel" needs no code
 * (the manifest's ShowTaskpane action); "Build workbook" is the function below.
 */
import { excelOperations } from "../excel/operations";
import { officeExcelHost } from "../excel/host";
import { buildFromRibbon } from "./ribbon";

async function build(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const host = officeExcelHost();
    if (host) await buildFromRibbon(excelOperations(host), () => Office.addin.showAsTaskpane());
  } finally {
    event.completed();
  }
}

/** The registered action. Office ignores what an action returns: build() tells it the command is done by event.completed(). */
function buildWorkbook(event: Office.AddinCommands.Event): void {
  void build(event);
}

void Office.onReady(() => {
  // Outside Excel (a plain browser) there are no ribbon actions to register.
  if (Office.actions) Office.actions.associate("buildWorkbook", buildWorkbook);
});
