import { Caption1, MessageBar, MessageBarBody, Subtitle2, Text } from "@fluentui/react-components";
import type { LineChoice, Question, RecogniseOptions } from "../../../sources/recognise";
import { LINES_SHOWN } from "./columns";
import { CategorySelect } from "./selects";
import { useSourcesStyles } from "./styles";

/**
 * "Check these first": every question the recognition left open, above everything else, each line
 * with the dropdown that answers it (kept in the workbook's settings with the other choices).
 */
export function Questions(props: {
  questions: Question[];
  options: RecogniseOptions;
  onOptionsChange: (o: RecogniseOptions) => void;
}) {
  const styles = useSourcesStyles();
  const { questions, options, onOptionsChange } = props;
  if (questions.length === 0) return null;
  const choose = (key: string, choice: LineChoice) =>
    onOptionsChange({ ...options, categoryOverrides: { ...options.categoryOverrides, [key]: choice } });
  return (
    <section className={styles.card} aria-label="Check these first">
      <Subtitle2 as="h3">Check these first ({questions.length})</Subtitle2>
      <Caption1>
        The add-in was not sure of these. Answer them before reading the figures; your answers are kept with the
        workbook.
      </Caption1>
      {questions.map((question, i) => (
        <div className={styles.stack} key={`${question.kind}-${question.sheet}-${i}`}>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{question.message}</MessageBarBody>
          </MessageBar>
          {(question.lines ?? []).slice(0, LINES_SHOWN).map((line) => (
            <div className={styles.line} key={line.key}>
              <Text size={200} className={styles.label}>
                {line.label} ({line.where.replace(/^cell /, "")}
                {line.amountGbp === null
                  ? ""
                  : `, £${line.amountGbp.toLocaleString("en-GB", { maximumFractionDigits: 0 })}`}
                ): {line.decidedBy}
              </Text>
              <CategorySelect
                label={line.label}
                value={
                  options.categoryOverrides?.[line.key] ??
                  (question.kind === "excludedLines" ? "excluded" : "unassigned")
                }
                onChange={(choice) => choose(line.key, choice)}
              />
            </div>
          ))}
          {(question.lines ?? []).length > LINES_SHOWN ? (
            <Caption1>
              The first {LINES_SHOWN} of {(question.lines ?? []).length} lines are shown.
            </Caption1>
          ) : null}
        </div>
      ))}
    </section>
  );
}
