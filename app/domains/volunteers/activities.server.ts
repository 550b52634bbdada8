import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { organizations, users } from "#db/schema/accounts";
import { activities, activitySignups, hourRecords } from "#db/schema/volunteers";
import { cancelScheduled, notify } from "~/domains/notifications/notify.server";
import { scopeCondition, scopeCovers } from "~/domains/accounts/scope";
import type { Database, DbOrTx } from "~/utils/db.server";
import type { ActivityInput } from "./activity-validation";
import { newCheckinSecret } from "./checkin-code";
import * as clock from "~/utils/clock.server";
import {
  type ActivityFailure,
  type OrganizerActor,
  type OrganizerScope,
  activityColumns,
  emailFacts,
  lockActivity,
  notFound,
  organizerCondition,
  reminderGroup,
  scheduleReminder,
} from "./activity-store.server";
import { promoteFromWaitlist } from "./signups.server";

/**
 * Organizer actions on activities: create, change (participants told, reminders moved, the waitlist
 * promoted when places grow) and cancel. Sign-ups are in signups.server.ts.
 */

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
