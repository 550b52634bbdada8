import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";

const key = (name: string) => `email.registration-received.${name}`;

export const registrationReceived = defineEmail({
  schema: z.discriminatedUnion("registration", [
    z.object({ registration: z.literal("organization"), organizationName: z.string().min(1) }),
    z.object({ registration: z.literal("volunteer") }),
  ]),
  security: false,
  subject: (t) => t(key("subject")),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security={false}>
        <Paragraph>
          {data.registration === "organization"
            ? t(key("introOrganization"), { name: data.organizationName })
            : t(key("introVolunteer"))}
        </Paragraph>
        <Paragraph>{t(key("next"))}</Paragraph>
        <ActionButton context={context} href="/login" label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: { registration: "organization", organizationName: "阳光职业培训学校" },
});
