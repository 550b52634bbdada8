import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links that keep the current filters; works without JavaScript. */
export function Pagination({
  page,
  pageSize,
  total,
  param = "page",
}: {
  page: number;
  pageSize: number;
  total: number;
  /** The search parameter that holds the page (two lists on one page need two). */
  param?: string;
}) {
  const { t } = useTranslation("common");
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const hrefFor = (target: number) => {
    const next = new URLSearchParams(params);
    next.set(param, String(target));
    return `?${next.toString()}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)}>{t("pagination.previous")}</Link>
      ) : (
        <span aria-hidden="true" />
      )}
      <span>{t("pagination.status", { page, pages, total })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)}>{t("pagination.next")}</Link>
      ) : (
        <span aria-hidden="true" />
      )}
    </nav>
  );
}
