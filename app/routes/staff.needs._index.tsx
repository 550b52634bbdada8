import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CategoryName, NeedStatusBadge, ReferralStatusBadge } from "~/components/matching/labels";
import { Pagination } from "~/components/Pagination";
import { can } from "~/domains/accounts/authorize";
import { listNeedBoard } from "~/domains/matching/needs.server";
import { needStatuses, needUrgencies } from "~/domains/matching/options";
import { categoryLabel, topCategoryIds } from "~/domains/matching/taxonomy";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/dates";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";
import { searchParamsOf } from "~/utils/forms.server";

export const handle = { i18n: ["common", "matching"] };

const querySchema = z.object({
  status: z
    .union([z.enum(needStatuses), z.literal("overdue"), z.literal("")])
    .optional()
    .catch(undefined),
  category: z
    .enum(topCategoryIds as [string, ...string[]])
    .optional()
    .catch(undefined),
  urgency: z.enum(needUrgencies).optional().catch(undefined),
  caseCode: z.string().trim().max(20).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "read:help-need");
  const params = querySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const db = await getDb();
  const board = await listNeedBoard(db, user.actor, scope, {
    status: params.status || null,
    categoryId: params.category ?? null,
    urgency: params.urgency ?? null,
    caseCode: params.caseCode || null,
    page: params.page,
  });
  const t = await i18nServer.getFixedT(request, "matching");
  return {
    title: t("board.title"),
    rows: board.rows.map((row) => ({
      ...row,
      respondBy: row.respondBy.toISOString(),
      createdAt: row.createdAt.toISOString(),
      referralDueAt: row.referralDueAt?.toISOString() ?? null,
    })),
    total: board.total,
    page: board.page,
    pageSize: board.pageSize,
    counts: board.counts,
    canCreate: can(user.actor, "create:help-need:office"),
    canRefer: can(user.actor, "refer:help-need:office"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function NeedBoard() {
  const { t, i18n } = useTranslation("matching");
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{t("board.lead")}</p>
      {data.canCreate ? (
        <p className="actions">
          <Link className="button button--primary" to="/staff/needs/new">
            {t("board.new")}
          </Link>
          <Link className="button" to="/staff/needs/import">
            {t("board.import")}
          </Link>
          {data.canRefer ? (
            <Link className="button" to="/staff/needs/batch">
              {t("board.batch")}
            </Link>
          ) : null}
        </p>
      ) : null}
      <p>
        {needStatuses.map((status) => (
          <span key={status} className="board-count">
            {t(`needStatuses.${status}`)}: {data.counts[status] ?? 0}{" "}
          </span>
        ))}
      </p>
      <Form method="get" className="filters" aria-label={t("board.filters")}>
        <div className="field">
          <label htmlFor="filter-status">{t("board.status")}</label>
          <select id="filter-status" name="status" defaultValue={params.get("status") ?? ""}>
            <option value="">{t("board.allStatuses")}</option>
            <option value="overdue">{t("board.overdue")}</option>
            {needStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`needStatuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-category">{t("fields.category")}</label>
          <select id="filter-category" name="category" defaultValue={params.get("category") ?? ""}>
            <option value="">{t("board.allCategories")}</option>
            {topCategoryIds.map((id) => (
              <option key={id} value={id}>
                {categoryLabel(id, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-urgency">{t("fields.urgency")}</label>
          <select id="filter-urgency" name="urgency" defaultValue={params.get("urgency") ?? ""}>
            <option value="">{t("board.allUrgencies")}</option>
            {needUrgencies.map((urgency) => (
              <option key={urgency} value={urgency}>
                {t(`urgencies.${urgency}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-case">{t("fields.caseCode")}</label>
          <input id="filter-case" name="caseCode" type="search" defaultValue={params.get("caseCode") ?? ""} />
        </div>
        <button type="submit" className="button">
          {t("board.filter")}
        </button>
      </Form>
      {data.rows.length === 0 ? (
        <p className="empty-state">{t("board.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("fields.caseCode")}</th>
              <th scope="col">{t("fields.category")}</th>
              <th scope="col">{t("fields.urgency")}</th>
              <th scope="col">{t("fields.status")}</th>
              <th scope="col">{t("fields.respondBy")}</th>
              <th scope="col">{t("fields.provider")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link to={`/staff/needs/${row.id}`}>
                    <code>{row.caseCode}</code>
                  </Link>
                </td>
                <td>
                  <CategoryName id={row.categoryId} />
                </td>
                <td>{t(`urgencies.${row.urgency}`)}</td>
                <td>
                  <NeedStatusBadge status={row.status} />{" "}
                  {row.overdue ? (
                    <span className="badge badge--rejected">{t("board.overdueBadge")}</span>
                  ) : null}
                </td>
                <td>{formatDateTime(row.respondBy, i18n.language)}</td>
                <td>
                  {row.providerName ? (
                    <>
                      {row.providerName}{" "}
                      {row.referralStatus ? <ReferralStatusBadge status={row.referralStatus} /> : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </section>
  );
}
