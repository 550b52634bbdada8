import { useTranslation } from "react-i18next";
import { formatCalendarDate } from "~/utils/dates";

export interface QualificationView {
  kind: string;
  certificateNumber: string;
  status: string;
  /** Whether it is valid on the day it is shown (valid, expiring soon, expired). */
  expiry: string;
  issuedBy: string;
  expiresOn: string | null;
}

/**
 * One qualification as the volunteer and staff see it: kind, certificate number, review status,
 * validity and issuer. The actions each page offers follow it.
 */
export function QualificationSummary({ qualification }: { qualification: QualificationView }) {
  const { t, i18n } = useTranslation("volunteers");
  const expiryBadge =
    qualification.expiry === "valid"
      ? ""
      : qualification.expiry === "expired"
        ? " badge--rejected"
        : " badge--pending";
  return (
    <>
      <strong>{t(`qualifications.kinds.${qualification.kind}`)}</strong> ·{" "}
      <code>{qualification.certificateNumber}</code>{" "}
      <span className={`badge badge--${qualification.status}`}>
        {t(`qualifications.statuses.${qualification.status}`)}
      </span>{" "}
      <span className={`badge${expiryBadge}`}>{t(`qualifications.expiry.${qualification.expiry}`)}</span>
      <p className="list__meta">
        {t("qualifications.meta", {
          issuedBy: qualification.issuedBy,
          expiresOn: qualification.expiresOn
            ? formatCalendarDate(qualification.expiresOn, i18n.language)
            : t("qualifications.noExpiry"),
        })}
      </p>
    </>
  );
}
