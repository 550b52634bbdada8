import { and, asc, eq, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import { activities, activitySignups, hourRecords } from "#db/schema/volunteers";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import type { Database, DbOrTx } from "~/utils/db.server";
import {
  autoCheckout,
  checkinStep,
  currentCheckinCode,
  DEFAULT_CHECKIN_STEP_SECONDS,
  DEFAULT_CHECKOUT_GRACE_MINUTES,
  secondsUntilRotation,
  verifyCheckinCode,
} from "./checkin-code";
import * as clock from "~/utils/clock.server";
import {
  type HoursResult,
  MINUTE,
  approvedProfile,
  failure,
  liveRecordOf,
  shanghaiDayStart,
} from "./hour-records.server";

/**
 * Check-in and check-out with the organizer's rotating code, the organizer's code screen, and the job
 * that closes check-ins left open. Self-reports and the volunteer's history are in hours.server.ts.
 */
/** The code is shown (and check-out accepted) from 30 minutes before the start to 30 after the end. */
export const CODE_SHOWN_BEFORE_MINUTES = 30;
export const CODE_SHOWN_AFTER_MINUTES = DEFAULT_CHECKOUT_GRACE_MINUTES;
export function checkinWindow(activity: { startsAt: Date; endsAt: Date }) {
  return {
    opensAt: new Date(activity.startsAt.getTime() - CODE_SHOWN_BEFORE_MINUTES * MINUTE),
    closesAt: new Date(activity.endsAt.getTime() + CODE_SHOWN_AFTER_MINUTES * MINUTE),
  };
}

// -----------------------------------------------------------------------------------------------
// The organizer's screen

export type CheckinCodeScreen =
  | { state: "open"; code: string; secondsLeft: number; stepSeconds: number; closesAt: Date }
  | { state: "notYet"; opensAt: Date }
  | { state: "over" }
  | { state: "cancelled" };

/** The code to show at `now`, or why none is shown. The secret never leaves this function. */
export function checkinCodeScreen(
  activity: { startsAt: Date; endsAt: Date; status: string; checkinSecret: string },
  now: Date,
): CheckinCodeScreen {
  if (activity.status === "cancelled") return { state: "cancelled" };
  const { opensAt, closesAt } = checkinWindow(activity);
  if (now < opensAt) return { state: "notYet", opensAt };
  if (now > closesAt) return { state: "over" };
  return {
    state: "open",
    code: currentCheckinCode(activity.checkinSecret, now),
    secondsLeft: secondsUntilRotation(now),
    stepSeconds: DEFAULT_CHECKIN_STEP_SECONDS,
    closesAt,
  };
}

/**
 * The volunteer's confirmed activities of today (Beijing) with the state of their check-in, for the
 * check-in page's choice — and any whose check-in window is open at `now` though they start
 * tomorrow (check-in opens 30 minutes before the start: at 23:50 an activity of 00:10 is open) or
 * ended yesterday evening (check-out is accepted for a grace period after the end).
 */
export async function listCheckinActivities(db: DbOrTx, volunteerId: string, now: Date) {
  const dayStart = shanghaiDayStart(shanghaiDate(now));
  // Past the end of the day when the check-in window of an activity starting after midnight is open.
  const startsBefore = new Date(
    Math.max(dayStart.getTime() + 24 * 60 * MINUTE, now.getTime() + CODE_SHOWN_BEFORE_MINUTES * MINUTE + 1),
  );
  const rows = await db
    .select({
      id: activities.id,
      title: activities.title,
      place: activities.place,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      recordStatus: hourRecords.status,
      checkInAt: hourRecords.checkInAt,
      checkOutAt: hourRecords.checkOutAt,
      minutes: hourRecords.minutes,
    })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .leftJoin(
      hourRecords,
      and(
        eq(hourRecords.activityId, activities.id),
        eq(hourRecords.volunteerId, volunteerId),
        eq(hourRecords.kind, "system"),
      ),
    )
    .where(
      and(
        eq(activitySignups.volunteerId, volunteerId),
        eq(activitySignups.status, "confirmed"),
        eq(activities.status, "scheduled"),
        // Today's activities, any open for check-in already, and any still running from yesterday.
        lt(activities.startsAt, startsBefore),
        gte(activities.endsAt, new Date(dayStart.getTime() - CODE_SHOWN_AFTER_MINUTES * MINUTE)),
      ),
    )
    .orderBy(asc(activities.startsAt))
    .limit(20);
  return rows;
}

/**
 * Wrong codes allowed per volunteer and activity. Two 6-digit codes are valid at a time, so ten
 * guesses succeed with a chance of 2 in 100 000; after that the organizer checks the volunteer in
 * by hand (a self-report of the activity).
 */
export const MAX_CODE_ATTEMPTS = 10;

/** Counts a wrong code on the sign-up; the failure is returned, not thrown, so the count commits. */
async function countWrongCode(tx: DbOrTx, signupId: string) {
  await tx
    .update(activitySignups)
    .set({ failedCodeAttempts: sql`${activitySignups.failedCodeAttempts} + 1` })
    .where(eq(activitySignups.id, signupId));
}

/**
 * Checks the volunteer in with the code on the organizer's screen: only a confirmed participant,
 * from 30 minutes before the start until the end. One system record per volunteer and activity (the
 * partial unique index settles a double submit).
 */
export async function checkIn(
  db: Database,
  input: { volunteerId: string; activityId: string; code: string; now: Date },
): Promise<HoursResult<{ recordId: string }>> {
  return db.transaction(async (tx) => {
    const profile = await approvedProfile(tx, input.volunteerId);
    if (!profile) return failure("form", "validation:hourRecord.notApproved");
    const [activity] = await tx
      .select({
        id: activities.id,
        title: activities.title,
        startsAt: activities.startsAt,
        endsAt: activities.endsAt,
        status: activities.status,
        officeId: activities.officeId,
        districtId: activities.districtId,
        checkinSecret: activities.checkinSecret,
        signupId: activitySignups.id,
        signupStatus: activitySignups.status,
        failedCodeAttempts: activitySignups.failedCodeAttempts,
      })
      .from(activities)
      .innerJoin(
        activitySignups,
        and(
          eq(activitySignups.activityId, activities.id),
          eq(activitySignups.volunteerId, input.volunteerId),
        ),
      )
      .where(eq(activities.id, input.activityId))
      // The sign-up row serializes this with a self-report, a withdrawal and a cancellation, which
      // all lock or change it: none can slip in between the checks below and the insert.
      .for("update", { of: activitySignups });
    if (!activity || activity.signupStatus !== "confirmed" || activity.status !== "scheduled")
      return failure("activityId", "validation:checkin.notParticipant");
    const { opensAt } = checkinWindow(activity);
    if (input.now < opensAt || input.now > activity.endsAt)
      return failure("activityId", "validation:checkin.notOpen");
    if (activity.failedCodeAttempts >= MAX_CODE_ATTEMPTS)
      return failure("checkinCode", "validation:checkin.tooManyAttempts");
    const verification = verifyCheckinCode(activity.checkinSecret, input.code, input.now);
    if (!verification.ok) {
      await countWrongCode(tx, activity.signupId);
      return failure("checkinCode", "validation:checkin.codeInvalid");
    }
    // One live record per volunteer and activity: a self-report of this activity already counts it
    // (the partial unique index hour_records_one_live_per_activity says the same in the database).
    const existing = await liveRecordOf(tx, activity.id, input.volunteerId);
    if (existing)
      return failure(
        "activityId",
        existing.kind === "system"
          ? "validation:checkin.alreadyCheckedIn"
          : "validation:hourRecord.alreadyRecorded",
      );
    const [row] = await tx
      .insert(hourRecords)
      .values({
        volunteerId: input.volunteerId,
        activityId: activity.id,
        officeId: activity.officeId,
        districtId: activity.districtId,
        kind: "system",
        serviceDate: shanghaiDate(activity.startsAt),
        description: activity.title,
        checkInAt: input.now,
        checkinCodeStep: verification.step,
        status: "open",
      })
      .onConflictDoNothing()
      .returning({ id: hourRecords.id });
    if (!row) return failure("activityId", "validation:checkin.alreadyCheckedIn");
    return { ok: true as const, recordId: row.id };
  });
}

/**
 * Checks the volunteer out with a fresh code: the code's time step must come after the one the
 * check-in was made in (a code seen at check-in cannot close the record). The minutes are the time
 * present within the activity's start and end, in whole minutes; the record then waits for staff.
 */
export async function checkOut(
  db: Database,
  input: { volunteerId: string; activityId: string; code: string; now: Date },
): Promise<HoursResult<{ recordId: string; minutes: number }>> {
  return db.transaction(async (tx) => {
    const [record] = await tx
      .select({
        id: hourRecords.id,
        status: hourRecords.status,
        checkInAt: hourRecords.checkInAt,
        checkinCodeStep: hourRecords.checkinCodeStep,
        startsAt: activities.startsAt,
        endsAt: activities.endsAt,
        checkinSecret: activities.checkinSecret,
        signupId: activitySignups.id,
        failedCodeAttempts: activitySignups.failedCodeAttempts,
      })
      .from(hourRecords)
      .innerJoin(activities, eq(activities.id, hourRecords.activityId))
      // A check-in exists only for a sign-up (rows are kept, never deleted).
      .innerJoin(
        activitySignups,
        and(
          eq(activitySignups.activityId, hourRecords.activityId),
          eq(activitySignups.volunteerId, hourRecords.volunteerId),
        ),
      )
      .where(
        and(
          eq(hourRecords.activityId, input.activityId),
          eq(hourRecords.volunteerId, input.volunteerId),
          eq(hourRecords.kind, "system"),
        ),
      )
      .for("update", { of: [hourRecords, activitySignups] });
    if (!record || record.status !== "open" || !record.checkInAt)
      return failure("activityId", "validation:checkin.notCheckedIn");
    const overdue = autoCheckout(record.checkInAt, null, record.startsAt, record.endsAt, input.now);
    if (overdue.reason === "autoCheckout") {
      // Too late to check out: the rule closes the record now (as the background sweep would have).
      await closeOverdueRecord(tx, record.id, overdue);
      return failure("activityId", "validation:checkin.notOpen");
    }
    if (record.failedCodeAttempts >= MAX_CODE_ATTEMPTS)
      return failure("checkinCode", "validation:checkin.tooManyAttempts");
    const verification = verifyCheckinCode(record.checkinSecret, input.code, input.now);
    if (!verification.ok) {
      await countWrongCode(tx, record.signupId);
      return failure("checkinCode", "validation:checkin.codeInvalid");
    }
    // The check-in's own code (or an older one) cannot close the record. Records from before the
    // step was stored compare with the step of the check-in time.
    if (verification.step <= (record.checkinCodeStep ?? checkinStep(record.checkInAt)))
      return failure("checkinCode", "validation:checkin.codeReused");
    const result = autoCheckout(record.checkInAt, input.now, record.startsAt, record.endsAt, input.now);
    if (result.minutes < 1) return failure("checkinCode", "validation:checkin.noMinutes");
    const [updated] = await tx
      .update(hourRecords)
      .set({
        checkOutAt: input.now,
        minutes: result.minutes,
        status: "pending",
        updatedAt: input.now,
      })
      .where(and(eq(hourRecords.id, record.id), eq(hourRecords.status, "open")))
      .returning({ id: hourRecords.id });
    if (!updated) return failure("activityId", "validation:checkin.notCheckedIn");
    return { ok: true as const, recordId: record.id, minutes: result.minutes };
  });
}

async function closeOverdueRecord(
  tx: DbOrTx,
  recordId: string,
  result: { checkOutAt: Date | null; minutes: number },
): Promise<"closed" | "discarded" | "gone"> {
  const open = and(eq(hourRecords.id, recordId), eq(hourRecords.status, "open"));
  if (result.minutes < 1) {
    // No whole minute fell within the activity (checked in in its last minute): nothing to verify,
    // and a record of 0 minutes cannot exist. The check-in is withdrawn.
    const deleted = await tx.delete(hourRecords).where(open).returning({ id: hourRecords.id });
    return deleted.length > 0 ? "discarded" : "gone";
  }
  const updated = await tx
    .update(hourRecords)
    .set({
      checkOutAt: result.checkOutAt,
      minutes: result.minutes,
      status: "pending",
      autoCheckedOut: true,
      updatedAt: clock.now(),
    })
    .where(open)
    .returning({ id: hourRecords.id });
  return updated.length > 0 ? "closed" : "gone";
}

/**
 * Closes the check-ins still open after their activity's end plus the grace period (the auto
 * check-out rule of checkin-code.ts): checked out at the end, flagged for staff. Run by the job
 * registry (`overdue-checkins`, app/domains/jobs). Safe to run concurrently: each
 * row is closed only while it is still open.
 */
export async function closeOverdueCheckins(
  db: DbOrTx,
  now: Date,
  options: { volunteerId?: string; limit?: number } = {},
): Promise<{ closed: number; discarded: number }> {
  const deadline = new Date(now.getTime() - DEFAULT_CHECKOUT_GRACE_MINUTES * MINUTE);
  const conditions: SQL[] = [eq(hourRecords.status, "open"), lte(activities.endsAt, deadline)];
  if (options.volunteerId) conditions.push(eq(hourRecords.volunteerId, options.volunteerId));
  const overdue = await db
    .select({
      id: hourRecords.id,
      checkInAt: hourRecords.checkInAt,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
    })
    .from(hourRecords)
    .innerJoin(activities, eq(activities.id, hourRecords.activityId))
    .where(and(...conditions))
    .limit(options.limit ?? 500);
  let closed = 0;
  let discarded = 0;
  for (const row of overdue) {
    if (!row.checkInAt) continue;
    const result = autoCheckout(row.checkInAt, null, row.startsAt, row.endsAt, now);
    if (result.reason !== "autoCheckout") continue;
    const outcome = await closeOverdueRecord(db, row.id, result);
    if (outcome === "closed") closed += 1;
    if (outcome === "discarded") discarded += 1;
  }
  return { closed, discarded };
}
