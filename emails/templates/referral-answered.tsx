import { z } from "zod";
import { categoryLabel } from "../../app/domains/matching/taxonomy";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";

const key = (name: string) => `email.referral-answered.${name}`;

/** To the staff member who sent a referral: the provider accepted or declined it, or it expired unanswered. */
export const referralAnswered = defineEmail({
  schema: z.object({
    event: z.enum(["accepted", "declined", "expired"]),
    caseCode: z.string().min(1),
    categoryId: z.string().min(1),
    providerName: z.string(),
    reason: z.enum(["no_capacity", "outside_area", "not_eligible", "cannot_contact", "other"]).nullish(),
    url: linkSchema,
  }),
  security: false,
  audience: ["staff"],
  subject: (t, data) => t(key(`subject.${data.event}`)),
  preview: (t, data) => t(key(`preview.${data.event}`)),
  element: (context, data) => {
    const { t, language } = context;
    return (
      <EmailLayout
        context={context}
        preview={t(key(`preview.${data.event}`))}
        heading={t(key(`heading.${data.event}`))}
        security={false}
      >
        <Paragraph>
          {t(key(`intro.${data.event}`), {
            providerName: data.providerName,
            caseCode: data.caseCode,
            category: categoryLabel(data.categoryId, language),
          })}
        </Paragraph>
        {data.reason ? (
          <Paragraph>{t(key("reason"), { reason: t(`email.referral.reasons.${data.reason}`) })}</Paragraph>
        ) : null}
        {data.event !== "accepted" ? <Paragraph>{t(key("again"))}</Paragraph> : null}
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    event: "declined",
    caseCode: "K7Q2-M9XD-4TPA",
    categoryId: "employment.placement",
    providerName: "阳光心理服务中心",
    reason: "no_capacity",
    url: "/staff/needs/6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6",
  },
});
