/**
 * Decisions about organizations, staff and volunteers, and admin settings, write their audit row in
 * the same transaction as the change: one row per change, none for a refused one, searchable by the
 * district's bureau.
 */
import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { organizations, sessions, users } from "#db/schema/accounts";
import { auditLog } from "#db/schema/audit";
import { changeRole, deactivateUser } from "~/domains/accounts/accounts.server";
import { inviteStaff } from "~/domains/accounts/invitations.server";
import { decideOrganization } from "~/domains/accounts/organizations.server";
import type { Role } from "~/domains/accounts/roles";
import { createSession } from "~/domains/accounts/sessions.server";
import { searchAuditLog } from "~/domains/audit/audit.server";
import { residentIdCheckCharacter } from "~/domains/subjects/resident-id";
import { decideVolunteer, submitVolunteerProfile } from "~/domains/volunteers/registration.server";
import { setDistrictStarThresholds } from "~/domains/volunteers/star-thresholds.server";
import { resetDatabase, testConnection } from "./helpers";

const db = async () => (await testConnection()).db;
const auditRows = async () => (await db()).select().from(auditLog).orderBy(asc(auditLog.sequence));

async function district() {
  const insert = async (values: typeof organizations.$inferInsert) =>
    (await (await db()).insert(organizations).values(values).returning())[0]!;
  const bureau = await insert({ kind: "bureau", name: "甲区司法局", status: "verified" });
  const office = await insert({ kind: "office", name: "甲所", districtId: bureau.id, status: "verified" });
  const enterprise = await insert({
    kind: "enterprise",
    name: "甲企业",
    districtId: bureau.id,
    creditCode: "91110108MA01ABCD0B",
    pledgeAcceptedAt: new Date(),
    status: "pending",
  });
  return { bureauId: bureau.id, officeId: office.id, enterpriseId: enterprise.id };
}

async function user(role: Role, organizationId: string | null) {
  const [row] = await (
    await db()
  )
    .insert(users)
    .values({
      email: `${role}-${Math.random()}@example.cn`,
      displayName: role,
      role,
      organizationId,
      emailVerifiedAt: new Date(),
    })
    .returning();
  return row!;
}

describe("audit of decisions and settings", () => {
  beforeEach(resetDatabase);

  it("organization verification, suspension and reinstatement: one row each, none when refused", async () => {
    const { bureauId, enterpriseId } = await district();
    const admin = await user("bureau_admin", bureauId);
    const decide = async (decision: "verify" | "suspend" | "reinstate", reason: string | null) =>
      decideOrganization(await db(), {
        organizationId: enterpriseId,
        decision,
        reason,
        actorId: admin.id,
        ipAddress: "198.51.100.9",
      });
    expect(await decide("suspend", "先核实")).toEqual({ ok: false, error: "invalidTransition" });
    expect(await auditRows()).toEqual([]);

    expect(await decide("verify", null)).toEqual({ ok: true, status: "verified" });
    expect(await decide("suspend", "虚假信息")).toEqual({ ok: true, status: "suspended" });
    expect(await decide("reinstate", null)).toEqual({ ok: true, status: "verified" });
    const rows = await auditRows();
    expect(
      rows.map(({ action, entityType, entityId, actorId, districtId, ipAddress, details }) => ({
        action,
        entityType,
        entityId,
        actorId,
        districtId,
        ipAddress,
        status: (details as { status: string }).status,
      })),
    ).toEqual(
      (["verified", "suspended", "verified"] as const).map((status, index) => ({
        action: index === 0 ? "approve" : "status_change",
        entityType: "organization",
        entityId: enterpriseId,
        actorId: admin.id,
        districtId: bureauId,
        ipAddress: "198.51.100.9",
        status,
      })),
    );
    // The reason stays on the organization; the log holds no free text about it.
    expect(JSON.stringify(rows)).not.toContain("虚假信息");
    const search = await searchAuditLog(await db(), { districtId: bureauId, page: 1, pageSize: 10 });
    expect(search.total).toBe(3);
  });

  it("a staff invitation writes one row naming the new account and role, a refused one none", async () => {
    const { bureauId, officeId } = await district();
    const admin = await user("bureau_admin", bureauId);
    const inviter = { id: admin.id, displayName: "王局", districtId: bureauId, ipAddress: "10.0.0.7" };
    const invitation = {
      email: "new.staff@example.cn",
      displayName: "新同事",
      role: "office_staff" as const,
      roleLabel: "司法所工作人员",
      language: "zh-CN" as const,
      organizationId: officeId,
    };
    const links = { origin: "http://portal.test" };
    const first = await inviteStaff(await db(), inviter, invitation, links);
    expect(await inviteStaff(await db(), inviter, invitation, links)).toMatchObject({ ok: false });
    const [invited] = await (await db()).select().from(users).where(eq(users.email, invitation.email));
    expect(first).toEqual({ ok: true, userId: invited!.id });
    const rows = await auditRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "create",
      entityType: "staff-invitation",
      entityId: invited!.id,
      actorId: admin.id,
      districtId: bureauId,
      officeId,
      ipAddress: "10.0.0.7",
      details: { role: "office_staff", organizationId: officeId },
    });
    expect(JSON.stringify(rows)).not.toContain(invitation.email);
  });

  it("a role change and a deactivation end the sessions and write a row each", async () => {
    const { bureauId, officeId } = await district();
    const admin = await user("system_admin", null);
    const staff = await user("office_staff", officeId);
    await createSession(await db(), { userId: staff.id, role: staff.role, twoFactorVerified: true });
    await changeRole(await db(), staff.id, "bureau_admin", { id: admin.id, ipAddress: "10.0.0.8" });
    expect(await (await db()).select().from(sessions).where(eq(sessions.userId, staff.id))).toEqual([]);
    await deactivateUser(await db(), staff.id, { id: admin.id });
    const rows = await auditRows();
    expect(
      rows.map(({ action, entityType, entityId, districtId, officeId: office, details }) => ({
        action,
        entityType,
        entityId,
        districtId,
        office,
        details,
      })),
    ).toEqual([
      {
        action: "update",
        entityType: "user",
        entityId: staff.id,
        districtId: bureauId,
        office: officeId,
        details: { field: "role", from: "office_staff", to: "bureau_admin" },
      },
      {
        action: "status_change",
        entityType: "user",
        entityId: staff.id,
        districtId: bureauId,
        office: officeId,
        details: { from: "active", status: "deactivated" },
      },
    ]);
  });

  it("volunteer suspension and star thresholds are audited", async () => {
    const { bureauId, officeId } = await district();
    const admin = await user("bureau_admin", bureauId);
    const volunteer = await user("volunteer", null);
    const first17 = "11010519900307002";
    const submitted = await submitVolunteerProfile(
      await db(),
      { id: volunteer.id, email: volunteer.email, language: "zh-CN" },
      {
        kind: "registration",
        legalName: "审计测试志愿者",
        idNumber: first17 + residentIdCheckCharacter(first17),
        homeOfficeId: officeId,
        serviceOfficeIds: [],
        phone: "13800000000",
        skills: ["teaching"],
        languages: [],
        availability: ["sat-am"],
        emergencyContactName: "联系人",
        emergencyContactPhone: "13900000000",
        acceptVolunteerTerms: "on",
      },
    );
    expect(submitted.ok).toBe(true);
    const actor = { id: admin.id, organizationId: bureauId, districtId: bureauId, ipAddress: "10.0.0.9" };
    const decide = async (decision: "approve" | "suspend") =>
      decideVolunteer(await db(), {
        volunteerId: volunteer.id,
        decision,
        reason: decision === "suspend" ? "多次未到岗" : null,
        scope: "district",
        actor,
      });
    expect(await decide("approve")).toMatchObject({ ok: true, status: "approved" });
    expect(await decide("suspend")).toMatchObject({ ok: true, status: "suspended" });
    await setDistrictStarThresholds(await db(), {
      actor,
      districtId: bureauId,
      thresholds: [60 * 60, 300 * 60, 600 * 60, 1000 * 60, 1500 * 60],
    });
    const rows = (await auditRows()).filter((row) => row.entityType !== "subject");
    expect(rows.map(({ action, entityType, districtId }) => ({ action, entityType, districtId }))).toEqual([
      { action: "approve", entityType: "volunteer", districtId: bureauId },
      { action: "status_change", entityType: "volunteer", districtId: bureauId },
      { action: "update", entityType: "star-thresholds", districtId: bureauId },
    ]);
  });
});
