import { randomBytes, randomInt } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
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
