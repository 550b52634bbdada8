import { useTranslation } from "react-i18next";
import { Notice } from "~/components/Notice";

/** Where the registration stands: pending review, approved (with the number), rejected or suspended. */
export function ProfileStatus({
  profile,
}: {
  profile: {
    status: string;
    volunteerNumber: string | null;
    homeOfficeName: string;
    rejectReason: string | null;
  };
}) {
  const { t } = useTranslation("volunteers");
  return (
    <section aria-labelledby="status-title" className="section">
      <h2 id="status-title" className="h3">
        {t("profile.statusLabel")}{" "}
        <span className={`badge badge--${profile.status === "approved" ? "verified" : profile.status}`}>
          {t(`statuses.${profile.status}`)}
        </span>
      </h2>
      {profile.status === "pending" ? (
        <Notice>{t("profile.statusPending", { office: profile.homeOfficeName })}</Notice>
      ) : null}
      {profile.status === "approved" ? (
        <Notice kind="success">{t("profile.statusApproved", { number: profile.volunteerNumber })}</Notice>
      ) : null}
      {profile.status === "rejected" ? (
        <Notice kind="error">{t("profile.statusRejected", { reason: profile.rejectReason })}</Notice>
      ) : null}
      {profile.status === "suspended" ? (
        <Notice kind="error">
          {t("profile.statusSuspended", { reason: profile.rejectReason, office: profile.homeOfficeName })}
        </Notice>
      ) : null}
    </section>
  );
}
