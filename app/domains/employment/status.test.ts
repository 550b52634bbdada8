import { describe, expect, it } from "vitest";
import {
  checkinStanding,
  citesCriminalRecord,
  daysRetained,
  hiresByMonth,
  nextEnrollmentStatus,
  nextOfferStatus,
  nextReferralStatus,
  retentionFigures,
  retentionSchedule,
} from "./status";

describe("referral state machine", () => {
  it("goes referred → interview scheduled → hired", () => {
    expect(nextReferralStatus("referred", "schedule_interview")).toBe("interview_scheduled");
    expect(nextReferralStatus("interview_scheduled", "hire")).toBe("hired");
  });
  it("may decline before or after the interview, and move an interview", () => {
    expect(nextReferralStatus("referred", "decline")).toBe("not_hired");
    expect(nextReferralStatus("interview_scheduled", "decline")).toBe("not_hired");
    expect(nextReferralStatus("interview_scheduled", "schedule_interview")).toBe("interview_scheduled");
  });
  it("does not hire without an interview, and final states stay final", () => {
    expect(nextReferralStatus("referred", "hire")).toBeNull();
    for (const action of ["schedule_interview", "hire", "decline"] as const) {
      expect(nextReferralStatus("hired", action)).toBeNull();
      expect(nextReferralStatus("not_hired", action)).toBeNull();
    }
  });
});

describe("training enrollment state machine", () => {
  it("goes enrolled → attending → completed, and drops from live states only", () => {
    expect(nextEnrollmentStatus("enrolled", "start")).toBe("attending");
    expect(nextEnrollmentStatus("attending", "complete")).toBe("completed");
    expect(nextEnrollmentStatus("enrolled", "complete")).toBeNull();
    expect(nextEnrollmentStatus("enrolled", "drop")).toBe("dropped");
    expect(nextEnrollmentStatus("attending", "drop")).toBe("dropped");
    expect(nextEnrollmentStatus("completed", "drop")).toBeNull();
    expect(nextEnrollmentStatus("dropped", "start")).toBeNull();
  });
});

describe("offer state machine", () => {
  it("publishes drafts, closes open offers and reopens closed ones", () => {
    expect(nextOfferStatus("draft", "publish")).toBe("open");
    expect(nextOfferStatus("open", "publish")).toBeNull();
    expect(nextOfferStatus("open", "close")).toBe("closed");
    expect(nextOfferStatus("closed", "reopen")).toBe("open");
    expect(nextOfferStatus("filled", "reopen")).toBeNull();
    expect(nextOfferStatus("filled", "close")).toBeNull();
  });
});

describe("retention check-ins", () => {
  it("are due 30, 90 and 180 days after the start", () => {
    expect(retentionSchedule("2026-01-31")).toEqual([
      { dayMark: 30, dueOn: "2026-03-02" },
      { dayMark: 90, dueOn: "2026-05-01" },
      { dayMark: 180, dueOn: "2026-07-30" },
    ]);
  });
  it("are upcoming, due, overdue after 14 days, or answered", () => {
    const pending = { status: "pending" as const, dueOn: "2026-03-02" };
    expect(checkinStanding(pending, "2026-03-01")).toBe("upcoming");
    expect(checkinStanding(pending, "2026-03-02")).toBe("due");
    expect(checkinStanding(pending, "2026-03-16")).toBe("due");
    expect(checkinStanding(pending, "2026-03-17")).toBe("overdue");
    expect(checkinStanding({ ...pending, status: "still_employed" }, "2026-04-01")).toBe("answered");
  });
  it("count days retained up to the end of a placement", () => {
    expect(daysRetained("2026-01-01", null, "2026-01-31")).toBe(30);
    expect(daysRetained("2026-01-01", "2026-01-11", "2026-03-01")).toBe(10);
    expect(daysRetained("2026-01-01", null, "2025-12-01")).toBe(0);
  });
});

describe("retention figures", () => {
  const placements = [
    { id: "a", startedOn: "2026-01-01", endedOn: null },
    { id: "b", startedOn: "2026-01-01", endedOn: "2026-02-15" },
    { id: "c", startedOn: "2026-05-01", endedOn: null },
  ];
  it("count only placements old enough for the mark, and list the rows of each figure", () => {
    const [d30, d90, d180] = retentionFigures(placements, "2026-06-15");
    expect(d30).toEqual({ dayMark: 30, eligible: ["a", "b", "c"], retained: ["a", "b", "c"], rate: 1 });
    expect(d90).toEqual({ dayMark: 90, eligible: ["a", "b"], retained: ["a"], rate: 0.5 });
    expect(d180).toEqual({ dayMark: 180, eligible: [], retained: [], rate: null });
  });
  it("group hires by month with those still employed", () => {
    expect(hiresByMonth(placements, "2026-06-15")).toEqual([
      { month: "2026-01", hires: 2, stillEmployed: 1 },
      { month: "2026-05", hires: 1, stillEmployed: 1 },
    ]);
  });
});

describe("not-hired notes", () => {
  it("recognise a criminal record given as the reason, in both languages", () => {
    expect(citesCriminalRecord("有犯罪记录，不予录用")).toBe(true);
    expect(citesCriminalRecord("因其为社区矫正对象")).toBe(true);
    expect(citesCriminalRecord("Criminal record")).toBe(true);
    expect(citesCriminalRecord("面试未到")).toBe(false);
    expect(citesCriminalRecord(null)).toBe(false);
  });
});
