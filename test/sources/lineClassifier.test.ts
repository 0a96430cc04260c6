/**
 * The general rules of line classification (docs/sources.md, "What a line is"), each with a line it decides
 * and a neighbouring line it must not: the corpora (labelCorpus.test.ts) measure them on real labels, these
 * pin what each rule does.
 */
import { classifyLine } from "../../src/sources/lineClassifier";

function outcome(label: string): string {
  const read = classifyLine(label);
  return read.kind === "placement" ? read.category : read.kind;
}

describe("a label that joins things with and, &, / or ,", () => {
  it.each([
    ["Secure homes and children's homes", "ask"],
    ["Residential / Supported Accommodation", "ask"],
    ["Staffing & Residential Placements", "ask"],
    ["Legal and Court Costs", "excluded"],
    ["Secure children's homes / secure welfare", "secure"],
    ["Parent & Child Placements", "parentAndChild"],
    ["Family and Friends Carers", "kinship"],
    ["Kinship (family and friends) foster carers", "kinship"],
    ["Residential (incl secure & remand)", "residential"],
  ])("%s is %s", (label, expected) => {
    expect(outcome(label)).toBe(expected);
  });
});

it("remembers an outcome by the words and what joins them, not the words alone", () => {
  expect([outcome("Secure Residential"), outcome("Secure & Residential"), outcome("Secure Residential")]).toEqual([
    "secure",
    "ask",
    "secure",
  ]);
});

describe("what follows 'not' describes what the line is not", () => {
  it("reads the line before it", () => {
    expect(outcome("Semi-independent living accommodation not subject to Children's Homes Regulations")).toBe(
      "supported",
    );
    expect(outcome("Semi-independent living accommodation and children's homes")).toBe("ask");
  });
});

describe("words inside a placement phrase are no cost of their own", () => {
  it("a secure training centre holds no training cost, and is youth custody", () => {
    expect(outcome("Secure Training Centre")).toBe("other");
    expect(outcome("Young Offender Institution")).toBe("other");
    expect(outcome("Foster carer training")).toBe("excluded");
  });

  it("a cost word outside the phrase still excludes the line", () => {
    expect(outcome("Leaving care staff")).toBe("excluded");
    expect(outcome("Supported accommodation team")).toBe("excluded");
  });
});

describe("carers' payments", () => {
  it.each([
    ["Carer fee uplifts", "inHouseFostering"],
    ["Carer Prog Level 2", "inHouseFostering"],
    ["Carer Allowance Payments", "ask"],
    ["Kinship carer fees", "kinship"],
    ["Foster placements with other foster carer", "ask"],
    ["Placement fees for foster carers", "inHouseFostering"],
    ["Adult placement carer fees", "excluded"],
  ])("%s is %s", (label, expected) => {
    expect(outcome(label)).toBe(expected);
  });
});

describe("finance vocabulary", () => {
  it.each([
    ["Over-18s", "supported"],
    ["Over 16 accommodation", "supported"],
    ["Unsupported accommodation", "supported"],
    ["Youth Housing", "supported"],
    ["Supported homes payments", "supported"],
    ["CWD 52 week placements", "residential"],
    ["Residence allowances", "cao"],
    ["Residence and SGO allowances", "ask"],
    ["Mainstream fostering", "ask"],
    ["Out of Hours Foster Care", "ask"],
    ["Out of Hours Team", "excluded"],
    ["Setting Up Home Allowance", "excluded"],
    ["Retainer payments", "ask"],
    ["In-house disability services", "ask"],
    ["Community based care", "excluded"],
    ["Allowances for children living away from home", "ask"],
    ["Shared accommodation for LAC and care leavers", "supported"],
    ["Children looked after and care leavers", "ask"],
  ])("%s is %s", (label, expected) => {
    expect(outcome(label)).toBe(expected);
  });
});

describe("a cost that is not a placement joined with placements or care named outright", () => {
  it.each([
    ["Children's Safeguarding & Care", "ask"],
    ["Staffing and Placements", "ask"],
    ["Salaries / Children in Care", "ask"],
    // The general word describes something else: the line stays out.
    ["SEN EHCP (Education, Health & Care Plan)", "excluded"],
    ["Fees and Charges uplifts", "excluded"],
    ["legal and translation costs associated with CLA", "excluded"],
    ["Legal and Court Costs", "excluded"],
  ])("%s is %s", (label, expected) => {
    expect(outcome(label)).toBe(expected);
  });
});

describe("a 'who' clause describes the people the line names", () => {
  it.each([
    // 903 placement type U2: a foster placement with relatives, who are also approved adopters.
    [
      "Fostering placement with relative(s) or friend(s) who is/are also an approved adopter(s) – FFA/concurrent planning",
      "kinship",
    ],
    ["Family, Friends and Connected People who Foster", "kinship"],
    // The words before the clause do not decide: the clause says the kind.
    ["Foster carers who are relatives", "kinship"],
    ["Staff who support foster carers", "excluded"],
  ])("%s is %s", (label, expected) => {
    expect(outcome(label)).toBe(expected);
  });
});

describe("phrases read before the words", () => {
  it.each([
    // Domiciliary care for disabled children at home (Section 52 line 22), not a care home.
    ["22 Home care services", "excluded"],
    ["Residential care home", "residential"],
    ["Care home placements", "residential"],
    ["Children's home care staff", "excluded"],
    // "Aged 16+" is the age of the young people an allowance is for, not the 16+ service.
    ["Pocket Money and Clothing Allowances for Young People Aged 16+", "ask"],
    ["16+ accommodation", "supported"],
    ["Semi independent living for Looked after Children aged 16+", "supported"],
    // "Alternative to" says what the line is instead of.
    ["alternative to residential placements payment", "ask"],
    ["Residential placements payment", "residential"],
    // 903 placement type R2: a child placed in a health establishment; the NHS is no "service" line.
    ["National Health Service/Health Trust or other establishment providing medical or nursing care", "other"],
    ["Home Establishment Grant", "excluded"],
    ["Fostering Service", "ask"],
  ])("%s is %s", (label, expected) => {
    expect(outcome(label)).toBe(expected);
  });
});

describe("payments to or from other councils", () => {
  it.each([
    // A ledger account of all that passes between councils: who is paid, not what for.
    ["Payments to Other Local Authorities", "ask"],
    ["Payments from other LAs", "ask"],
    // Placements with other councils.
    ["Other LA placements", "other"],
    ["Other LA", "other"],
    ["Other Local Authority placement payments", "other"],
  ])("%s is %s", (label, expected) => {
    expect(outcome(label)).toBe(expected);
  });
});
