/**
 * Service hours against a real database: check-in / check-out with the rotating code, the auto
 * check-out rule, self-reports, staff decisions, corrections, the running totals and their invariant,
 * star levels, concurrency, and the CSV export. Activities and sign-ups are inserted directly (the
 * activities domain has its own tests).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { organizations, users } from "#db/schema/accounts";
import { auditLog } from "#db/schema/audit";
import { emailOutbox } from "#db/schema/notifications";
import {
  activities,
  activitySignups,
  hourCorrections,
  hourRecords,
  serviceCertificates,
  starLevelEvents,
  volunteerPeriodTotals,
  volunteerProfiles,
} from "#db/schema/volunteers";
import { createSession } from "~/domains/accounts/sessions.server";
import {
  checkinCodeForStep,
  checkinStep,
  DEFAULT_CHECKIN_STEP_SECONDS,
  currentCheckinCode,
  newCheckinSecret,
} from "~/domains/volunteers/checkin-code";
import { decideCorrection, requestCorrection } from "~/domains/volunteers/hour-corrections.server";
import { approveRecords, rejectRecord } from "~/domains/volunteers/hour-review.server";
import { checkTotals } from "~/domains/volunteers/hour-totals.server";
import { checkPeriodTotals, periodTotalsOf } from "~/domains/volunteers/period-totals.server";
import {
  checkIn,
  checkOut,
  closeOverdueCheckins,
  listCheckinActivities,
  MAX_CODE_ATTEMPTS,
} from "~/domains/volunteers/checkin.server";
import { reportHours } from "~/domains/volunteers/hours.server";
import { selfReportSchema } from "~/domains/volunteers/hours-validation";
import {
  getDistrictStarThresholds,
  setDistrictStarThresholds,
} from "~/domains/volunteers/star-thresholds.server";
import { DEFAULT_STAR_THRESHOLDS } from "~/domains/volunteers/star-levels";
import { connectDatabase, type Database } from "~/utils/db.server";
import { loader as exportLoader } from "~/routes/hours.export[.csv]";
import { loader as certificatePdfLoader } from "~/routes/certificates.$number[.pdf]";
import {
  getOwnCertificate,
  issueCertificate,
  maskName,
  verifyCertificate,
} from "~/domains/volunteers/certificates.server";
import { volunteerDashboard } from "~/domains/volunteers/dashboard.server";
import { cancelActivity } from "~/domains/volunteers/activities.server";
import { withdrawFromActivity } from "~/domains/volunteers/signups.server";
import { failureText, violatedConstraint } from "#tests/fixtures/errors";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
const MINUTE = 60_000;
/** 2026-05-16 09:30–12:00 in Beijing. */
const START = new Date("2026-05-16T01:30:00Z");
const END = new Date("2026-05-16T04:00:00Z");
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MINUTE);

interface Setting {
  bureau: string;
  office: string;
  provider: string;
  staff: { id: string; organizationId: string; districtId: string; ipAddress: string };
  providerMember: string;
}

let setting: Setting;
let counter = 0;

async function insertOrganization(values: typeof organizations.$inferInsert) {
  return (await db.insert(organizations).values(values).returning())[0]!.id;
}

async function insertUser(
  values: Partial<typeof users.$inferInsert> & { role: typeof users.$inferInsert.role },
) {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({
      email: `user${counter}@hours.test`,
      displayName: `用户${counter}`,
      emailVerifiedAt: new Date(),
      ...values,
    })
    .returning();
  return user!.id;
}

async function volunteer(options: { approvedOn?: string } = {}) {
  const id = await insertUser({ role: "volunteer" });
  counter += 1;
  await db.insert(volunteerProfiles).values({
    userId: id,
    volunteerNumber: `V2026${String(counter).padStart(6, "0")}`,
    status: "approved",
    legalName: `志愿者${counter}`,
    idNumberCiphertext: "ciphertext",
    idNumberHash: `hash-${counter}`,
    gender: "female",
    birthDate: "1990-01-01",
    phone: "13800000000",
    homeOfficeId: setting.office,
    districtId: setting.bureau,
    emergencyContactName: "联系人",
    emergencyContactPhone: "13900000000",
    termsVersion: "2026-01",
    termsAcceptedAt: new Date("2026-01-01T00:00:00Z"),
    decidedAt: new Date(`${options.approvedOn ?? "2026-01-02"}T02:00:00Z`),
    decidedBy: setting.staff.id,
  });
  return id;
}

async function activity(options: { startsAt?: Date; endsAt?: Date; organizerId?: string } = {}) {
  const [row] = await db
    .insert(activities)
    .values({
      organizerId: options.organizerId ?? setting.provider,
      officeId: setting.office,
      districtId: setting.bureau,
      createdBy: setting.staff.id,
      title: `社区普法宣传 ${++counter}`,
      description: "进社区",
      category: "community",
      place: "城关司法所",
      startsAt: options.startsAt ?? START,
      endsAt: options.endsAt ?? END,
      capacity: 50,
      checkinSecret: newCheckinSecret(),
    })
    .returning();
  return row!;
}

async function confirm(activityId: string, volunteerId: string) {
  await db.insert(activitySignups).values({ activityId, volunteerId, status: "confirmed" });
  await db
    .update(activities)
    .set({ confirmedCount: sql`${activities.confirmedCount} + 1` })
    .where(eq(activities.id, activityId));
}

function report(input: Record<string, string>) {
  const parsed = selfReportSchema.safeParse(input);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

async function selfReport(
  volunteerId: string,
  minutes: number,
  options: { date?: string; description?: string } = {},
) {
  const result = await reportHours(db, {
    volunteerId,
    report: report({
      serviceDate: options.date ?? "2026-05-20",
      hours: String(Math.floor(minutes / 60)),
      minutes: String(minutes % 60),
      description: options.description ?? "社区走访",
    }),
    now: new Date("2026-06-01T04:00:00Z"),
  });
  if (!result.ok) throw new Error(`report failed: ${result.error}`);
  return result.recordId;
}

const staffScope = () => ({ actor: setting.staff, scope: "office" as const, now: new Date() });

async function record(id: string) {
  return (await db.select().from(hourRecords).where(eq(hourRecords.id, id)))[0]!;
}

async function profile(id: string) {
  return (await db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, id)))[0]!;
}

async function outbox(template: string, userId: string) {
  return db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.template, template), eq(emailOutbox.recipientUserId, userId)))
    .orderBy(asc(emailOutbox.createdAt), sql`(${emailOutbox.data}->>'level')::int nulls first`);
}

beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  const bureau = await insertOrganization({ kind: "bureau", name: "甲区司法局", status: "verified" });
  const office = await insertOrganization({
    kind: "office",
    name: "甲所",
    districtId: bureau,
    status: "verified",
  });
  const provider = await insertOrganization({
    kind: "social_org",
    name: "阳光心理",
    districtId: bureau,
    creditCode: "52110000MJ01234569",
    status: "verified",
  });
  const staffId = await insertUser({ role: "office_staff", organizationId: office });
  const providerMember = await insertUser({ role: "provider_member", organizationId: provider });
  setting = {
    bureau,
    office,
    provider,
    staff: { id: staffId, organizationId: office, districtId: bureau, ipAddress: "10.0.0.1" },
    providerMember,
  };
});

describe("check-in and check-out with the rotating code", () => {
  it("checks a confirmed participant in and out, clipping the minutes to the activity", async () => {
    const event = await activity();
    const volunteerId = await volunteer();
    const outsider = await volunteer();
    await confirm(event.id, volunteerId);
    const secret = event.checkinSecret;
    const checkinAt = at(START, -10);
    const code = currentCheckinCode(secret, checkinAt);

    expect(await checkIn(db, { volunteerId: outsider, activityId: event.id, code, now: checkinAt })).toEqual({
      ok: false,
      field: "activityId",
      error: "validation:checkin.notParticipant",
    });
    const tooEarly = at(START, -31);
    expect(
      await checkIn(db, {
        volunteerId,
        activityId: event.id,
        code: currentCheckinCode(secret, tooEarly),
        now: tooEarly,
      }),
    ).toMatchObject({ ok: false, error: "validation:checkin.notOpen" });
    const wrong = code === "000000" ? "111111" : "000000";
    expect(await checkIn(db, { volunteerId, activityId: event.id, code: wrong, now: checkinAt })).toEqual({
      ok: false,
      field: "checkinCode",
      error: "validation:checkin.codeInvalid",
    });
    // A code two steps old has expired.
    const stale = checkinCodeForStep(secret, checkinStep(checkinAt) - 2);
    if (stale !== code) {
      expect(
        await checkIn(db, { volunteerId, activityId: event.id, code: stale, now: checkinAt }),
      ).toMatchObject({
        ok: false,
        error: "validation:checkin.codeInvalid",
      });
    }

    const checkedIn = await checkIn(db, { volunteerId, activityId: event.id, code, now: checkinAt });
    expect(checkedIn.ok).toBe(true);
    if (!checkedIn.ok) return;
    expect(await record(checkedIn.recordId)).toMatchObject({
      kind: "system",
      status: "open",
      minutes: null,
      serviceDate: "2026-05-16",
      officeId: setting.office,
    });
    expect(await checkIn(db, { volunteerId, activityId: event.id, code, now: checkinAt })).toMatchObject({
      ok: false,
      error: "validation:checkin.alreadyCheckedIn",
    });

    // The code seen at check-in (still valid for typing) cannot close the record.
    expect(
      await checkOut(db, {
        volunteerId,
        activityId: event.id,
        code,
        now: new Date(checkinAt.getTime() + 1000),
      }),
    ).toEqual({ ok: false, field: "checkinCode", error: "validation:checkin.codeReused" });

    const checkoutAt = at(START, 90);
    const out = await checkOut(db, {
      volunteerId,
      activityId: event.id,
      code: currentCheckinCode(secret, checkoutAt),
      now: checkoutAt,
    });
    expect(out).toEqual({ ok: true, recordId: checkedIn.recordId, minutes: 90 });
    expect(await record(checkedIn.recordId)).toMatchObject({
      status: "pending",
      minutes: 90,
      autoCheckedOut: false,
      checkOutAt: checkoutAt,
    });
    expect(
      await checkOut(db, {
        volunteerId,
        activityId: event.id,
        code: currentCheckinCode(secret, checkoutAt),
        now: checkoutAt,
      }),
    ).toMatchObject({ ok: false, error: "validation:checkin.notCheckedIn" });
  });

  it("lists an activity for check-in from the opening of its window, also across midnight (Beijing)", async () => {
    // 00:10–01:00 on 17 May in Beijing; check-in opens at 23:40 on the 16th.
    const startsAt = new Date("2026-05-16T16:10:00Z");
    const event = await activity({ startsAt, endsAt: at(startsAt, 50) });
    const later = await activity({ startsAt: at(startsAt, 60), endsAt: at(startsAt, 90) });
    const volunteerId = await volunteer();
    await confirm(event.id, volunteerId);
    await confirm(later.id, volunteerId);
    const titles = async (now: Date) =>
      (await listCheckinActivities(db, volunteerId, now)).map((row) => row.title);

    // 23:35: not open yet, and tomorrow's — not on today's list.
    expect(await titles(at(startsAt, -35))).toEqual([]);
    // 23:50: open for check-in, so listed (the 01:10 one is not open yet and stays off tonight's list).
    const checkinAt = at(startsAt, -20);
    expect(await titles(checkinAt)).toEqual([event.title]);
    const checkedIn = await checkIn(db, {
      volunteerId,
      activityId: event.id,
      code: currentCheckinCode(event.checkinSecret, checkinAt),
      now: checkinAt,
    });
    expect(checkedIn.ok).toBe(true);
    // After midnight both are today's; the checked-in one shows its open record.
    const checkoutAt = at(startsAt, 1);
    expect(await listCheckinActivities(db, volunteerId, checkoutAt)).toMatchObject([
      { id: event.id, recordStatus: "open" },
      { id: later.id, recordStatus: null },
    ]);
  });

  it("closes check-ins left open after the end plus grace, flagged, and withdraws empty ones", async () => {
    const event = await activity();
    const late = await volunteer();
    const lastMinute = await volunteer();
    await confirm(event.id, late);
    await confirm(event.id, lastMinute);
    const in1 = at(START, 30);
    const first = await checkIn(db, {
      volunteerId: late,
      activityId: event.id,
      code: currentCheckinCode(event.checkinSecret, in1),
      now: in1,
    });
    const in2 = new Date(END.getTime() - 20_000);
    const second = await checkIn(db, {
      volunteerId: lastMinute,
      activityId: event.id,
      code: currentCheckinCode(event.checkinSecret, in2),
      now: in2,
    });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;

    expect(await closeOverdueCheckins(db, at(END, 29))).toEqual({ closed: 0, discarded: 0 });
    expect((await record(first.recordId)).status).toBe("open");
    expect(await closeOverdueCheckins(db, at(END, 31))).toEqual({ closed: 1, discarded: 1 });
    expect(await record(first.recordId)).toMatchObject({
      status: "pending",
      minutes: 120,
      autoCheckedOut: true,
      checkOutAt: END,
    });
    expect(await db.select().from(hourRecords).where(eq(hourRecords.id, second.recordId))).toEqual([]);
    // Nothing left to close; running it again changes nothing.
    expect(await closeOverdueCheckins(db, at(END, 60))).toEqual({ closed: 0, discarded: 0 });
  });
});

describe("self-reported hours", () => {
  it("refuses more minutes than the activity lasted, with the field error", async () => {
    const event = await activity();
    const volunteerId = await volunteer();
    await confirm(event.id, volunteerId);
    const now = new Date("2026-05-17T04:00:00Z");
    const attempt = (hours: string, minutes: string, extra: Record<string, string> = {}) =>
      reportHours(db, {
        volunteerId,
        report: report({ serviceDate: "2026-05-16", hours, minutes, activityId: event.id, ...extra }),
        now,
      });
    expect(await attempt("2", "31")).toEqual({
      ok: false,
      field: "duration",
      error: "validation:hourRecord.longerThanActivity",
    });
    expect(await db.select().from(hourRecords)).toEqual([]);
    const ok = await attempt("2", "30");
    expect(ok.ok).toBe(true);
    if (ok.ok)
      expect(await record(ok.recordId)).toMatchObject({
        kind: "self_reported",
        status: "pending",
        minutes: 150,
        description: event.title,
        officeId: setting.office,
      });
    // The same activity cannot be reported twice.
    expect(await attempt("1", "0")).toMatchObject({
      ok: false,
      error: "validation:hourRecord.alreadyRecorded",
    });
  });

  it("refuses other impossible reports with field errors", async () => {
    const volunteerId = await volunteer({ approvedOn: "2026-03-01" });
    const unrelated = await activity();
    const now = new Date("2026-05-17T04:00:00Z");
    const attempt = (fields: Record<string, string>) =>
      reportHours(db, {
        volunteerId,
        report: report({
          serviceDate: "2026-05-10",
          hours: "1",
          minutes: "0",
          description: "走访",
          ...fields,
        }),
        now,
      });
    expect(await attempt({ serviceDate: "2026-05-18" })).toMatchObject({
      field: "serviceDate",
      error: "validation:hourRecord.dateInFuture",
    });
    expect(await attempt({ serviceDate: "2026-02-28" })).toMatchObject({
      field: "serviceDate",
      error: "validation:hourRecord.dateBeforeApproval",
    });
    expect(await attempt({ serviceDate: "2026-02-30" })).toMatchObject({
      error: "validation:hourRecord.dateInvalid",
    });
    expect(await attempt({ activityId: unrelated.id })).toMatchObject({
      field: "activityId",
      error: "validation:hourRecord.activityInvalid",
    });
    const tooLong = selfReportSchema.safeParse({
      serviceDate: "2026-05-10",
      hours: "24",
      minutes: "1",
      description: "x",
    });
    expect(tooLong.success ? null : tooLong.error.issues.map((issue) => issue.message)).toEqual([
      "validation:hourRecord.durationTooLong",
    ]);
    const noDescription = selfReportSchema.safeParse({ serviceDate: "2026-05-10", hours: "1", minutes: "" });
    expect(noDescription.success ? null : noDescription.error.issues[0]?.path).toEqual(["description"]);
    expect(await db.select().from(hourRecords)).toEqual([]);
  });
});

describe("approved records are locked", () => {
  it("no exported function changes an approved record except an approved correction", async () => {
    const event = await activity();
    const volunteerId = await volunteer();
    await confirm(event.id, volunteerId);
    const now = at(START, -5);
    const checked = await checkIn(db, {
      volunteerId,
      activityId: event.id,
      code: currentCheckinCode(event.checkinSecret, now),
      now,
    });
    if (!checked.ok) throw new Error(checked.error);
    const outAt = at(START, 60);
    await checkOut(db, {
      volunteerId,
      activityId: event.id,
      code: currentCheckinCode(event.checkinSecret, outAt),
      now: outAt,
    });
    expect(await approveRecords(db, { ...staffScope(), recordIds: [checked.recordId] })).toEqual({
      ok: true,
      approved: 1,
      skipped: 0,
    });
    const approved = await record(checked.recordId);
    expect(approved).toMatchObject({ status: "approved", minutes: 60 });
    const unchanged = async () => expect(await record(checked.recordId)).toEqual(approved);

    // Every path that writes hour records, tried on the approved one.
    const later = at(START, 120);
    expect(
      await checkOut(db, {
        volunteerId,
        activityId: event.id,
        code: currentCheckinCode(event.checkinSecret, later),
        now: later,
      }),
    ).toMatchObject({ ok: false, error: "validation:checkin.notCheckedIn" });
    expect(
      await checkIn(db, {
        volunteerId,
        activityId: event.id,
        code: currentCheckinCode(event.checkinSecret, later),
        now: later,
      }),
    ).toMatchObject({ ok: false, error: "validation:checkin.alreadyCheckedIn" });
    expect(await closeOverdueCheckins(db, at(END, 120))).toEqual({ closed: 0, discarded: 0 });
    expect(
      await reportHours(db, {
        volunteerId,
        report: report({ serviceDate: "2026-05-16", hours: "2", minutes: "0", activityId: event.id }),
        now: new Date("2026-05-20T00:00:00Z"),
      }),
    ).toMatchObject({ ok: false, error: "validation:hourRecord.alreadyRecorded" });
    expect(await rejectRecord(db, { ...staffScope(), recordId: checked.recordId, reason: "再审" })).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(await approveRecords(db, { ...staffScope(), recordIds: [checked.recordId] })).toEqual({
      ok: true,
      approved: 0,
      skipped: 1,
    });
    await unchanged();
    expect((await profile(volunteerId)).approvedMinutes).toBe(60);

    // A correction request alone changes nothing; a rejected one neither.
    const requested = await requestCorrection(db, {
      requesterId: volunteerId,
      recordId: checked.recordId,
      request: { proposedMinutes: 90, proposedDescription: approved.description, reason: "签退晚了" },
      ipAddress: "10.0.0.2",
    });
    if (!requested.ok) throw new Error(requested.error);
    expect(
      await requestCorrection(db, {
        requesterId: volunteerId,
        recordId: checked.recordId,
        request: { proposedMinutes: 80, proposedDescription: approved.description, reason: "再次" },
        ipAddress: "10.0.0.2",
      }),
    ).toMatchObject({ ok: false, error: "validation:hourCorrection.alreadyPending" });
    expect(
      await requestCorrection(db, {
        requesterId: volunteerId,
        recordId: checked.recordId,
        request: { proposedMinutes: 151, proposedDescription: "x", reason: "太长" },
        ipAddress: "10.0.0.2",
      }),
    ).toMatchObject({ ok: false, error: "validation:hourRecord.longerThanActivity" });
    await unchanged();
    expect(
      await decideCorrection(db, {
        ...staffScope(),
        correctionId: requested.correctionId,
        decision: "reject",
        reason: "签到记录为准",
      }),
    ).toEqual({ ok: true });
    await unchanged();

    const second = await requestCorrection(db, {
      requesterId: setting.providerMember,
      recordId: checked.recordId,
      request: { proposedMinutes: 90, proposedDescription: "普法宣传与答疑", reason: "组织方核对签到表" },
      ipAddress: "10.0.0.3",
    });
    if (!second.ok) throw new Error(second.error);
    expect(
      await decideCorrection(db, {
        ...staffScope(),
        correctionId: second.correctionId,
        decision: "approve",
        reason: null,
      }),
    ).toEqual({ ok: true });
    expect(await record(checked.recordId)).toMatchObject({
      status: "approved",
      minutes: 90,
      description: "普法宣传与答疑",
    });
    const [kept] = await db.select().from(hourCorrections).where(eq(hourCorrections.id, second.correctionId));
    expect(kept).toMatchObject({
      status: "approved",
      originalMinutes: 60,
      originalDescription: approved.description,
    });
    expect((await profile(volunteerId)).approvedMinutes).toBe(90);
    // Deciding again is refused.
    expect(
      await decideCorrection(db, {
        ...staffScope(),
        correctionId: second.correctionId,
        decision: "approve",
        reason: null,
      }),
    ).toEqual({ ok: false, reason: "stale" });
    // Both requester and volunteer were told; the audit log has the change.
    expect(await outbox("hour-correction-decided", setting.providerMember)).toHaveLength(1);
    expect(await outbox("hour-correction-decided", volunteerId)).toHaveLength(2);
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityId, checked.recordId));
    expect(audits.map((row) => row.action).sort()).toEqual(["approve", "update"]);
    expect(await checkTotals(db)).toEqual([]);
  });

  it("answers notFound for records outside the staff member's office", async () => {
    const volunteerId = await volunteer();
    const recordId = await selfReport(volunteerId, 30);
    const otherOffice = await insertOrganization({
      kind: "office",
      name: "乙所",
      districtId: setting.bureau,
      status: "verified",
    });
    const otherStaff = { ...setting.staff, organizationId: otherOffice };
    expect(
      await approveRecords(db, {
        actor: otherStaff,
        scope: "office",
        recordIds: [recordId],
        now: new Date(),
      }),
    ).toEqual({ ok: false, reason: "notFound" });
    expect(
      await rejectRecord(db, { actor: otherStaff, scope: "office", recordId, reason: "x", now: new Date() }),
    ).toEqual({ ok: false, reason: "notFound" });
    expect((await record(recordId)).status).toBe("pending");
  });
});

describe("star levels", () => {
  it("are reached in order with one event and one email each, lowered by a correction without email", async () => {
    await setDistrictStarThresholds(db, {
      actor: { id: setting.staff.id, ipAddress: "10.0.0.1" },
      districtId: setting.bureau,
      thresholds: [60, 120, 180],
    });
    const volunteerId = await volunteer();
    const big = await selfReport(volunteerId, 200);
    const small = await selfReport(volunteerId, 30, { date: "2026-05-21" });
    expect(await approveRecords(db, { ...staffScope(), recordIds: [big] })).toMatchObject({ approved: 1 });
    expect(await profile(volunteerId)).toMatchObject({
      approvedMinutes: 200,
      approvedRecords: 1,
      starLevel: 3,
    });
    const events = await db
      .select()
      .from(starLevelEvents)
      .where(eq(starLevelEvents.volunteerId, volunteerId))
      .orderBy(asc(starLevelEvents.createdAt), asc(starLevelEvents.level));
    expect(events.map((event) => [event.level, event.change])).toEqual([
      [1, "reached"],
      [2, "reached"],
      [3, "reached"],
    ]);
    const mails = await outbox("star-level-reached", volunteerId);
    expect(mails.map((mail) => (mail.data as { level: number }).level)).toEqual([1, 2, 3]);
    const decided = await outbox("hour-record-decided", volunteerId);
    expect(decided).toHaveLength(1);
    expect(decided[0]!.data).toMatchObject({ decision: "approved", totalMinutes: 200 });

    // A correction down to 100 minutes loses levels 3 and 2: recorded as lowered, not emailed.
    const correction = await requestCorrection(db, {
      requesterId: volunteerId,
      recordId: big,
      request: { proposedMinutes: 100, proposedDescription: "社区走访", reason: "填错了" },
      ipAddress: "10.0.0.2",
    });
    if (!correction.ok) throw new Error(correction.error);
    await decideCorrection(db, {
      ...staffScope(),
      correctionId: correction.correctionId,
      decision: "approve",
      reason: null,
    });
    expect(await profile(volunteerId)).toMatchObject({ approvedMinutes: 100, starLevel: 1 });
    const lowered = await db
      .select()
      .from(starLevelEvents)
      .where(and(eq(starLevelEvents.volunteerId, volunteerId), eq(starLevelEvents.change, "lowered")))
      .orderBy(asc(starLevelEvents.level));
    expect(lowered.map((event) => event.level)).toEqual([2, 3]);
    expect(await outbox("star-level-reached", volunteerId)).toHaveLength(3);

    // Approving 30 more minutes reaches level 2 again: announced again.
    await approveRecords(db, { ...staffScope(), recordIds: [small] });
    expect(await profile(volunteerId)).toMatchObject({ approvedMinutes: 130, starLevel: 2 });
    const again = await outbox("star-level-reached", volunteerId);
    expect(again.map((mail) => (mail.data as { level: number }).level)).toEqual([1, 2, 3, 2]);

    // New thresholds change the displayed level at once, without events or emails.
    const eventsBefore = (await db.select().from(starLevelEvents)).length;
    await setDistrictStarThresholds(db, {
      actor: { id: setting.staff.id, ipAddress: "10.0.0.1" },
      districtId: setting.bureau,
      thresholds: [30, 60, 90, 120, 600],
    });
    expect((await profile(volunteerId)).starLevel).toBe(4);
    expect((await db.select().from(starLevelEvents)).length).toBe(eventsBefore);
    expect(await outbox("star-level-reached", volunteerId)).toHaveLength(4);
    expect(await checkTotals(db)).toEqual([]);
  });

  it("saving the default thresholds (or restoring them) makes the district follow the default again", async () => {
    const actor = { id: setting.staff.id, ipAddress: "10.0.0.1" };
    await setDistrictStarThresholds(db, { actor, districtId: setting.bureau, thresholds: [60, 120] });
    expect((await getDistrictStarThresholds(db, setting.bureau)).custom).toBe(true);
    await setDistrictStarThresholds(db, {
      actor,
      districtId: setting.bureau,
      thresholds: [...DEFAULT_STAR_THRESHOLDS],
    });
    const current = await getDistrictStarThresholds(db, setting.bureau);
    expect(current.custom).toBe(false);
    expect(current.thresholds).toEqual(DEFAULT_STAR_THRESHOLDS);
  });
});

/** mulberry32: a small seeded PRNG, so a failing sequence can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the totals invariant", () => {
  it("holds after a random sequence of create / approve / reject / correct operations", async () => {
    const seed = 20260516;
    const random = prng(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    await setDistrictStarThresholds(db, {
      actor: { id: setting.staff.id, ipAddress: "10.0.0.1" },
      districtId: setting.bureau,
      thresholds: [300, 900, 1800, 3000],
    });
    // Approved in 2025, so records fall in two years, both half-years and several months (the
    // period summary rows are checked with the totals).
    const volunteers = await Promise.all([1, 2, 3].map(() => volunteer({ approvedOn: "2025-06-01" })));
    const events = [await activity(), await activity(), await activity()];
    for (const event of events) for (const id of volunteers) await confirm(event.id, id);
    const model = new Map<
      string,
      { volunteerId: string; minutes: number; status: string; activityId: string | null; date: string }
    >();
    const months = ["2025-07", "2025-12", "2026-01", "2026-03", "2026-05"];
    const counts = { create: 0, approve: 0, reject: 0, request: 0, decide: 0 };

    for (let step = 0; step < 200; step++) {
      const all = [...model.entries()];
      const pending = all.filter(([, row]) => row.status === "pending").map(([id]) => id);
      const approved = all.filter(([, row]) => row.status === "approved").map(([id]) => id);
      const roll = random();
      if (roll < 0.3 || pending.length === 0) {
        const volunteerId = pick(volunteers);
        const minutes = 1 + Math.floor(random() * 600);
        // Now and then on an activity (at most once per volunteer and activity).
        const event = pick(events);
        const useActivity =
          random() < 0.3 &&
          minutes <= 150 &&
          ![...model.values()].some(
            (row) =>
              row.volunteerId === volunteerId && row.activityId === event.id && row.status !== "rejected",
          );
        const serviceDate = useActivity
          ? "2026-05-16"
          : `${pick(months)}-${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
        const result = await reportHours(db, {
          volunteerId,
          report: report({
            serviceDate,
            hours: String(Math.floor(minutes / 60)),
            minutes: String(minutes % 60),
            description: `步骤 ${step}`,
            ...(useActivity ? { activityId: event.id } : {}),
          }),
          now: new Date("2026-06-01T04:00:00Z"),
        });
        // A busy random day may fill up: refusing it is the rule, not a failure.
        if (!result.ok && result.error === "validation:hourRecord.dayFull") continue;
        if (!result.ok) throw new Error(`step ${step}: ${result.error}`);
        model.set(result.recordId, {
          volunteerId,
          minutes,
          status: "pending",
          activityId: useActivity ? event.id : null,
          date: serviceDate,
        });
        counts.create += 1;
      } else if (roll < 0.55) {
        const chosen = pending.filter(() => random() < 0.5);
        if (chosen.length === 0) chosen.push(pick(pending));
        const result = await approveRecords(db, { ...staffScope(), recordIds: chosen });
        expect(result).toEqual({ ok: true, approved: chosen.length, skipped: 0 });
        for (const id of chosen) model.get(id)!.status = "approved";
        counts.approve += 1;
      } else if (roll < 0.7) {
        const id = pick(pending);
        expect(
          await rejectRecord(db, { ...staffScope(), recordId: id, reason: `原因 ${step}` }),
        ).toMatchObject({ ok: true });
        model.get(id)!.status = "rejected";
        counts.reject += 1;
      } else if (approved.length > 0) {
        const id = pick(approved);
        const row = model.get(id)!;
        const open = await db
          .select()
          .from(hourCorrections)
          .where(and(eq(hourCorrections.hourRecordId, id), eq(hourCorrections.status, "pending")));
        if (open.length === 0) {
          const max = row.activityId ? 150 : 1440;
          let proposed = 1 + Math.floor(random() * max);
          if (proposed === row.minutes) proposed = proposed === 1 ? 2 : proposed - 1;
          const result = await requestCorrection(db, {
            requesterId: row.volunteerId,
            recordId: id,
            request: { proposedMinutes: proposed, proposedDescription: `更正 ${step}`, reason: "核对" },
            ipAddress: "10.0.0.2",
          });
          if (!result.ok) throw new Error(`step ${step}: ${result.error}`);
          counts.request += 1;
        } else {
          const decision = random() < 0.6 ? "approve" : "reject";
          await decideCorrection(db, {
            ...staffScope(),
            correctionId: open[0]!.id,
            decision,
            reason: decision === "reject" ? "不符" : null,
          });
          if (decision === "approve") row.minutes = open[0]!.proposedMinutes;
          counts.decide += 1;
        }
      }
      if (step % 20 === 19) {
        expect(await checkTotals(db), `after step ${step} (seed ${seed})`).toEqual([]);
        expect(await checkPeriodTotals(db), `periods after step ${step} (seed ${seed})`).toEqual([]);
      }
    }
    expect(await checkTotals(db)).toEqual([]);
    expect(await checkPeriodTotals(db)).toEqual([]);
    // Every kind of operation happened, so the invariant was tested on each.
    for (const [operation, times] of Object.entries(counts)) expect(times, operation).toBeGreaterThan(3);
    // The stored totals also equal the test's own model.
    for (const volunteerId of volunteers) {
      const mine = [...model.values()].filter(
        (row) => row.volunteerId === volunteerId && row.status === "approved",
      );
      const stored = await profile(volunteerId);
      expect(stored.approvedMinutes).toBe(mine.reduce((sum, row) => sum + row.minutes, 0));
      expect(stored.approvedRecords).toBe(mine.length);
      expect(stored.activitiesServed).toBe(
        new Set(mine.filter((row) => row.activityId).map((row) => row.activityId)).size,
      );
      // The period rows equal the model too: each year, half-year and month of its records.
      const keys = ["2025", "2025-H2", "2026", "2026-H1", ...months];
      const periods = await periodTotalsOf(db, volunteerId, keys);
      for (const key of keys) {
        const within = [...model.values()].filter(
          (row) =>
            row.volunteerId === volunteerId &&
            row.date.startsWith(key.slice(0, 4)) &&
            (key.length === 4 ||
              (key.endsWith("H1")
                ? row.date.slice(5, 7) <= "06"
                : key.endsWith("H2")
                  ? row.date.slice(5, 7) >= "07"
                  : row.date.startsWith(key))),
        );
        const approvedWithin = within.filter((row) => row.status === "approved");
        expect(periods.get(key), `${volunteerId} ${key}`).toEqual({
          approvedMinutes: approvedWithin.reduce((sum, row) => sum + row.minutes, 0),
          approvedRecords: approvedWithin.length,
          pendingRecords: within.filter((row) => row.status === "pending").length,
          activities: new Set(approvedWithin.filter((row) => row.activityId).map((row) => row.activityId))
            .size,
        });
      }
      // The star events replay to the stored level, one level at a time, never skipped.
      const history = await db
        .select()
        .from(starLevelEvents)
        .where(eq(starLevelEvents.volunteerId, volunteerId))
        .orderBy(asc(starLevelEvents.createdAt));
      let level = 0;
      const grouped = new Map<number, typeof history>();
      for (const event of history) {
        const key = event.createdAt.getTime();
        grouped.set(key, [...(grouped.get(key) ?? []), event]);
      }
      for (const group of grouped.values()) {
        const ordered =
          group[0]!.change === "reached"
            ? group.sort((a, b) => a.level - b.level)
            : group.sort((a, b) => b.level - a.level);
        for (const event of ordered) {
          if (event.change === "reached") expect(event.level).toBe(level + 1);
          else expect(event.level).toBe(level);
          level = event.change === "reached" ? event.level : event.level - 1;
        }
      }
      expect(level).toBe(stored.starLevel);
    }

    // And the check finds a drift when there is one.
    await db
      .update(volunteerProfiles)
      .set({ approvedMinutes: sql`${volunteerProfiles.approvedMinutes} + 1` })
      .where(eq(volunteerProfiles.userId, volunteers[0]!));
    expect((await checkTotals(db)).map((mismatch) => mismatch.volunteerId)).toEqual([volunteers[0]]);
    await db
      .update(volunteerPeriodTotals)
      .set({ pendingRecords: sql`${volunteerPeriodTotals.pendingRecords} + 1` })
      .where(
        and(eq(volunteerPeriodTotals.volunteerId, volunteers[1]!), eq(volunteerPeriodTotals.period, "2026")),
      );
    expect(await checkPeriodTotals(db)).toMatchObject([{ volunteerId: volunteers[1], period: "2026" }]);
  });
});

const serverUrl = inject("testServerUrl");
describe("concurrency", () => {
  it.skipIf(!serverUrl)(
    "concurrent approvals of one volunteer's records on separate pools add up (needs TEST_DATABASE_URL or DATABASE_URL: PGlite has one connection)",
    async () => {
      const volunteerId = await volunteer();
      const events = [await activity(), await activity(), await activity(), await activity()];
      const ids: string[] = [];
      for (const event of events) {
        await confirm(event.id, volunteerId);
        const result = await reportHours(db, {
          volunteerId,
          report: report({ serviceDate: "2026-05-16", hours: "1", minutes: "0", activityId: event.id }),
          now: new Date("2026-05-20T00:00:00Z"),
        });
        if (!result.ok) throw new Error(result.error);
        ids.push(result.recordId);
      }
      for (let i = 0; i < 12; i++) ids.push(await selfReport(volunteerId, 10 + i));
      const pools = await Promise.all(
        Array.from({ length: 4 }, () =>
          connectDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 4 }),
        ),
      );
      try {
        const results = await Promise.all(
          ids.map((id, index) =>
            approveRecords(pools[index % pools.length]!.db, { ...staffScope(), recordIds: [id] }),
          ),
        );
        expect(results.every((result) => result.ok && result.approved === 1)).toBe(true);
      } finally {
        await Promise.all(pools.map((pool) => pool.close()));
      }
      const expectedMinutes =
        4 * 60 + Array.from({ length: 12 }, (_, i) => 10 + i).reduce((a, b) => a + b, 0);
      expect(await profile(volunteerId)).toMatchObject({
        approvedMinutes: expectedMinutes,
        approvedRecords: 16,
        activitiesServed: 4,
        lastServiceOn: "2026-05-20",
      });
      expect(await checkTotals(db)).toEqual([]);
      // The summary rows, recomputed by the trigger of each concurrent approval, add up as well.
      expect(await checkPeriodTotals(db)).toEqual([]);
      expect((await periodTotalsOf(db, volunteerId, ["2026-05"])).get("2026-05")).toEqual({
        approvedMinutes: expectedMinutes,
        approvedRecords: 16,
        pendingRecords: 0,
        activities: 4,
      });
    },
  );
});

describe("CSV export", () => {
  it("is UTF-8 with a BOM, quoted, and safe from formula injection; the export is audited", async () => {
    const volunteerId = await volunteer();
    await selfReport(volunteerId, 90, { description: '=HYPERLINK("http://evil.example","点我")' });
    await selfReport(volunteerId, 30, { date: "2026-05-21", description: "+1, -2 @home" });
    await selfReport(volunteerId, 45, { date: "2026-05-22", description: "普通服务，含逗号" });
    const session = await createSession(db, {
      userId: volunteerId,
      role: "volunteer",
      twoFactorVerified: true,
    });
    const response = (await exportLoader({
      request: new Request("http://portal.test/hours/export.csv?year=2026", {
        headers: { Cookie: `session=${session.token}`, "Accept-Language": "zh-CN" },
      }),
      params: {},
      context: {},
    } as Parameters<typeof exportLoader>[0])) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("服务日期,服务活动,记录方式,时长（分钟）,时长（小时）,状态,审核时间");
    expect(lines[1]).toBe(
      `2026-05-20,"'=HYPERLINK(""http://evil.example"",""点我"")",自行填报,90,1.5,待审核,`,
    );
    expect(lines[2]).toBe(`2026-05-21,"'+1, -2 @home",自行填报,30,0.5,待审核,`);
    expect(lines[3]).toBe("2026-05-22,普通服务，含逗号,自行填报,45,0.8,待审核,");
    expect(lines[4]).toBe("");
    const audits = await db.select().from(auditLog).where(eq(auditLog.action, "export"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entityType: "hour-records", entityId: volunteerId });
  });
});

describe("proof-of-service certificates and the volunteer dashboard", () => {
  const afterMay = new Date("2026-06-01T04:00:00Z");

  async function approvedMayHours(volunteerId: string) {
    const first = await selfReport(volunteerId, 90, { date: "2026-05-20", description: "法律咨询陪同" });
    const second = await selfReport(volunteerId, 60, { date: "2026-05-21", description: "社区走访" });
    const approved = await approveRecords(db, { ...staffScope(), recordIds: [first, second] });
    expect(approved.ok).toBe(true);
    // One more, still waiting: never on a certificate.
    await selfReport(volunteerId, 30, { date: "2026-05-22" });
  }

  it("certifies only approved hours of the period, freezes the content and audits the issue", async () => {
    const volunteerId = await volunteer();
    await approvedMayHours(volunteerId);
    const issued = await issueCertificate(
      db,
      { volunteerId, periodFrom: "2026-05-01", periodTo: "2026-05-31", ipAddress: "10.0.0.9" },
      afterMay,
    );
    if (!issued.ok) throw new Error(issued.error);
    const { certificate } = issued;
    expect(certificate.number).toMatch(/^ZM-2026-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(certificate.totalMinutes).toBe(150);
    expect(certificate.content.activities.map((row) => [row.date, row.minutes])).toEqual([
      ["2026-05-20", 90],
      ["2026-05-21", 60],
    ]);
    expect(certificate.content.issuer).toBe("甲所");
    const audits = await db.select().from(auditLog).where(eq(auditLog.entityType, "service_certificate"));
    expect(audits).toMatchObject([{ action: "export", actorId: volunteerId, entityId: certificate.id }]);

    // Another volunteer cannot fetch it; its owner can.
    const other = await volunteer();
    expect(await getOwnCertificate(db, other, certificate.number)).toBeNull();
    expect((await getOwnCertificate(db, volunteerId, certificate.number))?.totalMinutes).toBe(150);
  });

  it("refuses a future, inverted or empty period, and a volunteer who is not approved", async () => {
    const volunteerId = await volunteer();
    await approvedMayHours(volunteerId);
    const issue = (periodFrom: string, periodTo: string, who = volunteerId) =>
      issueCertificate(db, { volunteerId: who, periodFrom, periodTo }, afterMay);
    expect(await issue("2026-05-01", "2026-06-02")).toEqual({
      ok: false,
      field: "periodTo",
      error: "validation:certificatePeriod.future",
    });
    expect(await issue("2026-05-31", "2026-05-01")).toMatchObject({ ok: false, field: "periodTo" });
    expect(await issue("2026-04-01", "2026-04-30")).toEqual({
      ok: false,
      field: "periodFrom",
      error: "validation:certificatePeriod.noHours",
    });
    const pending = await volunteer();
    await db
      .update(volunteerProfiles)
      .set({ status: "pending", volunteerNumber: null, decidedAt: null, decidedBy: null })
      .where(eq(volunteerProfiles.userId, pending));
    expect(await issue("2026-05-01", "2026-05-31", pending)).toMatchObject({
      ok: false,
      error: "validation:certificatePeriod.notApproved",
    });
    expect(await db.select().from(serviceCertificates)).toEqual([]);
  });

  it("verifies by number with a masked name only, and downloads as a PDF for its owner", async () => {
    const volunteerId = await volunteer();
    await approvedMayHours(volunteerId);
    const issued = await issueCertificate(
      db,
      { volunteerId, periodFrom: "2026-05-01", periodTo: "2026-05-31" },
      afterMay,
    );
    if (!issued.ok) throw new Error(issued.error);
    const { number, content } = issued.certificate;
    const verified = await verifyCertificate(db, number);
    expect(verified).toMatchObject({
      number,
      totalMinutes: 150,
      maskedName: maskName(content.volunteerName),
    });
    expect(JSON.stringify(verified)).not.toContain(content.volunteerName);
    expect(JSON.stringify(verified)).not.toContain("法律咨询陪同");
    expect(await verifyCertificate(db, "ZM-2026-2222-2222")).toBeNull();
    expect(await verifyCertificate(db, "not a number")).toBeNull();

    const download = async (userId: string, lang: string) => {
      const session = await createSession(db, { userId, role: "volunteer", twoFactorVerified: true });
      return certificatePdfLoader({
        request: new Request(`http://portal.test/certificates/${number}.pdf?lang=${lang}`, {
          headers: { Cookie: `session=${session.token}` },
        }),
        params: { number },
        context: {},
      } as unknown as Parameters<typeof certificatePdfLoader>[0]).catch(
        (thrown: unknown) => thrown as Response,
      );
    };
    for (const lang of ["zh-CN", "en"]) {
      const response = await download(volunteerId, lang);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="${number}-${lang}.pdf"`,
      );
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
    expect((await download(await volunteer(), "zh-CN")).status).toBe(404);
  });

  it("shows month, year and all-time hours, star progress and pending records on the dashboard", async () => {
    const volunteerId = await volunteer();
    await approvedMayHours(volunteerId);
    const dashboard = await volunteerDashboard(db, volunteerId, new Date("2026-05-25T04:00:00Z"));
    expect(dashboard).toMatchObject({
      totalMinutes: 150,
      monthMinutes: 150,
      yearMinutes: 150,
      starLevel: 0,
      pendingRecords: 1,
      progress: { nextLevel: 1, minutesToNext: 100 * 60 - 150 },
    });
    // The 12-month chart: last June to this May, this month's approved minutes in the last bar.
    expect(dashboard!.byMonth.map((bar) => bar.month)).toEqual([
      ...["06", "07", "08", "09", "10", "11", "12"].map((month) => `2025-${month}`),
      ...["01", "02", "03", "04", "05"].map((month) => `2026-${month}`),
    ]);
    expect(dashboard!.byMonth.at(-1)).toEqual({ month: "2026-05", minutes: 150 });
    expect(dashboard!.byMonth.slice(0, -1).every((bar) => bar.minutes === 0)).toBe(true);
    // Approved service of last December is in the chart, not in this year's hours.
    await db.insert(hourRecords).values({
      volunteerId,
      officeId: setting.office,
      districtId: setting.bureau,
      kind: "self_reported",
      serviceDate: "2025-12-20",
      description: "去年的服务",
      minutes: 45,
      status: "approved",
    });
    const withDecember = await volunteerDashboard(db, volunteerId, new Date("2026-05-25T04:00:00Z"));
    expect(withDecember).toMatchObject({ monthMinutes: 150, yearMinutes: 150, pendingRecords: 1 });
    expect(withDecember!.byMonth.find((bar) => bar.month === "2025-12")?.minutes).toBe(45);
    const nextMonth = await volunteerDashboard(db, volunteerId, new Date("2026-06-25T04:00:00Z"));
    expect(nextMonth).toMatchObject({ monthMinutes: 0, yearMinutes: 150, totalMinutes: 150 });
    const pending = await volunteer();
    await db
      .update(volunteerProfiles)
      .set({ status: "pending", volunteerNumber: null, decidedAt: null, decidedBy: null })
      .where(eq(volunteerProfiles.userId, pending));
    expect(await volunteerDashboard(db, pending)).toBeNull();
  });
});

describe("the dashboard's upcoming activities", () => {
  it("leave out activities under way and ones the volunteer already checked out of", async () => {
    const volunteerId = await volunteer();
    const now = at(START, 20);
    const running = await activity();
    const servedEarly = await activity({ startsAt: at(START, 30), endsAt: at(START, 40) });
    const ahead = await activity({ startsAt: at(START, 60), endsAt: at(START, 120) });
    const checkedInOnly = await activity({ startsAt: at(START, 25), endsAt: at(START, 90) });
    for (const event of [running, servedEarly, ahead, checkedInOnly]) await confirm(event.id, volunteerId);
    // A closed record of an activity still ahead (written directly: the domain refuses a check-out
    // before the start) means it is served and no longer upcoming.
    await db.insert(hourRecords).values({
      volunteerId,
      activityId: servedEarly.id,
      officeId: setting.office,
      districtId: setting.bureau,
      kind: "system",
      serviceDate: "2026-05-16",
      description: servedEarly.title,
      checkInAt: at(START, 0),
      checkOutAt: at(START, 15),
      minutes: 10,
      status: "pending",
    });
    // Checked in only: still to come, so still listed.
    await db.insert(hourRecords).values({
      volunteerId,
      activityId: checkedInOnly.id,
      officeId: setting.office,
      districtId: setting.bureau,
      kind: "system",
      serviceDate: "2026-05-16",
      description: checkedInOnly.title,
      checkInAt: at(START, 10),
      status: "open",
    });
    const dashboard = await volunteerDashboard(db, volunteerId, now);
    expect(dashboard?.upcoming.map((row) => row.activityId)).toEqual([checkedInOnly.id, ahead.id]);
  });
});

describe("one activity counts once, and decided records stay locked in the database", () => {
  it("refuses a check-in after a self-report of the same activity, and the database refuses a second live record", async () => {
    const event = await activity();
    const volunteerId = await volunteer();
    await confirm(event.id, volunteerId);
    const during = at(START, 40);
    const reported = await reportHours(db, {
      volunteerId,
      report: report({ serviceDate: "2026-05-16", hours: "1", minutes: "0", activityId: event.id }),
      now: during,
    });
    expect(reported.ok).toBe(true);
    const code = currentCheckinCode(event.checkinSecret, during);
    expect(await checkIn(db, { volunteerId, activityId: event.id, code, now: during })).toEqual({
      ok: false,
      field: "activityId",
      error: "validation:hourRecord.alreadyRecorded",
    });
    expect(
      await violatedConstraint(
        db.insert(hourRecords).values({
          volunteerId,
          activityId: event.id,
          officeId: setting.office,
          districtId: setting.bureau,
          kind: "system",
          serviceDate: "2026-05-16",
          description: event.title,
          checkInAt: during,
          status: "open",
        }),
      ),
    ).toBe("hour_records_one_live_per_activity");
    expect(await db.select().from(hourRecords)).toHaveLength(1);
  });

  it("withdraws early check-ins when the activity is cancelled or the volunteer withdraws", async () => {
    const first = await activity();
    const second = await activity();
    const [stays, leaves] = [await volunteer(), await volunteer()];
    await confirm(first.id, stays);
    await confirm(second.id, leaves);
    const early = at(START, -10);
    for (const [event, volunteerId] of [
      [first, stays],
      [second, leaves],
    ] as const) {
      const code = currentCheckinCode(event.checkinSecret, early);
      expect((await checkIn(db, { volunteerId, activityId: event.id, code, now: early })).ok).toBe(true);
    }
    expect(await db.select().from(hourRecords)).toHaveLength(2);
    const cancelled = await cancelActivity(db, {
      id: first.id,
      actor: setting.staff,
      scope: "office",
      reason: "天气原因",
      now: at(START, -5),
    });
    expect(cancelled.ok).toBe(true);
    const withdrawn = await withdrawFromActivity(db, {
      activityId: second.id,
      volunteerId: leaves,
      now: at(START, -5),
    });
    expect(withdrawn.ok).toBe(true);
    expect(await db.select().from(hourRecords)).toEqual([]);
  });

  it("lets the code shown after a rotation check out a volunteer who checked in with the one before", async () => {
    const event = await activity();
    const volunteerId = await volunteer();
    await confirm(event.id, volunteerId);
    // One second into a code step: the previous step's code is still accepted for check-in.
    const step = checkinStep(at(START, 5));
    const justRotated = new Date((step * DEFAULT_CHECKIN_STEP_SECONDS + 1) * 1000);
    const previous = checkinCodeForStep(event.checkinSecret, step - 1);
    const checkedIn = await checkIn(db, {
      volunteerId,
      activityId: event.id,
      code: previous,
      now: justRotated,
    });
    if (!checkedIn.ok) throw new Error(checkedIn.error);
    expect(await record(checkedIn.recordId)).toMatchObject({ checkinCodeStep: step - 1 });
    // The code now on screen is new to this check-in: not "reused" (only too early to count).
    const shown = checkinCodeForStep(event.checkinSecret, step);
    expect(
      await checkOut(db, {
        volunteerId,
        activityId: event.id,
        code: shown,
        now: new Date(justRotated.getTime() + 10_000),
      }),
    ).toMatchObject({ ok: false, error: "validation:checkin.noMinutes" });
    // The check-in's own code never closes it.
    expect(
      await checkOut(db, {
        volunteerId,
        activityId: event.id,
        code: previous,
        now: new Date(justRotated.getTime() + 10_000),
      }),
    ).toMatchObject({ ok: false, error: "validation:checkin.codeReused" });
  });

  it("locks check-in for a volunteer after ten wrong codes, so the code cannot be guessed", async () => {
    const event = await activity();
    const volunteerId = await volunteer();
    await confirm(event.id, volunteerId);
    const now = at(START, 5);
    const wrong = checkinCodeForStep(event.checkinSecret, checkinStep(now) + 1000);
    for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
      expect(await checkIn(db, { volunteerId, activityId: event.id, code: wrong, now })).toMatchObject({
        ok: false,
        error: "validation:checkin.codeInvalid",
      });
    }
    const right = currentCheckinCode(event.checkinSecret, now);
    expect(await checkIn(db, { volunteerId, activityId: event.id, code: right, now })).toEqual({
      ok: false,
      field: "checkinCode",
      error: "validation:checkin.tooManyAttempts",
    });
    expect(await db.select().from(hourRecords)).toEqual([]);
    // Another volunteer of the same activity is not affected.
    const other = await volunteer();
    await confirm(event.id, other);
    expect((await checkIn(db, { volunteerId: other, activityId: event.id, code: right, now })).ok).toBe(true);
  });

  it("refuses a self-report that would make one day longer than 24 hours", async () => {
    const volunteerId = await volunteer();
    await selfReport(volunteerId, 10 * 60, { date: "2026-05-20" });
    await selfReport(volunteerId, 10 * 60, { date: "2026-05-20", description: "夜间陪护" });
    const third = await reportHours(db, {
      volunteerId,
      report: report({ serviceDate: "2026-05-20", hours: "4", minutes: "1", description: "再报一次" }),
      now: new Date("2026-06-01T04:00:00Z"),
    });
    expect(third).toEqual({ ok: false, field: "duration", error: "validation:hourRecord.dayFull" });
    // Exactly up to the day's end is fine, and another day is not affected.
    await selfReport(volunteerId, 4 * 60, { date: "2026-05-20", description: "补录" });
    await selfReport(volunteerId, 10 * 60, { date: "2026-05-21" });
  });

  it("refuses direct changes to a decided record; a correction still goes through and is then frozen", async () => {
    const volunteerId = await volunteer();
    const recordId = await selfReport(volunteerId, 90);
    expect((await approveRecords(db, { ...staffScope(), recordIds: [recordId] })).ok).toBe(true);
    const refused = async (statement: ReturnType<typeof sql>, reason: RegExp) =>
      expect(await failureText(db.execute(statement))).toMatch(reason);
    const onlyByCorrection = /is approved and changes only through an approved correction/;
    const correctionKept = /hour correction \S+ is kept as requested and decided once/;
    await refused(sql`update hour_records set minutes = 600 where id = ${recordId}`, onlyByCorrection);
    await refused(
      sql`update hour_records set status = 'rejected' where id = ${recordId}`,
      /is approved and its decision cannot change/,
    );
    await refused(
      sql`update hour_records set service_date = '2026-05-01' where id = ${recordId}`,
      onlyByCorrection,
    );
    await refused(sql`delete from hour_records where id = ${recordId}`, /is approved and cannot be deleted/);
    expect(await record(recordId)).toMatchObject({ status: "approved", minutes: 90 });

    const requested = await requestCorrection(db, {
      requesterId: volunteerId,
      recordId,
      request: { proposedMinutes: 60, proposedDescription: "社区走访", reason: "多报了半小时" },
      ipAddress: "10.0.0.2",
    });
    if (!requested.ok) throw new Error(requested.error);
    // Even with a correction pending, only its exact values may be written.
    await refused(sql`update hour_records set minutes = 45 where id = ${recordId}`, onlyByCorrection);
    const decided = await decideCorrection(db, {
      ...staffScope(),
      correctionId: requested.correctionId,
      decision: "approve",
      reason: null,
    });
    expect(decided.ok).toBe(true);
    expect(await record(recordId)).toMatchObject({ status: "approved", minutes: 60 });
    expect((await profile(volunteerId)).approvedMinutes).toBe(60);
    await refused(
      sql`update hour_corrections set proposed_minutes = 10 where id = ${requested.correctionId}`,
      correctionKept,
    );
    await refused(
      sql`update hour_corrections set status = 'rejected' where id = ${requested.correctionId}`,
      correctionKept,
    );
    await refused(sql`delete from hour_corrections where id = ${requested.correctionId}`, correctionKept);
    await refused(sql`update hour_records set minutes = 90 where id = ${recordId}`, onlyByCorrection);
  });
});
