import { useTranslation } from "react-i18next";

export function SiteFooter({ devMailbox = false }: { devMailbox?: boolean }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("footer.legal")}</p>
        <p>{t("footer.privacy")}</p>
        <p>
          <a href="/honour-roll">{t("footer.honourRoll")}</a> ·{" "}
          <a href="/verify">{t("footer.verifyCertificate")}</a> · <a href="/healthz">{t("footer.health")}</a>
        </p>
        {/* Demo and development only: where the mail of a portal without an email provider goes. */}
        {devMailbox ? (
          <p>
            <a href="/dev/mailbox">{t("footer.devMailbox")}</a>
          </p>
        ) : null}
      </div>
    </footer>
  );
}
