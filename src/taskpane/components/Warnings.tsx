import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { Diagnostic } from "../../core/diagnostics";

export function Warnings({ warnings, label }: { warnings: Diagnostic[]; label: string }) {
  if (!warnings.length) return null;
  return (
    <section aria-label={label}>
      {warnings.map((warning, i) => (
        <MessageBar key={i} intent={warning.severity === "warning" ? "warning" : "info"} layout="multiline">
          <MessageBarBody>
            {warning.message}
            {warning.where ? ` (${warning.where})` : ""}
          </MessageBarBody>
        </MessageBar>
      ))}
    </section>
  );
}
