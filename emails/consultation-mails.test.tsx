import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { consultationSample } from "./components/consultation";
import { emailLanguages } from "./i18n";
import { getEmailTemplate, renderEmail } from "./registry";

/**
 * Issue 15: every consultation mail, in both languages, carries a consultation.ics that a standard
 * iCalendar parser reads — the booking's stable UID, its SEQUENCE, METHOD:CANCEL for a cancellation,
 * the times in Asia/Shanghai that are the stored UTC instants — with the summary in the mail's language.
 */
const appUrl = "https://portal.example.gov.cn";
const templates = [
  { name: "consultation-booked", method: "REQUEST" },
  { name: "consultation-rescheduled", method: "REQUEST" },
  { name: "consultation-reminder", method: "REQUEST" },
  { name: "consultation-cancelled", method: "CANCEL" },
] as const;
const summaryOf = {
  "zh-CN": "法律咨询 · 城关司法所法律服务点",
  en: "Legal consultation · 城关司法所法律服务点",
};

describe("consultation mails carry a calendar file in both languages", () => {
  for (const { name, method } of templates) {
    it(`${name}: subjects differ by language; the .ics parses with ical.js`, async () => {
      const subjects = new Set<string>();
      for (const language of emailLanguages) {
        const data = { ...(getEmailTemplate(name).sample as object), sequence: 2 };
        const rendered = await renderEmail(name, data, language, appUrl);
        subjects.add(rendered.subject);
        // The body gives Beijing time (06:00 UTC is 14:00 in Shanghai).
        expect(rendered.text).toMatch(language === "en" ? /2:00\s?PM/ : /14:00/);
        expect(rendered.attachments).toHaveLength(1);
        const [file] = rendered.attachments;
        expect(file!.filename).toBe("consultation.ics");
        expect(file!.contentType).toContain(`method=${method}`);
        const root = new ICAL.Component(ICAL.parse(file!.content));
        ICAL.TimezoneService.register(new ICAL.Timezone(root.getFirstSubcomponent("vtimezone")!));
        expect(root.getFirstPropertyValue("method")).toBe(method);
        const event = new ICAL.Event(root.getFirstSubcomponent("vevent")!);
        expect(event.uid).toBe(`consultation-${consultationSample.bookingId}@cc-social-forces-portal`);
        expect(event.sequence).toBe(2);
        expect(event.summary).toBe(summaryOf[language as keyof typeof summaryOf]);
        expect(event.startDate.zone?.tzid).toBe("Asia/Shanghai");
        expect(event.startDate.hour).toBe(14);
        expect(event.startDate.toJSDate().toISOString()).toBe(consultationSample.startsAt);
        expect(event.endDate.toJSDate().toISOString()).toBe(consultationSample.endsAt);
        if (method === "CANCEL")
          expect(root.getFirstSubcomponent("vevent")!.getFirstPropertyValue("status")).toBe("CANCELLED");
      }
      expect(subjects.size).toBe(emailLanguages.length);
    });
  }
});
