/**
 * Matching against real PostgreSQL: the seeded taxonomy, needs and the art. 25 rule, ranking,
 * the closed loop to an outcome, capacity under concurrent acceptances, expiry on the injected
 * clock through the job registry, and providers kept out of each other's referrals.
 */
import { asc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { emailOutbox } from "#db/schema/notifications";
import {
  helpNeeds,
  providerCategories,
  providers,
  referralEvents,
  referrals,
  serviceCategories,
} from "#db/schema/matching";
import { subjects } from "#db/schema/subjects";
import { NotFoundError } from "~/domains/errors";
import { portalJobs } from "~/domains/jobs/portal-jobs.server";
import { createJobRunner } from "~/domains/jobs/registry.server";
import { confirmBatch, previewBatch } from "~/domains/matching/batch.server";
import { sendOpenNeedsDigests } from "~/domains/matching/digest.server";
import { importNeedsCsv } from "~/domains/matching/import.server";
import { listNeedBoard, registerNeed } from "~/domains/matching/needs.server";
import { providerReferral } from "~/domains/matching/provider-inbox.server";
import { saveProviderProfile } from "~/domains/matching/providers.server";
import { suggestProviders } from "~/domains/matching/ranking.server";
import {
  answerReferral,
  cancelReferral,
  closeReferral,
  recordProgress,
  sendReferral,
} from "~/domains/matching/referrals.server";
import { serviceCategories as taxonomy } from "~/domains/matching/taxonomy";
import { invalidateWorkingDayCalendar } from "~/domains/calendar/calendar.server";
import { connectDatabase, type Database } from "~/utils/db.server";
import { resetClock, setClock } from "~/utils/clock.server";
import { violatedConstraint } from "#tests/fixtures/errors";
import {
  createOffice,
  createSubject,
  createUser,
  createVolunteer,
  type TestUser,
  uniqueResidentId,
} from "#tests/fixtures/factories";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;

beforeAll(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
});
afterEach(() => resetClock());

const profile = (overrides: Partial<Parameters<typeof saveProviderProfile>[3]> = {}) => ({
  categoryIds: ["psychological"],
  coversDistrict: true,
  officeIds: [],
  languages: ["普通话"],
  workerGenders: ["female" as const, "male" as const],
  capacity: 3,
  paused: false,
  ...overrides,
});

/** A district with an office, its staff, and a provider member of a verified social organization. */
async function world() {
  const staff = await createUser(db, "office_staff");
  const ngo = await createUser(db, "provider_member", { districtId: staff.districtId });
  const saved = await saveProviderProfile(db, ngo, "organization", profile());
  if (!saved.ok) throw new Error(saved.error);
  return { staff, ngo, providerId: saved.providerId };
}

async function need(
  staff: TestUser,
  overrides: Partial<Parameters<typeof registerNeed>[2]> = {},
  gender: "male" | "female" = "male",
) {
  const subject = await createSubject(db, staff, { idNumber: uniqueResidentId("1988-04-04", gender) });
  const [row] = await db.select().from(subjects).where(eq(subjects.id, subject.id));
  const result = await registerNeed(db, staff, {
    caseCode: row!.caseCode,
    categoryId: "psychological.individual",
    urgency: "normal",
    languages: [],
    genderRequirement: "none",
    description: "希望获得情绪疏导，周末有空。",
    ...overrides,
  });
  if (!result.ok) throw new Error(result.error);
  return result.id;
}

describe("taxonomy", () => {
  it("the migration seeded exactly the two-level taxonomy of the code, in zh-CN and en", async () => {
    const rows = await db.select().from(serviceCategories).orderBy(asc(serviceCategories.sortOrder));
    expect(
      rows.map((row) => ({
        id: row.id,
        parentId: row.parentId,
        labelZh: row.labelZh,
        labelEn: row.labelEn,
        providerKinds: row.providerKinds,
      })),
    ).toEqual(taxonomy.map((category) => ({ ...category, providerKinds: [...category.providerKinds] })));
    expect(rows.filter((row) => row.level === 1).map((row) => row.id)).toEqual([
      "psychological",
      "family",
      "hardship",
      "schooling",
      "employment",
      "skills",
      "legal",
      "social_security",
      "other",
    ]);
  });

  it("refuses a third level", async () => {
    expect(
      await violatedConstraint(
        db.insert(serviceCategories).values({
          id: "legal.labour.x",
          level: 2,
          parentId: "legal.labour",
          parentLevel: 2,
          labelZh: "x",
          labelEn: "x",
          providerKinds: [],
          sortOrder: 1,
        }),
      ),
    ).toMatch(/service_categories_(two_levels|id_shape|parent_fk)/);
  });
});

describe("providers", () => {
  it("an enterprise cannot declare psychological counselling (code and database)", async () => {
    const member = await createUser(db, "enterprise_member");
    const result = await saveProviderProfile(db, member, "organization", profile());
    expect(result).toEqual({ ok: false, field: "categoryIds", error: "matching:errors.categoryNotForKind" });
    const ok = await saveProviderProfile(
      db,
      member,
      "organization",
      profile({ categoryIds: ["employment"] }),
    );
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(
      await violatedConstraint(
        db.insert(providerCategories).values({ providerId: ok.providerId, categoryId: "psychological" }),
      ),
    ).toBe("provider_categories_kind_allowed");
  });

  it("only an approved volunteer can offer help", async () => {
    const office = await createOffice(db);
    const pending = await createVolunteer(db, {
      officeId: office.id,
      districtId: office.districtId,
      status: "pending",
    });
    expect(await saveProviderProfile(db, pending, "own", profile())).toEqual({
      ok: false,
      field: "form",
      error: "matching:errors.volunteerNotApproved",
    });
    const approved = await createVolunteer(db, { officeId: office.id, districtId: office.districtId });
    expect((await saveProviderProfile(db, approved, "own", profile())).ok).toBe(true);
  });
});

describe("help needs", () => {
  it("a female subject's need always asks for a woman (社区矫正法 art. 25), in code and in the database", async () => {
    const { staff } = await world();
    const subject = await createSubject(db, staff, {
      idNumber: uniqueResidentId("1990-02-02", "female"),
    });
    const [row] = await db.select().from(subjects).where(eq(subjects.id, subject.id));
    expect(row!.gender).toBe("female");
    const result = await registerNeed(db, staff, {
      caseCode: row!.caseCode,
      categoryId: "family.mediation",
      urgency: "urgent",
      languages: [],
      genderRequirement: "none",
      description: "家庭矛盾需要调解。",
    });
    if (!result.ok) throw new Error(result.error);
    const [stored] = await db.select().from(helpNeeds).where(eq(helpNeeds.id, result.id));
    expect(stored!.genderRequirement).toBe("female");
    expect(
      await violatedConstraint(
        db.update(helpNeeds).set({ genderRequirement: "none" }).where(eq(helpNeeds.id, result.id)),
      ),
    ).toBe("help_needs_female_subject_needs_woman");
  });

  it("staff register needs only for their own office's subjects", async () => {
    const { staff } = await world();
    const other = await createUser(db, "office_staff");
    const subject = await createSubject(db, other);
    const [row] = await db.select().from(subjects).where(eq(subjects.id, subject.id));
    const result = await registerNeed(db, staff, {
      caseCode: row!.caseCode,
      categoryId: "legal",
      urgency: "low",
      languages: [],
      genderRequirement: "none",
      description: "咨询劳动合同问题。",
    });
    expect(result).toEqual({ ok: false, field: "caseCode", error: "matching:errors.caseCodeUnknown" });
  });
});

describe("the closed loop", () => {
  it("suggests, sends, accepts, records progress and resolves; capacity is taken and given back", async () => {
    const { staff, ngo, providerId } = await world();
    const needId = await need(staff);
    const { suggestions } = await suggestProviders(db, staff, "office", needId);
    expect(suggestions.map((suggestion) => suggestion.providerId)).toEqual([providerId]);
    expect(suggestions[0]!.parts.map((part) => part.part)).toContain("capacity");

    const sent = await sendReferral(db, staff, { needId, providerId, graceMinutes: 0 });
    if (!sent.ok) throw new Error(sent.error);
    expect((await db.select().from(helpNeeds).where(eq(helpNeeds.id, needId)))[0]!.status).toBe("referred");
    const mails = (await db.select().from(emailOutbox)).filter((mail) => mail.recipientEmail === ngo.email);
    expect(mails.map((mail) => mail.template).sort()).toEqual(["referral-received", "referral-reminder"]);

    expect((await answerReferral(db, ngo, "organization", sent.referralId, { action: "accept" })).ok).toBe(
      true,
    );
    expect((await db.select().from(providers).where(eq(providers.id, providerId)))[0]!.activeCases).toBe(1);
    // The reminder is withdrawn once answered.
    const reminder = (await db.select().from(emailOutbox)).find(
      (mail) => mail.template === "referral-reminder",
    );
    expect(reminder!.status).toBe("cancelled");

    expect(await recordProgress(db, ngo, "organization", sent.referralId, "已完成首次面谈。")).toMatchObject({
      status: "in_progress",
    });
    expect((await recordProgress(db, ngo, "organization", sent.referralId, "第二次面谈。")).ok).toBe(true);
    const closed = await closeReferral(db, ngo, "organization", sent.referralId, {
      outcome: "resolved",
      note: "情绪稳定，已结案。",
    });
    expect(closed).toMatchObject({ ok: true, status: "resolved" });

    const [provider] = await db.select().from(providers).where(eq(providers.id, providerId));
    expect(provider).toMatchObject({
      activeCases: 0,
      referralsAnswered: 1,
      referralsAccepted: 1,
      casesResolved: 1,
    });
    const [stored] = await db.select().from(helpNeeds).where(eq(helpNeeds.id, needId));
    expect(stored).toMatchObject({ status: "resolved", outcomeNote: "情绪稳定，已结案。" });
    const events = await db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, sent.referralId))
      .orderBy(asc(referralEvents.at));
    expect(events.map((event) => `${event.fromStatus}→${event.toStatus}`)).toEqual([
      "draft→sent",
      "sent→accepted",
      "accepted→in_progress",
      "in_progress→in_progress",
      "in_progress→resolved",
    ]);
    expect(events.every((event) => event.actorId !== null)).toBe(true);
    const staffMail = (await db.select().from(emailOutbox)).filter(
      (mail) => mail.recipientEmail === staff.email,
    );
    expect(staffMail.map((mail) => mail.template).sort()).toEqual(["referral-answered", "referral-closed"]);

    // Closed is closed: the database refuses to move it back.
    expect(
      await violatedConstraint(
        db.update(referrals).set({ status: "sent" }).where(eq(referrals.id, sent.referralId)),
      ),
    ).toBe("referrals_transition_allowed");
  });

  it("a declined need returns to matching with that provider excluded; a criminal record is no reason", async () => {
    const { staff, ngo, providerId } = await world();
    const needId = await need(staff);
    const sent = await sendReferral(db, staff, { needId, providerId });
    if (!sent.ok) throw new Error(sent.error);
    expect(
      await answerReferral(db, ngo, "organization", sent.referralId, {
        action: "decline",
        reason: "no_capacity",
      }),
    ).toMatchObject({ ok: true, status: "declined" });
    expect((await db.select().from(helpNeeds).where(eq(helpNeeds.id, needId)))[0]!.status).toBe("open");
    const again = await suggestProviders(db, staff, "office", needId);
    expect(again.suggestions).toEqual([]);
    expect(again.excludedCount).toBe(1);
    expect(await sendReferral(db, staff, { needId, providerId })).toMatchObject({
      ok: false,
      error: "matching:errors.providerIneligible",
    });
    expect(
      await violatedConstraint(
        db
          .update(referrals)
          .set({ declineReason: "criminal_record" })
          .where(eq(referrals.id, sent.referralId)),
      ),
    ).toBe("referrals_decline_reason");
  });

  it("a need has one live referral at a time; cancelling frees it without excluding the provider", async () => {
    const { staff, providerId } = await world();
    const needId = await need(staff);
    const sent = await sendReferral(db, staff, { needId, providerId });
    if (!sent.ok) throw new Error(sent.error);
    expect(await sendReferral(db, staff, { needId, providerId })).toMatchObject({
      ok: false,
      error: "matching:errors.needNotOpen",
    });
    expect((await cancelReferral(db, staff, sent.referralId)).ok).toBe(true);
    expect((await suggestProviders(db, staff, "office", needId)).suggestions).toHaveLength(1);
  });
});

describe("capacity", () => {
  it("never goes negative or over: 12 concurrent acceptances of a provider with 3 places → exactly 3", async () => {
    const { staff, ngo, providerId } = await world();
    const referralIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const sent = await sendReferral(db, staff, { needId: await need(staff), providerId });
      if (!sent.ok) throw new Error(sent.error);
      referralIds.push(sent.referralId);
    }
    // On PostgreSQL the acceptances race on separate pools; PGlite (one connection) runs them in turn.
    const serverUrl = inject("testServerUrl");
    const pools = serverUrl
      ? await Promise.all(
          Array.from({ length: 4 }, () =>
            connectDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 4 }),
          ),
        )
      : [];
    try {
      const handles = pools.length > 0 ? pools.map((pool) => pool.db) : [db];
      const results = await Promise.all(
        referralIds.map((id, index) =>
          answerReferral(handles[index % handles.length]!, ngo, "organization", id, { action: "accept" }),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(3);
      expect(results.filter((result) => !result.ok).map((result) => !result.ok && result.error)).toEqual(
        Array.from({ length: 9 }, () => "matching:errors.noCapacity"),
      );
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
    const [provider] = await db.select().from(providers).where(eq(providers.id, providerId));
    expect(provider!.activeCases).toBe(3);
    // Past the application's check, the database still refuses a fourth held place.
    const waiting = (await db.select().from(referrals).where(eq(referrals.providerId, providerId))).find(
      (row) => row.status === "sent",
    )!;
    expect(
      await violatedConstraint(
        db.update(referrals).set({ status: "accepted" }).where(eq(referrals.id, waiting.id)),
      ),
    ).toBe("providers_active_cases_within_capacity");
    // Nor can the provider shrink below what it holds.
    expect(await saveProviderProfile(db, ngo, "organization", profile({ capacity: 2 }))).toMatchObject({
      ok: false,
      field: "capacity",
    });
  });
});

describe("expiry", () => {
  it("runs on schedule: an unanswered referral expires after 2 working days + grace, on the moved clock", async () => {
    invalidateWorkingDayCalendar();
    const { staff, providerId } = await world();
    const needId = await need(staff);
    // Monday 2026-03-02 10:00 Beijing; due at the end of Wednesday (16:00 UTC) + 60 min grace.
    setClock({ fixedAt: new Date("2026-03-02T02:00:00Z") });
    const sent = await sendReferral(db, staff, { needId, providerId, graceMinutes: 60 });
    if (!sent.ok) throw new Error(sent.error);
    const [row] = await db.select().from(referrals).where(eq(referrals.id, sent.referralId));
    expect(row!.dueAt!.toISOString()).toBe("2026-03-04T17:00:00.000Z");

    const runner = createJobRunner({ db, jobs: portalJobs(undefined), workerId: "matching-test" });
    const expiryRun = async () => (await runner.runDue()).find((report) => report.name === "referral-expiry");

    setClock({ fixedAt: new Date("2026-03-04T16:59:00Z") });
    expect(await expiryRun()).toMatchObject({ ran: true, outcome: undefined });
    expect((await db.select().from(referrals).where(eq(referrals.id, sent.referralId)))[0]!.status).toBe(
      "sent",
    );

    setClock({ fixedAt: new Date("2026-03-04T17:05:00Z") });
    expect(await expiryRun()).toMatchObject({ ran: true, outcome: { summary: "expired 1 referral(s)" } });
    const [expired] = await db.select().from(referrals).where(eq(referrals.id, sent.referralId));
    expect(expired!.status).toBe("expired");
    expect((await db.select().from(helpNeeds).where(eq(helpNeeds.id, needId)))[0]!.status).toBe("open");
    const events = await db
      .select()
      .from(referralEvents)
      .where(eq(referralEvents.referralId, sent.referralId));
    expect(events.find((event) => event.toStatus === "expired")).toMatchObject({ actorId: null });
    expect(
      (await db.select().from(emailOutbox)).some(
        (mail) => mail.template === "referral-answered" && mail.recipientEmail === staff.email,
      ),
    ).toBe(true);
    expect((await suggestProviders(db, staff, "office", needId)).excludedCount).toBe(1);
  });
});

describe("providers' privacy", () => {
  it("a provider cannot read or answer another provider's referral", async () => {
    const { staff, ngo, providerId } = await world();
    const sent = await sendReferral(db, staff, { needId: await need(staff), providerId });
    if (!sent.ok) throw new Error(sent.error);
    const otherNgo = await createUser(db, "provider_member", { districtId: staff.districtId });
    expect((await saveProviderProfile(db, otherNgo, "organization", profile())).ok).toBe(true);
    await expect(providerReferral(db, otherNgo, "organization", sent.referralId)).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      answerReferral(db, otherNgo, "organization", sent.referralId, { action: "accept" }),
    ).rejects.toThrow(NotFoundError);
    const office = await createOffice(db, { districtId: staff.districtId! });
    const volunteer = await createVolunteer(db, { officeId: office.id, districtId: office.districtId });
    await expect(providerReferral(db, volunteer, "own", sent.referralId)).rejects.toThrow(NotFoundError);
    const view = await providerReferral(db, ngo, "organization", sent.referralId);
    expect(Object.keys(view.subject)).toEqual(["caseCode"]);
  });
});

describe("CSV import", () => {
  it("imports every row or none, naming the line of each problem", async () => {
    const { staff } = await world();
    const other = await createUser(db, "office_staff");
    const code = async (owner: TestUser) => {
      const subject = await createSubject(db, owner, { idNumber: uniqueResidentId("1980-01-01", "male") });
      return (await db.select().from(subjects).where(eq(subjects.id, subject.id)))[0]!.caseCode;
    };
    const [mine, theirs] = [await code(staff), await code(other)];
    const header = "case_code,category,urgency,description";
    const refused = await importNeedsCsv(
      db,
      staff,
      `${header}\n${mine},legal,low,咨询\n${theirs},legal,low,咨询\n`,
    );
    expect(refused).toEqual({
      ok: false,
      errors: [{ line: 3, field: "caseCode", error: "matching:errors.caseCodeUnknown" }],
    });
    expect(await db.select().from(helpNeeds).where(eq(helpNeeds.createdBy, staff.id))).toHaveLength(0);
    const imported = await importNeedsCsv(
      db,
      staff,
      `\uFEFF${header}\n${mine},legal,low,咨询\n${mine},skills,normal,培训\n`,
    );
    expect(imported).toMatchObject({ ok: true, imported: 2 });
    const rows = await db.select().from(helpNeeds).where(eq(helpNeeds.createdBy, staff.id));
    expect(rows.map((row) => row.importBatch)).toEqual([
      imported.ok && imported.batch,
      imported.ok && imported.batch,
    ]);
  });
});

describe("batch matching", () => {
  it("assigns open needs within capacity, previews without writing, sends only what staff confirm", async () => {
    const { staff, providerId } = await world();
    const second = await createUser(db, "provider_member", { districtId: staff.districtId });
    const secondSaved = await saveProviderProfile(db, second, "organization", profile({ capacity: 1 }));
    if (!secondSaved.ok) throw new Error(secondSaved.error);
    const needIds = [];
    for (let i = 0; i < 5; i++) needIds.push(await need(staff));
    const preview = await previewBatch(db, staff);
    expect(preview).not.toBeNull();
    // 3 + 1 places for 5 needs: 4 assigned, 1 left; nothing written yet.
    expect(preview!.pairs).toHaveLength(4);
    expect(preview!.unassigned).toBe(1);
    expect(preview!.totalScore).toBeGreaterThanOrEqual(preview!.greedyScore);
    const perProvider = new Map<string, number>();
    for (const pair of preview!.pairs)
      perProvider.set(pair.providerId, (perProvider.get(pair.providerId) ?? 0) + 1);
    expect(perProvider.get(providerId)).toBeLessThanOrEqual(3);
    expect(perProvider.get(secondSaved.providerId)).toBeLessThanOrEqual(1);
    expect(
      await db.select().from(referrals).where(eq(referrals.officeId, staff.organizationId!)),
    ).toHaveLength(0);

    const chosen = preview!.pairs.slice(0, 3).map(({ needId, providerId }) => ({ needId, providerId }));
    expect(await confirmBatch(db, staff, chosen)).toEqual({ sent: 3, failed: [] });
    expect(
      await db.select().from(referrals).where(eq(referrals.officeId, staff.organizationId!)),
    ).toHaveLength(3);
    // Confirming the same pairs again sends nothing more: the needs are no longer open.
    expect((await confirmBatch(db, staff, chosen)).failed).toHaveLength(3);
  });
});

describe("the staff board of needs", () => {
  it("lists overdue needs first, then the other live ones by target time, then closed ones", async () => {
    const { staff } = await world();
    const now = new Date("2026-05-04T02:00:00Z");
    setClock({ fixedAt: now });
    const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
    const ids = {
      dueLater: await need(staff),
      overdueSecond: await need(staff),
      closed: await need(staff),
      overdueFirst: await need(staff),
      dueSoon: await need(staff),
    };
    const set = (id: string, values: Partial<typeof helpNeeds.$inferInsert>) =>
      db.update(helpNeeds).set(values).where(eq(helpNeeds.id, id));
    await set(ids.dueLater, { respondBy: at(48) });
    await set(ids.overdueSecond, { respondBy: at(-2), status: "referred" });
    await set(ids.closed, { respondBy: at(-100), status: "cancelled", closedAt: at(-1) });
    await set(ids.overdueFirst, { respondBy: at(-30) });
    await set(ids.dueSoon, { respondBy: at(1) });
    const actor = {
      id: staff.id,
      role: staff.role,
      organizationId: staff.organizationId,
      districtId: staff.districtId,
    };

    const board = await listNeedBoard(db, actor, "office");
    expect(board.total).toBe(5);
    expect(board.rows.map((row) => [row.id, row.overdue])).toEqual([
      [ids.overdueFirst, true],
      [ids.overdueSecond, true],
      [ids.dueSoon, false],
      [ids.dueLater, false],
      [ids.closed, false],
    ]);
    // The counts per state come with the board, and give its total when only a state filters.
    expect(board.counts).toEqual({ open: 3, referred: 1, cancelled: 1 });
    expect((await listNeedBoard(db, actor, "office", { status: "open" })).total).toBe(3);
    expect((await listNeedBoard(db, actor, "office", { status: "resolved" })).total).toBe(0);
    expect((await listNeedBoard(db, actor, "office", { urgency: "normal" })).total).toBe(5);
    expect((await listNeedBoard(db, actor, "office", { urgency: "urgent" })).total).toBe(0);
    const overdue = await listNeedBoard(db, actor, "office", { status: "overdue" });
    expect(overdue.rows.map((row) => row.id)).toEqual([ids.overdueFirst, ids.overdueSecond]);
    expect(overdue.total).toBe(2);
  });
});

describe("weekly digest of open needs", () => {
  it("tells each office's staff once a week how many needs are open and overdue", async () => {
    const { staff } = await world();
    setClock({ fixedAt: new Date("2026-03-02T00:30:00Z") });
    await need(staff, { urgency: "urgent" });
    await need(staff);
    // A week later on Monday morning, both are still open and the urgent one is overdue.
    setClock({ fixedAt: new Date("2026-03-09T00:30:00Z") });
    expect((await sendOpenNeedsDigests(db, new Date("2026-03-09T00:30:00Z"))).queued).toBeGreaterThanOrEqual(
      1,
    );
    const mails = (await db.select().from(emailOutbox)).filter(
      (mail) => mail.template === "open-needs-digest" && mail.recipientEmail === staff.email,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.data).toMatchObject({ open: 2, referred: 0, overdue: 2 });
    await sendOpenNeedsDigests(db, new Date("2026-03-09T01:30:00Z"));
    expect(
      (await db.select().from(emailOutbox)).filter(
        (mail) => mail.template === "open-needs-digest" && mail.recipientEmail === staff.email,
      ),
    ).toHaveLength(1);
  });
});

describe("demo data", () => {
  it("seeds needs in every state and referrals accepted, declined, expired, cancelled and closed with outcomes", async () => {
    await resetDatabase();
    const { seedDemoData } = await import("#db/seed");
    expect((await seedDemoData(db)).seeded).toBe(true);
    const needs = await db.select({ status: helpNeeds.status }).from(helpNeeds);
    const referralRows = await db
      .select({ status: referrals.status, outcome: referrals.outcomeNote, dueAt: referrals.dueAt })
      .from(referrals);
    expect(new Set(needs.map((row) => row.status))).toEqual(
      new Set(["open", "referred", "resolved", "not_resolved"]),
    );
    expect(new Set(referralRows.map((row) => row.status))).toEqual(
      new Set([
        "sent",
        "accepted",
        "in_progress",
        "declined",
        "expired",
        "cancelled",
        "resolved",
        "not_resolved",
      ]),
    );
    expect(referralRows.filter((row) => row.status === "resolved").every((row) => row.outcome)).toBe(true);
    const [ngoProvider] = await db.select().from(providers).where(eq(providers.kind, "social_org"));
    expect(ngoProvider).toMatchObject({ capacity: 6, activeCases: 1 });
  });
});
