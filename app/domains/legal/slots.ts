/**
 * Consultation slots, computed the cal.com way: rules → daily ranges → minus overrides, holidays and
 * policy → slot grid → minus existing bookings. Pure: everything comes in as data, `now` included.
 *
 * Dates are Beijing calendar dates (`YYYY-MM-DD`) and times minutes after Beijing midnight; Beijing
 * is UTC+8 all year (no daylight saving), so an instant is `Date.UTC(day) + minutes − 8 h`. The
 * recurrence is an RFC 5545 RRULE expanded by the `rrule` library over "floating" dates: each
 * occurrence is computed at UTC midnight and read back as a calendar date, so the host's time zone
 * never enters.
 */
import * as rrulePackage from "rrule";
import { type WorkingDayCalendar, WEEKENDS_ONLY } from "~/domains/calendar/working-days";
import { addDays, shanghaiDay, shanghaiInstant, shanghaiMinute } from "./beijing-time";

export { addDays, shanghaiDay, shanghaiInstant, shanghaiMinute };

// The package ships CommonJS to Node's ESM loader (named exports not detected) and ESM to bundlers.
type RRuleModule = typeof rrulePackage;
const { RRule } = ((rrulePackage as RRuleModule & { default?: RRuleModule }).default ??
  rrulePackage) as RRuleModule;

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface SlotRule {
  id: string;
  lawyerId: string;
  servicePointId: string;
  /** The recurrence without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=TU,TH` or `FREQ=MONTHLY;BYDAY=2TU`. */
  rrule: string;
  startMinute: number;
  endMinute: number;
  validFrom: string;
  validTo: string | null;
  slotMinutes: number;
  bufferMinutes: number;
  capacity: number;
  minNoticeMinutes: number;
  horizonDays: number;
}

export interface SlotOverride {
  ruleId: string;
  day: string;
  kind: "cancelled" | "extra" | "reopened";
  startMinute?: number | null;
  endMinute?: number | null;
}

/** A live booking of a lawyer (any rule): it takes one place of every slot it overlaps. */
export interface BusyBooking {
  lawyerId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface Slot {
  ruleId: string;
  lawyerId: string;
  servicePointId: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  /** Places still free (capacity minus the lawyer's overlapping live bookings). */
  remaining: number;
}

export interface SlotQuery {
  rules: readonly SlotRule[];
  overrides?: readonly SlotOverride[];
  bookings?: readonly BusyBooking[];
  /** Official holidays close office hours unless a `reopened` override opens the day. */
  calendar?: WorkingDayCalendar;
  now: Date;
  /** Beijing dates, both included. */
  from: string;
  to: string;
  /** Keep slots with no place left (a week view shows them as full). */
  includeFull?: boolean;
}

const floating = (day: string) => new Date(`${day}T00:00:00Z`);

/** Parses a stored rule's recurrence (throws on a malformed one; validation.ts checks it first). */
export function parseRecurrence(rrule: string, validFrom: string): InstanceType<typeof RRule> {
  const options = RRule.parseString(rrule);
  return new RRule({ ...options, dtstart: floating(validFrom), tzid: null });
}

/**
 * Expanded recurrences, by rule text, first day and the window asked for. The `rrule` library walks
 * every occurrence from the rule's first day (0.1–0.8 ms a rule, most of a slot search); the answer
 * depends on nothing else, and every search of a day asks for the same window. Bounded: it starts
 * over when full.
 */
const occurrenceCache = new Map<string, readonly string[]>();
const OCCURRENCE_CACHE_SIZE = 20_000;

/** The Beijing dates in [from, to] on which the rule recurs (within its validity). */
export function occurrenceDays(
  rule: Pick<SlotRule, "rrule" | "validFrom" | "validTo">,
  from: string,
  to: string,
): readonly string[] {
  const start = from > rule.validFrom ? from : rule.validFrom;
  const end = rule.validTo && rule.validTo < to ? rule.validTo : to;
  if (end < start) return [];
  const key = `${rule.rrule}\u0000${rule.validFrom}\u0000${start}\u0000${end}`;
  let days = occurrenceCache.get(key);
  if (days === undefined) {
    days = Object.freeze(
      parseRecurrence(rule.rrule, rule.validFrom)
        .between(floating(start), floating(end), true)
        .map((date) => date.toISOString().slice(0, 10)),
    );
    if (occurrenceCache.size >= OCCURRENCE_CACHE_SIZE) occurrenceCache.clear();
    occurrenceCache.set(key, days);
  }
  return days;
}

interface Range {
  start: number;
  end: number;
}

/** The rule's time ranges on each day: recurrences (holidays and cancelled days removed) plus extras. */
export function dailyRanges(
  rule: SlotRule,
  overrides: readonly SlotOverride[],
  calendar: WorkingDayCalendar,
  from: string,
  to: string,
): Map<string, Range[]> {
  const own = overrides.filter((override) => override.ruleId === rule.id);
  const closed = new Set(own.filter((o) => o.kind === "cancelled").map((o) => o.day));
  const reopened = new Set(own.filter((o) => o.kind === "reopened").map((o) => o.day));
  const ranges = new Map<string, Range[]>();
  for (const day of occurrenceDays(rule, from, to)) {
    if (closed.has(day)) continue;
    const holiday = calendar.exceptions.get(day) === "holiday";
    if (holiday && !reopened.has(day)) continue;
    ranges.set(day, [{ start: rule.startMinute, end: rule.endMinute }]);
  }
  for (const extra of own) {
    if (extra.kind !== "extra" || extra.day < from || extra.day > to || closed.has(extra.day)) continue;
    if (extra.startMinute == null || extra.endMinute == null) continue;
    const list = ranges.get(extra.day) ?? [];
    list.push({ start: extra.startMinute, end: extra.endMinute });
    ranges.set(extra.day, mergeRanges(list));
  }
  return ranges;
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Slot starts within a range: every `slot + buffer` minutes, the last one ending inside it. */
export function slotGrid(range: Range, slotMinutes: number, bufferMinutes: number): Range[] {
  const slots: Range[] = [];
  for (let start = range.start; start + slotMinutes <= range.end; start += slotMinutes + bufferMinutes) {
    slots.push({ start, end: start + slotMinutes });
  }
  return slots;
}

/** When a rule's slots may be booked: from `now + minimum notice` to `now + horizon`. */
export function bookingWindow(rule: Pick<SlotRule, "minNoticeMinutes" | "horizonDays">, now: Date) {
  return {
    earliest: new Date(now.getTime() + rule.minNoticeMinutes * MINUTE_MS),
    latest: new Date(now.getTime() + rule.horizonDays * DAY_MS),
  };
}

/** Every bookable (or, with includeFull, every) slot of the rules between `from` and `to`, by time. */
export function computeSlots(query: SlotQuery): Slot[] {
  const calendar = query.calendar ?? WEEKENDS_ONLY;
  const overrides = query.overrides ?? [];
  const busyByLawyer = new Map<string, BusyBooking[]>();
  for (const booking of query.bookings ?? []) {
    const list = busyByLawyer.get(booking.lawyerId) ?? [];
    list.push(booking);
    busyByLawyer.set(booking.lawyerId, list);
  }
  const slots: Slot[] = [];
  for (const rule of query.rules) {
    const window = bookingWindow(rule, query.now);
    const busy = busyByLawyer.get(rule.lawyerId) ?? [];
    for (const [day, ranges] of dailyRanges(rule, overrides, calendar, query.from, query.to)) {
      for (const range of ranges) {
        for (const cell of slotGrid(range, rule.slotMinutes, rule.bufferMinutes)) {
          const startsAt = shanghaiInstant(day, cell.start);
          const endsAt = shanghaiInstant(day, cell.end);
          if (startsAt < window.earliest || startsAt > window.latest) continue;
          const taken = busy.filter((b) => b.startsAt < endsAt && b.endsAt > startsAt).length;
          const remaining = Math.max(0, rule.capacity - taken);
          if (remaining === 0 && !query.includeFull) continue;
          slots.push({
            ruleId: rule.id,
            lawyerId: rule.lawyerId,
            servicePointId: rule.servicePointId,
            startsAt,
            endsAt,
            capacity: rule.capacity,
            remaining,
          });
        }
      }
    }
  }
  return slots.sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.ruleId.localeCompare(b.ruleId),
  );
}

/**
 * The slot of `rule` that starts at `startsAt`, if the rule offers one there now (bookable: inside
 * the booking window, not on a closed day) — ignoring existing bookings, which the database checks.
 */
export function findRuleSlot(
  query: Omit<SlotQuery, "from" | "to" | "bookings" | "includeFull">,
  ruleId: string,
  startsAt: Date,
): Slot | null {
  const day = shanghaiDay(startsAt);
  const rule = query.rules.find((candidate) => candidate.id === ruleId);
  if (!rule) return null;
  const found = computeSlots({ ...query, rules: [rule], from: day, to: day, includeFull: true }).find(
    (slot) => slot.startsAt.getTime() === startsAt.getTime(),
  );
  return found ?? null;
}

/**
 * Cancel or reschedule: allowed until `cutoff` minutes before the start; after that only the law
 * firm may (the lawyer fell ill), and never once the consultation has begun.
 */
export function changeAllowed(
  booking: { startsAt: Date },
  cancelCutoffMinutes: number,
  now: Date,
  by: "staff" | "firm",
): "ok" | "cutoff" | "started" {
  if (now.getTime() >= booking.startsAt.getTime()) return "started";
  if (by === "firm") return "ok";
  return now.getTime() <= booking.startsAt.getTime() - cancelCutoffMinutes * MINUTE_MS ? "ok" : "cutoff";
}

/** An outcome can be recorded once the slot has begun. */
export const outcomeAllowed = (booking: { startsAt: Date }, now: Date) =>
  now.getTime() >= booking.startsAt.getTime();
