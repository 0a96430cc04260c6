import { makeStyles, tokens } from "@fluentui/react-components";

/** The layout the Assumptions step's sections share. */
export const useAssumptionStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  disclosure: { alignSelf: "flex-start" },
  points: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 7fr) minmax(0, 4fr) minmax(2.5em, auto) auto",
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    alignItems: "start",
    "& > *": { minWidth: 0 },
  },
  from: { alignSelf: "center", color: tokens.colorNeutralForeground3 },
  // Wider than the pane only past four years ahead; then it scrolls sideways, line names staying put.
  ratesScroll: { overflowX: "auto" },
  rates: { borderCollapse: "collapse", width: "100%", tableLayout: "fixed" },
  rateHeader: {
    textAlign: "left",
    fontWeight: tokens.fontWeightRegular,
    padding: `0 ${tokens.spacingHorizontalXXS} ${tokens.spacingVerticalXXS}`,
    minWidth: "4.5em",
  },
  lineHeader: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS} 0 0`,
    verticalAlign: "top",
    width: "34%",
    position: "sticky",
    left: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: "anywhere",
  },
  rateCell: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXXS}`,
    verticalAlign: "top",
    minWidth: "4.5em",
  },
});
