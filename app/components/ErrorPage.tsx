import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : "generic";
  return (
    <section className="error-page container" aria-labelledby="error-title">
      <p className="error-page__code">{t("errors.statusCode", { status })}</p>
      <h1 id="error-title">{t(`errors.${kind}Title`)}</h1>
      <p>{t(`errors.${kind}Body`)}</p>
      <Link to="/" className="button button--primary">
        {t("errors.backHome")}
      </Link>
    </section>
  );
}
