/**
 * The ribbon's "Build workbook" runs in the same JavaScript context as the pane (shared runtime). When
 * it cannot build (first time, or a failure), it opens the pane and tells it why through this channel.
 */
export type RibbonMessage =
  { kind: "firstBuild" } | { kind: "failed"; error: unknown } | { kind: "built"; sheets: string[] };

const listeners = new Set<(message: RibbonMessage) => void>();
let last: RibbonMessage | null = null;

export function publishRibbonMessage(message: RibbonMessage): void {
  last = message;
  for (const listener of listeners) listener(message);
}

/** Subscribes, first replaying the message sent before the pane was open. Returns the unsubscribe. */
export function onRibbonMessage(listener: (message: RibbonMessage) => void): () => void {
  listeners.add(listener);
  if (last) listener(last);
  return () => listeners.delete(listener);
}
