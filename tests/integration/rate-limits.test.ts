/**
 * Rate limits on the public forms and the mail cooldown (ADR 006), through the routes' actions as a
 * browser would post them: a 429 with Retry-After and a translated notice, counted per address and
 * per email in `rate_limit_counters`, with the clock moved instead of waited for.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { users } from "#db/schema/accounts";
import { emailOutbox } from "#db/schema/notifications";
import { registerVolunteer } from "~/domains/accounts/accounts.server";
import { MAIL_COOLDOWN_MS, publicPostLimits, windowOf } from "~/domains/accounts/request-limits";
import { settleAfterResponse } from "~/utils/after-response.server";
import { advanceClock, now, resetClock, setClock } from "~/utils/clock.server";
import type { Database } from "~/utils/db.server";
import { resetDatabase, testConnection } from "./helpers";

const links = { origin: "http://portal.test" };
/** A quarter past the hour: the reset window (one hour) has 45 minutes to go. */
const T0 = new Date("2026-05-16T02:15:00Z");
const SECOND = 1_000;

let db: Database;
beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
  setClock({ fixedAt: T0 });
});
afterEach(() => resetClock());

interface Answer {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

/** What an action answered: a thrown or returned Response, data() with its init, or plain data. */
async function answer(run: () => Promise<unknown>): Promise<Answer> {
  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    if (!(error instanceof Response)) throw error;
    result = error;
  }
  if (result instanceof Response)
    return { status: result.status, retryAfter: result.headers.get("Retry-After"), body: null };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const init = (result as { init?: ResponseInit | null }).init;
    return {
      status: init?.status ?? 200,
      retryAfter: new Headers(init?.headers).get("Retry-After"),
      body: (result as { data: unknown }).data,
    };
  }
  return { status: 200, retryAfter: null, body: result };
}

function post(path: string, fields: Record<string, string>, address: string) {
  return new Request(`http://portal.test${path}`, {
    method: "POST",
    headers: { Origin: "http://portal.test", "x-portal-client-ip": address },
    body: new URLSearchParams(fields),
  });
}

async function forgotPassword(email: string, address: string) {
  const route = await import("~/routes/forgot-password");
  const answered = await answer(() =>
    route.action({
      request: post("/forgot-password", { email }, address),
      params: {},
      context: { cspNonce: "" },
    }),
  );
  // The reset mail is queued after the answer (equal timing for known and unknown emails).
  await settleAfterResponse();
  return answered;
}

async function mailsTo(email: string, template: string) {
  return db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.recipientEmail, email), eq(emailOutbox.template, template)));
}

async function activeAccount(email: string) {
  await registerVolunteer(
    db,
    { displayName: "志愿者", email, password: "a long passphrase here", language: "zh-CN" },
    links,
  );
  await db.update(users).set({ emailVerifiedAt: now() }).where(eq(users.email, email));
}

const rateLimited = {
  status: 429,
  body: { errors: {}, formError: "common:rateLimit.tooMany" },
};

describe("password reset", () => {
  it("the twelfth request for one email within the window answers 429 and sends no mail; another email from another address is unaffected", async () => {
    const email = "owner@limits.test";
    await activeAccount(email);
    const { limit } = publicPostLimits.resetEmail;
    expect(limit).toBe(10);
    // A request a minute apart, each past the mail cooldown: each of the first ten mails a link.
    for (let i = 1; i <= limit; i++) {
      expect(await forgotPassword(email, "203.0.113.7")).toEqual({
        status: 200,
        retryAfter: null,
        body: { sent: true },
      });
      expect(await mailsTo(email, "password-reset")).toHaveLength(i);
      advanceClock(MAIL_COOLDOWN_MS + SECOND);
    }
    const windowEnd = windowOf(publicPostLimits.resetEmail, T0).end;
    for (const _ of [11, 12]) {
      const limited = await forgotPassword(email, "203.0.113.7");
      expect(limited).toMatchObject(rateLimited);
      expect(Number(limited.retryAfter)).toBe(Math.ceil((windowEnd.getTime() - now().getTime()) / SECOND));
    }
    expect(await mailsTo(email, "password-reset")).toHaveLength(limit);

    const other = "someone.else@limits.test";
    await activeAccount(other);
    expect(await forgotPassword(other, "198.51.100.20")).toEqual({
      status: 200,
      retryAfter: null,
      body: { sent: true },
    });
    expect(await mailsTo(other, "password-reset")).toHaveLength(1);

    // The next window opens the limit again.
    setClock({ fixedAt: windowEnd });
    expect(await forgotPassword(email, "203.0.113.7")).toMatchObject({ status: 200 });
    expect(await mailsTo(email, "password-reset")).toHaveLength(limit + 1);
  });

  it("within the cooldown answers the same and queues no second mail, known or unknown email", async () => {
    const email = "owner@limits.test";
    await activeAccount(email);
    const first = await forgotPassword(email, "203.0.113.7");
    const again = await forgotPassword(email, "203.0.113.8");
    const unknown = await forgotPassword("nobody@limits.test", "203.0.113.7");
    const unknownAgain = await forgotPassword("nobody@limits.test", "203.0.113.7");
    for (const response of [again, unknown, unknownAgain]) expect(response).toEqual(first);
    expect(await mailsTo(email, "password-reset")).toHaveLength(1);

    advanceClock(MAIL_COOLDOWN_MS - SECOND);
    expect(await forgotPassword(email, "203.0.113.7")).toEqual(first);
    expect(await mailsTo(email, "password-reset")).toHaveLength(1);
    advanceClock(2 * SECOND);
    expect(await forgotPassword(email, "203.0.113.7")).toEqual(first);
    expect(await mailsTo(email, "password-reset")).toHaveLength(2);
  });

  it("one address asking for many emails is limited too", async () => {
    const { limit } = publicPostLimits.resetIp;
    for (let i = 0; i < limit; i++) {
      expect(await forgotPassword(`victim${i}@limits.test`, "203.0.113.9")).toMatchObject({ status: 200 });
    }
    expect(await forgotPassword("victim-last@limits.test", "203.0.113.9")).toMatchObject(rateLimited);
    expect(await forgotPassword("victim-last@limits.test", "203.0.113.10")).toMatchObject({ status: 200 });
  });
});

describe("the other public forms", () => {
  it("resending the verification code within the cooldown queues no second code", async () => {
    const email = "new@limits.test";
    await registerVolunteer(
      db,
      { displayName: "新人", email, password: "a long passphrase here", language: "zh-CN" },
      links,
    );
    const route = await import("~/routes/verify-email");
    const resend = (address: string) =>
      answer(() =>
        route.action({
          request: post("/verify-email", { intent: "resend", email }, address),
          params: {},
          context: { cspNonce: "" },
        }),
      );
    // Answered by a redirect to the page with the flash, whatever happened to the mail.
    expect(await resend("203.0.113.7")).toEqual({ status: 302, retryAfter: null, body: null });
    expect(await mailsTo(email, "email-verification")).toHaveLength(1);
    advanceClock(MAIL_COOLDOWN_MS);
    expect(await resend("203.0.113.7")).toEqual({ status: 302, retryAfter: null, body: null });
    expect(await mailsTo(email, "email-verification")).toHaveLength(2);
  });

  it("registration, verification and certificate look-ups answer 429 with Retry-After past the address limit", async () => {
    const register = await import("~/routes/register.volunteer");
    const verifyEmail = await import("~/routes/verify-email");
    const certificate = await import("~/routes/verify._index");
    const cases = [
      {
        limit: publicPostLimits.registerIp,
        run: (i: number) =>
          register.action({
            request: post(
              "/register/volunteer",
              {
                displayName: "志愿者",
                email: `reg${i}@limits.test`,
                password: "a long passphrase here",
                passwordConfirm: "a long passphrase here",
                language: "zh-CN",
                acceptTerms: "on",
              },
              "203.0.113.30",
            ),
            params: {},
            context: { cspNonce: "" },
          }),
      },
      {
        limit: publicPostLimits.verifyEmailIp,
        run: (i: number) =>
          verifyEmail.action({
            request: post(
              "/verify-email",
              { intent: "code", email: `v${i}@limits.test`, code: "123456" },
              "203.0.113.31",
            ),
            params: {},
            context: { cspNonce: "" },
          }),
      },
      {
        limit: publicPostLimits.certificateIp,
        run: () =>
          certificate.action({
            request: post("/verify", { number: "ZM-2026-ABCD-EFGH" }, "203.0.113.32"),
            params: {},
            context: { cspNonce: "" },
          }),
      },
    ];
    for (const { limit, run } of cases) {
      for (let i = 0; i < limit.limit; i++) expect((await answer(() => run(i))).status).not.toBe(429);
      const limited = await answer(() => run(limit.limit));
      expect(limited, limit.bucket).toMatchObject(rateLimited);
      expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    }
  });
});
