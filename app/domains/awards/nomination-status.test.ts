import { describe, expect, it } from "vitest";
import { availableActions, transition, type TransitionInput } from "./nomination-status";

const base: TransitionInput = {
  status: "submitted",
  action: "approve",
  actorId: "bureau",
  nominatedBy: "staff",
};

describe("nomination state machine", () => {
  it("lets a bureau admin approve, return or reject a submitted nomination", () => {
    expect(transition(base)).toEqual({ ok: true, to: "in_notice" });
    expect(transition({ ...base, action: "return", comment: "补充材料" })).toEqual({
      ok: true,
      to: "returned",
    });
    expect(transition({ ...base, action: "reject", comment: "不符合条件" })).toEqual({
      ok: true,
      to: "rejected",
    });
  });

  it("never lets the nominator decide on their own nomination", () => {
    for (const action of ["approve", "return", "reject"] as const)
      expect(transition({ ...base, action, actorId: "staff", comment: "c" })).toEqual({
        ok: false,
        reason: "self-review",
      });
  });

  it("needs a comment to return, reject, uphold an objection or revoke", () => {
    expect(transition({ ...base, action: "return" })).toEqual({ ok: false, reason: "comment-required" });
    expect(transition({ ...base, action: "reject", comment: "  " })).toEqual({
      ok: false,
      reason: "comment-required",
    });
    expect(transition({ ...base, status: "final", action: "revoke" })).toEqual({
      ok: false,
      reason: "comment-required",
    });
  });

  it("lets only the nominator resubmit or withdraw", () => {
    const returned = { ...base, status: "returned" as const };
    expect(transition({ ...returned, action: "resubmit", actorId: "staff" })).toEqual({
      ok: true,
      to: "submitted",
    });
    expect(transition({ ...returned, action: "resubmit", actorId: "other" })).toEqual({
      ok: false,
      reason: "not-allowed",
    });
    expect(transition({ ...returned, action: "withdraw", actorId: "staff" })).toEqual({
      ok: true,
      to: "rejected",
    });
  });

  it("makes an award final only after the notice's last working day and with no open objection", () => {
    const notice = { ...base, status: "in_notice" as const, action: "finalize" as const, actorId: null };
    expect(transition({ ...notice, today: "2026-03-13", noticeEndsOn: "2026-03-13" })).toEqual({
      ok: false,
      reason: "notice-running",
    });
    expect(
      transition({ ...notice, today: "2026-03-14", noticeEndsOn: "2026-03-13", openObjections: 1 }),
    ).toEqual({
      ok: false,
      reason: "objections-open",
    });
    expect(
      transition({ ...notice, today: "2026-03-14", noticeEndsOn: "2026-03-13", openObjections: 0 }),
    ).toEqual({
      ok: true,
      to: "final",
    });
    expect(transition({ ...notice, noticeEndsOn: "2026-03-13" })).toEqual({
      ok: false,
      reason: "notice-running",
    });
  });

  it("refuses every action from a state that does not allow it", () => {
    expect(transition({ ...base, status: "final" })).toEqual({ ok: false, reason: "not-allowed" });
    expect(transition({ ...base, status: "revoked", action: "revoke", comment: "x" })).toEqual({
      ok: false,
      reason: "not-allowed",
    });
    expect(transition({ ...base, status: "rejected", action: "resubmit", actorId: "staff" })).toEqual({
      ok: false,
      reason: "not-allowed",
    });
  });

  it("offers each actor only the actions they may take", () => {
    expect(availableActions({ status: "submitted", actorId: "bureau", nominatedBy: "staff" })).toEqual([
      "approve",
      "return",
      "reject",
    ]);
    expect(availableActions({ status: "submitted", actorId: "staff", nominatedBy: "staff" })).toEqual([
      "withdraw",
    ]);
    expect(availableActions({ status: "in_notice", actorId: "bureau", nominatedBy: "staff" })).toEqual([
      "uphold",
    ]);
    expect(availableActions({ status: "final", actorId: "bureau", nominatedBy: "staff" })).toEqual([
      "revoke",
    ]);
  });
});
