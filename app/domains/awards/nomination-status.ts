/**
 * The nomination state machine, pure: which action may move a nomination from which state, and who may
 * take it. The database checks the same rule on self-review (`nominations_no_self_review`).
 *
 *   submitted ──approve──▶ in_notice ──finalize──▶ final ──revoke──▶ revoked
 *       │  ▲                   │
 *   return│  │resubmit       uphold (objection upheld)
 *       ▼  │                   ▼
 *     returned ──────────▶ rejected ◀──reject── submitted
 */
export const nominationStatuses = [
  "submitted",
  "returned",
  "rejected",
  "in_notice",
  "final",
  "revoked",
] as const;
export type NominationStatus = (typeof nominationStatuses)[number];

export const nominationActions = [
  "approve",
  "return",
  "reject",
  "resubmit",
  "withdraw",
  "finalize",
  "uphold",
  "revoke",
] as const;
export type NominationAction = (typeof nominationActions)[number];

const transitions: Record<NominationAction, { from: readonly NominationStatus[]; to: NominationStatus }> = {
  approve: { from: ["submitted"], to: "in_notice" },
  return: { from: ["submitted"], to: "returned" },
  reject: { from: ["submitted"], to: "rejected" },
  resubmit: { from: ["returned"], to: "submitted" },
  withdraw: { from: ["submitted", "returned"], to: "rejected" },
  finalize: { from: ["in_notice"], to: "final" },
  uphold: { from: ["in_notice"], to: "rejected" },
  revoke: { from: ["final"], to: "revoked" },
};

/** Actions that need a written comment (the nominator or the public must be told why). */
export const actionsNeedingComment: ReadonlySet<NominationAction> = new Set([
  "return",
  "reject",
  "uphold",
  "revoke",
]);

export interface TransitionInput {
  status: NominationStatus;
  action: NominationAction;
  /** Who acts; null for the system (the job that finalizes awards). */
  actorId: string | null;
  nominatedBy: string;
  comment?: string | null;
  /** Today in Asia/Shanghai and the notice's last working day, for `finalize`. */
  today?: string;
  noticeEndsOn?: string | null;
  openObjections?: number;
}

export type TransitionRefusal =
  "not-allowed" | "self-review" | "comment-required" | "notice-running" | "objections-open";

export type TransitionResult = { ok: true; to: NominationStatus } | { ok: false; reason: TransitionRefusal };

/** Bureau decisions a nominator may never take on their own nomination. */
const reviewActions: ReadonlySet<NominationAction> = new Set(["approve", "return", "reject"]);

export function transition(input: TransitionInput): TransitionResult {
  const rule = transitions[input.action];
  if (!rule.from.includes(input.status)) return { ok: false, reason: "not-allowed" };
  if (reviewActions.has(input.action) && input.actorId === input.nominatedBy)
    return { ok: false, reason: "self-review" };
  if ((input.action === "resubmit" || input.action === "withdraw") && input.actorId !== input.nominatedBy)
    return { ok: false, reason: "not-allowed" };
  if (actionsNeedingComment.has(input.action) && !input.comment?.trim())
    return { ok: false, reason: "comment-required" };
  if (input.action === "finalize") {
    if (!input.today || !input.noticeEndsOn || input.today <= input.noticeEndsOn)
      return { ok: false, reason: "notice-running" };
    if ((input.openObjections ?? 0) > 0) return { ok: false, reason: "objections-open" };
  }
  return { ok: true, to: rule.to };
}

/** The actions a nomination offers now to this actor (for the buttons on its page). */
export function availableActions(
  input: Omit<TransitionInput, "action" | "comment">,
  candidates: readonly NominationAction[] = nominationActions,
): NominationAction[] {
  return candidates.filter((action) => {
    const result = transition({ ...input, action, comment: "x" });
    return result.ok;
  });
}

/** Shown on the public honour roll: in notice (objections possible) and final awards. */
export const publicStatuses: readonly NominationStatus[] = ["in_notice", "final"];
