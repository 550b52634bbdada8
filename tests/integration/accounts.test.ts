import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { knownDevices, sessions, users, verificationTokens } from "#db/schema/accounts";
import { emailOutbox } from "#db/schema/notifications";
import {
  changePassword,
  deactivateUser,
  login,
  registerVolunteer,
  requestPasswordReset,
  resetPassword,
  verifyEmailByCode,
  verifyEmailByToken,
} from "~/domains/accounts/accounts.server";
import { createSession, validateSessionToken } from "~/domains/accounts/sessions.server";
import { DEVICE_TOKEN_PATTERN } from "~/domains/accounts/known-devices.server";
import { advanceClock, resetClock, setClock } from "~/utils/clock.server";
import { sha256Hex } from "~/utils/crypto.server";
import { resetDatabase, testConnection } from "./helpers";

const links = { origin: "http://portal.test" };
const password = "a long and memorable sentence";

afterEach(() => resetClock());

async function db() {
  return (await testConnection()).db;
}

async function lastMail(template: string, to: string) {
  const rows = await (await db()).select().from(emailOutbox).where(eq(emailOutbox.recipientEmail, to));
  const mail = rows.filter((row) => row.template === template).at(-1);
  if (!mail) throw new Error(`no ${template} mail to ${to}`);
  return mail.data as Record<string, string>;
}

async function verifiedVolunteer(email = "vol@example.cn") {
  await registerVolunteer(await db(), { displayName: "志愿者", email, password, language: "zh-CN" }, links);
  const { url } = await lastMail("email-verification", email);
  expect(await verifyEmailByToken(await db(), new URL(url!, links.origin).searchParams.get("token")!)).toBe(
    true,
  );
}

const loginAs = async (email: string, pw = password, ipAddress = "10.0.0.1") =>
  login(await db(), { email, password: pw, ipAddress, userAgent: "vitest" }, links);
const loginWithDevice = async (email: string, pw: string, ipAddress: string, deviceToken: string | null) =>
  login(await db(), { email, password: pw, ipAddress, userAgent: "vitest", deviceToken }, links);

describe("registration and email verification", () => {
  beforeEach(resetDatabase);

  it("stores only hashes of the emailed link and code", async () => {
    await registerVolunteer(
      await db(),
      { displayName: "甲", email: "a@example.cn", password, language: "zh-CN" },
      links,
    );
    const { code, url } = await lastMail("email-verification", "a@example.cn");
    const token = new URL(url!, links.origin).searchParams.get("token")!;
    const [row] = await (await db()).select().from(verificationTokens);
    expect(row?.tokenHash).toBe(sha256Hex(token));
    expect(row?.codeHash).toBe(sha256Hex(code!));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("verifies by code once, and a wrong code five times ends it", async () => {
    await registerVolunteer(
      await db(),
      { displayName: "乙", email: "b@example.cn", password, language: "en" },
      links,
    );
    const { code } = await lastMail("email-verification", "b@example.cn");
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++)
      expect(await verifyEmailByCode(await db(), "b@example.cn", wrong)).toBe(false);
    expect(await verifyEmailByCode(await db(), "b@example.cn", code!)).toBe(false);
  });

  it("a second registration with the same email creates nothing new", async () => {
    await verifiedVolunteer("c@example.cn");
    await registerVolunteer(
      await db(),
      { displayName: "冒名", email: "c@example.cn", password: "another long sentence", language: "zh-CN" },
      links,
    );
    const rows = await (await db()).select().from(users).where(eq(users.email, "c@example.cn"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.displayName).toBe("志愿者");
  });

  it("an unverified account cannot sign in", async () => {
    await registerVolunteer(
      await db(),
      { displayName: "丙", email: "d@example.cn", password, language: "zh-CN" },
      links,
    );
    expect((await loginAs("d@example.cn")).status).toBe("unverified");
  });
});

describe("sessions", () => {
  beforeEach(resetDatabase);

  it("keeps only the SHA-256 of the token", async () => {
    await verifiedVolunteer();
    const result = await loginAs("vol@example.cn");
    if (result.status !== "ok") throw new Error(result.status);
    expect(result.token.length).toBeGreaterThanOrEqual(32); // 160 random bits in base32
    const rows = await (await db()).select().from(sessions);
    expect(rows.map((row) => row.id)).toEqual([sha256Hex(result.token)]);
    expect(JSON.stringify(rows)).not.toContain(result.token);
  });

  it("expires a staff session after 30 idle minutes and slides it on use", async () => {
    await verifiedVolunteer();
    const [user] = await (await db()).select().from(users);
    await (await db()).update(users).set({ role: "system_admin" }).where(eq(users.id, user!.id));
    const start = new Date("2026-11-22T01:00:00Z");
    const { token } = await createSession(
      await db(),
      { userId: user!.id, role: "system_admin", twoFactorVerified: true },
      start,
    );
    const later = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    expect(await validateSessionToken(await db(), token, later(20))).not.toBeNull();
    expect(await validateSessionToken(await db(), token, later(45))).not.toBeNull(); // renewed at minute 20
    expect(await validateSessionToken(await db(), token, later(80))).toBeNull();
    expect(await (await db()).select().from(sessions)).toEqual([]);
  });

  it("ends every session on password change, and the old password stops working", async () => {
    await verifiedVolunteer();
    const first = await loginAs("vol@example.cn");
    const second = await loginAs("vol@example.cn");
    if (first.status !== "ok" || second.status !== "ok") throw new Error("login failed");
    const [user] = await (await db()).select().from(users);
    const changed = await changePassword(await db(), {
      userId: user!.id,
      currentPassword: password,
      newPassword: "an even longer memorable sentence",
      ipAddress: "10.0.0.1",
      userAgent: null,
    });
    expect(changed.ok).toBe(true);
    expect(await validateSessionToken(await db(), first.token)).toBeNull();
    expect(await validateSessionToken(await db(), second.token)).toBeNull();
    expect((await loginAs("vol@example.cn")).status).toBe("invalid");
    expect((await loginAs("vol@example.cn", "an even longer memorable sentence")).status).toBe("ok");
  });

  it("refuses a password change with the wrong current password", async () => {
    await verifiedVolunteer();
    const [user] = await (await db()).select().from(users);
    const result = await changePassword(await db(), {
      userId: user!.id,
      currentPassword: "wrong",
      newPassword: "whatever long enough",
      ipAddress: "x",
      userAgent: null,
    });
    expect(result).toEqual({ ok: false, field: "currentPassword" });
  });

  it("ends every session on deactivation", async () => {
    await verifiedVolunteer();
    const result = await loginAs("vol@example.cn");
    if (result.status !== "ok") throw new Error(result.status);
    const [user] = await (await db()).select().from(users);
    await deactivateUser(await db(), user!.id);
    expect(await validateSessionToken(await db(), result.token)).toBeNull();
    expect((await loginAs("vol@example.cn")).status).toBe("invalid");
  });
});

describe("new sign-in alert", () => {
  beforeEach(resetDatabase);

  it("mails once per browser and address, not on every sign-in", async () => {
    await verifiedVolunteer();
    await loginAs("vol@example.cn", password, "10.0.0.1");
    await loginAs("vol@example.cn", password, "10.0.0.1");
    await loginAs("vol@example.cn", password, "10.0.0.2");
    const alerts = await (
      await db()
    )
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "new-sign-in"));
    expect(alerts.map((mail) => (mail.data as { ipAddress: string }).ipAddress).sort()).toEqual([
      "10.0.0.1",
      "10.0.0.2",
    ]);
  });
});

describe("sign-in abuse resistance", () => {
  beforeEach(resetDatabase);

  it("answers the same for an unknown email and a wrong password", async () => {
    await verifiedVolunteer();
    expect(await loginAs("nobody@example.cn")).toEqual({ status: "invalid" });
    expect(await loginAs("vol@example.cn", "wrong password here")).toEqual({ status: "invalid" });
  });

  it("ten wrong passwords from ten addresses throttle strangers, not the owner on a device that signed in before", async () => {
    setClock({ fixedAt: new Date("2026-05-16T02:00:00Z") });
    await verifiedVolunteer();
    const ownDevice = await loginAs("vol@example.cn", password, "10.0.0.1");
    if (ownDevice.status !== "ok") throw new Error(ownDevice.status);
    expect(ownDevice.deviceToken).toMatch(DEVICE_TOKEN_PATTERN);
    const stored = await (await db()).select().from(knownDevices);
    expect(stored.map((device) => device.id)).toEqual([sha256Hex(ownDevice.deviceToken!)]);

    advanceClock(60_000);
    for (let i = 0; i < 10; i++)
      expect((await loginAs("vol@example.cn", `wrong ${i}`, `10.0.1.${i}`)).status).toBe("invalid");
    // A stranger's device (none, forged or another account's) waits until the first failure leaves the window.
    const other = await loginAs("vol@example.cn", password, "10.0.2.1");
    expect(other).toEqual({ status: "rateLimited", retryAfterSeconds: 600 });
    expect(await loginWithDevice("vol@example.cn", password, "10.0.2.2", "a".repeat(52))).toMatchObject({
      status: "rateLimited",
    });
    // The owner's device still signs in with the right password, and is not given a new token.
    const owner = await loginWithDevice("vol@example.cn", password, "10.0.2.3", ownDevice.deviceToken);
    expect(owner).toMatchObject({ status: "ok", deviceToken: null });
    // …but not with a wrong one.
    expect((await loginWithDevice("vol@example.cn", "wrong", "10.0.2.4", ownDevice.deviceToken)).status).toBe(
      "invalid",
    );

    advanceClock(10 * 60_000);
    expect(await loginAs("vol@example.cn", password, "10.0.2.5")).toMatchObject({ status: "ok" });
  });

  it("blocks an address after 10 failures across accounts", async () => {
    await verifiedVolunteer();
    for (let i = 0; i < 10; i++) await loginAs(`guess${i}@example.cn`, "x", "10.9.9.9");
    expect((await loginAs("vol@example.cn", password, "10.9.9.9")).status).toBe("rateLimited");
    expect((await loginAs("vol@example.cn", password, "10.9.9.10")).status).toBe("ok");
  });
});

describe("password reset", () => {
  beforeEach(resetDatabase);

  it("mails a one-time link to a known account only, and the link ends every session", async () => {
    await verifiedVolunteer();
    const session = await loginAs("vol@example.cn");
    if (session.status !== "ok") throw new Error(session.status);
    await requestPasswordReset(await db(), "nobody@example.cn", links);
    await requestPasswordReset(await db(), "vol@example.cn", links);
    const mails = await (
      await db()
    )
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "password-reset"));
    expect(mails.map((mail) => mail.recipientEmail)).toEqual(["vol@example.cn"]);
    const token = new URL((mails[0]!.data as { url: string }).url, links.origin).searchParams.get("token")!;
    expect(await resetPassword(await db(), token, "my brand new sentence")).toBe(true);
    expect(await resetPassword(await db(), token, "a second use of the link")).toBe(false);
    expect(await validateSessionToken(await db(), session.token)).toBeNull();
    expect((await loginAs("vol@example.cn", "my brand new sentence")).status).toBe("ok");
  });
});
