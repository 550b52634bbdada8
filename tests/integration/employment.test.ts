import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import {
  jobOffers,
  jobOfferVersions,
  jobReferrals,
  placements,
  retentionCheckins,
  trainingOffers,
} from "#db/schema/employment";
import { emailOutbox } from "#db/schema/notifications";
import { updateJobOffer } from "~/domains/employment/offers.server";
import { decideReferral, enrollInTraining, referToJob } from "~/domains/employment/referrals.server";
import { enterpriseReport } from "~/domains/employment/reports.server";
import {
  listDueCheckins,
  recordCheckin,
  sendDueCheckinReminders,
} from "~/domains/employment/retention.server";
import { declineSchema } from "~/domains/employment/validation";
import { recordConsent } from "~/domains/subjects/consent.server";
import { presentSubjectTo } from "~/domains/subjects/presenter.server";
import { advanceClock, resetClock, setClock } from "~/utils/clock.server";
import { connectDatabase, type Database } from "~/utils/db.server";
import {
  createCandidate,
  createEmploymentWorld,
  createOpenJobOffer,
  createOpenTrainingOffer,
  type EmploymentWorld,
  jobOfferInput,
} from "#tests/fixtures/employment-factories";
import { violatedConstraint } from "#tests/fixtures/errors";
import { routeAnswer, signedInRequest } from "#tests/fixtures/requests";
import * as referralPage from "~/routes/employment.referrals.$id";
import { resetDatabase, testConnection } from "./helpers";

const DAY = 86_400_000;
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

/** A referral of a new subject to `offerId`, moved to "interview scheduled". */
async function interviewedReferral(offerId: string) {
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
  return { referralId: referred.id, subject };
}

/** Separate pools on PostgreSQL, so the transactions really race; PGlite runs them in turn. */
async function racingHandles(count: number) {
  const serverUrl = inject("testServerUrl");
  const pools = serverUrl
    ? await Promise.all(
        Array.from({ length: count }, () =>
          connectDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 4 }),
        ),
      )
    : [];
  return {
    handles: pools.length > 0 ? pools.map((pool) => pool.db) : [db],
    close: () => Promise.all(pools.map((pool) => pool.close())),
  };
}

describe("openings", () => {
  it("are never exceeded under concurrent hires: 2 openings, 8 simultaneous hires → 2 hired", async () => {
    const offerId = await createOpenJobOffer(db, world, { openings: 2 });
    const referrals = [];
    for (let i = 0; i < 8; i++) referrals.push(await interviewedReferral(offerId));
    const { handles, close } = await racingHandles(4);
    try {
      const results = await Promise.all(
        referrals.map(({ referralId }, index) =>
          decideReferral(handles[index % handles.length]!, {
            actor: world.member,
            referralId,
            decision: { action: "hire", hiredOn: "2026-12-02" },
          }),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(2);
      expect(results.filter((result) => !result.ok)).toEqual(
        Array.from({ length: 6 }, () => ({ ok: false, error: "employment:errors.noOpenings" })),
      );
    } finally {
      await close();
    }
    const [offer] = await db.select().from(jobOffers).where(eq(jobOffers.id, offerId));
    expect(offer).toMatchObject({ hiredCount: 2, openings: 2, status: "filled" });
    const hired = await db
      .select()
      .from(jobReferrals)
      .where(and(eq(jobReferrals.jobOfferId, offerId), eq(jobReferrals.status, "hired")));
    expect(hired).toHaveLength(2);
    expect(await db.select().from(placements)).toHaveLength(2);
    expect(await db.select().from(retentionCheckins)).toHaveLength(6);
  });

  it("are guarded by the database even without the domain: a third hire fails on the trigger", async () => {
    const offerId = await createOpenJobOffer(db, world, { openings: 1 });
    const first = await interviewedReferral(offerId);
    const second = await interviewedReferral(offerId);
    await db
      .update(jobReferrals)
      .set({ status: "hired", hiredOn: "2026-12-02" })
      .where(eq(jobReferrals.id, first.referralId));
    expect(
      await violatedConstraint(
        db
          .update(jobReferrals)
          .set({ status: "hired", hiredOn: "2026-12-02" })
          .where(eq(jobReferrals.id, second.referralId)),
      ),
    ).toBe("job_offers_open_for_hire");
    expect(
      await violatedConstraint(
        db
          .update(jobOffers)
          .set({ hiredCount: 4 })
          .where(eq(jobOffers.id, await createOpenJobOffer(db, world, { openings: 3 }))),
      ),
    ).toBe("job_offers_hired_within_openings");
  });

  it("training capacity holds under concurrent enrollments: capacity 3, 8 at once → 3 enrolled", async () => {
    const trainingId = await createOpenTrainingOffer(db, world, { capacity: 3 });
    const subjects = [];
    for (let i = 0; i < 8; i++) subjects.push(await createCandidate(db, world));
    const { handles, close } = await racingHandles(4);
    try {
      const results = await Promise.all(
        subjects.map((subject, index) =>
          enrollInTraining(handles[index % handles.length]!, {
            actor: world.staff,
            trainingOfferId: trainingId,
            caseCode: subject.caseCode,
            note: "",
          }),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(3);
      expect(
        results
          .filter((result) => !result.ok)
          .every((r) => !r.ok && "error" in r && r.error === "employment:errors.trainingFull"),
      ).toBe(true);
    } finally {
      await close();
    }
    const [training] = await db.select().from(trainingOffers).where(eq(trainingOffers.id, trainingId));
    expect(training).toMatchObject({ enrolledCount: 3, capacity: 3 });
  });
});

describe("not hired", () => {
  it("refuses a criminal record as the reason, coded or written in the note", async () => {
    const offerId = await createOpenJobOffer(db, world);
    const { referralId } = await interviewedReferral(offerId);
    const refused = { ok: false, field: "reason", error: "employment:errors.criminalRecordRefused" };
    expect(
      await decideReferral(db, {
        actor: world.member,
        referralId,
        decision: { action: "decline", reason: "criminal_record" as never, note: "" },
      }),
    ).toEqual(refused);
    expect(
      await decideReferral(db, {
        actor: world.member,
        referralId,
        decision: { action: "decline", reason: "other", note: "该人员有前科" },
      }),
    ).toEqual(refused);
    // The form's schema says the same, with the explanation's key.
    const parsed = declineSchema.safeParse({ reason: "criminal_record", note: "" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("employment:errors.criminalRecordRefused");
    // And the database has no such reason at all.
    expect(
      await violatedConstraint(
        db
          .update(jobReferrals)
          .set({ status: "not_hired", notHiredReason: "criminal_record" })
          .where(eq(jobReferrals.id, referralId)),
      ),
    ).toBe("job_referrals_not_hired_reason");
    const [stored] = await db.select().from(jobReferrals).where(eq(jobReferrals.id, referralId));
    expect(stored!.status).toBe("interview_scheduled");
    // A coded reason is accepted and the referring staff member is told.
    expect(
      await decideReferral(db, {
        actor: world.member,
        referralId,
        decision: { action: "decline", reason: "schedule_mismatch", note: "" },
      }),
    ).toEqual({ ok: true, id: referralId });
    const mails = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "employment-referral-outcome"));
    expect(mails.map((mail) => mail.recipientEmail)).toEqual([world.staff.email]);
  });

  it("the referral page refuses a posted criminal-record reason with the explanation, in place", async () => {
    const offerId = await createOpenJobOffer(db, world);
    const { referralId } = await interviewedReferral(offerId);
    const request = await signedInRequest(db, world.member, `/employment/referrals/${referralId}`, {
      form: { intent: "decline", reason: "criminal_record", note: "" },
      language: "en",
    });
    const answer = await routeAnswer(
      await referralPage.action({ request, params: { id: referralId }, context: { cspNonce: "" } }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual({
      reason: expect.objectContaining({ message: "employment:errors.criminalRecordRefused" }),
    });
    const [stored] = await db.select().from(jobReferrals).where(eq(jobReferrals.id, referralId));
    expect(stored!.status).toBe("interview_scheduled");
  });

  it("the database allows only the state machine's transitions", async () => {
    const offerId = await createOpenJobOffer(db, world);
    const subject = await createCandidate(db, world);
    const referred = await referToJob(db, {
      actor: world.staff,
      jobOfferId: offerId,
      caseCode: subject.caseCode,
      note: "",
    });
    if (!referred.ok) throw new Error("referral");
    expect(
      await violatedConstraint(
        db
          .update(jobReferrals)
          .set({ status: "hired", hiredOn: "2026-12-02" })
          .where(eq(jobReferrals.id, referred.id)),
      ),
    ).toBe("job_referrals_transition");
    expect(await violatedConstraint(db.delete(jobReferrals).where(eq(jobReferrals.id, referred.id)))).toBe(
      "job_referrals_transition",
    );
    // A hire needs an interview first.
    expect(
      await decideReferral(db, {
        actor: world.member,
        referralId: referred.id,
        decision: { action: "hire", hiredOn: "2026-12-02" },
      }),
    ).toEqual({ ok: false, error: "employment:errors.invalidTransition" });
  });
});

describe("referrals share only consented fields", () => {
  it("record the released fields and the presenter shows the enterprise exactly those", async () => {
    const offerId = await createOpenJobOffer(db, world);
    const consenting = await createCandidate(db, world);
    const silent = await createCandidate(db, world);
    const consent = await recordConsent(db, {
      subjectId: consenting.id,
      actor: world.staff,
      recipientOrganizationId: world.enterpriseId,
      purpose: "就业推荐",
      dataCategories: ["name", "phone"],
      expiresAt: new Date(START.getTime() + 365 * DAY),
    });
    expect(consent.ok).toBe(true);
    const first = await referToJob(db, {
      actor: world.staff,
      jobOfferId: offerId,
      caseCode: consenting.caseCode,
      note: "",
    });
    const second = await referToJob(db, {
      actor: world.staff,
      jobOfferId: offerId,
      caseCode: silent.caseCode,
      note: "",
    });
    if (!first.ok || !second.ok) throw new Error("referrals");
    const rows = await db
      .select({ id: jobReferrals.id, sharedFields: jobReferrals.sharedFields })
      .from(jobReferrals);
    expect(new Map(rows.map((row) => [row.id, row.sharedFields]))).toEqual(
      new Map([
        [first.id, ["name", "phone"]],
        [second.id, []],
      ]),
    );
    const shown = await presentSubjectTo(db, {
      subjectId: consenting.id,
      recipientOrganizationId: world.enterpriseId,
      viewerId: world.member.id,
    });
    expect(Object.keys(shown!).sort()).toEqual(["caseCode", "name", "phone"]);
    const hidden = await presentSubjectTo(db, {
      subjectId: silent.id,
      recipientOrganizationId: world.enterpriseId,
      viewerId: world.member.id,
    });
    expect(hidden).toEqual({ caseCode: silent.caseCode });
    // A second live referral of the same subject to the same offer is refused.
    expect(
      await referToJob(db, { actor: world.staff, jobOfferId: offerId, caseCode: silent.caseCode, note: "" }),
    ).toEqual({
      ok: false,
      field: "caseCode",
      error: "employment:errors.alreadyReferred",
    });
    // Staff of another office cannot refer this office's subject.
    const otherWorld = await createEmploymentWorld(db);
    expect(
      await referToJob(db, {
        actor: otherWorld.staff,
        jobOfferId: offerId,
        caseCode: consenting.caseCode,
        note: "",
      }),
    ).toEqual({
      ok: false,
      field: "caseCode",
      error: "employment:errors.caseCodeUnknown",
    });
  });
});

describe("versions", () => {
  it("an edit after publishing is a new version; versions are append-only", async () => {
    const offerId = await createOpenJobOffer(db, world);
    const edited = await updateJobOffer(db, {
      actor: world.member,
      id: offerId,
      offer: jobOfferInput(world, { wageMax: 7000 }),
    });
    expect(edited.ok).toBe(true);
    const versions = await db.select().from(jobOfferVersions).where(eq(jobOfferVersions.jobOfferId, offerId));
    expect(versions.map((v) => [v.version, (v.content as { wageMax: number }).wageMax]).sort()).toEqual([
      [1, 6500],
      [2, 7000],
    ]);
    expect(
      await violatedConstraint(db.delete(jobOfferVersions).where(eq(jobOfferVersions.jobOfferId, offerId))),
    ).toBe("job_offer_versions_append_only");
  });
});

describe("retention", () => {
  it("a hire schedules 30/90/180-day check-ins that come due, are mailed once, and show in the report", async () => {
    const offerId = await createOpenJobOffer(db, world);
    const { referralId, subject } = await interviewedReferral(offerId);
    expect(
      await decideReferral(db, {
        actor: world.member,
        referralId,
        decision: { action: "hire", hiredOn: "2026-12-01" },
      }),
    ).toEqual({ ok: true, id: referralId });
    const checkins = await db.select().from(retentionCheckins).orderBy(retentionCheckins.dayMark);
    expect(checkins.map((c) => [c.dayMark, c.dueOn])).toEqual([
      [30, "2026-12-31"],
      [90, "2027-03-01"],
      [180, "2027-05-30"],
    ]);
    expect(await listDueCheckins(db, "organization", world.member)).toEqual([]);
    expect(await sendDueCheckinReminders(db)).toEqual({ reminded: 0 });
    const early = await recordCheckin(db, {
      actor: world.member,
      scope: "organization",
      checkinId: checkins[0]!.id,
      answer: { outcome: "still_employed" },
    });
    expect(early).toEqual({ ok: false, error: "employment:errors.checkinNotDue" });

    advanceClock(30 * DAY);
    const due = await listDueCheckins(db, "organization", world.member);
    expect(due.map((c) => [c.dayMark, c.caseCode])).toEqual([[30, subject.caseCode]]);
    expect(await sendDueCheckinReminders(db)).toEqual({ reminded: 1 });
    expect(await sendDueCheckinReminders(db)).toEqual({ reminded: 0 });
    const reminders = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "employment-checkin-due"));
    expect(reminders.map((mail) => mail.recipientEmail).sort()).toEqual(
      [world.member.email, world.staff.email].sort(),
    );
    expect(
      await recordCheckin(db, {
        actor: world.member,
        scope: "organization",
        checkinId: checkins[0]!.id,
        answer: { outcome: "still_employed" },
      }),
    ).toEqual({ ok: true });

    advanceClock(70 * DAY);
    const report = await enterpriseReport(db, {
      enterpriseId: world.enterpriseId,
      scope: "organization",
      actor: world.member,
      period: { from: "2026-01-01", to: "2026-12-31" },
    });
    expect(report!.hires).toMatchObject([{ caseCode: subject.caseCode, daysRetained: 100, endedOn: null }]);
    expect(report!.retention.map((figure) => [figure.dayMark, figure.rate])).toEqual([
      [30, 1],
      [90, 1],
      [180, null],
    ]);
    // Staff of another district see no report of this enterprise.
    const outsider = await createEmploymentWorld(db);
    expect(
      await enterpriseReport(db, {
        enterpriseId: world.enterpriseId,
        scope: "district",
        actor: outsider.staff,
        period: { from: "2026-01-01", to: "2026-12-31" },
      }),
    ).toBeNull();
  });

  it("an ended placement voids its later check-ins", async () => {
    const offerId = await createOpenJobOffer(db, world);
    const { referralId } = await interviewedReferral(offerId);
    await decideReferral(db, {
      actor: world.member,
      referralId,
      decision: { action: "hire", hiredOn: "2026-12-01" },
    });
    advanceClock(31 * DAY);
    const [first] = await listDueCheckins(db, "office", world.staff);
    expect(
      await recordCheckin(db, {
        actor: world.staff,
        scope: "office",
        checkinId: first!.id,
        answer: { outcome: "ended", endedOn: "2026-12-20", endReason: "resigned", endNote: "" },
      }),
    ).toEqual({ ok: true });
    const statuses = await db
      .select({ mark: retentionCheckins.dayMark, status: retentionCheckins.status })
      .from(retentionCheckins)
      .orderBy(retentionCheckins.dayMark);
    expect(statuses).toEqual([
      { mark: 30, status: "ended" },
      { mark: 90, status: "void" },
      { mark: 180, status: "void" },
    ]);
    const [placement] = await db.select().from(placements);
    expect(placement).toMatchObject({ status: "ended", endedOn: "2026-12-20", endReason: "resigned" });
    const count = await db.execute(sql`select 1`);
    expect(count).toBeTruthy();
  });
});
