import { z } from "zod";
import { categoryLabel } from "../../app/domains/matching/taxonomy";
import { formatShanghaiTime } from "../i18n";
import type { EmailContext } from "./layout";
import { Paragraph } from "./layout";

/**
 * What referral emails say: the service category, the urgency and the answer's due time — never
 * anything about the person beyond the case code (and that only in the body, for staff).
 */
export const referralRequestFields = {
  categoryId: z.string().min(1),
  urgency: z.enum(["urgent", "normal", "low"]),
  dueAt: z.iso.datetime({ offset: true }),
};

export const referralRequestSample = {
  categoryId: "psychological.individual",
  urgency: "normal" as const,
  dueAt: "2026-05-20T16:00:00.000Z",
  url: "/provider/referrals/6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6",
};

export function ReferralRequestFacts({
  context,
  data,
}: {
  context: EmailContext;
  data: { categoryId: string; urgency: string; dueAt: string };
}) {
  const { t, language } = context;
  return (
    <>
      <Paragraph>
        {t("email.referral.category", { category: categoryLabel(data.categoryId, language) })}
      </Paragraph>
      <Paragraph>
        {t("email.referral.urgency", { urgency: t(`email.referral.urgencies.${data.urgency}`) })}
      </Paragraph>
      <Paragraph>{t("email.referral.dueAt", { dueAt: formatShanghaiTime(data.dueAt, language) })}</Paragraph>
    </>
  );
}
