import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listOffices } from "~/domains/accounts/offices.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "accounts"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "update:office");
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: t("offices.title"), offices: await listOffices(await getDb(), scope, user.actor) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Offices() {
  const { t } = useTranslation("accounts");
  const { title, offices } = useLoaderData<typeof loader>();
  const none = <span className="muted">{t("offices.none")}</span>;
  return (
    <section className="container page">
      <h1>{title}</h1>
      <p>{t("offices.lead")}</p>
      {offices.length === 0 ? (
        <p>{t("offices.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("offices.name")}</th>
              <th scope="col">{t("offices.personInCharge")}</th>
              <th scope="col">{t("offices.contactName")}</th>
              <th scope="col">{t("offices.contactPhone")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("offices.edit")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {offices.map((office) => (
              <tr key={office.id}>
                <td>{office.name}</td>
                <td>{office.personInCharge ?? none}</td>
                <td>{office.contactName ?? none}</td>
                <td>{office.contactPhone ?? none}</td>
                <td>
                  <Link to={`/admin/offices/${office.id}`} aria-label={`${t("offices.edit")} ${office.name}`}>
                    {t("offices.edit")}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
