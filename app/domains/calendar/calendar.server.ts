/**
 * The working-day calendar's data: the exceptions in `calendar_days` (seeded by migration 0018 with
 * the State Council's schedules, edited by system admins on /admin/calendar). Deadlines read it
 * through `loadWorkingDayCalendar` — cached in the process, dropped when this process edits it and
 * after CACHE_MS at the latest, so other processes see an edit within minutes (ADR 008).
 */
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { calendarDays } from "#db/schema/system";
import { users } from "#db/schema/accounts";
import { recordAudit } from "~/domains/audit/audit.server";
import { createOnce, type Once } from "~/domains/submissions.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import { singleton } from "~/utils/singleton.server";
import type { CalendarDayInput } from "./validation";
import {
  addWorkingDays,
  calendarDateOf,
  type CalendarDayKind,
  workingDayCalendar,
  type WorkingDayCalendar,
} from "./working-days";

export const CALENDAR_CACHE_MS = 5 * 60_000;

interface CacheEntry {
  calendar: Promise<WorkingDayCalendar>;
  loadedAt: number;
}
const cache = () => singleton("working-day-calendar", () => ({ entry: null as CacheEntry | null }));

/** Every exception, as the pure functions of working-days.ts take them. */
export async function loadWorkingDayCalendar(
  db: DbOrTx,
  now: Date = new Date(),
): Promise<WorkingDayCalendar> {
  const store = cache();
  const entry = store.entry;
  if (entry && now.getTime() - entry.loadedAt < CALENDAR_CACHE_MS) return entry.calendar;
  const calendar = db
    .select({ day: calendarDays.day, kind: calendarDays.kind })
    .from(calendarDays)
    .then((rows) => workingDayCalendar(rows));
  const fresh = { calendar, loadedAt: now.getTime() };
  store.entry = fresh;
  // A failed read is not cached: the next caller tries again.
  calendar.catch(() => {
    if (store.entry === fresh) store.entry = null;
  });
  return calendar;
}

/** Drops the cached calendar (after an edit, or in tests that change the table directly). */
export function invalidateWorkingDayCalendar(): void {
  cache().entry = null;
}

/** The date `n` working days after the Beijing date of `from` (e.g. a referral's expiry). */
export async function workingDayDeadline(db: DbOrTx, from: Date, n: number): Promise<string> {
  return addWorkingDays(calendarDateOf(from), n, await loadWorkingDayCalendar(db, from));
}

export interface CalendarDayRow {
  day: string;
  kind: CalendarDayKind;
  name: string;
  updatedAt: Date;
  updatedByName: string | null;
}

/** A year's exceptions in date order, for the admin page. */
export async function listCalendarYear(db: DbOrTx, year: number): Promise<CalendarDayRow[]> {
  return db
    .select({
      day: calendarDays.day,
      kind: calendarDays.kind,
      name: calendarDays.name,
      updatedAt: calendarDays.updatedAt,
      updatedByName: users.displayName,
    })
    .from(calendarDays)
    .leftJoin(users, eq(users.id, calendarDays.updatedBy))
    .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
    .orderBy(asc(calendarDays.day));
}

export interface CalendarActor {
  id: string;
  ipAddress: string;
}

/**
 * Enters or changes one day (validated by calendarDaySchema). Writes the row and its audit entry in
 * one transaction; `created` says whether the day was new.
 */
export async function saveCalendarDay(
  db: Database,
  actor: CalendarActor,
  input: CalendarDayInput,
): Promise<{ ok: true; created: boolean; changed: boolean }> {
  const result = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ kind: calendarDays.kind, name: calendarDays.name })
      .from(calendarDays)
      .where(eq(calendarDays.day, input.day))
      .for("update");
    if (before && before.kind === input.kind && before.name === input.name) {
      return { ok: true as const, created: false, changed: false };
    }
    await tx
      .insert(calendarDays)
      .values({ day: input.day, kind: input.kind, name: input.name, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: calendarDays.day,
        set: { kind: input.kind, name: input.name, updatedBy: actor.id, updatedAt: new Date() },
      });
    await recordAudit(tx, {
      actorId: actor.id,
      action: before ? "update" : "create",
      entityType: "calendar-day",
      entityId: input.day,
      ipAddress: actor.ipAddress,
      details: { kind: input.kind, name: input.name, ...(before ? { before } : {}) },
    });
    return { ok: true as const, created: !before, changed: true };
  });
  if (result.changed) invalidateWorkingDayCalendar();
  return result;
}

/**
 * `saveCalendarDay` for the admin form, once per rendered form (its idempotency key): a double click,
 * a retry or a replay of "add holiday" enters the day once and answers with it, and a replay sent
 * after the day was changed again does not undo that change. The cache is dropped again once the
 * claim's transaction has committed, so no reader re-caches the calendar from before it.
 */
export async function saveCalendarDayOnce(
  db: Database,
  actor: CalendarActor,
  key: string,
  input: CalendarDayInput,
): Promise<Once<Awaited<ReturnType<typeof saveCalendarDay>>>> {
  const once = await createOnce(
    db,
    { userId: actor.id, key, entity: "calendar-day" },
    (tx) => saveCalendarDay(tx, actor, input),
    () => input.day,
  );
  if (!once.replayed && once.result.changed) invalidateWorkingDayCalendar();
  return once;
}

/** Removes one day's exception: it counts by its weekday again. */
export async function removeCalendarDay(
  db: Database,
  actor: CalendarActor,
  day: string,
): Promise<{ ok: true } | { ok: false; error: "notFound" }> {
  const result = await db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(calendarDays)
      .where(eq(calendarDays.day, day))
      .returning({ kind: calendarDays.kind, name: calendarDays.name });
    if (!removed) return { ok: false as const, error: "notFound" as const };
    await recordAudit(tx, {
      actorId: actor.id,
      action: "update",
      entityType: "calendar-day",
      entityId: day,
      ipAddress: actor.ipAddress,
      details: { removed: true, before: removed },
    });
    return { ok: true as const };
  });
  if (result.ok) invalidateWorkingDayCalendar();
  return result;
}
