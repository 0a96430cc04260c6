/** dayOfAge (core/dates), which the demand model ages children by, agrees with ageInYears everywhere. */
import { ageInYears, dayOfAge } from "../../../src/core/dates";
import { day } from "./histories";

describe("the first day a child is N years old", () => {
  it("is the day ageInYears first says N, for every date of birth in 2000-2008 and every band edge", () => {
    const mismatches: string[] = [];
    for (let dob = day("01/01/2000"); dob <= day("31/12/2008"); dob += 1) {
      for (const years of [1, 5, 10, 16, 18]) {
        const first = dayOfAge(dob, years);
        if (ageInYears(dob, first) !== years || ageInYears(dob, first - 1) !== years - 1)
          mismatches.push(`${dob}+${years}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("turns a 29 February birthday on 1 March in other years, and on 29 February in leap years", () => {
    expect(dayOfAge(day("29/02/2008"), 1)).toBe(day("01/03/2009"));
    expect(dayOfAge(day("29/02/2008"), 16)).toBe(day("29/02/2024"));
  });
});
