import { z } from "zod";
import { ActivityFacts, activityFields, activitySample } from "../components/activity";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";

const key = (name: string) => `email.activity-waitlisted.${name}`;

export const activityWaitlisted = defineEmail({
  schema: z.object({ ...activityFields, position: z.number().int().positive() }),
  security: false,
  audience: ["volunteer"],
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>{t(key("intro"), { position: data.position })}</Paragraph>
        <ActivityFacts context={context} data={data} />
        <Paragraph>{t(key("next"))}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: { ...activitySample, position: 3 },
});
