import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";
import { awardFacts, awardFactsSchema } from "./award-facts";

const key = (name: string) => `email.award-nominated.${name}`;

/** To a volunteer who was nominated (sent unless they turned this kind off). */
export const awardNominated = defineEmail({
  schema: awardFactsSchema.extend({
    url: linkSchema,
  }),
  security: false,
  audience: ["volunteer"],
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

    url: "/honour-roll",
  },
});
