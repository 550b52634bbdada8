/**
 * The legal forms through their routes (issue 15 on the shared form components): the action checks
 * the same schema as the page and answers every error at once, in place, also without JavaScript; a
 * form that creates something creates it once per rendering (idempotency key), however often it is
 * sent; a page with several forms answers on the form that was posted.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { consultationBookings, lawyers, officeHourRules, servicePoints } from "#db/schema/legal";
import { shanghaiInstant } from "~/domains/legal/slots";
import { resetClock, setClock } from "~/utils/clock.server";
import type { Database } from "~/utils/db.server";
import {
  createLawyer,
  createOfficeHourRule,
  createOffice,
  createServicePoint,
  createUser,
} from "#tests/fixtures/factories";
import { signedInRequest, routeCall } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
beforeAll(async () => {
  db = (await testConnection()).db;
});
afterAll(() => resetClock());

// Monday 2026-06-01 08:00 in Beijing; the rule meets on Tuesdays 09:00–11:00.
const NOW = shanghaiInstant("2026-06-01", 8 * 60);
const TUESDAY_NINE = shanghaiInstant("2026-06-02", 9 * 60);

beforeEach(async () => {
  await resetDatabase();
  setClock({ fixedAt: NOW });
});

const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: { cspNonce: "" },
});

async function world() {
  const office = await createOffice(db);
  const staff = await createUser(db, "office_staff", {
    organizationId: office.id,
    districtId: office.districtId,
  });
  const admin = await createUser(db, "law_firm_admin", { districtId: office.districtId });
  const lawyer = await createLawyer(db, { lawFirmId: admin.organizationId!, districtId: office.districtId });
  const point = await createServicePoint(db, office);
  const rule = await createOfficeHourRule(db, { lawyer, point, createdBy: admin.id });
  return { office, staff, admin, lawyer, point, rule };
}

describe("legal forms through their routes", () => {
  it("a booking form sent five times at once books once; every answer leads to that booking", async () => {
    const { staff, rule } = await world();
    const route = await import("~/routes/consultations.book");
    const path = `/consultations/book?ruleId=${rule.id}&startsAt=${encodeURIComponent(TUESDAY_NINE.toISOString())}`;
    const page = await routeCall(async () => route.loader(args(await signedInRequest(db, staff, path))));
    expect(page.body.slot).not.toBeNull();
    const form = {
      submissionKey: page.body.submissionKey as string,
      ruleId: rule.id,
      startsAt: TUESDAY_NINE.toISOString(),
      walkIn: "on",
      caseCode: "",
      topic: "labour",
      note: "",
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, async () =>
        routeCall(async () => route.action(args(await signedInRequest(db, staff, path, { form })))),
      ),
    );
    const booked = await db
      .select()
      .from(consultationBookings)
      .where(eq(consultationBookings.ruleId, rule.id));
    expect(booked).toHaveLength(1);
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 5 }, () => [302, `/consultations/${booked[0]!.id}`]),
    );
    // Without the form's key (a scripted post) nothing is booked.
    const keyless = await routeCall(async () =>
      route.action(args(await signedInRequest(db, staff, path, { form: { ...form, submissionKey: "" } }))),
    );
    expect(keyless.status).toBe(400);
  });

  it("a refused booking answers every error at once, with what was typed, and books nothing", async () => {
    const { staff, rule } = await world();
    const route = await import("~/routes/consultations.book");
    const form = {
      submissionKey: "k".repeat(22),
      ruleId: rule.id,
      startsAt: TUESDAY_NINE.toISOString(),
      caseCode: "nope",
      topic: "weather",
      note: "长".repeat(501),
    };
    const answer = await routeCall(async () =>
      route.action(args(await signedInRequest(db, staff, "/consultations/book", { form }))),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toMatchObject({
      caseCode: { message: "legal:validation.caseCode" },
      topic: { message: "legal:validation.topic" },
      note: { message: "legal:validation.note" },
    });
    // The typed case code comes back too: without JavaScript the page is rebuilt from these values.
    expect(answer.body.values).toMatchObject({ topic: "weather", ruleId: rule.id, caseCode: "nope" });
    expect(await db.select().from(consultationBookings)).toHaveLength(0);
    // An unknown case code is the domain's answer on its field.
    const unknown = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, staff, "/consultations/book", {
            form: { ...form, caseCode: "K7QM-2XR4-9TBC", topic: "labour", note: "" },
          }),
        ),
      ),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toMatchObject({ caseCode: { message: "legal:validation.caseCodeUnknown" } });
    expect(unknown.body.values).toMatchObject({ caseCode: "K7QM-2XR4-9TBC", topic: "labour" });
  });

  it("office hours: every error at once; a valid form publishes one rule however often it is sent", async () => {
    const { admin, lawyer, point } = await world();
    const route = await import("~/routes/legal.office-hours.new");
    const page = await routeCall(async () =>
      route.loader(args(await signedInRequest(db, admin, "/legal/office-hours/new"))),
    );
    const valid = {
      submissionKey: page.body.submissionKey as string,
      lawyerId: lawyer.id,
      servicePointId: point.id,
      frequency: "monthly",
      weekdays: [] as string[],
      nth: "2",
      monthlyWeekday: "TU",
      startTime: "09:00",
      endTime: "11:00",
      validFrom: "2026-06-01",
      validTo: "",
      slotMinutes: "30",
      bufferMinutes: "0",
      capacity: "1",
      minNoticeHours: "2",
      horizonDays: "60",
      cancelCutoffHours: "12",
    };
    const refused = await routeCall(async () =>
      route.action(
        args(
          await signedInRequest(db, admin, "/legal/office-hours/new", {
            form: { ...valid, frequency: "weekly", endTime: "08:00", validTo: "2026-05-01", capacity: "x" },
          }),
        ),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toMatchObject({
      weekdays: { message: "legal:validation.weekdays" },
      endTime: { message: "legal:validation.timeOrder" },
      validTo: { message: "legal:validation.validTo" },
      capacity: { message: "legal:validation.capacity" },
    });
    // The refused post did not use up the key: the corrected form is sent twice, one rule is made.
    const answers = [];
    for (let i = 0; i < 2; i++)
      answers.push(
        await routeCall(async () =>
          route.action(args(await signedInRequest(db, admin, "/legal/office-hours/new", { form: valid }))),
        ),
      );
    const rules = await db
      .select()
      .from(officeHourRules)
      .where(
        and(eq(officeHourRules.lawyerId, lawyer.id), eq(officeHourRules.rrule, "FREQ=MONTHLY;BYDAY=2TU")),
      );
    expect(rules).toHaveLength(1);
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual([
      [302, `/legal/office-hours/${rules[0]!.id}`],
      [302, `/legal/office-hours/${rules[0]!.id}`],
    ]);
  });

  it("a lawyer and a service point are added once per form", async () => {
    const { admin, staff, office } = await world();
    const lawyerRoute = await import("~/routes/legal.lawyers.new");
    const lawyerForm = {
      submissionKey: "L".repeat(22),
      name: "钱律师",
      practiceLicence: "１３２０１２０２００１１２３４５６", // full-width digits are accepted
      specialties: ["labour", "family"],
      languages: ["普通话"],
      accountEmail: "",
    };
    for (let i = 0; i < 2; i++) {
      const answer = await routeCall(async () =>
        lawyerRoute.action(
          args(await signedInRequest(db, admin, "/legal/lawyers/new", { form: lawyerForm })),
        ),
      );
      expect([answer.status, answer.location]).toEqual([302, "/legal"]);
    }
    const added = await db.select().from(lawyers).where(eq(lawyers.name, "钱律师"));
    expect(added).toHaveLength(1);
    expect(added[0]!.specialties).toEqual(["labour", "family"]);

    const pointRoute = await import("~/routes/staff.service-points");
    const pointForm = {
      submissionKey: "P".repeat(22),
      name: "二号服务点",
      address: "城关街 1 号",
      room: "",
      directions: "",
    };
    for (let i = 0; i < 2; i++) {
      const answer = await routeCall(async () =>
        pointRoute.action(
          args(await signedInRequest(db, staff, "/staff/service-points", { form: pointForm })),
        ),
      );
      expect(answer.status).toBe(302);
    }
    expect(
      await db
        .select()
        .from(servicePoints)
        .where(and(eq(servicePoints.officeId, office.id), eq(servicePoints.name, "二号服务点"))),
    ).toHaveLength(1);
  });

  it("the booking page answers on the form that was posted: reschedule, cancel, outcome", async () => {
    const { staff, rule } = await world();
    const book = await import("~/routes/consultations.book");
    const booked = await routeCall(async () =>
      book.action(
        args(
          await signedInRequest(db, staff, "/consultations/book", {
            form: {
              submissionKey: "B".repeat(22),
              ruleId: rule.id,
              startsAt: TUESDAY_NINE.toISOString(),
              walkIn: "on",
              topic: "debt",
            },
          }),
        ),
      ),
    );
    const id = booked.location!.split("/").at(-1)!;
    const route = await import("~/routes/consultations.$id");
    const posted = async (form: Record<string, string>) =>
      routeCall(async () =>
        route.action(args(await signedInRequest(db, staff, `/consultations/${id}`, { form }), { id })),
      );

    const reschedule = await posted({ intent: "reschedule", slot: `${rule.id}|not-a-time`, reason: "" });
    expect(reschedule.status).toBe(400);
    expect(reschedule.body).toMatchObject({
      form: "reschedule",
      errors: { slot: { message: "legal:validation.slot" }, reason: { message: "legal:validation.reason" } },
    });
    const cancel = await posted({ intent: "cancel", cancelReason: "" });
    expect(cancel.body).toMatchObject({
      form: "cancel",
      errors: { cancelReason: { message: "legal:validation.reason" } },
    });
    // Staff do not record outcomes; an unknown intent is the form's error.
    expect((await posted({ intent: "outcome", status: "attended" })).status).toBe(403);
    expect((await posted({ intent: "delete" })).body).toMatchObject({
      formError: "legal:errors.unknownIntent",
    });

    const moved = await posted({
      intent: "reschedule",
      slot: `${rule.id}|${shanghaiInstant("2026-06-02", 9 * 60 + 30).toISOString()}`,
      reason: "对象当天需要复查",
    });
    expect([moved.status, moved.location]).toEqual([302, `/consultations/${id}`]);
    const [row] = await db.select().from(consultationBookings).where(eq(consultationBookings.id, id));
    expect(row).toMatchObject({ sequence: 1, startsAt: shanghaiInstant("2026-06-02", 9 * 60 + 30) });
    expect((await posted({ intent: "cancel", cancelReason: "对象已搬迁" })).status).toBe(302);
    const [cancelled] = await db.select().from(consultationBookings).where(eq(consultationBookings.id, id));
    expect(cancelled!.status).toBe("cancelled");
  });
});
