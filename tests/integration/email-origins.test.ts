/**
 * Issue 11, defect 9: every link in every mail uses one origin — APP_URL, else the origin of the
 * request that caused the mail — action links, the footer's and the reset link alike. The demo
 * without APP_URL used to mix `127.0.0.1:4101` (the request's, in the action link) with
 * `localhost:4101` (the dispatcher's, in the footer).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailTemplateNames, getEmailTemplate, renderEmail } from "#emails/registry";
import { registerVolunteer, requestPasswordReset } from "~/domains/accounts/accounts.server";
import { inviteStaff } from "~/domains/accounts/invitations.server";
import { createDispatcher } from "~/domains/notifications/dispatcher.server";
import { notify } from "~/domains/notifications/notify.server";
import { createResendTransport } from "~/domains/notifications/transport.server";
import type { Database } from "~/utils/db.server";
import { createOffice, createUser } from "#tests/fixtures/factories";
import { type FakeResend, startFakeResend } from "#tests/fixtures/fake-resend";
import { resetDatabase, testConnection } from "./helpers";

/** Every href of a rendered mail (HTML), and every http(s) URL of its text version. */
function linksOf(mail: { html: string; text: string }): string[] {
  const hrefs = [...mail.html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));
  const inText = [...mail.text.matchAll(/https?:\/\/[^\s)\]>"]+/g)].map((match) => match[0]);
  return [...hrefs, ...inText];
}

function originsOf(mail: { html: string; text: string }): Set<string> {
  return new Set(linksOf(mail).map((link) => new URL(link).origin));
}

describe("every template renders all its links on the origin it is given", () => {
  for (const name of emailTemplateNames) {
    it(name, async () => {
      for (const origin of ["https://portal.example.gov.cn", "http://127.0.0.1:4101"]) {
        const rendered = await renderEmail(name, getEmailTemplate(name).sample, "zh-CN", origin);
        expect(linksOf(rendered).length).toBeGreaterThan(0);
        expect(originsOf(rendered)).toEqual(new Set([origin]));
      }
    });
  }
});

describe("mail caused by a request links to the request's origin only", () => {
  let fake: FakeResend;
  let db: Database;
  // What the demo without APP_URL looks like: the browser on 127.0.0.1, the dispatcher's fallback
  // origin on localhost.
  const requestOrigin = "http://127.0.0.1:4101";
  const dispatcherOrigin = "http://localhost:4101";

  beforeAll(async () => {
    fake = await startFakeResend();
    db = (await testConnection()).db;
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    await resetDatabase();
    fake.reset();
  });

  async function deliverAll() {
    const dispatcher = createDispatcher({
      db,
      transport: createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 2_000 }),
      fromAddress: "no-reply@portal.test",
      appUrl: dispatcherOrigin,
    });
    for (let round = 0; round < 5 && (await dispatcher.runOnce()).claimed > 0; round++);
    return fake.emails;
  }

  it("registration, password reset and staff invitation: action links and footer share one origin", async () => {
    const links = { origin: requestOrigin };
    const password = "a long and memorable sentence";
    await registerVolunteer(
      db,
      { displayName: "志愿者", email: "vol@example.cn", password, language: "zh-CN" },
      links,
    );
    const reader = await createUser(db, "volunteer");
    await requestPasswordReset(db, reader.email, links);
    const admin = await createUser(db, "bureau_admin");
    const office = await createOffice(db, { districtId: admin.districtId! });
    expect(
      await inviteStaff(
        db,
        { id: admin.id, displayName: "王局", districtId: admin.districtId },
        {
          email: "new.staff@example.cn",
          displayName: "新同事",
          role: "office_staff",
          roleLabel: "司法所工作人员",
          language: "zh-CN",
          organizationId: office.id,
        },
        links,
      ),
    ).toMatchObject({ ok: true });

    const mails = await deliverAll();
    const subjects = mails.map((mail) => mail.subject);
    expect(mails.length, subjects.join(" / ")).toBeGreaterThanOrEqual(3);
    for (const mail of mails) {
      expect(linksOf(mail).length, mail.subject).toBeGreaterThan(1);
      expect(originsOf(mail), mail.subject).toEqual(new Set([requestOrigin]));
    }
    // The links that act: the verification, the reset and the invitation.
    const actions = mails.flatMap(linksOf).filter((link) => /token=/.test(link));
    expect(actions.some((link) => link.includes("/verify-email?token="))).toBe(true);
    expect(actions.some((link) => link.includes("/reset-password?token="))).toBe(true);
    expect(actions.some((link) => link.includes("/invitation?token="))).toBe(true);
  });

  it("mail of a background job uses the dispatcher's origin throughout", async () => {
    await notify(db, {
      template: "password-reset",
      data: { url: "/reset-password?token=abc", expiresInMinutes: 60 },
      to: { email: "someone@example.cn", language: "zh-CN" },
      idempotencyKey: "origin-test:1",
    });
    const [mail] = await deliverAll();
    expect(originsOf(mail!)).toEqual(new Set([dispatcherOrigin]));
  });
});
