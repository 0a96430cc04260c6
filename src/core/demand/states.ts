/**
 * The states of the demand model: placement group x age band, 4 x 5 = 20 states, indexed
 * group by group (all fostering bands, then residential...). The groups and bands themselves are the
 * 903 code lists' (core/codes903); this module only numbers them, and says which budget category a
 * 903 placement's cost falls in.
 */
import type { PlacementCategory, PlacementGroup } from "../categories";
import {
  AGE_BANDS,
  type AgeBand,
  PLACEMENT_GROUP_LABELS,
  PLACEMENT_GROUPS,
  placementGroupOf,
  provisionOf,
} from "../codes903";
import type { StateAggregate } from "./project";

export interface DemandState {
  index: number;
  group: PlacementGroup;
  band: AgeBand;
  /** "Fostering, 10 to 15 years". */
  label: string;
}

export const BAND_COUNT = AGE_BANDS.length;
export const GROUP_COUNT = PLACEMENT_GROUPS.length;
export const STATE_COUNT = GROUP_COUNT * BAND_COUNT;

export function stateIndex(groupIndex: number, bandIndex: number): number {
  return groupIndex * BAND_COUNT + bandIndex;
}

export const DEMAND_STATES: readonly DemandState[] = PLACEMENT_GROUPS.flatMap((group, g) =>
  AGE_BANDS.map(({ band, label }, b) => ({
    index: stateIndex(g, b),
    group,
    band,
    label: `${PLACEMENT_GROUP_LABELS[group]}, ${label.charAt(0).toLowerCase()}${label.slice(1)}`,
  })),
);

export const STATE_LABELS: readonly string[] = DEMAND_STATES.map((state) => state.label);

export function groupIndexOf(group: PlacementGroup): number {
  return PLACEMENT_GROUPS.indexOf(group);
}

export function bandIndexOf(band: AgeBand): number {
  return AGE_BANDS.findIndex((entry) => entry.band === band);
}

/** Keys of the totals every projection carries a band for. */
export const TOTAL_KEY = "total";
export const groupKey = (group: PlacementGroup): string => `group:${group}`;
export const bandKey = (band: AgeBand): string => `band:${band}`;

/** All children, each placement group and each age band: the totals the sheets show with a band. */
export const DEMAND_AGGREGATES: readonly StateAggregate[] = [
  { key: TOTAL_KEY, states: DEMAND_STATES.map((state) => state.index) },
  ...PLACEMENT_GROUPS.map((group) => ({
    key: groupKey(group),
    states: DEMAND_STATES.filter((state) => state.group === group).map((state) => state.index),
  })),
  ...AGE_BANDS.map(({ band }) => ({
    key: bandKey(band),
    states: DEMAND_STATES.filter((state) => state.band === band).map((state) => state.index),
  })),
];

/** U1-U3: fostering with relatives or friends, which councils budget as kinship (connected persons) care. */
const KINSHIP_FOSTERING = new Set(["U1", "U2", "U3"]);

/**
 * The budget category a 903 placement's cost falls in, so the demand model's children can be costed
 * and set beside the budget monitoring lines. Foster placements with other carers split by
 * PLACE_PROVIDER: the council's own (PR1) is in-house fostering, any other provider is independent
 * fostering; an unrecorded provider (the 903 requires one for foster placements, so only bad rows lack
 * it) counts as in-house. Secure children's homes (K1) are the secure line, though the demand model
 * groups them under Other as the DfE's placement groups do.
 */
export function categoryOfPlacement(place: string, placeProvider: string): PlacementCategory {
  if (KINSHIP_FOSTERING.has(place)) return "kinship";
  switch (placementGroupOf(place)) {
    case "fostering":
      return provisionOf(placeProvider) === "external" ? "ifa" : "inHouseFostering";
    case "residential":
      return "residential";
    case "supported":
      return "supported";
    case "other":
      if (place === "K1") return "secure";
      if (place === "P1") return "placedWithParents";
      if (place === "R3") return "parentAndChild";
      return "other";
  }
}
