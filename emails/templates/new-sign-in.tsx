import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";
import { formatShanghaiTime } from "../i18n";

const key = (name: string) => `email.new-sign-in.${name}`;

export const newSignIn = defineEmail({
  schema: z.object({
    /** UTC instant (ISO 8601); shown in Asia/Shanghai time. */
    signedInAt: z.iso.datetime({ offset: true }),
    ipAddress: z.string().min(1),
    browser: z.string().min(1),
  }),
  security: true,
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t, language } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security>
        <Paragraph>{t(key("intro"))}</Paragraph>
        <Paragraph>{t(key("time"), { time: formatShanghaiTime(data.signedInAt, language) })}</Paragraph>
        <Paragraph>{t(key("ip"), { ip: data.ipAddress })}</Paragraph>
        <Paragraph>{t(key("browser"), { browser: data.browser })}</Paragraph>
        <Paragraph>{t(key("notYou"))}</Paragraph>
        <ActionButton context={context} href="/forgot-password" label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    signedInAt: "2026-11-22T06:30:00.000Z",
    ipAddress: "203.0.113.7",
    browser: "Chrome 131 / Windows",
  },
});
