import { z } from "zod";
import {
  consultationAttachment,
  ConsultationFacts,
  consultationFields,
  consultationSample,
} from "../components/consultation";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";

const key = (name: string) => `email.consultation-cancelled.${name}`;

export const consultationCancelled = defineEmail({
  schema: z.object({ ...consultationFields, reason: z.string().min(1) }),
  security: false,
  audience: ["provider", "staff"],
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>{t(key("intro"))}</Paragraph>
        <Paragraph>{t(key("reason"), { reason: data.reason })}</Paragraph>
        <ConsultationFacts context={context} data={data} />
        <ActionButton context={context} href={data.url} label={t("email.consultation.button")} />
      </EmailLayout>
    );
  },
  attachments: (context, data) => consultationAttachment(context, data, "CANCEL"),
  sample: { ...consultationSample, sequence: 1, reason: "当日服务点停电，本次值班取消。" },
});
