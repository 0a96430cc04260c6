/**
 * The placement categories, in one place: how budget monitoring lines are grouped, what they are called
 * on the add-in's sheets, and the 903 placement groups of the demand model (which 903 placement falls in
 * which category: core/demand/states.ts, categoryOfPlacement).
 * The synonym table that maps a council's line labels onto these lives in sources/ (recognition).
 */

export const PLACEMENT_CATEGORIES = [
  "residential",
  "ifa",
  "inHouseFostering",
  "kinship",
  "supported",
  "stayingPut",
  "parentAndChild",
  "secure",
  "placedWithParents",
  "sgo",
  "cao",
  "adoption",
  "other",
  "unassigned",
] as const;

/**
 * "unassigned" holds a placement line whose words cannot say which kind it is ("Fostering",
 * "Placements"): it is counted, shown as "Needs a choice" and asked about before any figure, never
 * silently put in a category.
 */
export type PlacementCategory = (typeof PLACEMENT_CATEGORIES)[number];

/** How the add-in's sheets name each category (the words of the published strategy's tables where it has them). */
export const CATEGORY_LABELS: Record<PlacementCategory, string> = {
  residential: "Residential",
  ifa: "Independent Fostering",
  inHouseFostering: "In House Fostering",
  kinship: "Kinship / Connected Persons Fostering",
  supported: "Supported Accommodation",
  stayingPut: "Staying Put",
  parentAndChild: "Parent and Child",
  secure: "Secure",
  placedWithParents: "Placed with Parents",
  sgo: "Special Guardianship Orders",
  cao: "Child Arrangement Orders",
  adoption: "Adoption Allowances",
  other: "Other",
  unassigned: "Needs a choice",
};

/** The 903 placement groups of the demand model (Fostering U1-U6, Residential, Supported, Other). */
export type PlacementGroup = "fostering" | "residential" | "supported" | "other";

export function isPlacementCategory(value: unknown): value is PlacementCategory {
  return typeof value === "string" && (PLACEMENT_CATEGORIES as readonly string[]).includes(value);
}
