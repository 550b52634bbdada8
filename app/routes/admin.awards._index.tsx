import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { criteriaText } from "~/components/awards/figures";
import { listAwardTypes } from "~/domains/awards/award-types.server";
import { criteriaOf } from "~/domains/awards/eligibility";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { forbidden, requirePermission } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "awards"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:award-type:district");
  if (!user.districtId) forbidden();
  const types = await listAwardTypes(await getDb(), user.districtId);
  const t = await i18nServer.getFixedT(request, "awards");
  return {
    title: t("types.title"),
    types: types.map(({ createdAt, ...type }) => ({ ...type, createdAt: createdAt.toISOString() })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function AwardTypes() {
  const { t, i18n } = useTranslation("awards");
  const { title, types } = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <h1>{title}</h1>
      <p>{t("types.lead")}</p>
      <p>
        <Link to="/admin/awards/new" className="button button--primary">
          {t("types.new")}
        </Link>
      </p>
      {types.length === 0 ? (
        <p className="empty-state">{t("types.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("types.name")}</th>
              <th scope="col">{t("types.nomineeKind")}</th>
              <th scope="col">{t("types.period")}</th>
              <th scope="col">{t("types.criteria")}</th>
              <th scope="col">{t("types.notice")}</th>
              <th scope="col">{t("types.state")}</th>
            </tr>
          </thead>
          <tbody>
            {types.map((type) => (
              <tr key={type.id}>
                <td>
                  <Link to={`/admin/awards/${type.id}`}>
                    {i18n.language === "en" ? type.nameEn : type.nameZh}
                  </Link>
                </td>
                <td>{t(`nomineeKind.${type.nomineeKind}`)}</td>
                <td>{t(`periodKind.${type.periodKind}`)}</td>
                <td>{criteriaText(t, criteriaOf(type))}</td>
                <td>{t("types.noticeDays", { count: type.noticeWorkingDays })}</td>
                <td>{type.active ? t("types.active") : t("types.inactive")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
