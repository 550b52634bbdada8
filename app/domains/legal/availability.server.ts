import { and, arrayContains, asc, eq, gte, inArray, lte, ne, or, isNull, type SQL } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import {
  consultationBookings,
  lawyers,
  officeHourOverrides,
  officeHourRules,
  servicePoints,
} from "#db/schema/legal";
import { loadWorkingDayCalendar } from "~/domains/calendar/calendar.server";
import type { DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { addDays, computeSlots, shanghaiDay, shanghaiInstant, type Slot, type SlotRule } from "./slots";
import type { TopicCategory } from "./validation";

const ruleColumns = {
  id: officeHourRules.id,
  lawyerId: officeHourRules.lawyerId,
  servicePointId: officeHourRules.servicePointId,
  rrule: officeHourRules.rrule,
  startMinute: officeHourRules.startMinute,
  endMinute: officeHourRules.endMinute,
  validFrom: officeHourRules.validFrom,
  validTo: officeHourRules.validTo,
  slotMinutes: officeHourRules.slotMinutes,
  bufferMinutes: officeHourRules.bufferMinutes,
  capacity: officeHourRules.capacity,
  minNoticeMinutes: officeHourRules.minNoticeMinutes,
  horizonDays: officeHourRules.horizonDays,
};

export interface SlotSearch {
  /** Which rules: one service point, the points of an office, or of a district. */
  servicePointId?: string;
  officeId?: string;
  districtId?: string;
  lawyerId?: string;
  ruleId?: string;
  topic?: TopicCategory;
  language?: string;
  /** Beijing dates; default today … today + 60 days. */
  from?: string;
  to?: string;
  includeFull?: boolean;
  now?: Date;
}

/**
 * Everything the pure slot computation needs for the active rules that match, in four statements:
 * rules (with their lawyer's filters), their overrides in the window, the lawyers' live bookings in
 * the window, and the holiday calendar (cached).
 */
export async function loadSlotInputs(db: DbOrTx, search: SlotSearch) {
  const now = search.now ?? clock.now();
  const from = search.from ?? shanghaiDay(now);
  const to = search.to ?? addDays(from, 60);
  const conditions: SQL[] = [
    eq(officeHourRules.active, true),
    eq(lawyers.active, true),
    eq(servicePoints.active, true),
    or(isNull(officeHourRules.validTo), gte(officeHourRules.validTo, from))!,
    lte(officeHourRules.validFrom, to),
  ];
  if (search.ruleId) conditions.push(eq(officeHourRules.id, search.ruleId));
  if (search.servicePointId) conditions.push(eq(officeHourRules.servicePointId, search.servicePointId));
  if (search.officeId) conditions.push(eq(officeHourRules.officeId, search.officeId));
  if (search.districtId) conditions.push(eq(officeHourRules.districtId, search.districtId));
  if (search.lawyerId) conditions.push(eq(officeHourRules.lawyerId, search.lawyerId));
  if (search.topic) conditions.push(arrayContains(lawyers.specialties, [search.topic]));
  if (search.language) conditions.push(arrayContains(lawyers.languages, [search.language]));
  const rules: SlotRule[] = await db
    .select(ruleColumns)
    .from(officeHourRules)
    .innerJoin(lawyers, eq(lawyers.id, officeHourRules.lawyerId))
    .innerJoin(servicePoints, eq(servicePoints.id, officeHourRules.servicePointId))
    .where(and(...conditions));
  if (rules.length === 0) return { rules, overrides: [], bookings: [], calendar: undefined, from, to, now };
  const ruleIds = rules.map((rule) => rule.id);
  const lawyerIds = [...new Set(rules.map((rule) => rule.lawyerId))];
  const [overrides, bookings, calendar] = await Promise.all([
    db
      .select({
        ruleId: officeHourOverrides.ruleId,
        day: officeHourOverrides.day,
        kind: officeHourOverrides.kind,
        startMinute: officeHourOverrides.startMinute,
        endMinute: officeHourOverrides.endMinute,
      })
      .from(officeHourOverrides)
      .where(
        and(
          inArray(officeHourOverrides.ruleId, ruleIds),
          gte(officeHourOverrides.day, from),
          lte(officeHourOverrides.day, to),
        ),
      ),
    db
      .select({
        lawyerId: consultationBookings.lawyerId,
        startsAt: consultationBookings.startsAt,
        endsAt: consultationBookings.endsAt,
      })
      .from(consultationBookings)
      .where(
        and(
          inArray(consultationBookings.lawyerId, lawyerIds),
          ne(consultationBookings.status, "cancelled"),
          gte(consultationBookings.endsAt, shanghaiInstant(from, 0)),
          lte(consultationBookings.startsAt, shanghaiInstant(addDays(to, 1), 0)),
        ),
      ),
    loadWorkingDayCalendar(db, now),
  ]);
  return { rules, overrides, bookings, calendar, from, to, now };
}

export interface OpenSlot extends Slot {
  lawyerName: string;
  lawyerLanguages: string[];
  lawyerSpecialties: string[];
  servicePointName: string;
  officeName: string;
}

/** Free slots (soonest first) with the names a booking page shows; `limit` cuts the list. */
export async function findOpenSlots(
  db: DbOrTx,
  search: SlotSearch & { limit?: number },
): Promise<OpenSlot[]> {
  const inputs = await loadSlotInputs(db, search);
  if (inputs.rules.length === 0) return [];
  const slots = computeSlots({
    rules: inputs.rules,
    overrides: inputs.overrides,
    bookings: inputs.bookings,
    calendar: inputs.calendar,
    now: inputs.now,
    from: inputs.from,
    to: inputs.to,
    includeFull: search.includeFull,
  }).slice(0, search.limit ?? 500);
  if (slots.length === 0) return [];
  const names = await db
    .select({
      ruleId: officeHourRules.id,
      lawyerName: lawyers.name,
      lawyerLanguages: lawyers.languages,
      lawyerSpecialties: lawyers.specialties,
      servicePointName: servicePoints.name,
      officeName: organizations.name,
    })
    .from(officeHourRules)
    .innerJoin(lawyers, eq(lawyers.id, officeHourRules.lawyerId))
    .innerJoin(servicePoints, eq(servicePoints.id, officeHourRules.servicePointId))
    .innerJoin(organizations, eq(organizations.id, officeHourRules.officeId))
    .where(inArray(officeHourRules.id, [...new Set(slots.map((slot) => slot.ruleId))]))
    .orderBy(asc(officeHourRules.id));
  const byRule = new Map(names.map((row) => [row.ruleId, row]));
  return slots.map((slot) => {
    const name = byRule.get(slot.ruleId)!;
    return {
      ...slot,
      lawyerName: name.lawyerName,
      lawyerLanguages: name.lawyerLanguages,
      lawyerSpecialties: name.lawyerSpecialties,
      servicePointName: name.servicePointName,
      officeName: name.officeName,
    };
  });
}
