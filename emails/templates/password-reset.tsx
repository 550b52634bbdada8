import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema, minutesSchema } from "../define";

const key = (name: string) => `email.password-reset.${name}`;

export const passwordReset = defineEmail({
  schema: z.object({ url: linkSchema, expiresInMinutes: minutesSchema }),
  security: true,
  subject: (t) => t(key("subject")),
  preview: (t, data) => t(key("preview"), { minutes: data.expiresInMinutes }),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout
        context={context}
        preview={t(key("preview"), { minutes: data.expiresInMinutes })}
        heading={t(key("heading"))}
        security
      >
        <Paragraph>{t(key("intro"))}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
        <Paragraph>{t(key("expiry"), { minutes: data.expiresInMinutes })}</Paragraph>
        <Paragraph>{t(key("ignore"))}</Paragraph>
      </EmailLayout>
    );
  },
  sample: { url: "/reset-password?token=sample-token", expiresInMinutes: 60 },
});
