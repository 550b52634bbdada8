/**
 * The working-day calendar against a real database: the schedules migration 0018 seeds, deadlines
 * read through the per-process cache, and the admin page's edits (validated, audited in the same
 * transaction, seen by the next deadline at once). Edits use 2031, a year the migration leaves
 * empty, and are removed again: `calendar_days` is reference data a database reset keeps.
 */
import { and, eq, gte, inArray } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formSubmissions, rolePermissions } from "#db/schema/accounts";
import { auditLog } from "#db/schema/audit";
import { calendarDays } from "#db/schema/system";
import { rolePermissionSeed } from "~/domains/permission-registry";
import {
  invalidateWorkingDayCalendar,
  loadWorkingDayCalendar,
  removeCalendarDay,
  saveCalendarDay,
  workingDayDeadline,
} from "~/domains/calendar/calendar.server";
import { isWorkingDay } from "~/domains/calendar/working-days";
import { i18nServer } from "~/i18n.server";
import * as calendarPage from "~/routes/admin.calendar";
import type { Database } from "~/utils/db.server";
import { createUser, type TestUser } from "#tests/fixtures/factories";
import { flashOf, routeAnswer, routeArgs, signedInRequest } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
let admin: TestUser;

beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  invalidateWorkingDayCalendar();
  admin = await createUser(db, "system_admin");
});

afterEach(async () => {
  await db.delete(calendarDays).where(gte(calendarDays.day, "2031-01-01"));
  invalidateWorkingDayCalendar();
});

const calendarAudit = () =>
  db
    .select({ action: auditLog.action, entityId: auditLog.entityId, details: auditLog.details })
    .from(auditLog)
    .where(eq(auditLog.entityType, "calendar-day"))
    .orderBy(auditLog.sequence);

describe("migration 0018", () => {
  it("seeds the State Council's 2025 and 2026 schedules, make-up days included", async () => {
    const rows = await db
      .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
      .from(calendarDays)
      .where(
        inArray(calendarDays.day, ["2025-09-28", "2025-10-01", "2025-10-08", "2025-10-11", "2026-02-14"]),
      )
      .orderBy(calendarDays.day);
    expect(rows).toEqual([
      { day: "2025-09-28", kind: "workday", name: "国庆节" },
      { day: "2025-10-01", kind: "holiday", name: "国庆节" },
      { day: "2025-10-08", kind: "holiday", name: "国庆节" },
      { day: "2025-10-11", kind: "workday", name: "国庆节" },
      { day: "2026-02-14", kind: "workday", name: "春节" },
    ]);
  });

  it("grants manage:calendar:any to system admins only, as the code's table says", async () => {
    const holders = await db
      .select({ role: rolePermissions.role })
      .from(rolePermissions)
      .where(eq(rolePermissions.permission, "manage:calendar:any"));
    expect(holders.map((row) => row.role)).toEqual(["system_admin"]);
    expect(rolePermissionSeed.system_admin).toContain("manage:calendar:any");
    expect(rolePermissionSeed.bureau_admin).not.toContain("manage:calendar:any");
  });
});

describe("deadlines", () => {
  it("count working days of the seeded calendar from the Beijing date of the moment", async () => {
    // 23:00 on Sep 30 in Beijing: the next working day is Oct 9, after the National Day week.
    expect(await workingDayDeadline(db, new Date("2025-09-30T15:00:00Z"), 1)).toBe("2025-10-09");
    // 01:00 on Oct 1 in Beijing already: three working days on is Saturday Oct 11, a make-up day.
    expect(await workingDayDeadline(db, new Date("2025-09-30T17:00:00Z"), 3)).toBe("2025-10-11");
  });

  it("see an edit at once, though the calendar is cached", async () => {
    const before = await loadWorkingDayCalendar(db);
    expect(await loadWorkingDayCalendar(db)).toBe(before); // cached
    expect(await workingDayDeadline(db, new Date("2031-09-30T02:00:00Z"), 1)).toBe("2031-10-01");
    await saveCalendarDay(db, admin, { day: "2031-10-01", kind: "holiday", name: "国庆节" });
    expect(await workingDayDeadline(db, new Date("2031-09-30T02:00:00Z"), 1)).toBe("2031-10-02");
    await removeCalendarDay(db, admin, "2031-10-01");
    expect(await workingDayDeadline(db, new Date("2031-09-30T02:00:00Z"), 1)).toBe("2031-10-01");
  });

  it("reload after the cache's lifetime, so other processes' edits arrive", async () => {
    const loadedAt = new Date("2031-01-01T00:00:00Z");
    const first = await loadWorkingDayCalendar(db, loadedAt);
    await db.insert(calendarDays).values({ day: "2031-10-06", kind: "holiday", name: "国庆节" });
    const soon = await loadWorkingDayCalendar(db, new Date(loadedAt.getTime() + 60_000));
    expect(soon).toBe(first);
    const later = await loadWorkingDayCalendar(db, new Date(loadedAt.getTime() + 10 * 60_000));
    expect(isWorkingDay("2031-10-06", later)).toBe(false);
  });
});

describe("editing the calendar", () => {
  it("adds, changes and removes a day, each with its audit row", async () => {
    expect(await saveCalendarDay(db, admin, { day: "2031-10-06", kind: "holiday", name: "国庆节" })).toEqual({
      ok: true,
      created: true,
      changed: true,
    });
    expect(await saveCalendarDay(db, admin, { day: "2031-10-06", kind: "holiday", name: "国庆节" })).toEqual({
      ok: true,
      created: false,
      changed: false,
    });
    await saveCalendarDay(db, admin, { day: "2031-10-06", kind: "holiday", name: "中秋节" });
    const [row] = await db.select().from(calendarDays).where(eq(calendarDays.day, "2031-10-06"));
    expect(row).toMatchObject({ kind: "holiday", name: "中秋节", updatedBy: admin.id });
    expect(await removeCalendarDay(db, admin, "2031-10-06")).toEqual({ ok: true });
    expect(await removeCalendarDay(db, admin, "2031-10-06")).toEqual({ ok: false, error: "notFound" });
    expect(await calendarAudit()).toEqual([
      { action: "create", entityId: "2031-10-06", details: { kind: "holiday", name: "国庆节" } },
      {
        action: "update",
        entityId: "2031-10-06",
        details: { kind: "holiday", name: "中秋节", before: { kind: "holiday", name: "国庆节" } },
      },
      {
        action: "update",
        entityId: "2031-10-06",
        details: { removed: true, before: { kind: "holiday", name: "中秋节" } },
      },
    ]);
  });

  it("writes neither the day nor its audit row when the audit row cannot be written", async () => {
    const ghost = { id: "00000000-0000-4000-8000-000000000001", ipAddress: "10.0.0.1" }; // no such user
    await expect(
      saveCalendarDay(db, ghost, { day: "2031-10-06", kind: "holiday", name: "国庆节" }),
    ).rejects.toThrow(/Failed query: insert into "audit_log"/);
    expect(await db.select().from(calendarDays).where(eq(calendarDays.day, "2031-10-06"))).toEqual([]);
    expect(await calendarAudit()).toEqual([]);
  });
});

describe("/admin/calendar", () => {
  const get = async (path: string, language: "zh-CN" | "en" = "zh-CN") =>
    routeAnswer(await calendarPage.loader(routeArgs(await signedInRequest(db, admin, path, { language }))));
  const send = async (form: Record<string, string>) =>
    calendarPage.action(routeArgs(await signedInRequest(db, admin, "/admin/calendar", { form })));
  const post = async (form: Record<string, string>) => routeAnswer(await send(form));
  const freshKey = async () => (await get("/admin/calendar?year=2031")).body.submissionKey as string;

  it("lists a year's exceptions in date order, in the reader's language", async () => {
    const page = await get("/admin/calendar?year=2025", "en");
    const days = page.body.days as { day: string; kind: string; dayText: string; weekdayText: string }[];
    expect(days.map((row) => row.day)).toContain("2025-10-11");
    expect(days.find((row) => row.day === "2025-10-11")).toMatchObject({
      kind: "workday",
      dayText: "Oct 11, 2025",
      weekdayText: "Sat",
    });
    expect(days.map((row) => row.day)).toEqual([...days.map((row) => row.day)].sort());
    expect(page.body.title).toBe("Working-day calendar");
  });

  it("shows an empty year as empty, with a fresh key for its day form", async () => {
    const page = await get("/admin/calendar?year=2031");
    expect(page.body).toMatchObject({ year: 2031, days: [], title: "工作日历" });
    expect(page.body.submissionKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(await freshKey()).not.toBe(page.body.submissionKey);
  });

  it("answers bad input field by field, all at once, in both languages, and writes nothing", async () => {
    const submissionKey = await freshKey();
    const weekday = await post({
      intent: "save",
      submissionKey,
      day: "2031-10-06",
      kind: "workday",
      name: "",
    });
    // The weekday rule is not hidden by the missing name: every error at once.
    expect(weekday).toMatchObject({
      status: 400,
      body: {
        form: "day",
        errors: {
          kind: { message: "calendar:errors.workdayOnWeekday" },
          name: { message: "calendar:errors.nameRequired" },
        },
        values: { day: "2031-10-06", kind: "workday", name: "" },
      },
    });
    const blank = await post({
      intent: "save",
      submissionKey,
      day: "2031-02-30",
      kind: "day-off",
      name: " ",
    });
    expect(blank).toMatchObject({
      status: 400,
      body: {
        errors: {
          day: { message: "calendar:errors.dayInvalid" },
          kind: { message: "calendar:errors.kindInvalid" },
          name: { message: "calendar:errors.nameRequired" },
        },
        values: { day: "2031-02-30", kind: "day-off" },
      },
    });
    // A post without the form's key (a scripted one) enters nothing.
    const keyless = await post({ intent: "save", day: "2031-10-04", kind: "workday", name: "国庆节" });
    expect(keyless).toMatchObject({
      status: 400,
      body: { form: "day", formError: "validation:form.invalid" },
    });
    for (const language of ["zh-CN", "en"]) {
      const t = await i18nServer.getFixedT(language, "calendar");
      for (const key of ["dayInvalid", "kindInvalid", "nameRequired", "workdayOnWeekday", "notFound"]) {
        expect(t(`calendar:errors.${key}`), `${language} ${key}`).not.toContain("errors.");
      }
    }
    expect(await db.select().from(calendarDays).where(gte(calendarDays.day, "2031-01-01"))).toEqual([]);
    expect(await calendarAudit()).toEqual([]);
    // The refusals gave their claim back: the corrected form is sent with the same key.
    expect(await db.select().from(formSubmissions)).toEqual([]);
  });

  it("saves a make-up Saturday and removes it again, each answered by a flash", async () => {
    const saved = await send({
      intent: "save",
      submissionKey: await freshKey(),
      day: "2031-10-04",
      kind: "workday",
      name: " 国庆节 ",
    });
    expect(await routeAnswer(saved)).toMatchObject({ status: 302, location: "/admin/calendar?year=2031" });
    expect(flashOf(saved)).toEqual({
      kind: "success",
      message: "calendar:page.saved",
      values: { day: "2031年10月4日" },
    });
    const [row] = await db
      .select({ kind: calendarDays.kind, name: calendarDays.name })
      .from(calendarDays)
      .where(and(eq(calendarDays.day, "2031-10-04")));
    expect(row).toEqual({ kind: "workday", name: "国庆节" });
    const unchanged = await send({
      intent: "save",
      submissionKey: await freshKey(),
      day: "2031-10-04",
      kind: "workday",
      name: "国庆节",
    });
    expect(flashOf(unchanged)).toMatchObject({ message: "calendar:page.unchanged" });
    const removed = await send({ intent: "remove", day: "2031-10-04" });
    expect(await routeAnswer(removed)).toMatchObject({ status: 302, location: "/admin/calendar?year=2031" });
    expect(flashOf(removed)).toMatchObject({ kind: "success", message: "calendar:page.removed" });
    expect(await post({ intent: "remove", day: "2031-10-04" })).toMatchObject({
      status: 404,
      body: { form: "remove", formError: "calendar:errors.notFound" },
    });
  });

  it("enters a day once however often its form is sent, and a late replay undoes no later change", async () => {
    const submissionKey = await freshKey();
    const form = { intent: "save", submissionKey, day: "2031-10-06", kind: "holiday", name: "国庆节" };
    // Three identical posts at once: a double click and a retry of the same rendered form.
    const answers = await Promise.all([send(form), send(form), send(form)]);
    for (const answer of answers) {
      expect(await routeAnswer(answer)).toMatchObject({ status: 302, location: "/admin/calendar?year=2031" });
      expect(flashOf(answer)).toMatchObject({ message: "calendar:page.saved" });
    }
    expect(await db.select().from(calendarDays).where(gte(calendarDays.day, "2031-01-01"))).toHaveLength(1);
    expect(await calendarAudit()).toEqual([
      { action: "create", entityId: "2031-10-06", details: { kind: "holiday", name: "国庆节" } },
    ]);
    // The day is renamed through a new rendering of the form; replaying the first form later
    // answers as it did and leaves the new name.
    await send({ ...form, submissionKey: await freshKey(), name: "国庆节假期" });
    expect(await routeAnswer(await send(form))).toMatchObject({ status: 302 });
    const [row] = await db.select().from(calendarDays).where(eq(calendarDays.day, "2031-10-06"));
    expect(row).toMatchObject({ kind: "holiday", name: "国庆节假期" });
    expect(await calendarAudit()).toHaveLength(2);
    // The replay's deadline reading sees the committed day (the cache was dropped after the commit).
    expect(await workingDayDeadline(db, new Date("2031-10-05T02:00:00Z"), 1)).toBe("2031-10-07");
  });
});
