import { Field, Select } from "@fluentui/react-components";
import { CATEGORY_LABELS, PLACEMENT_CATEGORIES } from "../../../core/categories";
import type { LineChoice } from "../../../sources/recognise";

export function ColumnSelect(props: {
  label: string;
  value: number | null;
  choices: { col: number; text: string }[];
  onChange: (col: number | null) => void;
}) {
  return (
    <Field label={props.label} size="small">
      <Select
        size="small"
        value={props.value === null ? "" : String(props.value)}
        onChange={(_, data) => props.onChange(data.value === "" ? null : Number(data.value))}
      >
        <option value="">(none)</option>
        {props.choices.map((choice) => (
          <option key={choice.col} value={choice.col}>
            {choice.text}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** What a line is: a category, "Needs a choice" while unanswered, or not a placement cost. */
export function CategorySelect(props: { label: string; value: LineChoice; onChange: (choice: LineChoice) => void }) {
  return (
    <Select
      size="small"
      aria-label={`Category of ${props.label}`}
      value={props.value}
      onChange={(_, data) => props.onChange(data.value as LineChoice)}
    >
      {PLACEMENT_CATEGORIES.filter((category) => category !== "unassigned" || props.value === "unassigned").map(
        (category) => (
          <option key={category} value={category}>
            {CATEGORY_LABELS[category]}
          </option>
        ),
      )}
      <option value="excluded">Not a placement cost</option>
    </Select>
  );
}
