import { z } from "zod";
import { ActivityFacts, activityFields, activitySample } from "../components/activity";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";

const key = (name: string) => `email.activity-signup-confirmed.${name}`;

/**
 * `reminder`: whether a reminder the day before was scheduled with the sign-up. An activity less than
 * a day away gets none, so its mail must not promise one (issue 11, defect 8). Mail recorded before
 * the field existed promises nothing.
 */
const promisesReminder = (data: { reminder?: boolean }) => data.reminder === true;

export const activitySignupConfirmed = defineEmail({
  schema: z.object({ ...activityFields, reminder: z.boolean().optional() }),
  security: false,
  audience: ["volunteer"],
  // The activity's title stays out of the subject: a subject is shown on lock screens.
  subject: (t) => t(key("subject")),
  preview: (t, data) => t(key(promisesReminder(data) ? "preview" : "previewSoon")),
  element: (context, data) => {
    const { t } = context;
    const preview = t(key(promisesReminder(data) ? "preview" : "previewSoon"));
    return (
      <EmailLayout context={context} preview={preview} heading={t(key("heading"))} security={false}>
        <Paragraph>{t(key("intro"))}</Paragraph>
        <ActivityFacts context={context} data={data} />
        <Paragraph>{t(key(promisesReminder(data) ? "reminder" : "startsSoon"))}</Paragraph>
        <Paragraph>{t(key("withdraw"))}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: { ...activitySample, reminder: true },
});
