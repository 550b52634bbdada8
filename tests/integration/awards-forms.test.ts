/**
 * The awards forms through their routes (issue 17 on the shared form components, issue 12 on
 * replays): a nomination form and a public objection form each create once per rendering, however
 * often they are sent at once; a refused form answers every error in place with what was typed and
 * writes nothing.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { nominationObjections, nominations } from "#db/schema/awards";
import { hourRecords } from "#db/schema/volunteers";
import { actorOf } from "~/domains/accounts/actor";
import { saveAwardType } from "~/domains/awards/award-types.server";
import { decideNomination, nominate } from "~/domains/awards/nominations.server";
import { invalidateWorkingDayCalendar } from "~/domains/calendar/calendar.server";
import { rolePermissionSeed } from "~/domains/permission-registry";
import { resetClock, setClock } from "~/utils/clock.server";
import type { Database } from "~/utils/db.server";
import { createOffice, createUser, createVolunteer, type TestUser } from "#tests/fixtures/factories";
import { signedInRequest, routeCall } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
let staff: TestUser;
let bureau: TestUser;
let officeId: string;
let districtId: string;

const actor = (user: TestUser) =>
  actorOf({ ...user, organizationStatus: "verified" }, rolePermissionSeed[user.role]);

const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: { cspNonce: "" },
});

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

/** An award type for volunteers (100 h a year) and a volunteer with 120 approved hours in 2025. */
async function eligibleVolunteer() {
  const type = await saveAwardType(db, actor(bureau), {
    nameZh: "优秀志愿者",
    nameEn: "Outstanding Volunteer",
    nomineeKind: "volunteer",
    periodKind: "year",
    minHours: 100,
    minActivities: null,
    noticeWorkingDays: 5,
    active: true,
  });
  if (!type.ok) throw new Error(type.error);
  const volunteer = await createVolunteer(db, { officeId, districtId, legalName: "陈晓明" });
  for (let day = 1; day <= 15; day += 1)
    await db.insert(hourRecords).values({
      volunteerId: volunteer.id,
      officeId,
      districtId,
      kind: "self_reported",
      serviceDate: `2025-05-${String(day).padStart(2, "0")}`,
      minutes: 480,
      description: "社区帮扶",
      status: "approved",
      decidedBy: staff.id,
    });
  return { typeId: type.id, volunteer };
}

describe("the nomination form", () => {
  it("sent five times at once nominates once; every answer leads to that nomination", async () => {
    const { typeId, volunteer } = await eligibleVolunteer();
    const route = await import("~/routes/staff.awards.nominate");
    const path = `/staff/awards/nominate?type=${typeId}&period=2025&nominee=${volunteer.id}`;
    const page = await routeCall(async () => route.loader(args(await signedInRequest(db, staff, path))));
    expect(page.status).toBe(200);
    expect(page.body.eligible).toBe(true);
    const form = {
      submissionKey: page.body.submissionKey as string,
      awardTypeId: typeId,
      periodKey: "2025",
      nomineeId: volunteer.id,
      statement: "全年参与普法宣传和帮扶活动一百二十小时，深受好评。",
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, async () =>
        routeCall(async () => route.action(args(await signedInRequest(db, staff, path, { form })))),
      ),
    );
    const rows = await db.select().from(nominations).where(eq(nominations.nomineeUserId, volunteer.id));
    expect(rows).toHaveLength(1);
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 5 }, () => [302, `/staff/nominations/${rows[0]!.id}`]),
    );
    // A scripted post without the form's key nominates nothing and says why.
    const keyless = await routeCall(async () =>
      route.action(args(await signedInRequest(db, staff, path, { form: { ...form, submissionKey: "" } }))),
    );
    expect(keyless.status).toBe(400);
    expect(keyless.body.formError).toBe("validation:form.invalid");
  });

  it("refused, answers on the statement with what was typed, and nominates nothing", async () => {
    const { typeId, volunteer } = await eligibleVolunteer();
    const route = await import("~/routes/staff.awards.nominate");
    const path = `/staff/awards/nominate?type=${typeId}&period=2025&nominee=${volunteer.id}`;
    const form = {
      submissionKey: "n".repeat(22),
      awardTypeId: typeId,
      periodKey: "2025",
      nomineeId: volunteer.id,
      statement: "太短",
      publishFullName: "on",
    };
    const answer = await routeCall(async () =>
      route.action(args(await signedInRequest(db, staff, path, { form }))),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toMatchObject({ statement: { message: "validation:awards.statement" } });
    expect(answer.body.values).toMatchObject({ statement: "太短", publishFullName: "on" });
    expect(await db.select().from(nominations)).toHaveLength(0);
  });
});

describe("the public objection form", () => {
  async function inNotice() {
    const { typeId, volunteer } = await eligibleVolunteer();
    const result = await nominate(db, actor(staff), {
      awardTypeId: typeId,
      periodKey: "2025",
      nomineeId: volunteer.id,
      statement: "全年参与普法宣传和帮扶活动一百二十小时。",
      publishFullName: false,
    });
    if (!result.ok) throw new Error(result.error);
    expect(await decideNomination(db, actor(bureau), { id: result.id, action: "approve" })).toMatchObject({
      ok: true,
      status: "in_notice",
    });
    return result.id;
  }

  const anonymousPost = (path: string, form: Record<string, string>) =>
    new Request(`http://portal.test${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.9" },
      body: new URLSearchParams(form),
    });

  it("sent three times at once files one objection", async () => {
    const id = await inNotice();
    const route = await import("~/routes/honour-roll.$id.objection");
    const path = `/honour-roll/${id}/objection`;
    const page = await routeCall(async () =>
      route.loader(args(new Request(`http://portal.test${path}`), { id })),
    );
    expect(page.status).toBe(200);
    const form = {
      submissionKey: page.body.submissionKey as string,
      filerName: "张三",
      filerContact: "13800000000",
      body: "该志愿者的部分时长存疑，请核实。",
      website: "",
    };
    const answers = await Promise.all(
      Array.from({ length: 3 }, async () =>
        routeCall(async () => route.action(args(anonymousPost(path, form), { id }))),
      ),
    );
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 3 }, () => [302, "/honour-roll"]),
    );
    expect(
      await db.select().from(nominationObjections).where(eq(nominationObjections.nominationId, id)),
    ).toHaveLength(1);
  });

  it("refused, answers every field at once, keeps the typed text, and files nothing", async () => {
    const id = await inNotice();
    const route = await import("~/routes/honour-roll.$id.objection");
    const path = `/honour-roll/${id}/objection`;
    const answer = await routeCall(async () =>
      route.action(
        args(
          anonymousPost(path, {
            submissionKey: "o".repeat(22),
            filerName: "",
            filerContact: "1",
            body: "太短了",
            website: "",
          }),
          { id },
        ),
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toMatchObject({
      filerName: { message: "validation:awards.filerName" },
      filerContact: { message: "validation:awards.filerContact" },
      body: { message: "validation:awards.objection" },
    });
    expect(answer.body.values).toMatchObject({ filerContact: "1", body: "太短了" });
    expect(await db.select().from(nominationObjections)).toHaveLength(0);
  });
});
