import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { organizations } from "#db/schema/accounts";
import { emailOutbox, notifications } from "#db/schema/notifications";
import { renderEmail } from "#emails/registry";
import { activities, activitySignups, volunteerQualifications } from "#db/schema/volunteers";
import type { Role } from "~/domains/accounts/roles";
import { createSession } from "~/domains/accounts/sessions.server";
import {
  cancelActivity,
  createActivity,
  getActivityForOrganizer,
  updateActivity,
} from "~/domains/volunteers/activities.server";
import {
  activityForCheckin,
  listActivities,
  listParticipants,
} from "~/domains/volunteers/activity-queries.server";
import { type OrganizerActor } from "~/domains/volunteers/activity-store.server";
import { signUpForActivity, withdrawFromActivity } from "~/domains/volunteers/signups.server";
import type { ActivityInput } from "~/domains/volunteers/activity-validation";
import { toShanghaiInputValue } from "~/domains/volunteers/activity-time";
import { connectDatabase, type Database } from "~/utils/db.server";
import { violatedConstraint } from "#tests/fixtures/errors";
import { createUser, createVolunteer } from "#tests/fixtures/factories";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;

beforeAll(async () => {
  db = (await testConnection()).db;
});

interface World {
  district: string;
  otherDistrict: string;
  office: string;
  otherOffice: string;
  foreignOffice: string;
  staff: OrganizerActor & { role: Role };
  otherStaff: OrganizerActor & { role: Role };
  organizationMember: OrganizerActor & { role: Role };
}
let world: World;

async function insertOrganization(values: typeof organizations.$inferInsert) {
  return (await db.insert(organizations).values(values).returning())[0]!.id;
}

async function insertUser(role: Role, organizationId: string | null, districtId: string | null) {
  const user = await createUser(db, role, { organizationId, districtId });
  return { id: user.id, organizationId, districtId, role };
}

beforeEach(async () => {
  await resetDatabase();
  const district = await insertOrganization({ kind: "bureau", name: "甲区司法局", status: "verified" });
  const otherDistrict = await insertOrganization({ kind: "bureau", name: "乙区司法局", status: "verified" });
  const inDistrict = { districtId: district, status: "verified" as const };
  const office = await insertOrganization({ kind: "office", name: "城关司法所", ...inDistrict });
  const otherOffice = await insertOrganization({ kind: "office", name: "东城司法所", ...inDistrict });
  const foreignOffice = await insertOrganization({
    kind: "office",
    name: "乙区司法所",
    districtId: otherDistrict,
    status: "verified",
  });
  const organization = await insertOrganization({
    kind: "social_org",
    name: "阳光心理服务中心",
    creditCode: "52110000MJ01234569",
    ...inDistrict,
  });
  world = {
    district,
    otherDistrict,
    office,
    otherOffice,
    foreignOffice,
    staff: await insertUser("office_staff", office, district),
    otherStaff: await insertUser("office_staff", otherOffice, district),
    organizationMember: await insertUser("provider_member", organization, district),
  };
});

async function volunteer(
  options: { status?: "approved" | "pending"; skills?: string[]; name?: string } = {},
) {
  const volunteer = await createVolunteer(db, {
    officeId: world.office,
    districtId: world.district,
    status: options.status ?? "approved",
    legalName: options.name,
    skills: options.skills,
  });
  return volunteer.id;
}

const HOUR = 60 * 60_000;

function input(overrides: Partial<ActivityInput> = {}): ActivityInput {
  const startsAt = new Date(Date.now() + 3 * 24 * HOUR);
  return {
    title: "社区普法宣传",
    description: "向居民讲解《民法典》常识。",
    category: "legal",
    place: "城关司法所二楼会议室",
    officeId: world.office,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    capacity: 5,
    requiredSkills: [],
    requiredQualification: null,
    insuranceRequired: false,
    ...overrides,
  };
}

async function newActivity(overrides: Partial<ActivityInput> = {}) {
  const result = await createActivity(db, {
    actor: world.staff,
    scope: "office",
    activity: input(overrides),
  });
  if (!result.ok) throw new Error(`could not create the activity: ${JSON.stringify(result)}`);
  return result.id;
}

async function storedActivity(id: string) {
  return (await db.select().from(activities).where(eq(activities.id, id)))[0]!;
}

async function signupStatuses(activityId: string) {
  const rows = await db.select().from(activitySignups).where(eq(activitySignups.activityId, activityId));
  return new Map(rows.map((row) => [row.volunteerId, row.status]));
}

async function mailTo(userId: string, template?: string) {
  const rows = await db.select().from(emailOutbox).where(eq(emailOutbox.recipientUserId, userId));
  return template ? rows.filter((row) => row.template === template) : rows;
}

describe("organizing activities", () => {
  it("office staff create an activity at their office with a check-in secret; times must lie ahead", async () => {
    const id = await newActivity({ requiredSkills: ["legal"], insuranceRequired: true });
    const stored = await storedActivity(id);
    expect(stored).toMatchObject({
      organizerId: world.office,
      officeId: world.office,
      districtId: world.district,
      status: "scheduled",
      confirmedCount: 0,
      requiredSkills: ["legal"],
      insuranceRequired: true,
    });
    const checkin = await activityForCheckin(db, id);
    expect(checkin?.checkinSecret).toBe(stored.checkinSecret);
    expect(checkin?.checkinSecret.length).toBeGreaterThan(10);

    const past = new Date(Date.now() - HOUR);
    expect(
      await createActivity(db, {
        actor: world.staff,
        scope: "office",
        activity: input({ startsAt: past, endsAt: new Date(past.getTime() + HOUR) }),
      }),
    ).toEqual({ ok: false, field: "startsAt", error: "validation:activityTime.past" });
    // Staff hold activities at their own office only.
    expect(
      await createActivity(db, {
        actor: world.staff,
        scope: "office",
        activity: input({ officeId: world.otherOffice }),
      }),
    ).toEqual({ ok: false, field: "officeId", error: "validation:activityOffice.notAllowed" });
  });

  it("a social organization holds activities at offices of its own district only", async () => {
    const created = await createActivity(db, {
      actor: world.organizationMember,
      scope: "organization",
      activity: input({ officeId: world.otherOffice }),
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(await storedActivity(created.id)).toMatchObject({
      organizerId: world.organizationMember.organizationId,
      officeId: world.otherOffice,
    });
    expect(
      await createActivity(db, {
        actor: world.organizationMember,
        scope: "organization",
        activity: input({ officeId: world.foreignOffice }),
      }),
    ).toEqual({ ok: false, field: "officeId", error: "validation:activityOffice.notAllowed" });
    // The organization manages its own; the hosting office's staff manage it too; another office not.
    expect(
      await getActivityForOrganizer(db, created.id, "organization", world.organizationMember),
    ).not.toBeNull();
    expect(await getActivityForOrganizer(db, created.id, "office", world.otherStaff)).not.toBeNull();
    expect(await getActivityForOrganizer(db, created.id, "office", world.staff)).toBeNull();
  });

  it("the organizer of another office gets 404 opening or posting the edit page", async () => {
    const id = await newActivity();
    const route = await import("~/routes/activities.$id_.edit");
    const requestAs = async (user: { id: string; role: Role }, method: "GET" | "POST") => {
      const session = await createSession(db, { userId: user.id, role: user.role, twoFactorVerified: true });
      return new Request(`http://portal.test/activities/${id}/edit`, {
        method,
        headers: { Cookie: `session=${session.token}`, Origin: "http://portal.test" },
        body: method === "POST" ? new URLSearchParams({ title: "改名" }) : undefined,
      });
    };
    const statusOf = async (run: () => Promise<unknown>) => {
      try {
        const result = await run();
        return result instanceof Response ? result.status : 200;
      } catch (error) {
        if (error instanceof Response) return error.status;
        throw error;
      }
    };
    const args = (request: Request) => ({ request, params: { id }, context: { cspNonce: "" } });
    expect(await statusOf(async () => route.loader(args(await requestAs(world.otherStaff, "GET"))))).toBe(
      404,
    );
    expect(await statusOf(async () => route.action(args(await requestAs(world.otherStaff, "POST"))))).toBe(
      404,
    );
    expect(await statusOf(async () => route.loader(args(await requestAs(world.staff, "GET"))))).toBe(200);
    expect((await storedActivity(id)).title).toBe("社区普法宣传");
  });

  it("the new-activity form creates one activity however often it is sent; a refusal echoes what was typed", async () => {
    const route = await import("~/routes/activities.new");
    const session = await createSession(db, {
      userId: world.staff.id,
      role: world.staff.role,
      twoFactorVerified: true,
    });
    const request = (form?: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(form ?? {}))
        for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
      return new Request("http://portal.test/activities/new", {
        method: form ? "POST" : "GET",
        headers: { Cookie: `session=${session.token}`, Origin: "http://portal.test" },
        body: form ? body : undefined,
      });
    };
    const args = (form?: Record<string, string | string[]>) => ({
      request: request(form),
      params: {},
      context: { cspNonce: "" },
    });
    const answerOf = (result: unknown) =>
      result instanceof Response
        ? { status: result.status, location: result.headers.get("Location"), body: {} }
        : {
            status: (result as { init?: { status?: number } }).init?.status ?? 200,
            location: null,
            body: (result as { data: Record<string, unknown> }).data,
          };
    const page = await route.loader(args());
    const startsAt = toShanghaiInputValue(new Date(Date.now() + 3 * 24 * HOUR));
    const endsAt = toShanghaiInputValue(new Date(Date.now() + 3 * 24 * HOUR + 2 * HOUR));
    const form = {
      submissionKey: page.submissionKey,
      title: "社区普法宣传",
      description: "向居民讲解《民法典》常识。",
      category: "legal",
      officeId: world.office,
      place: "城关司法所二楼会议室",
      startsAt,
      endsAt,
      capacity: "10",
      requiredSkills: ["legal"],
      requiredQualification: "",
    };
    // Three identical posts at once (a double click and a retry of the same rendered form).
    const answers = await Promise.all([1, 2, 3].map(async () => answerOf(await route.action(args(form)))));
    const created = await db.select().from(activities).where(eq(activities.organizerId, world.office));
    expect(created).toHaveLength(1);
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      [1, 2, 3].map(() => [302, `/activities/${created[0]!.id}`]),
    );
    // A refused post: every field error at once, what was typed kept, nothing created.
    const refused = answerOf(
      await route.action(
        args({
          ...form,
          submissionKey: (await route.loader(args())).submissionKey,
          title: "x",
          capacity: "0",
          requiredSkills: ["legal", "juggling"],
        }),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      errors: {
        title: { message: "validation:activityTitle.required" },
        capacity: { message: "validation:activityCapacity.invalid" },
      },
      values: { title: "x", capacity: "0", requiredSkills: ["legal", "juggling"], place: form.place },
    });
    expect(await db.select().from(activities).where(eq(activities.organizerId, world.office))).toHaveLength(
      1,
    );
    // Without the form's key (a scripted post) nothing is created.
    const keyless = answerOf(await route.action(args({ ...form, submissionKey: "" })));
    expect(keyless).toMatchObject({ status: 400, body: { formError: "validation:form.invalid" } });
  });

  it("capacity cannot drop below the confirmed sign-ups; more places move the waitlist up", async () => {
    const id = await newActivity({ capacity: 2 });
    const volunteers = [await volunteer(), await volunteer(), await volunteer(), await volunteer()];
    for (const volunteerId of volunteers) await signUpForActivity(db, { activityId: id, volunteerId });
    expect((await storedActivity(id)).confirmedCount).toBe(2);
    const stored = await storedActivity(id);
    const sameTimes = { startsAt: stored.startsAt, endsAt: stored.endsAt };

    expect(
      await updateActivity(db, {
        id,
        actor: world.staff,
        scope: "office",
        activity: input({ ...sameTimes, capacity: 1 }),
      }),
    ).toEqual({ ok: false, field: "capacity", error: "validation:activityCapacity.belowConfirmed" });

    const result = await updateActivity(db, {
      id,
      actor: world.staff,
      scope: "office",
      activity: input({ ...sameTimes, capacity: 3 }),
    });
    expect(result).toEqual({ ok: true, promoted: 1, notified: 0 });
    expect((await storedActivity(id)).confirmedCount).toBe(3);
    const statuses = await signupStatuses(id);
    expect(statuses.get(volunteers[2]!)).toBe("confirmed");
    expect(statuses.get(volunteers[3]!)).toBe("waitlisted");
    expect(await mailTo(volunteers[2]!, "activity-waitlist-promoted")).toHaveLength(1);
  });

  it("changing the time emails everyone signed up or waiting and moves the reminders", async () => {
    const id = await newActivity({ capacity: 1 });
    const [first, second] = [await volunteer(), await volunteer()];
    await signUpForActivity(db, { activityId: id, volunteerId: first });
    await signUpForActivity(db, { activityId: id, volunteerId: second });
    const [oldReminder] = await mailTo(first, "activity-reminder");
    expect(oldReminder).toMatchObject({ status: "pending" });

    const later = new Date(Date.now() + 5 * 24 * HOUR);
    const result = await updateActivity(db, {
      id,
      actor: world.staff,
      scope: "office",
      activity: input({ capacity: 1, startsAt: later, endsAt: new Date(later.getTime() + HOUR) }),
    });
    expect(result).toEqual({ ok: true, promoted: 0, notified: 2 });
    expect(await mailTo(first, "activity-changed")).toHaveLength(1);
    expect(await mailTo(second, "activity-changed")).toHaveLength(1);
    const reminders = await mailTo(first, "activity-reminder");
    expect(reminders.find((row) => row.id === oldReminder!.id)?.status).toBe("cancelled");
    const pending = reminders.filter((row) => row.status === "pending");
    expect(pending).toHaveLength(1);
    expect(pending[0]!.sendAfter.getTime()).toBe(later.getTime() - 24 * HOUR);
    // Only a change of time or place is announced.
    await updateActivity(db, {
      id,
      actor: world.staff,
      scope: "office",
      activity: input({
        capacity: 1,
        startsAt: later,
        endsAt: new Date(later.getTime() + HOUR),
        title: "新标题",
      }),
    });
    expect(await mailTo(first, "activity-changed")).toHaveLength(1);
  });
});

describe("signing up", () => {
  it("50 concurrent sign-ups for 5 places: exactly 5 confirmed, 45 waitlisted", async () => {
    const id = await newActivity({ capacity: 5 });
    const volunteers: string[] = [];
    for (let i = 0; i < 50; i++) volunteers.push(await volunteer());

    // On PostgreSQL the sign-ups race on separate connections of several pools. PGlite has one
    // connection and runs the transactions one after another, which still checks the bookkeeping.
    const serverUrl = inject("testServerUrl");
    const pools = serverUrl
      ? await Promise.all(
          Array.from({ length: 5 }, () =>
            connectDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 10 }),
          ),
        )
      : [];
    try {
      const handles = pools.length > 0 ? pools.map((pool) => pool.db) : [db];
      const results = await Promise.all(
        volunteers.map((volunteerId, index) =>
          signUpForActivity(handles[index % handles.length]!, { activityId: id, volunteerId }),
        ),
      );
      expect(results.every((result) => result.ok)).toBe(true);
      expect(results.filter((result) => result.ok && result.status === "confirmed")).toHaveLength(5);
      expect(results.filter((result) => result.ok && result.status === "waitlisted")).toHaveLength(45);
      // Every waitlist position from 1 to 45 was given out exactly once.
      const positions = results
        .flatMap((result) => (result.ok && result.status === "waitlisted" ? [result.position] : []))
        .sort((a, b) => a - b);
      expect(positions).toEqual(Array.from({ length: 45 }, (_, index) => index + 1));
    } finally {
      await Promise.all(pools.map((pool) => pool.close()));
    }
    expect((await storedActivity(id)).confirmedCount).toBe(5);
    const statuses = [...(await signupStatuses(id)).values()];
    expect(statuses.filter((status) => status === "confirmed")).toHaveLength(5);
    expect(statuses.filter((status) => status === "waitlisted")).toHaveLength(45);
    const mails = await db.select().from(emailOutbox);
    expect(mails.filter((row) => row.template === "activity-signup-confirmed")).toHaveLength(5);
    expect(mails.filter((row) => row.template === "activity-waitlisted")).toHaveLength(45);
    expect(mails.filter((row) => row.template === "activity-reminder")).toHaveLength(5);
  });

  it("the CHECK constraint refuses over-booking even when application code would allow it", async () => {
    const id = await newActivity({ capacity: 1 });
    expect(
      await violatedConstraint(db.update(activities).set({ confirmedCount: 2 }).where(eq(activities.id, id))),
    ).toBe("activities_not_overbooked");
  });

  it("confirms, schedules the reminder the day before, and signing up twice changes nothing", async () => {
    const id = await newActivity();
    const volunteerId = await volunteer();
    expect(await signUpForActivity(db, { activityId: id, volunteerId })).toEqual({
      ok: true,
      status: "confirmed",
    });
    expect(await signUpForActivity(db, { activityId: id, volunteerId })).toEqual({
      ok: true,
      status: "confirmed",
    });
    expect((await storedActivity(id)).confirmedCount).toBe(1);
    expect(await mailTo(volunteerId, "activity-signup-confirmed")).toHaveLength(1);
    const [reminder] = await mailTo(volunteerId, "activity-reminder");
    const stored = await storedActivity(id);
    expect(reminder!.sendAfter.getTime()).toBe(stored.startsAt.getTime() - 24 * HOUR);
    expect(reminder!.groupKey).toBe(`activity-reminder:${id}:${volunteerId}`);
    // The in-app notification is written with the mail.
    const inbox = await db.select().from(notifications).where(eq(notifications.userId, volunteerId));
    expect(inbox.map((row) => row.kind)).toContain("activity-signup-confirmed");
  });

  it("promises the reminder the day before only when one is scheduled (issue 11, defect 8)", async () => {
    const soon = new Date(Date.now() + 3 * 60_000);
    const soonId = await newActivity({ startsAt: soon, endsAt: new Date(soon.getTime() + HOUR) });
    const laterId = await newActivity();
    const volunteerId = await volunteer();
    await signUpForActivity(db, { activityId: soonId, volunteerId });
    await signUpForActivity(db, { activityId: laterId, volunteerId });
    const confirmations = await mailTo(volunteerId, "activity-signup-confirmed");
    const reminders = await mailTo(volunteerId, "activity-reminder");
    // The activity three minutes away gets no reminder; the one in three days does.
    expect(reminders.map((mail) => (mail.data as { url: string }).url)).toEqual([`/activities/${laterId}`]);
    const confirmationOf = (id: string) =>
      confirmations.find((mail) => (mail.data as { url: string }).url === `/activities/${id}`)!;
    expect(confirmationOf(soonId).data).toMatchObject({ reminder: false });
    expect(confirmationOf(laterId).data).toMatchObject({ reminder: true });
    const render = (id: string, language: "zh-CN" | "en") =>
      renderEmail(
        "activity-signup-confirmed",
        confirmationOf(id).data,
        language,
        "https://portal.example.gov.cn",
      );
    const soonZh = await render(soonId, "zh-CN");
    const soonEn = await render(soonId, "en");
    for (const text of [soonZh.preview, soonZh.text]) expect(text).not.toMatch(/前一天|提醒您/);
    for (const text of [soonEn.preview, soonEn.text]) expect(text).not.toMatch(/remind you/i);
    expect(soonZh.text).toContain("不再另行提醒");
    const laterZh = await render(laterId, "zh-CN");
    const laterEn = await render(laterId, "en");
    expect(laterZh.preview).toContain("活动前一天我们会提醒您");
    expect(laterEn.text).toContain("remind you the day before");
  });

  it("the sign-up button's idempotency key: a replayed post answers with the first sign-up", async () => {
    const id = await newActivity();
    const volunteerId = await volunteer();
    const route = await import("~/routes/activities.$id");
    const session = await createSession(db, {
      userId: volunteerId,
      role: "volunteer",
      twoFactorVerified: true,
    });
    const post = (body: Record<string, string>) =>
      route.action({
        request: new Request(`http://portal.test/activities/${id}`, {
          method: "POST",
          headers: { Cookie: `session=${session.token}`, Origin: "http://portal.test" },
          body: new URLSearchParams(body),
        }),
        params: { id },
        context: { cspNonce: "" },
      });
    const statusOf = (result: unknown) =>
      result instanceof Response
        ? result.status
        : ((result as { init?: { status?: number } } | undefined)?.init?.status ?? 200);
    const signup = { intent: "signup", submissionKey: "signup-key-0123456789" };
    expect(statusOf(await post(signup))).toBe(302);
    expect((await signupStatuses(id)).get(volunteerId)).toBe("confirmed");
    expect(statusOf(await post({ intent: "withdraw" }))).toBe(302);
    // The same form posted again (a retry, a double click without JavaScript) signs up nobody again.
    const replay = await post(signup);
    expect(statusOf(replay)).toBe(302);
    expect((replay as Response).headers.get("location")).toBe(`/activities/${id}`);
    expect((await signupStatuses(id)).get(volunteerId)).toBe("withdrawn");
    expect(await mailTo(volunteerId, "activity-signup-confirmed")).toHaveLength(1);
    // Without a key the sign-up is refused; a fresh key signs up again.
    expect(statusOf(await post({ intent: "signup" }))).toBe(400);
    expect((await signupStatuses(id)).get(volunteerId)).toBe("withdrawn");
    expect(statusOf(await post({ intent: "signup", submissionKey: "signup-key-abcdefghij" }))).toBe(302);
    expect((await signupStatuses(id)).get(volunteerId)).toBe("confirmed");
  });

  it("refuses a pending volunteer, a missing skill, a started or cancelled activity", async () => {
    const id = await newActivity({ requiredSkills: ["legal", "psychology"] });
    const pending = await volunteer({ status: "pending", skills: ["legal", "psychology"] });
    expect(await signUpForActivity(db, { activityId: id, volunteerId: pending })).toEqual({
      ok: false,
      error: "activities:errors.notApproved",
    });
    const unskilled = await volunteer({ skills: ["legal"] });
    expect(await signUpForActivity(db, { activityId: id, volunteerId: unskilled })).toEqual({
      ok: false,
      error: "activities:errors.missingSkills",
      missing: ["psychology"],
    });
    const skilled = await volunteer({ skills: ["psychology", "legal", "it"] });
    const stored = await storedActivity(id);
    expect(
      await signUpForActivity(db, {
        activityId: id,
        volunteerId: skilled,
        now: new Date(stored.startsAt.getTime() + 60_000),
      }),
    ).toEqual({ ok: false, error: "activities:errors.alreadyStarted" });
    expect(await signupStatuses(id)).toEqual(new Map());

    await cancelActivity(db, { id, actor: world.staff, scope: "office", reason: "天气原因" });
    expect(await signUpForActivity(db, { activityId: id, volunteerId: skilled })).toEqual({
      ok: false,
      error: "activities:errors.cancelled",
    });
    expect(await signUpForActivity(db, { activityId: crypto.randomUUID(), volunteerId: skilled })).toEqual({
      ok: false,
      notFound: true,
    });
  });

  it("needs the required qualification verified and valid on the activity's day", async () => {
    const startsAt = new Date("2030-06-15T02:00:00.000Z"); // 10:00 in Beijing on 15 June
    const id = await newActivity({
      requiredQualification: "counsellor",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * HOUR),
    });
    const volunteerId = await volunteer();
    const refused = { ok: false, error: "activities:errors.missingQualification", missing: ["counsellor"] };
    expect(await signUpForActivity(db, { activityId: id, volunteerId })).toEqual(refused);

    const qualification = (values: Partial<typeof volunteerQualifications.$inferInsert>) =>
      db.insert(volunteerQualifications).values({
        volunteerId,
        kind: "counsellor",
        certificateNumber: `XL-${Math.random()}`,
        issuedBy: "人社局",
        ...values,
      });
    await qualification({ status: "pending", expiresOn: null });
    await qualification({ status: "verified", expiresOn: "2030-06-14" });
    await qualification({ status: "verified", kind: "lawyer", expiresOn: null });
    expect(await signUpForActivity(db, { activityId: id, volunteerId })).toEqual(refused);

    await qualification({ status: "verified", expiresOn: "2030-06-15" });
    expect(await signUpForActivity(db, { activityId: id, volunteerId })).toEqual({
      ok: true,
      status: "confirmed",
    });
  });
});

describe("withdrawing", () => {
  it("frees the place for the first of the waitlist in the same transaction and tells everyone", async () => {
    const id = await newActivity({ capacity: 1 });
    const leaving = await volunteer({ name: "王晓燕" });
    const first = await volunteer({ name: "李明" });
    const second = await volunteer();
    await signUpForActivity(db, { activityId: id, volunteerId: leaving });
    await signUpForActivity(db, { activityId: id, volunteerId: first });
    expect(await signUpForActivity(db, { activityId: id, volunteerId: second })).toEqual({
      ok: true,
      status: "waitlisted",
      position: 2,
    });

    const result = await withdrawFromActivity(db, { activityId: id, volunteerId: leaving });
    expect(result).toEqual({ ok: true, wasConfirmed: true, promotedVolunteerId: first });
    expect((await storedActivity(id)).confirmedCount).toBe(1);
    const statuses = await signupStatuses(id);
    expect([statuses.get(leaving), statuses.get(first), statuses.get(second)]).toEqual([
      "withdrawn",
      "confirmed",
      "waitlisted",
    ]);
    // The promoted volunteer is emailed and gets a reminder; the leaving one's reminder is withdrawn.
    expect(await mailTo(first, "activity-waitlist-promoted")).toHaveLength(1);
    expect((await mailTo(first, "activity-reminder")).map((row) => row.status)).toEqual(["pending"]);
    expect((await mailTo(leaving, "activity-reminder")).map((row) => row.status)).toEqual(["cancelled"]);
    expect(await mailTo(second, "activity-waitlist-promoted")).toHaveLength(0);
    // The organizing office's staff hear about it, with who moved up; another office's staff do not.
    const [organizerMail] = await mailTo(world.staff.id, "activity-withdrawal");
    expect(organizerMail?.data).toMatchObject({
      volunteerName: "王晓燕",
      promotedName: "李明",
      placesLeft: 0,
    });
    expect(await mailTo(world.otherStaff.id)).toHaveLength(0);

    const participants = await listParticipants(db, id);
    expect(participants.map((row) => [row.volunteerId, row.status])).toEqual([
      [first, "confirmed"],
      [second, "waitlisted"],
    ]);
  });

  it("with nobody waiting the place becomes free; signing up again reuses the row", async () => {
    const id = await newActivity({ capacity: 2 });
    const volunteerId = await volunteer();
    await signUpForActivity(db, { activityId: id, volunteerId });
    const [row] = await db.select().from(activitySignups).where(eq(activitySignups.activityId, id));
    expect(await withdrawFromActivity(db, { activityId: id, volunteerId })).toEqual({
      ok: true,
      wasConfirmed: true,
      promotedVolunteerId: null,
    });
    expect((await storedActivity(id)).confirmedCount).toBe(0);
    expect(await withdrawFromActivity(db, { activityId: id, volunteerId })).toEqual({
      ok: false,
      error: "activities:errors.notSignedUp",
    });
    expect(await signUpForActivity(db, { activityId: id, volunteerId })).toEqual({
      ok: true,
      status: "confirmed",
    });
    const rows = await db.select().from(activitySignups).where(eq(activitySignups.activityId, id));
    expect(rows.map((signup) => [signup.id, signup.status])).toEqual([[row!.id, "confirmed"]]);
    // A new confirmation and a new reminder for the new sign-up; the first reminder stays withdrawn.
    expect(await mailTo(volunteerId, "activity-signup-confirmed")).toHaveLength(2);
    expect((await mailTo(volunteerId, "activity-reminder")).map((mail) => mail.status).sort()).toEqual([
      "cancelled",
      "pending",
    ]);
  });

  it("is closed once the activity has started", async () => {
    const id = await newActivity();
    const volunteerId = await volunteer();
    await signUpForActivity(db, { activityId: id, volunteerId });
    const stored = await storedActivity(id);
    expect(
      await withdrawFromActivity(db, {
        activityId: id,
        volunteerId,
        now: new Date(stored.startsAt.getTime() + 1),
      }),
    ).toEqual({ ok: false, error: "activities:errors.alreadyStarted" });
    expect((await signupStatuses(id)).get(volunteerId)).toBe("confirmed");
  });
});

describe("cancelling an activity", () => {
  it("cancels every sign-up, emails everyone confirmed or waiting and withdraws the reminders", async () => {
    const id = await newActivity({ capacity: 2 });
    const volunteers = [await volunteer(), await volunteer(), await volunteer()];
    for (const volunteerId of volunteers) await signUpForActivity(db, { activityId: id, volunteerId });
    const withdrawn = await volunteer();
    await signUpForActivity(db, { activityId: id, volunteerId: withdrawn });
    await withdrawFromActivity(db, { activityId: id, volunteerId: withdrawn });

    // Another office cannot cancel it (the route answers 404).
    expect(await cancelActivity(db, { id, actor: world.otherStaff, scope: "office", reason: "x" })).toEqual({
      ok: false,
      notFound: true,
    });
    const result = await cancelActivity(db, { id, actor: world.staff, scope: "office", reason: "场地维修" });
    expect(result).toEqual({ ok: true, notified: 3 });
    expect(await storedActivity(id)).toMatchObject({
      status: "cancelled",
      cancelReason: "场地维修",
      confirmedCount: 0,
    });
    const statuses = await signupStatuses(id);
    expect(volunteers.map((volunteerId) => statuses.get(volunteerId))).toEqual([
      "cancelled",
      "cancelled",
      "cancelled",
    ]);
    expect(statuses.get(withdrawn)).toBe("withdrawn");
    for (const volunteerId of volunteers) {
      const [mail] = await mailTo(volunteerId, "activity-cancelled");
      expect(mail?.data).toMatchObject({ reason: "场地维修" });
    }
    expect(await mailTo(withdrawn, "activity-cancelled")).toHaveLength(0);
    const reminders = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "activity-reminder"));
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((row) => row.status === "cancelled")).toBe(true);
    expect(await cancelActivity(db, { id, actor: world.staff, scope: "office", reason: "again" })).toEqual({
      ok: false,
      error: "activities:errors.cancelled",
    });
  });
});

describe("browsing", () => {
  it("lists upcoming scheduled activities with filters, places left and the waitlist length", async () => {
    const soon = new Date(Date.now() + 2 * 24 * HOUR);
    const legal = await newActivity({ capacity: 1, startsAt: soon, endsAt: new Date(soon.getTime() + HOUR) });
    const psychology = await newActivity({ category: "psychology", requiredSkills: ["psychology"] });
    const cancelled = await newActivity({ title: "取消的活动" });
    await cancelActivity(db, { id: cancelled, actor: world.staff, scope: "office", reason: "改期" });
    const [a, b] = [await volunteer(), await volunteer()];
    await signUpForActivity(db, { activityId: legal, volunteerId: a });
    await signUpForActivity(db, { activityId: legal, volunteerId: b });

    const all = await listActivities(db, { page: 1, pageSize: 10, volunteerId: b });
    expect(all.total).toBe(2);
    expect(all.rows.map((row) => row.id)).toEqual([legal, psychology]);
    expect(all.rows[0]).toMatchObject({
      confirmedCount: 1,
      capacity: 1,
      waitlisted: 1,
      myStatus: "waitlisted",
    });
    expect(all.rows[1]).toMatchObject({ myStatus: null, officeName: "城关司法所" });

    const bySkill = await listActivities(db, { page: 1, pageSize: 10, skill: "psychology" });
    expect(bySkill.rows.map((row) => row.id)).toEqual([psychology]);
    const byCategory = await listActivities(db, { page: 1, pageSize: 10, category: "legal" });
    expect(byCategory.rows.map((row) => row.id)).toEqual([legal]);
    const byOffice = await listActivities(db, { page: 1, pageSize: 10, officeId: world.otherOffice });
    expect(byOffice.total).toBe(0);
    const shanghaiDay = (date: Date) => new Date(date.getTime() + 8 * HOUR).toISOString().slice(0, 10);
    const byDate = await listActivities(db, {
      page: 1,
      pageSize: 10,
      from: shanghaiDay(soon),
      to: shanghaiDay(soon),
    });
    expect(byDate.rows.map((row) => row.id)).toEqual([legal]);
    const paged = await listActivities(db, { page: 2, pageSize: 1 });
    expect(paged).toMatchObject({ total: 2, rows: [{ id: psychology }] });

    // The organizer's own view also shows the cancelled one.
    const mine = await listActivities(db, {
      page: 1,
      pageSize: 10,
      organizer: { scope: "office", actor: world.staff },
    });
    expect(mine.rows.map((row) => row.id).sort()).toEqual([legal, psychology, cancelled].sort());
    const theirs = await listActivities(db, {
      page: 1,
      pageSize: 10,
      organizer: { scope: "office", actor: world.otherStaff },
    });
    expect(theirs.total).toBe(0);
    expect(
      (
        await db
          .select()
          .from(activitySignups)
          .where(and(eq(activitySignups.activityId, legal)))
      ).length,
    ).toBe(2);
  });
});
