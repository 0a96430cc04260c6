/// <reference types="office-js" />
/**
 * The one door to Excel. Production passes Office's `Excel.run` and requirement-set check; tests and
 * the browser test pass a fake object model with the same shape, so nothing else needs Office.
 */

export interface ExcelHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
}

/** Optional features, decided once per operation from the requirement sets the host supports. */
export interface Capabilities {
  /** Worksheet custom properties (ExcelApi 1.12): the second ownership marker. */
  customProperties: boolean;
}

export function capabilitiesOf(host: ExcelHost): Capabilities {
  return { customProperties: host.isSetSupported("ExcelApi", "1.12") };
}

/** The requirement set every build needs (declared in manifest.xml). */
export const REQUIRED_EXCEL_API = "1.9";

/**
 * Office's Excel host, or null when this page is not running inside Excel (opened in a plain browser),
 * so the pane can say so instead of failing on the first call.
 */
export function officeExcelHost(): ExcelHost | null {
  if (typeof Excel === "undefined" || typeof Excel.run !== "function") return null;
  const requirements = typeof Office !== "undefined" ? Office.context?.requirements : undefined;
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => requirements?.isSetSupported(name, version) ?? false,
  };
}
