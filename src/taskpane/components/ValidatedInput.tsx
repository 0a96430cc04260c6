import { Field, Input, makeStyles, type InputProps } from "@fluentui/react-components";
import { useState } from "react";
import type { Parsed } from "../validation";

export interface ValidatedInputProps<T> {
  label: string;
  /** The value as text when the field first shows. */
  initialText: string;
  parse: (text: string) => Parsed<T>;
  /** Called with each value that passes; invalid text is kept in the box with its reason. */
  onValid: (value: T) => void;
  onValidityChange?: (valid: boolean) => void;
  hint?: string;
  type?: InputProps["type"];
  contentAfter?: string;
  /** For fields in a grid, whose visible label is the row and column heading. */
  hideLabel?: boolean;
}

// Narrow task panes (350 px) put several boxes in a row: let them shrink below the browser's default.
const useStyles = makeStyles({
  field: { minWidth: 0 },
  input: { minWidth: 0, width: "100%" },
});

/** A text box that checks what is typed as it is typed and says next to it why a value is refused. */
export function ValidatedInput<T>(props: ValidatedInputProps<T>) {
  const styles = useStyles();
  const [text, setText] = useState(props.initialText);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Field
      className={styles.field}
      label={props.hideLabel ? undefined : props.label}
      hint={props.hint}
      validationState={message ? "error" : "none"}
      validationMessage={message ?? undefined}
    >
      <Input
        className={styles.input}
        input={{ className: styles.input }}
        aria-label={props.hideLabel ? props.label : undefined}
        value={text}
        type={props.type}
        contentAfter={props.contentAfter}
        onChange={(_, data) => {
          setText(data.value);
          const parsed = props.parse(data.value);
          setMessage(parsed.ok ? null : parsed.message);
          props.onValidityChange?.(parsed.ok);
          if (parsed.ok) props.onValid(parsed.value);
        }}
      />
    </Field>
  );
}
