import { useTranslation } from "react-i18next";
import type { Figures } from "~/domains/awards/eligibility";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { FigureFacts } from "./figures";
import { periodLabel, typeName } from "./labels";

export interface NominationSummary {
  status: string;
  nomineeKind: string;
  publishFullName: boolean;
  typeNameZh: string;
  typeNameEn: string;
  periodKey: string;
  statement: string;
  figures: Figures;
  officeName: string;
  nominatorName: string;
  reviewComment: string | null;
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  certificateNumber: string | null;
  revokeReason: string | null;
}

/** What a nomination is: type, period, the frozen figures, the notice, the certificate, the statement. */
export function NominationFacts({ nomination: n }: { nomination: NominationSummary }) {
  const { t, i18n } = useTranslation("awards");
  return (
    <>
      <dl className="facts">
        <dt>{t("nominations.status")}</dt>
        <dd>
          <span className={`badge badge--nomination-${n.status}`}>{t(`status.${n.status}`)}</span>
        </dd>
        <dt>{t("eligibility.type")}</dt>
        <dd>{typeName(n, i18n.language)}</dd>
        <dt>{t("eligibility.period")}</dt>
        <dd>{periodLabel(t, n.periodKey)}</dd>
        <dt>{t("nominations.office")}</dt>
        <dd>
          {n.officeName} · {n.nominatorName}
        </dd>
        <FigureFacts kind={n.nomineeKind} figures={n.figures} />
        {n.nomineeKind === "volunteer" ? (
          <>
            <dt>{t("nomination.publication")}</dt>
            <dd>{n.publishFullName ? t("nomination.fullName") : t("nomination.masked")}</dd>
          </>
        ) : null}
        {n.noticeStartsOn && n.noticeEndsOn ? (
          <>
            <dt>{t("nomination.notice")}</dt>
            <dd>
              {t("nomination.noticeRange", {
                from: formatCalendarDate(n.noticeStartsOn, i18n.language),
                to: formatCalendarDate(n.noticeEndsOn, i18n.language),
              })}
            </dd>
          </>
        ) : null}
        {n.certificateNumber ? (
          <>
            <dt>{t("nomination.certificate")}</dt>
            <dd>
              <a href={`/awards/${n.certificateNumber}.pdf`}>{n.certificateNumber}</a>
            </dd>
          </>
        ) : null}
        {n.revokeReason ? (
          <>
            <dt>{t("nomination.revokeReason")}</dt>
            <dd>{n.revokeReason}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t("nominate.statement")}</h2>
      <p className="prewrap">{n.statement}</p>
      {n.reviewComment ? (
        <>
          <h2>{t("nomination.reviewComment")}</h2>
          <p>{n.reviewComment}</p>
        </>
      ) : null}
    </>
  );
}

export interface NominationEventView {
  id: string;
  action: string;
  actorName: string | null;
  comment: string | null;
  createdAt: string;
}

/** The nomination's history, oldest first. */
export function NominationHistory({ events }: { events: readonly NominationEventView[] }) {
  const { t, i18n } = useTranslation("awards");
  return (
    <>
      <h2>{t("nomination.history")}</h2>
      <ol className="timeline">
        {events.map((event) => (
          <li key={event.id}>
            {formatDateTime(event.createdAt, i18n.language)} · {t(`event.${event.action}`)}
            {event.actorName ? ` · ${event.actorName}` : ""}
            {event.comment ? `：${event.comment}` : ""}
          </li>
        ))}
      </ol>
    </>
  );
}
