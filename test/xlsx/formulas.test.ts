import { formulaForFile, storedFunctionName } from "../../src/xlsx/formulas";

describe("formulaForFile", () => {
  it.each([
    ["FORECAST.LINEAR(9,B2:B6,A2:A6)", "_xlfn.FORECAST.LINEAR(9,B2:B6,A2:A6)"],
    ["forecast.linear(9,B2:B6,A2:A6)", "_xlfn.FORECAST.LINEAR(9,B2:B6,A2:A6)"],
    [
      "ROUND(FORECAST.LINEAR(9,B2:B6,A2:A6),0)+IFS(A1>0,1,TRUE,0)",
      "ROUND(_xlfn.FORECAST.LINEAR(9,B2:B6,A2:A6),0)+_xlfn.IFS(A1>0,1,TRUE,0)",
    ],
    ["SUM(FILTER(A1:A9,B1:B9>0))", "SUM(_xlfn._xlws.FILTER(A1:A9,B1:B9>0))"],
    ['STDEV.S(A1:A9)/CONCAT("a","b")', '_xlfn.STDEV.S(A1:A9)/_xlfn.CONCAT("a","b")'],
    ["LAC.RATE(B5,LAC_Population0to17,10000)", "_xldudf_LAC_RATE(B5,LAC_Population0to17,10000)"],
    ["IFERROR(lac.upliftCost(C5,D5:F5),0)", "IFERROR(_xldudf_LAC_UPLIFTCOST(C5,D5:F5),0)"],
    [
      "SUM(A1:A3)*FORECAST(9,B2:B6,A2:A6)+TREND(B2:B6,A2:A6,9)",
      "SUM(A1:A3)*FORECAST(9,B2:B6,A2:A6)+TREND(B2:B6,A2:A6,9)",
    ],
  ])("%s -> %s", (shown, stored) => {
    expect(formulaForFile(shown)).toBe(stored);
  });

  it("leaves text in quotes and quoted sheet names alone", () => {
    expect(formulaForFile('IF(A1="IFS(",\'FORECAST.LINEAR(x)\'!B2,"LAC.RATE(1,2)")')).toBe(
      'IF(A1="IFS(",\'FORECAST.LINEAR(x)\'!B2,"LAC.RATE(1,2)")',
    );
    expect(formulaForFile('"say ""IFS("" here"&CONCAT(A1)')).toBe('"say ""IFS("" here"&_xlfn.CONCAT(A1)');
  });

  it("does not prefix twice or touch names and cells that look like functions", () => {
    expect(formulaForFile("_xlfn.FORECAST.LINEAR(9,B2:B6,A2:A6)")).toBe("_xlfn.FORECAST.LINEAR(9,B2:B6,A2:A6)");
    expect(formulaForFile("Sheet1!XOR1+LAC_IFS")).toBe("Sheet1!XOR1+LAC_IFS");
  });

  it("names the stored form of each kind of function", () => {
    expect(storedFunctionName("SUM")).toBe("SUM");
    expect(storedFunctionName("Sort")).toBe("_xlfn._xlws.SORT");
    expect(storedFunctionName("LAC.STABILITY")).toBe("_xldudf_LAC_STABILITY");
  });
});
