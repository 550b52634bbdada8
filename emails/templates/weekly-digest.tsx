import { Link, Section, Text } from "@react-email/components";
import { z } from "zod";
import { inAppMessage } from "../../app/domains/notifications/in-app-message";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail } from "../define";
import { absoluteUrl, formatShanghaiTime } from "../i18n";

const key = (name: string) => `email.weekly-digest.${name}`;

/** Items listed per kind; the rest of a busy kind are counted, and the inbox has them all. */
export const DIGEST_ITEMS_PER_KIND = 20;

const itemSchema = z.object({
  /** The in-app notification; its link points at it in the inbox. */
  id: z.uuid(),
  /** The notification's stored data, read in the recipient's language when the mail is rendered. */
  data: z.unknown(),
  createdAt: z.iso.datetime({ offset: true }),
});

export const weeklyDigest = defineEmail({
  schema: z.object({
    /** The digest time of the week reported (Monday 08:00 in Asia/Shanghai), as a UTC instant. */
    weekOf: z.iso.datetime({ offset: true }),
    total: z.number().int().positive(),
    groups: z
      .array(
        z.object({
          kind: z.string().min(1),
          count: z.number().int().positive(),
          items: z.array(itemSchema).min(1).max(DIGEST_ITEMS_PER_KIND),
        }),
      )
      .min(1),
  }),
  security: false,
  digest: true,
  // Counts only: a subject is shown on lock screens, so it never names what the notifications are about.
  subject: (t) => t(key("subject")),
  preview: (t, data) => t(key("preview"), { count: data.total }),
  element: (context, data) => {
    const { t, language, appUrl } = context;
    return (
      <EmailLayout
        context={context}
        preview={t(key("preview"), { count: data.total })}
        heading={t(key("heading"))}
        security={false}
      >
        <Paragraph>
          {t(key("intro"), { count: data.total, date: formatShanghaiTime(data.weekOf, language) })}
        </Paragraph>
        {data.groups.map((group) => (
          <Section key={group.kind} style={{ margin: "16px 0" }}>
            <Text style={{ fontSize: "16px", fontWeight: 700, margin: "0 0 4px" }}>
              {t(key("group"), {
                kind: inAppMessage(t, group.kind, null).title,
                count: group.count,
              })}
            </Text>
            {group.items.map((item) => {
              const message = inAppMessage(t, group.kind, item.data);
              const url = absoluteUrl(appUrl, `/notifications#notification-${item.id}`);
              return (
                <Text key={item.id} style={{ fontSize: "14px", lineHeight: "22px", margin: "4px 0" }}>
                  {formatShanghaiTime(item.createdAt, language)} · {message.body ?? message.title}{" "}
                  <Link href={url}>{t(key("view"))}</Link>
                </Text>
              );
            })}
            {group.count > group.items.length ? (
              <Text style={{ fontSize: "14px", margin: "4px 0" }}>
                {t(key("more"), { count: group.count - group.items.length })}
              </Text>
            ) : null}
          </Section>
        ))}
        <Paragraph>{t(key("why"))}</Paragraph>
        <ActionButton context={context} href="/notifications" label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: {
    weekOf: "2026-11-23T00:00:00.000Z",
    total: 3,
    groups: [
      {
        kind: "organization-status",
        count: 2,
        items: [
          {
            id: "0f8fad5b-d9cb-469f-a165-70867728950e",
            data: { organizationName: "阳光职业培训学校", status: "verified", reason: null },
            createdAt: "2026-11-18T02:15:00.000Z",
          },
          {
            id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            data: {
              organizationName: "恒达制造有限公司",
              status: "rejected",
              reason: "营业执照照片不清晰。",
            },
            createdAt: "2026-11-20T07:40:00.000Z",
          },
        ],
      },
      {
        kind: "registration-received",
        count: 1,
        items: [
          {
            id: "9b2e1f3a-4c5d-4e6f-8a7b-1c2d3e4f5a6b",
            data: { registration: "volunteer" },
            createdAt: "2026-11-21T09:05:00.000Z",
          },
        ],
      },
    ],
  },
});
