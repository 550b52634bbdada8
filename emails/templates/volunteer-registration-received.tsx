import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";

const key = (name: string) => `email.volunteer-registration-received.${name}`;

/** To the volunteer after the first submission of their registration (vetting pending). */
export const volunteerRegistrationReceived = defineEmail({
  schema: z.object({ officeName: z.string().min(1), url: linkSchema }),
  security: false,
  audience: ["volunteer"],
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>{t(key("intro"), { officeName: data.officeName })}</Paragraph>
        <Paragraph>{t(key("next"))}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: { officeName: "城关司法所", url: "/volunteer/profile" },
});
