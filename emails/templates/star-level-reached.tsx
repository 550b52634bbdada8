import { z } from "zod";
import { formatHours } from "../components/hours";
import { ActionButton, EmailLayout, Paragraph } from "../components/layout";
import { defineEmail, linkSchema } from "../define";

const key = (name: string) => `email.star-level-reached.${name}`;

/** To a volunteer: a star level reached (one email per level, lowest first). */
export const starLevelReached = defineEmail({
  schema: z.object({
    level: z.number().int().min(1).max(10),
    approvedMinutes: z.number().int().nonnegative(),
    /** Minutes still needed for the next level; null at the highest level. */
    minutesToNext: z.number().int().positive().nullish(),
    url: linkSchema,
  }),
  security: false,
  audience: ["volunteer"],
  subject: (t, data) => t(key("subject"), { level: data.level }),
  preview: (t, data) => t(key("preview"), { level: data.level }),
  element: (context, data) => {
    const { t, language } = context;
    return (
      <EmailLayout
        context={context}
        preview={t(key("preview"), { level: data.level })}
        heading={t(key("heading"), { level: data.level })}
        security={false}
      >
        <Paragraph>
          {t(key("intro"), { level: data.level, hours: formatHours(data.approvedMinutes, language) })}
        </Paragraph>
        <Paragraph>
          {data.minutesToNext
            ? t(key("next"), { level: data.level + 1, hours: formatHours(data.minutesToNext, language) })
            : t(key("highest"))}
        </Paragraph>
        <Paragraph>{t(key("thanks"))}</Paragraph>
        <ActionButton context={context} href={data.url} label={t(key("button"))} />
      </EmailLayout>
    );
  },
  sample: { level: 2, approvedMinutes: 18_120, minutesToNext: 17_880, url: "/hours" },
});
