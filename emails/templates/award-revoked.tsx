import { z } from "zod";

import { EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";
import { awardFacts, awardFactsSchema } from "./award-facts";

const key = (name: string) => `email.award-revoked.${name}`;

/** To the nominator and the nominee: a final award was revoked, with the reason. */
export const awardRevoked = defineEmail({
  schema: awardFactsSchema.extend({
    nomineeName: z.string().min(1),
    reason: z.string().min(1),
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
        {data.reason ? <Paragraph>{t(key("comment"), { comment: data.reason })}</Paragraph> : null}
      </EmailLayout>
    );
  },
  sample: {
    typeName: { zh: "优秀志愿者", en: "Outstanding Volunteer" },
    periodKey: "2026",
    nomineeName: "陈晓明",
    reason: "服务时长记录经核查不实。",
  },
});
