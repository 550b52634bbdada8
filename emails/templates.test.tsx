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
