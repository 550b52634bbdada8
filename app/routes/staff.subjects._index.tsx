import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Pagination } from "~/components/Pagination";
import { normalizeCaseCode } from "~/domains/subjects/case-code";
import { normalizeResidentId } from "~/domains/subjects/resident-id";
import { findSubjectByIdNumber, listSubjects } from "~/domains/subjects/subjects.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { can } from "~/domains/accounts/authorize";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";
import { searchParamsOf } from "~/utils/forms.server";

export const handle = { i18n: ["common", "subjects"] };

const PAGE_SIZE = 25;
const querySchema = z.object({
  status: z.enum(["active", "ended", "archived"]).optional().catch(undefined),
  q: z.string().trim().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "read:subject");
  const params = querySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const db = await getDb();
  const actor = { id: user.id, organizationId: user.organizationId, districtId: user.districtId };
  // An 18-character query is an ID number: found through its keyed hash, never a plaintext search.
  // One that matches no subject in scope finds nothing (it must not fall back to the whole list).
  const byIdNumber = Boolean(params.q && /^\d{17}[\dXx]$/.test(params.q));
  if (params.q && byIdNumber) {
    const found = await findSubjectByIdNumber(db, normalizeResidentId(params.q), scope, actor);
    if (found) throw redirect(`/staff/subjects/${found.id}`);
  }
  const { rows, total } = byIdNumber
    ? { rows: [], total: 0 }
    : await listSubjects(db, {
        scope,
        actor,
        status: searchParamsOf(request).has("status") ? params.status : "active",
        caseCode: params.q ? normalizeCaseCode(params.q) : undefined,
        page: params.page,
        pageSize: PAGE_SIZE,
      });
  const t = await i18nServer.getFixedT(request, "subjects");
  return {
    title: t("list.title"),
    rows,
    total,
    page: params.page,
    status: searchParamsOf(request).get("status") ?? "active",
    canCreate: can(user.actor, "create:subject"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function SubjectList() {
  const { t } = useTranslation("subjects");
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{t("list.lead")}</p>
      {data.canCreate ? (
        <p>
          <Link to="/staff/subjects/new" className="button button--primary">
            {t("list.register")}
          </Link>
        </p>
      ) : null}
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="filter-status">{t("fields.status")}</label>
          <select id="filter-status" name="status" defaultValue={data.status}>
            <option value="">{t("list.all")}</option>
            {(["active", "ended", "archived"] as const).map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t("list.search")}</label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            autoComplete="off"
          />
        </div>
        <button type="submit" className="button">
          {t("list.filter")}
        </button>
      </Form>
      {data.rows.length === 0 ? (
        <p className="empty-state">{t("list.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("fields.caseCode")}</th>
                <th scope="col">{t("fields.office")}</th>
                <th scope="col">{t("fields.area")}</th>
                <th scope="col">{t("fields.supervisionLevel")}</th>
                <th scope="col">{t("fields.period")}</th>
                <th scope="col">{t("fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/staff/subjects/${row.id}`}>
                      <code>{row.caseCode}</code>
                    </Link>
                  </td>
                  <td>{row.officeName}</td>
                  <td>{row.area}</td>
                  <td>{t(`levels.${row.supervisionLevel}`)}</td>
                  <td>
                    {row.correctionStart} – {row.correctionEnd}
                  </td>
                  <td>{t(`statuses.${row.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} pageSize={PAGE_SIZE} total={data.total} />
    </section>
  );
}
