import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CategoryName, ReferralStatusBadge } from "~/components/matching/labels";
import { Pagination } from "~/components/Pagination";
import { listProviderReferrals } from "~/domains/matching/provider-inbox.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/dates";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";
import { searchParamsOf } from "~/utils/forms.server";

export const handle = { i18n: ["common", "matching"] };

const filters = ["new", "active", "closed"] as const;
const querySchema = z.object({
  filter: z.enum(filters).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "respond:referral");
  const params = querySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const inbox = await listProviderReferrals(await getDb(), user.actor, scope, {
    filter: params.filter ?? null,
    page: params.page,
  });
  const t = await i18nServer.getFixedT(request, "matching");
  return {
    title: t("inbox.title"),
    ...inbox,
    rows: inbox.rows.map((row) => ({
      ...row,
      sentAt: row.sentAt?.toISOString() ?? null,
      dueAt: row.dueAt?.toISOString() ?? null,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ProviderInbox() {
  const { t, i18n } = useTranslation("matching");
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const current = params.get("filter") ?? "";
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{t("inbox.lead")}</p>
      <p className="actions">
        <Link to="/provider/profile">{t("inbox.profile")}</Link>
      </p>
      <nav className="tabs" aria-label={t("inbox.filters")}>
        <Link to="?" aria-current={current === "" ? "page" : undefined}>
          {t("inbox.all")}
        </Link>{" "}
        {filters.map((filter) => (
          <Link key={filter} to={`?filter=${filter}`} aria-current={current === filter ? "page" : undefined}>
            {t(`inbox.${filter}`, { count: data.counts[filter] })}
          </Link>
        ))}
      </nav>
      {data.rows.length === 0 ? (
        <p className="empty-state">{t("inbox.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("fields.caseCode")}</th>
              <th scope="col">{t("fields.category")}</th>
              <th scope="col">{t("fields.urgency")}</th>
              <th scope="col">{t("fields.area")}</th>
              <th scope="col">{t("fields.status")}</th>
              <th scope="col">{t("fields.dueAt")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link to={`/provider/referrals/${row.id}`}>
                    <code>{row.caseCode}</code>
                  </Link>
                </td>
                <td>
                  <CategoryName id={row.categoryId} />
                </td>
                <td>{t(`urgencies.${row.urgency}`)}</td>
                <td>{row.area}</td>
                <td>
                  <ReferralStatusBadge status={row.status} />
                </td>
                <td>{row.status === "sent" && row.dueAt ? formatDateTime(row.dueAt, i18n.language) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </section>
  );
}
