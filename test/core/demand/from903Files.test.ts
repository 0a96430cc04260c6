/**
 * The demand model on 903 files as councils export them, through the 903 reader and stitching: the
 * hand-worked two-state example of handWorked.test.ts, written as Episodes and Header CSV files, gives
 * the same rates; a legal status change alone (RNE "L") is not a move.
 */
import { PLACEMENT_CATEGORIES, type PlacementCategory } from "../../../src/core/categories";
import { fitDemandModel } from "../../../src/core/demand/fit";
import { bandIndexOf, groupIndexOf, STATE_COUNT, stateIndex } from "../../../src/core/demand/states";
import { readEpisodesCsv, readHeaderCsv, stitchCareHistory } from "../../../src/sources/ssda903";
import { day } from "./histories";

const episodes = `CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN
c1,01/01/2023,S,C2,N1,U4,PR1,01/03/2024,X1,,,,
c1,01/03/2024,P,C2,N1,K2,PR4,,,,,,
c2,01/01/2023,S,C2,N1,U4,PR1,02/03/2024,E8,,,,
c3,01/01/2023,S,C1,N1,U4,PR1,02/03/2024,X1,,,,
c3,02/03/2024,L,C2,N1,U4,PR1,,,,,,
c4,01/01/2023,S,C2,N1,U4,PR4,,,,,,
`;
const header = `CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB
c1,1,01/01/2012,WBRI,,,
c2,2,01/01/2012,WBRI,,,
c3,1,01/01/2012,WBRI,,,
c4,2,01/01/2012,WBRI,,,
`;

describe("the demand model from 903 files", () => {
  const history = stitchCareHistory([
    { episodes: readEpisodesCsv(episodes, "episodes.csv"), header: readHeaderCsv(header, "header.csv") },
  ]);
  const model = fitDemandModel(history, { start: day("01/03/2024"), end: day("04/03/2024") });
  const A = stateIndex(groupIndexOf("fostering"), bandIndexOf("10to15"));
  const B = stateIndex(groupIndexOf("residential"), bandIndexOf("10to15"));

  it("fits the hand-worked rates: one move of four, one exit of three, over four days", () => {
    expect(history.issues).toEqual([]);
    expect(model.transitionRates[A * STATE_COUNT + B]).toBeCloseTo(1 / 16, 15);
    expect(model.exitRates[A]).toBeCloseTo(1 / 12, 15);
    expect(model.counts.transitions.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(model.populationAtEnd[A]).toBe(2);
    expect(model.populationAtEnd[B]).toBe(1);
  });

  it("splits fostering days between in-house (PR1) and agency (PR4) carers for the costs", () => {
    // In fostering over 1-4 March: c2 one day and c3 four days with PR1; c4 four days with PR4.
    const share = (category: PlacementCategory) =>
      model.categoryShares[A * PLACEMENT_CATEGORIES.length + PLACEMENT_CATEGORIES.indexOf(category)];
    expect(share("inHouseFostering")).toBeCloseTo(5 / 9, 15);
    expect(share("ifa")).toBeCloseTo(4 / 9, 15);
  });
});
