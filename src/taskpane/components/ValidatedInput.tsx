import { Field, Input, makeStyles, type InputProps } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import type { Parsed } from "../validation";

export interface ValidatedInputProps<T> {
  label: string;
  /**
   * The current value as text. The box starts with it, and shows it again whenever it changes to a
   * value other than the one typed here (the value was changed elsewhere, e.g. a history read again).
   */
  text: string;
  parse: (text: string) => Parsed<T>;
  /** Called with each value that passes; invalid text is kept in the box with its reason. */
  onValid: (value: T) => void;
  /** Told whenever the box turns valid or invalid, and that it is valid when it goes away. */
  onValidityChange?: (valid: boolean) => void;
  hint?: string;
  placeholder?: string;
  size?: InputProps["size"];
  /** For fields in a grid, whose visible label is the row and column heading. */
  hideLabel?: boolean;
}

// Narrow task panes (350 px) put several boxes in a row: let them shrink below the browser's default.
const useStyles = makeStyles({
  field: { minWidth: 0 },
  input: { minWidth: 0, width: "100%" },
});

function sameValue(a: Parsed<unknown>, b: Parsed<unknown>): boolean {
  return a.ok && b.ok && Object.is(a.value, b.value);
}

/**
 * A text box that checks what is typed as it is typed and says next to it why a value is refused, or
 * how it was read when that could be in doubt ("Read as 5%", "3 April 2022").
 */
export function ValidatedInput<T>(props: ValidatedInputProps<T>) {
  const styles = useStyles();
  const [text, setText] = useState(props.text);
  const [given, setGiven] = useState(props.text);
  const [result, setResult] = useState<Parsed<T> | null>(null);
  if (props.text !== given) {
    setGiven(props.text);
    // Typing "5" makes the value 5%, given back as "5%": keep what was typed. Anything else is news.
    if (!sameValue(props.parse(text), props.parse(props.text))) {
      setText(props.text);
      setResult(null);
    }
  }
  const valid = result === null || result.ok;
  const report = useRef(props.onValidityChange);
  report.current = props.onValidityChange;
  useEffect(() => report.current?.(valid), [valid]);
  useEffect(() => () => report.current?.(true), []);

  const message = result === null ? undefined : result.ok ? result.note : result.message;
  const state = result === null ? "none" : !result.ok ? "error" : result.caution ? "warning" : "none";
  return (
    <Field
      className={styles.field}
      label={props.hideLabel ? undefined : props.label}
      hint={props.hint}
      size={props.size}
      validationState={state}
      validationMessage={message}
    >
      <Input
        className={styles.input}
        input={{ className: styles.input }}
        aria-label={props.hideLabel ? props.label : undefined}
        value={text}
        size={props.size}
        placeholder={props.placeholder}
        onChange={(_, data) => {
          setText(data.value);
          const parsed = props.parse(data.value);
          setResult(parsed);
          if (parsed.ok) props.onValid(parsed.value);
        }}
      />
    </Field>
  );
}
