/**
 * The referral lifecycle (closed loop, after the FHIR SDOH referral model): who may move a referral
 * from which state to which. Pure; the commands in referrals.server.ts ask it before writing.
 *
 *   draft → sent → accepted → in_progress → resolved | not_resolved
 *                ↘ declined (coded reason) | expired (no answer in time)
 *   draft, sent, accepted, in_progress → cancelled (staff)
 */
export const referralStatuses = [
  "draft",
  "sent",
  "accepted",
  "declined",
  "expired",
  "in_progress",
  "resolved",
  "not_resolved",
  "cancelled",
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export type ReferralActor = "staff" | "provider" | "system";

export const referralActions = [
  "send",
  "accept",
  "decline",
  "expire",
  "start",
  "resolve",
  "not_resolve",
  "cancel",
] as const;
export type ReferralAction = (typeof referralActions)[number];

interface Transition {
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  by: ReferralActor;
}

const transitions: Record<ReferralAction, Transition> = {
  send: { from: ["draft"], to: "sent", by: "staff" },
  accept: { from: ["sent"], to: "accepted", by: "provider" },
  decline: { from: ["sent"], to: "declined", by: "provider" },
  expire: { from: ["sent"], to: "expired", by: "system" },
  start: { from: ["accepted"], to: "in_progress", by: "provider" },
  resolve: { from: ["in_progress"], to: "resolved", by: "provider" },
  not_resolve: { from: ["in_progress"], to: "not_resolved", by: "provider" },
  cancel: { from: ["draft", "sent", "accepted", "in_progress"], to: "cancelled", by: "staff" },
};

/** The state after `action`, or null when the action is not allowed from `from` for `by`. */
export function nextReferralStatus(
  from: ReferralStatus,
  action: ReferralAction,
  by: ReferralActor,
): ReferralStatus | null {
  const transition = transitions[action];
  if (transition.by !== by || !transition.from.includes(from)) return null;
  return transition.to;
}

/** What `by` may do with a referral in `status` (the buttons a page offers). */
export function allowedReferralActions(status: ReferralStatus, by: ReferralActor): ReferralAction[] {
  return referralActions.filter((action) => nextReferralStatus(status, action, by) !== null);
}

/** The referral holds one unit of the provider's capacity (the DB trigger counts the same). */
export function holdsCapacity(status: ReferralStatus): boolean {
  return status === "accepted" || status === "in_progress";
}

/** Still going: at most one per need. */
export function isLive(status: ReferralStatus): boolean {
  return status === "draft" || status === "sent" || holdsCapacity(status);
}

/** Ended without help, so the need goes back to matching with this provider excluded. */
export function returnsNeedToMatching(status: ReferralStatus): boolean {
  return status === "declined" || status === "expired" || status === "cancelled";
}

/** Progress notes are taken while the provider works on the case (a note on an accepted one starts it). */
export function acceptsProgressNote(status: ReferralStatus): boolean {
  return status === "accepted" || status === "in_progress";
}

export function isClosed(status: ReferralStatus): boolean {
  return !isLive(status);
}
