import { and, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { organizations } from "#db/schema/accounts";
import { auditLog } from "#db/schema/audit";
import { emailOutbox, notifications } from "#db/schema/notifications";
import { volunteerProfiles, volunteerQualifications } from "#db/schema/volunteers";
import type { Role } from "~/domains/accounts/roles";
import { createSession } from "~/domains/accounts/sessions.server";
import { residentIdCheckCharacter } from "~/domains/subjects/resident-id";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import {
  addQualification,
  decideQualification,
  hasValidQualification,
  listQualifications,
  removeQualification,
} from "~/domains/volunteers/qualifications.server";
import {
  decideVolunteer,
  getOwnProfile,
  getVolunteerForStaff,
  listVolunteers,
  type ProfileSubmission,
  submitVolunteerProfile,
} from "~/domains/volunteers/registration.server";
import { type Database, selectRows } from "~/utils/db.server";
import { createUser } from "#tests/fixtures/factories";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;

const idNumber = (first17: string) => first17 + residentIdCheckCharacter(first17);
/** A woman born 1990-03-07 (17th digit even). */
const ID_A = idNumber("11010519900307002");
const ID_B = idNumber("11010519850612001");

interface World {
  district: string;
  office: string;
  otherOffice: string;
  foreignOffice: string;
  staff: Actor;
  otherStaff: Actor;
  bureauAdmin: Actor;
}
interface Actor {
  id: string;
  role: Role;
  email: string;
  organizationId: string | null;
  districtId: string | null;
  ipAddress: string;
}
let world: World;

async function insertOrganization(values: typeof organizations.$inferInsert) {
  return (await db.insert(organizations).values(values).returning())[0]!.id;
}

async function insertUser(
  role: Role,
  organizationId: string | null,
  districtId: string | null,
): Promise<Actor> {
  const user = await createUser(db, role, { organizationId, districtId });
  return { id: user.id, role, email: user.email, organizationId, districtId, ipAddress: "10.0.0.1" };
}

function registration(overrides: Partial<Extract<ProfileSubmission, { kind: "registration" }>> = {}) {
  return {
    kind: "registration" as const,
    legalName: "王晓燕",
    idNumber: ID_A,
    homeOfficeId: world.office,
    serviceOfficeIds: [world.otherOffice],
    phone: "13812345678",
    skills: ["psychology", "teaching"] as ("psychology" | "teaching")[],
    languages: ["普通话", "粤语"],
    availability: ["sat-am", "sat-pm"],
    emergencyContactName: "王父",
    emergencyContactPhone: "13987654321",
    acceptVolunteerTerms: "on" as const,
    ...overrides,
  };
}

async function newVolunteer() {
  const user = await insertUser("volunteer", null, null);
  return { id: user.id, email: user.email, language: "zh-CN" };
}

async function register(input = registration()) {
  const volunteer = await newVolunteer();
  const result = await submitVolunteerProfile(db, volunteer, input);
  if (!result.ok) throw new Error(result.error);
  return volunteer;
}

const outboxOf = (userId: string, template: string) =>
  db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.recipientUserId, userId), eq(emailOutbox.template, template)));

beforeAll(async () => {
  db = (await testConnection()).db;
});

beforeEach(async () => {
  await resetDatabase();
  const district = await insertOrganization({ kind: "bureau", name: "甲区司法局", status: "verified" });
  const otherDistrict = await insertOrganization({ kind: "bureau", name: "乙区司法局", status: "verified" });
  const office = await insertOrganization({
    kind: "office",
    name: "城关司法所",
    districtId: district,
    status: "verified",
  });
  const otherOffice = await insertOrganization({
    kind: "office",
    name: "东城司法所",
    districtId: district,
    status: "verified",
  });
  const foreignOffice = await insertOrganization({
    kind: "office",
    name: "乙区司法所",
    districtId: otherDistrict,
    status: "verified",
  });
  world = {
    district,
    office,
    otherOffice,
    foreignOffice,
    staff: await insertUser("office_staff", office, district),
    otherStaff: await insertUser("office_staff", otherOffice, district),
    bureauAdmin: await insertUser("bureau_admin", district, district),
  };
});

const decide = (
  volunteerId: string,
  actor: Actor,
  decision: "approve" | "reject" | "suspend" | "reinstate",
  reason: string | null = null,
) =>
  decideVolunteer(db, {
    volunteerId,
    decision,
    reason,
    scope: actor.role === "bureau_admin" ? "district" : "office",
    actor,
  });

describe("volunteer registration", () => {
  it("registers a pending profile with gender and birth date from the ID number, and tells the volunteer and the office", async () => {
    const volunteer = await register();
    const profile = await getOwnProfile(db, volunteer.id);
    expect(profile).toMatchObject({
      status: "pending",
      legalName: "王晓燕",
      idNumber: ID_A,
      gender: "female",
      birthDate: "1990-03-07",
      districtId: world.district,
      homeOfficeId: world.office,
      serviceOfficeIds: [world.otherOffice],
      availability: ["sat-am", "sat-pm"],
      termsVersion: expect.any(String),
      volunteerNumber: null,
    });
    expect(await outboxOf(volunteer.id, "volunteer-registration-received")).toHaveLength(1);
    // The office's staff are told (email and in-app); the other office's are not.
    expect(await outboxOf(world.staff.id, "volunteer-vetting-requested")).toHaveLength(1);
    expect(await outboxOf(world.otherStaff.id, "volunteer-vetting-requested")).toHaveLength(0);
    const inbox = await db.select().from(notifications).where(eq(notifications.userId, world.staff.id));
    expect(inbox.map((row) => row.kind)).toEqual(["volunteer-vetting-requested"]);
  });

  it("stores the ID number only as ciphertext and keyed hash", async () => {
    const volunteer = await register();
    const [row] = await selectRows<{ row: string }>(
      db,
      sql`select row_to_json(p)::text as row from volunteer_profiles p where user_id = ${volunteer.id}`,
    );
    expect(row!.row).toContain("王晓燕");
    expect(row!.row).not.toContain(ID_A);
    expect(row!.row).not.toContain(ID_A.slice(0, 14));
    const [stored] = await db
      .select()
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.userId, volunteer.id));
    expect(stored!.idNumberCiphertext).not.toContain(ID_A);
    expect(stored!.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a second registration of the same person from another account", async () => {
    await register();
    const second = await newVolunteer();
    const result = await submitVolunteerProfile(db, second, registration({ legalName: "另一个人" }));
    expect(result).toEqual({ ok: false, field: "idNumber", error: "validation:idNumber.alreadyRegistered" });
    expect(await getOwnProfile(db, second.id)).toBeNull();
  });

  it("refuses an office that is not a verified judicial office", async () => {
    const pendingOffice = await insertOrganization({
      kind: "office",
      name: "筹备中的司法所",
      districtId: world.district,
      status: "pending",
    });
    const volunteer = await newVolunteer();
    expect(
      await submitVolunteerProfile(db, volunteer, registration({ homeOfficeId: pendingOffice })),
    ).toEqual({
      ok: false,
      field: "homeOfficeId",
      error: "validation:homeOffice.invalid",
    });
    expect(
      await submitVolunteerProfile(db, volunteer, registration({ serviceOfficeIds: [world.district] })),
    ).toMatchObject({ ok: false, field: "serviceOfficeIds" });
  });

  it("staff of another office can neither see nor decide the registration (404)", async () => {
    const volunteer = await register();
    expect(await getVolunteerForStaff(db, volunteer.id, "office", world.otherStaff)).toBeNull();
    expect(await decide(volunteer.id, world.otherStaff, "approve")).toEqual({ ok: false, notFound: true });
    const list = await listVolunteers(db, {
      scope: "office",
      actor: world.otherStaff,
      page: 1,
      pageSize: 25,
    });
    expect(list.total).toBe(0);

    const route = await import("~/routes/staff.volunteers.$id");
    const requestAs = async (user: Actor, method: "GET" | "POST", body?: Record<string, string>) => {
      const session = await createSession(db, { userId: user.id, role: user.role, twoFactorVerified: true });
      return new Request(`http://portal.test/staff/volunteers/${volunteer.id}`, {
        method,
        headers: { Cookie: `session=${session.token}`, Origin: "http://portal.test" },
        body: body ? new URLSearchParams(body) : undefined,
      });
    };
    const statusOf = async (run: () => Promise<unknown>) => {
      try {
        const result = await run();
        if (result instanceof Response) return result.status;
        const wrapped = result as { type?: string; init?: { status?: number } };
        return wrapped?.type === "DataWithResponseInit" ? (wrapped.init?.status ?? 200) : 200;
      } catch (error) {
        if (error instanceof Response) return error.status;
        throw error;
      }
    };
    const args = (request: Request) => ({ request, params: { id: volunteer.id }, context: { cspNonce: "" } });
    const approve = { intent: "decide", decision: "approve" };
    expect(await statusOf(async () => route.loader(args(await requestAs(world.otherStaff, "GET"))))).toBe(
      404,
    );
    expect(
      await statusOf(async () => route.action(args(await requestAs(world.otherStaff, "POST", approve)))),
    ).toBe(404);
    expect((await getOwnProfile(db, volunteer.id))!.status).toBe("pending");
    // The page of the office in charge shows the ID number masked, never in full.
    const page = (await route.loader(args(await requestAs(world.staff, "GET")))) as {
      volunteer: { maskedIdNumber: string };
    };
    expect(page.volunteer.maskedIdNumber).toBe(`${ID_A.slice(0, 6)}********${ID_A.slice(-4)}`);
    expect(JSON.stringify(page)).not.toContain(ID_A);
    // Approved: back to the page with a flash.
    expect(
      await statusOf(async () => route.action(args(await requestAs(world.staff, "POST", approve)))),
    ).toBe(302);
    expect((await getOwnProfile(db, volunteer.id))!.status).toBe("approved");
  });

  it("approval assigns a unique V+year number, sends exactly one email with it and is audited", async () => {
    const first = await register();
    const second = await register(registration({ idNumber: ID_B, legalName: "李明" }));
    const approved = await decide(first.id, world.staff, "approve");
    const approvedByBureau = await decide(second.id, world.bureauAdmin, "approve");
    expect(approved.ok && approvedByBureau.ok).toBe(true);
    const numbers = [approved, approvedByBureau].map((result) => (result.ok ? result.volunteerNumber : null));
    const year = shanghaiDate(new Date()).slice(0, 4);
    for (const number of numbers) expect(number).toMatch(new RegExp(`^V${year}\\d{6}$`));
    expect(new Set(numbers).size).toBe(2);

    const mails = await outboxOf(first.id, "volunteer-registration-decided");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.data).toMatchObject({ decision: "approved", volunteerNumber: numbers[0] });
    // A second approval is refused and sends nothing.
    expect(await decide(first.id, world.staff, "approve")).toEqual({
      ok: false,
      error: "volunteers:errors.invalidTransition",
    });
    expect(await outboxOf(first.id, "volunteer-registration-decided")).toHaveLength(1);

    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, first.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "approve", entityType: "volunteer", officeId: world.office });
    expect(JSON.stringify(audit[0])).not.toContain(ID_A);
  });

  it("rejection requires a reason, which the volunteer receives", async () => {
    const volunteer = await register();
    expect(await decide(volunteer.id, world.staff, "reject", "   ")).toEqual({
      ok: false,
      field: "reason",
      error: "validation:decisionReason.required",
    });
    expect((await getOwnProfile(db, volunteer.id))!.status).toBe("pending");
    expect(await decide(volunteer.id, world.staff, "reject", "身份证照片不清晰")).toMatchObject({
      ok: true,
      status: "rejected",
      volunteerNumber: null,
    });
    const profile = await getOwnProfile(db, volunteer.id);
    expect(profile).toMatchObject({ status: "rejected", rejectReason: "身份证照片不清晰" });
    const mails = await outboxOf(volunteer.id, "volunteer-registration-decided");
    expect(mails.map((mail) => mail.data)).toEqual([
      expect.objectContaining({ decision: "rejected", reason: "身份证照片不清晰" }),
    ]);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entityId, volunteer.id));
    expect(audit).toMatchObject({
      action: "status_change",
      details: expect.objectContaining({ status: "rejected" }),
    });
  });

  it("a rejected volunteer corrects and resubmits: pending again, the office asked again, no second receipt", async () => {
    const volunteer = await register();
    await decide(volunteer.id, world.staff, "reject", "姓名与身份证不一致");
    const result = await submitVolunteerProfile(db, volunteer, registration({ legalName: "王晓艳" }));
    expect(result).toEqual({ ok: true, status: "pending", created: false });
    const profile = await getOwnProfile(db, volunteer.id);
    expect(profile).toMatchObject({
      status: "pending",
      legalName: "王晓艳",
      rejectReason: null,
      decidedAt: null,
    });
    expect(await outboxOf(volunteer.id, "volunteer-registration-received")).toHaveLength(1);
    expect(await outboxOf(world.staff.id, "volunteer-vetting-requested")).toHaveLength(2);
    expect(await decide(volunteer.id, world.staff, "approve")).toMatchObject({
      ok: true,
      status: "approved",
    });
  });

  it("edits of a pending registration keep it pending without asking the office again", async () => {
    const volunteer = await register();
    const result = await submitVolunteerProfile(db, volunteer, registration({ phone: "13700000000" }));
    expect(result).toEqual({ ok: true, status: "pending", created: false });
    expect((await getOwnProfile(db, volunteer.id))!.phone).toBe("13700000000");
    expect(await outboxOf(world.staff.id, "volunteer-vetting-requested")).toHaveLength(1);
  });

  it("locks name, ID number and home office after approval; contact, skills and availability stay editable", async () => {
    const volunteer = await register();
    await decide(volunteer.id, world.staff, "approve");
    const before = (await getOwnProfile(db, volunteer.id))!;
    const result = await submitVolunteerProfile(
      db,
      volunteer,
      registration({
        legalName: "冒名顶替",
        idNumber: ID_B,
        homeOfficeId: world.foreignOffice,
        phone: "13600000000",
        skills: ["teaching"],
        availability: ["sun-eve"],
        serviceOfficeIds: [],
      }),
    );
    expect(result).toEqual({ ok: true, status: "approved", created: false });
    const after = (await getOwnProfile(db, volunteer.id))!;
    expect(after).toMatchObject({
      legalName: "王晓燕",
      idNumber: ID_A,
      homeOfficeId: world.office,
      volunteerNumber: before.volunteerNumber,
      status: "approved",
      phone: "13600000000",
      skills: ["teaching"],
      availability: ["sun-eve"],
      serviceOfficeIds: [],
    });
    // The route parses an approved volunteer's post with the contact-only schema, so identity fields are ignored.
    const route = await import("~/routes/volunteer.profile");
    const session = await createSession(db, {
      userId: volunteer.id,
      role: "volunteer",
      twoFactorVerified: true,
    });
    const body = new URLSearchParams({
      intent: "profile",
      legalName: "冒名顶替",
      idNumber: ID_B,
      phone: "13500000000",
      emergencyContactName: "王父",
      emergencyContactPhone: "13987654321",
    });
    body.append("skills", "legal");
    body.append("availability", "mon-am");
    const response = await route.action({
      request: new Request("http://portal.test/volunteer/profile", {
        method: "POST",
        headers: { Cookie: `session=${session.token}`, Origin: "http://portal.test" },
        body,
      }),
      params: {},
      context: { cspNonce: "" },
    });
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect(await getOwnProfile(db, volunteer.id)).toMatchObject({
      legalName: "王晓燕",
      idNumber: ID_A,
      phone: "13500000000",
      skills: ["legal"],
    });
  });

  it("bureau admins suspend with a reason and reinstate; the number is kept", async () => {
    const volunteer = await register();
    const approved = await decide(volunteer.id, world.staff, "approve");
    expect(await decide(volunteer.id, world.bureauAdmin, "suspend")).toMatchObject({
      ok: false,
      field: "reason",
    });
    expect(await decide(volunteer.id, world.bureauAdmin, "suspend", "多次无故缺席")).toMatchObject({
      ok: true,
      status: "suspended",
    });
    const reinstated = await decide(volunteer.id, world.bureauAdmin, "reinstate");
    expect(reinstated).toMatchObject({ ok: true, status: "approved" });
    expect(reinstated.ok && approved.ok && reinstated.volunteerNumber === approved.volunteerNumber).toBe(
      true,
    );
  });

  it("lists the office's volunteers with status, search and skill filters", async () => {
    const first = await register();
    await register(
      registration({ idNumber: ID_B, legalName: "李明", phone: "13911112222", skills: ["teaching"] }),
    );
    await decide(first.id, world.staff, "approve");
    const query = { scope: "office" as const, actor: world.staff, page: 1, pageSize: 25 };
    expect(
      (await listVolunteers(db, { ...query, status: "pending" })).rows.map((row) => row.legalName),
    ).toEqual(["李明"]);
    expect((await listVolunteers(db, { ...query, q: "晓燕" })).rows.map((row) => row.legalName)).toEqual([
      "王晓燕",
    ]);
    expect(
      (await listVolunteers(db, { ...query, q: "139 1111 2222" })).rows.map((row) => row.legalName),
    ).toEqual(["李明"]);
    const number = (await getOwnProfile(db, first.id))!.volunteerNumber!;
    expect((await listVolunteers(db, { ...query, q: number.toLowerCase() })).total).toBe(1);
    expect(
      (await listVolunteers(db, { ...query, skill: "psychology" })).rows.map((row) => row.legalName),
    ).toEqual(["王晓燕"]);
    expect((await listVolunteers(db, { ...query, q: "%" })).total).toBe(0);
    const district = await listVolunteers(db, {
      scope: "district",
      actor: world.bureauAdmin,
      page: 1,
      pageSize: 1,
    });
    expect(district).toMatchObject({ total: 2 });
    expect(district.rows).toHaveLength(1);
  });
});

describe("qualifications", () => {
  it("count only when verified and unexpired on the given day", async () => {
    const volunteer = await register();
    const added = await addQualification(db, volunteer.id, {
      kind: "counsellor",
      certificateNumber: "XL-2024-0001",
      issuedBy: "人力资源和社会保障部",
      expiresOn: "2026-06-30",
    });
    expect(added.ok).toBe(true);
    const id = added.ok ? added.id : "";
    expect(await hasValidQualification(db, volunteer.id, "counsellor", "2026-06-01")).toBe(false);

    const decideAs = (actor: Actor, decision: "verify" | "reject") =>
      decideQualification(db, {
        volunteerId: volunteer.id,
        qualificationId: id,
        decision,
        scope: "office",
        actor,
      });
    expect(await decideAs(world.otherStaff, "verify")).toBe(false);
    expect(await decideAs(world.staff, "verify")).toBe(true);
    expect(await decideAs(world.staff, "reject")).toBe(false);

    expect(await hasValidQualification(db, volunteer.id, "counsellor", "2026-06-30")).toBe(true);
    expect(await hasValidQualification(db, volunteer.id, "counsellor", "2026-07-01")).toBe(false);
    expect(await hasValidQualification(db, volunteer.id, "lawyer", "2026-06-01")).toBe(false);

    const states = await listQualifications(db, volunteer.id, new Date("2026-06-10T04:00:00Z"));
    expect(states.map((row) => [row.status, row.expiry])).toEqual([["verified", "expiring"]]);
    expect((await listQualifications(db, volunteer.id, new Date("2026-07-01T04:00:00Z")))[0]!.expiry).toBe(
      "expired",
    );
    // A verified qualification stays on record.
    expect(await removeQualification(db, volunteer.id, id)).toBe(false);
  });

  it("without an expiry date stay valid; pending ones can be removed; duplicates are refused", async () => {
    const volunteer = await register();
    const other = await register(registration({ idNumber: ID_B, legalName: "李明" }));
    const input = {
      kind: "teacher" as const,
      certificateNumber: "JS-001",
      issuedBy: "教育局",
      expiresOn: null,
    };
    const added = await addQualification(db, volunteer.id, input);
    expect(await addQualification(db, volunteer.id, input)).toEqual({
      ok: false,
      field: "certificateNumber",
      error: "validation:qualificationNumber.duplicate",
    });
    const id = added.ok ? added.id : "";
    await decideQualification(db, {
      volunteerId: volunteer.id,
      qualificationId: id,
      decision: "verify",
      scope: "district",
      actor: world.bureauAdmin,
    });
    expect(await hasValidQualification(db, volunteer.id, "teacher", "2099-12-31")).toBe(true);

    const pending = await addQualification(db, volunteer.id, { ...input, certificateNumber: "JS-002" });
    const pendingId = pending.ok ? pending.id : "";
    // Someone else's qualification cannot be removed.
    expect(await removeQualification(db, other.id, pendingId)).toBe(false);
    expect(await removeQualification(db, volunteer.id, pendingId)).toBe(true);
    const left = await db
      .select({ id: volunteerQualifications.id })
      .from(volunteerQualifications)
      .where(eq(volunteerQualifications.volunteerId, volunteer.id));
    expect(left.map((row) => row.id)).toEqual([id]);
  });

  it("need a registration first", async () => {
    const volunteer = await newVolunteer();
    expect(
      await addQualification(db, volunteer.id, {
        kind: "nurse",
        certificateNumber: "HS-1",
        issuedBy: "卫健委",
        expiresOn: null,
      }),
    ).toEqual({ ok: false, error: "volunteers:errors.profileFirst" });
  });
});
