/**
 * Ribbon commands of the Sufficiency tab, registered in the shared runtime. "Open panel" needs no code
 * (the manifest's ShowTaskpane action); "Build workbook" is the function below.
 */
import { excelOperations } from "../excel/operations";
import { officeExcelHost } from "../excel/host";
import { buildFromRibbon } from "./ribbon";

async function buildWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const host = officeExcelHost();
    if (host) await buildFromRibbon(excelOperations(host), () => Office.addin.showAsTaskpane());
  } finally {
    event.completed();
  }
}

void Office.onReady(() => {
  // Outside Excel (a plain browser) there are no ribbon actions to register.
  // Office ignores what an action returns: buildWorkbook tells it the command is done by event.completed().
  if (Office.actions) Office.actions.associate("buildWorkbook", (event: Office.AddinCommands.Event) => void buildWorkbook(event));
});
