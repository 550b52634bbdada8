import { and, asc, count, desc, eq, gte, lte, ne, sql, type SQL } from "drizzle-orm";
import {
  activities,
  activitySignups,
  hourCorrections,
  hourRecords,
  volunteerProfiles,
} from "#db/schema/volunteers";
import { recordAudit } from "~/domains/audit/audit.server";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import type { Database, DbOrTx } from "~/utils/db.server";
import { MAX_RECORD_MINUTES, type SelfReportInput } from "./hours-validation";
import {
  type HoursResult,
  activityLengthMinutes,
  approvedProfile,
  failure,
  isRealDate,
  liveRecordOf,
} from "./hour-records.server";

/**
 * Service hours from the volunteer's side: self-reported records, the volunteer's own history and its
 * export. Check-in is in checkin.server.ts; staff decisions in hour-review.server.ts, corrections in
 * hour-corrections.server.ts and running totals in hour-totals.server.ts: nothing here ever writes an
 * approved record.
 */
/** Activities the volunteer was confirmed for that a self-report can name (newest first). */
export async function listReportableActivities(db: DbOrTx, volunteerId: string, now: Date) {
  return db
    .select({
      id: activities.id,
      title: activities.title,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
    })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(
      and(
        eq(activitySignups.volunteerId, volunteerId),
        eq(activitySignups.status, "confirmed"),
        eq(activities.status, "scheduled"),
        lte(activities.startsAt, now),
      ),
    )
    .orderBy(desc(activities.startsAt))
    .limit(100);
}

/**
 * Records self-reported hours for staff to verify. Refused: a date in the future or before the
 * volunteer's approval, more than a day, an activity the volunteer was not confirmed for, more
 * minutes than the activity lasted, a day other than the activity's, or an activity already recorded.
 */
export async function reportHours(
  db: Database,
  input: { volunteerId: string; report: SelfReportInput; now: Date },
): Promise<HoursResult<{ recordId: string }>> {
  const { report } = input;
  return db.transaction(async (tx) => {
    const profile = await approvedProfile(tx, input.volunteerId);
    if (!profile) return failure("form", "validation:hourRecord.notApproved");
    if (!isRealDate(report.serviceDate)) return failure("serviceDate", "validation:hourRecord.dateInvalid");
    if (report.serviceDate > shanghaiDate(input.now))
      return failure("serviceDate", "validation:hourRecord.dateInFuture");
    if (profile.decidedAt && report.serviceDate < shanghaiDate(profile.decidedAt))
      return failure("serviceDate", "validation:hourRecord.dateBeforeApproval");

    // No day holds more than 24 hours (MAX_RECORD_MINUTES): what is already recorded for the date (open, waiting or
    // approved) plus this report. The volunteer's reports are serialized on their profile row.
    await tx
      .select({ userId: volunteerProfiles.userId })
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.userId, input.volunteerId))
      .for("update");
    const [day] = await tx
      .select({ minutes: sql<number>`coalesce(sum(${hourRecords.minutes}), 0)::int` })
      .from(hourRecords)
      .where(
        and(
          eq(hourRecords.volunteerId, input.volunteerId),
          eq(hourRecords.serviceDate, report.serviceDate),
          ne(hourRecords.status, "rejected"),
        ),
      );
    if ((day?.minutes ?? 0) + report.minutes > MAX_RECORD_MINUTES)
      return failure("duration", "validation:hourRecord.dayFull");

    let officeId = profile.homeOfficeId;
    let districtId = profile.districtId;
    let description = report.description;
    if (report.activityId) {
      // The sign-up row is locked so two reports of one activity are decided one after the other.
      const [activity] = await tx
        .select({
          id: activities.id,
          title: activities.title,
          startsAt: activities.startsAt,
          endsAt: activities.endsAt,
          status: activities.status,
          officeId: activities.officeId,
          districtId: activities.districtId,
          signupStatus: activitySignups.status,
        })
        .from(activitySignups)
        .innerJoin(activities, eq(activities.id, activitySignups.activityId))
        .where(
          and(
            eq(activitySignups.activityId, report.activityId),
            eq(activitySignups.volunteerId, input.volunteerId),
          ),
        )
        .for("update", { of: activitySignups });
      if (!activity || activity.signupStatus !== "confirmed" || activity.status !== "scheduled")
        return failure("activityId", "validation:hourRecord.activityInvalid");
      if (report.minutes > activityLengthMinutes(activity))
        return failure("duration", "validation:hourRecord.longerThanActivity");
      if (report.serviceDate !== shanghaiDate(activity.startsAt))
        return failure("serviceDate", "validation:hourRecord.dateNotActivityDay");
      if (await liveRecordOf(tx, activity.id, input.volunteerId))
        return failure("activityId", "validation:hourRecord.alreadyRecorded");
      officeId = activity.officeId;
      districtId = activity.districtId;
      description ??= activity.title;
    }
    const [row] = await tx
      .insert(hourRecords)
      .values({
        volunteerId: input.volunteerId,
        activityId: report.activityId,
        officeId,
        districtId,
        kind: "self_reported",
        serviceDate: report.serviceDate,
        minutes: report.minutes,
        description: description ?? "",
        evidenceNote: report.evidenceNote,
        status: "pending",
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning({ id: hourRecords.id });
    return { ok: true as const, recordId: row!.id };
  });
}

function yearCondition(year: number | undefined): SQL[] {
  if (!year) return [];
  return [gte(hourRecords.serviceDate, `${year}-01-01`), lte(hourRecords.serviceDate, `${year}-12-31`)];
}

const ownRecordColumns = {
  id: hourRecords.id,
  serviceDate: hourRecords.serviceDate,
  kind: hourRecords.kind,
  minutes: hourRecords.minutes,
  status: hourRecords.status,
  description: hourRecords.description,
  activityTitle: activities.title,
  autoCheckedOut: hourRecords.autoCheckedOut,
  rejectReason: hourRecords.rejectReason,
  decidedAt: hourRecords.decidedAt,
  createdAt: hourRecords.createdAt,
};

/** The volunteer's own records, newest first, one page at a time. */
export async function listOwnRecords(
  db: DbOrTx,
  query: { volunteerId: string; year?: number; page: number; pageSize: number },
) {
  const where = and(eq(hourRecords.volunteerId, query.volunteerId), ...yearCondition(query.year));
  const [rows, [total], years, pendingCorrections] = await Promise.all([
    db
      .select(ownRecordColumns)
      .from(hourRecords)
      .leftJoin(activities, eq(activities.id, hourRecords.activityId))
      .where(where)
      .orderBy(desc(hourRecords.serviceDate), desc(hourRecords.createdAt), hourRecords.id)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(hourRecords).where(where),
    db
      .selectDistinct({ year: sql<number>`extract(year from ${hourRecords.serviceDate})::int` })
      .from(hourRecords)
      .where(eq(hourRecords.volunteerId, query.volunteerId))
      .orderBy(desc(sql`1`)),
    db
      .select({ hourRecordId: hourCorrections.hourRecordId })
      .from(hourCorrections)
      .innerJoin(hourRecords, eq(hourRecords.id, hourCorrections.hourRecordId))
      .where(and(eq(hourRecords.volunteerId, query.volunteerId), eq(hourCorrections.status, "pending"))),
  ]);
  const pending = new Set(pendingCorrections.map((row) => row.hourRecordId));
  return {
    rows: rows.map((row) => ({ ...row, correctionPending: pending.has(row.id) })),
    total: total?.total ?? 0,
    years: years.map((row) => row.year),
  };
}

/** The most rows one export holds (ten years of daily service). */
export const EXPORT_LIMIT = 5000;

/**
 * The volunteer's records for the CSV export, oldest first. The export is audited in the same
 * transaction as the read.
 */
export async function exportOwnRecords(
  db: Database,
  input: { volunteerId: string; year?: number; ipAddress: string },
) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select(ownRecordColumns)
      .from(hourRecords)
      .leftJoin(activities, eq(activities.id, hourRecords.activityId))
      .where(and(eq(hourRecords.volunteerId, input.volunteerId), ...yearCondition(input.year)))
      .orderBy(asc(hourRecords.serviceDate), asc(hourRecords.createdAt))
      .limit(EXPORT_LIMIT);
    await recordAudit(tx, {
      actorId: input.volunteerId,
      action: "export",
      entityType: "hour-records",
      entityId: input.volunteerId,
      ipAddress: input.ipAddress,
      details: { rows: rows.length, year: input.year ?? null },
    });
    return rows;
  });
}

/** Records by id, only the volunteer's own (for correction requests and the history's links). */
export async function getOwnRecord(db: DbOrTx, volunteerId: string, recordId: string) {
  const [row] = await db
    .select(ownRecordColumns)
    .from(hourRecords)
    .leftJoin(activities, eq(activities.id, hourRecords.activityId))
    .where(and(eq(hourRecords.id, recordId), eq(hourRecords.volunteerId, volunteerId)));
  return row ?? null;
}

/** The hour records of one activity, for its organizer's attendance list (check-in code page). */
export async function listActivityRecords(db: DbOrTx, activityId: string) {
  return db
    .select({
      id: hourRecords.id,
      volunteerName: volunteerProfiles.legalName,
      volunteerNumber: volunteerProfiles.volunteerNumber,
      kind: hourRecords.kind,
      status: hourRecords.status,
      minutes: hourRecords.minutes,
      checkInAt: hourRecords.checkInAt,
      checkOutAt: hourRecords.checkOutAt,
      autoCheckedOut: hourRecords.autoCheckedOut,
    })
    .from(hourRecords)
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, hourRecords.volunteerId))
    .where(eq(hourRecords.activityId, activityId))
    .orderBy(asc(hourRecords.checkInAt), asc(hourRecords.createdAt))
    .limit(1000);
}
