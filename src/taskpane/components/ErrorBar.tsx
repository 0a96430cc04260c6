import { MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { ExcelActionError } from "../../excel/errors";
import { isLacError } from "../../core/errors";

/** An error in words, with what to do about it when Excel's code says. Nothing is swallowed. */
export function ErrorBar({ error, title }: { error: unknown; title: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const whatToDo =
    error instanceof ExcelActionError
      ? error.whatToDo
      : isLacError(error)
        ? "Check the sources and assumptions named in the message, then try again."
        : null;
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
        {whatToDo ? <div>{whatToDo}</div> : null}
      </MessageBarBody>
    </MessageBar>
  );
}
