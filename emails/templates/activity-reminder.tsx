import { z } from "zod";
import { ActivityFacts, activityFields, activitySample } from "../components/activity";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";

const key = (name: string) => `email.activity-reminder.${name}`;

/** Scheduled the day before the activity; withdrawn (cancelScheduled) when the sign-up ends. */
export const activityReminder = defineEmail({
  schema: z.object({ ...activityFields, insuranceRequired: z.boolean() }),
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
        {data.insuranceRequired ? <Paragraph>{t(key("insurance"))}</Paragraph> : null}
        <Paragraph>{t(key("checkin"))}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: { ...activitySample, insuranceRequired: true },
});
