/**
 * The words the Import 903 and Sources steps use for a 903 history: counts and span, whose ages are
 * known, and what stitching did.
 */
import { readEpisodesCsv, readHeaderCsv, stitchReturns } from "../../src/sources/ssda903";
import { careHistoryFacts } from "../../src/taskpane/careHistoryFacts";

const EPISODES = [
  "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC",
  "A,01/05/2019,S,C2,N1,U4,PR1,,",
  "A,01/02/2020,P,C2,N1,U6,PR4,,",
  "B,10/10/2019,S,C2,N2,R1,PR2,01/12/2019,E11",
].join("\n");
const episodes = () => [readEpisodesCsv(EPISODES, "episodes.csv")];

describe("careHistoryFacts", () => {
  it("counts children and episodes over the data's dates, and says what stitching did", () => {
    const facts = careHistoryFacts(
      stitchReturns(episodes(), [readHeaderCsv("CHILD,DOB\nA,01/03/2010\nB,15/07/2006", "header.csv")]),
    );
    expect(facts).toEqual({
      summary: "2 children, 3 episodes, 01/05/2019 to 01/02/2020",
      ages: "Dates of birth for all 2 children.",
      stitching: ["1 episode running past the start of the child's next episode, ended where the next one starts"],
    });
  });

  it("says whose ages are unknown and what that leaves out", () => {
    expect(
      careHistoryFacts(stitchReturns(episodes(), [readHeaderCsv("CHILD,DOB\nA,01/03/2010", "header.csv")])).ages,
    ).toBe(
      "Dates of birth for 1 of 2 children; the others are left out of age bands, long-term stability and the demand forecast.",
    );
    expect(careHistoryFacts(stitchReturns(episodes(), [])).ages).toBe(
      "No dates of birth: ages are unknown, so there are no age bands, no long-term stability and no demand forecast. Import the Header files with the Episodes files (step 4) to give them.",
    );
  });
});
