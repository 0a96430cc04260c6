/**
 * The SSDA903 code lists, in one place: what each code means, which codes start a placement, which are
 * excluded from the measures, how placement types group for the demand model and the In care tables,
 * how reasons for ceasing are listed (the order of the published strategy's table), and the age bands of the DfE tables.
 * Readers check codes against these lists; the measures ask these lists what a code means.
 */
import type { PlacementGroup } from "./categories";

/** RNE: reason for new episode. */
export const REASONS_FOR_NEW_EPISODE: Readonly<Record<string, string>> = {
  S: "Started to be looked after",
  L: "Change of legal status only",
  P: "Change of placement and carer(s) only",
  B: "Change of legal status and placement and carer(s) at the same time",
  T: "Change of placement but same carer(s)",
  U: "Change of legal status and change of placement but same carer(s)",
};

/**
 * How moves are counted for placement stability. "placement" (the short-term default, as the DfE counts
 * them): S, P, B, T and U each start a placement. "carer": only S, P and B do, so a move that keeps the
 * same carers (T, U) is not a new placement; the DfE's 2025 wording of long-term stability ("the same
 * carer") counts this way (core/stability). Councils choose; the choice is visible wherever it is used.
 */
export type MoveCounting = "placement" | "carer";
export const DEFAULT_MOVE_COUNTING: MoveCounting = "placement";

/** What each move counting means, in words for sheets and messages. */
export const MOVE_COUNTING_LABELS: Readonly<Record<MoveCounting, string>> = {
  placement: "every new placement (RNE S, P, B, T and U), as the DfE counts",
  carer: "changes of carer only (RNE S, P and B; a new placement with the same carers, T or U, is not a move)",
};

/** Whether an episode with this RNE starts a new placement under a move-counting choice. */
export function rneStartsPlacement(rne: string, moves: MoveCounting): boolean {
  switch (rne) {
    case "S":
    case "P":
    case "B":
      return true;
    case "T":
    case "U":
      return moves === "placement";
    default:
      return false;
  }
}

/** Episodes where the carers stay the same (T, U): moving into adoption this way is not a placement change. */
export function rneKeepsCarer(rne: string): boolean {
  return rne === "T" || rne === "U";
}

/** LS: legal status. V3 and V4 (series of short breaks) are excluded from every measure. */
export const LEGAL_STATUSES: Readonly<Record<string, string>> = {
  C1: "Interim care order",
  C2: "Full care order",
  D1: "Freeing order granted",
  E1: "Placement order granted",
  J1: "Remanded to local authority accommodation or youth detention accommodation",
  J2: "Placed in local authority accommodation under the Police and Criminal Evidence Act 1984",
  J3: "Sentenced to Youth Rehabilitation Order (criminal justice) with residence or intensive fostering requirement",
  L1: "Under police protection and in local authority accommodation",
  L2: "Emergency protection order (EPO)",
  L3: "Under child assessment order and in local authority accommodation",
  V1: "Single period of accommodation under section 20 (before 2010)",
  V2: "Single period of accommodation under section 20 (Children Act 1989)",
  V3: "Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded",
  V4: "Accommodated under an agreed series of short-term breaks, when agreements are recorded",
};

export function isShortBreakLegalStatus(ls: string): boolean {
  return ls === "V3" || ls === "V4";
}

/** PLACE: placement type, with the demand model's group. */
export const PLACEMENT_TYPES: Readonly<Record<string, { label: string; group: PlacementGroup }>> = {
  A1: { label: "Placed for adoption with consent, with current foster carer(s) (before 2006)", group: "other" },
  A2: { label: "Placed for adoption with consent, not with current foster carer(s) (before 2006)", group: "other" },
  A3: { label: "Placed for adoption with parental/guardian consent with current foster carer(s)", group: "other" },
  A4: { label: "Placed for adoption with parental/guardian consent not with current foster carer(s)", group: "other" },
  A5: { label: "Placed for adoption with placement order with current foster carer(s)", group: "other" },
  A6: { label: "Placed for adoption with placement order not with current foster carer(s)", group: "other" },
  H5: {
    label: "Semi-independent living accommodation not subject to children's homes regulations",
    group: "supported",
  },
  K1: { label: "Secure children's home", group: "other" },
  K2: { label: "Children's home subject to Children's Homes Regulations", group: "residential" },
  K3: { label: "Supported accommodation", group: "supported" },
  M1: { label: "Whereabouts known, not in placement (before 2012)", group: "other" },
  M2: { label: "Whereabouts known, not in placement (before 2012)", group: "other" },
  M3: { label: "Whereabouts unknown (before 2012)", group: "other" },
  P1: { label: "Placed with own parent(s) or other person(s) with parental responsibility", group: "other" },
  P2: { label: "Independent living, e.g. in a flat, lodgings, bedsit, B&B or with friends", group: "supported" },
  P3: { label: "Residential employment", group: "residential" },
  R1: { label: "Residential care home", group: "residential" },
  R2: { label: "NHS/health trust or other establishment providing medical or nursing care", group: "other" },
  R3: { label: "Family centre or mother and baby unit", group: "other" },
  R5: { label: "Young offender institution (YOI)", group: "other" },
  S1: {
    label: "Residential school, except where dual-registered as a school and children's home",
    group: "residential",
  },
  T0: { label: "Temporary: all types of temporary move", group: "other" },
  T1: { label: "Temporary: periods in hospital", group: "other" },
  T2: { label: "Temporary: absence of the child on holiday", group: "other" },
  T3: { label: "Temporary: accommodation while the normal foster carer(s) is/are on holiday", group: "other" },
  T4: { label: "Temporary: accommodation of seven days or less, for any reason not covered by T1-T3", group: "other" },
  U1: { label: "Foster placement with relative(s) or friend(s): long-term fostering", group: "fostering" },
  U2: {
    label: "Foster placement with relative(s) or friend(s) who is/are also approved adopter(s)",
    group: "fostering",
  },
  U3: {
    label: "Foster placement with relative(s) or friend(s): not long-term or fostering for adoption",
    group: "fostering",
  },
  U4: { label: "Foster placement with other foster carer(s): long-term fostering", group: "fostering" },
  U5: { label: "Foster placement with other foster carer(s) who is/are also approved adopter(s)", group: "fostering" },
  U6: {
    label: "Foster placement with other foster carer(s): not long-term or fostering for adoption",
    group: "fostering",
  },
  Z1: { label: "Other placement", group: "other" },
};

/** T0-T4: temporary moves, which are not placements. */
export function isTemporaryPlacement(place: string): boolean {
  return place.length === 2 && place.charCodeAt(0) === 84 /* T */ && place >= "T0" && place <= "T4";
}

/** A3-A6: placed for adoption. */
export function isPlacedForAdoption(place: string): boolean {
  return place === "A3" || place === "A4" || place === "A5" || place === "A6";
}

export function placementGroupOf(place: string): PlacementGroup {
  return PLACEMENT_TYPES[place]?.group ?? "other";
}

export const PLACEMENT_GROUPS: readonly PlacementGroup[] = ["fostering", "residential", "supported", "other"];

export const PLACEMENT_GROUP_LABELS: Readonly<Record<PlacementGroup, string>> = {
  fostering: "Fostering",
  residential: "Residential",
  supported: "Supported accommodation",
  other: "Other",
};

/** Who provides a placement, for the in-house / external split. */
export type Provision = "inHouse" | "external" | "notApplicable";

export const PROVISIONS: readonly Provision[] = ["inHouse", "external", "notApplicable"];

export const PROVISION_LABELS: Readonly<Record<Provision, string>> = {
  inHouse: "In-house (own local authority)",
  external: "External (other LA, public, private or voluntary)",
  notApplicable: "Parents, or provider not recorded",
};

/** PLACE_PROVIDER. */
export const PLACEMENT_PROVIDERS: Readonly<Record<string, { label: string; provision: Provision }>> = {
  PR0: { label: "Parent(s) or other person(s) with parental responsibility", provision: "notApplicable" },
  PR1: { label: "Own provision (by the local authority)", provision: "inHouse" },
  PR2: { label: "Other local authority provision", provision: "external" },
  PR3: { label: "Other public provision (e.g. a primary care trust)", provision: "external" },
  PR4: { label: "Private provision", provision: "external" },
  PR5: { label: "Voluntary/third sector provision", provision: "external" },
};

export function provisionOf(placeProvider: string): Provision {
  return PLACEMENT_PROVIDERS[placeProvider]?.provision ?? "notApplicable";
}

/** REC "X1": the episode ends and a new one begins the same day; every other code ends the care. */
export const EPISODE_CONTINUES = "X1";

/**
 * REC: reason episode ceased, in the order the published strategy's "reasons for ceasing" table lists them
 * (lines 513-566), with the codes it does not list placed beside their neighbours. Each code is its own
 * row there, as it is here; `group` gathers them for a short summary.
 */
export type CeasedGroup = "adopted" | "sgo" | "childArrangementOrder" | "returnedHome" | "independentLiving" | "other";

export const CEASED_GROUP_LABELS: Readonly<Record<CeasedGroup, string>> = {
  adopted: "Adopted",
  sgo: "Special guardianship order",
  childArrangementOrder: "Child arrangement order",
  returnedHome: "Returned home or to live with relatives",
  independentLiving: "Independent living or adult services",
  other: "Other reasons",
};

export interface CeasedReason {
  code: string;
  label: string;
  group: CeasedGroup;
}

export const REASONS_CEASED: readonly CeasedReason[] = [
  { code: "E11", label: "Adopted, application unopposed", group: "adopted" },
  { code: "E12", label: "Adopted, consent dispensed with", group: "adopted" },
  {
    code: "E13",
    label: "Left care to live with parents, relatives, or other person with no parental responsibility",
    group: "returnedHome",
  },
  { code: "E14", label: "Accommodation on remand ended", group: "other" },
  {
    code: "E15",
    label: "Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply",
    group: "other",
  },
  { code: "E16", label: "Child moved abroad", group: "other" },
  { code: "E41", label: "Child arrangement order granted", group: "childArrangementOrder" },
  { code: "E43", label: "Special guardianship order made to former foster carers", group: "sgo" },
  { code: "E44", label: "Special guardianship order made to carers other than former foster carers", group: "sgo" },
  {
    code: "E45",
    label: "Special guardianship order made to former foster carers, who were a relative or friend",
    group: "sgo",
  },
  {
    code: "E46",
    label: "Special guardianship order made to former foster carers, other than relative or friend",
    group: "sgo",
  },
  {
    code: "E47",
    label: "Special guardianship order made to carers other than former foster carers, who were a relative or friend",
    group: "sgo",
  },
  {
    code: "E48",
    label: "Special guardianship order made to carers other than former foster carers, other than relative or friend",
    group: "sgo",
  },
  {
    code: "E4A",
    label:
      "Returned home to live with parents, relatives, or other person with parental responsibility as part of the care planning process",
    group: "returnedHome",
  },
  {
    code: "E4B",
    label:
      "Returned home to live with parents, relatives, or other person with parental responsibility, not part of the care planning process",
    group: "returnedHome",
  },
  { code: "E5", label: "Moved into independent living, supported accommodation", group: "independentLiving" },
  { code: "E6", label: "Moved into independent living, no formalised advice", group: "independentLiving" },
  { code: "E7", label: "Transferred to adult social services care", group: "independentLiving" },
  { code: "E8", label: "Period of being looked after ceased for any other reason", group: "other" },
  { code: "E2", label: "Died", group: "other" },
  { code: "E3", label: "Care taken over by another LA", group: "other" },
  { code: "E9", label: "Sentenced to custody", group: "other" },
  {
    code: "E17",
    label: "Age 18 (or over) and remained with current carers (incl. under staying put arrangements)",
    group: "other",
  },
];

const CEASED_CODES = new Set(REASONS_CEASED.map((reason) => reason.code));

/** Every code REC may hold: X1 or a reason for ceasing. */
export function isReasonEpisodeCeased(rec: string): boolean {
  return rec === EPISODE_CONTINUES || CEASED_CODES.has(rec);
}

/** Whether an episode that ended with this REC ended the child's care (anything but X1). */
export function recEndsCare(rec: string | null): boolean {
  return rec !== null && rec !== EPISODE_CONTINUES;
}

/** The age bands of the DfE tables and the published strategy (whole years at the date). */
export type AgeBand = "under1" | "1to4" | "5to9" | "10to15" | "16plus";

export const AGE_BANDS: readonly { band: AgeBand; label: string; fromYears: number }[] = [
  { band: "under1", label: "Under 1 year", fromYears: 0 },
  { band: "1to4", label: "1 to 4 years", fromYears: 1 },
  { band: "5to9", label: "5 to 9 years", fromYears: 5 },
  { band: "10to15", label: "10 to 15 years", fromYears: 10 },
  { band: "16plus", label: "16 years and over", fromYears: 16 },
];
