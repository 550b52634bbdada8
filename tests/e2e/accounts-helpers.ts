import { randomBytes, randomInt } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP, generateTOTP } from "@oslojs/otp";
import {
  test as base,
  expect,
  type APIRequestContext,
  type APIResponse,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";
import { CREDIT_CODE_ALPHABET, creditCodeCheckCharacter } from "../../app/domains/accounts/credit-code";
import { fakeResendUrl, type ReceivedEmail, waitForEmail } from "./mail";

/**
 * DEMO_PASSWORD of db/seed.ts (the password of every demo account). Not imported: db/seed.ts pulls
 * in the server modules, which Playwright's loader cannot run.
 */
export const DEMO_PASSWORD = "portal-demo-2026";

export const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${port}`;

/**
 * A client address of its own for each test (and each extra browser context). The e2e server trusts
 * one proxy (TRUST_PROXY=1 in playwright.config.ts), so X-Forwarded-For is the address the login
 * limit counts: the ten failures of one test cannot block sign-ins of the others.
 */
export function uniqueIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export const test = base.extend<{ clientIp: string }>({
  // eslint-disable-next-line no-empty-pattern
  clientIp: async ({}, use) => {
    await use(uniqueIp());
  },
  extraHTTPHeaders: async ({ clientIp }, use) => {
    await use({ "X-Forwarded-For": clientIp });
  },
});

export { expect };

/** Another browser (as on a second device), from an address of its own. */
export async function newDevice(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() },
  });
  return { context, page: await context.newPage() };
}

/** Unique per run, per worker and per call. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}.${randomBytes(4).toString("hex")}@example.com`;
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`.toUpperCase();
}

/** A valid unified social credit code (GB 32100-2015) that no other test uses. */
export function newCreditCode(): string {
  let body = "91110108";
  for (let i = 0; i < 9; i++) body += CREDIT_CODE_ALPHABET.charAt(randomInt(CREDIT_CODE_ALPHABET.length));
  return body + creditCodeCheckCharacter(body);
}

/** The same code with a wrong check character. */
export function withWrongCheckCharacter(code: string): string {
  const check = code.charAt(17);
  const wrong = CREDIT_CODE_ALPHABET.charAt((CREDIT_CODE_ALPHABET.indexOf(check) + 1) % 31);
  return code.slice(0, 17) + wrong;
}

export async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

/** A form POST as a browser sends it (same-origin, so the Origin header is the app's). */
export function postForm(
  request: APIRequestContext,
  url: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<APIResponse> {
  return request.post(url, { form, headers: { Origin: baseURL, ...headers }, maxRedirects: 0 });
}

export async function verificationEmail(
  request: APIRequestContext,
  to: string,
): Promise<{ email: ReceivedEmail; code: string; link: string }> {
  const email = await waitForEmail(request, { to, subject: "验证码" });
  const code = /\b(\d{6})\b/.exec(email.subject)?.[1];
  if (!code) throw new Error(`No code in "${email.subject}"`);
  return { email, code, link: verificationLink(email) };
}

export function verificationLink(email: ReceivedEmail): string {
  const link = /https?:\/\/[^\s"'<>]+\/verify-email\?token=[\w-]+/.exec(email.text)?.[0];
  if (!link) throw new Error(`No verification link in "${email.subject}"`);
  return link;
}

/** Waits until `count` mails to `to` whose subject contains `subject` arrived; returns them, oldest first. */
export async function emailsTo(
  request: APIRequestContext,
  to: string,
  subject: string,
  count: number,
  timeoutMs = 15_000,
): Promise<ReceivedEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request.get(`${fakeResendUrl}/__test/emails?to=${encodeURIComponent(to)}`);
    const { emails } = (await response.json()) as { emails: ReceivedEmail[] };
    const matching = emails.filter((email) => email.subject.includes(subject));
    if (matching.length >= count) return matching;
    if (Date.now() > deadline) throw new Error(`${matching.length} of ${count} mails "${subject}" to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function newVolunteer(prefix = "volunteer"): Account {
  return {
    name: `志愿者${uniqueSuffix()}`,
    email: uniqueEmail(prefix),
    password: `晴天 river lamp ${randomBytes(3).toString("hex")}`,
  };
}

/** Registers and verifies a volunteer over HTTP, for journeys that are about something else. */
export async function createVerifiedVolunteer(request: APIRequestContext, prefix?: string): Promise<Account> {
  const account = newVolunteer(prefix);
  const registered = await postForm(request, "/register/volunteer", {
    displayName: account.name,
    email: account.email,
    password: account.password,
    passwordConfirm: account.password,
    language: "zh-CN",
    acceptTerms: "on",
    website: "",
  });
  expect(registered.status()).toBe(302);
  const { code } = await verificationEmail(request, account.email);
  const verified = await postForm(request, "/verify-email", { intent: "code", email: account.email, code });
  expect(verified.status()).toBe(302);
  expect(verified.headers()["location"]).toBe("/login");
  // Follow the redirect as a browser would: the page reads (and clears) the "verified" flash.
  await request.get("/login");
  return account;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("电子邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

export async function expectDashboard(page: Page, name: string, role: string) {
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name}，欢迎回来`);
  await expect(page.getByText(`您的身份：${role}`)).toBeVisible();
}

export function mainNav(page: Page) {
  return page.getByRole("navigation", { name: "主导航" });
}

export function totp(key: string): string {
  return generateTOTP(decodeBase32IgnorePadding(key), 30, 6);
}

/**
 * A code is accepted once per account and 30-second step (RFC 6238 §5.2), and tests in parallel sign
 * the same demo admins in: each sign-in takes a step of its own, later than any before, by moving its
 * browser context's portal clock there (server/test-clock.ts). The steps are numbered through a file
 * the e2e server empties at start; should another worker's later step win a race, the code is refused
 * and the next step is tried.
 */
export const totpStepFile = (forPort: number) => path.join(os.tmpdir(), `portal-e2e-${forPort}-totp-steps`);

function nextStepIndex(): number {
  const mark = `${process.pid}-${randomBytes(6).toString("hex")}`;
  appendFileSync(totpStepFile(port), `${mark}\n`);
  return readFileSync(totpStepFile(port), "utf8").split("\n").indexOf(mark);
}

/** Gives the second factor on /login/two-factor with a code of a step no sign-in of this run used. */
export async function submitFreshTotp(page: Page, key: string): Promise<void> {
  const { setServerClock } = await import("./clock");
  for (let attempt = 1; attempt <= 3; attempt++) {
    const step = Math.floor(Date.now() / 30_000) + 2 + 2 * nextStepIndex();
    await setServerClock([page.context()], step * 30_000 + 5_000);
    await page.getByLabel("验证码").fill(generateHOTP(decodeBase32IgnorePadding(key), BigInt(step), 6));
    const answered = page.waitForResponse(
      (response) => response.request().method() === "POST" && response.url().includes("/login/two-factor"),
    );
    await page.getByRole("button", { name: "确认" }).click();
    if ((await answered).status() !== 400) return;
  }
}

/**
 * The demo bureau admin's TOTP key, once some test has enrolled it on this e2e database (a fresh
 * database per run starts without one). Kept in a file so another worker can sign in again.
 */
const bureauKeyFile = path.join(os.tmpdir(), `portal-e2e-${port}-bureau-totp-key`);

export function rememberBureauKey(key: string) {
  writeFileSync(bureauKeyFile, key, { mode: 0o600 });
}

export function rememberedBureauKey(): string {
  if (!existsSync(bureauKeyFile)) throw new Error("The bureau admin's TOTP key is not known to this run");
  return readFileSync(bureauKeyFile, "utf8").trim();
}

/** Signs the demo bureau admin in with TOTP (enrolling on a fresh database, else with the key remembered by this run). */
export async function signInAsBureauAdmin(page: Page) {
  await signIn(page, "bureau@demo.portal", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/两步验证/);
  if ((await heading.textContent()) === "开启两步验证") {
    const key = (await page.locator("code").first().textContent())?.trim() ?? "";
    expect(key).toMatch(/^[A-Z2-7]{16,}$/);
    rememberBureauKey(key);
    await page.getByLabel("验证码").fill(totp(key));
    await page.getByRole("button", { name: "确认" }).click();
    await page.getByRole("link", { name: "我已保存，继续" }).click();
  } else {
    await submitFreshTotp(page, rememberedBureauKey());
  }
  await expectDashboard(page, "王建国", "司法局管理员");
}

/**
 * The demo system admin's TOTP key, once a run enrolled it on this e2e database (a retried test finds
 * the admin enrolled already).
 */
const systemAdminKeyFile = path.join(os.tmpdir(), `portal-e2e-${port}-admin-totp-key`);

/** Signs the demo system admin in with TOTP (enrolling on a fresh database, else with the key remembered by this run). */
export async function signInAsSystemAdmin(page: Page) {
  await signIn(page, "admin@demo.portal", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading, page.url()).toHaveText(/两步验证/);
  if ((await heading.textContent()) === "开启两步验证") {
    const key = (await page.locator("code").first().textContent())?.trim() ?? "";
    expect(key).toMatch(/^[A-Z2-7]{16,}$/);
    writeFileSync(systemAdminKeyFile, key, { mode: 0o600 });
    await page.getByLabel("验证码").fill(totp(key));
    await page.getByRole("button", { name: "确认" }).click();
    await page.getByRole("link", { name: "我已保存，继续" }).click();
  } else {
    if (!existsSync(systemAdminKeyFile)) throw new Error("The admin's TOTP key is not known to this run");
    await submitFreshTotp(page, readFileSync(systemAdminKeyFile, "utf8").trim());
  }
  await expect(page).toHaveURL(/\/dashboard$/);
}
