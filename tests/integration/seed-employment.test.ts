/**
 * The employment demo: enterprise@demo.portal has open job and training offers, referrals in each
 * state, one hire whose 30-day check-in is due and one retained past 90 days.
 */
import { asc, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#db/seed";
import { users } from "#db/schema/accounts";
import {
  jobOffers,
  jobReferrals,
  retentionCheckins,
  trainingEnrollments,
  trainingOffers,
} from "#db/schema/employment";
import { actorOf } from "~/domains/accounts/actor";
import { listEnterpriseOffers } from "~/domains/employment/offers.server";
import { enterpriseReport } from "~/domains/employment/reports.server";
import { listDueCheckins } from "~/domains/employment/retention.server";
import type { Database } from "~/utils/db.server";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
let enterprise: { id: string; organizationId: string; districtId: string };

beforeAll(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  expect((await seedDemoData(db)).seeded).toBe(true);
  const [user] = await db
    .select({ id: users.id, organizationId: users.organizationId })
    .from(users)
    .where(eq(users.email, "enterprise@demo.portal"));
  const actor = actorOf(
    { ...user!, role: "enterprise_member", organizationStatus: "verified", districtId: null },
    [],
  );
  enterprise = { id: actor.id, organizationId: user!.organizationId!, districtId: "" };
});

describe("employment demo", () => {
  it("has open job and training offers", async () => {
    const offers = await listEnterpriseOffers(db, enterprise);
    expect(offers.jobs.filter((offer) => offer.status === "open").length).toBeGreaterThanOrEqual(2);
    expect(offers.trainings.filter((offer) => offer.status === "open").length).toBeGreaterThanOrEqual(1);
    // One statement for both lists: the same rows as a direct read of each table, newest first.
    const jobs = await db
      .select({
        id: jobOffers.id,
        title: jobOffers.title,
        status: jobOffers.status,
        openings: jobOffers.openings,
        hiredCount: jobOffers.hiredCount,
        closesOn: jobOffers.closesOn,
        version: jobOffers.version,
      })
      .from(jobOffers)
      .where(eq(jobOffers.enterpriseId, enterprise.organizationId))
      .orderBy(desc(jobOffers.createdAt), asc(jobOffers.id));
    const trainings = await db
      .select({
        id: trainingOffers.id,
        course: trainingOffers.course,
        status: trainingOffers.status,
        capacity: trainingOffers.capacity,
        enrolledCount: trainingOffers.enrolledCount,
        closesOn: trainingOffers.closesOn,
      })
      .from(trainingOffers)
      .where(eq(trainingOffers.enterpriseId, enterprise.organizationId))
      .orderBy(desc(trainingOffers.createdAt), asc(trainingOffers.id));
    // The demo's lists fit the first page of each.
    expect(offers).toMatchObject({
      jobs,
      trainings,
      jobsTotal: jobs.length,
      trainingsTotal: trainings.length,
    });
  });

  it("has referrals and enrollments in every state", async () => {
    const referrals = await db.select({ status: jobReferrals.status }).from(jobReferrals);
    expect(new Set(referrals.map((row) => row.status))).toEqual(
      new Set(["referred", "interview_scheduled", "hired", "not_hired"]),
    );
    const enrollments = await db.select({ status: trainingEnrollments.status }).from(trainingEnrollments);
    expect(new Set(enrollments.map((row) => row.status))).toEqual(
      new Set(["enrolled", "attending", "completed", "dropped"]),
    );
  });

  it("has one hire whose 30-day check-in is due and one retained past 90 days", async () => {
    const due = await listDueCheckins(db, "organization", enterprise);
    expect(due.map((checkin) => checkin.dayMark)).toEqual([30]);
    const confirmed = await db
      .select({ dayMark: retentionCheckins.dayMark })
      .from(retentionCheckins)
      .where(eq(retentionCheckins.status, "still_employed"));
    expect(confirmed.map((row) => row.dayMark).sort((a, b) => a - b)).toEqual([30, 90]);
    const report = await enterpriseReport(db, {
      enterpriseId: enterprise.organizationId,
      scope: "organization",
      actor: enterprise,
      period: { from: "2000-01-01", to: "2100-12-31" },
    });
    expect(report!.hires.map((hire) => hire.daysRetained).sort((a, b) => a - b)).toEqual([35, 100]);
    expect(report!.retention.find((figure) => figure.dayMark === 90)!.rate).toBe(1);
    expect(report!.trainingsCompleted).toHaveLength(1);
  });
});
