/**
 * What a budget line is, from its words: a placement category, not a placement cost, or a line whose
 * words cannot decide (the add-in asks). The rules are stated in docs/sources.md; this file holds the
 * word lists they use.
 *
 * A label is read as a set of words, so word order does not matter ("Fostering - Internal" is
 * "Internal Fostering"). Before matching, each word is normalised: lower case, finance abbreviations
 * expanded (IFA, OOA, Resi, SGO, UASC, S/L, P&C ...), plurals and American spellings folded, and a
 * word of six letters or more that is one edit away from a known word taken as that word (a typo).
 * Codes ("C3100", "5301") are ignored. Concepts are sets of words that must all appear.
 */
import type { PlacementCategory } from "../core/categories";

export type LineOutcome =
  | { kind: "placement"; category: PlacementCategory; decidedBy: string }
  /** `unknown`: no word says what the line is, only that none names a placement (a provider's name, "Gas"). */
  | { kind: "excluded"; decidedBy: string; unknown?: true }
  | { kind: "ask"; decidedBy: string };

/** Letter pairs joined by "&" or "/" that stand for a phrase the split into words would lose ("P&C", "S/L"). */
const LETTER_PAIRS: Readonly<Record<string, string>> = {
  "s/l": " supported lodging ",
  "p&c": " parent and child ",
  "p&b": " parent and baby ",
  "m&b": " mother and baby ",
  "f&f": " family and friend ",
  "c&f": " child and family ",
};
const LETTER_PAIR = /\b([a-z])\s*([&/])\s*([a-z])\b/g;

/** Rewrites before the label is split into words, each tried only when the label holds its sign. */
function rewritePhrases(text: string): string {
  let out = text;
  if (out.includes("&") || out.includes("/"))
    out = out.replace(
      LETTER_PAIR,
      (match, a: string, sign: string, b: string) => LETTER_PAIRS[`${a}${sign}${b}`] ?? match,
    );
  // "Aged 16+" is the age of the children a line is for ("Clothing allowances for young people aged 16+"),
  // not the 16+ service that names care leavers' accommodation.
  if (out.includes("age")) out = out.replace(/\baged?\s+(?:over\s*-?\s*)?(\d\d)\s*\+?/g, " aged $1 ");
  if (out.includes("+")) out = out.replace(/\b(\d\d)\s*\+/g, " $1 plus ");
  if (out.includes("inter")) out = out.replace(/\binter\s*-?\s*agency\b/g, " interagency ");
  // "Over-18s" is "18+": the age band of care leavers' accommodation.
  if (out.includes("over")) out = out.replace(/\bover\s*-?\s*(\d\d)s?\b/g, " $1 plus ");
  // "Children living away from home" names no children's home.
  if (out.includes("away")) out = out.replace(/\baway from home\b/g, " away ");
  // "Home care" is care given in the family's home (domiciliary care), where a "care home" is residential.
  if (out.includes("home care"))
    out = out.replace(
      /(?<!\b(?:child|children|childrens|residential|nursing|foster)\s)\bhome care\b/g,
      " domiciliary care ",
    );
  // The NHS is a body, not a "service" line of a setting.
  if (out.includes("national")) out = out.replace(/\bnational health service\b/g, " nhs ");
  // "Alternative to residential placements" is what the line is instead of: read like "not".
  if (out.includes("alternative")) out = out.replace(/\balternatives?\s+to\b/g, " alternative except ");
  return out;
}

/** One word standing for several (after plurals are folded). */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ifa: "independent fostering agency",
  ifp: "independent fostering agency",
  ooa: "out of area",
  oob: "out of area",
  ooc: "out of area",
  res: "residential",
  resi: "residential",
  resis: "residential",
  indep: "independent",
  ind: "independent",
  sgo: "special guardianship",
  sgso: "special guardianship",
  cao: "child arrangement order",
  ro: "residence order",
  rgo: "residence order",
  lac: "looked after child",
  cla: "looked after child",
  cic: "child in care",
  uasc: "unaccompanied asylum seeking child",
  pvi: "voluntary independent",
  sails: "supported accommodation",
  sail: "supported accommodation",
  la: "local authority",
  las: "local authority",
  inhouse: "in house",
  ih: "in house",
  int: "internal",
  ext: "external",
  accom: "accommodation",
  prog: "programme",
  accomm: "accommodation",
  acc: "accommodation",
  allow: "allowance",
  allce: "allowance",
  pwp: "placed with parent",
  cwd: "disabled child",
  yp: "young people",
  raa: "regional adoption agency",
  iro: "independent reviewing officer",
  iros: "independent reviewing officer",
  yot: "youth offending",
  yos: "youth offending",
  nrpf: "no recourse public fund",
  slippage: "slippage",
  childrens: "child",
  children: "child",
  childs: "child",
  carers: "carer",
  semiindependent: "semi independent",
  semiindependence: "semi independent",
  independence: "independent",
  fostercare: "foster care",
  fostercarer: "foster carer",
};

/** American spellings and other variants of one word. */
const VARIANTS: Readonly<Record<string, string>> = {
  program: "programme",
  center: "centre",
  behavior: "behaviour",
  organization: "organisation",
  specialized: "specialised",
  guardian: "guardianship",
  guardians: "guardianship",
  foster: "fostering",
  fostered: "fostering",
  arrangements: "arrangement",
  lodgings: "lodging",
  housing: "accommodation",
  homes: "home",
  resident: "residential",
  salaries: "salary",
  wages: "salary",
  pay: "salary",
  employees: "employee",
  staffing: "staff",
  agencies: "agency",
  leavers: "leaver",
  looked: "looked",
  adoptions: "adoption",
  adopters: "adopter",
  adoptive: "adoption",
  relatives: "relative",
  contributions: "contribution",
  grants: "grant",
  recharges: "recharge",
  fees: "fee",
  orders: "order",
  persons: "person",
  friends: "friend",
  parents: "parent",
  babies: "baby",
  placements: "placement",
  services: "service",
  teams: "team",
  breaks: "break",
  costs: "cost",
  allowances: "allowance",
  payments: "payment",
};

/**
 * Concepts: each is the words that must all appear. Excluded concepts win over everything (a line that
 * names staff, income or legal costs is not a placement cost, whatever setting it also names).
 */
const EXCLUDED: readonly string[] = [
  "salary",
  "staff",
  "employee",
  "pension",
  "agency staff",
  "social work",
  "social worker",
  "team",
  "legal",
  "court",
  "solicitor",
  "recruitment",
  "recruiting",
  "training",
  "transport",
  "travel",
  "mileage",
  "contact",
  "income",
  "contribution",
  "grant",
  "recharge",
  "management",
  "manager",
  "administration",
  "admin",
  "business support",
  "premise",
  "premises",
  "building",
  "overhead",
  "depreciation",
  "capital charge",
  "insurance",
  "supplies",
  "equipment",
  "short break",
  "respite",
  "private fostering",
  "regional adoption agency",
  "independent reviewing officer",
  "reviewing officer",
  "early help",
  "family support",
  "safeguarding",
  "section 17",
  "s17",
  "direct payment",
  "no recourse public fund",
  "advocacy",
  "independent visitor",
  "virtual school",
  "edge care",
  "savings",
  "saving",
  "reserve",
  "reserves",
  "consultancy",
  "professional fee",
  "course",
  "exam",
  "hire",
  "lease",
  "vehicle",
  "printing",
  "advertising",
  "furniture",
  "fixtures",
  "materials",
  "consumables",
  "food",
  "electricity",
  "gas",
  "water",
  "refuse",
  "cleaning",
  "telephone",
  "repair",
  "repairs",
  "software",
  "book",
  "publication",
  "early years",
  "early intervention",
  "sure start",
  "child centre",
  "youth work",
  "youth support",
  "connexions",
  "troubled families",
  "preventative",
  "child protection",
  "child death",
  "student",
  "substance",
  "teenage pregnancy",
  "trust fund",
  "partnership",
  "strategy",
  "cera",
  "capital",
  "deficit",
  "academy",
  "visit",
  "visits",
  "business rate",
  "attendance",
  "attendence",
  "emergency duty",
  "harmful behaviour",
  "parenting assessment",
  "subscription",
  "community care",
  // A care leaver's one-off grant for furnishing a first home ("Setting Up Home Allowance"), not a placement.
  "setting up home",
  // Care given in the family's home (see rewritePhrases), as "domiciliary care" is named too.
  "domiciliary",
];

/**
 * Not placement costs unless the label also names a placement type: "Residential special school" is
 * Residential, "Secure accommodation (youth justice)" is Secure, but "Education of looked after
 * children" and "Youth Justice" are not placement costs.
 */
const WEAK_EXCLUDED: readonly string[] = [
  "school",
  "sen",
  "education",
  "educational",
  "special educational need",
  "curriculum",
  "youth offending",
  "youth justice",
  "adult",
  "employment",
  "charge",
  "sale",
  "referral",
];

/** Categories that name a kind of placement inside a wider setting: each wins over the settings it may be named with. */
const SPECIFIC: readonly (readonly [PlacementCategory, readonly string[]])[] = [
  ["stayingPut", ["staying put"]],
  [
    "placedWithParents",
    ["placed with parent", "placement with parent", "placed at home", "placed home", "parental responsibility"],
  ],
  [
    "parentAndChild",
    [
      "parent child",
      "parent baby",
      "mother baby",
      "residential family assessment",
      "family assessment centre",
      "family centre",
    ],
  ],
  // Youth custody, not a secure children's home: named before "secure" so that the secure estate's other
  // settings are not read as one ("Secure Training Centre" is custody, and its "training" is no training cost).
  ["other", ["young offender institution", "secure training centre"]],
  ["secure", ["secure"]],
  ["sgo", ["special guardianship"]],
  ["cao", ["child arrangement order", "child arrangement", "residence order", "residence allowance"]],
  ["adoption", ["adoption allowance", "adoption", "adopter", "interagency"]],
  [
    "kinship",
    [
      "kinship",
      "connected person",
      "connected people",
      "connected carer",
      "family friend",
      "relative friend",
      "relative",
      "reg 24",
      "regulation 24",
    ],
  ],
];

/** The settings themselves: a label naming two of them (and nothing more specific) is asked about. */
const SETTINGS: readonly (readonly [PlacementCategory, readonly string[]])[] = [
  [
    "supported",
    [
      "supported accommodation",
      "supported lodging",
      "supported living",
      "supported tenancy",
      "semi independent",
      "independent living",
      "leaving care",
      "care leaver",
      "16 plus",
      "18 plus",
      "post 16",
      "post 18",
      "lodging",
      "supported lodging",
      "hostel",
      // Care leavers' own tenancies, with or without support, are counted with supported accommodation.
      "unsupported accommodation",
      "youth accommodation",
      // Hosts' homes for 16+ young people, as supported lodgings are also called ("Supported Homes").
      "supported home",
      "young people accommodation",
    ],
  ],
  [
    "ifa",
    [
      "independent fostering",
      "fostering agency",
      "agency fostering",
      "external fostering",
      "purchased fostering",
      "commissioned fostering",
      "private fostering agency",
      "independent fostering agency",
      "fostering independent",
      "voluntary independent fostering",
    ],
  ],
  [
    "inHouseFostering",
    [
      "in house fostering",
      "internal fostering",
      "council fostering",
      "local authority fostering",
      "own fostering",
      "boarding out",
      // Implied: allowances and fees paid to foster carers are the council's own carers' (agencies are paid
      // as agencies), unless the label names an agency too.
      "~fostering allowance",
      "~fostering fee",
      "~fostering payment",
      "~fostering carer",
      "~fostering reward",
      "~fostering supplement",
      "~fostering enhancement",
      // Fees, rewards and payment levels are paid to approved foster carers (for their skills), where kinship
      // carers and special guardians get allowances: a carer's fee is a foster carer's, a carer's allowance is not.
      "~carer fee",
      "~carer reward",
      "~carer level",
    ],
  ],
  [
    "residential",
    ["residential", "child home", "home child", "care home", "residential school", "residential placement", "52 week"],
  ],
];

/** Placements with other councils ("Other LA"). */
const OTHER_COUNCILS = "other local authority";

/** Placement costs of no named setting: Other, but only when the label names no setting ("UASC supported accommodation" is Supported). */
const OTHER: readonly (readonly [PlacementCategory, readonly string[]])[] = [
  [
    "other",
    [
      "unaccompanied asylum seeking",
      "unaccompanied",
      OTHER_COUNCILS,
      "remand",
      "unregistered",
      // A child placed in a hospital or other health establishment ("establishment providing medical or nursing care").
      "medical establishment",
      "nursing establishment",
    ],
  ],
];

/** Used only when nothing above matches: too general to decide against anything more specific. */
const WEAK: readonly (readonly [PlacementCategory, readonly string[]])[] = [["inHouseFostering", ["in house"]]];

/** Words that show a line is about placements without saying which kind: the add-in asks. */
const PLACEMENT_WORDS: readonly string[] = [
  "fostering",
  "supported",
  "adopter",
  "placement",
  "placed",
  "looked after",
  "child in care",
  "cared for",
  "out of area",
  "external",
  "agency",
  "independent",
  "joint funded",
  "care",
  "carer",
  "accommodation",
  "allowance",
  "fee",
  "payment",
  "third party",
  "commissioned",
  "purchased",
  "asylum",
  "enhancement",
  "enhanced",
  "standard",
  "tier",
  "level",
  "reward",
  "supplement",
  "uplift",
  "client",
  "corporate parenting",
  "support group",
  "provision",
  "in house",
  "relevant child",
  // Paid to carers or providers to hold a placement open between children.
  "retainer",
];

interface Concept {
  words: readonly string[];
  text: string;
  /** Marked "~" in the lists: decides only when no other setting is named. */
  implied: boolean;
}

function concepts(list: readonly string[]): Concept[] {
  return list.map((entry) => {
    const text = entry.replace(/^~/, "");
    return { text, words: text.split(" ").map(foldWord), implied: entry.startsWith("~") };
  });
}

const EXCLUDED_CONCEPTS = concepts(EXCLUDED);
const WEAK_EXCLUDED_CONCEPTS = concepts(WEAK_EXCLUDED);
const OTHER_CONCEPTS = OTHER.map(([category, list]) => [category, concepts(list)] as const);
const SPECIFIC_CONCEPTS = SPECIFIC.map(([category, list]) => [category, concepts(list)] as const);
const SETTING_CONCEPTS = SETTINGS.map(([category, list]) => {
  const all = concepts(list);
  return [category, all, all.filter((concept) => !concept.implied)] as const;
});
const WEAK_CONCEPTS = WEAK.map(([category, list]) => [category, concepts(list)] as const);
const PLACEMENT_CONCEPTS = concepts(PLACEMENT_WORDS);
/** How an outcome decided by an implied concept reads ("'fostering carer'"). */
const IMPLIED_DECISIONS: ReadonlySet<string> = new Set(
  SETTING_CONCEPTS.flatMap(([, list]) => list.filter((c) => c.implied).map((c) => `'${c.text}'`)),
);

/** A word as the concepts spell it: variants and plurals folded. */
function foldWord(word: string): string {
  if (Object.hasOwn(VARIANTS, word)) return VARIANTS[word];
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (/^\d+s$/.test(word)) return word.slice(0, -1);
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Every word the concepts use: a word that is one of them is never taken for a typo. */
const KNOWN_WORDS: ReadonlySet<string> = new Set(
  [
    ...EXCLUDED_CONCEPTS,
    ...WEAK_EXCLUDED_CONCEPTS,
    ...PLACEMENT_CONCEPTS,
    ...[...SPECIFIC_CONCEPTS, ...SETTING_CONCEPTS, ...OTHER_CONCEPTS, ...WEAK_CONCEPTS].flatMap(([, list]) => list),
  ].flatMap((concept) => concept.words),
);
/**
 * The words a typo is corrected to: those naming a placement type (six letters or more). Not the words of
 * costs that are not placements: a real word one letter from one of those ("contract" and "contact",
 * "source" and "course") would leave a placement line out.
 */
const TYPO_TARGETS = [
  ...new Set(
    [...SPECIFIC_CONCEPTS, ...SETTING_CONCEPTS, ...OTHER_CONCEPTS].flatMap(([, list]) =>
      list.flatMap((concept) => concept.words),
    ),
  ),
].filter((word) => word.length >= 6);
/** Words in their own right one letter from a placement word, never typos of it. */
const REAL_WORDS: ReadonlySet<string> = new Set([
  "secured",
  "securing",
  "securer",
  "fosters",
  "placed",
  "parents",
  "houses",
  "caring",
  "cared",
  "carers",
  "supports",
  "supporting",
  "supporter",
  "presidential",
  "demand",
  "giving",
  "having",
  "moving",
  "hoarding",
  "eternal",
  "residency",
]);

/** Whether a and b differ by one insertion, deletion, substitution or swap of two neighbours. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function corrected(word: string): string {
  if (word.length < 6 || KNOWN_WORDS.has(word) || REAL_WORDS.has(word)) return word;
  return TYPO_TARGETS.find((known) => oneEditApart(word, known)) ?? word;
}

/** The label's words, normalised (see the file comment). */
export function labelWords(label: string): string[] {
  return labelTokens(label).filter((token) => token !== JOIN);
}

/** Stands in a label's tokens for "&", "/", "," or ";", which join two things ("Secure / Residential"). */
const JOIN = "/";

/** The label's words, normalised, with JOIN where a sign joins two things. */
function labelTokens(label: string): string[] {
  const text = rewritePhrases(label.toLowerCase().replace(/['\u2018\u2019`]/g, ""));
  const out: string[] = [];
  // Signs are rare: a label without one is split into words alone.
  const signed = SIGN.test(text);
  for (const chunk of text.split(signed ? /[^a-z0-9&/,;]+/ : /[^a-z0-9]+/)) {
    if (chunk === "") continue;
    if (!signed || !SIGN.test(chunk)) {
      pushWords(chunk, out);
      continue;
    }
    // Words and signs run together ("Fostering/Adoption").
    for (const raw of chunk.split(/([&/,;])/)) {
      if (raw === "") continue;
      if (SIGN.test(raw)) {
        if (out.length > 0 && out[out.length - 1] !== JOIN) out.push(JOIN);
      } else pushWords(raw, out);
    }
  }
  return out;
}

const SIGN = /[&/,;]/;

function pushWords(raw: string, out: string[]): void {
  let normal = tokens.get(raw);
  if (normal === undefined) {
    normal = normalToken(raw);
    if (tokens.size >= MAX_REMEMBERED) tokens.clear();
    tokens.set(raw, normal);
  }
  for (const word of normal) out.push(word);
}

/**
 * The things a label joins with "and", "&", "/", "," or ";" (before any "incl"/"excl"), each as its words:
 * "Secure homes and children's homes" is two things. Phrases that hold "and" ("Parent and Child",
 * "Family and Friends") come apart too, but their halves name nothing on their own.
 */
function labelParts(labelTokens: readonly string[]): string[][] {
  const parts: string[][] = [[]];
  for (const token of labelTokens) {
    if (HEAD_END.test(token)) break;
    if (token === JOIN || token === "and") parts.push([]);
    else parts[parts.length - 1].push(token);
  }
  const named = parts.filter((part) => part.length > 0);
  return named.length > 1 ? named : [];
}

/** The words one token of a label stands for: none for a code, several for an abbreviation. */
function normalToken(raw: string): readonly string[] {
  if (isCode(raw)) return [];
  const folded = foldWord(raw);
  const expanded = Object.hasOwn(ABBREVIATIONS, raw)
    ? ABBREVIATIONS[raw]
    : Object.hasOwn(ABBREVIATIONS, folded)
      ? ABBREVIATIONS[folded]
      : undefined;
  return (expanded ?? raw).split(" ").map((word) => corrected(foldWord(word)));
}

const tokens = new Map<string, readonly string[]>();

/** A ledger code ("C3100", "5301", "R12A"): digits with or without letters, but not a 1-2 digit age ("16"). */
function isCode(word: string): boolean {
  return /\d/.test(word) && !/^\d{1,2}s?$/.test(word) && word !== "s17";
}

/** Words after which a label says what the line contains or is not ("incl secure", "not subject to Children's Homes Regulations"). */
const HEAD_END = /^(incl|including|inc|excl|excluding|exc|exl|except|not)$/;

/** The part of a label before "incl" / "excl" / "not": what the line is, as opposed to what it contains or is not. */
function headWords(words: string[]): string[] {
  const at = words.findIndex((word, i) => i > 0 && HEAD_END.test(word));
  return at > 0 ? words.slice(0, at) : words;
}

function has(words: ReadonlySet<string>, concept: Concept): boolean {
  return concept.words.every((word) => words.has(word));
}

/** Each list's concepts by their first word, with their place in the list: a label checks only the concepts that start with one of its words. */
const indexes = new WeakMap<readonly Concept[], Map<string, { at: number; concept: Concept }[]>>();

function indexOf(list: readonly Concept[]): Map<string, { at: number; concept: Concept }[]> {
  let index = indexes.get(list);
  if (!index) {
    index = new Map();
    list.forEach((concept, at) => {
      const entries = index?.get(concept.words[0]) ?? [];
      entries.push({ at, concept });
      index?.set(concept.words[0], entries);
    });
    indexes.set(list, index);
  }
  return index;
}

/** The first concept of the list (in the list's order) whose words are all among the label's. */
function firstMatch(words: ReadonlySet<string>, list: readonly Concept[]): Concept | undefined {
  const index = indexOf(list);
  let best: { at: number; concept: Concept } | undefined;
  for (const word of words) {
    for (const entry of index.get(word) ?? []) {
      if ((best === undefined || entry.at < best.at) && has(words, entry.concept)) best = entry;
    }
  }
  return best?.concept;
}

const STOP_WORDS = new Set([
  "and",
  "of",
  "the",
  "for",
  "with",
  "to",
  "in",
  "on",
  "at",
  "a",
  "total",
  "sub",
  "subtotal",
  "net",
  "gross",
  "other",
]);

/**
 * What a line is. Total words are ignored ("Total Residential" is Residential); what follows "incl" or
 * "excl" describes the contents, not the line ("Residential (incl secure)" is Residential).
 */
export function classifyLine(label: string): LineOutcome {
  const labelled = labelTokens(label);
  // The outcome depends on the words (and what joins them) alone: a ledger's thousands of rows repeat a few
  // dozen descriptions.
  const key = labelled.join(" ");
  const known = outcomes.get(key);
  if (known !== undefined) return known;
  const outcome = describedOutcome(labelled) ?? tokensOutcome(labelled.filter((token) => token !== "who"));
  if (outcomes.size >= MAX_REMEMBERED) outcomes.clear();
  outcomes.set(key, outcome);
  return outcome;
}

const outcomes = new Map<string, LineOutcome>();

function tokensOutcome(labelled: readonly string[]): LineOutcome {
  const all = labelled.filter((token) => token !== JOIN);
  return joinedOutcome(outcomeOfWords(all), () => labelParts(labelled));
}

/**
 * A "who" clause describes the people the line names ("Fostering placement with relatives who are also
 * approved adopters" is kinship): when the words before it decide outright, the clause does not change that.
 * When they do not ("Foster carers who are relatives"), the clause may say the kind, and the whole label is read.
 */
function describedOutcome(labelled: readonly string[]): LineOutcome | null {
  const at = labelled.indexOf("who");
  if (at <= 0) return null;
  const before = tokensOutcome(labelled.slice(0, at));
  if (before.kind === "placement" && !IMPLIED_DECISIONS.has(before.decidedBy)) return before;
  if (before.kind === "excluded" && before.unknown !== true) return before;
  return null;
}

/** The outcome of one of the things a label joins: the same few parts recur across a ledger's rows. */
function partOutcome(words: string[]): LineOutcome {
  const key = words.join(" ");
  const known = partOutcomes.get(key);
  if (known !== undefined) return known;
  const outcome = outcomeOfWords(words);
  if (partOutcomes.size >= MAX_REMEMBERED) partOutcomes.clear();
  partOutcomes.set(key, outcome);
  return outcome;
}

const partOutcomes = new Map<string, LineOutcome>();

/**
 * A label that joins two things is asked about when they are different placement categories ("Secure homes
 * and children's homes"), or when it joins a cost that is not a placement with placements ("Children's
 * Safeguarding & Care"): either way one category, or leaving the line out, would be wrong for part of it.
 */
function joinedOutcome(whole: LineOutcome, splitParts: () => string[][]): LineOutcome {
  if (whole.kind === "ask" || (whole.kind === "excluded" && whole.unknown === true)) return whole;
  const parts = splitParts();
  if (parts.length === 0) return whole;
  // A part placed only by an implied concept ("friends) foster carers" of "Kinship (family and friends) foster
  // carers") says less than the part that names its kind.
  const each = parts.map(partOutcome).filter((o) => !(o.kind === "placement" && IMPLIED_DECISIONS.has(o.decidedBy)));
  const placed = each.filter((o) => o.kind === "placement");
  const categories = new Set(placed.map((o) => o.category));
  if (categories.size > 1) return { kind: "ask", decidedBy: `joins ${placed.map((o) => o.decidedBy).join(" and ")}` };
  const notPlacement = each.find((o) => o.kind === "excluded" && o.unknown !== true);
  if (whole.kind === "excluded" && placed.length > 0 && notPlacement) {
    return {
      kind: "ask",
      decidedBy: `joins ${notPlacement.decidedBy.replace(/: not a placement cost$/, "")} with ${placed[0].decidedBy}`,
    };
  }
  // A cost that is not a placement joined with placements or care named outright ("Children's Safeguarding &
  // Care", "Staffing and Placements"): the other part is placement spend of some kind, so leaving the whole
  // line out would be wrong for it. Only a part that says nothing more counts: in "Fees & Charges" or
  // "Health & Care Plan" the general word describes something else.
  if (whole.kind === "excluded") {
    const bare = parts.find((part) => isBarePlacementWord(part));
    if (bare) {
      return {
        kind: "ask",
        decidedBy: `joins ${whole.decidedBy.replace(/: not a placement cost$/, "")} with '${bare.join(" ")}'`,
      };
    }
  }
  return whole;
}
const MAX_REMEMBERED = 50_000;

/** Words that name placements or care outright, without saying which kind. */
const BARE_PLACEMENT_WORDS = concepts(["care", "placement", "looked after", "fostering"]);

/** Words that say how much or for whom, not what: "Children's placement costs" says only "placements". */
const AMOUNT_WORDS: ReadonlySet<string> = new Set(["cost", "budget", "spend", "expenditure", "child"]);

/** Whether a part of a label says only "care" or "placements" (with words that say nothing of its kind). */
function isBarePlacementWord(part: readonly string[]): boolean {
  const meaningful = part.filter((word) => !STOP_WORDS.has(word) && !AMOUNT_WORDS.has(word));
  if (meaningful.length === 0) return false;
  const words = new Set(meaningful);
  const named = BARE_PLACEMENT_WORDS.find((concept) => has(words, concept));
  return named !== undefined && meaningful.every((word) => named.words.includes(word));
}

function outcomeOfWords(all: string[]): LineOutcome {
  const head = new Set(headWords(all));
  const words = new Set(all);
  const excluded = firstMatch(head, EXCLUDED_CONCEPTS) && firstMatch(withoutPlacementPhrases(head), EXCLUDED_CONCEPTS);
  if (excluded) return { kind: "excluded", decidedBy: `'${excluded.text}': not a placement cost` };
  const placement = placementOf(head);
  if (placement !== null) {
    // A "service" line of a setting mixes its staff with its placements: "Adoption services", "Fostering Service".
    if (words.has("service") && !SERVICE_WITH_PLACEMENTS.some((word) => words.has(word))) {
      return {
        kind: "ask",
        decidedBy: `${placement.decidedBy} names a service, which may hold staff as well as placements`,
      };
    }
    return placement;
  }
  const weakExcluded = firstMatch(head, WEAK_EXCLUDED_CONCEPTS);
  if (weakExcluded) return { kind: "excluded", decidedBy: `'${weakExcluded.text}': not a placement cost` };
  const general = firstMatch(words, PLACEMENT_CONCEPTS);
  if (general) return { kind: "ask", decidedBy: `'${general.text}' does not say which kind of placement` };
  const meaningful = all.filter((word) => !STOP_WORDS.has(word));
  if (meaningful.length === 0) return { kind: "ask", decidedBy: "no words that say what the line is" };
  return { kind: "excluded", decidedBy: "names no placement, carer or care cost", unknown: true };
}

/** Placement phrases of several words: words inside one do not also count as a cost that is not a placement. */
const PLACEMENT_PHRASES: readonly Concept[] = [...SPECIFIC_CONCEPTS, ...SETTING_CONCEPTS, ...OTHER_CONCEPTS]
  .flatMap(([, list]) => list)
  .filter((concept) => concept.words.length > 1);

/** The words left when placement phrases are taken out: "Secure Training Centre" holds no training cost. */
function withoutPlacementPhrases(head: ReadonlySet<string>): ReadonlySet<string> {
  const index = indexOf(PLACEMENT_PHRASES);
  const inPhrases = [...head].flatMap((word) =>
    (index.get(word) ?? []).filter((entry) => has(head, entry.concept)).flatMap((entry) => entry.concept.words),
  );
  if (inPhrases.length === 0) return head;
  return new Set([...head].filter((word) => !inPhrases.includes(word)));
}

const LEAVERS: ReadonlySet<string> = new Set(["leaving care", "care leaver"]);
const LOOKED_AFTER = concepts(["looked after", "child in care"]);

/** The kinds of fostering: a label naming one of them and "fostering" names one setting. */
const FOSTERING_KINDS: ReadonlySet<PlacementCategory> = new Set(["ifa", "inHouseFostering", "kinship"]);

/** Words that say nothing of the kind of a line beside "In House". */
const GENERIC_WORDS: ReadonlySet<string> = new Set([
  "placement",
  "cost",
  "child",
  "budget",
  "spend",
  "expenditure",
  "0",
  "18",
  "to",
]);

/** Allowances paid under orders or adoption: a line naming two of them mixes them. */
const ORDER_ALLOWANCES: ReadonlySet<PlacementCategory> = new Set(["sgo", "cao", "adoption"]);

/** Words naming what carers are paid. */
const CARER_PAYMENTS = ["allowance", "fee", "payment", "reward"];

/** Words that make a "service" line a placement cost after all ("Fostering service allowances"). */
const SERVICE_WITH_PLACEMENTS = ["placement", "allowance", "fee", "payment"];

/** The placement category the words name, or an "ask" when they name two settings; null when they name none. */
function placementOf(head: ReadonlySet<string>): LineOutcome | null {
  const orders = SPECIFIC_CONCEPTS.filter(([category]) => ORDER_ALLOWANCES.has(category)).flatMap(([, list]) => {
    const found = firstMatch(head, list);
    return found ? [`'${found.text}'`] : [];
  });
  if (orders.length > 1)
    return { kind: "ask", decidedBy: `names more than one kind of allowance (${orders.join(" and ")})` };
  for (const [category, list] of SPECIFIC_CONCEPTS) {
    const found = firstMatch(head, list);
    if (found) return { kind: "placement", category, decidedBy: `'${found.text}'` };
  }
  const settings = SETTING_CONCEPTS.flatMap(([category, list, explicit]) => {
    const found = firstMatch(head, explicit) ?? firstMatch(head, list);
    return found ? [{ category, found }] : [];
  });
  const distinct = settingsNamed(settings);
  if (distinct.length === 1) {
    const [only] = distinct;
    // "Residential and Fostering Placements": a setting named with fostering that is not one of its kinds.
    if (head.has("fostering") && !FOSTERING_KINDS.has(only.category))
      return { kind: "ask", decidedBy: `names '${only.found.text}' and fostering` };
    // "Children Looked After and Care Leavers": care leavers' accommodation named with all looked-after children.
    // ("Shared accommodation for LAC and care leavers" says accommodation, so it is supported accommodation.)
    if (
      only.category === "supported" &&
      LEAVERS.has(only.found.text) &&
      !head.has("accommodation") &&
      (has(head, LOOKED_AFTER[0]) || has(head, LOOKED_AFTER[1]))
    ) {
      return { kind: "ask", decidedBy: `names '${only.found.text}' and looked-after children` };
    }
    if (only.found.implied) {
      // Carers' payments are foster carers' only in a placements budget: "Adult carers allowance" is not.
      if (firstMatch(head, WEAK_EXCLUDED_CONCEPTS)) return null;
      // "Foster placements with other foster carer": placements with carers, not the carers' own payments.
      if (head.has("placement") && !CARER_PAYMENTS.some((word) => head.has(word)))
        return { kind: "ask", decidedBy: `'${only.found.text}' with placements does not say whose carers` };
    }
    return { kind: "placement", category: only.category, decidedBy: `'${only.found.text}'` };
  }
  if (distinct.length > 1) {
    return {
      kind: "ask",
      decidedBy: `names more than one setting (${distinct.map((s) => `'${s.found.text}'`).join(" and ")})`,
    };
  }
  for (const [category, list] of OTHER_CONCEPTS) {
    const found = firstMatch(head, list);
    // "Payments to (or from) other local authorities" is a ledger account of all that passes between councils
    // (recharges, contributions and services as well as placements in their homes): it names who is paid, not
    // what for. "Other LA placement payments" names placements.
    if (found?.text === OTHER_COUNCILS && head.has("payment") && !head.has("placement"))
      return { kind: "ask", decidedBy: `payments with '${OTHER_COUNCILS}' do not say what they are for` };
    if (found) return { kind: "placement", category, decidedBy: `'${found.text}'` };
  }
  // "In House" decides only when nothing else is said: "In-house Disability Provision" is not fostering.
  for (const [category, list] of WEAK_CONCEPTS) {
    const found = firstMatch(head, list);
    const rest = [...head].filter(
      (word) => !found?.words.includes(word) && !STOP_WORDS.has(word) && !GENERIC_WORDS.has(word),
    );
    if (found && rest.length === 0) return { kind: "placement", category, decidedBy: `'${found.text}'` };
  }
  return null;
}

/** The settings a label names: one matched only through an implied concept gives way to any named outright. */
function settingsNamed<T extends { category: PlacementCategory; found: Concept }>(found: T[]): T[] {
  const explicit = found.filter((f) => !f.found.implied);
  return explicit.length > 0 ? explicit : found;
}

/** The placement category a label names, or null when it is not a placement cost or needs a choice. */
export function categoryOfLabel(label: string): PlacementCategory | null {
  const outcome = classifyLine(label);
  return outcome.kind === "placement" ? outcome.category : null;
}
