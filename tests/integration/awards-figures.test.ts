/**
 * The commendation figures of the other domains against a real database, with known data: placements
 * and their retention at 30/90/180 days (employment), consultations given (legal), referrals resolved
 * (matching). Each figure equals a direct count over the raw rows, the rows listed as evidence add up
 * to it, and rows of another period, another district or another outcome never count.
 */
import { and, between, count, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jobReferrals, placements } from "#db/schema/employment";
import { consultationBookings } from "#db/schema/legal";
import { helpNeeds, providers, referrals } from "#db/schema/matching";
import { hourRecords } from "#db/schema/volunteers";
import { actorOf } from "~/domains/accounts/actor";
import { rolePermissionSeed } from "~/domains/permission-registry";
import { saveAwardType } from "~/domains/awards/award-types.server";
import { ELIGIBILITY_PAGE_SIZE, eligibilityView } from "~/domains/awards/eligibility.server";
import {
  candidateFigures,
  evidenceRows,
  type FigureQuery,
  figuresOfEvidence,
} from "~/domains/awards/figures.server";
import { getNomination, nominate } from "~/domains/awards/nominations.server";
import { saveEnterpriseProfile } from "~/domains/employment/enterprise.server";
import { retentionFigures } from "~/domains/employment/status";
import { invalidateWorkingDayCalendar } from "~/domains/calendar/calendar.server";
import type { Database } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { createOpenJobOffer } from "#tests/fixtures/employment-factories";
import {
  createDistrict,
  createLawyer,
  createOffice,
  createOfficeHourRule,
  createOrganization,
  createServicePoint,
  createSubject,
  createUser,
  createVolunteer,
  type TestUser,
} from "#tests/fixtures/factories";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
let staff: TestUser;
let bureau: TestUser;
let officeId: string;
let districtId: string;
/** A subject of another district's office, and that office's staff. */
let otherStaff: TestUser;

const TODAY = "2026-03-02";
const period = { periodStart: "2025-01-01", periodEnd: "2025-12-31", today: TODAY };
const actor = (user: TestUser) =>
  actorOf({ ...user, organizationStatus: "verified" }, rolePermissionSeed[user.role]);

beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  invalidateWorkingDayCalendar();
  const office = await createOffice(db);
  officeId = office.id;
  districtId = office.districtId;
  staff = await createUser(db, "office_staff", { organizationId: officeId, districtId });
  bureau = await createUser(db, "bureau_admin", { districtId });
  const otherDistrict = await createDistrict(db);
  const otherOffice = await createOffice(db, { districtId: otherDistrict.id });
  otherStaff = await createUser(db, "office_staff", {
    organizationId: otherOffice.id,
    districtId: otherDistrict.id,
  });
  // Monday 2026-03-02, 10:00 in Beijing.
  setClock({ fixedAt: new Date("2026-03-02T02:00:00Z") });
});

afterEach(() => resetClock());

/** An enterprise of the district with a signed profile and an open offer of ten openings. */
async function enterpriseWithOffer() {
  const enterprise = await createOrganization(db, "enterprise", { districtId });
  const member = await createUser(db, "enterprise_member", { organizationId: enterprise.id, districtId });
  const saved = await saveEnterpriseProfile(db, {
    actor: member,
    profile: {
      industry: "manufacturing",
      size: "medium",
      hiringDistrictIds: [districtId],
      contactName: "人事部 李经理",
      contactPhone: "0571-88886666",
      contactEmail: null,
      description: "",
      pledge: true,
    },
  });
  if (!saved.ok) throw new Error("profile");
  const offerId = await createOpenJobOffer(
    db,
    { districtId, officeId, staff, enterpriseId: enterprise.id, member },
    { openings: 10 },
  );
  return { enterprise, offerId };
}

/** A placement (a hire of a referred subject of `by`'s office) from `startedOn`, ended on `endedOn`. */
async function placement(
  enterprise: { id: string },
  offerId: string,
  by: TestUser,
  startedOn: string,
  endedOn: string | null = null,
) {
  const subject = await createSubject(db, by);
  const [referral] = await db
    .insert(jobReferrals)
    .values({
      jobOfferId: offerId,
      offerVersion: 1,
      enterpriseId: enterprise.id,
      subjectId: subject.id,
      officeId: by.organizationId!,
      districtId: by.districtId!,
      status: "hired",
      respondBy: startedOn,
      hiredOn: startedOn,
      referredBy: by.id,
    })
    .returning({ id: jobReferrals.id });
  await db.insert(placements).values({
    referralId: referral!.id,
    jobOfferId: offerId,
    enterpriseId: enterprise.id,
    subjectId: subject.id,
    officeId: by.organizationId!,
    districtId: by.districtId!,
    workDistrictId: districtId,
    startedOn,
    status: endedOn ? "ended" : "employed",
    endedOn,
    endReason: endedOn ? "resigned" : null,
  });
}

/** A referral of a need of the district to `providerId`, taken along the lifecycle to `outcome`. */
async function closedReferral(providerId: string, closedAt: string, outcome: "resolved" | "not_resolved") {
  const subject = await createSubject(db, staff);
  const [need] = await db
    .insert(helpNeeds)
    .values({
      subjectId: subject.id,
      officeId,
      districtId,
      categoryId: "employment",
      urgency: "normal",
      area: "城关街道",
      description: "需要就业帮扶",
      respondBy: new Date("2025-01-10T00:00:00Z"),
      createdBy: staff.id,
    })
    .returning({ id: helpNeeds.id });
  const [referral] = await db
    .insert(referrals)
    .values({
      needId: need!.id,
      providerId,
      officeId,
      districtId,
      status: "sent",
      createdBy: staff.id,
      sentAt: new Date("2025-01-02T02:00:00Z"),
      dueAt: new Date("2025-01-06T02:00:00Z"),
    })
    .returning({ id: referrals.id });
  for (const status of ["accepted", "in_progress"] as const)
    await db.update(referrals).set({ status }).where(eq(referrals.id, referral!.id));
  await db
    .update(referrals)
    .set({ status: outcome, closedAt: new Date(closedAt), outcomeNote: "已办结" })
    .where(eq(referrals.id, referral!.id));
}

async function provider(kind: "enterprise" | "law_firm" | "volunteer", party: string) {
  const [row] = await db
    .insert(providers)
    .values({
      kind,
      organizationId: kind === "volunteer" ? null : party,
      volunteerUserId: kind === "volunteer" ? party : null,
      districtId,
      capacity: 10,
    })
    .returning({ id: providers.id });
  return row!.id;
}

/** Every candidate's figures equal what its evidence rows add up to. */
async function expectEvidenceAddsUp(query: FigureQuery) {
  const candidates = await candidateFigures(db, query);
  for (const candidate of candidates) {
    const rows = await evidenceRows(db, { ...query, nomineeId: candidate.id });
    expect(figuresOfEvidence(query.nomineeKind, rows)).toEqual(candidate.figures);
  }
  return candidates;
}

describe("enterprise figures", () => {
  it("count the period's placements of the district's subjects and their retention at 30, 90, 180 days", async () => {
    const { enterprise, offerId } = await enterpriseWithOffer();
    await placement(enterprise, offerId, staff, "2025-01-10"); // still employed: 30, 90, 180
    await placement(enterprise, offerId, staff, "2025-03-01", "2025-04-15"); // ended on day 45: 30 only
    await placement(enterprise, offerId, staff, "2025-12-20"); // day 72 today: 30 only (90 not yet due)
    await placement(enterprise, offerId, staff, "2024-12-31"); // another period
    await placement(enterprise, offerId, otherStaff, "2025-05-05"); // another district's subject
    const referralProvider = await provider("enterprise", enterprise.id);
    await closedReferral(referralProvider, "2025-06-01T02:00:00Z", "resolved");
    await closedReferral(referralProvider, "2025-07-01T02:00:00Z", "not_resolved");

    const query: FigureQuery = { nomineeKind: "enterprise", districtId, ...period };
    const [candidate, ...others] = await expectEvidenceAddsUp(query);
    expect(others).toEqual([]);
    expect(candidate!.figures).toEqual({
      placements: 3,
      retained30: 3,
      retained90: 1,
      retained180: 1,
      referralsResolved: 1,
    });

    // The same figures straight from the raw rows, retention by the employment report's own rule.
    const raw = await db
      .select({ id: placements.id, startedOn: placements.startedOn, endedOn: placements.endedOn })
      .from(placements)
      .where(
        and(
          eq(placements.enterpriseId, enterprise.id),
          eq(placements.districtId, districtId),
          between(placements.startedOn, period.periodStart, period.periodEnd),
        ),
      );
    expect(candidate!.figures.placements).toBe(raw.length);
    const retention = retentionFigures(raw, TODAY);
    expect(retention.map((figure) => figure.retained.length)).toEqual([
      candidate!.figures.retained30,
      candidate!.figures.retained90,
      candidate!.figures.retained180,
    ]);
    const [resolved] = await db
      .select({ n: count() })
      .from(referrals)
      .where(and(eq(referrals.providerId, referralProvider), eq(referrals.status, "resolved")));
    expect(candidate!.figures.referralsResolved).toBe(resolved!.n);
  });

  it("make an enterprise nominable for a type with placement criteria, the figures frozen as evidence", async () => {
    const { enterprise, offerId } = await enterpriseWithOffer();
    await placement(enterprise, offerId, staff, "2025-01-10");
    await placement(enterprise, offerId, staff, "2025-02-10");
    const type = await saveAwardType(db, actor(bureau), {
      nameZh: "爱心企业",
      nameEn: "Caring Enterprise",
      nomineeKind: "enterprise",
      periodKind: "year",
      minHours: null,
      minPlacements: 2,
      minRetained180: 2,
      noticeWorkingDays: 5,
      active: true,
    });
    if (!type.ok) throw new Error(type.error);
    const view = await eligibilityView(db, actor(staff), { typeId: type.id, periodKey: "2025" }, TODAY);
    expect(view.candidates.map((c) => [c.id, c.eligible])).toEqual([[enterprise.id, true]]);
    const nominated = await nominate(db, actor(staff), {
      awardTypeId: type.id,
      periodKey: "2025",
      nomineeId: enterprise.id,
      statement: "长期吸纳社区矫正对象就业，稳岗效果突出。".repeat(2),
      publishFullName: false,
    });
    if (!nominated.ok) throw new Error(nominated.error);
    const nomination = await getNomination(db, actor(staff), nominated.id);
    expect(nomination).toMatchObject({ nomineeKind: "enterprise", nomineeOrganizationId: enterprise.id });
    expect((nomination!.evidence as { figures: unknown }).figures).toEqual({
      placements: 2,
      retained30: 2,
      retained90: 2,
      retained180: 2,
      referralsResolved: 0,
    });
  });
});

describe("law firm figures", () => {
  it("count the consultations attended at the district's service points in the period (Beijing dates)", async () => {
    const lawyer = await createLawyer(db, { districtId });
    const point = await createServicePoint(db, { id: officeId, districtId });
    const rule = await createOfficeHourRule(db, {
      lawyer,
      point: { id: point.id, officeId, districtId },
      createdBy: staff.id,
    });
    const subject = await createSubject(db, staff);
    const booking = async (startsAt: string, status: "attended" | "subject_no_show" | "booked") => {
      const start = new Date(startsAt);
      const recorded = status === "booked" ? null : new Date(start.getTime() + 30 * 60_000);
      await db.insert(consultationBookings).values({
        ruleId: rule.id,
        lawyerId: lawyer.id,
        lawFirmId: lawyer.lawFirmId,
        servicePointId: point.id,
        officeId,
        districtId,
        subjectId: subject.id,
        startsAt: start,
        endsAt: new Date(start.getTime() + 30 * 60_000),
        seat: 1,
        capacity: 1,
        topic: "labour",
        status,
        bookedBy: staff.id,
        adviceCategory: status === "attended" ? "rights_explained" : null,
        followUpLegalAid: status === "attended" ? false : null,
        outcomeRecordedBy: recorded ? staff.id : null,
        outcomeRecordedAt: recorded,
      });
    };
    await booking("2025-03-04T01:00:00Z", "attended");
    await booking("2025-12-31T15:00:00Z", "attended"); // 23:00 on 31 December in Beijing
    await booking("2025-12-31T16:30:00Z", "attended"); // already 1 January 2026 in Beijing
    await booking("2025-05-06T01:00:00Z", "subject_no_show");
    await booking("2025-06-03T01:00:00Z", "booked");
    const referralProvider = await provider("law_firm", lawyer.lawFirmId);
    await closedReferral(referralProvider, "2025-08-01T02:00:00Z", "resolved");
    await closedReferral(referralProvider, "2025-12-31T17:00:00Z", "resolved"); // 2026 in Beijing

    const query: FigureQuery = { nomineeKind: "law_firm", districtId, ...period };
    const [candidate, ...others] = await expectEvidenceAddsUp(query);
    expect(others).toEqual([]);
    expect(candidate).toMatchObject({
      id: lawyer.lawFirmId,
      figures: { consultations: 2, referralsResolved: 1 },
    });
    const [direct] = await db
      .select({ n: count() })
      .from(consultationBookings)
      .where(
        and(
          eq(consultationBookings.lawFirmId, lawyer.lawFirmId),
          eq(consultationBookings.status, "attended"),
          sql`(${consultationBookings.startsAt} at time zone 'Asia/Shanghai')::date between '2025-01-01' and '2025-12-31'`,
        ),
      );
    expect(candidate!.figures.consultations).toBe(direct!.n);
  });
});

describe("referrals resolved by volunteers", () => {
  it("count for a volunteer next to their hours, and make a volunteer with referrals only a candidate", async () => {
    const chen = await createVolunteer(db, { officeId, districtId, legalName: "陈晓明" });
    const referralProvider = await provider("volunteer", chen.id);
    await closedReferral(referralProvider, "2025-04-01T02:00:00Z", "resolved");
    await closedReferral(referralProvider, "2025-05-01T02:00:00Z", "resolved");
    await closedReferral(referralProvider, "2025-06-01T02:00:00Z", "not_resolved");
    const query: FigureQuery = { nomineeKind: "volunteer", districtId, officeId, ...period };
    const candidates = await expectEvidenceAddsUp(query);
    expect(candidates).toEqual([
      { id: chen.id, name: "陈晓明", figures: { minutes: 0, activities: 0, referralsResolved: 2 } },
    ]);
  });
});

describe("the eligibility list of an office with many volunteers", () => {
  it("ranks everyone in scope, shows a page at a time, and leaves out other offices' volunteers", async () => {
    const count = ELIGIBILITY_PAGE_SIZE + 3;
    const volunteers = [];
    for (let index = 0; index < count; index++) {
      volunteers.push(await createVolunteer(db, { officeId, districtId, legalName: `志愿者${index}` }));
    }
    // Another office of the district: its volunteer's hours are not this office's candidates.
    const neighbour = await createOffice(db, { districtId });
    const outsider = await createVolunteer(db, {
      officeId: neighbour.id,
      districtId,
      legalName: "邻所志愿者",
    });
    await db.insert(hourRecords).values(
      [...volunteers, outsider].map((volunteer, index) => ({
        volunteerId: volunteer.id,
        officeId: volunteer === outsider ? neighbour.id : officeId,
        districtId,
        kind: "self_reported" as const,
        serviceDate: "2025-06-01",
        // The first three have 10 hours or more (eligible), the rest fewer, each a different amount.
        minutes: index < 3 ? 700 - index : 100 + index,
        description: "服务",
        status: "approved" as const,
      })),
    );
    const type = await saveAwardType(db, actor(bureau), {
      nameZh: "服务之星",
      nameEn: "Service Star",
      nomineeKind: "volunteer",
      periodKind: "year",
      minHours: 10,
      noticeWorkingDays: 5,
      active: true,
    });
    if (!type.ok) throw new Error(type.error);
    const first = await eligibilityView(db, actor(staff), { typeId: type.id, periodKey: "2025" }, TODAY);
    expect(first).toMatchObject({ total: count, eligibleCount: 3, page: 1, pageSize: ELIGIBILITY_PAGE_SIZE });
    expect(first.candidates).toHaveLength(ELIGIBILITY_PAGE_SIZE);
    expect(first.candidates.slice(0, 3).map((candidate) => [candidate.name, candidate.eligible])).toEqual([
      ["志愿者0", true],
      ["志愿者1", true],
      ["志愿者2", true],
    ]);
    const last = await eligibilityView(
      db,
      actor(staff),
      { typeId: type.id, periodKey: "2025", page: 9 },
      TODAY,
    );
    expect(last.page).toBe(2);
    expect(last.candidates.map((candidate) => candidate.rank)).toEqual([51, 52, 53]);
    const names = [...first.candidates, ...last.candidates].map((candidate) => candidate.name);
    expect(names).not.toContain("邻所志愿者");
    expect(new Set(names).size).toBe(count);
  });
});
