import { z } from "zod";
import { ActionButton, CodeBlock, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema, minutesSchema } from "../define";

const key = (name: string) => `email.email-verification.${name}`;

export const emailVerification = defineEmail({
  schema: z.object({
    code: z.string().regex(/^\d{6}$/, "expected a 6-digit code"),
    url: linkSchema,
    expiresInMinutes: minutesSchema,
  }),
  security: true,
  subject: (t, data) => t(key("subject"), { code: data.code }),
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
        <CodeBlock label={t(key("codeLabel"))} code={data.code} />
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
        <Paragraph>{t(key("expiry"), { minutes: data.expiresInMinutes })}</Paragraph>
        <Paragraph>{t(key("ignore"))}</Paragraph>
      </EmailLayout>
    );
  },
  sample: { code: "482913", url: "/verify-email?token=sample-token", expiresInMinutes: 30 },
});
