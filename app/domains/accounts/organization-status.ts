export type OrganizationStatus = "pending" | "verified" | "rejected" | "suspended";

/** Which status changes staff can make: a pure state machine. */
const transitions: Record<
  OrganizationStatus,
  Partial<Record<"verify" | "reject" | "suspend" | "reinstate", OrganizationStatus>>
> = {
  pending: { verify: "verified", reject: "rejected" },
  verified: { suspend: "suspended" },
  suspended: { reinstate: "verified" },
  rejected: { verify: "verified" },
};

export type OrganizationDecision = "verify" | "reject" | "suspend" | "reinstate";

export function nextOrganizationStatus(
  current: OrganizationStatus,
  decision: OrganizationDecision,
): OrganizationStatus | null {
  return transitions[current][decision] ?? null;
}
