/**
 * Formulas as the .xlsx file format stores them, which is not always how Excel shows them.
 *
 * - Functions added to Excel after the 2007 file format was fixed ("future functions", [MS-XLSX] 2.2.3)
 *   are stored with the prefix `_xlfn.`: the cell shows `FORECAST.LINEAR(...)`, the file holds
 *   `_xlfn.FORECAST.LINEAR(...)`. Written without the prefix, Excel reads an unknown name and shows
 *   #NAME?; LibreOffice reads the prefixed name as its own FORECAST.LINEAR.
 * - The add-in's custom functions (Office JavaScript custom functions) are stored by Excel as
 *   `_xldudf_` + the name with its dots turned into underscores: `LAC.RATE(...)` is saved as
 *   `_xldudf_LAC_RATE(...)`. Excel keeps such a formula pending until the add-in registers its
 *   functions and then shows it as `LAC.RATE(...)` again; a plain `LAC.RATE(...)` in the file is read as
 *   an unknown function typed without the add-in and stays #NAME? (OfficeDev/office-js issues 108,
 *   3558, 6611). LibreOffice knows neither and keeps the cached value unless asked to recalculate.
 */

/** [MS-XLSX] 2.2.3: future functions stored with `_xlfn.` (those `_xlfn._xlws.` are listed apart). */
const FUTURE_FUNCTIONS = new Set(
  `ACOT ACOTH AGGREGATE ARABIC ARRAYTOTEXT BASE BETA.DIST BETA.INV BINOM.DIST BINOM.DIST.RANGE BINOM.INV BITAND
  BITLSHIFT BITOR BITRSHIFT BITXOR BYCOL BYROW CEILING.MATH CEILING.PRECISE CHISQ.DIST CHISQ.DIST.RT CHISQ.INV
  CHISQ.INV.RT CHISQ.TEST CHOOSECOLS CHOOSEROWS COMBINA CONCAT CONFIDENCE.NORM CONFIDENCE.T COT COTH
  COVARIANCE.P COVARIANCE.S CSC CSCH DAYS DECIMAL DROP ERF.PRECISE ERFC.PRECISE EXPAND EXPON.DIST F.DIST
  F.DIST.RT F.INV F.INV.RT F.TEST FIELDVALUE FILTERXML FLOOR.MATH FLOOR.PRECISE FORECAST.ETS
  FORECAST.ETS.CONFINT FORECAST.ETS.SEASONALITY FORECAST.ETS.STAT FORECAST.LINEAR FORMULATEXT GAMMA
  GAMMA.DIST GAMMA.INV GAMMALN.PRECISE GAUSS HSTACK HYPGEOM.DIST IFNA IFS IMAGE IMCOSH IMCOT IMCSC IMCSCH
  IMSEC IMSECH IMSINH IMTAN ISFORMULA ISOMITTED ISOWEEKNUM LAMBDA LET LOGNORM.DIST LOGNORM.INV MAKEARRAY MAP
  MAXIFS MINIFS MODE.MULT MODE.SNGL MUNIT NEGBINOM.DIST NORM.DIST NORM.INV NORM.S.DIST NORM.S.INV NUMBERVALUE
  PDURATION PERCENTILE.EXC PERCENTILE.INC PERCENTRANK.EXC PERCENTRANK.INC PERMUTATIONA PHI POISSON.DIST
  QUARTILE.EXC QUARTILE.INC QUERYSTRING RANDARRAY RANK.AVG RANK.EQ REDUCE RRI SCAN SEC SECH SEQUENCE SHEET
  SHEETS SINGLE SKEW.P SORTBY STDEV.P STDEV.S SWITCH T.DIST T.DIST.2T T.DIST.RT T.INV T.INV.2T T.TEST TAKE
  TEXTAFTER TEXTBEFORE TEXTJOIN TEXTSPLIT TOCOL TOROW UNICHAR UNICODE UNIQUE VALUETOTEXT VAR.P VAR.S VSTACK
  WEBSERVICE WEIBULL.DIST WRAPCOLS WRAPROWS XLOOKUP XMATCH XOR Z.TEST`.split(/\s+/),
);
const WORKSHEET_FUTURE_FUNCTIONS = new Set(["FILTER", "SORT"]);

/** The namespace of the add-in's custom functions, as users type it. */
export const CUSTOM_FUNCTION_NAMESPACE = "LAC";

/** How a function name is stored in the file. */
export function storedFunctionName(name: string): string {
  const upper = name.toUpperCase();
  if (upper.startsWith(`${CUSTOM_FUNCTION_NAMESPACE}.`)) return `_xldudf_${upper.replace(/\./g, "_")}`;
  if (WORKSHEET_FUTURE_FUNCTIONS.has(upper)) return `_xlfn._xlws.${upper}`;
  if (FUTURE_FUNCTIONS.has(upper)) return `_xlfn.${upper}`;
  return name;
}

interface FunctionCall {
  name: string;
  start: number;
}

/** Function names in a formula, skipping string literals and quoted sheet names. */
function functionCalls(formula: string): FunctionCall[] {
  const calls: FunctionCall[] = [];
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      i += 1;
      while (i < formula.length) {
        if (formula[i] === ch && formula[i + 1] === ch) i += 2;
        else if (formula[i] === ch) break;
        else i += 1;
      }
      i += 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_.]*(?=\()/.exec(formula.slice(i));
    const previous = i > 0 ? formula[i - 1] : "";
    if (name && !/[A-Za-z0-9_.!$:]/.test(previous)) {
      calls.push({ name: name[0], start: i });
      i += name[0].length;
      continue;
    }
    const word = /^[A-Za-z0-9_.$]+/.exec(formula.slice(i));
    i += word ? word[0].length : 1;
  }
  return calls;
}

/** A formula as the file stores it, from the formula as Excel shows it (without the leading "="). */
export function formulaForFile(formula: string): string {
  let out = "";
  let at = 0;
  for (const call of functionCalls(formula)) {
    if (call.name.startsWith("_xl")) continue;
    out += formula.slice(at, call.start) + storedFunctionName(call.name);
    at = call.start + call.name.length;
  }
  return out + formula.slice(at);
}
