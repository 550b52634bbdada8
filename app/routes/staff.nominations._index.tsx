import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { periodLabel, typeName } from "~/components/awards/labels";
import { Pagination } from "~/components/Pagination";
import { listNominations } from "~/domains/awards/nominations.server";
import { nominationStatuses } from "~/domains/awards/nomination-status";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import { periodKeyOf } from "~/domains/awards/periods";

export const handle = { i18n: ["common", "awards"] };

const querySchema = z.object({
  status: z.enum(nominationStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:nomination:office");
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = await listNominations(await getDb(), user.actor, query);
  const t = await i18nServer.getFixedT(request, "awards");
  return {
    title: t("nominations.title"),
    status: query.status ?? "",
    ...list,
    rows: list.rows.map(({ createdAt, ...row }) => ({ ...row, createdAt: createdAt.toISOString() })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Nominations() {
  const { t, i18n } = useTranslation("awards");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="filter-status">{t("nominations.status")}</label>
          <select id="filter-status" name="status" defaultValue={data.status}>
            <option value="">{t("nominations.allStatuses")}</option>
            {nominationStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("nominations.filter")}
        </button>
      </Form>
      {data.rows.length === 0 ? (
        <p className="empty-state">{t("nominations.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("nominations.nominee")}</th>
              <th scope="col">{t("eligibility.type")}</th>
              <th scope="col">{t("eligibility.period")}</th>
              <th scope="col">{t("nominations.office")}</th>
              <th scope="col">{t("nominations.status")}</th>
              <th scope="col">{t("nominations.submittedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link to={`/staff/nominations/${row.id}`}>{row.nomineeName}</Link>
                </td>
                <td>{typeName(row, i18n.language)}</td>
                <td>{periodLabel(t, periodKeyOf(row.periodStart, row.periodEnd))}</td>
                <td>{row.officeName}</td>
                <td>
                  <span className={`badge badge--nomination-${row.status}`}>{t(`status.${row.status}`)}</span>
                  {row.status === "in_notice" && row.noticeEndsOn ? (
                    <>
                      {" "}
                      {t("nominations.noticeUntil", {
                        date: formatCalendarDate(row.noticeEndsOn, i18n.language),
                      })}
                    </>
                  ) : null}
                </td>
                <td>{formatDateTime(row.createdAt, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </section>
  );
}
