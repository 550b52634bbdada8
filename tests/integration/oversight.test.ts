/**
 * Oversight against real PostgreSQL: every dashboard figure, refreshed into summary rows, equals a
 * direct count over the raw rows of known data (written here independently of the figure sources);
 * the records behind each figure's link are exactly the rows it counts; office staff cannot see
 * another office; public totals suppress small counts.
 */
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awardTypes, nominations } from "#db/schema/awards";
import { consultationBookings } from "#db/schema/legal";
import { helpNeeds, providers, referrals } from "#db/schema/matching";
import { activities, hourRecords } from "#db/schema/volunteers";
import {
  createActivity,
  createLawyer,
  createOffice,
  createOfficeHourRule,
  createOrganization,
  createServicePoint,
  createSubject,
  createUser,
  createVolunteer,
  type TestOrganization,
  type TestUser,
} from "#tests/fixtures/factories";
import { actorOf } from "~/domains/accounts/actor";
import { NotFoundError } from "~/domains/errors";
import {
  loadDashboard,
  publicTotals,
  resolveScope,
  type OversightScope,
} from "~/domains/oversight/dashboard.server";
import {
  baseFigures,
  dashboardOrder,
  figureGroups,
  parsePeriod,
  type Period,
  valueOf,
} from "~/domains/oversight/figures";
import { listFigureRecords } from "~/domains/oversight/records.server";
import { digestItems, sendOversightDigests } from "~/domains/oversight/digest.server";
import { refreshOversightFigures } from "~/domains/oversight/refresh.server";
import { setNotificationPreference } from "~/domains/notifications/inbox.server";
import { renderEmail } from "#emails/registry";
import { rolePermissionSeed } from "~/domains/permission-registry";
import { type Database, selectRows } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { routeAnswer, routeArgs, signedInRequest } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
const now = new Date("2026-11-20T04:00:00Z");
let district: TestOrganization;
let officeA: TestOrganization;
let officeB: TestOrganization;
let otherDistrictOffice: TestOrganization;
let staffA: TestUser;
let bureauAdmin: TestUser;
let staffB: TestUser;

const day = (iso: string) => new Date(`${iso}T02:00:00Z`);

async function hours(
  volunteer: { id: string },
  office: TestOrganization,
  serviceDate: string,
  minutes: number,
  status: "approved" | "pending" | "rejected",
) {
  await db.insert(hourRecords).values({
    volunteerId: volunteer.id,
    officeId: office.id,
    districtId: office.districtId,
    kind: "self_reported",
    serviceDate,
    minutes,
    description: "测试服务",
    status,
    rejectReason: status === "rejected" ? "不符" : null,
  });
}

/** A provider (a social organization of the district) to refer needs to. */
async function provider(office: TestOrganization) {
  const organization = await createOrganization(db, "social_org", { districtId: office.districtId });
  const [row] = await db
    .insert(providers)
    .values({
      kind: "social_org",
      organizationId: organization.id,
      districtId: office.districtId,
      capacity: 20,
      coversDistrict: true,
    })
    .returning();
  return row!.id;
}

async function need(
  staff: TestUser,
  office: TestOrganization,
  values: { category: string; urgency: "urgent" | "normal" | "low"; createdAt: Date; respondBy: Date },
) {
  const subject = await createSubject(db, staff);
  const [row] = await db
    .insert(helpNeeds)
    .values({
      subjectId: subject.id,
      officeId: office.id,
      districtId: office.districtId,
      categoryId: values.category,
      urgency: values.urgency,
      area: "城关街道",
      description: "测试需求",
      respondBy: values.respondBy,
      createdBy: staff.id,
      createdAt: values.createdAt,
    })
    .returning();
  return row!.id;
}

/** A referral taken through its lifecycle with known stamps (the allowed transitions only). */
async function referral(
  staff: TestUser,
  office: TestOrganization,
  providerId: string,
  needId: string,
  path: {
    sentAt: Date;
    answeredAt?: Date;
    closedAt?: Date;
    outcome?: "resolved" | "not_resolved";
    decline?: boolean;
  },
) {
  const [row] = await db
    .insert(referrals)
    .values({
      needId,
      providerId,
      officeId: office.id,
      districtId: office.districtId,
      status: "sent",
      createdBy: staff.id,
      sentAt: path.sentAt,
      sentBy: staff.id,
      dueAt: new Date(path.sentAt.getTime() + 3 * 86_400_000),
    })
    .returning();
  const id = row!.id;
  const set = (values: Record<string, unknown>) =>
    db
      .update(referrals)
      .set(values)
      .where(sql`id = ${id}`);
  if (path.decline) {
    await set({ status: "declined", answeredAt: path.answeredAt, declineReason: "no_capacity" });
    return id;
  }
  if (!path.answeredAt) return id;
  await set({ status: "accepted", answeredAt: path.answeredAt });
  if (!path.closedAt) return id;
  await set({ status: "in_progress", startedAt: path.answeredAt });
  await set({ status: path.outcome ?? "resolved", closedAt: path.closedAt, outcomeNote: "完成" });
  return id;
}

beforeAll(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  district = await createOrganization(db, "bureau");
  officeA = await createOffice(db, { districtId: district.id });
  officeB = await createOffice(db, { districtId: district.id });
  otherDistrictOffice = await createOffice(db);
  staffA = await createUser(db, "office_staff", { organizationId: officeA.id, districtId: district.id });
  staffB = await createUser(db, "office_staff", {
    organizationId: officeB.id,
    districtId: district.id,
  });
  const staffOther = await createUser(db, "office_staff", {
    organizationId: otherDistrictOffice.id,
    districtId: otherDistrictOffice.districtId,
  });
  bureauAdmin = await createUser(db, "bureau_admin", {
    organizationId: district.id,
    districtId: district.id,
  });

  // Volunteers and hours: one volunteer serves at both offices (counted once in the district).
  const v1 = await createVolunteer(db, { officeId: officeA.id, districtId: district.id });
  const v2 = await createVolunteer(db, { officeId: officeA.id, districtId: district.id });
  const v3 = await createVolunteer(db, { officeId: officeB.id, districtId: district.id });
  const vOther = await createVolunteer(db, {
    officeId: otherDistrictOffice.id,
    districtId: otherDistrictOffice.districtId,
  });
  await createVolunteer(db, { officeId: officeA.id, districtId: district.id, status: "pending" });
  await createVolunteer(db, { officeId: officeB.id, districtId: district.id, status: "pending" });
  await hours(v1, officeA, "2026-11-03", 120, "approved");
  await hours(v1, officeA, "2026-11-10", 90, "approved");
  await hours(v1, officeB, "2026-11-12", 60, "approved");
  await hours(v2, officeA, "2026-10-31", 45, "approved");
  await hours(v2, officeA, "2026-11-01", 30, "pending");
  await hours(v3, officeB, "2026-11-30", 200, "approved");
  await hours(v3, officeB, "2026-11-15", 50, "rejected");
  await hours(v3, officeB, "2025-12-31", 75, "approved");
  await hours(vOther, otherDistrictOffice, "2026-11-05", 300, "approved");

  // Activities with places filled: 30 Nov 20:00 Beijing is still November; 30 Nov 17:00 UTC is 1 Dec.
  const activity = (
    office: TestOrganization,
    staff: TestUser,
    startsAt: Date,
    capacity: number,
    confirmed: number,
  ) =>
    createActivity(db, {
      officeId: office.id,
      districtId: office.districtId,
      createdBy: staff.id,
      startsAt,
      capacity,
      values: { confirmedCount: confirmed },
    });
  await activity(officeA, staffA, new Date("2026-11-30T12:00:00Z"), 10, 7);
  await activity(officeA, staffA, new Date("2026-11-30T17:00:00Z"), 10, 10);
  await activity(officeB, staffB, new Date("2026-11-02T01:00:00Z"), 4, 1);
  const cancelled = await activity(officeB, staffB, new Date("2026-11-05T01:00:00Z"), 4, 0);
  await db
    .update(activities)
    .set({ status: "cancelled", cancelReason: "天气" })
    .where(sql`id = ${cancelled.id}`);
  await activity(otherDistrictOffice, staffOther, new Date("2026-11-06T01:00:00Z"), 5, 5);

  // Needs and referrals.
  const providerId = await provider(officeA);
  const past = new Date("2026-11-18T00:00:00Z");
  const future = new Date("2026-11-25T00:00:00Z");
  const n1 = await need(staffA, officeA, {
    category: "psychological.individual",
    urgency: "urgent",
    createdAt: day("2026-11-02"),
    respondBy: past,
  });
  const n2 = await need(staffA, officeA, {
    category: "family.mediation",
    urgency: "normal",
    createdAt: day("2026-11-04"),
    respondBy: future,
  });
  const n3 = await need(staffA, officeA, {
    category: "psychological.individual",
    urgency: "low",
    createdAt: day("2026-10-04"),
    respondBy: past,
  });
  const n4 = await need(staffB, officeB, {
    category: "hardship.living",
    urgency: "urgent",
    createdAt: day("2026-11-06"),
    respondBy: past,
  });
  await need(staffOther, otherDistrictOffice, {
    category: "psychological.individual",
    urgency: "urgent",
    createdAt: day("2026-11-06"),
    respondBy: past,
  });
  await referral(staffA, officeA, providerId, n1, { sentAt: new Date("2026-11-02T03:00:00Z") });
  await referral(staffA, officeA, providerId, n2, {
    sentAt: new Date("2026-11-04T03:00:00Z"),
    answeredAt: new Date("2026-11-04T05:00:00Z"),
    closedAt: new Date("2026-11-10T03:00:00Z"),
  });
  await referral(staffA, officeA, providerId, n3, {
    sentAt: new Date("2026-10-05T03:00:00Z"),
    answeredAt: new Date("2026-11-05T03:30:00Z"),
    closedAt: new Date("2026-11-15T03:00:00Z"),
    outcome: "not_resolved",
  });
  await referral(staffB, officeB, providerId, n4, {
    sentAt: new Date("2026-11-06T03:00:00Z"),
    answeredAt: new Date("2026-11-06T04:00:00Z"),
    decline: true,
  });
  await db
    .update(helpNeeds)
    .set({ status: "resolved", closedAt: new Date("2026-11-10T03:00:00Z") })
    .where(sql`id = ${n2}`);
  await db
    .update(helpNeeds)
    .set({ status: "not_resolved", closedAt: new Date("2026-11-15T03:00:00Z") })
    .where(sql`id = ${n3}`);

  // Consultations: attended, no-shows, cancelled; office B has no office hours at all.
  const lawyer = await createLawyer(db, { districtId: district.id });
  const point = await createServicePoint(db, officeA);
  const rule = await createOfficeHourRule(db, { lawyer, point, createdBy: staffA.id });
  const booking = async (
    startsAt: Date,
    seat: number,
    status: "attended" | "subject_no_show" | "lawyer_no_show" | "cancelled" | "booked",
  ) =>
    db.insert(consultationBookings).values({
      ruleId: rule.id,
      lawyerId: lawyer.id,
      lawFirmId: lawyer.lawFirmId,
      servicePointId: point.id,
      officeId: officeA.id,
      districtId: district.id,
      subjectId: (await createSubject(db, staffA)).id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      seat,
      capacity: 3,
      topic: "labour",
      status,
      bookedBy: staffA.id,
      cancelReason: status === "cancelled" ? "改期" : null,
      cancelledAt: status === "cancelled" ? startsAt : null,
      adviceCategory: status === "attended" ? "information" : null,
      followUpLegalAid: status === "attended" ? false : null,
      outcomeRecordedAt: ["attended", "subject_no_show", "lawyer_no_show"].includes(status) ? startsAt : null,
    });
  await booking(new Date("2026-11-03T01:00:00Z"), 1, "attended");
  await booking(new Date("2026-11-03T01:00:00Z"), 2, "attended");
  await booking(new Date("2026-11-03T01:00:00Z"), 3, "subject_no_show");
  await booking(new Date("2026-11-10T01:00:00Z"), 1, "lawyer_no_show");
  await booking(new Date("2026-11-10T01:00:00Z"), 2, "cancelled");
  await booking(new Date("2026-10-10T01:00:00Z"), 1, "attended");

  // Organizations waiting for verification, and nominations in progress.
  await createOrganization(db, "enterprise", { districtId: district.id, status: "pending" });
  await createOrganization(db, "social_org", { districtId: district.id, status: "pending" });
  await createOrganization(db, "law_firm", { districtId: otherDistrictOffice.districtId, status: "pending" });
  const [awardType] = await db
    .insert(awardTypes)
    .values({
      districtId: district.id,
      nameZh: "优秀志愿者",
      nameEn: "Volunteer",
      nomineeKind: "volunteer",
      periodKind: "year",
      minMinutes: 60,
    })
    .returning();
  for (const status of ["submitted", "returned", "rejected"] as const) {
    await db.insert(nominations).values({
      awardTypeId: awardType!.id,
      districtId: district.id,
      officeId: officeA.id,
      nomineeKind: "volunteer",
      nomineeUserId: status === "submitted" ? v1.id : status === "returned" ? v2.id : v3.id,
      nomineeName: "测试志愿者",
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      statement: "测试提名。",
      evidence: { figures: { minutes: 600 } },
      nominatedBy: staffA.id,
      status,
      reviewComment: status === "rejected" || status === "returned" ? "说明" : null,
    });
  }

  await refreshOversightFigures(db, now);
});

// ---------------------------------------------------------------------------------------------
// The direct counts: written from the product's definitions over the raw tables, not from
// app/domains/oversight/sources.server.ts.

const bj = (column: string) => sql.raw(`((${column}) at time zone 'Asia/Shanghai')::date`);
const nowSql = sql`${now.toISOString()}::timestamptz`;

function direct(figure: string, scope: OversightScope, period: Period): SQL | null {
  const col = (office: string, districtCol: string) =>
    scope.kind === "office"
      ? sql`${sql.raw(office)} = ${scope.id}`
      : sql`${sql.raw(districtCol)} = ${scope.id}`;
  const within = (expression: SQL) =>
    sql`${expression} >= ${period.start}::date and ${expression} < ${period.end}::date`;
  const hourScope = col("office_id", "district_id");
  switch (figure) {
    case "volunteers.active":
      return sql`select count(distinct volunteer_id) from hour_records where status = 'approved' and ${hourScope} and ${within(sql`service_date`)}`;
    case "volunteers.minutes":
      return sql`select coalesce(sum(minutes), 0) from hour_records where status = 'approved' and ${hourScope} and ${within(sql`service_date`)}`;
    case "volunteers.activities":
      return sql`select count(*) from activities where status = 'scheduled' and ${hourScope} and ${within(bj("starts_at"))}`;
    case "volunteers.places":
      return sql`select coalesce(sum(capacity), 0) from activities where status = 'scheduled' and ${hourScope} and ${within(bj("starts_at"))}`;
    case "volunteers.placesFilled":
      return sql`select coalesce(sum(confirmed_count), 0) from activities where status = 'scheduled' and ${hourScope} and ${within(bj("starts_at"))}`;
    case "volunteers.pendingVolunteers":
      return sql`select count(*) from volunteer_profiles where status = 'pending' and ${col("home_office_id", "district_id")}`;
    case "volunteers.pendingHours":
      return sql`select count(*) from hour_records where status = 'pending' and ${hourScope}`;
    case "matching.needsRegistered":
      return sql`select count(*) from help_needs where ${hourScope} and ${within(bj("created_at"))}`;
    case "matching.referralsSent":
      return sql`select count(*) from referrals where sent_at is not null and ${hourScope} and ${within(bj("sent_at"))}`;
    case "matching.acceptMinutes":
      return sql`select round(percentile_cont(0.5) within group (order by extract(epoch from answered_at - sent_at) / 60)) from referrals
        where status in ('accepted', 'in_progress', 'resolved', 'not_resolved') and ${hourScope} and ${within(bj("answered_at"))}`;
    case "matching.resolveMinutes":
      return sql`select round(percentile_cont(0.5) within group (order by extract(epoch from closed_at - sent_at) / 60)) from referrals
        where status = 'resolved' and ${hourScope} and ${within(bj("closed_at"))}`;
    case "matching.referralsResolved":
      return sql`select count(*) from referrals where status = 'resolved' and ${hourScope} and ${within(bj("closed_at"))}`;
    case "matching.referralsClosed":
      return sql`select count(*) from referrals where status in ('resolved', 'not_resolved') and ${hourScope} and ${within(bj("closed_at"))}`;
    case "matching.openNeeds":
      return sql`select count(*) from help_needs where status in ('open', 'referred') and ${hourScope}`;
    case "matching.overdueNeeds":
      return sql`select count(*) from help_needs where status in ('open', 'referred') and respond_by < ${nowSql} and ${hourScope}`;
    case "matching.overdueReferrals":
      return sql`select count(*) from referrals f join help_needs n on n.id = f.need_id
        where f.status = 'sent' and n.respond_by < ${nowSql} and ${col("f.office_id", "f.district_id")}`;
    case "employment.placements":
      return sql`select count(*) from placements where ${hourScope} and ${within(sql`started_on`)}`;
    case "employment.trainingsCompleted":
      return sql`select count(*) from training_enrollments where status = 'completed' and ${hourScope} and ${within(sql`completed_on`)}`;
    case "legal.consultations":
      return sql`select count(*) from consultation_bookings where status = 'attended' and ${hourScope} and ${within(bj("starts_at"))}`;
    case "legal.withOutcome":
      return sql`select count(*) from consultation_bookings where status in ('attended', 'subject_no_show', 'lawyer_no_show') and ${hourScope} and ${within(bj("starts_at"))}`;
    case "legal.noShows":
      return sql`select count(*) from consultation_bookings where status in ('subject_no_show', 'lawyer_no_show') and ${hourScope} and ${within(bj("starts_at"))}`;
    case "legal.officesWithoutHours":
      return sql`select count(*) from organizations o where o.kind = 'office' and ${col("o.id", "o.district_id")}
        and not exists (select 1 from office_hour_rules h where h.office_id = o.id and h.active
          and h.valid_from <= '2026-12-20'::date and (h.valid_to is null or h.valid_to >= '2026-11-20'::date))`;
    case "organizations.pending":
      return scope.kind === "office"
        ? null
        : sql`select count(*) from organizations where status = 'pending' and kind in ('enterprise', 'law_firm', 'social_org') and district_id = ${scope.id}`;
    case "awards.inProgress":
      return sql`select count(*) from nominations where status in ('submitted', 'returned', 'in_notice') and ${hourScope}`;
    default:
      if (/^employment\.(retained|checked)\d+$/.test(figure)) {
        const days = Number(figure.replace(/\D/g, ""));
        const statuses = figure.includes("retained")
          ? sql`('still_employed')`
          : sql`('still_employed', 'ended')`;
        return sql`select count(*) from retention_checkins c join placements p on p.id = c.placement_id
          where c.day_mark = ${days} and c.status in ${statuses} and ${col("p.office_id", "p.district_id")} and ${within(sql`c.due_on`)}`;
      }
      return null;
  }
}

async function directValue(figure: string, scope: OversightScope, period: Period): Promise<number | null> {
  const query = direct(figure, scope, period);
  if (!query) return null;
  const [row] = await selectRows<Record<string, unknown>>(db, query);
  const value = Object.values(row ?? {})[0];
  return value === null || value === undefined ? null : Number(value);
}

const actorFor = (user: TestUser) =>
  actorOf(
    {
      id: user.id,
      role: user.role,
      organizationId: user.organizationId,
      organizationStatus: "verified",
      districtId: user.districtId,
    },
    rolePermissionSeed[user.role],
  );

const periods = ["2026-11", "2026-10", "2026"];

describe("oversight dashboards", () => {
  const dashboardFigures = baseFigures.filter(
    (figure) => !figure.key.startsWith("public.") && !figure.dimension,
  );

  it("every base figure equals a direct count over the raw rows, per office and district, month and year", async () => {
    const scopes = [
      (await resolveScope(db, actorFor(bureauAdmin), null)).scope,
      (await resolveScope(db, actorFor(bureauAdmin), officeA.id)).scope,
      (await resolveScope(db, actorFor(bureauAdmin), officeB.id)).scope,
    ];
    let compared = 0;
    for (const scope of scopes) {
      for (const key of periods) {
        const period = parsePeriod(key, now);
        const data = await loadDashboard(db, scope, period, now);
        for (const figure of dashboardFigures) {
          if (figure.districtOnly && scope.kind === "office") continue;
          const expected = await directValue(figure.key, scope, period);
          expect(expected, `direct count for ${figure.key}`).not.toBeUndefined();
          const shown = valueOf(data.values, figure.key);
          expect({ figure: figure.key, scope: scope.kind, period: key, value: shown }).toEqual({
            figure: figure.key,
            scope: scope.kind,
            period: key,
            value: figure.aggregate === "median" ? expected : (expected ?? 0),
          });
          compared += 1;
        }
      }
    }
    expect(compared).toBeGreaterThan(150);
  });

  it("knows the data: the figures that matter have their hand-counted values", async () => {
    const { scope } = await resolveScope(db, actorFor(bureauAdmin), null);
    const november = await loadDashboard(db, scope, parsePeriod("2026-11", now), now);
    const value = (key: string) => valueOf(november.values, key);
    expect(value("volunteers.active")).toBe(2); // v1 (both offices, once) and v3
    expect(value("volunteers.minutes")).toBe(120 + 90 + 60 + 200);
    expect(value("volunteers.activities")).toBe(2); // the 1 Dec one (Beijing) and the cancelled one are not
    expect(value("volunteers.fillRate")).toBeCloseTo(8 / 14);
    expect(value("volunteers.pendingVolunteers")).toBe(2);
    expect(value("matching.openNeeds")).toBe(2);
    expect(value("matching.overdueNeeds")).toBe(2);
    expect(value("matching.overdueReferrals")).toBe(1);
    // n2 answered after 120 minutes, n3 after 31 days and 30 minutes (44 670); n4 declined.
    expect(value("matching.acceptMinutes")).toBe((120 + 44_670) / 2);
    expect(value("matching.resolutionRate")).toBe(0.5);
    expect(value("legal.consultations")).toBe(2);
    expect(value("legal.noShowRate")).toBe(0.5);
    expect(value("legal.officesWithoutHours")).toBe(1);
    expect(value("organizations.pending")).toBe(2);
    expect(value("awards.inProgress")).toBe(2);
    expect(november.values.get("matching.openNeedsByCategory|psychological")).toBe(1);
    expect(november.values.get("matching.openNeedsByUrgency|urgent")).toBe(2);
    expect(november.byOffice.get(officeA.id)?.get("volunteers.minutes")).toBe(210);
    expect(november.trend.months.at(-1)).toBe("2026-11");
    expect(november.trend.series["volunteers.minutes"]!.at(-2)).toBe(45);
    expect(november.refresh?.refreshedAt.toISOString()).toBe(now.toISOString());
    const year = await loadDashboard(db, scope, parsePeriod("2026", now), now);
    expect(valueOf(year.values, "volunteers.active")).toBe(3);
  });

  it("the records behind each figure's link are the rows it counts", async () => {
    const { scope } = await resolveScope(db, actorFor(bureauAdmin), null);
    const period = parsePeriod("2026-11", now);
    const data = await loadDashboard(db, scope, period, now);
    for (const group of figureGroups) {
      for (const key of dashboardOrder[group]) {
        const figure = baseFigures.find((candidate) => candidate.key === key);
        if (!figure || figure.aggregate === "median") continue;
        const list = await listFigureRecords(db, { figure: key, scope, period, dimension: null, now }, 1);
        expect(list, key).not.toBeNull();
        if (figure.aggregate === "sum") {
          const sum = list!.rows.reduce((total, row) => total + (row.amount ?? 0), 0);
          expect({ key, sum }).toEqual({ key, sum: data.values.get(key) ?? 0 });
        } else {
          expect({ key, total: list!.total }).toEqual({ key, total: data.values.get(key) ?? 0 });
        }
      }
    }
    const byCategory = await listFigureRecords(
      db,
      { figure: "matching.openNeedsByCategory", scope, period, dimension: "hardship", now },
      1,
    );
    expect(byCategory!.total).toBe(1);
  });

  it("office staff see their own office only; another office is not found", async () => {
    const own = await resolveScope(db, actorFor(staffA), null);
    expect(own.scope).toMatchObject({ kind: "office", id: officeA.id });
    await expect(resolveScope(db, actorFor(staffA), officeB.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveScope(db, actorFor(bureauAdmin), otherDistrictOffice.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it("public totals add up every district (a direct count over the raw rows)", async () => {
    const totals = await publicTotals(db);
    const [counts] = await selectRows<{
      volunteers: number;
      minutes: number;
      organizations: number;
      consultations: number;
    }>(
      db,
      sql`select
        (select count(*) from volunteer_profiles where status = 'approved')::int as volunteers,
        (select coalesce(sum(approved_minutes), 0) from volunteer_profiles where status in ('approved', 'suspended'))::int as minutes,
        (select count(*) from organizations where status = 'verified' and kind in ('enterprise', 'law_firm', 'social_org'))::int as organizations,
        (select count(*) from consultation_bookings where status = 'attended')::int as consultations`,
    );
    expect(totals).toEqual({
      volunteers: Number(counts!.volunteers),
      minutes: Number(counts!.minutes),
      organizations: Number(counts!.organizations),
      consultations: Number(counts!.consultations),
    });
  });
});

describe("oversight pages and exports", () => {
  const dashboardRoute = () => import("~/routes/staff.oversight._index");
  const recordsRoute = () => import("~/routes/staff.oversight.records");
  const csvRoute = () => import("~/routes/staff.oversight.records[.csv]");
  const auditRows = async () =>
    selectRows<{ actor_id: string; entity_type: string; details: Record<string, unknown> }>(
      db,
      sql`select actor_id, entity_type, details from audit_log where action = 'export' order by sequence`,
    );

  beforeAll(() => setClock({ fixedAt: now }));
  afterAll(() => resetClock());

  it("the district dashboard links each figure to its records and draws charts as SVG with tables", async () => {
    const { loader } = await dashboardRoute();
    const answer = await routeAnswer(
      await loader(routeArgs(await signedInRequest(db, bureauAdmin, "/staff/oversight?period=2026-11"))),
    );
    expect(answer.status).toBe(200);
    const body = answer.body as Awaited<ReturnType<typeof loader>>;
    const minutes = body.groups
      .flatMap((group) => group.figures)
      .find((figure) => figure.key === "volunteers.minutes")!;
    expect(minutes.href).toBe("/staff/oversight/records?figure=volunteers.minutes&period=2026-11");
    expect(minutes.display).toBe("7.8 小时");
    expect(body.charts.map((chart) => chart.id)).toContain("hoursByOffice");
    const svg = Buffer.from(
      body.charts[0]!.src.replace("data:image/svg+xml;base64,", ""),
      "base64",
    ).toString();
    expect(svg.startsWith("<svg")).toBe(true);
    expect(body.charts[0]!.table.categories).toHaveLength(12);
    expect(body.comparison!.rows.map((row) => row.id).sort()).toEqual([officeA.id, officeB.id].sort());
  });

  it("another district's office, or another office for office staff, is not found", async () => {
    const { loader } = await dashboardRoute();
    const other = await routeAnswer(
      await loader(
        routeArgs(
          await signedInRequest(db, bureauAdmin, `/staff/oversight?office=${otherDistrictOffice.id}`),
        ),
      ).catch((error: unknown) => error),
    );
    expect(other.status).toBe(404);
    const sibling = await routeAnswer(
      await loader(
        routeArgs(await signedInRequest(db, staffA, `/staff/oversight?office=${officeB.id}`)),
      ).catch((error: unknown) => error),
    );
    expect(sibling.status).toBe(404);
  });

  it("the records page lists what the figure counts, in the scope of the link", async () => {
    const { loader } = await recordsRoute();
    const answer = await routeAnswer(
      await loader(
        routeArgs(
          await signedInRequest(
            db,
            staffA,
            "/staff/oversight/records?figure=matching.openNeeds&period=2026-11",
          ),
        ),
      ),
    );
    expect(answer.status).toBe(200);
    const body = answer.body as Awaited<ReturnType<typeof loader>>;
    expect(body.total).toBe(1);
    expect(body.rows[0]!.reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });

  it("a CSV export honours the scope and writes one audit row; roles without the grant get 403", async () => {
    const { loader } = await csvRoute();
    const before = (await auditRows()).length;
    const response = (await loader(
      routeArgs(
        await signedInRequest(
          db,
          staffA,
          "/staff/oversight/records.csv?figure=volunteers.minutes&period=2026-11",
        ),
      ),
    )) as Response;
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split("\r\n");
    expect(lines).toHaveLength(1 + 2); // office A's two November records of v1, not office B's
    const audit = await auditRows();
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)).toMatchObject({
      actor_id: staffA.id,
      entity_type: "oversight-records",
      details: { figure: "volunteers.minutes", period: "2026-11", scope: "office", rows: 2 },
    });

    const volunteer = await createUser(db, "provider_member", { districtId: district.id });
    const refused = await routeAnswer(
      await loader(
        routeArgs(
          await signedInRequest(
            db,
            volunteer,
            "/staff/oversight/records.csv?figure=volunteers.minutes&period=2026-11",
          ),
        ),
      ).catch((error: unknown) => error),
    );
    expect(refused.status).toBe(403);
    const elsewhere = await routeAnswer(
      await loader(
        routeArgs(
          await signedInRequest(
            db,
            staffA,
            `/staff/oversight/records.csv?figure=volunteers.minutes&office=${officeB.id}`,
          ),
        ),
      ).catch((error: unknown) => error),
    );
    expect(elsewhere.status).toBe(404);
    expect(await auditRows()).toHaveLength(before + 1);
  });
});

describe("public totals on the landing page", () => {
  it("shows counts of 5 and more, withholds smaller ones", async () => {
    await createVolunteer(db, { officeId: officeB.id, districtId: district.id });
    await createVolunteer(db, { officeId: officeB.id, districtId: district.id });
    await refreshOversightFigures(db, now);
    const { loader } = await import("~/routes/_index");
    const answer = await routeAnswer(
      await loader(routeArgs(new Request("http://portal.test/")) as Parameters<typeof loader>[0]),
    );
    const body = answer.body as Awaited<ReturnType<typeof loader>>;
    expect(body.totals.volunteers).toBe(6); // 4 approved before, 2 now (pending ones are not counted)
    expect(body.totals.consultations).toBeNull(); // 3 attended: fewer than 5
    expect(body.totals.hours).toBeNull(); // the raw hour rows above leave the running totals at 0
  });
});

describe("the monthly report", () => {
  beforeAll(() => setClock({ fixedAt: now }));
  afterAll(() => resetClock());

  it("as a page holds every dashboard figure; as a PDF it is audited and refused without the grant", async () => {
    const page = await import("~/routes/staff.oversight.report");
    const answer = await routeAnswer(
      await page.loader(
        routeArgs(await signedInRequest(db, bureauAdmin, "/staff/oversight/report?period=2026-11")),
      ),
    );
    const body = answer.body as Awaited<ReturnType<typeof page.loader>>;
    const rows = body.report.sections.flatMap((section) => section.rows);
    expect(rows.find((row) => row.label === "已审核服务时长")?.value).toBe("7.8 小时");
    expect(body.pdfHref).toBe("/staff/oversight/report.pdf?period=2026-11");

    const pdf = await import("~/routes/staff.oversight.report[.pdf]");
    const before = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where entity_type = 'oversight-report'`,
    );
    const response = (await pdf.loader(
      routeArgs(
        await signedInRequest(
          db,
          bureauAdmin,
          `/staff/oversight/report.pdf?period=2026-11&office=${officeA.id}`,
        ),
      ),
    )) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const after = await selectRows<{ n: number; office_id: string }>(
      db,
      sql`select count(*)::int as n, max(office_id::text) as office_id from audit_log where entity_type = 'oversight-report'`,
    );
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    expect(after[0]!.office_id).toBe(officeA.id);

    const lawyer = await createUser(db, "lawyer", { districtId: district.id });
    const refused = await routeAnswer(
      await pdf
        .loader(routeArgs(await signedInRequest(db, lawyer, "/staff/oversight/report.pdf")))
        .catch((error: unknown) => error),
    );
    expect(refused.status).toBe(403);
  });
});

describe("the weekly to-do digest", () => {
  // Monday 08:30 in Beijing would be the job's moment; 30 minutes after the refresh above is enough
  // here: the summary rows are fresh, so the digest reads them as they are (no recount).
  const digestNow = new Date(now.getTime() + 30 * 60_000);

  async function digestRows(userId: string) {
    return selectRows<{
      data: { items: { figure: string; count: number; url: string }[]; scopeName: string };
    }>(
      db,
      sql`select data from email_outbox where template = 'oversight-digest' and recipient_user_id = ${userId}`,
    );
  }

  it("mails each office's staff and the bureau admin what waits in their scope, once a week, unless turned off", async () => {
    // staffB turned this kind of mail off: the in-app notification is still written, no mail.
    await setNotificationPreference(db, staffB.id, "oversight-digest", { emailEnabled: false });
    const first = await sendOversightDigests(db, digestNow);
    expect(first.week).toBe("2026-11-16");

    const district = (await resolveScope(db, actorFor(bureauAdmin), null)).scope;
    const districtValues = (await loadDashboard(db, district, parsePeriod("2026-11", now), now)).values;
    const [adminMail, ...moreAdmin] = await digestRows(bureauAdmin.id);
    expect(moreAdmin).toEqual([]);
    expect(adminMail!.data.scopeName).toBe(district.name);
    expect(adminMail!.data.items).toEqual(digestItems(districtValues));
    // The hand-counted district figures of the data above (see "knows the data").
    const counts = Object.fromEntries(adminMail!.data.items.map((item) => [item.figure, item.count]));
    expect(counts).toMatchObject({
      "volunteers.pendingVolunteers": 2,
      "matching.overdueReferrals": 1,
      "matching.overdueNeeds": 2,
      "matching.openNeeds": 2,
      "organizations.pending": 2,
      "legal.officesWithoutHours": 1,
      "awards.inProgress": 2,
    });
    expect(
      adminMail!.data.items.every((item) => item.url.startsWith("/staff/oversight/records?figure=")),
    ).toBe(true);

    const office = (await resolveScope(db, actorFor(staffA), null)).scope;
    const officeValues = (await loadDashboard(db, office, parsePeriod("2026-11", now), now)).values;
    const [staffMail] = await digestRows(staffA.id);
    expect(staffMail!.data.items).toEqual(digestItems(officeValues));
    expect(staffMail!.data.items.map((item) => item.figure)).not.toContain("organizations.pending");

    expect(await digestRows(staffB.id)).toEqual([]);
    const [inApp] = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from notifications where user_id = ${staffB.id} and kind = 'oversight-digest'`,
    );
    expect(inApp!.n).toBe(1);

    // Every later run of the same week records nothing new.
    const again = await sendOversightDigests(db, new Date(digestNow.getTime() + 15 * 60_000));
    expect(again.queued).toBe(0);
    expect(await digestRows(bureauAdmin.id)).toHaveLength(1);

    // The mail renders in both languages with a link per figure and no case code or name of a person.
    for (const language of ["zh-CN", "en"] as const) {
      const mail = await renderEmail("oversight-digest", adminMail!.data, language, "https://portal.example");
      expect(mail.html).toContain(
        "https://portal.example/staff/oversight/records?figure=matching.overdueReferrals",
      );
      expect(mail.html).toContain(district.name);
      expect(mail.text).toContain(language === "en" ? "Service-hour records" : "待审核的志愿者注册");
    }
  });
});
