import { z } from "zod";
import {
  consultationAttachment,
  ConsultationFacts,
  consultationFields,
  consultationSample,
} from "../components/consultation";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";
import { formatShanghaiTime } from "../i18n";

const key = (name: string) => `email.consultation-rescheduled.${name}`;

export const consultationRescheduled = defineEmail({
  schema: z.object({
    ...consultationFields,
    previousStartsAt: z.iso.datetime({ offset: true }),
    reason: z.string().min(1),
  }),
  security: false,
  audience: ["provider", "staff"],
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>{t(key("intro"))}</Paragraph>
        <Paragraph>
          {t(key("previous"), {
            time: formatShanghaiTime(data.previousStartsAt, context.language),
            reason: data.reason,
          })}
        </Paragraph>
        <ConsultationFacts context={context} data={data} />
        <ActionButton context={context} href={data.url} label={t("email.consultation.button")} />
      </EmailLayout>
    );
  },
  attachments: (context, data) => consultationAttachment(context, data, "REQUEST"),
  sample: {
    ...consultationSample,
    sequence: 1,
    previousStartsAt: "2026-05-18T02:00:00.000Z",
    reason: "律师临时出庭，改到次日下午。",
  },
});
