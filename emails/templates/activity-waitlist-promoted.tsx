import { z } from "zod";
import { ActivityFacts, activityFields, activitySample } from "../components/activity";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";

const key = (name: string) => `email.activity-waitlist-promoted.${name}`;

export const activityWaitlistPromoted = defineEmail({
  schema: z.object(activityFields),
  security: false,
  audience: ["volunteer"],
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>{t(key("intro"))}</Paragraph>
        <ActivityFacts context={context} data={data} />
        <Paragraph>{t(key("withdraw"))}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: activitySample,
});
