import { z } from "zod";
import { bookingIcs } from "~/domains/legal/ics";
import { topicCategories } from "~/domains/legal/validation";
import type { EmailAttachment } from "../define";
import { linkSchema } from "../define";
import { absoluteUrl, formatShanghaiTime } from "../i18n";
import type { EmailContext } from "./layout";
import { Paragraph } from "./layout";

/**
 * What every consultation email says, and the .ics it carries. The data holds what the calendar
 * event needs (booking id for the stable UID, SEQUENCE, times as UTC instants, the moment of the
 * change for DTSTAMP), so every retry attaches the same file. No subject's name: at most the case
 * code, in the body only.
 */
export const consultationFields = {
  bookingId: z.uuid(),
  sequence: z.number().int().min(0),
  changedAt: z.iso.datetime({ offset: true }),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  servicePoint: z.string().min(1),
  address: z.string().min(1),
  lawyerName: z.string().min(1),
  topic: z.enum(topicCategories),
  caseCode: z.string().nullable(),
  url: linkSchema,
};

type ConsultationData = {
  bookingId: string;
  sequence: number;
  changedAt: string;
  startsAt: string;
  endsAt: string;
  servicePoint: string;
  address: string;
  lawyerName: string;
  topic: (typeof topicCategories)[number];
  caseCode: string | null;
  url: string;
};

export const consultationSample: ConsultationData = {
  bookingId: "5b0d8a52-7c1e-4f3a-9b2d-3e4f5a6b7c8d",
  sequence: 0,
  changedAt: "2026-05-12T02:00:00.000Z",
  startsAt: "2026-05-19T06:00:00.000Z",
  endsAt: "2026-05-19T06:30:00.000Z",
  servicePoint: "城关司法所法律服务点",
  address: "示范区城关街 12 号 一楼接待室",
  lawyerName: "孙律师",
  topic: "labour",
  caseCode: "K7QM-2XR4-9TBC",
  url: "/consultations/5b0d8a52-7c1e-4f3a-9b2d-3e4f5a6b7c8d",
};

export function ConsultationFacts({ context, data }: { context: EmailContext; data: ConsultationData }) {
  const { t, language } = context;
  return (
    <>
      <Paragraph>
        {t("email.consultation.time", {
          start: formatShanghaiTime(data.startsAt, language),
          end: formatShanghaiTime(data.endsAt, language),
        })}
      </Paragraph>
      <Paragraph>
        {t("email.consultation.place", { place: data.servicePoint, address: data.address })}
      </Paragraph>
      <Paragraph>{t("email.consultation.lawyer", { name: data.lawyerName })}</Paragraph>
      <Paragraph>
        {t("email.consultation.topic", { topic: t(`email.consultation.topics.${data.topic}`) })}
      </Paragraph>
      {data.caseCode ? (
        <Paragraph>{t("email.consultation.caseCode", { code: data.caseCode })}</Paragraph>
      ) : (
        <Paragraph>{t("email.consultation.walkIn")}</Paragraph>
      )}
      <Paragraph>{t("email.consultation.attachment")}</Paragraph>
    </>
  );
}

/** The booking as a calendar event: REQUEST (new or moved, same UID) or CANCEL. */
export function consultationAttachment(
  context: EmailContext,
  data: ConsultationData,
  method: "REQUEST" | "CANCEL",
): EmailAttachment[] {
  const { t } = context;
  const content = bookingIcs({
    bookingId: data.bookingId,
    sequence: data.sequence,
    method,
    startsAt: new Date(data.startsAt),
    endsAt: new Date(data.endsAt),
    summary: t("email.consultation.icsSummary", { place: data.servicePoint }),
    location: `${data.servicePoint} · ${data.address}`,
    description: `${t("email.consultation.topic", { topic: t(`email.consultation.topics.${data.topic}`) })}\n${absoluteUrl(context.appUrl, data.url)}`,
    stamp: new Date(data.changedAt),
  });
  return [
    {
      filename: "consultation.ics",
      contentType: `text/calendar; charset=utf-8; method=${method}`,
      content,
    },
  ];
}
