import { z } from "zod";
import { formatServiceDate } from "../components/hours";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";
import { awardFacts, awardFactsSchema } from "./award-facts";

const key = (name: string) => `email.award-notice-started.${name}`;

/** To the nominee (a volunteer): the award is on public notice until a given working day. */
export const awardNoticeStarted = defineEmail({
  schema: awardFactsSchema.extend({
    noticeEndsOn: z.iso.date(),
    url: linkSchema,
  }),
  security: false,
  audience: ["volunteer"],
  subject: (t, data, language) => t(key("subject"), awardFacts(data, t, language)),
  preview: (t, data, language) => t(key("preview"), awardFacts(data, t, language)),
  element: (context, data) => {
    const { t, language } = context;
    const facts = {
      ...awardFacts(data, t, context.language),
      date: formatServiceDate(data.noticeEndsOn, language),
    };
    return (
      <EmailLayout
        context={context}
        preview={t(key("preview"), facts)}
        heading={t(key("heading"), facts)}
        security={false}
      >
        <Paragraph>{t(key("intro"), facts)}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    typeName: { zh: "优秀志愿者", en: "Outstanding Volunteer" },
    periodKey: "2026",
    noticeEndsOn: "2026-12-09",
    url: "/honour-roll",
  },
});
