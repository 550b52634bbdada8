import { and, asc, count, eq, sql } from "drizzle-orm";
import { users } from "#db/schema/accounts";
import { activities, hourCorrections, hourRecords, volunteerProfiles } from "#db/schema/volunteers";
import { type Scope } from "~/domains/accounts/scope";
import { recordAudit } from "~/domains/audit/audit.server";
import { notify, recipientForUser } from "~/domains/notifications/notify.server";
import { type Database, type DbOrTx } from "~/utils/db.server";
import { activityLengthMinutes, type HoursResult } from "./hour-records.server";
import type { CorrectionRequestInput } from "./hours-validation";
import { type StaffActor, recordScope } from "./hour-review.server";
import { HOURS_URL, type TotalsChange, announceLevels, applyTotalsChange } from "./hour-totals.server";

/**
 * Corrections of approved records: asked for by the volunteer or the organizing organization, decided
 * by staff. `decideCorrection` is the only statement that changes an approved record; it keeps the
 * original in `hour_corrections` and moves the totals.
 */
// -----------------------------------------------------------------------------------------------
// Corrections

/** A record as the correction page shows it, with where it sits for the permission check. */
export async function getRecordForCorrection(db: DbOrTx, recordId: string) {
  const [row] = await db
    .select({
      id: hourRecords.id,
      volunteerId: hourRecords.volunteerId,
      status: hourRecords.status,
      kind: hourRecords.kind,
      serviceDate: hourRecords.serviceDate,
      minutes: hourRecords.minutes,
      description: hourRecords.description,
      activityTitle: activities.title,
      organizerId: activities.organizerId,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      officeId: hourRecords.officeId,
      districtId: hourRecords.districtId,
    })
    .from(hourRecords)
    .leftJoin(activities, eq(activities.id, hourRecords.activityId))
    .where(eq(hourRecords.id, recordId));
  if (!row) return null;
  const [pending] = await db
    .select({ id: hourCorrections.id })
    .from(hourCorrections)
    .where(and(eq(hourCorrections.hourRecordId, recordId), eq(hourCorrections.status, "pending")));
  return { ...row, correctionPending: Boolean(pending) };
}

/** Where a record sits, for `authorize(actor, "request:hour-correction", target)`. */
export function correctionScopeTarget(record: {
  volunteerId: string;
  organizerId: string | null;
  officeId: string;
  districtId: string;
}) {
  return {
    ownerUserId: record.volunteerId,
    // Only an activity's organizer may ask on the volunteer's behalf.
    organizationId: record.organizerId,
    officeId: record.officeId,
    districtId: record.districtId,
  };
}

/**
 * Asks staff to change an approved record. The record itself is not touched: the request keeps the
 * original values and waits for a decision. One open request per record (a unique index).
 */
export async function requestCorrection(
  db: Database,
  input: { requesterId: string; recordId: string; request: CorrectionRequestInput; ipAddress: string },
): Promise<HoursResult<{ correctionId: string }>> {
  return db.transaction(async (tx) => {
    const [record] = await tx
      .select({
        id: hourRecords.id,
        status: hourRecords.status,
        minutes: hourRecords.minutes,
        description: hourRecords.description,
        startsAt: activities.startsAt,
        endsAt: activities.endsAt,
        officeId: hourRecords.officeId,
        districtId: hourRecords.districtId,
      })
      .from(hourRecords)
      .leftJoin(activities, eq(activities.id, hourRecords.activityId))
      .where(eq(hourRecords.id, input.recordId));
    if (!record || record.status !== "approved" || record.minutes === null)
      return { ok: false as const, field: "form", error: "validation:hourCorrection.notApproved" };
    const { proposedMinutes, proposedDescription, reason } = input.request;
    if (proposedMinutes === record.minutes && proposedDescription === record.description)
      return { ok: false as const, field: "duration", error: "validation:hourCorrection.unchanged" };
    if (record.startsAt && record.endsAt) {
      const length = activityLengthMinutes({ startsAt: record.startsAt, endsAt: record.endsAt });
      if (proposedMinutes > length)
        return { ok: false as const, field: "duration", error: "validation:hourRecord.longerThanActivity" };
    }
    const [row] = await tx
      .insert(hourCorrections)
      .values({
        hourRecordId: record.id,
        requestedBy: input.requesterId,
        originalMinutes: record.minutes,
        originalDescription: record.description,
        proposedMinutes,
        proposedDescription,
        reason,
      })
      .onConflictDoNothing()
      .returning({ id: hourCorrections.id });
    if (!row) return { ok: false as const, field: "form", error: "validation:hourCorrection.alreadyPending" };
    await recordAudit(tx, {
      actorId: input.requesterId,
      action: "create",
      entityType: "hour-correction",
      entityId: row.id,
      districtId: record.districtId,
      officeId: record.officeId,
      ipAddress: input.ipAddress,
      details: { hourRecordId: record.id, fromMinutes: record.minutes, toMinutes: proposedMinutes },
    });
    return { ok: true as const, correctionId: row.id };
  });
}

/** Open correction requests of the staff member's office (bureau admin: district), oldest first. */
export async function listPendingCorrections(
  db: DbOrTx,
  query: {
    scope: Scope;
    actor: Pick<StaffActor, "organizationId" | "districtId">;
    page: number;
    pageSize: number;
  },
) {
  const where = and(eq(hourCorrections.status, "pending"), recordScope(query.scope, query.actor));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: hourCorrections.id,
        hourRecordId: hourRecords.id,
        volunteerName: volunteerProfiles.legalName,
        volunteerNumber: volunteerProfiles.volunteerNumber,
        requestedByName: users.displayName,
        requestedByVolunteer: sql<boolean>`${hourCorrections.requestedBy} = ${hourRecords.volunteerId}`,
        serviceDate: hourRecords.serviceDate,
        activityTitle: activities.title,
        originalMinutes: hourCorrections.originalMinutes,
        originalDescription: hourCorrections.originalDescription,
        proposedMinutes: hourCorrections.proposedMinutes,
        proposedDescription: hourCorrections.proposedDescription,
        reason: hourCorrections.reason,
        createdAt: hourCorrections.createdAt,
      })
      .from(hourCorrections)
      .innerJoin(hourRecords, eq(hourRecords.id, hourCorrections.hourRecordId))
      .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, hourRecords.volunteerId))
      .innerJoin(users, eq(users.id, hourCorrections.requestedBy))
      .leftJoin(activities, eq(activities.id, hourRecords.activityId))
      .where(where)
      .orderBy(asc(hourCorrections.createdAt), hourCorrections.id)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: count() })
      .from(hourCorrections)
      .innerJoin(hourRecords, eq(hourRecords.id, hourCorrections.hourRecordId))
      .where(where),
  ]);
  return { rows, total: total?.total ?? 0 };
}

/**
 * Decides a correction request. Approving changes the locked record (the original stays in the
 * request row), moves the totals by the difference and recomputes the star level — a level lost is
 * recorded as lowered, without an email — all in one transaction with the audit row.
 */
export async function decideCorrection(
  db: Database,
  input: {
    actor: StaffActor;
    scope: Scope;
    correctionId: string;
    decision: "approve" | "reject";
    reason: string | null;
    now: Date;
  },
): Promise<{ ok: true } | { ok: false; reason: "notFound" | "stale" }> {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({
        correction: hourCorrections,
        record: {
          id: hourRecords.id,
          volunteerId: hourRecords.volunteerId,
          status: hourRecords.status,
          minutes: hourRecords.minutes,
          description: hourRecords.description,
          serviceDate: hourRecords.serviceDate,
          officeId: hourRecords.officeId,
          districtId: hourRecords.districtId,
        },
      })
      .from(hourCorrections)
      .innerJoin(hourRecords, eq(hourRecords.id, hourCorrections.hourRecordId))
      .where(and(eq(hourCorrections.id, input.correctionId), recordScope(input.scope, input.actor)))
      .for("update");
    if (!found) return { ok: false as const, reason: "notFound" as const };
    const { correction, record } = found;
    if (correction.status !== "pending" || record.status !== "approved" || record.minutes === null)
      return { ok: false as const, reason: "stale" as const };

    let levels: TotalsChange | null = null;
    if (input.decision === "approve") {
      await tx
        .update(hourRecords)
        .set({
          minutes: correction.proposedMinutes,
          description: correction.proposedDescription,
          updatedAt: input.now,
        })
        .where(and(eq(hourRecords.id, record.id), eq(hourRecords.status, "approved")));
      levels = await applyTotalsChange(tx, record.volunteerId, {
        minutes: correction.proposedMinutes - record.minutes,
        records: 0,
      });
    }
    await tx
      .update(hourCorrections)
      .set({
        status: input.decision === "approve" ? "approved" : "rejected",
        decisionReason: input.reason,
        decidedBy: input.actor.id,
        decidedAt: input.now,
      })
      .where(eq(hourCorrections.id, correction.id));

    const decision = input.decision === "approve" ? ("approved" as const) : ("rejected" as const);
    const recipients = [correction.requestedBy];
    if (decision === "approved" && correction.requestedBy !== record.volunteerId)
      recipients.push(record.volunteerId);
    for (const userId of recipients) {
      const to = await recipientForUser(tx, userId);
      if (!to) continue;
      await notify(tx, {
        template: "hour-correction-decided",
        to,
        idempotencyKey: `hour-correction-decided:${correction.id}:${userId}`,
        data: {
          decision,
          date: record.serviceDate,
          title: correction.originalDescription,
          originalMinutes: correction.originalMinutes,
          proposedMinutes: correction.proposedMinutes,
          reason: input.reason,
          url: userId === record.volunteerId ? HOURS_URL : "/dashboard",
        },
      });
    }
    if (levels) await announceLevels(tx, levels);
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: decision === "approved" ? "update" : "status_change",
      entityType: decision === "approved" ? "hour-record" : "hour-correction",
      entityId: decision === "approved" ? record.id : correction.id,
      districtId: record.districtId,
      officeId: record.officeId,
      ipAddress: input.actor.ipAddress,
      details: {
        correctionId: correction.id,
        decision,
        fromMinutes: correction.originalMinutes,
        toMinutes: correction.proposedMinutes,
        volunteerId: record.volunteerId,
      },
    });
    return { ok: true as const };
  });
}
