import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";

const key = (name: string) => `email.organization-status.${name}`;

export const organizationStatus = defineEmail({
  schema: z.object({
    organizationName: z.string().min(1),
    status: z.enum(["verified", "rejected", "suspended"]),
    reason: z.string().nullish(),
  }),
  security: false,
  // The organization's name stays out of the subject: a subject is shown on lock screens.
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>
          {t(key("intro"), {
            organizationName: data.organizationName,
            status: t(key(`status.${data.status}`)),
          })}
        </Paragraph>
        {data.reason ? <Paragraph>{t(key("reason"), { reason: data.reason })}</Paragraph> : null}
        <ActionButton context={context} href="/login" label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    organizationName: "阳光职业培训学校",
    status: "rejected",
    reason: "营业执照照片不清晰，请重新上传。",
  },
});
