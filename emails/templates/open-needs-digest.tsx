import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";

const key = (name: string) => `email.open-needs-digest.${name}`;

/** Monday morning, to each office's staff: how many needs wait for a provider, are referred, are overdue. */
export const openNeedsDigest = defineEmail({
  schema: z.object({
    open: z.number().int().min(0),
    referred: z.number().int().min(0),
    overdue: z.number().int().min(0),
    week: z.string().min(1),
    url: linkSchema,
  }),
  security: false,
  audience: ["staff"],
  subject: (t) => t(key("subject")),
  preview: (t, data) => t(key("preview"), { open: data.open, overdue: data.overdue }),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout
        context={context}
        preview={t(key("preview"), { open: data.open, overdue: data.overdue })}
        heading={t(key("heading"))}
        security={false}
      >
        <Paragraph>{t(key("intro"), { week: data.week })}</Paragraph>
        <Paragraph>
          {t(key("counts"), { open: data.open, referred: data.referred, overdue: data.overdue })}
        </Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: { open: 4, referred: 3, overdue: 1, week: "2026-W20", url: "/staff/needs" },
});
