import { useTranslation } from "react-i18next";
import { categoryLabel } from "~/domains/matching/taxonomy";
import type { ScorePart } from "~/domains/matching/scoring";

const needBadge: Record<string, string> = {
  open: "pending",
  referred: "verified",
  resolved: "verified",
  not_resolved: "rejected",
  cancelled: "rejected",
};
const referralBadge: Record<string, string> = {
  draft: "pending",
  sent: "pending",
  accepted: "verified",
  in_progress: "verified",
  resolved: "verified",
  declined: "rejected",
  expired: "rejected",
  not_resolved: "rejected",
  cancelled: "rejected",
};

export function NeedStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("matching");
  return (
    <span className={`badge badge--${needBadge[status] ?? "pending"}`}>{t(`needStatuses.${status}`)}</span>
  );
}

export function ReferralStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("matching");
  return (
    <span className={`badge badge--${referralBadge[status] ?? "pending"}`}>
      {t(`referralStatuses.${status}`)}
    </span>
  );
}

export function CategoryName({ id }: { id: string }) {
  const { i18n } = useTranslation();
  return <>{categoryLabel(id, i18n.language)}</>;
}

/** The parts of a score, each with its points out of its maximum and why. */
export function ScoreParts({ parts }: { parts: ScorePart[] }) {
  const { t } = useTranslation("matching");
  return (
    <ul className="score-parts">
      {parts.map((part) => (
        <li key={part.part}>
          <span className="score-parts__name">{t(`scoreParts.${part.part}`)}</span>{" "}
          <span className="score-parts__points">
            {t("suggestions.points", { points: part.points, max: part.max })}
          </span>{" "}
          <span className="score-parts__reason">{t(`reasons.${part.reason}`, part.values ?? {})}</span>
        </li>
      ))}
    </ul>
  );
}
