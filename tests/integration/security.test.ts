/**
 * Security hardening (issue 12, docs/security.md): one block per finding, each through the routes as a
 * browser (or an attacker) would call them.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { eq } from "drizzle-orm";
import express from "express";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sessions, users } from "#db/schema/accounts";
import { emailOutbox } from "#db/schema/notifications";
import { hourRecords, serviceCertificates } from "#db/schema/volunteers";
import { approveRecords } from "~/domains/volunteers/hour-review.server";
import { requestGuards } from "../../server/request-guards";
import { hashPassword } from "~/domains/accounts/passwords.server";
import { createSession, validateSessionToken } from "~/domains/accounts/sessions.server";
import { pendingAfterResponse, settleAfterResponse } from "~/utils/after-response.server";
import { advanceClock, nowMs, resetClock, setClock } from "~/utils/clock.server";
import { encrypt } from "~/utils/crypto.server";
import type { Database } from "~/utils/db.server";
import { reloadEnv } from "~/utils/env.server";
import { getCurrentSession } from "~/utils/session.server";
import { createOffice, createUser, createVolunteer } from "#tests/fixtures/factories";
import { flashOf, routeCall } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

const password = "a long and memorable sentence";
let db: Database;

beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
});
afterEach(() => {
  resetClock();
  delete process.env.APP_URL;
  reloadEnv();
});

function useAppUrl(url: string) {
  process.env.APP_URL = url;
  reloadEnv();
}

async function userWithPassword(role: Parameters<typeof createUser>[1] = "volunteer") {
  return createUser(db, role, { values: { passwordHash: await hashPassword(password) } });
}

function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const origin = new URL(url).origin;
  return new Request(url, {
    method: "POST",
    headers: { Origin: origin, "x-portal-client-ip": "203.0.113.50", ...headers },
    body: new URLSearchParams(fields),
  });
}

const args = (request: Request, params: Record<string, string> = {}) => ({
  request,
  params,
  context: { cspNonce: "" },
});

/** A raw HTTP request (fetch may not set Host) to a listening Express app. */
function rawRequest(port: number, options: { path?: string; host: string; method?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        port,
        host: "127.0.0.1",
        path: options.path ?? "/",
        method: options.method ?? "GET",
        headers: { Host: options.host },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function withApp(
  env: Parameters<typeof requestGuards>[0],
  run: (port: number) => Promise<void>,
): Promise<void> {
  const app = express();
  app.use(requestGuards(env));
  app.all("*", (_req, res) => void res.status(200).send("reached"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  try {
    await run((server.address() as AddressInfo).port);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("1. only configured origins are answered", () => {
  it("a password-reset request on a forged Host answers 400 and mails no link", async () => {
    const user = await userWithPassword();
    const route = await import("~/routes/forgot-password");
    const forged = await routeCall(() =>
      route.action(args(post("http://evil.example/forgot-password", { email: user.email }))),
    );
    expect(forged.status).toBe(400);
    await settleAfterResponse();
    expect(await db.select().from(emailOutbox)).toEqual([]);

    // On the configured host the link is mailed, and it points there.
    const honest = await routeCall(() =>
      route.action(args(post("http://portal.test/forgot-password", { email: user.email }))),
    );
    expect(honest.status).toBe(200);
    await settleAfterResponse();
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.recipientEmail, user.email));
    expect((mail!.data as { url: string }).url).toMatch(/^\/reset-password\?token=/);
    expect(mail!.linkOrigin).toBe("http://portal.test");
  });

  it("with APP_URL, links in mail use it whatever the request's Host", async () => {
    useAppUrl("https://portal.example.gov.cn");
    const user = await userWithPassword();
    const route = await import("~/routes/forgot-password");
    await routeCall(() =>
      route.action(args(post("http://localhost:3000/forgot-password", { email: user.email }))),
    );
    await settleAfterResponse();
    const [mail] = await db.select().from(emailOutbox);
    expect((mail!.data as { url: string }).url).toMatch(/^\/reset-password\?token=/);
    expect(mail!.linkOrigin).toBe("https://portal.example.gov.cn");
  });

  it("the server answers 400 to any other Host (and X-Forwarded-Host), before any route", async () => {
    await withApp({ APP_URL: undefined, ALLOWED_HOSTS: ["localhost", "127.0.0.1"] }, async (port) => {
      expect((await rawRequest(port, { host: `localhost:${port}` })).status).toBe(200);
      expect((await rawRequest(port, { host: `127.0.0.1:${port}` })).status).toBe(200);
      for (const host of [
        "evil.example",
        `evil.example:${port}`,
        "localhost.evil.example",
        "localhost@evil.example",
      ])
        expect((await rawRequest(port, { host, method: "POST", path: "/account" })).status, host).toBe(400);
      expect((await rawRequest(port, { host: "evil.example", path: "/healthz" })).status).toBe(200);
    });
    await withApp(
      { APP_URL: "https://portal.example.gov.cn", ALLOWED_HOSTS: ["localhost"] },
      async (port) => {
        expect((await rawRequest(port, { host: "portal.example.gov.cn" })).status).toBe(200);
        expect((await rawRequest(port, { host: "portal.example.gov.cn:443" })).status).toBe(200);
        expect((await rawRequest(port, { host: "localhost" })).status).toBe(400);
        expect((await rawRequest(port, { host: "portal.example.gov.cn:8443" })).status).toBe(400);
      },
    );
  });
});

describe("2. redirectTo never leaves the portal, never 500s", () => {
  const hostile = [
    "%2F%09%2Fevil.example%2Fphish",
    "%2F%0D%0A%2Fevil.example",
    "%2F%0A%2Fevil.example",
    "%2Fdashboard%0B",
    "%2Fdashboard%00",
    "%2F%E3%80%80%2Fevil.example",
    "%2F%5Cevil.example",
    "%2F%2Fevil.example",
    "https%3A%2F%2Fevil.example",
  ];

  it("/login signs in and lands on the dashboard for every hostile target", async () => {
    const user = await userWithPassword();
    const route = await import("~/routes/login");
    for (const target of hostile) {
      const answer = await routeCall(() =>
        route.action(
          args(post(`http://portal.test/login?redirectTo=${target}`, { email: user.email, password })),
        ),
      );
      // A NUL in the query is refused outright (400); everything else lands on the dashboard.
      const landed = target.includes("%00")
        ? { status: 400, location: null }
        : { status: 302, location: "/dashboard" };
      expect({ target, status: answer.status, location: answer.location }).toEqual({ target, ...landed });
    }
  });

  it("/set-language goes home for every hostile target and keeps a real one", async () => {
    const route = await import("~/routes/set-language");
    for (const target of hostile) {
      const answer = await routeCall(() =>
        route.action(
          args(
            post("http://portal.test/set-language", { lng: "en", redirectTo: decodeURIComponent(target) }),
          ),
        ),
      );
      // The shared parser refuses the hostile target as text; the language switch then goes home.
      expect({ target, status: answer.status, location: answer.location }).toEqual({
        target,
        status: 302,
        location: "/",
      });
    }
    const kept = await routeCall(() =>
      route.action(args(post("http://portal.test/set-language", { lng: "en", redirectTo: "/hours?page=2" }))),
    );
    expect(kept.location).toBe("/hours?page=2");
  });
});

describe("11. cookies over https are Secure and __Host- prefixed", () => {
  it("signing in under an https APP_URL sets __Host-session and __Host-device, read back only by that name", async () => {
    useAppUrl("https://portal.example.gov.cn");
    const user = await userWithPassword();
    const route = await import("~/routes/login");
    // Remix's redirect() is returned, not thrown, by the login action.
    const response = (await route.action(
      args(post("https://portal.example.gov.cn/login", { email: user.email, password })),
    )) as Response;
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((cookie) => cookie.startsWith("__Host-session="));
    const device = cookies.find((cookie) => cookie.startsWith("__Host-device="));
    for (const cookie of [session, device]) {
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      expect(cookie).toMatch(/HttpOnly/);
    }
    const token = session!.split(";")[0]!.split("=")[1]!;
    const signedIn = new Request("https://portal.example.gov.cn/dashboard", {
      headers: { Cookie: `__Host-session=${token}` },
    });
    expect((await getCurrentSession(signedIn))?.user.id).toBe(user.id);
    // The unprefixed name, which any subdomain or plain-http page could plant, is not read there.
    const planted = new Request("https://portal.example.gov.cn/dashboard", {
      headers: { Cookie: `session=${token}` },
    });
    expect(await getCurrentSession(planted)).toBeNull();
  });

  it("over plain http (the embedded demo) the cookies keep their plain names and no Secure", async () => {
    const user = await userWithPassword();
    const route = await import("~/routes/login");
    const response = (await route.action(
      args(post("http://localhost:3000/login", { email: user.email, password })),
    )) as Response;
    const cookies = response.headers.getSetCookie();
    expect(cookies.some((cookie) => cookie.startsWith("session=") && !/Secure/.test(cookie))).toBe(true);
    expect(cookies.some((cookie) => cookie.startsWith("device=") && !/Secure/.test(cookie))).toBe(true);
  });
});

describe("7. password reset answers known and unknown emails after the same work", () => {
  it("queues the lookup and mail after the answer for both, with identical answers", async () => {
    const user = await userWithPassword();
    const route = await import("~/routes/forgot-password");
    const answers = [];
    for (const email of [user.email, "nobody@example.cn"]) {
      const answer = await route.action(args(post("http://portal.test/forgot-password", { email })));
      // Nothing that depends on the account ran before the answer: it is still queued.
      expect(pendingAfterResponse(), email).toBe(1);
      answers.push(answer);
      await settleAfterResponse();
    }
    expect(answers[0]).toEqual(answers[1]);
    const mails = await db.select().from(emailOutbox);
    expect(mails.map((mail) => mail.recipientEmail)).toEqual([user.email]);
  });
});

describe("6. malformed path ids and unreadable bodies never reach the database", () => {
  const signedIn = async (role: Parameters<typeof createUser>[1], path: string, init: RequestInit = {}) => {
    const user = await createUser(db, role);
    const session = await createSession(db, { userId: user.id, role, twoFactorVerified: true });
    const headers = new Headers(init.headers);
    headers.set("Cookie", `session=${session.token}`);
    return new Request(`http://portal.test${path}`, { ...init, headers });
  };

  it("answers 404 for a malformed id in a path, signed in with the permission or not", async () => {
    const cases = [
      ["activities.$id", "volunteer", "/activities/not-a-uuid", "not-a-uuid"],
      ["activities.$id_.edit", "office_staff", "/activities/zzz/edit", "zzz"],
      ["activities.$id_.checkin-code", "office_staff", "/activities/zzz/checkin-code", "zzz"],
      ["staff.subjects.$id", "office_staff", "/staff/subjects/not-a-uuid", "not-a-uuid"],
      ["staff.volunteers.$id", "office_staff", "/staff/volunteers/1%00", "1\u0000"],
      ["hours.$id.correction", "volunteer", "/hours/zzz/correction", "zzz"],
    ] as const;
    for (const [file, role, path, id] of cases) {
      const route = (await import(`../../app/routes/${file}.tsx`)) as {
        loader: (args: unknown) => Promise<unknown>;
        action?: (args: unknown) => Promise<unknown>;
      };
      const get = await routeCall(() => route.loader(args(new Request(`http://portal.test${path}`), { id })));
      expect({ path, anonymous: get.status }).toEqual({ path, anonymous: 404 });
      const own = await routeCall(async () => route.loader(args(await signedIn(role, path), { id })));
      expect({ path, signedIn: own.status }).toEqual({ path, signedIn: 404 });
      if (route.action) {
        const request = await signedIn(role, path, {
          method: "POST",
          body: new URLSearchParams({ intent: "cancel" }),
        });
        const posted = await routeCall(() => route.action!(args(request, { id })));
        expect({ path, post: posted.status }).toEqual({ path, post: 404 });
      }
    }
  });

  it("answers 414 to a 10 000-character path before any route", async () => {
    await withApp({ APP_URL: undefined, ALLOWED_HOSTS: ["localhost"] }, async (port) => {
      const long = await rawRequest(port, { host: "localhost", path: `/activities/${"a".repeat(10_000)}` });
      expect(long.status).toBe(414);
      expect((await rawRequest(port, { host: "localhost", path: "/activities" })).status).toBe(200);
    });
  });

  it("answers 415 to a body that is not a form and 400 to an unreadable one, writing nothing", async () => {
    const route = await import("~/routes/account");
    const bodies: [string, BodyInit, string | null, number][] = [
      ["json", JSON.stringify({ intent: "profile", displayName: "x" }), "application/json", 415],
      ["xml", "<intent>profile</intent>", "application/xml", 415],
      ["no content type", "intent=profile&displayName=x", null, 415],
      // A multipart type without its boundary is a form that cannot be read: 400.
      ["multipart without boundary", "intent=profile", "multipart/form-data", 400],
      [
        "malformed multipart",
        "--b\r\nContent-Disposition: form-data\r\n\r\nx",
        "multipart/form-data; boundary=b",
        400,
      ],
      ["NUL in a field", "intent=profile&displayName=a%00b", "application/x-www-form-urlencoded", 400],
    ];
    for (const [label, body, type, status] of bodies) {
      const headers: Record<string, string> = {};
      if (type) headers["Content-Type"] = type;
      const request = await signedIn("volunteer", "/account", { method: "POST", body, headers });
      if (!type) request.headers.delete("Content-Type");
      const answer = await routeCall(() => route.action(args(request)));
      expect({ label, status: answer.status }).toEqual({ label, status });
    }
  });
});

describe("3. second factor: limited attempts, single-use time steps", () => {
  const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  const codeAt = (ms: number) =>
    generateHOTP(decodeBase32IgnorePadding(secret), BigInt(Math.floor(ms / 30_000)), 6);
  const T0 = new Date("2026-05-16T02:00:05Z");

  async function enrolledAdmin() {
    return createUser(db, "bureau_admin", { values: { totpSecret: encrypt(secret), totpEnabledAt: T0 } });
  }
  async function halfSession(user: { id: string; role: Parameters<typeof createUser>[1] }) {
    return createSession(db, { userId: user.id, role: user.role, twoFactorVerified: false });
  }
  async function giveCode(token: string, code: string) {
    const route = await import("~/routes/login_.two-factor");
    const request = post(
      "http://portal.test/login/two-factor?redirectTo=/dashboard",
      { code },
      {
        Cookie: `session=${token}`,
      },
    );
    return routeCall(() => route.action(args(request)));
  }
  const wrong = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, "0");

  it("ends the half-signed-in session after five wrong codes; the right code then no longer helps", async () => {
    setClock({ fixedAt: T0 });
    const admin = await enrolledAdmin();
    const half = await halfSession(admin);
    for (let i = 1; i <= 4; i++)
      expect((await giveCode(half.token, wrong(codeAt(nowMs())))).status).toBe(400);
    expect(await giveCode(half.token, wrong(codeAt(nowMs())))).toMatchObject({
      status: 302,
      location: "/login",
    });
    expect(await db.select().from(sessions).where(eq(sessions.userId, admin.id))).toEqual([]);
    expect(await giveCode(half.token, codeAt(nowMs()))).toMatchObject({ status: 302, location: "/login" });
  });

  it("past ten wrong codes for the account, in any sessions, even the right code ends the session", async () => {
    setClock({ fixedAt: T0 });
    const admin = await enrolledAdmin();
    for (const tries of [4, 4, 2]) {
      const half = await halfSession(admin);
      for (let i = 0; i < tries; i++) await giveCode(half.token, wrong(codeAt(nowMs())));
    }
    const next = await halfSession(admin);
    expect(await giveCode(next.token, codeAt(nowMs()))).toMatchObject({
      status: 302,
      location: "/login",
    });
    expect(await validateSessionToken(db, next.token)).toBeNull();
    // The window passes: the owner signs in.
    advanceClock(15 * 60_000);
    const later = await halfSession(admin);
    expect(await giveCode(later.token, codeAt(nowMs()))).toMatchObject({
      status: 302,
      location: "/dashboard",
    });
  });

  it("refuses a code whose time step was already used, in another session or replayed", async () => {
    setClock({ fixedAt: T0 });
    const admin = await enrolledAdmin();
    const code = codeAt(nowMs());
    const first = await halfSession(admin);
    expect(await giveCode(first.token, code)).toMatchObject({ status: 302, location: "/dashboard" });
    const second = await halfSession(admin);
    expect((await giveCode(second.token, code)).status).toBe(400);
    // The previous step's code (within the drift allowance) is refused too, the next step's accepted.
    expect((await giveCode(second.token, codeAt(nowMs() - 30_000))).status).toBe(400);
    advanceClock(30_000);
    expect(await giveCode(second.token, codeAt(nowMs()))).toMatchObject({
      status: 302,
      location: "/dashboard",
    });
    const [stored] = await db.select().from(users).where(eq(users.id, admin.id));
    expect(stored!.totpLastStep).toBe(Math.floor(nowMs() / 30_000));
  });
});

describe("8. a password change on /account replaces the current session, with or without JavaScript", () => {
  it("redirects back to /account with the new session's cookie; the old one has ended", async () => {
    const user = await userWithPassword();
    const old = await createSession(db, { userId: user.id, role: user.role, twoFactorVerified: true });
    const route = await import("~/routes/account");
    const form = {
      intent: "password",
      currentPassword: password,
      newPassword: "another long memorable sentence",
      newPasswordConfirm: "another long memorable sentence",
    };
    const response = await route.action(
      args(post("http://portal.test/account", form, { Cookie: `session=${old.token}` })),
    );
    // A document POST answered in place would reload the page with the ended session (302 to login):
    // a redirect carrying the new cookie lands the browser, script or not, on /account signed in,
    // and the success message travels in the flash (no ?saved= parameter).
    expect(response).toBeInstanceOf(Response);
    const redirect = response as Response;
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("Location")).toBe("/account");
    expect(flashOf(redirect)).toMatchObject({
      kind: "success",
      message: "accounts:account.passwordChangedHere",
    });
    const cookie = redirect.headers.getSetCookie().find((value) => value.startsWith("session="));
    const token = cookie!.split(";")[0]!.split("=")[1]!;
    expect(await validateSessionToken(db, old.token)).toBeNull();
    const page = await routeCall(() =>
      route.loader(
        args(
          new Request("http://portal.test/account", {
            headers: { Cookie: `session=${token}` },
          }),
        ),
      ),
    );
    expect(page.status).toBe(200);
  });
});

describe("9. no inline styles under the strict CSP", () => {
  it("no route or component renders a style attribute, and a description keeps its line breaks", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const files = readdirSync("app", { recursive: true, encoding: "utf8" }).filter((file) =>
      file.endsWith(".tsx"),
    );
    const styled = files.filter((file) => /\sstyle=\{/.test(readFileSync(`app/${file}`, "utf8")));
    expect(styled).toEqual([]);
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { createElement } = await import("react");
    const { MultilineText } = await import("~/components/MultilineText");
    expect(renderToStaticMarkup(createElement(MultilineText, { text: "第一行\n第二行\r\n<b>三</b>" }))).toBe(
      "<p>第一行<br/>第二行<br/>&lt;b&gt;三&lt;/b&gt;</p>",
    );
  });
});

describe("10. an over-long audit filter is a field error", () => {
  it("answers 400 with an error on caseCode instead of the whole list", async () => {
    const admin = await createUser(db, "system_admin");
    const session = await createSession(db, { userId: admin.id, role: admin.role, twoFactorVerified: true });
    const route = await import("~/routes/admin.audit");
    const request = new Request(`http://portal.test/admin/audit?caseCode=${"A".repeat(21)}`, {
      headers: { Cookie: `session=${session.token}` },
    });
    const answer = await routeCall(() => route.loader(args(request)));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual({ caseCode: "audit:errors.caseCode" });
    expect(answer.body.rows).toEqual([]);
  });
});

describe("5. a form that creates something creates it once per rendering", () => {
  async function approvedVolunteer() {
    const office = await createOffice(db);
    return {
      office,
      volunteer: await createVolunteer(db, { officeId: office.id, districtId: office.districtId! }),
    };
  }
  const signedInPost = async (
    user: { id: string; role: Parameters<typeof createUser>[1] },
    path: string,
    form: Record<string, string>,
  ) => {
    const session = await createSession(db, { userId: user.id, role: user.role, twoFactorVerified: true });
    return post(`http://portal.test${path}`, form, { Cookie: `session=${session.token}` });
  };

  it("10 parallel POST /hours/new of one form make one record, each answered as created", async () => {
    setClock({ fixedAt: new Date("2026-05-20T08:00:00Z") });
    const { volunteer } = await approvedVolunteer();
    const route = await import("~/routes/hours.new");
    const form = await routeCall(async () =>
      route.loader(args(await signedInPost(volunteer, "/hours/new", {}))),
    );
    const submissionKey = form.body.submissionKey as string;
    expect(submissionKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const fields = {
      submissionKey,
      serviceDate: "2026-05-19",
      hours: "2",
      minutes: "0",
      description: "社区走访",
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () =>
        routeCall(async () => route.action(args(await signedInPost(volunteer, "/hours/new", fields)))),
      ),
    );
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 10 }, () => [302, "/hours"]),
    );
    expect(await db.select().from(hourRecords).where(eq(hourRecords.volunteerId, volunteer.id))).toHaveLength(
      1,
    );
    // Without the form's key (a scripted post) nothing is created.
    const keyless = await routeCall(async () =>
      route.action(args(await signedInPost(volunteer, "/hours/new", { ...fields, submissionKey: "" }))),
    );
    expect(keyless.status).toBe(400);
    // A refused form keeps its key usable: fixed and sent again, it creates the record.
    const other = { ...fields, submissionKey: "k".repeat(22), serviceDate: "2099-01-01" };
    expect(
      (await routeCall(async () => route.action(args(await signedInPost(volunteer, "/hours/new", other)))))
        .status,
    ).toBe(400);
    const fixed = { ...other, serviceDate: "2026-05-18" };
    expect(
      (await routeCall(async () => route.action(args(await signedInPost(volunteer, "/hours/new", fixed)))))
        .status,
    ).toBe(302);
    expect(await db.select().from(hourRecords).where(eq(hourRecords.volunteerId, volunteer.id))).toHaveLength(
      2,
    );
  });

  it("5 parallel POST /admin/staff of one form invite once, each answered as sent", async () => {
    const admin = await createUser(db, "bureau_admin");
    const office = await createOffice(db, { districtId: admin.districtId! });
    const route = await import("~/routes/admin.staff");
    const form = await routeCall(async () =>
      route.loader(args(await signedInPost(admin, "/admin/staff", {}))),
    );
    const fields = {
      submissionKey: form.body.submissionKey as string,
      displayName: "新同事",
      email: "twice.invited@example.cn",
      role: "office_staff",
      organizationId: office.id,
      language: "zh-CN",
    };
    const answers = await Promise.all(
      Array.from({ length: 5 }, async () =>
        routeCall(async () => route.action(args(await signedInPost(admin, "/admin/staff", fields)))),
      ),
    );
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 5 }, () => [302, "/admin/staff"]),
    );
    expect(await db.select().from(users).where(eq(users.email, fields.email))).toHaveLength(1);
    const mails = await db.select().from(emailOutbox).where(eq(emailOutbox.recipientEmail, fields.email));
    expect(mails.map((mail) => mail.template)).toEqual(["staff-invitation"]);
    // Without the form's key nothing is created.
    const keyless = await routeCall(async () =>
      route.action(
        args(
          await signedInPost(admin, "/admin/staff", { ...fields, email: "b@example.cn", submissionKey: "" }),
        ),
      ),
    );
    expect(keyless.status).toBe(400);
  });

  it("10 parallel certificate requests of one form issue one certificate", async () => {
    setClock({ fixedAt: new Date("2026-06-01T04:00:00Z") });
    const { office, volunteer } = await approvedVolunteer();
    const staff = await createUser(db, "office_staff", {
      organizationId: office.id,
      districtId: office.districtId,
    });
    const [record] = await db
      .insert(hourRecords)
      .values({
        volunteerId: volunteer.id,
        officeId: office.id,
        districtId: office.districtId!,
        kind: "self_reported",
        serviceDate: "2026-05-20",
        minutes: 90,
        description: "法律咨询陪同",
        status: "pending",
      })
      .returning({ id: hourRecords.id });
    const approved = await approveRecords(db, {
      actor: {
        id: staff.id,
        organizationId: office.id,
        districtId: office.districtId,
        ipAddress: "10.0.0.1",
      },
      scope: "office",
      recordIds: [record!.id],
      now: new Date("2026-05-21T02:00:00Z"),
    });
    expect(approved.ok).toBe(true);
    const route = await import("~/routes/certificates._index");
    const form = await routeCall(async () =>
      route.loader(args(await signedInPost(volunteer, "/certificates", {}))),
    );
    const fields = {
      submissionKey: form.body.submissionKey as string,
      periodFrom: "2026-05-01",
      periodTo: "2026-05-31",
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () =>
        routeCall(async () => route.action(args(await signedInPost(volunteer, "/certificates", fields)))),
      ),
    );
    const issued = await db
      .select()
      .from(serviceCertificates)
      .where(eq(serviceCertificates.volunteerId, volunteer.id));
    expect(issued).toHaveLength(1);
    // Each answered as issued: to the list, with the number in the flash.
    expect(new Set(answers.map((answer) => [answer.status, answer.location].join(" ")))).toEqual(
      new Set(["302 /certificates"]),
    );
  });
});
