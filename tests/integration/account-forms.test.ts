/**
 * The account forms through their routes, on the shared form pieces (issue 11, docs/decisions/009):
 * each refusal is a 400 with every field error at once and what was typed — never a password, a
 * code or a token — on the form of the page that was posted; each success a redirect with a flash
 * (no `?saved=` parameter). Covers /account, /login/two-factor, /verify-email, /verify and
 * /staff/organizations.
 */
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { organizations, users } from "#db/schema/accounts";
import { emailOutbox } from "#db/schema/notifications";
import { registerVolunteer } from "~/domains/accounts/accounts.server";
import { hashPassword, verifyPassword } from "~/domains/accounts/passwords.server";
import { createSession, validateSessionToken } from "~/domains/accounts/sessions.server";
import { nowMs, resetClock, setClock } from "~/utils/clock.server";
import { encrypt } from "~/utils/crypto.server";
import type { Database } from "~/utils/db.server";
import { createOffice, createOrganization, createUser } from "#tests/fixtures/factories";
import { flashOf, routeAnswer } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

const password = "a long and memorable sentence";
let db: Database;

beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
});
afterEach(() => resetClock());

/** The raw answer of an action (a thrown Response is an answer too) and its readable form. */
async function send(fn: () => Promise<unknown>) {
  let raw: unknown;
  try {
    raw = await fn();
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    raw = error;
  }
  return { ...(await routeAnswer(raw)), flash: flashOf(raw), raw };
}

function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`http://portal.test${url}`, {
    method: "POST",
    headers: { Origin: "http://portal.test", "x-portal-client-ip": "203.0.113.60", ...headers },
    body: new URLSearchParams(fields),
  });
}

const args = (request: Request) => ({ request, params: {}, context: { cspNonce: "" } });

/** Every key of an echo, nested ones included. */
function keysOf(value: unknown, prefix = ""): string[] {
  if (!value || typeof value !== "object") return [prefix];
  return Object.entries(value).flatMap(([key, item]) => keysOf(item, prefix ? `${prefix}.${key}` : key));
}
const secretKeys = /password|^code$|token|website/i;

async function signedIn(role: Parameters<typeof createUser>[1] = "volunteer", values = {}) {
  const user = await createUser(db, role, {
    values: { passwordHash: await hashPassword(password), ...values },
  });
  const session = await createSession(db, { userId: user.id, role, twoFactorVerified: true });
  return { user, cookie: `session=${session.token}`, token: session.token };
}

describe("/account", () => {
  const route = () => import("~/routes/account");
  const postAccount = async (cookie: string, fields: Record<string, string>) => {
    const { action } = await route();
    return send(() => action(args(post("/account", fields, { Cookie: cookie }))));
  };

  it("refuses a profile field by field on the profile form, and saves it with a flash", async () => {
    const { user, cookie } = await signedIn();
    const refused = await postAccount(cookie, {
      intent: "profile",
      displayName: "名".repeat(51),
      language: "fr",
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      form: "profile",
      errors: {
        displayName: { message: "validation:displayName.tooLong" },
        language: { message: "validation:language.invalid" },
      },
      values: { intent: "profile", displayName: "名".repeat(51), language: "fr" },
    });
    const [unchanged] = await db.select().from(users).where(eq(users.id, user.id));
    expect(unchanged!.displayName).toBe(user.displayName);

    const saved = await postAccount(cookie, { intent: "profile", displayName: " 新名字 ", language: "en" });
    expect([saved.status, saved.location]).toEqual([302, "/account"]);
    expect(saved.flash).toEqual({ kind: "success", message: "accounts:account.profileSaved" });
    // The interface language follows at once (cookie), beside the flash.
    const cookies = (saved.raw as Response).headers.getSetCookie().map((value) => value.split("=")[0]);
    expect(cookies).toEqual(expect.arrayContaining(["flash", "lng"]));
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ displayName: "新名字", language: "en" });
  });

  it("refuses a password change with every error at once and echoes no password", async () => {
    const { user, cookie, token } = await signedIn();
    const refused = await postAccount(cookie, {
      intent: "password",
      currentPassword: "",
      newPassword: "short",
      newPasswordConfirm: "other",
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      form: "password",
      errors: {
        currentPassword: { message: "validation:currentPassword.required" },
        newPassword: { message: "validation:password.tooShort" },
        newPasswordConfirm: { message: "validation:password.mismatch" },
      },
      values: { intent: "password" },
    });
    expect(keysOf(refused.body.values).filter((key) => secretKeys.test(key))).toEqual([]);

    // A wrong current password is the domain's answer, on its field, still without the passwords.
    const wrong = await postAccount(cookie, {
      intent: "password",
      currentPassword: "not the password at all",
      newPassword: "another long memorable sentence",
      newPasswordConfirm: "another long memorable sentence",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      form: "password",
      errors: { currentPassword: { message: "accounts:account.wrongCurrentPassword" } },
    });
    expect(keysOf(wrong.body.values).filter((key) => secretKeys.test(key))).toEqual([]);
    // Nothing changed: same password, same session.
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(row!.passwordHash!, password)).toBe(true);
    expect(await validateSessionToken(db, token)).not.toBeNull();
  });

  it("disabling two-step sign-in with a wrong code is refused on its own form, code not echoed", async () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const { user, cookie } = await signedIn("office_staff", {
      totpSecret: encrypt(secret),
      totpEnabledAt: new Date(),
    });
    setClock({ fixedAt: new Date("2026-05-16T02:00:05Z") });
    const right = generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(nowMs() / 30_000)), 6);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const refused = await postAccount(cookie, { intent: "disable-two-factor", code: wrong });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      form: "disable-two-factor",
      errors: { code: { message: "accounts:twoFactor.wrongCode" } },
      values: { intent: "disable-two-factor" },
    });
    expect(refused.body.values).not.toHaveProperty("code");
    const disabled = await postAccount(cookie, { intent: "disable-two-factor", code: right });
    expect([disabled.status, disabled.location]).toEqual([302, "/account"]);
    expect(disabled.flash).toMatchObject({ message: "accounts:account.twoFactorDisabled" });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row!.totpEnabledAt).toBeNull();
  });

  it("answers an unknown intent with 400", async () => {
    const { cookie } = await signedIn();
    expect((await postAccount(cookie, { intent: "delete-everything" })).status).toBe(400);
  });
});

describe("/login/two-factor", () => {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const codeAt = (ms: number) =>
    generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(ms / 30_000)), 6);

  it("refuses a code that cannot be one without counting it, and echoes no code", async () => {
    setClock({ fixedAt: new Date("2026-05-16T02:00:05Z") });
    const admin = await createUser(db, "bureau_admin", {
      values: { totpSecret: encrypt(secret), totpEnabledAt: new Date("2026-05-16T02:00:05Z") },
    });
    const half = await createSession(db, { userId: admin.id, role: admin.role, twoFactorVerified: false });
    const route = await import("~/routes/login_.two-factor");
    const give = (code: string) =>
      send(() =>
        route.action(
          args(
            post("/login/two-factor?redirectTo=/dashboard", { code }, { Cookie: `session=${half.token}` }),
          ),
        ),
      );
    // More malformed codes than the five wrong ones that end the session: none of them counts.
    for (let i = 0; i < 6; i++) {
      const malformed = await give("12ab");
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ errors: { code: { message: "validation:totpCode.invalid" } } });
      expect(malformed.body.values).not.toHaveProperty("code");
    }
    // A wrong code of the right shape is the domain's refusal, on the field.
    const wrong = await give(String((Number(codeAt(nowMs())) + 1) % 1_000_000).padStart(6, "0"));
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ errors: { code: { message: "accounts:twoFactor.wrongCode" } } });
    expect(wrong.body.values).not.toHaveProperty("code");
    expect(await give(codeAt(nowMs()))).toMatchObject({ status: 302, location: "/dashboard" });
  });
});

describe("/verify-email", () => {
  const links = { origin: "http://portal.test" };

  async function registered(email: string) {
    await registerVolunteer(db, { displayName: "新人", email, password, language: "zh-CN" }, links);
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.recipientEmail, email), eq(emailOutbox.template, "email-verification")));
    return mail!.data as { code: string; url: string };
  }

  it("refuses a wrong code on the code form with the address kept, and verifies by flash", async () => {
    const email = "verify@forms.test";
    const { code } = await registered(email);
    const route = await import("~/routes/verify-email");
    const verify = (fields: Record<string, string>, ip: string) =>
      send(() => route.action(args(post("/verify-email", fields, { "x-portal-client-ip": ip }))));
    const malformed = await verify({ intent: "code", email: "not an address", code: "12" }, "203.0.113.61");
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({
      form: "code",
      errors: {
        email: { message: "validation:email.invalid" },
        code: { message: "validation:verificationCode.invalid" },
      },
      values: { email: "not an address" },
    });
    const wrongCode = code === "000000" ? "111111" : "000000";
    const wrong = await verify({ intent: "code", email, code: wrongCode }, "203.0.113.62");
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      form: "code",
      errors: { code: { message: "accounts:verify.invalid" } },
      values: { email },
    });
    expect(wrong.body.values).not.toHaveProperty("code");
    const done = await verify({ intent: "code", email: ` ${email.toUpperCase()} `, code }, "203.0.113.63");
    expect([done.status, done.location]).toEqual([302, "/login"]);
    expect(done.flash).toEqual({ kind: "success", message: "accounts:verify.done" });
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user!.emailVerifiedAt).not.toBeNull();
  });

  it("answers a spent link above the page, and a resend by flash whether or not the address waits", async () => {
    const email = "link@forms.test";
    const { url } = await registered(email);
    const token = new URL(url, links.origin).searchParams.get("token")!;
    const route = await import("~/routes/verify-email");
    const call = (fields: Record<string, string>) =>
      send(() => route.action(args(post("/verify-email", fields, { "x-portal-client-ip": "203.0.113.64" }))));
    expect(await call({ intent: "link", token })).toMatchObject({ status: 302, location: "/login" });
    const spent = await call({ intent: "link", token });
    expect(spent.status).toBe(400);
    expect(spent.body).toMatchObject({ form: "link", formError: "accounts:verify.linkInvalid" });
    expect(spent.body.values).not.toHaveProperty("token");

    const known = await call({ intent: "resend", email });
    const unknown = await call({ intent: "resend", email: "nobody@forms.test" });
    for (const [answer, address] of [
      [known, email],
      [unknown, "nobody@forms.test"],
    ] as const) {
      expect([answer.status, answer.location]).toEqual([
        302,
        `/verify-email?email=${encodeURIComponent(address)}`,
      ]);
      expect(answer.flash).toEqual({ kind: "success", message: "accounts:verify.resent" });
    }
  });
});

describe("/verify (public certificate look-up)", () => {
  it("refuses a malformed number in place, typed value kept, and opens a well-formed one", async () => {
    const route = await import("~/routes/verify._index");
    const look = (number: string) =>
      send(() => route.action(args(post("/verify", { number }, { "x-portal-client-ip": "203.0.113.65" }))));
    const refused = await look("ZM-2026-nope");
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      errors: { number: { message: "validation:certificateNumber.invalid" } },
      values: { number: "ZM-2026-nope" },
    });
    // Typed as a reader would: full-width, lower case, spaces.
    expect(await look(" zm-2026-7kq4-m2xd ")).toMatchObject({
      status: 302,
      location: "/verify/ZM-2026-7KQ4-M2XD",
    });
    expect(await look("ＢＺ-2026-7KQ4-M2XD")).toMatchObject({
      status: 302,
      location: "/verify/BZ-2026-7KQ4-M2XD",
    });
  });
});

describe("/staff/organizations", () => {
  it("refuses a rejection without a reason at that row's form, verifies by flash, and says when it changed", async () => {
    const office = await createOffice(db);
    const staff = await createUser(db, "office_staff", {
      organizationId: office.id,
      districtId: office.districtId,
    });
    const organization = await createOrganization(db, "social_org", {
      districtId: office.districtId,
      status: "pending",
    });
    const session = await createSession(db, { userId: staff.id, role: staff.role, twoFactorVerified: true });
    const route = await import("~/routes/staff.organizations");
    const path = "/staff/organizations?status=pending";
    const decide = (fields: Record<string, string>) =>
      send(() => route.action(args(post(path, fields, { Cookie: `session=${session.token}` }))));
    const form = `decide-${organization.id}`;

    const refused = await decide({ organizationId: organization.id, decision: "reject", reason: "   " });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      form,
      errors: { reason: { message: "accounts:organizations.reasonRequired" } },
      values: { organizationId: organization.id, decision: "reject" },
    });
    const tooLong = await decide({
      organizationId: organization.id,
      decision: "reject",
      reason: "理".repeat(501),
    });
    expect(tooLong.body).toMatchObject({
      form,
      errors: { reason: { message: "accounts:organizations.reasonTooLong" } },
      values: { reason: "理".repeat(501) },
    });
    const [pending] = await db.select().from(organizations).where(eq(organizations.id, organization.id));
    expect(pending!.status).toBe("pending");

    const verified = await decide({ organizationId: organization.id, decision: "verify", reason: "" });
    expect([verified.status, verified.location]).toEqual([302, path]);
    expect(verified.flash).toEqual({
      kind: "success",
      message: "accounts:organizations.done.verify",
      values: { name: organization.name },
    });
    // The same button again (a double click without JavaScript): the status has changed.
    const again = await decide({ organizationId: organization.id, decision: "verify", reason: "" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ form, formError: "accounts:organizations.invalidTransition" });
    // Office staff may not suspend: refused by permission before the form is looked at.
    expect((await decide({ organizationId: organization.id, decision: "suspend" })).status).toBe(403);
  });
});
