/**
 * The matching forms through their routes (issue 11 on the shared form pieces, issue 12 on
 * replays): every form that creates something — a help need, a referral, a progress note, a batch
 * run, a CSV import — creates once per rendering however often it is sent at once, and answers each
 * post with the same redirect; a refused form answers 400 with every field error at once and what
 * was typed, and writes nothing.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { formSubmissions } from "#db/schema/accounts";
import { helpNeeds, referralEvents, referrals } from "#db/schema/matching";
import { registerNeed } from "~/domains/matching/needs.server";
import { saveProviderProfile } from "~/domains/matching/providers.server";
import { answerReferral, sendReferral } from "~/domains/matching/referrals.server";
import type { Database } from "~/utils/db.server";
import { createSubject, createUser, type TestUser, uniqueResidentId } from "#tests/fixtures/factories";
import { signedInRequest, routeCall } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;

beforeAll(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
});

const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: { cspNonce: "" },
});

/** Three copies of one post at once, as a double click with a retry (or a replay) sends them. */
const thrice = <T>(send: () => Promise<T>) => Promise.all([send(), send(), send()]);

/** An office's staff member and a provider (social organization) of the district for counselling. */
async function world() {
  const staff = await createUser(db, "office_staff");
  const ngo = await createUser(db, "provider_member", { districtId: staff.districtId });
  const saved = await saveProviderProfile(db, ngo, "organization", {
    categoryIds: ["psychological"],
    coversDistrict: true,
    officeIds: [],
    languages: ["普通话"],
    workerGenders: ["female", "male"],
    capacity: 5,
    paused: false,
  });
  if (!saved.ok) throw new Error(saved.error);
  return { staff, ngo, providerId: saved.providerId };
}

async function caseCodeOf(staff: TestUser) {
  const subject = await createSubject(db, staff, { idNumber: uniqueResidentId("1988-04-04", "male") });
  return subject.caseCode;
}

async function openNeed(staff: TestUser) {
  const result = await registerNeed(db, staff, {
    caseCode: await caseCodeOf(staff),
    categoryId: "psychological.individual",
    urgency: "normal",
    languages: [],
    genderRequirement: "none",
    description: "希望获得情绪疏导，周末有空。",
  });
  if (!result.ok) throw new Error(result.error);
  return result.id;
}

const needsOf = (staff: TestUser) => db.select().from(helpNeeds).where(eq(helpNeeds.createdBy, staff.id));

describe("the help-need form", () => {
  it("sent three times at once registers one need; every answer leads to it", async () => {
    const { staff } = await world();
    const route = await import("~/routes/staff.needs.new");
    const path = "/staff/needs/new";
    const page = await routeCall(async () => route.loader(args(await signedInRequest(db, staff, path))));
    expect(page.status).toBe(200);
    const form = {
      submissionKey: page.body.submissionKey as string,
      caseCode: (await caseCodeOf(staff)).toLowerCase(),
      categoryId: "psychological.individual",
      urgency: "urgent",
      area: "",
      languages: "普通话、粤语",
      genderRequirement: "none",
      description: "希望获得情绪疏导。",
    };
    const answers = await thrice(async () =>
      routeCall(async () => route.action(args(await signedInRequest(db, staff, path, { form })))),
    );
    const rows = await needsOf(staff);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ urgency: "urgent", languages: ["普通话", "粤语"] });
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 3 }, () => [302, `/staff/needs/${rows[0]!.id}`]),
    );
    // A scripted post without the form's key registers nothing and says why.
    const keyless = await routeCall(async () =>
      route.action(args(await signedInRequest(db, staff, path, { form: { ...form, submissionKey: "" } }))),
    );
    expect(keyless.status).toBe(400);
    expect(keyless.body.formError).toBe("validation:form.invalid");
    expect(await needsOf(staff)).toHaveLength(1);
  });

  it("refused, answers every field at once with what was typed, and registers nothing", async () => {
    const { staff } = await world();
    const route = await import("~/routes/staff.needs.new");
    const form = {
      submissionKey: "n".repeat(22),
      caseCode: "K7Q2",
      categoryId: "",
      urgency: "soon",
      area: "",
      languages: "",
      genderRequirement: "none",
      description: "身份证 11010519491231002X，需要心理咨询",
    };
    const answer = await routeCall(async () =>
      route.action(args(await signedInRequest(db, staff, "/staff/needs/new", { form }))),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual({
      caseCode: expect.objectContaining({ message: "matching:errors.caseCode" }),
      categoryId: expect.objectContaining({ message: "matching:errors.category" }),
      urgency: expect.objectContaining({ message: "matching:errors.urgency" }),
      description: expect.objectContaining({ message: "matching:errors.descriptionIdentifying" }),
    });
    expect(answer.body.values).toMatchObject({ caseCode: "K7Q2", description: form.description });
    // A case code the office does not hold is the domain's refusal, on that field, keeping the key free.
    const unknown = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, staff, "/staff/needs/new", {
            form: {
              ...form,
              caseCode: "K7Q2-M9XD-4TPA",
              categoryId: "legal",
              urgency: "low",
              description: "咨询",
            },
          }),
        ),
      ),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual({
      caseCode: expect.objectContaining({ message: "matching:errors.caseCodeUnknown" }),
    });
    expect(await needsOf(staff)).toHaveLength(0);
    expect(await db.select().from(formSubmissions).where(eq(formSubmissions.userId, staff.id))).toHaveLength(
      0,
    );
  });
});

describe("sending a referral from the need's page", () => {
  it("sent three times at once refers once; each answer is the page with its flash", async () => {
    const { staff, providerId } = await world();
    const needId = await openNeed(staff);
    const route = await import("~/routes/staff.needs.$id");
    const path = `/staff/needs/${needId}`;
    const page = await routeCall(async () =>
      route.loader(args(await signedInRequest(db, staff, path), { id: needId })),
    );
    expect(page.status).toBe(200);
    const form = { submissionKey: page.body.submissionKey as string, intent: "send", providerId };
    const answers = await thrice(async () =>
      routeCall(async () =>
        route.action(args(await signedInRequest(db, staff, path, { form }), { id: needId })),
      ),
    );
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 3 }, () => [302, path]),
    );
    expect(await db.select().from(referrals).where(eq(referrals.needId, needId))).toHaveLength(1);
  });

  it("refuses an unknown provider at its own form, and another need's referral is not this page's", async () => {
    const { staff, providerId } = await world();
    const needId = await openNeed(staff);
    const otherNeed = await openNeed(staff);
    const sent = await sendReferral(db, staff, { needId: otherNeed, providerId });
    if (!sent.ok) throw new Error(sent.error);
    const route = await import("~/routes/staff.needs.$id");
    const path = `/staff/needs/${needId}`;
    const post = async (form: Record<string, string>) =>
      routeCall(async () =>
        route.action(args(await signedInRequest(db, staff, path, { form }), { id: needId })),
      );
    const bad = await post({ submissionKey: "s".repeat(22), intent: "send", providerId: "nobody" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      form: "send-nobody",
      errors: { providerId: { message: "matching:errors.providerIneligible" } },
    });
    expect((await post({ intent: "cancel", referralId: sent.referralId })).status).toBe(404);
    expect(await db.select().from(referrals).where(eq(referrals.needId, needId))).toHaveLength(0);
    expect(await db.select().from(referrals).where(eq(referrals.id, sent.referralId))).toMatchObject([
      { status: "sent" },
    ]);
  });
});

describe("the provider's progress form", () => {
  it("sent three times at once records one progress note", async () => {
    const { staff, ngo, providerId } = await world();
    const needId = await openNeed(staff);
    const sent = await sendReferral(db, staff, { needId, providerId });
    if (!sent.ok) throw new Error(sent.error);
    const accepted = await answerReferral(db, ngo, "organization", sent.referralId, { action: "accept" });
    expect(accepted.ok).toBe(true);
    const route = await import("~/routes/provider.referrals.$id");
    const path = `/provider/referrals/${sent.referralId}`;
    const params = { id: sent.referralId };
    const page = await routeCall(async () =>
      route.loader(args(await signedInRequest(db, ngo, path), params)),
    );
    const form = {
      submissionKey: page.body.submissionKey as string,
      intent: "progress",
      note: "完成首次面谈。",
    };
    const answers = await thrice(async () =>
      routeCall(async () => route.action(args(await signedInRequest(db, ngo, path, { form }), params))),
    );
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 3 }, () => [302, path]),
    );
    const notes = await db
      .select()
      .from(referralEvents)
      .where(and(eq(referralEvents.referralId, sent.referralId), eq(referralEvents.note, "完成首次面谈。")));
    expect(notes).toHaveLength(1);
    // Closing without an outcome note is refused at the close form, the chosen outcome kept.
    const close = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, ngo, path, { form: { intent: "close", outcome: "resolved", note: " " } }),
          params,
        ),
      ),
    );
    expect(close.status).toBe(400);
    expect(close.body).toMatchObject({
      form: "close",
      errors: { note: { message: "matching:errors.outcomeNoteRequired" } },
      values: { outcome: "resolved" },
    });
  });
});

describe("batch matching", () => {
  it("one confirmation sent three times at once sends each kept pair once", async () => {
    const { staff } = await world();
    const needIds = [await openNeed(staff), await openNeed(staff), await openNeed(staff)];
    const route = await import("~/routes/staff.needs.batch");
    const path = "/staff/needs/batch";
    const page = await routeCall(async () => route.loader(args(await signedInRequest(db, staff, path))));
    const preview = page.body.preview as { pairs: { needId: string; providerId: string }[] };
    expect(preview.pairs.map((pair) => pair.needId).sort()).toEqual([...needIds].sort());
    const kept = preview.pairs.slice(0, 2).map((pair) => `${pair.needId}:${pair.providerId}`);
    const form = { submissionKey: page.body.submissionKey as string, pair: kept };
    const answers = await thrice(async () =>
      routeCall(async () => route.action(args(await signedInRequest(db, staff, path, { form })))),
    );
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 3 }, () => [302, path]),
    );
    const sent = await db.select().from(referrals).where(eq(referrals.officeId, staff.organizationId!));
    expect(sent.map((referral) => referral.needId).sort()).toEqual(
      kept.map((pair) => pair.split(":")[0]).sort(),
    );
  });

  it("refuses an empty selection on the pairs, sending nothing", async () => {
    const { staff } = await world();
    await openNeed(staff);
    const route = await import("~/routes/staff.needs.batch");
    const answer = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, staff, "/staff/needs/batch", { form: { submissionKey: "b".repeat(22) } }),
        ),
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual({
      pair: expect.objectContaining({ message: "matching:batch.nothingChosen" }),
    });
    expect(
      await db.select().from(referrals).where(eq(referrals.officeId, staff.organizationId!)),
    ).toHaveLength(0);
  });
});

describe("the CSV import", () => {
  const header = "case_code,category,urgency,description";

  /** A multipart post of the import form with `csv` as its file. */
  async function importPost(staff: TestUser, submissionKey: string, csv: string) {
    const signed = await signedInRequest(db, staff, "/staff/needs/import");
    const body = new FormData();
    body.set("submissionKey", submissionKey);
    body.set("file", new File([csv], "needs.csv", { type: "text/csv" }));
    return new Request(signed.url, { method: "POST", headers: signed.headers, body });
  }

  it("one file sent three times at once imports its rows once", async () => {
    const { staff } = await world();
    const route = await import("~/routes/staff.needs.import");
    const page = await routeCall(async () =>
      route.loader(args(await signedInRequest(db, staff, "/staff/needs/import"))),
    );
    const key = page.body.submissionKey as string;
    const code = await caseCodeOf(staff);
    const csv = `\uFEFF${header}\n${code},legal,low,咨询劳动合同\n${code},skills,normal,技能培训\n`;
    const answers = await thrice(async () =>
      routeCall(async () => route.action(args(await importPost(staff, key, csv)))),
    );
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 3 }, () => [302, "/staff/needs"]),
    );
    const rows = await needsOf(staff);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.importBatch)).size).toBe(1);
  });

  it("refuses a file with a bad row by line, imports nothing, and the corrected file goes with the same key", async () => {
    const { staff } = await world();
    const route = await import("~/routes/staff.needs.import");
    const key = "i".repeat(22);
    const code = await caseCodeOf(staff);
    const refused = await routeCall(async () =>
      route.action(
        args(
          await importPost(staff, key, `${header}\n${code},legal,low,咨询\nK7Q2-M9XD-4TPA,legal,low,咨询\n`),
        ),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      formError: "matching:import.failed",
      errors: { file: { message: "matching:import.errors.rows" } },
      rows: [{ line: 3, field: "caseCode", error: "matching:errors.caseCodeUnknown" }],
    });
    expect(await needsOf(staff)).toHaveLength(0);
    // A post without a file is refused on the file field.
    const signed = await signedInRequest(db, staff, "/staff/needs/import");
    const empty = new FormData();
    empty.set("submissionKey", key);
    empty.set("file", new File([], ""));
    const noFile = await routeCall(async () =>
      route.action(args(new Request(signed.url, { method: "POST", headers: signed.headers, body: empty }))),
    );
    expect(noFile.status).toBe(400);
    expect(noFile.body.errors).toEqual({
      file: expect.objectContaining({ message: "matching:import.errors.noFile" }),
    });
    const corrected = await routeCall(async () =>
      route.action(args(await importPost(staff, key, `${header}\n${code},legal,low,咨询\n`))),
    );
    expect([corrected.status, corrected.location]).toEqual([302, "/staff/needs"]);
    expect(await needsOf(staff)).toHaveLength(1);
  });
});

describe("the provider declaration", () => {
  it("refused, answers categories, area and capacity at once with what was typed", async () => {
    const ngo = await createUser(db, "provider_member");
    const route = await import("~/routes/provider.profile");
    const answer = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, ngo, "/provider/profile", {
            form: { languages: "普通话、粤语", workerGenders: "female", capacity: "三个" },
          }),
        ),
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual({
      categoryIds: expect.objectContaining({ message: "matching:errors.categoriesRequired" }),
      officeIds: expect.objectContaining({ message: "matching:errors.areaRequired" }),
      capacity: expect.objectContaining({ message: "matching:errors.capacity" }),
    });
    expect(answer.body.values).toMatchObject({
      languages: "普通话、粤语",
      workerGenders: ["female"],
      capacity: "三个",
    });
  });
});
