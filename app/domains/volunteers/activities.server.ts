import { randomUUID } from "node:crypto";
import { and, asc, count, eq, gt, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { organizations, users } from "#db/schema/accounts";
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
import type { ActorRef } from "~/domains/accounts/actor";
import { scopeCondition, scopeCovers } from "~/domains/accounts/scope";
import type { Database, DbOrTx } from "~/utils/db.server";
import type { ActivityCategory, VolunteerSkill } from "./activity-options";
import { shanghaiDateOf, startOfShanghaiDay } from "./activity-time";
import type { ActivityInput } from "./activity-validation";
import { newCheckinSecret } from "./checkin-code";
import * as clock from "~/utils/clock.server";

const DAY_MS = 24 * 60 * 60_000;

/** Who organizes: office staff (scope `office`) or a member of a verified social organization. */
export type OrganizerScope = "office" | "organization";
export type OrganizerActor = ActorRef;

/** A refusal: a field's validation key, or (no field) a message key of the `activities` namespace. */
export type ActivityFailure = { ok: false; notFound?: false; field?: string; error: string } | NotFound;
type NotFound = { ok: false; notFound: true };
const notFound: NotFound = { ok: false, notFound: true };

/**
 * The activities an organizer manages: staff those held at their office (whoever organizes them —
 * the office hosts the service point and verifies the hours), an organization its own.
 */
const organizerCondition = (scope: OrganizerScope, actor: OrganizerActor) =>
  scopeCondition(actor, scope, { officeId: activities.officeId, organizationId: activities.organizerId });

/** Offices an organizer may hold an activity at: staff their own, an organization its district's. */
export async function officesForOrganizer(db: DbOrTx, scope: OrganizerScope, actor: OrganizerActor) {
  const condition =
    scope === "office"
      ? scopeCondition(actor, "office", { officeId: organizations.id })
      : scopeCondition(actor, "district", { districtId: organizations.districtId });
  return db
    .select({ id: organizations.id, name: organizations.name, districtId: organizations.districtId })
    .from(organizations)
    .where(and(eq(organizations.kind, "office"), condition))
    .orderBy(asc(organizations.name));
}

async function officeForOrganizer(
  tx: DbOrTx,
  scope: OrganizerScope,
  actor: OrganizerActor,
  officeId: string,
) {
  const offices = await tx
    .select({ id: organizations.id, districtId: organizations.districtId })
    .from(organizations)
    .where(and(eq(organizations.id, officeId), eq(organizations.kind, "office")));
  const office = offices[0];
  if (!office?.districtId) return null;
  // The same rule as officesForOrganizer, for the one office chosen.
  const allowed =
    scope === "office"
      ? scopeCovers("office", actor, { officeId: office.id })
      : scopeCovers("district", actor, { districtId: office.districtId });
  if (!allowed) return null;
  return { id: office.id, districtId: office.districtId };
}

export async function createActivity(
  db: Database,
  input: { actor: OrganizerActor; scope: OrganizerScope; activity: ActivityInput; now?: Date },
): Promise<{ ok: true; id: string } | ActivityFailure> {
  const { actor, scope, activity } = input;
  const now = input.now ?? clock.now();
  if (activity.startsAt.getTime() <= now.getTime())
    return { ok: false, field: "startsAt", error: "validation:activityTime.past" };
  const office = await officeForOrganizer(db, scope, actor, activity.officeId);
  if (!office) return { ok: false, field: "officeId", error: "validation:activityOffice.notAllowed" };
  const [row] = await db
    .insert(activities)
    .values({
      organizerId: scope === "office" ? office.id : actor.organizationId!,
      officeId: office.id,
      districtId: office.districtId,
      createdBy: actor.id,
      title: activity.title,
      description: activity.description,
      category: activity.category,
      place: activity.place,
      startsAt: activity.startsAt,
      endsAt: activity.endsAt,
      capacity: activity.capacity,
      requiredSkills: activity.requiredSkills,
      requiredQualification: activity.requiredQualification,
      insuranceRequired: activity.insuranceRequired,
      checkinSecret: newCheckinSecret(),
    })
    .returning({ id: activities.id });
  return { ok: true, id: row!.id };
}

const activityColumns = {
  id: activities.id,
  organizerId: activities.organizerId,
  officeId: activities.officeId,
  districtId: activities.districtId,
  title: activities.title,
  description: activities.description,
  category: activities.category,
  place: activities.place,
  startsAt: activities.startsAt,
  endsAt: activities.endsAt,
  capacity: activities.capacity,
  confirmedCount: activities.confirmedCount,
  requiredSkills: activities.requiredSkills,
  requiredQualification: activities.requiredQualification,
  insuranceRequired: activities.insuranceRequired,
  status: activities.status,
  cancelReason: activities.cancelReason,
};

/** The activity if the organizer manages it, else null (→ 404). The check-in secret is not included. */
export async function getActivityForOrganizer(
  db: DbOrTx,
  id: string,
  scope: OrganizerScope,
  actor: OrganizerActor,
) {
  const [row] = await db
    .select(activityColumns)
    .from(activities)
    .where(and(eq(activities.id, id), organizerCondition(scope, actor)));
  return row ?? null;
}

/** What check-in and hour records need of an activity (the hours domain's entry point); null if unknown. */
export async function activityForCheckin(db: DbOrTx, activityId: string) {
  const [row] = await db
    .select({
      id: activities.id,
      title: activities.title,
      organizerId: activities.organizerId,
      officeId: activities.officeId,
      districtId: activities.districtId,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      status: activities.status,
      checkinSecret: activities.checkinSecret,
    })
    .from(activities)
    .where(eq(activities.id, activityId));
  return row ?? null;
}

type ActivityRow = NonNullable<Awaited<ReturnType<typeof lockActivity>>>;

async function lockActivity(tx: DbOrTx, condition: SQL) {
  const [row] = await tx.select(activityColumns).from(activities).where(condition).for("update");
  return row ?? null;
}

function emailFacts(activity: Pick<ActivityRow, "id" | "title" | "startsAt" | "endsAt" | "place">) {
  return {
    activityTitle: activity.title,
    startsAt: activity.startsAt.toISOString(),
    endsAt: activity.endsAt.toISOString(),
    place: activity.place,
    url: `/activities/${activity.id}`,
  };
}

const reminderGroup = (activityId: string, volunteerId: string) =>
  `activity-reminder:${activityId}:${volunteerId}`;

/** The reminder the day before; none when the activity is less than a day away (the mail just sent says it). */
async function scheduleReminder(
  tx: DbOrTx,
  activity: ActivityRow,
  volunteerId: string,
  to: NotifyRecipient,
  eventId: string,
  now: Date,
) {
  const sendAfter = new Date(activity.startsAt.getTime() - DAY_MS);
  if (sendAfter.getTime() <= now.getTime()) return;
  await notify(tx, {
    template: "activity-reminder",
    data: { ...emailFacts(activity), insuranceRequired: activity.insuranceRequired },
    to,
    idempotencyKey: `activity-reminder:${activity.id}:${volunteerId}:${eventId}`,
    sendAfter,
    groupKey: reminderGroup(activity.id, volunteerId),
  });
}

/**
 * Moves up to `places` volunteers from the head of the waitlist (earliest `queuedAt`) to confirmed,
 * mailing each and scheduling their reminder. The caller holds the activity's row lock and adjusts
 * `confirmedCount`.
 */
async function promoteFromWaitlist(
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

/** Confirmed and waitlisted volunteers of an activity with their mail addresses, for announcements. */
async function activeSignupRecipients(tx: DbOrTx, activityId: string) {
  const rows = await tx
    .select({
      signupId: activitySignups.id,
      volunteerId: activitySignups.volunteerId,
      status: activitySignups.status,
      email: users.email,
      language: users.language,
    })
    .from(activitySignups)
    .innerJoin(users, eq(users.id, activitySignups.volunteerId))
    .where(
      and(
        eq(activitySignups.activityId, activityId),
        inArray(activitySignups.status, ["confirmed", "waitlisted"]),
      ),
    );
  return rows.map((row) => ({
    ...row,
    to: {
      email: row.email,
      language: row.language === "en" ? "en" : "zh-CN",
      userId: row.volunteerId,
    } as const,
  }));
}

export async function updateActivity(
  db: Database,
  input: {
    id: string;
    actor: OrganizerActor;
    scope: OrganizerScope;
    activity: ActivityInput;
    now?: Date;
  },
): Promise<{ ok: true; promoted: number; notified: number } | ActivityFailure> {
  const { actor, scope, activity: changes } = input;
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const activity = await lockActivity(
      tx,
      and(eq(activities.id, input.id), organizerCondition(scope, actor))!,
    );
    if (!activity) return notFound;
    if (activity.status === "cancelled") return { ok: false, error: "activities:errors.cancelled" } as const;
    if (activity.startsAt.getTime() <= now.getTime())
      return { ok: false, error: "activities:errors.alreadyStarted" } as const;
    const timeChanged =
      changes.startsAt.getTime() !== activity.startsAt.getTime() ||
      changes.endsAt.getTime() !== activity.endsAt.getTime();
    if (timeChanged && changes.startsAt.getTime() <= now.getTime())
      return { ok: false, field: "startsAt", error: "validation:activityTime.past" } as const;
    if (changes.capacity < activity.confirmedCount)
      return { ok: false, field: "capacity", error: "validation:activityCapacity.belowConfirmed" } as const;
    const office = await officeForOrganizer(tx, scope, actor, changes.officeId);
    if (!office)
      return { ok: false, field: "officeId", error: "validation:activityOffice.notAllowed" } as const;
    // A staff member keeps an organization's activity with its organizer; moving it to another office
    // is what officeForOrganizer already refused.
    const placeChanged = changes.place !== activity.place || office.id !== activity.officeId;

    const [updated] = await tx
      .update(activities)
      .set({
        officeId: office.id,
        districtId: office.districtId,
        title: changes.title,
        description: changes.description,
        category: changes.category,
        place: changes.place,
        startsAt: changes.startsAt,
        endsAt: changes.endsAt,
        capacity: changes.capacity,
        requiredSkills: changes.requiredSkills,
        requiredQualification: changes.requiredQualification,
        insuranceRequired: changes.insuranceRequired,
        updatedAt: now,
      })
      .where(eq(activities.id, activity.id))
      .returning(activityColumns);
    const current = updated!;
    const eventId = randomUUID();

    let notified = 0;
    if (timeChanged || placeChanged) {
      for (const recipient of await activeSignupRecipients(tx, current.id)) {
        await notify(tx, {
          template: "activity-changed",
          data: {
            ...emailFacts(current),
            previousStartsAt: activity.startsAt.toISOString(),
            previousEndsAt: activity.endsAt.toISOString(),
            previousPlace: activity.place,
          },
          to: recipient.to,
          idempotencyKey: `activity-changed:${current.id}:${recipient.volunteerId}:${eventId}`,
        });
        notified += 1;
        if (timeChanged && recipient.status === "confirmed") {
          await cancelScheduled(tx, reminderGroup(current.id, recipient.volunteerId));
          await scheduleReminder(tx, current, recipient.volunteerId, recipient.to, eventId, now);
        }
      }
    }

    // More places: the waitlist moves up at once, in order.
    const promoted = await promoteFromWaitlist(
      tx,
      current,
      current.capacity - current.confirmedCount,
      eventId,
      now,
    );
    if (promoted.length > 0) {
      await tx
        .update(activities)
        .set({ confirmedCount: sql`${activities.confirmedCount} + ${promoted.length}` })
        .where(eq(activities.id, current.id));
    }
    return { ok: true, promoted: promoted.length, notified } as const;
  });
}

/** Cancels an activity: every sign-up ends, scheduled reminders are withdrawn, everyone is told. */
export async function cancelActivity(
  db: Database,
  input: { id: string; actor: OrganizerActor; scope: OrganizerScope; reason: string; now?: Date },
): Promise<{ ok: true; notified: number } | ActivityFailure> {
  const now = input.now ?? clock.now();
  return db.transaction(async (tx) => {
    const activity = await lockActivity(
      tx,
      and(eq(activities.id, input.id), organizerCondition(input.scope, input.actor))!,
    );
    if (!activity) return notFound;
    if (activity.status === "cancelled") return { ok: false, error: "activities:errors.cancelled" } as const;
    if (activity.startsAt.getTime() <= now.getTime())
      return { ok: false, error: "activities:errors.alreadyStarted" } as const;
    await tx
      .update(activities)
      .set({ status: "cancelled", cancelReason: input.reason, confirmedCount: 0, updatedAt: now })
      .where(eq(activities.id, activity.id));
    // Check-ins made in the half hour before the start are withdrawn: a cancelled activity earns no
    // hours (only open check-ins can exist before the start).
    await tx
      .delete(hourRecords)
      .where(and(eq(hourRecords.activityId, activity.id), eq(hourRecords.status, "open")));
    const recipients = await activeSignupRecipients(tx, activity.id);
    if (recipients.length > 0) {
      await tx
        .update(activitySignups)
        .set({ status: "cancelled", updatedAt: now })
        .where(
          inArray(
            activitySignups.id,
            recipients.map((recipient) => recipient.signupId),
          ),
        );
    }
    for (const recipient of recipients) {
      if (recipient.status === "confirmed")
        await cancelScheduled(tx, reminderGroup(activity.id, recipient.volunteerId));
      await notify(tx, {
        template: "activity-cancelled",
        data: { ...emailFacts(activity), reason: input.reason },
        to: recipient.to,
        idempotencyKey: `activity-cancelled:${activity.id}:${recipient.volunteerId}`,
      });
    }
    return { ok: true, notified: recipients.length } as const;
  });
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

async function waitlistPosition(tx: DbOrTx, activityId: string, signupId: string): Promise<number> {
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
          data: emailFacts(activity),
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

export interface ActivityListQuery {
  from?: string;
  to?: string;
  officeId?: string;
  districtId?: string;
  category?: ActivityCategory;
  skill?: VolunteerSkill;
  /** Only the organizer's own activities — including cancelled and running ones. */
  organizer?: { scope: OrganizerScope; actor: OrganizerActor };
  /** Adds the viewer's own sign-up status to each row. */
  volunteerId?: string;
  page: number;
  pageSize: number;
  now?: Date;
}

const officeOrg = alias(organizations, "office");

/**
 * Upcoming scheduled activities (or the organizer's own still running or ahead), soonest first, with
 * places left and the waitlist length — one query for the page, one for the total.
 */
export async function listActivities(db: DbOrTx, query: ActivityListQuery) {
  const now = query.now ?? clock.now();
  const conditions: SQL[] = [];
  if (query.organizer) {
    conditions.push(
      organizerCondition(query.organizer.scope, query.organizer.actor),
      gt(activities.endsAt, now),
    );
  } else {
    conditions.push(eq(activities.status, "scheduled"), gt(activities.startsAt, now));
  }
  const from = query.from ? startOfShanghaiDay(query.from) : null;
  if (from) conditions.push(gte(activities.startsAt, from));
  const to = query.to ? startOfShanghaiDay(query.to) : null;
  if (to) conditions.push(lt(activities.startsAt, new Date(to.getTime() + DAY_MS)));
  if (query.officeId) conditions.push(eq(activities.officeId, query.officeId));
  if (query.districtId) conditions.push(eq(activities.districtId, query.districtId));
  if (query.category) conditions.push(eq(activities.category, query.category));
  if (query.skill) conditions.push(sql`${query.skill} = any(${activities.requiredSkills})`);
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: activities.id,
        title: activities.title,
        category: activities.category,
        place: activities.place,
        officeName: officeOrg.name,
        startsAt: activities.startsAt,
        endsAt: activities.endsAt,
        capacity: activities.capacity,
        confirmedCount: activities.confirmedCount,
        requiredSkills: activities.requiredSkills,
        requiredQualification: activities.requiredQualification,
        insuranceRequired: activities.insuranceRequired,
        status: activities.status,
        waitlisted: sql<number>`(select count(*)::int from activity_signups w where w.activity_id = ${activities.id} and w.status = 'waitlisted')`,
        myStatus: query.volunteerId
          ? sql<
              string | null
            >`(select m.status::text from activity_signups m where m.activity_id = ${activities.id} and m.volunteer_id = ${query.volunteerId})`
          : sql<string | null>`null`,
      })
      .from(activities)
      .innerJoin(officeOrg, eq(officeOrg.id, activities.officeId))
      .where(where)
      .orderBy(asc(activities.startsAt), asc(activities.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(activities).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row, waitlisted: Number(row.waitlisted) })),
    total: total?.total ?? 0,
  };
}

const districtOrg = alias(organizations, "district");

/** Offices to filter by, with their district (the "area"). */
export async function activityOfficeOptions(db: DbOrTx) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      districtId: districtOrg.id,
      districtName: districtOrg.name,
    })
    .from(organizations)
    .innerJoin(districtOrg, eq(districtOrg.id, organizations.districtId))
    .where(eq(organizations.kind, "office"))
    .orderBy(asc(districtOrg.name), asc(organizations.name));
}

/** One activity for its page (any reader of activities); the check-in secret stays out. */
export async function getActivity(db: DbOrTx, id: string) {
  const organizerOrg = alias(organizations, "organizer");
  const [row] = await db
    .select({
      ...activityColumns,
      officeName: officeOrg.name,
      organizerName: organizerOrg.name,
      waitlisted: sql<number>`(select count(*)::int from activity_signups w where w.activity_id = ${activities.id} and w.status = 'waitlisted')`,
    })
    .from(activities)
    .innerJoin(officeOrg, eq(officeOrg.id, activities.officeId))
    .innerJoin(organizerOrg, eq(organizerOrg.id, activities.organizerId))
    .where(eq(activities.id, id));
  return row ? { ...row, waitlisted: Number(row.waitlisted) } : null;
}

/** The volunteer's own sign-up for an activity and, when waiting, the place in the queue. */
export async function signupOf(db: DbOrTx, activityId: string, volunteerId: string) {
  const [row] = await db
    .select({
      id: activitySignups.id,
      status: activitySignups.status,
      profileStatus: volunteerProfiles.status,
    })
    .from(activitySignups)
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, activitySignups.volunteerId))
    .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.volunteerId, volunteerId)));
  if (!row) return null;
  const position = row.status === "waitlisted" ? await waitlistPosition(db, activityId, row.id) : null;
  return { status: row.status, position };
}

/** The organizer's participant list: confirmed, then the waitlist in the order it moves up. */
export async function listParticipants(db: DbOrTx, activityId: string) {
  return db
    .select({
      volunteerId: activitySignups.volunteerId,
      status: activitySignups.status,
      queuedAt: activitySignups.queuedAt,
      name: volunteerProfiles.legalName,
      volunteerNumber: volunteerProfiles.volunteerNumber,
    })
    .from(activitySignups)
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, activitySignups.volunteerId))
    .where(
      and(
        eq(activitySignups.activityId, activityId),
        inArray(activitySignups.status, ["confirmed", "waitlisted"]),
      ),
    )
    .orderBy(
      sql`case when ${activitySignups.status} = 'confirmed' then 0 else 1 end`,
      asc(activitySignups.queuedAt),
      asc(activitySignups.id),
    );
}

/** A volunteer's upcoming activities with a place or a waitlist spot (for the volunteer dashboard). */
export async function upcomingSignupsOf(
  db: DbOrTx,
  volunteerId: string,
  options: { limit?: number; now?: Date } = {},
) {
  const now = options.now ?? clock.now();
  return db
    .select({
      activityId: activities.id,
      title: activities.title,
      place: activities.place,
      startsAt: activities.startsAt,
      endsAt: activities.endsAt,
      status: activitySignups.status,
    })
    .from(activitySignups)
    .innerJoin(activities, eq(activities.id, activitySignups.activityId))
    .where(
      and(
        eq(activitySignups.volunteerId, volunteerId),
        inArray(activitySignups.status, ["confirmed", "waitlisted"]),
        gt(activities.endsAt, now),
      ),
    )
    .orderBy(asc(activities.startsAt))
    .limit(options.limit ?? 5);
}

/** The volunteer's registration status (sign-ups need `approved`), or null without a registration. */
export async function volunteerStatusOf(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ status: volunteerProfiles.status })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId));
  return row?.status ?? null;
}
