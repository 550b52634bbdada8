import { and, arrayContains, eq, gte, lte, or, isNull, sql, type SQL } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import {
  consultationBookings,
  lawyers,
  officeHourOverrides,
  officeHourRules,
  servicePoints,
} from "#db/schema/legal";
import { loadWorkingDayCalendar } from "~/domains/calendar/calendar.server";
import { type DbOrTx, selectRows } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import {
  addDays,
  computeSlots,
  shanghaiDay,
  shanghaiInstant,
  type Slot,
  type SlotOverride,
  type SlotRule,
} from "./slots";
import type { TopicCategory } from "./validation";

const nameColumns = {
  lawyerName: lawyers.name,
  lawyerLanguages: lawyers.languages,
  lawyerSpecialties: lawyers.specialties,
  servicePointName: servicePoints.name,
  officeName: organizations.name,
};

interface RuleNames {
  lawyerName: string;
  lawyerLanguages: string[];
  lawyerSpecialties: string[];
  servicePointName: string;
  officeName: string;
}

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
 * Everything the pure slot computation needs for the active rules that match, in two statements and
 * the cached holiday calendar: the rules (with their lawyer's filters and the names pages show), then
 * their overrides and their lawyers' live bookings in the window together.
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
  // The rules with the names a booking page shows, in the same statement.
  const rules: (SlotRule & RuleNames)[] = await db
    .select({ ...ruleColumns, ...nameColumns })
    .from(officeHourRules)
    .innerJoin(lawyers, eq(lawyers.id, officeHourRules.lawyerId))
    .innerJoin(servicePoints, eq(servicePoints.id, officeHourRules.servicePointId))
    .innerJoin(organizations, eq(organizations.id, officeHourRules.officeId))
    .where(and(...conditions));
  if (rules.length === 0) return { rules, overrides: [], bookings: [], calendar: undefined, from, to, now };
  const ruleIds = rules.map((rule) => rule.id);
  const lawyerIds = [...new Set(rules.map((rule) => rule.lawyerId))];
  // The rules' overrides and their lawyers' live bookings in the window, in one statement.
  const windowStart = shanghaiInstant(from, 0);
  const windowEnd = shanghaiInstant(addDays(to, 1), 0);
  const [rows, calendar] = await Promise.all([
    selectRows<{
      part: "override" | "booking";
      rule_id: string | null;
      day: string | null;
      kind: SlotOverride["kind"] | null;
      start_minute: number | null;
      end_minute: number | null;
      lawyer_id: string | null;
      starts_at: Date | string | null;
      ends_at: Date | string | null;
    }>(
      db,
      sql`select 'override' as part, o.rule_id::text as rule_id, o.day::text as day, o.kind::text as kind,
                 o.start_minute, o.end_minute, null::text as lawyer_id, null::timestamptz as starts_at,
                 null::timestamptz as ends_at
            from ${officeHourOverrides} o
           where o.rule_id in ${sql`(${sql.join(
             ruleIds.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})`}
             and o.day between ${from}::date and ${to}::date
          union all
          select 'booking', null, null, null, null, null, b.lawyer_id::text, b.starts_at, b.ends_at
            from ${consultationBookings} b
           where b.lawyer_id in ${sql`(${sql.join(
             lawyerIds.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})`}
             and b.status <> 'cancelled'
             and b.ends_at >= ${windowStart.toISOString()}::timestamptz
             and b.starts_at <= ${windowEnd.toISOString()}::timestamptz`,
    ),
    loadWorkingDayCalendar(db, now),
  ]);
  const overrides = rows
    .filter((row) => row.part === "override")
    .map((row) => ({
      ruleId: row.rule_id!,
      day: row.day!,
      kind: row.kind!,
      startMinute: row.start_minute,
      endMinute: row.end_minute,
    }));
  const bookings = rows
    .filter((row) => row.part === "booking")
    .map((row) => ({
      lawyerId: row.lawyer_id!,
      startsAt: new Date(row.starts_at!),
      endsAt: new Date(row.ends_at!),
    }));
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
  const byRule = new Map(inputs.rules.map((rule) => [rule.id, rule]));
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
