import { describe, expect, it } from "vitest";
import { emailLanguages } from "./i18n";
import { emailTemplateNames, getEmailTemplate, renderEmail } from "./registry";

const appUrl = "https://portal.example.gov.cn";

/** Words that would tell a lock-screen reader that the recipient deals with community corrections. */
const FORBIDDEN = [
  "矫正",
  "社区矫正",
  "服刑",
  "罪",
  "刑",
  "corrections",
  "correctional",
  "offender",
  "offence",
  "offense",
  "probation",
  "parole",
  "criminal",
  "convict",
  "inmate",
];

/** A value from the sample data that must reach both the HTML and the text version. */
function expectedFragments(name: string, data: Record<string, unknown>): string[] {
  const fragments: string[] = [`${appUrl}/settings/notifications`];
  if (typeof data.url === "string") fragments.push(new URL(data.url, appUrl).toString());
  if (typeof data.code === "string") fragments.push(data.code);
  if (typeof data.organizationName === "string") fragments.push(data.organizationName);
  if (typeof data.ipAddress === "string") fragments.push(data.ipAddress);
  if (name === "new-sign-in") fragments.push(`${appUrl}/forgot-password`);
  if (name === "weekly-digest") {
    fragments.push(`${appUrl}/notifications`);
    for (const group of data.groups as { items: { id: string }[] }[]) {
      for (const item of group.items) fragments.push(`${appUrl}/notifications#notification-${item.id}`);
    }
  }
  return fragments;
}

describe("email templates", () => {
  for (const name of emailTemplateNames) {
    for (const language of emailLanguages) {
      it(`${name} renders in ${language}`, async () => {
        const template = getEmailTemplate(name);
        const rendered = await renderEmail(name, template.sample, language, appUrl);
        expect(rendered.subject.trim()).not.toBe("");
        expect(rendered.preview.trim()).not.toBe("");
        expect(rendered.html).toContain(`lang="${language}"`);
        expect(rendered.html).toContain(rendered.preview);
        for (const fragment of expectedFragments(name, template.sample as Record<string, unknown>)) {
          expect(rendered.html, `html has ${fragment}`).toContain(fragment.replaceAll("&", "&amp;"));
          expect(rendered.text, `text has ${fragment}`).toContain(fragment);
        }
        // The shared layout: neutral short name and the footer.
        const brand = language === "en" ? "Social-Forces Portal" : "社会力量协同平台";
        expect(rendered.html).toContain(brand);
        expect(rendered.text).toContain(brand);
        expect(rendered.text).not.toMatch(/<[a-z]/i);
      });
    }
  }

  it("new-sign-in shows the time in Asia/Shanghai", async () => {
    const rendered = await renderEmail(
      "new-sign-in",
      { signedInAt: "2026-11-22T06:30:00.000Z", ipAddress: "203.0.113.7", browser: "Chrome" },
      "en",
      appUrl,
    );
    expect(rendered.text).toMatch(/2:30\s?PM/);
  });

  it("weekly-digest lists the items grouped by kind, with counts, and counts what it leaves out", async () => {
    const item = (n: number) => ({
      id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
      data: { registration: "volunteer" },
      createdAt: "2026-11-20T02:00:00.000Z",
    });
    const data = {
      weekOf: "2026-11-23T00:00:00.000Z",
      total: 27,
      groups: [
        {
          kind: "organization-status",
          count: 1,
          items: [
            {
              id: "0f8fad5b-d9cb-469f-a165-70867728950e",
              data: { organizationName: "Org A", status: "verified", reason: null },
              createdAt: "2026-11-18T02:15:00.000Z",
            },
          ],
        },
        { kind: "registration-received", count: 25, items: Array.from({ length: 20 }, (_, n) => item(n)) },
        // A kind this version does not know still reads as a message from the portal.
        { kind: "retired-kind", count: 1, items: [item(99)] },
      ],
    };
    const en = await renderEmail("weekly-digest", data, "en", appUrl);
    expect(en.subject).toBe("Your weekly notification summary");
    expect(en.preview).toContain("27");
    expect(en.text).toContain("Organization review result (1)");
    expect(en.text).toContain("The status of Org A is now: verified.");
    expect(en.text).toContain("Registration confirmation (25)");
    expect(en.text).toContain("Not listed here: 5 more of this kind");
    expect(en.text).toContain("Message from the portal (1)");
    expect(en.text).toContain("Nov 20, 2026");
    expect(en.text).toContain(`${appUrl}/notifications#notification-${item(19).id}`);
    const zh = await renderEmail("weekly-digest", data, "zh-CN", appUrl);
    expect(zh.text).toContain("机构审核结果（1 条）");
    expect(zh.text).toContain("另有 5 条同类通知未列出");
    // More than a kind's limit of items is refused when the event is recorded.
    const tooMany = {
      ...data,
      groups: [
        { kind: "registration-received", count: 21, items: Array.from({ length: 21 }, (_, n) => item(n)) },
      ],
    };
    await expect(renderEmail("weekly-digest", tooMany, "en", appUrl)).rejects.toThrow(/Invalid data/);
  });

  it("rejects unknown templates and bad data as permanent errors", async () => {
    await expect(renderEmail("nope", {}, "en", appUrl)).rejects.toThrow(/Unknown email template/);
    await expect(renderEmail("password-reset", { url: 3 }, "en", appUrl)).rejects.toThrow(/Invalid data/);
  });
});

describe("subjects and previews never reveal community corrections", () => {
  // Every variant of every template, with the sample data: the status and registration variants too.
  const variants: Array<[string, unknown]> = emailTemplateNames.map((name) => [
    name,
    getEmailTemplate(name).sample,
  ]);
  for (const status of ["verified", "rejected", "suspended"]) {
    variants.push(["organization-status", { organizationName: "Org", status, reason: null }]);
  }
  variants.push(["registration-received", { registration: "volunteer" }]);

  for (const [name, data] of variants) {
    for (const language of emailLanguages) {
      it(`${name} ${JSON.stringify(data).slice(0, 40)} in ${language}`, async () => {
        const rendered = await renderEmail(name, data, language, appUrl);
        for (const word of FORBIDDEN) {
          expect(rendered.subject.toLowerCase(), `subject contains ${word}`).not.toContain(word);
          expect(rendered.preview.toLowerCase(), `preview contains ${word}`).not.toContain(word);
        }
      });
    }
  }

  it("the From display name and the brand are the neutral short name", async () => {
    const { emailTranslator } = await import("./i18n");
    for (const language of emailLanguages) {
      const brand = emailTranslator(language)("brand.name");
      for (const word of FORBIDDEN) expect(brand.toLowerCase()).not.toContain(word);
    }
  });
});
