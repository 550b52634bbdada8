/**
 * The employment forms through their routes (issue 11 on the shared form pieces, issue 12 on
 * duplicate submissions): every form that creates something — an offer, a session, a referral, an
 * enrollment, a referral's decision, a check-in's answer — creates it once per rendering however
 * often it is sent, and every answer leads where the first one did; a refused form answers 400 with
 * every field's error at once and what was typed, and writes nothing.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  enterpriseProfiles,
  jobOffers,
  jobReferrals,
  placements,
  retentionCheckins,
  trainingEnrollments,
  trainingOffers,
  trainingSessions,
} from "#db/schema/employment";
import { decideReferral, referToJob } from "~/domains/employment/referrals.server";
import { resetClock, setClock } from "~/utils/clock.server";
import type { Database } from "~/utils/db.server";
import {
  createCandidate,
  createEmploymentWorld,
  createOpenJobOffer,
  createOpenTrainingOffer,
  type EmploymentWorld,
} from "#tests/fixtures/employment-factories";
import { createDistrict } from "#tests/fixtures/factories";
import { signedInRequest, routeCall } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

const DAY = 86_400_000;
// Tuesday 2026-12-01, 10:00 in Beijing.
const START = new Date("2026-12-01T02:00:00Z");

let db: Database;
let world: EmploymentWorld;

beforeAll(async () => {
  db = (await testConnection()).db;
});
beforeEach(async () => {
  await resetDatabase();
  setClock({ fixedAt: START });
  world = await createEmploymentWorld(db);
});
afterEach(() => resetClock());

type Route = {
  loader: (args: never) => Promise<unknown>;
  action: (args: never) => Promise<unknown>;
};
type User = EmploymentWorld["member"];

const args = (request: Request, params: Record<string, string>) =>
  ({ request, params, context: { cspNonce: "" } }) as never;

/** The page's data as its loader gives it to `user`. */
async function page(route: Route, user: User, path: string, params: Record<string, string> = {}) {
  const answer = await routeCall(async () =>
    route.loader(args(await signedInRequest(db, user, path), params)),
  );
  expect(answer.status).toBe(200);
  return answer.body;
}

/** The same form posted `times` times at once, then once more after they all answered. */
async function sendRepeatedly(
  route: Route,
  user: User,
  path: string,
  form: Record<string, string | string[]>,
  params: Record<string, string> = {},
  times = 3,
) {
  const post = () =>
    routeCall(async () => route.action(args(await signedInRequest(db, user, path, { form }), params)));
  const together = await Promise.all(Array.from({ length: times - 1 }, post));
  return [...together, await post()];
}

const answered = (answers: { status: number; location: string | null }[]) =>
  answers.map((answer) => [answer.status, answer.location]);

const jobForm = () => ({
  title: "包装操作工",
  category: "manufacturing",
  openings: "2",
  wageMin: "4500",
  wageMax: "6000",
  workDistrictId: world.districtId,
  workAddress: "示范区工业园 9 号",
  hours: "8:00-17:00",
  requirements: "",
  benefits: "",
  accommodation: "on",
  startsOn: "2027-01-04",
  closesOn: "2099-12-31",
});

/** A referral of a new subject to a new open job, moved to "interview scheduled". */
async function interviewedReferral() {
  const offerId = await createOpenJobOffer(db, world);
  const subject = await createCandidate(db, world);
  const referred = await referToJob(db, {
    actor: world.staff,
    jobOfferId: offerId,
    caseCode: subject.caseCode,
    note: "",
  });
  if (!referred.ok) throw new Error(JSON.stringify(referred));
  const scheduled = await decideReferral(db, {
    actor: world.member,
    referralId: referred.id,
    decision: {
      action: "schedule_interview",
      interviewAt: new Date(START.getTime() + DAY),
      interviewPlace: "人事部",
    },
  });
  if (!scheduled.ok) throw new Error(JSON.stringify(scheduled));
  return referred.id;
}

describe("the enterprise's creating forms", () => {
  it("a new job offer sent three times is one draft; every answer leads to it", async () => {
    const route = await import("~/routes/employment.jobs.new");
    const { submissionKey } = await page(route, world.member, "/employment/jobs/new");
    const answers = await sendRepeatedly(route, world.member, "/employment/jobs/new", {
      ...jobForm(),
      submissionKey: submissionKey as string,
    });
    const rows = await db.select().from(jobOffers).where(eq(jobOffers.enterpriseId, world.enterpriseId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "draft", openings: 2, wageMin: 4500, accommodation: true });
    expect(answered(answers)).toEqual(
      Array.from({ length: 3 }, () => [302, `/employment/jobs/${rows[0]!.id}`]),
    );
    // A new rendering of the form is a new offer.
    const again = await page(route, world.member, "/employment/jobs/new");
    expect(again.submissionKey).not.toBe(submissionKey);
    // A scripted post without the form's key creates nothing and says why.
    const keyless = await routeCall(async () =>
      route.action(
        args(await signedInRequest(db, world.member, "/employment/jobs/new", { form: jobForm() }), {}),
      ),
    );
    expect(keyless.status).toBe(400);
    expect(keyless.body.formError).toBe("validation:form.invalid");
    expect(await db.select().from(jobOffers)).toHaveLength(1);
  });

  it("a refused job offer answers every error at once, keeps what was typed and saves nothing", async () => {
    const route = await import("~/routes/employment.jobs.new");
    const answer = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, world.member, "/employment/jobs/new", {
            form: {
              ...jobForm(),
              submissionKey: "j".repeat(22),
              title: "",
              openings: "",
              wageMin: "6000",
              wageMax: "4500",
              closesOn: "2099-02-30",
            },
          }),
          {},
        ),
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual({
      title: expect.objectContaining({ message: "employment:errors.title" }),
      openings: expect.objectContaining({ message: "employment:errors.openings" }),
      wageMax: expect.objectContaining({ message: "employment:errors.wageRange" }),
      closesOn: expect.objectContaining({ message: "employment:errors.date" }),
    });
    expect(answer.body.values).toMatchObject({
      title: "",
      wageMin: "6000",
      wageMax: "4500",
      workAddress: "示范区工业园 9 号",
      accommodation: "on",
    });
    expect(await db.select().from(jobOffers)).toHaveLength(0);
  });

  it("a new training sent three times is one draft", async () => {
    const route = await import("~/routes/employment.trainings.new");
    const { submissionKey } = await page(route, world.member, "/employment/trainings/new");
    const answers = await sendRepeatedly(route, world.member, "/employment/trainings/new", {
      submissionKey: submissionKey as string,
      course: "叉车培训",
      category: "logistics",
      provider: "测试培训中心",
      districtId: world.districtId,
      place: "培训楼 101",
      capacity: "5",
      certificate: "",
      costYuan: "",
      description: "",
      closesOn: "2099-12-31",
    });
    const rows = await db.select().from(trainingOffers);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ capacity: 5, costYuan: 0 });
    expect(answered(answers)).toEqual(
      Array.from({ length: 3 }, () => [302, `/employment/trainings/${rows[0]!.id}`]),
    );
  });

  it("a session sent three times is added once; a refused one answers on the session form", async () => {
    const trainingId = await createOpenTrainingOffer(db, world);
    const route = await import("~/routes/employment.trainings.$id");
    const path = `/employment/trainings/${trainingId}`;
    const { submissionKey } = await page(route, world.member, path, { id: trainingId });
    const session = {
      intent: "session",
      date: "2027-01-05",
      startTime: "09:00",
      endTime: "12:00",
      topic: "",
    };
    const answers = await sendRepeatedly(
      route,
      world.member,
      path,
      { ...session, submissionKey: submissionKey as string },
      { id: trainingId },
    );
    expect(answered(answers)).toEqual(Array.from({ length: 3 }, () => [302, path]));
    expect(
      await db.select().from(trainingSessions).where(eq(trainingSessions.trainingOfferId, trainingId)),
    ).toHaveLength(1);

    const refused = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, world.member, path, {
            form: {
              ...session,
              submissionKey: "s".repeat(22),
              date: "",
              startTime: "12:00",
              endTime: "09:00",
            },
          }),
          { id: trainingId },
        ),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.form).toBe("session");
    expect(refused.body.errors).toEqual({
      date: expect.objectContaining({ message: "employment:errors.date" }),
      endTime: expect.objectContaining({ message: "employment:errors.timeOrder" }),
    });
    expect(refused.body.values).toMatchObject({ startTime: "12:00", endTime: "09:00" });
    expect(
      await db.select().from(trainingSessions).where(eq(trainingSessions.trainingOfferId, trainingId)),
    ).toHaveLength(1);
  });

  it("a hire sent three times makes one placement with one set of check-ins", async () => {
    const referralId = await interviewedReferral();
    const route = await import("~/routes/employment.referrals.$id");
    const path = `/employment/referrals/${referralId}`;
    const { submissionKeys } = await page(route, world.member, path, { id: referralId });
    const answers = await sendRepeatedly(
      route,
      world.member,
      path,
      { intent: "hire", hiredOn: "2026-12-01", submissionKey: (submissionKeys as { hire: string }).hire },
      { id: referralId },
    );
    expect(answered(answers)).toEqual(Array.from({ length: 3 }, () => [302, path]));
    const made = await db.select().from(placements).where(eq(placements.referralId, referralId));
    expect(made).toHaveLength(1);
    expect(
      await db.select().from(retentionCheckins).where(eq(retentionCheckins.placementId, made[0]!.id)),
    ).toHaveLength(3);
    // The hire form of a page shown before the hire, posted later without its key: already decided.
    const stale = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, world.member, path, { form: { intent: "hire", hiredOn: "2026-12-01" } }),
          { id: referralId },
        ),
      ),
    );
    expect(stale.status).toBe(409);
    expect(stale.body.formError).toBe("employment:errors.invalidTransition");
  });

  it("a due check-in answered three times is answered once; every answer returns to the dashboard", async () => {
    const referralId = await interviewedReferral();
    const hired = await decideReferral(db, {
      actor: world.member,
      referralId,
      decision: { action: "hire", hiredOn: "2026-12-01" },
    });
    if (!hired.ok) throw new Error(JSON.stringify(hired));
    setClock({ fixedAt: new Date(START.getTime() + 31 * DAY) });
    const route = await import("~/routes/employment._index");
    const { checkins } = await page(route, world.member, "/employment");
    const [due] = checkins as { id: string; dayMark: number; submissionKey: string }[];
    expect(due).toMatchObject({ dayMark: 30 });
    const answers = await sendRepeatedly(route, world.member, "/employment", {
      checkinId: due!.id,
      outcome: "still_employed",
      submissionKey: due!.submissionKey,
    });
    expect(answered(answers)).toEqual(Array.from({ length: 3 }, () => [302, "/employment"]));
    const [row] = await db.select().from(retentionCheckins).where(eq(retentionCheckins.id, due!.id));
    expect(row).toMatchObject({ status: "still_employed", recordedBy: world.member.id });
  });

  it("an end of employment refused answers on its row's form with what was typed", async () => {
    const referralId = await interviewedReferral();
    const hired = await decideReferral(db, {
      actor: world.member,
      referralId,
      decision: { action: "hire", hiredOn: "2026-12-01" },
    });
    if (!hired.ok) throw new Error(JSON.stringify(hired));
    setClock({ fixedAt: new Date(START.getTime() + 31 * DAY) });
    const route = await import("~/routes/employment._index");
    const { checkins } = await page(route, world.member, "/employment");
    const [due] = checkins as { id: string; submissionKey: string }[];
    // Before the hire: refused by the domain, on the field.
    const answer = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, world.member, "/employment", {
            form: {
              checkinId: due!.id,
              outcome: "ended",
              endedOn: "2026-11-01",
              endReason: "resigned",
              endNote: "另谋高就",
              submissionKey: due!.submissionKey,
            },
          }),
          {},
        ),
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.form).toBe(`checkin-${due!.id}-ended`);
    expect(answer.body.errors).toEqual({
      endedOn: expect.objectContaining({ message: "employment:errors.endedOn" }),
    });
    expect(answer.body.values).toMatchObject({ endedOn: "2026-11-01", endNote: "另谋高就" });
    const [row] = await db.select().from(retentionCheckins).where(eq(retentionCheckins.id, due!.id));
    expect(row!.status).toBe("pending");
    // The refusal gave the key back: the corrected form is accepted with it.
    const corrected = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, world.member, "/employment", {
            form: {
              checkinId: due!.id,
              outcome: "ended",
              endedOn: "2026-12-20",
              endReason: "resigned",
              endNote: "",
              submissionKey: due!.submissionKey,
            },
          }),
          {},
        ),
      ),
    );
    expect([corrected.status, corrected.location]).toEqual([302, "/employment"]);
    const [placement] = await db.select().from(placements).where(eq(placements.referralId, referralId));
    expect(placement).toMatchObject({ status: "ended", endedOn: "2026-12-20" });
  });

  it("the profile keeps every ticked hiring district, and a refusal echoes them", async () => {
    const route = await import("~/routes/employment.profile");
    const other = await createDistrict(db);
    const form = {
      industry: "logistics",
      size: "small",
      hiringDistrictIds: [world.districtId, other.id],
      contactName: "人事部 王经理",
      contactPhone: "0571-88886666",
      contactEmail: "",
      description: "",
    };
    const refused = await routeCall(async () =>
      route.action(args(await signedInRequest(db, world.member, "/employment/profile", { form }), {})),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual({
      pledge: expect.objectContaining({ message: "employment:errors.pledge" }),
    });
    expect(refused.body.values).toMatchObject({ hiringDistrictIds: [world.districtId, other.id] });
    const saved = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, world.member, "/employment/profile", { form: { ...form, pledge: "on" } }),
          {},
        ),
      ),
    );
    expect([saved.status, saved.location]).toEqual([302, "/employment/profile"]);
    const [profile] = await db
      .select()
      .from(enterpriseProfiles)
      .where(eq(enterpriseProfiles.organizationId, world.enterpriseId));
    expect(profile).toMatchObject({ industry: "logistics", contactEmail: null });
    expect([...profile!.hiringDistrictIds].sort()).toEqual([world.districtId, other.id].sort());
  });
});

describe("the office's creating forms", () => {
  it("a referral sent three times refers once; a refused one keeps the typed case code", async () => {
    const offerId = await createOpenJobOffer(db, world);
    const subject = await createCandidate(db, world);
    const route = await import("~/routes/staff.employment.jobs.$id");
    const path = `/staff/employment/jobs/${offerId}`;
    const { submissionKey } = await page(route, world.staff, path, { id: offerId });
    const answers = await sendRepeatedly(
      route,
      world.staff,
      path,
      { caseCode: subject.caseCode.toLowerCase(), note: "", submissionKey: submissionKey as string },
      { id: offerId },
    );
    expect(answered(answers)).toEqual(Array.from({ length: 3 }, () => [302, "/staff/employment/referrals"]));
    expect(await db.select().from(jobReferrals).where(eq(jobReferrals.jobOfferId, offerId))).toHaveLength(1);

    const refused = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, world.staff, path, {
            form: { caseCode: "K7QF-2M9X", note: "他有前科", submissionKey: "r".repeat(22) },
          }),
          { id: offerId },
        ),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual({
      caseCode: expect.objectContaining({ message: "employment:errors.caseCode" }),
      note: expect.objectContaining({ message: "employment:errors.noteCitesRecord" }),
    });
    expect(refused.body.values).toMatchObject({ caseCode: "K7QF-2M9X", note: "他有前科" });
  });

  it("an enrollment sent three times enrolls once", async () => {
    const trainingId = await createOpenTrainingOffer(db, world);
    const subject = await createCandidate(db, world);
    const route = await import("~/routes/staff.employment.trainings.$id");
    const path = `/staff/employment/trainings/${trainingId}`;
    const { submissionKey } = await page(route, world.staff, path, { id: trainingId });
    const answers = await sendRepeatedly(
      route,
      world.staff,
      path,
      { caseCode: subject.caseCode, note: "", submissionKey: submissionKey as string },
      { id: trainingId },
    );
    expect(answered(answers)).toEqual(Array.from({ length: 3 }, () => [302, "/staff/employment/referrals"]));
    expect(
      await db
        .select()
        .from(trainingEnrollments)
        .where(
          and(
            eq(trainingEnrollments.trainingOfferId, trainingId),
            eq(trainingEnrollments.subjectId, subject.id),
          ),
        ),
    ).toHaveLength(1);
  });
});
