import { makeStyles, tokens } from "@fluentui/react-components";

/** The layout the Sources step's cards share. */
export const useSourcesStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  line: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
    alignItems: "center",
    // Grid items may shrink below their content's width in a 350 px pane.
    "& > *": { minWidth: 0 },
  },
  label: { overflowWrap: "anywhere" },
});
