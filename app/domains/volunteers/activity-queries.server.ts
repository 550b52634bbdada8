import { and, asc, count, eq, gt, gte, inArray, lt, ne, notExists, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { organizations } from "#db/schema/accounts";
import { activities, activitySignups, hourRecords, volunteerProfiles } from "#db/schema/volunteers";
import type { DbOrTx } from "~/utils/db.server";
import type { ActivityCategory, VolunteerSkill } from "./activity-options";
import { startOfShanghaiDay } from "./activity-time";
import * as clock from "~/utils/clock.server";
import {
  DAY_MS,
  type OrganizerActor,
  type OrganizerScope,
  activityColumns,
  organizerCondition,
} from "./activity-store.server";
import { waitlistPosition } from "./signups.server";

/** Read models of activities: lists with filters, one activity, its participants, a volunteer's sign-ups. */

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
        eq(activities.status, "scheduled"),
        // Upcoming: not yet under way (an activity already running is on the check-in page) …
        gt(activities.startsAt, now),
        // … and not already served: no check-out, self-report or decided record of it.
        notExists(
          db
            .select({ one: sql`1` })
            .from(hourRecords)
            .where(
              and(
                eq(hourRecords.activityId, activities.id),
                eq(hourRecords.volunteerId, volunteerId),
                ne(hourRecords.status, "open"),
                ne(hourRecords.status, "rejected"),
              ),
            ),
        ),
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
