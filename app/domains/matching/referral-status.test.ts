import { describe, expect, it } from "vitest";
import {
  acceptsProgressNote,
  allowedReferralActions,
  holdsCapacity,
  nextReferralStatus,
  type ReferralAction,
  type ReferralActor,
  referralActions,
  referralStatuses,
  returnsNeedToMatching,
} from "./referral-status";
import { declineReasons } from "./options";

describe("referral lifecycle", () => {
  it.each([
    ["draft", "send", "staff", "sent"],
    ["sent", "accept", "provider", "accepted"],
    ["sent", "decline", "provider", "declined"],
    ["sent", "expire", "system", "expired"],
    ["accepted", "start", "provider", "in_progress"],
    ["in_progress", "resolve", "provider", "resolved"],
    ["in_progress", "not_resolve", "provider", "not_resolved"],
    ["draft", "cancel", "staff", "cancelled"],
    ["sent", "cancel", "staff", "cancelled"],
    ["accepted", "cancel", "staff", "cancelled"],
    ["in_progress", "cancel", "staff", "cancelled"],
  ] as const)("%s --%s by %s--> %s", (from, action, by, to) => {
    expect(nextReferralStatus(from, action, by)).toBe(to);
  });

  it.each([
    ["draft", "accept", "provider"],
    ["sent", "resolve", "provider"],
    ["accepted", "resolve", "provider"],
    ["declined", "accept", "provider"],
    ["expired", "accept", "provider"],
    ["resolved", "cancel", "staff"],
    ["cancelled", "send", "staff"],
    ["sent", "accept", "staff"],
    ["sent", "expire", "staff"],
    ["sent", "cancel", "provider"],
    ["draft", "send", "provider"],
    ["accepted", "decline", "provider"],
  ] as const)("refuses %s --%s by %s", (from, action, by) => {
    expect(nextReferralStatus(from, action, by)).toBeNull();
  });

  it("no action leaves a closed referral", () => {
    const actors: ReferralActor[] = ["staff", "provider", "system"];
    for (const status of ["declined", "expired", "resolved", "not_resolved", "cancelled"] as const) {
      for (const by of actors) expect(allowedReferralActions(status, by)).toEqual([]);
    }
  });

  it("every reachable state is reachable from draft and each action has one actor", () => {
    const seen = new Set(["draft"]);
    let frontier = ["draft"] as (typeof referralStatuses)[number][];
    while (frontier.length > 0) {
      const next: typeof frontier = [];
      for (const status of frontier)
        for (const action of referralActions as readonly ReferralAction[])
          for (const by of ["staff", "provider", "system"] as const) {
            const to = nextReferralStatus(status, action, by);
            if (to && !seen.has(to)) {
              seen.add(to);
              next.push(to);
            }
          }
      frontier = next;
    }
    expect([...seen].sort()).toEqual([...referralStatuses].sort());
  });

  it("capacity is held while accepted or in progress only", () => {
    expect(referralStatuses.filter(holdsCapacity)).toEqual(["accepted", "in_progress"]);
    expect(referralStatuses.filter(acceptsProgressNote)).toEqual(["accepted", "in_progress"]);
  });

  it("declined, expired and cancelled referrals send the need back to matching", () => {
    expect(referralStatuses.filter(returnsNeedToMatching)).toEqual(["declined", "expired", "cancelled"]);
  });

  it("a criminal record is not a decline reason", () => {
    expect(declineReasons).toEqual([
      "no_capacity",
      "outside_area",
      "not_eligible",
      "cannot_contact",
      "other",
    ]);
    expect(declineReasons.some((reason) => /crimin|record|conviction/.test(reason))).toBe(false);
  });
});
