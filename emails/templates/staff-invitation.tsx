import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema, minutesSchema } from "../define";

const key = (name: string) => `email.staff-invitation.${name}`;

export const staffInvitation = defineEmail({
  schema: z.object({
    url: linkSchema,
    inviterName: z.string().min(1),
    organizationName: z.string().min(1),
    /** Already in the recipient's language (the inviter picks the invitee's language). */
    roleLabel: z.string().min(1),
    expiresInMinutes: minutesSchema,
  }),
  security: true,
  subject: (t, data) => t(key("subject"), { inviterName: data.inviterName }),
  preview: (t) => t(key("preview")),
  element: (context, data) => {
    const { t } = context;
    return (
      <EmailLayout context={context} preview={t(key("preview"))} heading={t(key("heading"))} security>
        <Paragraph>
          {t(key("intro"), {
            inviterName: data.inviterName,
            organizationName: data.organizationName,
            roleLabel: data.roleLabel,
          })}
        </Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
        <Paragraph>{t(key("expiry"), { minutes: data.expiresInMinutes })}</Paragraph>
        <Paragraph>{t(key("ignore"))}</Paragraph>
      </EmailLayout>
    );
  },
  sample: {
    url: "/accept-invitation?token=sample-token",
    inviterName: "王敏",
    organizationName: "东城区司法局",
    roleLabel: "司法所工作人员",
    expiresInMinutes: 4320,
  },
});
