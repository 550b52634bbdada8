import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { organizations, users } from "#db/schema/accounts";
import { awardTypes, nominationEvents, nominationObjections, nominations } from "#db/schema/awards";
import type { Actor } from "~/domains/accounts/actor";
import { permittedCondition } from "~/domains/accounts/authorize";
import { newCertificateNumber } from "~/domains/volunteers/certificates.server";
import { recordAudit } from "~/domains/audit/audit.server";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { workingDayDeadline } from "~/domains/calendar/calendar.server";
import {
  notify,
  type NotifyEvent,
  type NotifyRecipient,
  recipientForUser,
} from "~/domains/notifications/notify.server";
import type { EmailTemplateData, EmailTemplateName } from "#emails/registry";
import type { Database, DbOrTx, Transaction } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { criteriaOf, evaluate } from "./eligibility";
import { candidateFigures, type FigureNomineeKind, nomineeKindsWithFigures } from "./figures.server";
import { type NominationAction, type NominationStatus, transition } from "./nomination-status";
import { periodKeyOf, periodOf } from "./periods";

/**
 * Nominations from office staff to the bureau's decision, the public notice and the final award.
 * Every change runs in one transaction: the nomination row locked, the state machine asked, the event,
 * the audit row and the emails written together.
 */

export type AwardResult<Extra = object> =
  ({ ok: true } & Extra) | { ok: false; field?: string; error: string; notFound?: boolean };

const refuse = (error: string, field?: string) => ({ ok: false as const, error, field });
const notFound = { ok: false as const, error: "awards:errors.notFound", notFound: true };

const nominationScope = (actor: Actor) =>
  permittedCondition(actor, "read:nomination", {
    officeId: nominations.officeId,
    districtId: nominations.districtId,
  });

export interface NominateInput {
  awardTypeId: string;
  periodKey: string;
  nomineeId: string;
  statement: string;
  publishFullName: boolean;
}

/** Award certificate numbers: `BZ-2026-7KQ4-M2XD` (表彰), made like service certificates' numbers. */
export const newAwardNumber = (year: number) => newCertificateNumber(year, undefined, "BZ");
export { isAwardNumber } from "~/domains/volunteers/certificate-number";

async function bureauReviewers(tx: DbOrTx, districtId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(eq(users.organizationId, districtId), eq(users.role, "bureau_admin"), eq(users.status, "active")),
    );
  return rows.map((row) => row.id);
}

async function recipients(tx: DbOrTx, userIds: readonly (string | null)[]): Promise<NotifyRecipient[]> {
  const found: NotifyRecipient[] = [];
  for (const id of new Set(userIds.filter((value): value is string => Boolean(value)))) {
    const recipient = await recipientForUser(tx, id);
    if (recipient) found.push(recipient);
  }
  return found;
}

/**
 * Office staff nominate a candidate for a type and period. The figures are read from the records at
 * this moment and frozen as evidence; a candidate below the type's criteria cannot be nominated.
 */
export async function nominate(
  db: Database,
  actor: Actor,
  input: NominateInput,
): Promise<AwardResult<{ id: string }>> {
  if (!actor.organizationId || !actor.districtId) return notFound;
  return db.transaction(async (tx) => {
    const [type] = await tx
      .select()
      .from(awardTypes)
      .where(and(eq(awardTypes.id, input.awardTypeId), eq(awardTypes.districtId, actor.districtId!)));
    if (!type || !type.active) return refuse("awards:errors.typeUnknown", "awardTypeId");
    if (!nomineeKindsWithFigures.includes(type.nomineeKind))
      return refuse("awards:errors.typeUnknown", "awardTypeId");
    const period = periodOf(type.periodKind, input.periodKey);
    if (!period) return refuse("awards:errors.periodUnknown", "periodKey");
    const today = calendarDateOf(clock.now());
    if (period.start > today) return refuse("awards:errors.periodFuture", "periodKey");
    const kind = type.nomineeKind as FigureNomineeKind;
    const [candidate] = await candidateFigures(tx, {
      nomineeKind: kind,
      districtId: actor.districtId!,
      officeId: kind === "volunteer" ? actor.organizationId : null,
      periodStart: period.start,
      periodEnd: period.end,
      today,
      nomineeId: input.nomineeId,
    });
    if (!candidate) return refuse("awards:errors.nomineeUnknown", "nomineeId");
    const eligibility = evaluate(criteriaOf(type), candidate.figures);
    if (!eligibility.eligible) return refuse("awards:errors.notEligible", "nomineeId");
    const inserted = await tx
      .insert(nominations)
      .values({
        awardTypeId: type.id,
        districtId: actor.districtId!,
        officeId: actor.organizationId!,
        nomineeKind: kind,
        nomineeUserId: kind === "volunteer" ? candidate.id : null,
        nomineeOrganizationId: kind === "volunteer" ? null : candidate.id,
        nomineeName: candidate.name,
        publishFullName: kind !== "volunteer" || input.publishFullName,
        periodStart: period.start,
        periodEnd: period.end,
        statement: input.statement,
        evidence: { figures: candidate.figures, checks: eligibility.checks },
        nominatedBy: actor.id,
      })
      .onConflictDoNothing()
      .returning({ id: nominations.id });
    const row = inserted[0];
    if (!row) return refuse("awards:errors.alreadyNominated", "nomineeId");
    await tx.insert(nominationEvents).values({
      nominationId: row.id,
      action: "submit",
      toStatus: "submitted",
      actorId: actor.id,
    });
    const typeName = { zh: type.nameZh, en: type.nameEn };
    for (const to of await recipients(tx, await bureauReviewers(tx, actor.districtId!)))
      await notify(tx, {
        template: "nomination-submitted",
        to,
        data: {
          typeName,
          nomineeName: candidate.name,
          periodKey: period.key,
          url: `/staff/nominations/${row.id}`,
        },
        idempotencyKey: `nomination-submitted:${row.id}:${to.userId}`,
      });
    if (kind === "volunteer")
      for (const to of await recipients(tx, [candidate.id]))
        await notify(tx, {
          template: "award-nominated",
          to,
          data: { typeName, periodKey: period.key, url: "/dashboard" },
          idempotencyKey: `award-nominated:${row.id}`,
        });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "create",
      entityType: "nomination",
      entityId: row.id,
      districtId: actor.districtId,
      officeId: actor.organizationId,
      details: { awardTypeId: type.id, period: period.key },
    });
    return { ok: true, id: row.id };
  });
}

const nominationColumns = {
  id: nominations.id,
  status: nominations.status,
  nomineeKind: nominations.nomineeKind,
  nomineeUserId: nominations.nomineeUserId,
  nomineeOrganizationId: nominations.nomineeOrganizationId,
  nomineeName: nominations.nomineeName,
  publishFullName: nominations.publishFullName,
  periodStart: nominations.periodStart,
  periodEnd: nominations.periodEnd,
  statement: nominations.statement,
  evidence: nominations.evidence,
  nominatedBy: nominations.nominatedBy,
  reviewedBy: nominations.reviewedBy,
  reviewComment: nominations.reviewComment,
  noticeStartsOn: nominations.noticeStartsOn,
  noticeEndsOn: nominations.noticeEndsOn,
  finalizedAt: nominations.finalizedAt,
  certificateNumber: nominations.certificateNumber,
  revokedAt: nominations.revokedAt,
  revokeReason: nominations.revokeReason,
  officeId: nominations.officeId,
  districtId: nominations.districtId,
  createdAt: nominations.createdAt,
  awardTypeId: awardTypes.id,
  typeNameZh: awardTypes.nameZh,
  typeNameEn: awardTypes.nameEn,
  minMinutes: awardTypes.minMinutes,
  minActivities: awardTypes.minActivities,
  noticeWorkingDays: awardTypes.noticeWorkingDays,
  officeName: organizations.name,
};

export type NominationView = Awaited<ReturnType<typeof getNomination>>;

/** One nomination with its history and objections, within the reader's scope (else null → 404). */
export async function getNomination(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ ...nominationColumns, nominatorName: users.displayName })
    .from(nominations)
    .innerJoin(awardTypes, eq(awardTypes.id, nominations.awardTypeId))
    .innerJoin(organizations, eq(organizations.id, nominations.officeId))
    .innerJoin(users, eq(users.id, nominations.nominatedBy))
    .where(and(eq(nominations.id, id), nominationScope(actor)));
  if (!row) return null;
  const events = await db
    .select({
      id: nominationEvents.id,
      action: nominationEvents.action,
      toStatus: nominationEvents.toStatus,
      comment: nominationEvents.comment,
      createdAt: nominationEvents.createdAt,
      actorName: users.displayName,
    })
    .from(nominationEvents)
    .leftJoin(users, eq(users.id, nominationEvents.actorId))
    .where(eq(nominationEvents.nominationId, id))
    .orderBy(asc(nominationEvents.createdAt));
  const objections = await db
    .select()
    .from(nominationObjections)
    .where(eq(nominationObjections.nominationId, id))
    .orderBy(asc(nominationObjections.createdAt));
  return { ...row, events, objections };
}

export const NOMINATIONS_PAGE_SIZE = 25;

export async function listNominations(
  db: DbOrTx,
  actor: Actor,
  query: { status?: NominationStatus; page?: number },
) {
  const where = and(nominationScope(actor), query.status ? eq(nominations.status, query.status) : undefined);
  const page = Math.max(1, query.page ?? 1);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: nominations.id,
        status: nominations.status,
        nomineeName: nominations.nomineeName,
        nomineeKind: nominations.nomineeKind,
        periodStart: nominations.periodStart,
        periodEnd: nominations.periodEnd,
        noticeEndsOn: nominations.noticeEndsOn,
        typeNameZh: awardTypes.nameZh,
        typeNameEn: awardTypes.nameEn,
        officeName: organizations.name,
        createdAt: nominations.createdAt,
      })
      .from(nominations)
      .innerJoin(awardTypes, eq(awardTypes.id, nominations.awardTypeId))
      .innerJoin(organizations, eq(organizations.id, nominations.officeId))
      .where(where)
      .orderBy(desc(nominations.createdAt))
      .limit(NOMINATIONS_PAGE_SIZE)
      .offset((page - 1) * NOMINATIONS_PAGE_SIZE),
    db.select({ total: count() }).from(nominations).where(where),
  ]);
  return { rows, total: total?.total ?? 0, page, pageSize: NOMINATIONS_PAGE_SIZE };
}

async function lockNomination(tx: Transaction, id: string, actor: Actor | null) {
  const [row] = await tx
    .select({
      id: nominations.id,
      status: nominations.status,
      nominatedBy: nominations.nominatedBy,
      nomineeKind: nominations.nomineeKind,
      nomineeUserId: nominations.nomineeUserId,
      nomineeName: nominations.nomineeName,
      noticeEndsOn: nominations.noticeEndsOn,
      periodStart: nominations.periodStart,
      periodEnd: nominations.periodEnd,
      districtId: nominations.districtId,
      officeId: nominations.officeId,
      awardTypeId: nominations.awardTypeId,
    })
    .from(nominations)
    .where(and(eq(nominations.id, id), actor ? nominationScope(actor) : undefined))
    .for("update");
  if (!row) return null;
  const [type] = await tx
    .select({
      nameZh: awardTypes.nameZh,
      nameEn: awardTypes.nameEn,
      noticeWorkingDays: awardTypes.noticeWorkingDays,
    })
    .from(awardTypes)
    .where(eq(awardTypes.id, row.awardTypeId));
  const [objections] = await tx
    .select({ open: count() })
    .from(nominationObjections)
    .where(and(eq(nominationObjections.nominationId, id), eq(nominationObjections.status, "open")));
  return { ...row, type: type!, openObjections: objections?.open ?? 0 };
}

type Locked = NonNullable<Awaited<ReturnType<typeof lockNomination>>>;

/** Which decisions need the bureau's grant (the rest are the nominator's own). */
const bureauActions: ReadonlySet<NominationAction> = new Set([
  "approve",
  "return",
  "reject",
  "revoke",
  "uphold",
]);

/**
 * A decision on a nomination: the bureau approves (public notice starts, its end counted in working
 * days), returns or rejects it, or revokes a final award; the nominator resubmits or withdraws it.
 */
export async function decideNomination(
  db: Database,
  actor: Actor,
  input: {
    id: string;
    action: Exclude<NominationAction, "finalize" | "uphold">;
    comment?: string | null;
    /** A resubmission may rewrite the statement the bureau asked to change. */
    statement?: string | null;
  },
): Promise<AwardResult<{ status: NominationStatus }>> {
  if (bureauActions.has(input.action) && !actor.grants.includes("review:nomination:district"))
    return notFound;
  return db.transaction(async (tx) => {
    const nomination = await lockNomination(tx, input.id, actor);
    if (!nomination) return notFound;
    if (!bureauActions.has(input.action) && nomination.nominatedBy !== actor.id) return notFound;
    const result = transition({
      status: nomination.status,
      action: input.action,
      actorId: actor.id,
      nominatedBy: nomination.nominatedBy,
      comment: input.comment,
    });
    if (!result.ok)
      return refuse(
        `awards:errors.${result.reason}`,
        result.reason === "comment-required" ? "comment" : undefined,
      );
    const now = clock.now();
    const changes: Partial<typeof nominations.$inferInsert> = { status: result.to, updatedAt: now };
    if (input.action === "approve" || input.action === "return" || input.action === "reject") {
      changes.reviewedBy = actor.id;
      changes.reviewComment = input.comment?.trim() || null;
    }
    if (input.action === "approve") {
      changes.noticeStartsOn = calendarDateOf(now);
      changes.noticeEndsOn = await workingDayDeadline(tx, now, nomination.type.noticeWorkingDays);
    }
    if (input.action === "resubmit" && input.statement?.trim()) changes.statement = input.statement.trim();
    if (input.action === "revoke") {
      changes.revokedAt = now;
      changes.revokeReason = input.comment!.trim();
    }
    await tx.update(nominations).set(changes).where(eq(nominations.id, nomination.id));
    await writeEvent(tx, nomination, input.action, result.to, actor.id, input.comment);
    await tellParties(tx, nomination, input.action, result.to, input.comment, changes.noticeEndsOn ?? null);
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.action === "approve" ? "approve" : "status_change",
      entityType: "nomination",
      entityId: nomination.id,
      districtId: nomination.districtId,
      officeId: nomination.officeId,
      details: { from: nomination.status, to: result.to },
    });
    return { ok: true, status: result.to };
  });
}

async function writeEvent(
  tx: DbOrTx,
  nomination: Locked,
  action: string,
  to: NominationStatus,
  actorId: string | null,
  comment?: string | null,
) {
  await tx.insert(nominationEvents).values({
    nominationId: nomination.id,
    action,
    fromStatus: nomination.status,
    toStatus: to,
    actorId,
    comment: comment?.trim() || null,
    createdAt: clock.now(),
  });
}

/** Emails of a change: the nominator always; the nominee (a volunteer) when it concerns the award. */
async function tellParties(
  tx: DbOrTx,
  nomination: Locked,
  action: NominationAction,
  to: NominationStatus,
  comment: string | null | undefined,
  noticeEndsOn: string | null,
) {
  const typeName = { zh: nomination.type.nameZh, en: nomination.type.nameEn };
  const periodKey = periodKeyOf(nomination.periodStart, nomination.periodEnd);
  const nominee = nomination.nomineeKind === "volunteer" ? nomination.nomineeUserId : null;
  const staffUrl = `/staff/nominations/${nomination.id}`;
  const send = async <Name extends EmailTemplateName>(
    template: Name,
    userIds: (string | null)[],
    data: EmailTemplateData<Name>,
  ) => {
    for (const recipient of await recipients(tx, userIds))
      await notify(tx, {
        template,
        to: recipient,
        data,
        idempotencyKey: `${template}:${nomination.id}:${action}:${to}:${recipient.userId}:${clock.nowMs()}`,
      } as NotifyEvent);
  };
  if (action === "return" || action === "reject" || action === "approve" || action === "uphold")
    await send("nomination-decided", [nomination.nominatedBy], {
      typeName,
      nomineeName: nomination.nomineeName,
      periodKey,
      decision: action === "uphold" ? "reject" : action,
      comment: comment?.trim() || null,
      url: staffUrl,
    });
  if (action === "approve" && noticeEndsOn)
    await send("award-notice-started", [nominee], { typeName, periodKey, noticeEndsOn, url: "/honour-roll" });
  if (action === "finalize")
    await send("award-final", [nomination.nominatedBy, nominee], {
      typeName,
      nomineeName: nomination.nomineeName,
      periodKey,
      url: "/honour-roll",
    });
  if (action === "revoke")
    await send("award-revoked", [nomination.nominatedBy, nominee], {
      typeName,
      nomineeName: nomination.nomineeName,
      periodKey,
      reason: comment!.trim(),
    });
}

/** Anyone may object during the public notice; the reviewers and the nominator are told. */
export async function fileObjection(
  db: Database,
  input: {
    nominationId: string;
    filerName: string;
    filerContact: string;
    body: string;
    /** The form's idempotency key: the same key files one objection, however often it is sent. */
    submissionKey?: string | null;
  },
): Promise<AwardResult<{ replayed: boolean }>> {
  return db.transaction(async (tx) => {
    const nomination = await lockNomination(tx, input.nominationId, null);
    if (!nomination) return notFound;
    if (input.submissionKey) {
      const [filed] = await tx
        .select({ id: nominationObjections.id })
        .from(nominationObjections)
        .where(
          and(
            eq(nominationObjections.nominationId, nomination.id),
            eq(nominationObjections.submissionKey, input.submissionKey),
          ),
        );
      // Already filed with this form (the nomination row lock orders concurrent posts).
      if (filed) return { ok: true, replayed: true };
    }
    if (nomination.status !== "in_notice") return notFound;
    const [objection] = await tx
      .insert(nominationObjections)
      .values({
        nominationId: nomination.id,
        filerName: input.filerName,
        filerContact: input.filerContact,
        body: input.body,
        submissionKey: input.submissionKey ?? null,
        createdAt: clock.now(),
      })
      .returning({ id: nominationObjections.id });
    const typeName = { zh: nomination.type.nameZh, en: nomination.type.nameEn };
    for (const to of await recipients(tx, [
      ...(await bureauReviewers(tx, nomination.districtId)),
      nomination.nominatedBy,
    ]))
      await notify(tx, {
        template: "award-objection-received",
        to,
        data: {
          typeName,
          nomineeName: nomination.nomineeName,
          periodKey: periodKeyOf(nomination.periodStart, nomination.periodEnd),
          url: `/staff/nominations/${nomination.id}`,
        },
        idempotencyKey: `award-objection-received:${objection!.id}:${to.userId}`,
      });
    return { ok: true, replayed: false };
  });
}

/**
 * The bureau resolves an objection: upheld, the nomination is rejected (and leaves the honour roll);
 * dismissed, the notice goes on and the award can become final when it ends.
 */
export async function resolveObjection(
  db: Database,
  actor: Actor,
  input: { objectionId: string; outcome: "upheld" | "dismissed"; resolution: string },
): Promise<AwardResult> {
  if (!actor.grants.includes("review:nomination:district")) return notFound;
  if (!input.resolution.trim()) return refuse("awards:errors.comment-required", "resolution");
  return db.transaction(async (tx) => {
    const [objection] = await tx
      .select({
        id: nominationObjections.id,
        nominationId: nominationObjections.nominationId,
        status: nominationObjections.status,
      })
      .from(nominationObjections)
      .where(eq(nominationObjections.id, input.objectionId));
    if (!objection) return notFound;
    const nomination = await lockNomination(tx, objection.nominationId, actor);
    if (!nomination) return notFound;
    if (objection.status !== "open") return refuse("awards:errors.objectionResolved");
    const now = clock.now();
    await tx
      .update(nominationObjections)
      .set({
        status: input.outcome,
        resolution: input.resolution.trim(),
        resolvedBy: actor.id,
        resolvedAt: now,
      })
      .where(eq(nominationObjections.id, objection.id));
    if (input.outcome === "upheld") {
      const result = transition({
        status: nomination.status,
        action: "uphold",
        actorId: actor.id,
        nominatedBy: nomination.nominatedBy,
        comment: input.resolution,
      });
      if (!result.ok) throw new Error(`uphold refused: ${result.reason}`);
      await tx
        .update(nominations)
        .set({ status: result.to, updatedAt: now })
        .where(eq(nominations.id, nomination.id));
      await writeEvent(tx, nomination, "uphold", result.to, actor.id, input.resolution);
      await tellParties(tx, nomination, "uphold", result.to, input.resolution, null);
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "status_change",
      entityType: "nomination",
      entityId: nomination.id,
      districtId: nomination.districtId,
      officeId: nomination.officeId,
      details: { objection: objection.id, outcome: input.outcome },
    });
    return { ok: true };
  });
}

/**
 * The job: awards whose notice has ended with no open objection become final, each with a certificate
 * number. Runs once across instances (job registry); safe to run again (only `in_notice` rows move).
 */
export async function finalizeDueAwards(db: Database, now = clock.now()): Promise<{ finalized: number }> {
  const today = calendarDateOf(now);
  const due = await db
    .select({ id: nominations.id })
    .from(nominations)
    .where(and(eq(nominations.status, "in_notice"), sql`${nominations.noticeEndsOn} < ${today}`))
    .orderBy(asc(nominations.noticeEndsOn))
    .limit(200);
  let finalized = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const nomination = await lockNomination(tx, id, null);
      if (!nomination) return false;
      const result = transition({
        status: nomination.status,
        action: "finalize",
        actorId: null,
        nominatedBy: nomination.nominatedBy,
        today,
        noticeEndsOn: nomination.noticeEndsOn,
        openObjections: nomination.openObjections,
      });
      if (!result.ok) return false;
      await tx
        .update(nominations)
        .set({
          status: result.to,
          finalizedAt: now,
          certificateNumber: newAwardNumber(Number(today.slice(0, 4))),
          updatedAt: now,
        })
        .where(eq(nominations.id, id));
      await writeEvent(tx, nomination, "finalize", result.to, null);
      await tellParties(tx, nomination, "finalize", result.to, null, null);
      await recordAudit(tx, {
        actorId: null,
        action: "status_change",
        entityType: "nomination",
        entityId: id,
        districtId: nomination.districtId,
        officeId: nomination.officeId,
        details: { from: nomination.status, to: result.to },
      });
      return true;
    });
    if (done) finalized += 1;
  }
  return { finalized };
}

/** Nominations of a volunteer that ended in an award (their profile and dashboard). */
export async function awardsOfVolunteer(db: DbOrTx, volunteerId: string) {
  return db
    .select({
      id: nominations.id,
      status: nominations.status,
      typeNameZh: awardTypes.nameZh,
      typeNameEn: awardTypes.nameEn,
      periodStart: nominations.periodStart,
      periodEnd: nominations.periodEnd,
      certificateNumber: nominations.certificateNumber,
      noticeEndsOn: nominations.noticeEndsOn,
    })
    .from(nominations)
    .innerJoin(awardTypes, eq(awardTypes.id, nominations.awardTypeId))
    .where(
      and(eq(nominations.nomineeUserId, volunteerId), inArray(nominations.status, ["in_notice", "final"])),
    )
    .orderBy(desc(nominations.periodEnd));
}
