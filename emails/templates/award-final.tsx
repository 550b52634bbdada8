import { z } from "zod";

import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";
import { awardFacts, awardFactsSchema } from "./award-facts";

const key = (name: string) => `email.award-final.${name}`;

/** To the nominator and the nominee: the notice ended without an upheld objection; the award is final. */
export const awardFinal = defineEmail({
  schema: awardFactsSchema.extend({
    nomineeName: z.string().min(1),
    url: linkSchema,
  }),
  security: false,
  audience: ["volunteer", "staff"],
  subject: (t, data, language) => t(key("subject"), awardFacts(data, t, language)),
  preview: (t, data, language) => t(key("preview"), awardFacts(data, t, language)),
  element: (context, data) => {
    const { t } = context;
    const facts = { ...awardFacts(data, t, context.language) };
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
    nomineeName: "陈晓明",
    url: "/honour-roll",
  },
});
