import { describe, expect, it } from "vitest";
import {
  addDays,
  availabilitySlots,
  decisionNeedsReason,
  formatVolunteerNumber,
  identityLocked,
  maskIdNumber,
  nextVolunteerStatus,
  qualificationExpiryState,
} from "./volunteer-profile";

describe("availability slots", () => {
  it("are 7 days × morning / afternoon / evening, in week order", () => {
    expect(availabilitySlots).toHaveLength(21);
    expect(availabilitySlots.slice(0, 4)).toEqual(["mon-am", "mon-pm", "mon-eve", "tue-am"]);
    expect(availabilitySlots.at(-1)).toBe("sun-eve");
  });
});

describe("vetting state machine", () => {
  it("approves or rejects only pending registrations", () => {
    expect(nextVolunteerStatus("pending", "approve")).toBe("approved");
    expect(nextVolunteerStatus("pending", "reject")).toBe("rejected");
    expect(nextVolunteerStatus("approved", "approve")).toBeNull();
    expect(nextVolunteerStatus("rejected", "approve")).toBeNull();
    expect(nextVolunteerStatus("approved", "reject")).toBeNull();
  });

  it("suspends approved volunteers and reinstates suspended ones", () => {
    expect(nextVolunteerStatus("approved", "suspend")).toBe("suspended");
    expect(nextVolunteerStatus("suspended", "reinstate")).toBe("approved");
    expect(nextVolunteerStatus("pending", "suspend")).toBeNull();
    expect(nextVolunteerStatus("approved", "reinstate")).toBeNull();
  });

  it("needs a reason to reject or suspend", () => {
    expect(decisionNeedsReason("reject")).toBe(true);
    expect(decisionNeedsReason("suspend")).toBe(true);
    expect(decisionNeedsReason("approve")).toBe(false);
    expect(decisionNeedsReason("reinstate")).toBe(false);
  });

  it("locks the identity once approved, also while suspended", () => {
    expect(identityLocked(null)).toBe(false);
    expect(identityLocked("pending")).toBe(false);
    expect(identityLocked("rejected")).toBe(false);
    expect(identityLocked("approved")).toBe(true);
    expect(identityLocked("suspended")).toBe(true);
  });
});

describe("volunteer number", () => {
  it("is V + year + six zero-padded digits", () => {
    expect(formatVolunteerNumber(2026, 123)).toBe("V2026000123");
    expect(formatVolunteerNumber(2027, 999_999)).toBe("V2027999999");
  });

  it("refuses a sequence that does not fit six digits", () => {
    expect(() => formatVolunteerNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatVolunteerNumber(2026, 1_000_000)).toThrow(RangeError);
  });
});

describe("ID number mask", () => {
  it("keeps the region code and the last four characters", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110105********002X");
  });
});

describe("qualification expiry", () => {
  const today = "2026-03-01";
  it("is valid without an expiry date or more than 30 days ahead", () => {
    expect(qualificationExpiryState(null, today)).toBe("valid");
    expect(qualificationExpiryState("2026-04-01", today)).toBe("valid");
  });

  it("is expiring within 30 days, including the last day itself", () => {
    expect(qualificationExpiryState("2026-03-31", today)).toBe("expiring");
    expect(qualificationExpiryState("2026-03-01", today)).toBe("expiring");
  });

  it("is expired the day after the expiry date", () => {
    expect(qualificationExpiryState("2026-02-28", today)).toBe("expired");
  });

  it("adds days across months and leap years", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
