import {
  categoriseLabel,
  classifyHeader,
  classifyPlacementHeader,
  financialYearInText,
  isLabelHeader,
  isNoteLabel,
  isSummaryLabel,
  normaliseWords,
  periodInText,
  totalKind,
} from "../../src/sources/vocabulary";

describe("placement category synonyms", () => {
  // Every name the usual placement-type synonyms give, with the category it names.
  it.each([
    ["Residential", "residential"],
    ["Indep Resi", "residential"],
    ["External Residential", "residential"],
    ["Children's Homes", "residential"],
    ["IFA", "ifa"],
    ["IFP", "ifa"],
    ["Independent Fostering", "ifa"],
    ["In House Fostering", "inHouseFostering"],
    ["Internal Fostering", "inHouseFostering"],
    ["Council Fostering", "inHouseFostering"],
    ["LA Fostering", "inHouseFostering"],
    ["Supported Living incl SAILS and Supported Lodgings", "supported"],
    ["SaILs", "supported"],
    ["Semi-independent", "supported"],
    ["Leaving Care", "supported"],
    ["16+ Accommodation", "supported"],
    ["Staying Put", "stayingPut"],
    ["SGO", "sgo"],
    ["CAO", "cao"],
    ["Adoption Allowances", "adoption"],
    ["placed with parents", "placedWithParents"],
    ["kinship", "kinship"],
    ["connected persons", "kinship"],
    ["secure", "secure"],
    ["parent and child", "parentAndChild"],
  ])("synonym: %j is %s", (label, category) => {
    expect(categoriseLabel(label)).toBe(category);
  });

  // Every line name of the published strategy's tables (lines 610-714) and the list.
  it.each([
    ["Residential Placements", "residential"],
    ["In House", "inHouseFostering"],
    ["Special Guardianship Orders", "sgo"],
    ["Child Arrangement Orders", "cao"],
    ["Fostering In house – 0 to 18", "inHouseFostering"],
    ["Fostering IFP - 0-18", "ifa"],
    ["Staying Put – 16 to 21", "stayingPut"],
    ["Semi Independent Accommodation (SaILs)", "supported"],
    ["Residential Children’s Homes – 0 to 18", "residential"],
    ["Supported Living incl SAILS and Supported \nLodgings", "supported"],
  ])("the published strategy: %j is %s", (label, category) => {
    expect(categoriseLabel(label)).toBe(category);
  });

  it.each([
    ["RESIDENTIAL", "residential"],
    ["in-house fostering", "inHouseFostering"],
    ["In  House   Fostering", "inHouseFostering"],
    ["Inhouse Fostering", "inHouseFostering"],
    ["Parent & Child", "parentAndChild"],
    ["Mother and Baby Unit", "parentAndChild"],
    ["Kinship/Connected Persons", "kinship"],
    ["Family & Friends Carers", "kinship"],
    ["Independent Fostering Agencies", "ifa"],
    ["Agency fostering", "ifa"],
    ["Special Guardianship Allowances", "sgo"],
    ["SGOs", "sgo"],
    ["Residence Orders", "cao"],
    ["Child Arrangements Orders", "cao"],
    ["Placement with Parents", "placedWithParents"],
    ["Secure Welfare", "secure"],
    ["Care Leavers", "supported"],
    ["Supported Accommodation", "supported"],
  ])("robust to case, punctuation and spelling: %j is %s", (label, category) => {
    expect(categoriseLabel(label)).toBe(category);
  });

  it.each([
    ["In House Fostering - Staying Put", "stayingPut", "Staying Put young people are 18+, whichever service pays"],
    ["IFA - Parent and Child", "parentAndChild", "the specific setting wins"],
    ["Secure Children's Home", "secure", "secure before residential"],
    ["Kinship SGO", "sgo", "an SGO allowance paid to kin"],
    ["Residential (incl secure)", "residential", "what follows incl is content, not the line"],
    ["In House Residential", "residential", "'In House' alone is weak"],
    ["In House Fostering (excl Staying Put)", "inHouseFostering", "what follows excl is not the line"],
    ["Total Residential", "residential", "total words are ignored"],
  ])("decides %j as %s (%s)", (label, category) => {
    expect(categoriseLabel(label)).toBe(category);
  });

  it.each([
    ["Fostering"],
    ["Short Breaks"],
    ["Residential short breaks"],
    ["Respite care"],
    ["Private Fostering"],
    ["Fostering recruitment"],
    ["Residential staffing"],
    ["Support Packages"],
    ["Cherry Road"],
    ["Local Solutions"],
    ["Emergency Safety Accommodation"],
    ["Securing placements"],
    ["Independent Reviewing Officers"],
    ["Staying Put grant"],
    ["Adoption contribution to RAA"],
    ["Internal recharges"],
    ["Transport"],
    ["Tariff"],
    ["Total"],
    [""],
  ])("near miss %j names no category", (label) => {
    expect(categoriseLabel(label)).toBeNull();
  });

  it("normalises words the same way everywhere", () => {
    expect(normaliseWords("Children’s Homes (Indep.) & 16+")).toBe("childrens homes indep and 16 plus");
  });
});

describe("budget column headers", () => {
  it.each([
    ["P10 Current Expenditure", "actualToDate"],
    ["Actual to date", "actualToDate"],
    ["YTD actual", "actualToDate"],
    ["Spend to date", "actualToDate"],
    ["Expenditure to date", "actualToDate"],
    ["Actual", "actualToDate"],
    ["Actual P10", "actualToDate"],
    ["Actual to date (incl commitments)", "actualToDate"],
    ["Commitments", "commitments"],
    ["Committed", "commitments"],
    ["Forecast 21/22 Expenditure", "forecastOutturn"],
    ["Forecast 21/22 \nExpenditure", "forecastOutturn"],
    ["Projected outturn", "forecastOutturn"],
    ["Forecast", "forecastOutturn"],
    ["Forecast Outturn £'000", "forecastOutturn"],
    ["Full year forecast", "forecastOutturn"],
    ["Outturn", "forecastOutturn"],
    ["Variance", "variance"],
    ["Variance to budget", "variance"],
    ["Over/(under) spend", "variance"],
    ["(Under)/Overspend", "variance"],
    ["Forecast variance", "variance"],
    ["Movement", "movement"],
    ["Movement from P9", "movement"],
    ["Movement in forecast", "movement"],
    ["Change since last month", "movement"],
    ["No. of placements", "placements"],
    ["Number of placements", "placements"],
    ["FTE", "placements"],
    ["Numbers", "placements"],
    ["Number of children", "placements"],
    ["Budgeted FTE", "placements"],
    ["Avg weekly cost", "averageWeeklyCost"],
    ["Average weekly cost", "averageWeeklyCost"],
    ["Unit cost", "averageWeeklyCost"],
    ["Cost per week", "averageWeeklyCost"],
    ["Average Costs", "averageWeeklyCost"],
    ["Budget", "budget"],
    ["Annual Budget", "budget"],
    ["Revised Budget 21/22", "budget"],
    ["Budget £'000", "budget"],
    ["Full year budget", "budget"],
    ["Current Budget", "budget"],
    ["Placements budget", "budget"],
  ])("%j is %s", (header, measure) => {
    expect(classifyHeader(header)).toBe(measure);
  });

  it.each([
    ["Budget to date"],
    ["Profiled budget"],
    ["Variance %"],
    ["Last year outturn"],
    ["Comments"],
    ["Setting Type"],
    ["Budget line"],
    ["Description"],
    ["Cost Centre"],
    ["RAG"],
    ["Placement type"],
    ["Number of weeks"],
    ["£"],
    ["21/22"],
    [""],
  ])("%j is no measure", (header) => {
    expect(classifyHeader(header)).toBeNull();
  });

  it("knows the label column's headers", () => {
    for (const header of [
      "Setting Type",
      "Placement Type",
      "Description",
      "Budget line",
      "Service",
      "Type of provision",
      "Setting Type £",
    ]) {
      expect(isLabelHeader(header)).toBe(true);
    }
    expect(isLabelHeader("Budget")).toBe(false);
  });
});

describe("totals and notes", () => {
  it.each([
    ["Total", "total"],
    ["Grand Total", "total"],
    ["TOTAL PLACEMENTS", "total"],
    ["Total Fostering", "total"],
    ["Sub-total", "subtotal"],
    ["Subtotal Fostering", "subtotal"],
    ["Sub Total", "subtotal"],
    ["Residential", null],
    ["Totally", null],
  ])("%j is %s", (label, kind) => {
    expect(totalKind(label)).toBe(kind);
  });

  it("recognises note rows and nothing else", () => {
    for (const label of [
      "Source: P10 Budget Monitoring report",
      "Note 1: excludes UASC",
      "Notes:",
      "* Total Cost excludes Cherry Road",
      "NB figures are provisional",
      "(1) excludes",
    ]) {
      expect(isNoteLabel(label)).toBe(true);
    }
    for (const label of ["Residential", "Notional rent", "Keyworker flats", "Total"])
      expect(isNoteLabel(label)).toBe(false);
  });

  it("recognises rows summarising the others: totals, averages, means", () => {
    for (const label of ["Total", "Sub-total", "Average", "Avg. 2021/22", "Mean", "Median"])
      expect(isSummaryLabel(label)).toBe(true);
    for (const label of ["Mar-21", "Residential", "Averaged rate", "Meantime"])
      expect(isSummaryLabel(label)).toBe(false);
  });
});

describe("periods and financial years", () => {
  it.each([
    ["P10", 10, true, null],
    ["P 10", 10, true, null],
    ["Period 10", 10, true, null],
    ["Month 10", 10, true, null],
    ["M10", 10, true, null],
    ["Mth 10", 10, true, null],
    ["Pd 10", 10, true, null],
    ["P10 Current Expenditure", 10, true, null],
    ["Movement from P9 to P10", 10, true, null],
    ["January", 10, false, null],
    ["January 2022", 10, false, 2021],
    ["Jan-22", 10, false, 2021],
    ["Apr 2021", 1, false, 2021],
    ["March 2022", 12, false, 2021],
    ["Position at end of DECEMBER 2021", 9, false, 2021],
    ["May", 2, false, null],
  ])("%j is period %i", (text, period, explicit, financialYear) => {
    expect(periodInText(text)).toEqual({ period, explicit, financialYear });
  });

  it.each([["P13 adjustments"], ["Movement from P9"], ["you may"], ["Placements"], ["P&P"], ["Residential"]])(
    "%j names no period",
    (text) => {
      expect(periodInText(text)).toBeNull();
    },
  );

  it.each([
    ["21/22", 2021],
    ["2021/22", 2021],
    ["2021-22", 2021],
    ["2021–22", 2021],
    ["2021/2022", 2021],
    ["FY 2021-22", 2021],
    ["Forecast 21/22 Expenditure", 2021],
    ["Budget 2022/23", 2022],
  ])("%j is financial year %i", (text, year) => {
    expect(financialYearInText(text)).toBe(year);
  });

  it.each([["16-18"], ["01/02/2022"], ["31/01/2022"], ["2021"], ["21/23"]])("%j names no financial year", (text) => {
    expect(financialYearInText(text)).toBeNull();
  });
});

describe("placement list headers", () => {
  it.each([
    ["Placement ID", "id"],
    ["Child ID", "id"],
    ["ID", "id"],
    ["Placement Type", "placementType"],
    ["Type", "placementType"],
    ["Setting", "placementType"],
    ["Provider", "provider"],
    ["Provider name", "provider"],
    ["Start Date", "startDate"],
    ["Placement start date", "startDate"],
    ["End Date", "endDate"],
    ["Planned end date", "endDate"],
    ["Weekly Cost", "weeklyCost"],
    ["Weekly cost (£)", "weeklyCost"],
    ["Cost per week", "weeklyCost"],
    ["Rate", "weeklyCost"],
  ])("%j is %s", (header, field) => {
    expect(classifyPlacementHeader(header)).toBe(field);
  });

  it.each([["Comments"], ["DOB"], ["Annual cost"], ["Social worker"]])("%j is no placement field", (header) => {
    expect(classifyPlacementHeader(header)).toBeNull();
  });
});
