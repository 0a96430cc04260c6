/**
 * The task pane page. In the shared runtime this page also hosts the custom functions and the ribbon
 * commands (their bundles load first, see webpack.config.js); this file only draws the pane.
 */
import { createRoot } from "react-dom/client";
import { excelOperations } from "../excel/operations";
import { officeExcelHost } from "../excel/host";
import { App } from "./App";

void Office.onReady(() => {
  const host = officeExcelHost();
  const container = document.getElementById("container");
  if (!container) throw new Error("taskpane.html has no #container element for the panel.");
  createRoot(container).render(<App operations={host ? excelOperations(host) : null} />);
});
