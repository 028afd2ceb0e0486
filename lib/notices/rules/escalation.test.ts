// DOMAIN.md "Highest escalation wins": one message per patron at the highest level that applies to their most overdue
// loan, listing their overdue loans; triggered only when some loan newly reaches a level; lower levels reached on the
// same run for other loans are recorded as covered.
import { describe, expect, it } from "vitest";
import { escalate, levelReached } from "./escalation";

const levels = [{ level: 1, threshold: 7 }, { level: 2, threshold: 14 }, { level: 3, threshold: 28 }];

describe("levelReached", () => {
  it.each([
    [-1, 0], [0, 0], [6, 0], [7, 1], [13, 1], [14, 2], [27, 2], [28, 3], [365, 3],
  ])("%i days overdue reach level %i", (value, expected) => {
    expect(levelReached(value, levels)).toBe(expected);
  });

  it("finds the highest level whatever order the levels come in", () => {
    const shuffled = [levels[2], levels[0], levels[1]];
    expect([6, 7, 14, 30].map((v) => levelReached(v, shuffled))).toEqual([0, 1, 2, 3]);
  });

  it("compares amounts as they are (LF: fines accrued)", () => {
    const fines = [{ level: 1, threshold: 2.5 }, { level: 2, threshold: 10 }];
    expect([2.49, 2.5, 9.99, 10].map((v) => levelReached(v, fines))).toEqual([0, 1, 1, 2]);
  });

  it("reaches nothing without levels", () => {
    expect(levelReached(100, [])).toBe(0);
  });
});

describe("escalate", () => {
  it("makes two loans newly at the highest level both triggers of the one message (a tie)", () => {
    expect(escalate([{ loanId: 1, value: 15, recordedLevel: 0 }, { loanId: 2, value: 20, recordedLevel: 1 }], levels)).toEqual({
      messageLevel: 2,
      notices: [{ loanId: 1, level: 2, role: "trigger" }, { loanId: 2, level: 2, role: "trigger" }],
      listedLoanIds: [1, 2],
    });
  });

  it("covers a loan newly at a lower level while another loan, recorded earlier, holds the highest level", () => {
    expect(escalate([
      { loanId: 1, value: 40, recordedLevel: 3 },
      { loanId: 2, value: 14, recordedLevel: 1 },
      { loanId: 3, value: 2, recordedLevel: 0 },
    ], levels)).toEqual({
      messageLevel: 3,
      notices: [{ loanId: 2, level: 2, role: "covered" }],
      listedLoanIds: [1, 2, 3], // the loan below level 1 is listed too
    });
  });

  it("sends nothing for loans below the first level, nor for loans already recorded at their level", () => {
    expect(escalate([{ loanId: 1, value: 6, recordedLevel: 0 }], levels)).toBeNull();
    expect(escalate([{ loanId: 1, value: 13, recordedLevel: 1 }], levels)).toBeNull();
    expect(escalate([], levels)).toBeNull();
  });

  it("never escalates downwards: a loan recorded higher than it now reaches is not new", () => {
    // Renewed or re-dated: 8 days overdue again, but level 2 is on record.
    expect(escalate([{ loanId: 1, value: 8, recordedLevel: 2 }], levels)).toBeNull();
  });
});
