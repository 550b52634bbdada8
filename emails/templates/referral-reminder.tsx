import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { ReferralRequestFacts, referralRequestFields, referralRequestSample } from "../components/referral";
import { defineEmail, linkSchema } from "../define";

const key = (name: string) => `email.referral-reminder.${name}`;

/** Scheduled a few hours before an unanswered request expires; withdrawn (cancelScheduled) once answered. */
export const referralReminder = defineEmail({
  schema: z.object({ ...referralRequestFields, url: linkSchema }),
  security: false,
  audience: ["provider", "volunteer"],
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>{t(key("intro"))}</Paragraph>
        <ReferralRequestFacts context={context} data={data} />
        <Paragraph>{t(key("expiry"))}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: referralRequestSample,
});
