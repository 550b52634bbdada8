import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isDevMailboxEnabled, listDevMailbox } from "~/domains/notifications/mailbox.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { searchParamsOf } from "~/utils/forms.server";

export const handle = { i18n: ["common", "notifications"] };

export async function loader({ request }: LoaderFunctionArgs) {
  // With a real provider configured there is no local mailbox: the page does not exist.
  if (!isDevMailboxEnabled(getEnv())) throw new Response("Not found", { status: 404 });
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(locale, "notifications");
  const requested = Math.trunc(Number(searchParamsOf(request).get("page") ?? "1"));
  const page = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), 10_000) : 1;
  const list = await listDevMailbox(await getDb(), { page, pageSize: 25 });
  const format = new Intl.DateTimeFormat(locale, {
    timeZone: "Asia/Shanghai",
    dateStyle: "short",
    timeStyle: "medium",
  });
  return {
    title: t("mailbox.title"),
    page: list.page,
    pages: Math.max(1, Math.ceil(list.total / list.pageSize)),
    items: list.items.map((item) => ({ ...item, createdAt: format.format(item.createdAt) })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function DevMailbox() {
  const { items, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("notifications");
  return (
    <section className="container page" aria-labelledby="mailbox-title">
      <h1 id="mailbox-title">{t("mailbox.title")}</h1>
      <p>{t("mailbox.intro")}</p>
      {items.length === 0 ? (
        <p>{t("mailbox.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("mailbox.sentAt")}</th>
                <th scope="col">{t("mailbox.to")}</th>
                <th scope="col">{t("mailbox.subject")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{item.createdAt}</td>
                  <td>{item.toAddress}</td>
                  <td>
                    <Link to={`/dev/mailbox/${item.id}`}>{item.subject}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("mailbox.pagination")} className="pagination">
          {page > 1 ? <Link to={`?page=${page - 1}`}>{t("mailbox.previous")}</Link> : null}{" "}
          <span>{t("mailbox.pageOf", { page, pages })}</span>{" "}
          {page < pages ? <Link to={`?page=${page + 1}`}>{t("mailbox.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
