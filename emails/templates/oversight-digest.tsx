import { Link, Section, Text } from "@react-email/components";
import { z } from "zod";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";
import { absoluteUrl, formatShanghaiTime } from "../i18n";

const key = (name: string) => `email.oversight-digest.${name}`;

/** The dashboard figures that ask something of justice staff, in the order the mail lists them. */
export const oversightDigestFigures = [
  "volunteers.pendingVolunteers",
  "volunteers.pendingHours",
  "matching.overdueReferrals",
  "matching.overdueNeeds",
  "matching.openNeeds",
  "organizations.pending",
  "legal.officesWithoutHours",
  "awards.inProgress",
] as const;

/**
 * Monday morning, to each office's staff and each bureau's admins: what waits for them in their
 * office or district, counted from the dashboard's summary rows, each count linking to its records.
 * Counts only (no names, no case codes): a mail may be read on a shared screen.
 */
export const oversightDigest = defineEmail({
  schema: z.object({
    /** The office's or bureau's name. */
    scopeName: z.string().min(1),
    /** The Shanghai date of the week's digest time, e.g. "2026-11-23". */
    week: z.string().min(1),
    /** When the figures were counted (the last refresh of the summary rows). */
    countedAt: z.iso.datetime({ offset: true }),
    items: z
      .array(
        z.object({
          figure: z.enum(oversightDigestFigures),
          count: z.number().int().positive(),
          url: linkSchema,
        }),
      )
      .min(1),
    url: linkSchema,
  }),
  security: false,
  audience: ["staff"],
  subject: (t) => t(key("subject")),
  preview: (t, data) => t(key("preview"), { count: data.items.length }),
  element: (context, data) => {
    const { t, language, appUrl } = context;
    return (
      <EmailLayout
        context={context}
        preview={t(key("preview"), { count: data.items.length })}
        heading={t(key("heading"), { scope: data.scopeName })}
        security={false}
      >
        <Paragraph>
          {t(key("intro"), { week: data.week, countedAt: formatShanghaiTime(data.countedAt, language) })}
        </Paragraph>
        <Section style={{ margin: "16px 0" }}>
          {data.items.map((item) => (
            <Text key={item.figure} style={{ fontSize: "15px", lineHeight: "24px", margin: "4px 0" }}>
              <Link href={absoluteUrl(appUrl, item.url)}>
                {t(key("item"), { label: t(key(`figures.${item.figure}`)), count: item.count })}
              </Link>
            </Text>
          ))}
        </Section>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
        <Paragraph>{t(key("optOut"))}</Paragraph>
      </EmailLayout>
    );
  },
  sample: {
    scopeName: "西湖区司法局北山街道司法所",
    week: "2026-11-23",
    countedAt: "2026-11-23T23:50:00.000Z",
    items: [
      {
        figure: "volunteers.pendingHours",
        count: 12,
        url: "/staff/oversight/records?figure=volunteers.pendingHours",
      },
      {
        figure: "matching.overdueReferrals",
        count: 2,
        url: "/staff/oversight/records?figure=matching.overdueReferrals",
      },
    ],
    url: "/staff/oversight",
  },
});
