import { z } from "zod";
import { formatHours, formatServiceDate } from "../components/hours";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema, minutesSchema } from "../define";

const key = (name: string) => `email.hour-correction-decided.${name}`;

/** To whoever asked to change an approved record (and to the volunteer when it was the organizer). */
export const hourCorrectionDecided = defineEmail({
  schema: z.object({
    decision: z.enum(["approved", "rejected"]),
    date: z.iso.date(),
    title: z.string().min(1),
    originalMinutes: minutesSchema,
    proposedMinutes: minutesSchema,
    reason: z.string().nullish(),
    url: linkSchema,
  }),
  security: false,
  audience: ["volunteer", "provider", "staff"],
  subject: (t, data) => t(key(`subject.${data.decision}`)),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t, language } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>
          {t(key(`intro.${data.decision}`), {
            date: formatServiceDate(data.date, language),
            title: data.title,
          })}
        </Paragraph>
        <Paragraph>
          {t(key("change"), {
            from: formatHours(data.originalMinutes, language),
            to: formatHours(data.proposedMinutes, language),
          })}
        </Paragraph>
        {data.reason ? <Paragraph>{t(key("reason"), { reason: data.reason })}</Paragraph> : null}
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    decision: "rejected",
    date: "2026-05-16",
    title: "社区普法宣传：《民法典》进社区",
    originalMinutes: 150,
    proposedMinutes: 180,
    reason: "签到记录显示活动于 11:30 结束。",
    url: "/hours",
  },
});
