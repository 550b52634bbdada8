import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, lte, ne, sql } from "drizzle-orm";
import { jobOffers, jobReferrals, placements, retentionCheckins } from "#db/schema/employment";
import { subjects } from "#db/schema/subjects";
import type { ActorRef } from "~/domains/accounts/actor";
import { scopeCondition, type Scope } from "~/domains/accounts/scope";
import { recordAudit } from "~/domains/audit/audit.server";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { notify, recipientForUser } from "~/domains/notifications/notify.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { type EmploymentActor, enterpriseRecipients } from "./enterprise.server";
import type { PlacementEndReason } from "./taxonomy";

const placementOwner = {
  organizationId: placements.enterpriseId,
  officeId: placements.officeId,
  districtId: placements.districtId,
};

export type CheckinOutcome =
  | { outcome: "still_employed" }
  | { outcome: "ended"; endedOn: string; endReason: PlacementEndReason; endNote: string };

export type CheckinResult =
  | { ok: true }
  | { ok: false; notFound?: false; field?: string; error: string }
  | { ok: false; notFound: true };

/**
 * The enterprise (or the office in charge) answers a due check-in: still employed, or the
 * employment ended (date and reason) — which ends the placement and voids its later check-ins.
 */
export async function recordCheckin(
  db: Database,
  input: { actor: EmploymentActor; scope: Scope; checkinId: string; answer: CheckinOutcome },
  now = clock.now(),
): Promise<CheckinResult> {
  const today = calendarDateOf(now);
  return db.transaction(async (tx): Promise<CheckinResult> => {
    const [row] = await tx
      .select({ checkin: retentionCheckins, placement: placements, caseCode: subjects.caseCode })
      .from(retentionCheckins)
      .innerJoin(placements, eq(placements.id, retentionCheckins.placementId))
      .innerJoin(subjects, eq(subjects.id, placements.subjectId))
      .where(
        and(
          eq(retentionCheckins.id, input.checkinId),
          scopeCondition(input.actor, input.scope, placementOwner),
        ),
      )
      .for("update", { of: [retentionCheckins, placements] });
    if (!row) return { ok: false, notFound: true };
    if (row.checkin.status !== "pending" || row.placement.status !== "employed")
      return { ok: false, error: "employment:errors.checkinAnswered" };
    if (row.checkin.dueOn > today) return { ok: false, error: "employment:errors.checkinNotDue" };
    const answer = input.answer;
    if (answer.outcome === "ended") {
      if (answer.endedOn < row.placement.startedOn || answer.endedOn > today)
        return { ok: false, field: "endedOn", error: "employment:errors.endedOn" };
      await tx
        .update(placements)
        .set({
          status: "ended",
          endedOn: answer.endedOn,
          endReason: answer.endReason,
          endNote: answer.endNote || null,
          updatedAt: now,
        })
        .where(eq(placements.id, row.placement.id));
      // Check-ins after the end are not asked; those already passed are answered "ended".
      await tx
        .update(retentionCheckins)
        .set({ status: "void" })
        .where(
          and(
            eq(retentionCheckins.placementId, row.placement.id),
            eq(retentionCheckins.status, "pending"),
            ne(retentionCheckins.id, row.checkin.id),
          ),
        );
    }
    await tx
      .update(retentionCheckins)
      .set({
        status: answer.outcome === "ended" ? "ended" : "still_employed",
        recordedAt: now,
        recordedBy: input.actor.id,
      })
      .where(eq(retentionCheckins.id, row.checkin.id));
    await recordAudit(tx, {
      actorId: input.actor.id,
      action: "update",
      entityType: "placement",
      entityId: row.placement.id,
      caseCode: row.caseCode,
      districtId: row.placement.districtId,
      officeId: row.placement.officeId,
      ipAddress: input.actor.ipAddress ?? null,
      details: {
        dayMark: row.checkin.dayMark,
        outcome: answer.outcome,
        ...(answer.outcome === "ended" ? { endedOn: answer.endedOn, endReason: answer.endReason } : {}),
      },
    });
    return { ok: true };
  });
}

/** Check-ins of live placements due on `today` or earlier and not yet answered (dashboards). */
export async function listDueCheckins(db: DbOrTx, scope: Scope, actor: ActorRef, now = clock.now()) {
  const today = calendarDateOf(now);
  return db
    .select({
      id: retentionCheckins.id,
      dayMark: retentionCheckins.dayMark,
      dueOn: retentionCheckins.dueOn,
      status: retentionCheckins.status,
      placementId: placements.id,
      startedOn: placements.startedOn,
      caseCode: subjects.caseCode,
      title: jobOffers.title,
    })
    .from(retentionCheckins)
    .innerJoin(placements, eq(placements.id, retentionCheckins.placementId))
    .innerJoin(subjects, eq(subjects.id, placements.subjectId))
    .innerJoin(jobOffers, eq(jobOffers.id, placements.jobOfferId))
    .where(
      and(
        eq(retentionCheckins.status, "pending"),
        eq(placements.status, "employed"),
        lte(retentionCheckins.dueOn, today),
        scopeCondition(actor, scope, placementOwner),
      ),
    )
    .orderBy(asc(retentionCheckins.dueOn));
}

/** Placements with their check-ins, for the staff follow-up page and the enterprise's hires. */
export async function listPlacements(db: DbOrTx, scope: Scope, actor: ActorRef) {
  return db
    .select({
      id: placements.id,
      caseCode: subjects.caseCode,
      title: jobOffers.title,
      startedOn: placements.startedOn,
      status: placements.status,
      endedOn: placements.endedOn,
      endReason: placements.endReason,
      checkins: sql<{ id: string; dayMark: number; dueOn: string; status: string }[]>`(
        select coalesce(json_agg(json_build_object('id', rc.id, 'dayMark', rc.day_mark, 'dueOn', rc.due_on, 'status', rc.status) order by rc.day_mark), '[]'::json)
        from retention_checkins rc where rc.placement_id = ${placements.id})`,
    })
    .from(placements)
    .innerJoin(subjects, eq(subjects.id, placements.subjectId))
    .innerJoin(jobOffers, eq(jobOffers.id, placements.jobOfferId))
    .where(scopeCondition(actor, scope, placementOwner))
    .orderBy(sql`${placements.startedOn} desc`)
    .limit(300);
}

/**
 * The job `employment-retention-checkins`: queues the check-in-due email once per check-in that
 * has come due (to the enterprise's members and the staff member who referred), marking it so a
 * second run — or a second instance — sends nothing again.
 */
export async function sendDueCheckinReminders(db: Database, now = clock.now()) {
  const today = calendarDateOf(now);
  const due = await db
    .select({ id: retentionCheckins.id })
    .from(retentionCheckins)
    .innerJoin(placements, eq(placements.id, retentionCheckins.placementId))
    .where(
      and(
        eq(retentionCheckins.status, "pending"),
        eq(placements.status, "employed"),
        lte(retentionCheckins.dueOn, today),
        isNull(retentionCheckins.remindedAt),
      ),
    )
    .limit(500);
  let reminded = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .update(retentionCheckins)
        .set({ remindedAt: now })
        .where(and(eq(retentionCheckins.id, id), isNull(retentionCheckins.remindedAt)))
        .returning({
          dayMark: retentionCheckins.dayMark,
          dueOn: retentionCheckins.dueOn,
          placementId: retentionCheckins.placementId,
        });
      if (!claimed) return;
      const [placement] = await tx
        .select({
          enterpriseId: placements.enterpriseId,
          title: jobOffers.title,
          referredBy: jobReferrals.referredBy,
        })
        .from(placements)
        .innerJoin(jobOffers, eq(jobOffers.id, placements.jobOfferId))
        .innerJoin(jobReferrals, eq(jobReferrals.id, placements.referralId))
        .where(eq(placements.id, claimed.placementId));
      if (!placement) return;
      const dayMark = claimed.dayMark as 30 | 90 | 180;
      const recipients = [
        ...(await enterpriseRecipients(tx, placement.enterpriseId)).map((to) => ({ to, url: "/employment" })),
      ];
      const staff = await recipientForUser(tx, placement.referredBy);
      if (staff) recipients.push({ to: staff, url: "/staff/employment/referrals" });
      for (const { to, url } of recipients) {
        await notify(tx, {
          template: "employment-checkin-due",
          data: { title: placement.title, dayMark, dueOn: claimed.dueOn, url },
          to,
          idempotencyKey: `employment-checkin-due:${id}:${to.userId ?? randomUUID()}`,
        });
      }
      reminded += 1;
    });
  }
  return { reminded };
}
