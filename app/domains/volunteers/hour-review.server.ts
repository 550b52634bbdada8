import { and, asc, count, eq, ilike, inArray, or, type SQL } from "drizzle-orm";
import { activities, hourRecords, volunteerProfiles } from "#db/schema/volunteers";
import type { ActorRef } from "~/domains/accounts/actor";
import { type Scope, scopeCondition } from "~/domains/accounts/scope";
import { type AuditEntry, recordAudit } from "~/domains/audit/audit.server";
import { notify, recipientForUser } from "~/domains/notifications/notify.server";
import { type Database, type DbOrTx, escapeLike } from "~/utils/db.server";
import { HOURS_URL, announceLevels, applyTotalsChange } from "./hour-totals.server";

/**
 * Staff decisions on service hours: the review queue, approval and rejection. Corrections are in
 * hour-corrections.server.ts, the running totals every decision keeps in hour-totals.server.ts.
 *
 * Approved records are locked: the only statement in the app that changes an approved record is
 * the one in `decideCorrection`, which keeps the original in `hour_corrections`. Every decision
 * updates the volunteer's totals in its own transaction, with the volunteer's profile row locked
 * (`SELECT … FOR UPDATE`), so concurrent approvals for one volunteer add up. Lock order everywhere:
 * hour records (by id), then profiles (by user id), then the audit chain (last).
 */

export type StaffActor = ActorRef & { ipAddress: string };

export const recordScope = (scope: Scope, actor: Pick<StaffActor, "organizationId" | "districtId">) =>
  scopeCondition(actor, scope, { officeId: hourRecords.officeId, districtId: hourRecords.districtId });

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
    // The volunteer is joined only when the search reads their name or number (every record has a
    // profile): otherwise the count is an index-only scan of hour_records_review_idx.
    query.search
      ? db
          .select({ total: count() })
          .from(hourRecords)
          .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, hourRecords.volunteerId))
          .where(where)
      : db.select({ total: count() }).from(hourRecords).where(where),
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
