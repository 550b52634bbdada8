import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";

const key = (name: string) => `email.volunteer-vetting-requested.${name}`;

/** To the staff of the volunteer's home office: a registration waits for vetting. */
export const volunteerVettingRequested = defineEmail({
  schema: z.object({
    volunteerName: z.string().min(1),
    officeName: z.string().min(1),
    resubmitted: z.boolean(),
    url: linkSchema,
  }),
  security: false,
  audience: ["staff"],
  // The volunteer's name stays out of the subject: a subject is shown on lock screens.
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>
          {t(key(data.resubmitted ? "introResubmitted" : "intro"), {
            volunteerName: data.volunteerName,
            officeName: data.officeName,
          })}
        </Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    volunteerName: "王晓燕",
    officeName: "城关司法所",
    resubmitted: false,
    url: "/staff/volunteers/6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6",
  },
});
