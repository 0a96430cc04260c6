import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import { useId, useState } from "react";
import type { CareHistory } from "../../core/careHistory";
import { careHistoryFacts, countOf } from "../careHistoryFacts";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
});

/** Row issues listed before a button shows the rest. */
const ISSUES_SHOWN = 5;
/** At most this many are listed even when all are asked for: a page of thousands helps nobody. */
const ISSUES_LISTED = 500;

/**
 * A stitched 903 history: children, episodes, dates, ages known, what stitching did, and every row that
 * could not be used with its file (or sheet), row and reason.
 */
export function CareHistoryDetails({ history, rowsLeftOut }: { history: CareHistory; rowsLeftOut: string }) {
  const styles = useStyles();
  const listId = useId();
  const [showAll, setShowAll] = useState(false);
  const facts = careHistoryFacts(history);
  const issues = history.issues;
  const shown = issues.slice(0, showAll ? ISSUES_LISTED : ISSUES_SHOWN);
  return (
    <div className={styles.stack}>
      <Caption1>{facts.summary}.</Caption1>
      <Caption1>{facts.ages}</Caption1>
      <Caption1>
        {facts.stitching.length
          ? `Stitching: ${facts.stitching.join("; ")}.`
          : "Stitching: no episode needed joining or ending."}
      </Caption1>
      <Caption1>
        {issues.length
          ? `${countOf(issues.length, "problem")} with rows (${rowsLeftOut}):`
          : "Every row could be read."}
      </Caption1>
      {issues.length ? (
        <ul id={listId} className={styles.list} aria-label="Rows with problems">
          {shown.map((issue, i) => (
            <li key={i}>
              <Caption1>
                {issue.file}, row {issue.row}: {issue.message}
              </Caption1>
            </li>
          ))}
          {showAll && issues.length > ISSUES_LISTED ? (
            <li>
              <Caption1>and {countOf(issues.length - ISSUES_LISTED, "more problem")} not listed.</Caption1>
            </li>
          ) : null}
        </ul>
      ) : null}
      {issues.length > ISSUES_SHOWN ? (
        <Button
          size="small"
          appearance="subtle"
          aria-expanded={showAll}
          aria-controls={listId}
          onClick={() => setShowAll((all) => !all)}
        >
          {showAll
            ? "Show only the first few"
            : issues.length > ISSUES_LISTED
              ? `Show the first ${ISSUES_LISTED} of ${issues.length.toLocaleString("en-GB")} problems`
              : `Show all ${issues.length.toLocaleString("en-GB")} problems`}
        </Button>
      ) : null}
    </div>
  );
}
