/**
 * What an SSDA903 history holds, in the words the Import 903 and Sources steps show: how many children
 * and episodes over which dates, how many ages are known, and what stitching the years together did.
 */
import type { CareHistory } from "../core/careHistory";
import { dataSpan } from "../core/careMeasures";
import { formatDate } from "../core/dates";
import { STITCHING_RULE_LABELS, STITCHING_RULES } from "../sources/ssda903";

export interface CareHistoryFacts {
  /** "3 children, 5 episodes, 01/05/2019 to 15/03/2021" */
  summary: string;
  /** Whose date of birth is known, and what an unknown one means. */
  ages: string;
  /** One line for each stitching rule that was applied, with how many times. */
  stitching: string[];
}

export const countOf = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export function careHistoryFacts(history: CareHistory): CareHistoryFacts {
  const children = history.children.length;
  const episodes = history.children.reduce((sum, child) => sum + child.episodes.length, 0);
  const span = dataSpan(history);
  const withDob = history.children.filter((child) => child.dob !== null).length;
  let ages: string;
  if (children === 0) ages = "No children.";
  else if (withDob === children) ages = `Dates of birth for all ${countOf(children, "child", "children")}.`;
  else if (withDob === 0)
    ages =
      "No dates of birth: ages are unknown, so there are no age bands, no long-term stability and no demand forecast. Import the Header files with the Episodes files (step 4) to give them.";
  else
    ages = `Dates of birth for ${withDob.toLocaleString("en-GB")} of ${countOf(children, "child", "children")}; the others are left out of age bands, long-term stability and the demand forecast.`;
  return {
    summary: `${countOf(children, "child", "children")}, ${countOf(episodes, "episode")}${span ? `, ${formatDate(span.start)} to ${formatDate(span.end)}` : ""}`,
    ages,
    stitching: STITCHING_RULES.filter((rule) => (history.stitching[rule] ?? 0) > 0).map(
      (rule) => `${countOf(history.stitching[rule], "episode")} ${STITCHING_RULE_LABELS[rule]}`,
    ),
  };
}
