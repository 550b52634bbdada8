import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Pagination } from "~/components/Pagination";
import { volunteerSkills } from "~/domains/volunteers/activity-options";
import { listVolunteers } from "~/domains/volunteers/registration.server";
import { volunteerStatuses } from "~/domains/volunteers/volunteer-profile";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";
import { listOf } from "~/utils/list-format";
import { formatDateTime } from "~/utils/dates";
import { searchParamsOf } from "~/utils/forms.server";

export const handle = { i18n: ["common", "volunteers"] };

const PAGE_SIZE = 25;
const querySchema = z.object({
  // Pending by default: the list is where vetting starts. An empty value means every status.
  status: z
    .union([z.enum(volunteerStatuses), z.literal("")])
    .optional()
    .catch(undefined),
  q: z.string().trim().max(50).optional().catch(undefined),
  skill: z.enum(volunteerSkills).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "read:volunteer");
  const params = querySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const status = params.status === undefined ? "pending" : params.status;
  const { rows, total } = await listVolunteers(await getDb(), {
    scope,
    actor: { id: user.id, organizationId: user.organizationId, districtId: user.districtId },
    status: status || undefined,
    q: params.q || undefined,
    skill: params.skill,
    page: params.page,
    pageSize: PAGE_SIZE,
  });
  const t = await i18nServer.getFixedT(request, "volunteers");
  return {
    title: t("staff.listTitle"),
    rows: rows.map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    })),
    total,
    page: params.page,
    status,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function VolunteerList() {
  const { t, i18n } = useTranslation("volunteers");
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const filtered = Boolean(params.get("q") || params.get("skill"));
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{t("staff.listLead")}</p>
      <Form method="get" className="filters" aria-label={t("staff.filtersLabel")}>
        <div className="field">
          <label htmlFor="filter-status">{t("staff.status")}</label>
          <select id="filter-status" name="status" defaultValue={data.status}>
            <option value="">{t("staff.all")}</option>
            {volunteerStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t("staff.search")}</label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor="filter-skill">{t("staff.skill")}</label>
          <select id="filter-skill" name="skill" defaultValue={params.get("skill") ?? ""}>
            <option value="">{t("staff.anySkill")}</option>
            {volunteerSkills.map((skill) => (
              <option key={skill} value={skill}>
                {t(`skills.${skill}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("staff.filter")}
        </button>
      </Form>
      {data.rows.length === 0 ? (
        <p className="empty-state">
          {data.status === "pending" && !filtered ? t("staff.emptyPending") : t("staff.empty")}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("fields.legalName")}</th>
                <th scope="col">{t("fields.volunteerNumber")}</th>
                <th scope="col">{t("fields.phone")}</th>
                <th scope="col">{t("fields.homeOffice")}</th>
                <th scope="col">{t("fields.skills")}</th>
                <th scope="col">{t("fields.status")}</th>
                <th scope="col">{t("fields.submittedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/staff/volunteers/${row.id}`}>{row.legalName}</Link>
                  </td>
                  <td>{row.volunteerNumber ? <code>{row.volunteerNumber}</code> : "—"}</td>
                  <td>{row.phone}</td>
                  <td>{row.homeOfficeName}</td>
                  <td>
                    {listOf(
                      row.skills.map((skill) => t(`skills.${skill}`)),
                      i18n.language,
                    )}
                  </td>
                  <td>
                    <span className={`badge badge--${row.status === "approved" ? "verified" : row.status}`}>
                      {t(`statuses.${row.status}`)}
                    </span>
                  </td>
                  <td>{formatDateTime(row.updatedAt, i18n.language)}</td>
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
