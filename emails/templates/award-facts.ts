import { z } from "zod";
import type { EmailLanguage, Translate } from "../i18n";

/** What every commendation email names: the type (in both languages, as configured) and the period. */
export const awardFactsSchema = z.object({
  typeName: z.object({ zh: z.string().min(1), en: z.string().min(1) }),
  /** `2026`, `2026-H1` or `2026-H2`. */
  periodKey: z.string().regex(/^\d{4}(-H[12])?$/),
});

/** The interpolation values: the type's name in the reader's language, the period in words, the nominee. */
export function awardFacts(
  data: z.infer<typeof awardFactsSchema> & { nomineeName?: string },
  t: Translate,
  language: EmailLanguage,
) {
  const [year, half] = data.periodKey.split("-H");
  const period = half
    ? t(`email.award-period.half${half}`, { year })
    : t("email.award-period.year", { year });
  return {
    typeName: language === "en" ? data.typeName.en : data.typeName.zh,
    period,
    nomineeName: data.nomineeName,
  };
}
