import type { z } from "zod";
import { defineEmail, type EmailAudience, type EmailTemplate } from "../define";
import type { Translate } from "../i18n";
import { ActionButton, EmailLayout, Paragraph } from "./layout";

/**
 * The employment domain's emails share one shape: a heading, a few lines built from the data, one
 * button. Subjects and previews never name the candidate or anything about their situation (a
 * subject line shows on a lock screen); bodies name the offer, never a case code or a person.
 */
export function employmentEmail<Data extends { url: string }>(options: {
  name: string;
  schema: z.ZodType<Data>;
  audience: readonly EmailAudience[];
  /** Interpolation values of subject, preview, heading and lines. */
  values: (data: Data, t: Translate, language: string) => Record<string, unknown>;
  /** Keys of the lines under `email.<name>.` (each interpolated with `values`). */
  lines: (data: Data) => string[];
  sample: Data;
}): EmailTemplate<Data> {
  const key = (part: string) => `email.${options.name}.${part}`;
  return defineEmail<Data>({
    schema: options.schema,
    security: false,
    audience: options.audience,
    subject: (t, data) => t(key("subject"), options.values(data, t, "zh-CN")),
    preview: (t, data) => t(key("preview"), options.values(data, t, "zh-CN")),
    element: (context, data) => {
      const { t, language } = context;
      const values = options.values(data, t, language);
      return (
        <EmailLayout
          context={context}
          preview={t(key("preview"), values)}
          heading={t(key("heading"), values)}
          security={false}
        >
          {options.lines(data).map((line) => (
            <Paragraph key={line}>{t(key(line), values)}</Paragraph>
          ))}
          <ActionButton context={context} href={data.url} label={t(key("button"))} />
        </EmailLayout>
      );
    },
    sample: options.sample,
  });
}

/** A calendar date (YYYY-MM-DD) in the reader's format. */
export function formatEmailDate(isoDate: string, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

export function formatEmailDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  }).format(new Date(iso));
}
