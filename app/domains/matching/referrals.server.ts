/**
 * The referral commands (closed loop): staff send and cancel, the provider accepts or declines,
 * records progress and closes with an outcome; the expiry job ends unanswered ones. Each command
 * locks its rows, checks the pure state machine, writes the transition with who and when, notifies
 * and audits in one transaction. Capacity is held by the database (trigger + CHECK on providers).
 */
import { and, eq, lte, sql } from "drizzle-orm";
import { helpNeeds, providers, referralEvents, referrals } from "#db/schema/matching";
import { subjects } from "#db/schema/subjects";
import type { ActorRef } from "~/domains/accounts/actor";
import { type Scope, scopeCondition } from "~/domains/accounts/scope";
import { recordAudit } from "~/domains/audit/audit.server";
import { loadWorkingDayCalendar } from "~/domains/calendar/calendar.server";
import { NotFoundError } from "~/domains/errors";
import { cancelScheduled, notify } from "~/domains/notifications/notify.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { minutesBetween, referralDueAt, reminderAt } from "./expiry";
import { providerRecipients, staffRecipient } from "./notices.server";
import { type DeclineReason, DEFAULT_REFERRAL_GRACE_MINUTES } from "./options";
import { providerName } from "./providers.server";
import { excludedProvidersOf, loadCandidates, needForRanking } from "./ranking.server";
import { nextReferralStatus, type ReferralAction, type ReferralStatus } from "./referral-status";
import { evaluateProvider, type ScorePart } from "./scoring";
import { rootOf } from "./taxonomy";

export type Actor = ActorRef & { ipAddress?: string | null };

export type ReferralResult =
  { ok: true; referralId: string; status: ReferralStatus } | { ok: false; error: string; field?: string };

const needOwner = { officeId: helpNeeds.officeId, districtId: helpNeeds.districtId };
const providerOwner = { organizationId: providers.organizationId, ownerUserId: providers.volunteerUserId };
const reminderGroup = (referralId: string) => `referral-reminder:${referralId}`;
const iso = (instant: Date) => instant.toISOString();

async function stamp(
  tx: DbOrTx,
  referralId: string,
  from: ReferralStatus | null,
  to: ReferralStatus,
  actorId: string | null,
  at: Date,
  note: string | null = null,
) {
  await tx.insert(referralEvents).values({ referralId, fromStatus: from, toStatus: to, actorId, note, at });
}

/**
 * Sends a referral of an open need of the actor's office to a provider that passes every hard
 * constraint now (re-checked under the lock: the page may be minutes old).
 */
export async function sendReferral(
  db: Database,
  actor: Actor,
  input: { needId: string; providerId: string; graceMinutes?: number },
): Promise<ReferralResult> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const [need] = await tx
      .select({ need: helpNeeds, caseCode: subjects.caseCode })
      .from(helpNeeds)
      .innerJoin(subjects, eq(subjects.id, helpNeeds.subjectId))
      .where(and(eq(helpNeeds.id, input.needId), scopeCondition(actor, "office", needOwner)))
      .for("update", { of: helpNeeds });
    if (!need) throw new NotFoundError("help need");
    if (need.need.status !== "open") return { ok: false, error: "matching:errors.needNotOpen" } as const;
    const root = rootOf(need.need.categoryId);
    const candidates = await loadCandidates(tx, {
      districtId: need.need.districtId,
      officeId: need.need.officeId,
      categoryIds: [...new Set([need.need.categoryId, root])],
    });
    const candidate = candidates.find((row) => row.id === input.providerId);
    const excluded = (await excludedProvidersOf(tx, [need.need.id])).get(need.need.id) ?? new Set<string>();
    const evaluation = candidate ? evaluateProvider(needForRanking(need.need, excluded), candidate) : null;
    if (!candidate || !evaluation?.eligible)
      return { ok: false, error: "matching:errors.providerIneligible", field: "providerId" } as const;
    const calendar = await loadWorkingDayCalendar(tx, now);
    const dueAt = referralDueAt(now, calendar, input.graceMinutes ?? DEFAULT_REFERRAL_GRACE_MINUTES);
    const [referral] = await tx
      .insert(referrals)
      .values({
        needId: need.need.id,
        providerId: candidate.id,
        officeId: need.need.officeId,
        districtId: need.need.districtId,
        status: "sent",
        score: Math.round(evaluation.score * 10),
        scoreParts: evaluation.parts satisfies ScorePart[],
        createdBy: actor.id,
        sentAt: now,
        sentBy: actor.id,
        dueAt,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: referrals.id });
    const referralId = referral!.id;
    await stamp(tx, referralId, "draft", "sent", actor.id, now);
    await tx
      .update(helpNeeds)
      .set({ status: "referred", updatedAt: now })
      .where(eq(helpNeeds.id, need.need.id));
    const [party] = await tx
      .select({ organizationId: providers.organizationId, volunteerUserId: providers.volunteerUserId })
      .from(providers)
      .where(eq(providers.id, candidate.id));
    const data = {
      categoryId: need.need.categoryId,
      urgency: need.need.urgency,
      dueAt: iso(dueAt),
      url: `/provider/referrals/${referralId}`,
    };
    for (const to of await providerRecipients(tx, party!)) {
      await notify(tx, {
        template: "referral-received",
        data,
        to,
        idempotencyKey: `referral-received:${referralId}:${to.userId}`,
      });
      await notify(tx, {
        template: "referral-reminder",
        data,
        to,
        idempotencyKey: `referral-reminder:${referralId}:${to.userId}`,
        sendAfter: reminderAt(now, dueAt),
        groupKey: reminderGroup(referralId),
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "create",
      entityType: "referral",
      entityId: referralId,
      caseCode: need.caseCode,
      districtId: need.need.districtId,
      officeId: need.need.officeId,
      ipAddress: actor.ipAddress ?? null,
      details: { providerId: candidate.id, score: evaluation.score },
    });
    return { ok: true, referralId, status: "sent" } as const;
  });
}

/** Locks a referral the provider-side actor may act on (404 outside its scope). */
async function lockForProvider(tx: DbOrTx, actor: Actor, scope: Scope, referralId: string) {
  const [row] = await tx
    .select({ referral: referrals, provider: providers, need: helpNeeds, caseCode: subjects.caseCode })
    .from(referrals)
    .innerJoin(providers, eq(providers.id, referrals.providerId))
    .innerJoin(helpNeeds, eq(helpNeeds.id, referrals.needId))
    .innerJoin(subjects, eq(subjects.id, helpNeeds.subjectId))
    .where(
      and(
        eq(referrals.id, referralId),
        sql`${referrals.status} <> 'draft'`,
        scopeCondition(actor, scope, providerOwner),
      ),
    )
    .for("update", { of: [referrals, helpNeeds] });
  if (!row) throw new NotFoundError("referral");
  return row;
}

type ProviderAnswer =
  { action: "accept" } | { action: "decline"; reason: DeclineReason; note?: string | null };

/** The provider accepts (taking one place of its capacity) or declines with a coded reason. */
export async function answerReferral(
  db: Database,
  actor: Actor,
  scope: Scope,
  referralId: string,
  answer: ProviderAnswer,
): Promise<ReferralResult> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const row = await lockForProvider(tx, actor, scope, referralId);
    const next = nextReferralStatus(row.referral.status, answer.action, "provider");
    if (!next) return { ok: false, error: "matching:errors.invalidTransition" } as const;
    // The provider row is the capacity's lock: concurrent acceptances queue here, and the CHECK
    // providers_active_cases_within_capacity stops whatever slips past.
    const [provider] = await tx
      .select()
      .from(providers)
      .where(eq(providers.id, row.provider.id))
      .for("update");
    if (answer.action === "accept" && provider!.capacity - provider!.activeCases <= 0)
      return { ok: false, error: "matching:errors.noCapacity" } as const;
    const minutes = minutesBetween(row.referral.sentAt!, now);
    await tx
      .update(referrals)
      .set({
        status: next,
        answeredAt: now,
        answeredBy: actor.id,
        declineReason: answer.action === "decline" ? answer.reason : null,
        declineNote: answer.action === "decline" ? answer.note?.trim() || null : null,
        updatedAt: now,
      })
      .where(eq(referrals.id, referralId));
    await tx
      .update(providers)
      .set({
        referralsAnswered: sql`${providers.referralsAnswered} + 1`,
        referralsAccepted: sql`${providers.referralsAccepted} + ${answer.action === "accept" ? 1 : 0}`,
        responseMinutesTotal: sql`${providers.responseMinutesTotal} + ${minutes}`,
        updatedAt: now,
      })
      .where(eq(providers.id, row.provider.id));
    if (answer.action === "decline")
      await tx.update(helpNeeds).set({ status: "open", updatedAt: now }).where(eq(helpNeeds.id, row.need.id));
    await stamp(
      tx,
      referralId,
      row.referral.status,
      next,
      actor.id,
      now,
      answer.action === "decline" ? (answer.note ?? null) : null,
    );
    await cancelScheduled(tx, reminderGroup(referralId));
    await tellStaff(
      tx,
      row,
      answer.action === "accept" ? "accepted" : "declined",
      answer.action === "decline" ? answer.reason : null,
    );
    await auditTransition(tx, actor, row, next);
    return { ok: true, referralId, status: next } as const;
  });
}

/** A progress note; the first one on an accepted referral starts the work (→ in progress). */
export async function recordProgress(
  db: Database,
  actor: Actor,
  scope: Scope,
  referralId: string,
  note: string,
): Promise<ReferralResult> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const row = await lockForProvider(tx, actor, scope, referralId);
    const status = row.referral.status;
    if (status === "accepted") {
      await tx
        .update(referrals)
        .set({ status: "in_progress", startedAt: now, updatedAt: now })
        .where(eq(referrals.id, referralId));
      await stamp(tx, referralId, "accepted", "in_progress", actor.id, now, note);
      return { ok: true, referralId, status: "in_progress" } as const;
    }
    if (status !== "in_progress") return { ok: false, error: "matching:errors.invalidTransition" } as const;
    await tx.update(referrals).set({ updatedAt: now }).where(eq(referrals.id, referralId));
    await stamp(tx, referralId, "in_progress", "in_progress", actor.id, now, note);
    return { ok: true, referralId, status } as const;
  });
}

/** Closes the case with an outcome: the place is released (trigger) and the need closed. */
export async function closeReferral(
  db: Database,
  actor: Actor,
  scope: Scope,
  referralId: string,
  input: { outcome: "resolved" | "not_resolved"; note: string },
): Promise<ReferralResult> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const row = await lockForProvider(tx, actor, scope, referralId);
    const action: ReferralAction = input.outcome === "resolved" ? "resolve" : "not_resolve";
    const next = nextReferralStatus(row.referral.status, action, "provider");
    if (!next) return { ok: false, error: "matching:errors.invalidTransition" } as const;
    const note = input.note.trim();
    await tx
      .update(referrals)
      .set({ status: next, closedAt: now, closedBy: actor.id, outcomeNote: note, updatedAt: now })
      .where(eq(referrals.id, referralId));
    await tx
      .update(helpNeeds)
      .set({ status: input.outcome, outcomeNote: note, closedAt: now, updatedAt: now })
      .where(eq(helpNeeds.id, row.need.id));
    await tx
      .update(providers)
      .set(
        input.outcome === "resolved"
          ? { casesResolved: sql`${providers.casesResolved} + 1`, updatedAt: now }
          : { casesNotResolved: sql`${providers.casesNotResolved} + 1`, updatedAt: now },
      )
      .where(eq(providers.id, row.provider.id));
    await stamp(tx, referralId, row.referral.status, next, actor.id, now, note);
    await tellStaff(tx, row, input.outcome, null);
    await auditTransition(tx, actor, row, next);
    return { ok: true, referralId, status: next } as const;
  });
}

/** Staff withdraw a live referral; the need goes back to matching (the provider is not excluded). */
export async function cancelReferral(
  db: Database,
  actor: Actor,
  referralId: string,
  note?: string | null,
): Promise<ReferralResult> {
  return db.transaction(async (tx) => {
    const now = clock.now();
    const [row] = await tx
      .select({ referral: referrals, need: helpNeeds, caseCode: subjects.caseCode, provider: providers })
      .from(referrals)
      .innerJoin(helpNeeds, eq(helpNeeds.id, referrals.needId))
      .innerJoin(subjects, eq(subjects.id, helpNeeds.subjectId))
      .innerJoin(providers, eq(providers.id, referrals.providerId))
      .where(
        and(eq(referrals.id, referralId), scopeCondition(actor, "office", { officeId: referrals.officeId })),
      )
      .for("update", { of: [referrals, helpNeeds] });
    if (!row) throw new NotFoundError("referral");
    const next = nextReferralStatus(row.referral.status, "cancel", "staff");
    if (!next) return { ok: false, error: "matching:errors.invalidTransition" } as const;
    await tx
      .update(referrals)
      .set({ status: next, closedAt: now, closedBy: actor.id, updatedAt: now })
      .where(eq(referrals.id, referralId));
    await tx.update(helpNeeds).set({ status: "open", updatedAt: now }).where(eq(helpNeeds.id, row.need.id));
    await stamp(tx, referralId, row.referral.status, next, actor.id, now, note?.trim() || null);
    await cancelScheduled(tx, reminderGroup(referralId));
    await auditTransition(tx, actor, row, next);
    return { ok: true, referralId, status: next } as const;
  });
}

/**
 * The expiry job: every sent referral past its due time expires, its need goes back to the board
 * with this provider excluded, and the sender is told. Rows another instance is expiring are skipped.
 */
export async function expireOverdueReferrals(db: Database, now = clock.now(), batchSize = 200) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ referral: referrals, need: helpNeeds, caseCode: subjects.caseCode, provider: providers })
      .from(referrals)
      .innerJoin(helpNeeds, eq(helpNeeds.id, referrals.needId))
      .innerJoin(subjects, eq(subjects.id, helpNeeds.subjectId))
      .innerJoin(providers, eq(providers.id, referrals.providerId))
      .where(and(eq(referrals.status, "sent"), lte(referrals.dueAt, now)))
      .orderBy(referrals.dueAt)
      .limit(batchSize)
      .for("update", { of: [referrals, helpNeeds], skipLocked: true });
    for (const row of due) {
      await tx
        .update(referrals)
        .set({ status: "expired", answeredAt: null, updatedAt: now })
        .where(eq(referrals.id, row.referral.id));
      await tx.update(helpNeeds).set({ status: "open", updatedAt: now }).where(eq(helpNeeds.id, row.need.id));
      await tx
        .update(providers)
        .set({ referralsExpired: sql`${providers.referralsExpired} + 1`, updatedAt: now })
        .where(eq(providers.id, row.provider.id));
      await stamp(tx, row.referral.id, "sent", "expired", null, now);
      await cancelScheduled(tx, reminderGroup(row.referral.id));
      await tellStaff(tx, row, "expired", null);
    }
    return { expired: due.length, batchSize };
  });
}

type LockedRow = {
  referral: typeof referrals.$inferSelect;
  need: typeof helpNeeds.$inferSelect;
  caseCode: string;
  provider: typeof providers.$inferSelect;
};

async function tellStaff(
  tx: DbOrTx,
  row: LockedRow,
  event: "accepted" | "declined" | "expired" | "resolved" | "not_resolved",
  reason: DeclineReason | null,
) {
  const to = await staffRecipient(tx, row.referral.sentBy ?? row.need.createdBy);
  if (!to) return;
  const [named] = await tx
    .select({ name: providerName })
    .from(providers)
    .where(eq(providers.id, row.provider.id));
  const data = {
    event,
    caseCode: row.caseCode,
    categoryId: row.need.categoryId,
    providerName: named?.name ?? "",
    reason,
    url: `/staff/needs/${row.need.id}`,
  };
  const closing = event === "resolved" || event === "not_resolved";
  await notify(tx, {
    template: closing ? "referral-closed" : "referral-answered",
    data,
    to,
    idempotencyKey: `referral-${event}:${row.referral.id}`,
  } as Parameters<typeof notify>[1]);
}

async function auditTransition(tx: DbOrTx, actor: Actor, row: LockedRow, status: ReferralStatus) {
  await recordAudit(tx, {
    actorId: actor.id,
    action: "status_change",
    entityType: "referral",
    entityId: row.referral.id,
    caseCode: row.caseCode,
    districtId: row.referral.districtId,
    officeId: row.referral.officeId,
    ipAddress: actor.ipAddress ?? null,
    details: { from: row.referral.status, status },
  });
}
