import { z } from "zod";
import { formatHours, formatServiceDate } from "../components/hours";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema, minutesSchema } from "../define";

const key = (name: string) => `email.hour-record-decided.${name}`;

/** To a volunteer: staff verified (one email for all records approved together) or rejected hours. */
export const hourRecordDecided = defineEmail({
  schema: z.object({
    decision: z.enum(["approved", "rejected"]),
    records: z
      .array(
        z.object({
          date: z.iso.date(),
          title: z.string().min(1),
          minutes: minutesSchema,
        }),
      )
      .min(1)
      .max(100),
    reason: z.string().nullish(),
    /** The volunteer's approved total after the decision. */
    totalMinutes: z.number().int().nonnegative(),
    url: linkSchema,
  }),
  security: false,
  audience: ["volunteer"],
  subject: (t, data) => t(key(`subject.${data.decision}`)),
  preview: (t, data) => t(key(`preview.${data.decision}`)),
  element: (context, data) => {
    const { t, language } = context;
    return (
      <EmailLayout
        context={context}
        preview={t(key(`preview.${data.decision}`))}
        heading={t(key(`heading.${data.decision}`))}
        security={false}
      >
        <Paragraph>{t(key(`intro.${data.decision}`), { count: data.records.length })}</Paragraph>
        {data.records.map((record, index) => (
          <Paragraph key={index}>
            {t(key("record"), {
              date: formatServiceDate(record.date, language),
              title: record.title,
              hours: formatHours(record.minutes, language),
            })}
          </Paragraph>
        ))}
        {data.reason ? <Paragraph>{t(key("reason"), { reason: data.reason })}</Paragraph> : null}
        <Paragraph>{t(key("total"), { hours: formatHours(data.totalMinutes, language) })}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    decision: "approved",
    records: [
      { date: "2026-05-16", title: "社区普法宣传：《民法典》进社区", minutes: 150 },
      { date: "2026-05-18", title: "就业指导一对一辅导", minutes: 90 },
    ],
    reason: null,
    totalMinutes: 6120,
    url: "/hours",
  },
});
