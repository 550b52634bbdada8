import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { organizations, recoveryCodes, sessions, users } from "#db/schema/accounts";
import { emailOutbox } from "#db/schema/notifications";
import { login, registerOrganization } from "~/domains/accounts/accounts.server";
import { acceptInvitation, createSystemAdmin, inviteStaff } from "~/domains/accounts/invitations.server";
import { decideOrganization } from "~/domains/accounts/organizations.server";
import { hashPassword } from "~/domains/accounts/passwords.server";
import type { Role } from "~/domains/accounts/roles";
import { createSession, validateSessionToken } from "~/domains/accounts/sessions.server";
import {
  confirmTwoFactorSetup,
  startTwoFactorSetup,
  verifySecondFactor,
} from "~/domains/accounts/two-factor.server";
import { advanceClock, nowMs, resetClock, setClock } from "~/utils/clock.server";
import { violatedConstraint } from "#tests/fixtures/errors";
import { resetDatabase, testConnection } from "./helpers";

const links = { origin: "http://portal.test" };
const password = "a long and memorable sentence";
const db = async () => (await testConnection()).db;

async function district(name: string) {
  const [bureau] = await (
    await db()
  )
    .insert(organizations)
    .values({ kind: "bureau", name, status: "verified" })
    .returning();
  const [office] = await (
    await db()
  )
    .insert(organizations)
    .values({ kind: "office", name: `${name}某所`, districtId: bureau!.id, status: "verified" })
    .returning();
  return { bureauId: bureau!.id, officeId: office!.id };
}

async function user(
  role: Role,
  organizationId: string | null,
  email = `${role}-${Math.random()}@example.cn`,
) {
  const [row] = await (
    await db()
  )
    .insert(users)
    .values({
      email,
      displayName: role,
      role,
      organizationId,
      passwordHash: await hashPassword(password),
      emailVerifiedAt: new Date(),
    })
    .returning();
  return row!;
}

describe("two-factor sign-in", () => {
  beforeEach(resetDatabase);
  afterEach(() => resetClock());

  it("requires enrolment of a bureau admin, then accepts a TOTP code or a recovery code once", async () => {
    const { bureauId } = await district("甲区");
    const admin = await user("bureau_admin", bureauId, "admin@example.cn");
    const first = await login(
      await db(),
      { email: admin.email, password, ipAddress: "10.0.0.1", userAgent: null },
      links,
    );
    expect(first).toMatchObject({ status: "ok", twoFactor: "setup" });
    // The half session does not count as signed in until the second factor is given.
    const half = await validateSessionToken(await db(), (first as { token: string }).token);
    expect(half?.session.twoFactorVerified).toBe(false);

    const { secret } = await startTwoFactorSetup(await db(), admin, "Portal");
    const [stored] = await (await db()).select().from(users).where(eq(users.id, admin.id));
    expect(stored?.totpSecret).not.toContain(secret); // encrypted at rest
    // The portal's clock, held still: a code is good once per 30-second step (RFC 6238 §5.2).
    setClock({ fixedAt: new Date("2026-05-16T02:00:05Z") });
    const codeNow = () =>
      generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(nowMs() / 30_000)), 6);
    const valid = codeNow();
    const wrong = String((Number(valid) + 500_000) % 1_000_000).padStart(6, "0");
    expect(await confirmTwoFactorSetup(await db(), admin.id, wrong)).toBeNull();
    const codes = await confirmTwoFactorSetup(await db(), admin.id, valid);
    expect(codes).toHaveLength(10);
    expect(await (await db()).select().from(recoveryCodes)).toHaveLength(10);

    const second = await login(
      await db(),
      { email: admin.email, password, ipAddress: "10.0.0.1", userAgent: null },
      links,
    );
    expect(second).toMatchObject({ status: "ok", twoFactor: "verify" });
    // The code that confirmed enrolment is spent; the next step's code works, once.
    expect(await verifySecondFactor(await db(), admin.id, valid)).toBe(false);
    advanceClock(30_000);
    expect(await verifySecondFactor(await db(), admin.id, codeNow())).toBe(true);
    expect(await verifySecondFactor(await db(), admin.id, codeNow())).toBe(false);
    expect(await verifySecondFactor(await db(), admin.id, codes![0]!)).toBe(true);
    expect(await verifySecondFactor(await db(), admin.id, codes![0]!)).toBe(false);
    expect(await verifySecondFactor(await db(), admin.id, "abcde-fghij")).toBe(false);
  });
});

describe("organization verification", () => {
  beforeEach(resetDatabase);

  async function pendingEnterprise(districtId: string) {
    const result = await registerOrganization(
      await db(),
      {
        kind: "enterprise",
        organizationName: "恒达制造",
        creditCode: "91110108MA01ABCD0B",
        districtId,
        contactName: "刘经理",
        contactPhone: "13800138000",
        address: "工业园 8 号",
        pledge: true,
        displayName: "刘经理",
        email: "hr@hengda.cn",
        password,
        language: "zh-CN",
      },
      links,
    );
    expect(result).toEqual({ ok: true });
    const [organization] = await (
      await db()
    )
      .select()
      .from(organizations)
      .where(eq(organizations.kind, "enterprise"));
    return organization!;
  }

  it("registers an enterprise as pending, refuses a second one with the same credit code", async () => {
    const { bureauId } = await district("甲区");
    const organization = await pendingEnterprise(bureauId);
    expect(organization.status).toBe("pending");
    expect(organization.pledgeAcceptedAt).not.toBeNull();
    const again = await registerOrganization(
      await db(),
      {
        kind: "enterprise",
        organizationName: "另一家",
        creditCode: "91110108MA01ABCD0B",
        districtId: bureauId,
        contactName: "某",
        contactPhone: "13800138001",
        address: "某地",
        pledge: true,
        displayName: "某",
        email: "x@another.cn",
        password,
        language: "zh-CN",
      },
      links,
    );
    expect(again).toEqual({ ok: false, field: "creditCode", error: "validation:creditCode.taken" });
    expect(await (await db()).select().from(users).where(eq(users.email, "x@another.cn"))).toEqual([]);
  });

  it("verifies, tells the members, and suspension ends their sessions", async () => {
    const { bureauId } = await district("甲区");
    const organization = await pendingEnterprise(bureauId);
    const staff = await user("bureau_admin", bureauId);
    expect(
      await decideOrganization(await db(), {
        organizationId: organization.id,
        decision: "suspend",
        reason: "x",
        actorId: staff.id,
      }),
    ).toEqual({
      ok: false,
      error: "invalidTransition",
    });
    expect(
      await decideOrganization(await db(), {
        organizationId: organization.id,
        decision: "verify",
        reason: null,
        actorId: staff.id,
      }),
    ).toEqual({
      ok: true,
      status: "verified",
    });
    const mails = await (
      await db()
    )
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "organization-status"));
    expect(mails.map((mail) => mail.recipientEmail)).toEqual(["hr@hengda.cn"]);

    const [member] = await (await db()).select().from(users).where(eq(users.email, "hr@hengda.cn"));
    await createSession(await db(), { userId: member!.id, role: member!.role, twoFactorVerified: true });
    expect(
      await decideOrganization(await db(), {
        organizationId: organization.id,
        decision: "suspend",
        reason: " ",
        actorId: staff.id,
      }),
    ).toEqual({
      ok: false,
      error: "reasonRequired",
    });
    await decideOrganization(await db(), {
      organizationId: organization.id,
      decision: "suspend",
      reason: "虚假信息",
      actorId: staff.id,
    });
    expect(await (await db()).select().from(sessions).where(eq(sessions.userId, member!.id))).toEqual([]);
  });

  it("refuses an enterprise without the pledge at the database", async () => {
    const { bureauId } = await district("甲区");
    expect(
      await violatedConstraint(
        (await db()).insert(organizations).values({
          kind: "enterprise",
          name: "无承诺",
          districtId: bureauId,
          creditCode: "91110108MA01ABCD0B",
        }),
      ),
    ).toBe("organizations_enterprise_pledge");
  });
});

describe("staff invitations", () => {
  beforeEach(resetDatabase);

  it("invites into an office of the inviter's district only, and the link sets a password once", async () => {
    const own = await district("甲区");
    const other = await district("乙区");
    const admin = await user("bureau_admin", own.bureauId);
    const inviter = { id: admin.id, displayName: "王局", districtId: own.bureauId };
    const base = {
      email: "new.staff@example.cn",
      displayName: "新同事",
      role: "office_staff" as const,
      roleLabel: "司法所工作人员",
      language: "zh-CN" as const,
    };

    expect(
      await inviteStaff(await db(), inviter, { ...base, organizationId: other.officeId }, links),
    ).toEqual({
      ok: false,
      field: "organizationId",
      error: "validation:organization.notInDistrict",
    });
    expect(
      await inviteStaff(
        await db(),
        inviter,
        { ...base, role: "bureau_admin", organizationId: own.officeId },
        links,
      ),
    ).toMatchObject({ ok: false });
    expect(
      await inviteStaff(await db(), inviter, { ...base, organizationId: own.officeId }, links),
    ).toMatchObject({ ok: true });
    expect(await inviteStaff(await db(), inviter, { ...base, organizationId: own.officeId }, links)).toEqual({
      ok: false,
      field: "email",
      error: "validation:email.taken",
    });

    const [mail] = await (
      await db()
    )
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "staff-invitation"));
    const token = new URL((mail!.data as { url: string }).url, mail!.linkOrigin!).searchParams.get("token")!;
    expect(
      (await login(await db(), { email: base.email, password, ipAddress: "1", userAgent: null }, links))
        .status,
    ).toBe("invalid");
    expect(await acceptInvitation(await db(), token, password)).toBe(true);
    expect(await acceptInvitation(await db(), token, "another long sentence")).toBe(false);
    expect(
      (await login(await db(), { email: base.email, password, ipAddress: "1", userAgent: null }, links))
        .status,
    ).toBe("ok");
  });
});

describe("the first system admin (scripts/create-admin)", () => {
  beforeEach(resetDatabase);

  it("creates a password-less admin whose one-time link sets the password, and refuses a taken email", async () => {
    const input = { email: "root@example.gov.cn", displayName: "管理员", language: "zh-CN" as const };
    const created = await createSystemAdmin(await db(), input, links.origin);
    if (!created.ok) throw new Error("expected the admin to be created");
    expect(created.setPasswordUrl).toMatch(/^http:\/\/portal\.test\/invitation\?token=[a-z0-9]{20,}$/);
    const [admin] = await (await db()).select().from(users).where(eq(users.email, input.email));
    expect(admin).toMatchObject({ role: "system_admin", organizationId: null, passwordHash: null });

    const token = new URL(created.setPasswordUrl).searchParams.get("token")!;
    expect(await acceptInvitation(await db(), token, password)).toBe(true);
    expect(await acceptInvitation(await db(), token, password)).toBe(false);
    const signedIn = await login(
      await db(),
      { email: input.email, password, ipAddress: "198.51.100.7", userAgent: null },
      links,
    );
    // A system admin must enrol in two-factor before the session counts as signed in.
    expect(signedIn).toMatchObject({ status: "ok", twoFactor: "setup" });

    expect(await createSystemAdmin(await db(), input, links.origin)).toEqual({
      ok: false,
      error: "email.taken",
    });
  });
});
