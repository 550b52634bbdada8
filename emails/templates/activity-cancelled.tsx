import { z } from "zod";
import { ActivityFacts, activityFields, activitySample } from "../components/activity";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";

const key = (name: string) => `email.activity-cancelled.${name}`;

export const activityCancelled = defineEmail({
  schema: z.object({ ...activityFields, reason: z.string().min(1) }),
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
        <Paragraph>{t(key("reason"), { reason: data.reason })}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: { ...activitySample, reason: "受台风天气影响，活动取消，改期另行通知。" },
});
