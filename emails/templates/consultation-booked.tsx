import { z } from "zod";
import {
  consultationAttachment,
  ConsultationFacts,
  consultationFields,
  consultationSample,
} from "../components/consultation";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";

const key = (name: string) => `email.consultation-booked.${name}`;

export const consultationBooked = defineEmail({
  schema: z.object({ ...consultationFields }),
  security: false,
  audience: ["provider", "staff"],
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>{t(key("intro"))}</Paragraph>
        <ConsultationFacts context={context} data={data} />
        <ActionButton context={context} href={data.url} label={t("email.consultation.button")} />
      </EmailLayout>
    );
  },
  attachments: (context, data) => consultationAttachment(context, data, "REQUEST"),
  sample: { ...consultationSample },
});
