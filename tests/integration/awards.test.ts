/**
 * Commendations against a real database: eligibility figures equal the sums of the records behind
 * them, the nomination flow through public notice (counted in working days) to a final award, the
 * database refusing self-review, objections blocking finalization, and revocation leaving the roll.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nominations } from "#db/schema/awards";
import { emailOutbox } from "#db/schema/notifications";
import { hourRecords } from "#db/schema/volunteers";
import { actorOf } from "~/domains/accounts/actor";
import { rolePermissionSeed } from "~/domains/permission-registry";
import { saveAwardType } from "~/domains/awards/award-types.server";
import { rankCandidates } from "~/domains/awards/eligibility";
import { candidateFigures, evidenceRows } from "~/domains/awards/figures.server";
import {
  awardByNumber,
  HONOUR_ROLL_PAGE_SIZE,
  honourRollPage,
  listHonourRoll,
  noticeEntry,
} from "~/domains/awards/honour-roll.server";
import {
  decideNomination,
  fileObjection,
  finalizeDueAwards,
  getNomination,
  nominate,
  resolveObjection,
} from "~/domains/awards/nominations.server";
import { invalidateWorkingDayCalendar } from "~/domains/calendar/calendar.server";
import type { Database } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { violatedConstraint } from "#tests/fixtures/errors";
import { createOffice, createUser, createVolunteer, type TestUser } from "#tests/fixtures/factories";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
let staff: TestUser;
let bureau: TestUser;
let officeId: string;
let districtId: string;

const actor = (user: TestUser) =>
  actorOf({ ...user, organizationStatus: "verified" }, rolePermissionSeed[user.role]);

/** Approved records on each date, split into records of at most 8 hours (a record is ≤ 24 h). */
async function approvedHours(volunteerId: string, entries: [string, number][]) {
  for (const [serviceDate, total] of entries)
    for (let left = total; left > 0; left -= 480)
      await db.insert(hourRecords).values({
        volunteerId,
        officeId,
        districtId,
        kind: "self_reported",
        serviceDate,
        minutes: Math.min(480, left),
        description: `服务 ${serviceDate}`,
        status: "approved",
        decidedBy: staff.id,
      });
}

async function volunteerType(minHours = 100) {
  const result = await saveAwardType(db, actor(bureau), {
    nameZh: `优秀志愿者${Math.random().toString(36).slice(2, 6)}`,
    nameEn: "Outstanding Volunteer",
    nomineeKind: "volunteer",
    periodKind: "year",
    minHours,
    minActivities: null,
    noticeWorkingDays: 5,
    active: true,
  });
  if (!result.ok) throw new Error(result.error);
  return result.id;
}

beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  invalidateWorkingDayCalendar();
  const office = await createOffice(db);
  officeId = office.id;
  districtId = office.districtId;
  staff = await createUser(db, "office_staff", { organizationId: officeId, districtId });
  bureau = await createUser(db, "bureau_admin", { districtId });
  // Monday 2026-03-02, 10:00 in Beijing.
  setClock({ fixedAt: new Date("2026-03-02T02:00:00Z") });
});

afterEach(() => resetClock());

describe("eligibility", () => {
  it("shows figures equal to the sums of the approved records of the period, nothing else", async () => {
    const chen = await createVolunteer(db, { officeId, districtId, legalName: "陈晓明" });
    const wang = await createVolunteer(db, { officeId, districtId, legalName: "王芳" });
    await approvedHours(chen.id, [
      ["2025-01-05", 3000],
      ["2025-06-30", 2400],
      ["2025-12-31", 1200],
      ["2024-12-31", 5000], // another period
      ["2026-01-01", 5000], // another period
    ]);
    await approvedHours(wang.id, [["2025-03-01", 600]]);
    // Pending and rejected records never count.
    await db.insert(hourRecords).values({
      volunteerId: wang.id,
      officeId,
      districtId,
      kind: "self_reported",
      serviceDate: "2025-04-01",
      minutes: 900,
      description: "待审核",
      status: "pending",
    });
    const query = {
      nomineeKind: "volunteer" as const,
      districtId,
      officeId,
      periodStart: "2025-01-01",
      periodEnd: "2025-12-31",
      today: "2026-03-02",
    };
    const candidates = await candidateFigures(db, query);
    for (const candidate of candidates) {
      const rows = await evidenceRows(db, { ...query, nomineeId: candidate.id });
      expect(candidate.figures.minutes).toBe(rows.reduce((sum, row) => sum + (row.minutes ?? 0), 0));
    }
    const ranked = rankCandidates({ minutes: 100 * 60 }, candidates);
    expect(ranked.map((c) => [c.name, c.figures.minutes, c.eligible])).toEqual([
      ["陈晓明", 6600, true],
      ["王芳", 600, false],
    ]);
  });

  it("refuses to nominate a candidate below the criteria or twice for one period", async () => {
    const typeId = await volunteerType(100);
    const low = await createVolunteer(db, { officeId, districtId });
    await approvedHours(low.id, [["2025-05-01", 600]]);
    const input = {
      awardTypeId: typeId,
      periodKey: "2025",
      statement: "长期参与社区服务，表现突出。".repeat(2),
      publishFullName: false,
    };
    expect(await nominate(db, actor(staff), { ...input, nomineeId: low.id })).toMatchObject({
      ok: false,
      field: "nomineeId",
      error: "awards:errors.notEligible",
    });
    const high = await createVolunteer(db, { officeId, districtId });
    await approvedHours(high.id, [["2025-05-01", 6000]]);
    expect(await nominate(db, actor(staff), { ...input, nomineeId: high.id })).toMatchObject({ ok: true });
    expect(await nominate(db, actor(staff), { ...input, nomineeId: high.id })).toMatchObject({
      ok: false,
      error: "awards:errors.alreadyNominated",
    });
  });
});

describe("a nomination's way to a final award", () => {
  async function nominated() {
    const typeId = await volunteerType(100);
    const volunteer = await createVolunteer(db, { officeId, districtId, legalName: "陈晓明" });
    await approvedHours(volunteer.id, [["2025-05-01", 7200]]);
    const result = await nominate(db, actor(staff), {
      awardTypeId: typeId,
      periodKey: "2025",
      nomineeId: volunteer.id,
      statement: "全年参与普法宣传和帮扶活动一百二十小时。",
      publishFullName: false,
    });
    if (!result.ok) throw new Error(result.error);
    return { id: result.id, volunteer };
  }

  it("shows the public roll a page of final awards at a time, and every entry in notice", async () => {
    const ids: string[] = [];
    for (let i = 0; i < HONOUR_ROLL_PAGE_SIZE + 2; i += 1) ids.push((await nominated()).id);
    for (const id of ids) await decideNomination(db, actor(bureau), { id, action: "approve" });
    expect(await finalizeDueAwards(db, new Date("2026-03-10T01:00:00Z"))).toEqual({ finalized: ids.length });
    const inNotice = (await nominated()).id;
    await decideNomination(db, actor(bureau), { id: inNotice, action: "approve" });

    const first = await honourRollPage(db, { page: 1, noticePage: 1 });
    expect(first).toMatchObject({
      finalTotal: ids.length,
      page: 1,
      noticeTotal: 1,
      noticePage: 1,
      pageSize: HONOUR_ROLL_PAGE_SIZE,
    });
    expect(first.final).toHaveLength(HONOUR_ROLL_PAGE_SIZE);
    expect(first.inNotice.map((entry) => entry.id)).toEqual([inNotice]);
    const second = await honourRollPage(db, { page: 2, noticePage: 1 });
    expect(second.final).toHaveLength(2);
    // Every final award on exactly one page; a page past the end shows the last one.
    expect(new Set([...first.final, ...second.final].map((entry) => entry.id))).toEqual(new Set(ids));
    expect((await honourRollPage(db, { page: 99, noticePage: 1 })).page).toBe(2);
    expect((await honourRollPage(db, { page: Number.NaN, noticePage: 1 })).page).toBe(1);
    expect(await honourRollPage(db, { page: 1, noticePage: 5 })).toMatchObject({
      noticeTotal: 1,
      noticePage: 1,
    });
    // Objections: only an entry in notice, whatever the roll's length.
    expect(await noticeEntry(db, inNotice)).toMatchObject({ id: inNotice, name: "陈某" });
    expect(await noticeEntry(db, ids[0]!)).toBeNull();
  });

  it("goes through notice counted in working days, becomes final with a certificate number, and can be revoked", async () => {
    const { id } = await nominated();
    expect(await decideNomination(db, actor(bureau), { id, action: "approve" })).toEqual({
      ok: true,
      status: "in_notice",
    });
    const view = await getNomination(db, actor(staff), id);
    // Approved Monday 2 March: five working days later is Monday 9 March.
    expect(view).toMatchObject({
      status: "in_notice",
      noticeStartsOn: "2026-03-02",
      noticeEndsOn: "2026-03-09",
    });
    expect((await listHonourRoll(db)).map((row) => [row.name, row.status])).toEqual([["陈某", "in_notice"]]);

    expect(await finalizeDueAwards(db, new Date("2026-03-09T10:00:00Z"))).toEqual({ finalized: 0 });
    expect(await finalizeDueAwards(db, new Date("2026-03-10T01:00:00Z"))).toEqual({ finalized: 1 });
    const [final] = await db.select().from(nominations).where(eq(nominations.id, id));
    expect(final).toMatchObject({ status: "final" });
    expect(final!.certificateNumber).toMatch(/^BZ-2026-/);
    expect(await awardByNumber(db, final!.certificateNumber!)).toMatchObject({
      status: "final",
      name: "陈某",
    });

    expect(await decideNomination(db, actor(bureau), { id, action: "revoke" })).toMatchObject({
      ok: false,
      field: "comment",
    });
    expect(
      await decideNomination(db, actor(bureau), { id, action: "revoke", comment: "时长记录经核查不实" }),
    ).toEqual({
      ok: true,
      status: "revoked",
    });
    expect(await listHonourRoll(db)).toEqual([]);
    expect(await awardByNumber(db, final!.certificateNumber!)).toMatchObject({ status: "revoked" });
    const mails = await db.select({ template: emailOutbox.template }).from(emailOutbox);
    expect(new Set(mails.map((m) => m.template))).toEqual(
      new Set([
        "nomination-submitted",
        "award-nominated",
        "nomination-decided",
        "award-notice-started",
        "award-final",
        "award-revoked",
      ]),
    );
  });

  it("never lets the nominator review their own nomination, in code and in the database", async () => {
    const nominator = await createUser(db, "bureau_admin", { districtId });
    const { id } = await nominated();
    // A bureau admin who nominated (by data fix) cannot approve: the constraint names the rule.
    await db.update(nominations).set({ nominatedBy: nominator.id }).where(eq(nominations.id, id));
    expect(await decideNomination(db, actor(nominator), { id, action: "approve" })).toMatchObject({
      ok: false,
      error: "awards:errors.self-review",
    });
    expect(
      await violatedConstraint(
        db.update(nominations).set({ reviewedBy: nominator.id }).where(eq(nominations.id, id)),
      ),
    ).toBe("nominations_no_self_review");
  });

  it("keeps an award with an open objection from becoming final; an upheld objection rejects it", async () => {
    const { id } = await nominated();
    await decideNomination(db, actor(bureau), { id, action: "approve" });
    const objection = {
      nominationId: id,
      filerName: "张三",
      filerContact: "13800000000",
      body: "该志愿者的部分时长存疑，请核实。",
      submissionKey: "objection-form-key-0001",
    };
    expect(await fileObjection(db, objection)).toEqual({ ok: true, replayed: false });
    // The same form sent again (double click, replay) files nothing more.
    expect(await fileObjection(db, objection)).toEqual({ ok: true, replayed: true });
    expect((await getNomination(db, actor(bureau), id))!.objections).toHaveLength(1);
    expect(await finalizeDueAwards(db, new Date("2026-03-20T01:00:00Z"))).toEqual({ finalized: 0 });
    const view = await getNomination(db, actor(bureau), id);
    const filed = view!.objections[0]!;
    expect(
      await resolveObjection(db, actor(bureau), {
        objectionId: filed.id,
        outcome: "upheld",
        resolution: "核实后确有不实记录",
      }),
    ).toEqual({ ok: true });
    const [row] = await db
      .select({ status: nominations.status })
      .from(nominations)
      .where(eq(nominations.id, id));
    expect(row!.status).toBe("rejected");
    expect(await listHonourRoll(db)).toEqual([]);
  });

  it("lets an office's staff see only their office's nominations", async () => {
    const { id } = await nominated();
    const other = await createUser(db, "office_staff", { districtId });
    expect(await getNomination(db, actor(other), id)).toBeNull();
    expect(await decideNomination(db, actor(staff), { id, action: "approve" })).toMatchObject({
      notFound: true,
    });
  });
});
