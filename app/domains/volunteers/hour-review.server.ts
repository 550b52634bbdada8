import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { users } from "#db/schema/accounts";
import {
  activities,
  hourCorrections,
  hourRecords,
  starLevelEvents,
  starThresholds,
  volunteerProfiles,
} from "#db/schema/volunteers";
import type { ActorRef } from "~/domains/accounts/actor";
import { type Scope, scopeCondition } from "~/domains/accounts/scope";
import { type AuditEntry, recordAudit } from "~/domains/audit/audit.server";
import { notify, recipientForUser } from "~/domains/notifications/notify.server";
import { type Database, type DbOrTx, selectRows, type Transaction } from "~/utils/db.server";
import { activityLengthMinutes, type HoursResult } from "./hours.server";
import type { CorrectionRequestInput } from "./hours-validation";
import { DEFAULT_STAR_THRESHOLDS, levelsReached, progressToNext, type StarThresholds } from "./star-levels";
import * as clock from "~/utils/clock.server";

/**
 * Staff decisions on service hours, correction requests, and the running totals they keep.
 *
 * Approved records are locked: the only statement in the app that changes an approved record is
 * the one in `decideCorrection`, which keeps the original in `hour_corrections`. Every decision
 * updates the volunteer's totals in its own transaction, with the volunteer's profile row locked
 * (`SELECT … FOR UPDATE`), so concurrent approvals for one volunteer add up. Lock order everywhere:
 * hour records (by id), then profiles (by user id), then the audit chain (last).
 */

export type StaffActor = ActorRef & { ipAddress: string };

const HOURS_URL = "/hours";

const recordScope = (scope: Scope, actor: Pick<StaffActor, "organizationId" | "districtId">) =>
  scopeCondition(actor, scope, { officeId: hourRecords.officeId, districtId: hourRecords.districtId });

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// -----------------------------------------------------------------------------------------------
// Running totals and star levels

/** A district's thresholds in minutes: its own row, or the default 100/300/600/1000/1500 hours. */
export async function districtThresholds(db: DbOrTx, districtId: string): Promise<StarThresholds> {
  const [row] = await db
    .select({ thresholds: starThresholds.thresholdsMinutes })
    .from(starThresholds)
    .where(eq(starThresholds.districtId, districtId));
  return row?.thresholds ?? DEFAULT_STAR_THRESHOLDS;
}

interface TotalsChange {
  volunteerId: string;
  approvedMinutes: number;
  /** Events written for levels newly reached (lowest first): one email each. */
  reached: { level: number; eventId: string }[];
  lost: number[];
  minutesToNext: number | null;
}

/**
 * Applies a change of approved minutes / records to a volunteer's totals, with the profile row
 * locked. Activities served and the last service day are recounted from the approved records of
 * this one volunteer (an indexed read), so approvals and corrections can never make them drift.
 * Star levels crossed are recorded in order; a level lost to a correction is recorded as lowered.
 */
async function applyTotalsChange(
  tx: Transaction,
  volunteerId: string,
  change: { minutes: number; records: number },
): Promise<TotalsChange> {
  const [profile] = await tx
    .select({
      approvedMinutes: volunteerProfiles.approvedMinutes,
      approvedRecords: volunteerProfiles.approvedRecords,
      districtId: volunteerProfiles.districtId,
    })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, volunteerId))
    .for("update");
  if (!profile) throw new Error(`No volunteer profile ${volunteerId}`);
  // Read after the lock: a concurrent approval of this volunteer has committed by now.
  const [served] = await tx
    .select({
      activities: sql<number>`count(distinct ${hourRecords.activityId})::int`,
      lastServiceOn: sql<string | null>`max(${hourRecords.serviceDate})::text`,
    })
    .from(hourRecords)
    .where(and(eq(hourRecords.volunteerId, volunteerId), eq(hourRecords.status, "approved")));
  const after = profile.approvedMinutes + change.minutes;
  const thresholds = await districtThresholds(tx, profile.districtId);
  const levels = levelsReached(profile.approvedMinutes, after, thresholds);
  await tx
    .update(volunteerProfiles)
    .set({
      approvedMinutes: after,
      approvedRecords: profile.approvedRecords + change.records,
      activitiesServed: served?.activities ?? 0,
      lastServiceOn: served?.lastServiceOn ?? null,
      starLevel: levels.after,
      updatedAt: clock.now(),
    })
    .where(eq(volunteerProfiles.userId, volunteerId));
  const reached: TotalsChange["reached"] = [];
  for (const level of levels.reached) {
    const [event] = await tx
      .insert(starLevelEvents)
      .values({ volunteerId, level, change: "reached", approvedMinutes: after })
      .returning({ id: starLevelEvents.id });
    reached.push({ level, eventId: event!.id });
  }
  for (const level of levels.lost) {
    await tx
      .insert(starLevelEvents)
      .values({ volunteerId, level, change: "lowered", approvedMinutes: after });
  }
  const progress = progressToNext(after, thresholds);
  return {
    volunteerId,
    approvedMinutes: after,
    reached,
    lost: levels.lost,
    minutesToNext: progress.nextLevel === null ? null : progress.minutesToNext,
  };
}

/** One `star-level-reached` email per level newly reached, lowest first. */
async function announceLevels(tx: Transaction, change: TotalsChange): Promise<void> {
  if (change.reached.length === 0) return;
  const to = await recipientForUser(tx, change.volunteerId);
  if (!to) return;
  for (const { level, eventId } of change.reached) {
    await notify(tx, {
      template: "star-level-reached",
      to,
      idempotencyKey: `star-level-reached:${eventId}`,
      data: {
        level,
        approvedMinutes: change.approvedMinutes,
        // Minutes to the level after this one (only the highest level reached can be below it).
        minutesToNext: level === change.reached.at(-1)!.level ? change.minutesToNext : null,
        url: HOURS_URL,
      },
    });
  }
}

// -----------------------------------------------------------------------------------------------
// The review queue

export interface ReviewQuery {
  scope: Scope;
  actor: Pick<StaffActor, "organizationId" | "districtId">;
  kind?: "system" | "self_reported";
  flaggedOnly?: boolean;
  /** Volunteer name or number. */
  search?: string;
  page: number;
  pageSize: number;
}

/** Pending records of the staff member's office (bureau admin: district), oldest first. */
export async function listPendingRecords(db: DbOrTx, query: ReviewQuery) {
  const conditions: SQL[] = [eq(hourRecords.status, "pending"), recordScope(query.scope, query.actor)];
  if (query.kind) conditions.push(eq(hourRecords.kind, query.kind));
  if (query.flaggedOnly) conditions.push(eq(hourRecords.autoCheckedOut, true));
  if (query.search) {
    const pattern = `%${escapeLike(query.search)}%`;
    conditions.push(
      or(ilike(volunteerProfiles.legalName, pattern), ilike(volunteerProfiles.volunteerNumber, pattern))!,
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: hourRecords.id,
        volunteerName: volunteerProfiles.legalName,
        volunteerNumber: volunteerProfiles.volunteerNumber,
        activityTitle: activities.title,
        description: hourRecords.description,
        evidenceNote: hourRecords.evidenceNote,
        serviceDate: hourRecords.serviceDate,
        minutes: hourRecords.minutes,
        kind: hourRecords.kind,
        checkInAt: hourRecords.checkInAt,
        checkOutAt: hourRecords.checkOutAt,
        autoCheckedOut: hourRecords.autoCheckedOut,
        createdAt: hourRecords.createdAt,
      })
      .from(hourRecords)
      .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, hourRecords.volunteerId))
      .leftJoin(activities, eq(activities.id, hourRecords.activityId))
      .where(where)
      .orderBy(asc(hourRecords.createdAt), hourRecords.id)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: count() })
      .from(hourRecords)
      .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, hourRecords.volunteerId))
      .where(where),
  ]);
  return { rows, total: total?.total ?? 0 };
}

export type DecisionResult =
  { ok: true; approved: number; skipped: number } | { ok: false; reason: "notFound" | "stale" };

/**
 * Approves pending records in bulk. Every id must be a record within the actor's scope (else
 * `notFound`, nothing changes); records a colleague decided meanwhile are skipped. Totals, star
 * levels, the volunteer's email (one per volunteer) and one audit row per record are written in the
 * same transaction.
 */
export async function approveRecords(
  db: Database,
  input: { actor: StaffActor; scope: Scope; recordIds: string[]; now: Date },
): Promise<DecisionResult> {
  const ids = [...new Set(input.recordIds)].sort();
  if (ids.length === 0) return { ok: false, reason: "notFound" };
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: hourRecords.id,
        volunteerId: hourRecords.volunteerId,
        status: hourRecords.status,
        minutes: hourRecords.minutes,
        serviceDate: hourRecords.serviceDate,
        description: hourRecords.description,
        officeId: hourRecords.officeId,
        districtId: hourRecords.districtId,
      })
      .from(hourRecords)
      .where(and(inArray(hourRecords.id, ids), recordScope(input.scope, input.actor)))
      .orderBy(asc(hourRecords.id))
      .for("update");
    if (rows.length !== ids.length) return { ok: false as const, reason: "notFound" as const };
    const pending = rows.filter((row) => row.status === "pending" && row.minutes !== null);
    const byVolunteer = new Map<string, typeof pending>();
    for (const row of pending)
      byVolunteer.set(row.volunteerId, [...(byVolunteer.get(row.volunteerId) ?? []), row]);

    const audits: AuditEntry[] = [];
    for (const volunteerId of [...byVolunteer.keys()].sort()) {
      const records = byVolunteer.get(volunteerId)!;
      await tx
        .update(hourRecords)
        .set({ status: "approved", decidedBy: input.actor.id, decidedAt: input.now, updatedAt: input.now })
        .where(
          and(
            inArray(
              hourRecords.id,
              records.map((record) => record.id),
            ),
            eq(hourRecords.status, "pending"),
          ),
        );
      const change = await applyTotalsChange(tx, volunteerId, {
        minutes: records.reduce((sum, record) => sum + record.minutes!, 0),
        records: records.length,
      });
      const to = await recipientForUser(tx, volunteerId);
      if (to) {
        await notify(tx, {
          template: "hour-record-decided",
          to,
          idempotencyKey:
            `hour-record-decided:approved:${records.map((record) => record.id).join(",")}`.slice(0, 1000),
          data: {
            decision: "approved",
            records: records.slice(0, 100).map((record) => ({
              date: record.serviceDate,
              title: record.description,
              minutes: record.minutes!,
            })),
            reason: null,
            totalMinutes: change.approvedMinutes,
            url: HOURS_URL,
          },
        });
      }
      await announceLevels(tx, change);
      for (const record of records) {
        audits.push({
          actorId: input.actor.id,
          action: "approve",
          entityType: "hour-record",
          entityId: record.id,
          districtId: record.districtId,
          officeId: record.officeId,
          ipAddress: input.actor.ipAddress,
          details: { volunteerId, minutes: record.minutes },
        });
      }
    }
    for (const entry of audits) await recordAudit(tx, entry);
    return { ok: true as const, approved: pending.length, skipped: rows.length - pending.length };
  });
}

/** Rejects one pending record with a reason; the volunteer is told why. */
export async function rejectRecord(
  db: Database,
  input: { actor: StaffActor; scope: Scope; recordId: string; reason: string; now: Date },
): Promise<DecisionResult> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: hourRecords.id, status: hourRecords.status })
      .from(hourRecords)
      .where(and(eq(hourRecords.id, input.recordId), recordScope(input.scope, input.actor)))
      .for("update");
    if (!existing) return { ok: false as const, reason: "notFound" as const };
    const [row] = await tx
      .update(hourRecords)
      .set({
        status: "rejected",
        rejectReason: input.reason,
        decidedBy: input.actor.id,
        decidedAt: input.now,
        updatedAt: input.now,
      })
      .where(and(eq(hourRecords.id, input.recordId), eq(hourRecords.status, "pending")))
      .returning();
    if (!row || row.minutes === null) return { ok: false as const, reason: "stale" as const };
    const [profile] = await tx
      .select({ approvedMinutes: volunteerProfiles.approvedMinutes })
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.userId, row.volunteerId));
    const to = await recipientForUser(tx, row.volunteerId);
    if (to) {
      await notify(tx, {
        template: "hour-record-decided",
        to,
        idempotencyKey: `hour-record-decided:rejected:${row.id}`,
        data: {
          decision: "rejected",
          records: [{ date: row.serviceDate, title: row.description, minutes: row.minutes }],
          reason: input.reason,
          totalMinutes: profile?.approvedMinutes ?? 0,
          url: HOURS_URL,
        },
      });
    }
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "status_change",
      entityType: "hour-record",
      entityId: row.id,
      districtId: row.districtId,
      officeId: row.officeId,
      ipAddress: input.actor.ipAddress,
      details: { decision: "rejected", volunteerId: row.volunteerId },
    });
    return { ok: true as const, approved: 0, skipped: 0 };
  });
}

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

// -----------------------------------------------------------------------------------------------
// The invariant

export interface TotalsMismatch {
  volunteerId: string;
  stored: {
    minutes: number;
    records: number;
    activities: number;
    lastServiceOn: string | null;
    starLevel: number;
  };
  actual: {
    minutes: number;
    records: number;
    activities: number;
    lastServiceOn: string | null;
    starLevel: number;
  };
}

const DEFAULT_THRESHOLDS_SQL = sql.raw(`array[${DEFAULT_STAR_THRESHOLDS.join(",")}]::integer[]`);

/**
 * Volunteers whose running totals (or star level under the district's current thresholds) differ
 * from what their approved records add up to. Empty when the invariant holds.
 */
export async function checkTotals(db: DbOrTx): Promise<TotalsMismatch[]> {
  const rows = await selectRows(
    db,
    sql`
    with approved as (
      select volunteer_id,
             sum(minutes)::int as minutes,
             count(*)::int as records,
             count(distinct activity_id)::int as activities,
             max(service_date)::text as last
        from hour_records
       where status = 'approved'
       group by volunteer_id
    ), compared as (
      select p.user_id as volunteer_id,
             p.approved_minutes as stored_minutes,
             p.approved_records as stored_records,
             p.activities_served as stored_activities,
             p.last_service_on::text as stored_last,
             p.star_level::int as stored_level,
             coalesce(a.minutes, 0) as actual_minutes,
             coalesce(a.records, 0) as actual_records,
             coalesce(a.activities, 0) as actual_activities,
             a.last as actual_last,
             (select count(*)::int
                from unnest(coalesce(t.thresholds_minutes, ${DEFAULT_THRESHOLDS_SQL})) as threshold(v)
               where threshold.v <= coalesce(a.minutes, 0)) as actual_level
        from volunteer_profiles p
        left join approved a on a.volunteer_id = p.user_id
        left join star_thresholds t on t.district_id = p.district_id
    )
    select * from compared
     where stored_minutes <> actual_minutes
        or stored_records <> actual_records
        or stored_activities <> actual_activities
        or stored_last is distinct from actual_last
        or stored_level <> actual_level
     order by volunteer_id
     limit 1000`,
  );
  return rows.map((row) => ({
    volunteerId: String(row.volunteer_id),
    stored: {
      minutes: Number(row.stored_minutes),
      records: Number(row.stored_records),
      activities: Number(row.stored_activities),
      lastServiceOn: (row.stored_last as string | null) ?? null,
      starLevel: Number(row.stored_level),
    },
    actual: {
      minutes: Number(row.actual_minutes),
      records: Number(row.actual_records),
      activities: Number(row.actual_activities),
      lastServiceOn: (row.actual_last as string | null) ?? null,
      starLevel: Number(row.actual_level),
    },
  }));
}

/** The star-level history of a volunteer, newest first (for the hours page). */
export async function starLevelHistory(db: DbOrTx, volunteerId: string) {
  return db
    .select({
      level: starLevelEvents.level,
      change: starLevelEvents.change,
      createdAt: starLevelEvents.createdAt,
    })
    .from(starLevelEvents)
    .where(eq(starLevelEvents.volunteerId, volunteerId))
    .orderBy(desc(starLevelEvents.createdAt), desc(starLevelEvents.level))
    .limit(20);
}
