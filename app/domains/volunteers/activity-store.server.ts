import { type SQL } from "drizzle-orm";
import { activities } from "#db/schema/volunteers";
import { notify, type NotifyRecipient } from "~/domains/notifications/notify.server";
import type { ActorRef } from "~/domains/accounts/actor";
import { scopeCondition } from "~/domains/accounts/scope";
import type { DbOrTx } from "~/utils/db.server";

/**
 * What the activity modules share: the organizer's scope condition, the columns read, row locking and
 * the reminder each confirmed volunteer gets a day before. Organizer actions live in activities.server.ts,
 * volunteers' sign-ups and the waitlist in signups.server.ts, read models in activity-queries.server.ts.
 */
export const DAY_MS = 24 * 60 * 60_000;

/** Who organizes: office staff (scope `office`) or a member of a verified social organization. */
export type OrganizerScope = "office" | "organization";
export type OrganizerActor = ActorRef;

/** A refusal: a field's validation key, or (no field) a message key of the `activities` namespace. */
export type ActivityFailure = { ok: false; notFound?: false; field?: string; error: string } | NotFound;
export type NotFound = { ok: false; notFound: true };
export const notFound: NotFound = { ok: false, notFound: true };

/**
 * The activities an organizer manages: staff those held at their office (whoever organizes them —
 * the office hosts the service point and verifies the hours), an organization its own.
 */
export const organizerCondition = (scope: OrganizerScope, actor: OrganizerActor) =>
  scopeCondition(actor, scope, { officeId: activities.officeId, organizationId: activities.organizerId });

export const activityColumns = {
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

export type ActivityRow = NonNullable<Awaited<ReturnType<typeof lockActivity>>>;

export async function lockActivity(tx: DbOrTx, condition: SQL) {
  const [row] = await tx.select(activityColumns).from(activities).where(condition).for("update");
  return row ?? null;
}

export function emailFacts(activity: Pick<ActivityRow, "id" | "title" | "startsAt" | "endsAt" | "place">) {
  return {
    activityTitle: activity.title,
    startsAt: activity.startsAt.toISOString(),
    endsAt: activity.endsAt.toISOString(),
    place: activity.place,
    url: `/activities/${activity.id}`,
  };
}

export const reminderGroup = (activityId: string, volunteerId: string) =>
  `activity-reminder:${activityId}:${volunteerId}`;

/**
 * When the reminder the day before is due, or null when the activity is less than a day away: then
 * none is scheduled, and the confirmation must not promise one.
 */
export function reminderDueAt(activity: Pick<ActivityRow, "startsAt">, now: Date): Date | null {
  const sendAfter = new Date(activity.startsAt.getTime() - DAY_MS);
  return sendAfter.getTime() > now.getTime() ? sendAfter : null;
}

/** The reminder the day before; none when the activity is less than a day away (the mail just sent says it). */
export async function scheduleReminder(
  tx: DbOrTx,
  activity: ActivityRow,
  volunteerId: string,
  to: NotifyRecipient,
  eventId: string,
  now: Date,
) {
  const sendAfter = reminderDueAt(activity, now);
  if (!sendAfter) return;
  await notify(tx, {
    template: "activity-reminder",
    data: { ...emailFacts(activity), insuranceRequired: activity.insuranceRequired },
    to,
    idempotencyKey: `activity-reminder:${activity.id}:${volunteerId}:${eventId}`,
    sendAfter,
    groupKey: reminderGroup(activity.id, volunteerId),
  });
}
