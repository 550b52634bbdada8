import { randomUUID } from "node:crypto";
import { and, asc, count, eq, gt, gte, inArray, lt, or, sql } from "drizzle-orm";
import { users } from "#db/schema/accounts";
import {
  activities,
  activitySignups,
  hourRecords,
  volunteerProfiles,
  volunteerQualifications,
} from "#db/schema/volunteers";
import {
  cancelScheduled,
  notify,
  type NotifyRecipient,
  recipientForUser,
} from "~/domains/notifications/notify.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import { shanghaiDateOf } from "./activity-time";
import * as clock from "~/utils/clock.server";
import {
  type ActivityRow,
  type NotFound,
  activityColumns,
  emailFacts,
  lockActivity,
  notFound,
  reminderDueAt,
  reminderGroup,
  scheduleReminder,
} from "./activity-store.server";

/**
 * Volunteers' sign-ups: signing up (qualification and overlap checks, capacity under a row lock,
 * otherwise the waitlist), withdrawing, and promoting from the waitlist when a place frees up.
 */

/**
 * Moves up to `places` volunteers from the head of the waitlist (earliest `queuedAt`) to confirmed,
 * mailing each and scheduling their reminder. The caller holds the activity's row lock and adjusts
 * `confirmedCount`.
 */
export async function promoteFromWaitlist(
  tx: DbOrTx,
  activity: ActivityRow,
  places: number,
  eventId: string,
  now: Date,
) {
  if (places <= 0) return [];
  const next = await tx
    .select({
      id: activitySignups.id,
      volunteerId: activitySignups.volunteerId,
      name: volunteerProfiles.legalName,
    })
    .from(activitySignups)
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, activitySignups.volunteerId))
    .where(and(eq(activitySignups.activityId, activity.id), eq(activitySignups.status, "waitlisted")))
    .orderBy(asc(activitySignups.queuedAt), asc(activitySignups.id))
    .limit(places);
  if (next.length === 0) return [];
  await tx
    .update(activitySignups)
    .set({ status: "confirmed", updatedAt: now })
    .where(
      inArray(
        activitySignups.id,
        next.map((row) => row.id),
      ),
    );
  for (const promoted of next) {
    const to = await recipientForUser(tx, promoted.volunteerId);
    if (!to) continue;
    await notify(tx, {
      template: "activity-waitlist-promoted",
      data: emailFacts(activity),
      to,
      idempotencyKey: `activity-waitlist-promoted:${activity.id}:${promoted.volunteerId}:${eventId}`,
    });
    await scheduleReminder(tx, activity, promoted.volunteerId, to, eventId, now);
  }
  return next;
}

/**
 * Is a qualification of `kind` verified and unexpired on `onDate` (YYYY-MM-DD)?
 * (The profiles domain may offer the same check; this is the activities' own copy of the rule.)
 */
async function holdsValidQualification(tx: DbOrTx, volunteerId: string, kind: string, onDate: string) {
  const [row] = await tx
    .select({ id: volunteerQualifications.id })
    .from(volunteerQualifications)
    .where(
      and(
        eq(volunteerQualifications.volunteerId, volunteerId),
        eq(volunteerQualifications.kind, kind),
        eq(volunteerQualifications.status, "verified"),
        or(sql`${volunteerQualifications.expiresOn} is null`, gte(volunteerQualifications.expiresOn, onDate)),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** One volunteer's sign-up and withdrawal never run at the same time (a double click, two tabs). */
async function lockVolunteer(tx: DbOrTx, volunteerId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`activity-signup:${volunteerId}`}))`);
}

export async function waitlistPosition(tx: DbOrTx, activityId: string, signupId: string): Promise<number> {
  const [row] = await tx
    .select({ position: count() })
    .from(activitySignups)
    .where(
      and(
        eq(activitySignups.activityId, activityId),
        eq(activitySignups.status, "waitlisted"),
        sql`(${activitySignups.queuedAt}, ${activitySignups.id}) <= (select s.queued_at, s.id from activity_signups s where s.id = ${signupId})`,
      ),
    );
  return row?.position ?? 0;
}

export type SignupResult =
  | { ok: true; status: "confirmed" }
  | { ok: true; status: "waitlisted"; position: number }
  | { ok: false; notFound?: false; error: string; missing?: string[] }
  | NotFound;

/**
 * Signs an approved volunteer up. A free place is taken with a conditional UPDATE of
 * `confirmed_count` (never above `capacity`, which the CHECK constraint enforces as a last line);
 * when none is left the volunteer joins the waitlist. Signing up again after withdrawing reuses the row.
 */
export async function signUpForActivity(
  db: Database,
  input: { activityId: string; volunteerId: string; now?: Date },
): Promise<SignupResult> {
  const now = input.now ?? clock.now();
  const { activityId, volunteerId } = input;
  return db.transaction(async (tx): Promise<SignupResult> => {
    await lockVolunteer(tx, volunteerId);
    const [profile] = await tx
      .select({ status: volunteerProfiles.status, skills: volunteerProfiles.skills })
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.userId, volunteerId));
    if (!profile || profile.status !== "approved")
      return { ok: false, error: "activities:errors.notApproved" };
    const [activity] = await tx.select(activityColumns).from(activities).where(eq(activities.id, activityId));
    if (!activity) return notFound;
    if (activity.status === "cancelled") return { ok: false, error: "activities:errors.cancelled" };
    if (activity.startsAt.getTime() <= now.getTime())
      return { ok: false, error: "activities:errors.alreadyStarted" };
    const missing = activity.requiredSkills.filter((skill) => !profile.skills.includes(skill));
    if (missing.length > 0) return { ok: false, error: "activities:errors.missingSkills", missing };
    if (
      activity.requiredQualification &&
      !(await holdsValidQualification(
        tx,
        volunteerId,
        activity.requiredQualification,
        shanghaiDateOf(activity.startsAt),
      ))
    )
      return {
        ok: false,
        error: "activities:errors.missingQualification",
        missing: [activity.requiredQualification],
      };

    const [existing] = await tx
      .select({ id: activitySignups.id, status: activitySignups.status })
      .from(activitySignups)
      .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.volunteerId, volunteerId)));
    if (existing?.status === "confirmed") return { ok: true, status: "confirmed" };
    if (existing?.status === "waitlisted")
      return {
        ok: true,
        status: "waitlisted",
        position: await waitlistPosition(tx, activityId, existing.id),
      };

    const takePlace = () =>
      tx
        .update(activities)
        .set({ confirmedCount: sql`${activities.confirmedCount} + 1` })
        .where(
          and(
            eq(activities.id, activityId),
            eq(activities.status, "scheduled"),
            gt(activities.startsAt, now),
            lt(activities.confirmedCount, activities.capacity),
          ),
        )
        .returning({ id: activities.id });
    let [taken] = await takePlace();
    if (!taken) {
      // Full (or just cancelled): hold the row lock while joining the waitlist, so that a withdrawal
      // committing meanwhile cannot free a place without seeing this volunteer in the queue.
      const locked = await lockActivity(tx, eq(activities.id, activityId));
      if (!locked || locked.status === "cancelled")
        return { ok: false, error: "activities:errors.cancelled" };
      if (locked.startsAt.getTime() <= now.getTime())
        return { ok: false, error: "activities:errors.alreadyStarted" };
      if (locked.confirmedCount < locked.capacity) [taken] = await takePlace();
    }
    const status = taken ? ("confirmed" as const) : ("waitlisted" as const);
    // The queue order is the order of joining it: the activity's row lock is held from here to the
    // commit, so the wall clock at this statement (not the transaction's start) orders the waitlist.
    const queuedNow = sql`clock_timestamp()`;
    const [signup] = await tx
      .insert(activitySignups)
      .values({ activityId, volunteerId, status, queuedAt: queuedNow, updatedAt: now })
      .onConflictDoUpdate({
        target: [activitySignups.activityId, activitySignups.volunteerId],
        set: { status, queuedAt: queuedNow, updatedAt: now },
      })
      .returning({ id: activitySignups.id });

    const to = await recipientForUser(tx, volunteerId);
    const eventId = randomUUID();
    if (status === "confirmed") {
      if (to) {
        await notify(tx, {
          template: "activity-signup-confirmed",
          // The mail promises the reminder only when one is scheduled below.
          data: { ...emailFacts(activity), reminder: reminderDueAt(activity, now) !== null },
          to,
          idempotencyKey: `activity-signup-confirmed:${activityId}:${volunteerId}:${eventId}`,
        });
        await scheduleReminder(tx, activity, volunteerId, to, eventId, now);
      }
      return { ok: true, status };
    }
    const position = await waitlistPosition(tx, activityId, signup!.id);
    if (to)
      await notify(tx, {
        template: "activity-waitlisted",
        data: { ...emailFacts(activity), position },
        to,
        idempotencyKey: `activity-waitlisted:${activityId}:${volunteerId}:${eventId}`,
      });
    return { ok: true, status, position };
  });
}

export type WithdrawResult =
  | { ok: true; wasConfirmed: boolean; promotedVolunteerId: string | null }
  | { ok: false; notFound?: false; error: string }
  | NotFound;

/**
 * Withdraws before the start. A confirmed place goes at once, in the same transaction, to the first
 * of the waitlist; the organizer's people are told.
 */
export async function withdrawFromActivity(
  db: Database,
  input: { activityId: string; volunteerId: string; now?: Date },
): Promise<WithdrawResult> {
  const now = input.now ?? clock.now();
  const { activityId, volunteerId } = input;
  return db.transaction(async (tx): Promise<WithdrawResult> => {
    await lockVolunteer(tx, volunteerId);
    const activity = await lockActivity(tx, eq(activities.id, activityId));
    if (!activity) return notFound;
    const [signup] = await tx
      .select({ id: activitySignups.id, status: activitySignups.status })
      .from(activitySignups)
      .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.volunteerId, volunteerId)));
    if (!signup || (signup.status !== "confirmed" && signup.status !== "waitlisted"))
      return { ok: false, error: "activities:errors.notSignedUp" };
    if (activity.startsAt.getTime() <= now.getTime())
      return { ok: false, error: "activities:errors.alreadyStarted" };
    await tx
      .update(activitySignups)
      .set({ status: "withdrawn", updatedAt: now })
      .where(eq(activitySignups.id, signup.id));
    // An early check-in (allowed from 30 minutes before the start) goes with the place.
    await tx
      .delete(hourRecords)
      .where(
        and(
          eq(hourRecords.activityId, activityId),
          eq(hourRecords.volunteerId, volunteerId),
          eq(hourRecords.status, "open"),
        ),
      );
    if (signup.status === "waitlisted") return { ok: true, wasConfirmed: false, promotedVolunteerId: null };

    await cancelScheduled(tx, reminderGroup(activityId, volunteerId));
    const eventId = randomUUID();
    const [promoted] = await promoteFromWaitlist(tx, activity, 1, eventId, now);
    if (!promoted) {
      await tx
        .update(activities)
        .set({ confirmedCount: sql`${activities.confirmedCount} - 1` })
        .where(eq(activities.id, activityId));
    }
    const [volunteer] = await tx
      .select({ name: volunteerProfiles.legalName, number: volunteerProfiles.volunteerNumber })
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.userId, volunteerId));
    const placesLeft = activity.capacity - activity.confirmedCount + (promoted ? 0 : 1);
    for (const person of await organizerPeople(tx, activity.organizerId)) {
      await notify(tx, {
        template: "activity-withdrawal",
        data: {
          ...emailFacts(activity),
          volunteerName: volunteer?.name ?? "—",
          volunteerNumber: volunteer?.number ?? null,
          promotedName: promoted?.name ?? null,
          placesLeft,
        },
        to: person,
        idempotencyKey: `activity-withdrawal:${activityId}:${volunteerId}:${person.userId}:${eventId}`,
      });
    }
    return { ok: true, wasConfirmed: true, promotedVolunteerId: promoted?.volunteerId ?? null };
  });
}

/** The active accounts of the organizing office or organization (who hear about withdrawals). */
async function organizerPeople(tx: DbOrTx, organizerId: string): Promise<NotifyRecipient[]> {
  const rows = await tx
    .select({ id: users.id, email: users.email, language: users.language })
    .from(users)
    .where(
      and(
        eq(users.organizationId, organizerId),
        eq(users.status, "active"),
        inArray(users.role, ["office_staff", "provider_member"]),
      ),
    )
    .orderBy(asc(users.createdAt))
    .limit(20);
  return rows.map((row) => ({
    email: row.email,
    language: row.language === "en" ? "en" : "zh-CN",
    userId: row.id,
  }));
}
