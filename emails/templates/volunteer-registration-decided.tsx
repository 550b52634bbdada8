import { z } from "zod";
import { ActionButton, CodeBlock, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";

const key = (name: string) => `email.volunteer-registration-decided.${name}`;

/** To the volunteer: the registration was approved (with the volunteer number) or rejected, or later suspended or reinstated. */
export const volunteerRegistrationDecided = defineEmail({
  schema: z.object({
    decision: z.enum(["approved", "rejected", "suspended", "reinstated"]),
    volunteerNumber: z.string().nullish(),
    reason: z.string().nullish(),
    url: linkSchema,
  }),
  security: false,
  audience: ["volunteer"],
  subject: (t, data) => t(key(`subject.${data.decision}`)),
  preview: (t, data) => t(key(`preview.${data.decision}`)),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout
        context={context}
        preview={t(key(`preview.${data.decision}`))}
        heading={t(key(`heading.${data.decision}`))}
        security={false}
      >
        <Paragraph>{t(key(`intro.${data.decision}`))}</Paragraph>
        {data.volunteerNumber && (data.decision === "approved" || data.decision === "reinstated") ? (
          <CodeBlock label={t(key("numberLabel"))} code={data.volunteerNumber} />
        ) : null}
        {data.reason ? <Paragraph>{t(key("reason"), { reason: data.reason })}</Paragraph> : null}
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: { decision: "approved", volunteerNumber: "V2026000123", reason: null, url: "/volunteer/profile" },
});
