import { z } from "zod";

import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";
import { awardFacts, awardFactsSchema } from "./award-facts";

const key = (name: string) => `email.nomination-decided.${name}`;

/** To the nominating staff member: the bureau approved, returned or rejected the nomination. */
export const nominationDecided = defineEmail({
  schema: awardFactsSchema.extend({
    nomineeName: z.string().min(1),
    decision: z.enum(["approve", "return", "reject"]),
    comment: z.string().nullish(),
    url: linkSchema,
  }),
  security: false,
  audience: ["staff"],
  subject: (t, data, language) => t(key(`subject.${data.decision}`), awardFacts(data, t, language)),
  preview: (t, data, language) => t(key(`preview.${data.decision}`), awardFacts(data, t, language)),
  element: (context, data) => {
    const { t } = context;
    const facts = { ...awardFacts(data, t, context.language) };
    return (
      <EmailLayout
        context={context}
        preview={t(key(`preview.${data.decision}`), facts)}
        heading={t(key(`heading.${data.decision}`), facts)}
        security={false}
      >
        <Paragraph>{t(key(`intro.${data.decision}`), facts)}</Paragraph>
        {data.comment ? <Paragraph>{t(key("comment"), { comment: data.comment })}</Paragraph> : null}
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    typeName: { zh: "优秀志愿者", en: "Outstanding Volunteer" },
    periodKey: "2026",
    nomineeName: "陈晓明",
    decision: "return",
    comment: "请补充活动照片说明。",
    url: "/honour-roll",
  },
});
