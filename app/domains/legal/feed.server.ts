import { and, eq, gte, inArray } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import { consultationBookings, officeHourOverrides, officeHourRules, servicePoints } from "#db/schema/legal";
import type { DbOrTx } from "~/utils/db.server";
import { lawyerFeedIcs } from "./ics";
import { lawyerByFeedToken } from "./lawyers.server";

const DAY_MS = 24 * 3_600_000;

export interface FeedLabels {
  officeHours: (place: string) => string;
  consultation: (place: string) => string;
  description: (topic: string) => string;
}

/**
 * A lawyer's calendar feed, found by the secret token of its URL (null → 404): each active
 * office-hour rule as its recurrence, cancelled days as EXDATE, and the consultations of the last
 * 30 days and the future (cancelled ones as CANCELLED, so calendars drop them).
 */
export async function lawyerFeed(
  db: DbOrTx,
  token: string,
  now: Date,
  labels: FeedLabels,
): Promise<string | null> {
  const lawyer = await lawyerByFeedToken(db, token);
  if (!lawyer) return null;
  const rules = await db
    .select({
      id: officeHourRules.id,
      rrule: officeHourRules.rrule,
      startMinute: officeHourRules.startMinute,
      endMinute: officeHourRules.endMinute,
      validFrom: officeHourRules.validFrom,
      validTo: officeHourRules.validTo,
      updatedAt: officeHourRules.updatedAt,
      pointName: servicePoints.name,
      address: servicePoints.address,
      officeName: organizations.name,
    })
    .from(officeHourRules)
    .innerJoin(servicePoints, eq(servicePoints.id, officeHourRules.servicePointId))
    .innerJoin(organizations, eq(organizations.id, officeHourRules.officeId))
    .where(and(eq(officeHourRules.lawyerId, lawyer.id), eq(officeHourRules.active, true)));
  const cancelled = rules.length
    ? await db
        .select({ ruleId: officeHourOverrides.ruleId, day: officeHourOverrides.day })
        .from(officeHourOverrides)
        .where(
          and(
            inArray(
              officeHourOverrides.ruleId,
              rules.map((rule) => rule.id),
            ),
            eq(officeHourOverrides.kind, "cancelled"),
          ),
        )
    : [];
  const bookings = await db
    .select({
      id: consultationBookings.id,
      sequence: consultationBookings.sequence,
      startsAt: consultationBookings.startsAt,
      endsAt: consultationBookings.endsAt,
      status: consultationBookings.status,
      topic: consultationBookings.topic,
      updatedAt: consultationBookings.updatedAt,
      pointName: servicePoints.name,
      address: servicePoints.address,
    })
    .from(consultationBookings)
    .innerJoin(servicePoints, eq(servicePoints.id, consultationBookings.servicePointId))
    .where(
      and(
        eq(consultationBookings.lawyerId, lawyer.id),
        gte(consultationBookings.startsAt, new Date(now.getTime() - 30 * DAY_MS)),
      ),
    );
  return lawyerFeedIcs({
    name: lawyer.name,
    rules: rules.map((rule) => ({
      id: rule.id,
      rrule: rule.rrule,
      startMinute: rule.startMinute,
      endMinute: rule.endMinute,
      validFrom: rule.validFrom,
      validTo: rule.validTo,
      summary: labels.officeHours(rule.pointName),
      location: `${rule.officeName} · ${rule.pointName} · ${rule.address}`,
      cancelledDays: cancelled.filter((row) => row.ruleId === rule.id).map((row) => row.day),
      updatedAt: rule.updatedAt,
    })),
    bookings: bookings.map((booking) => ({
      bookingId: booking.id,
      sequence: booking.sequence,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      summary: labels.consultation(booking.pointName),
      location: `${booking.pointName} · ${booking.address}`,
      description: labels.description(booking.topic),
      cancelled: booking.status === "cancelled",
      updatedAt: booking.updatedAt,
    })),
  });
}
