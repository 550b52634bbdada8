import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Pagination } from "~/components/Pagination";
import { activityOfficeOptions, listActivities } from "~/domains/volunteers/activity-queries.server";
import { can } from "~/domains/accounts/authorize";
import { organizerOf } from "~/domains/volunteers/activity-access";
import { activityCategories, volunteerSkills } from "~/domains/volunteers/activity-options";
import { formatActivityPeriod } from "~/domains/volunteers/activity-time";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import { listOf } from "~/utils/list-format";

export const handle = { i18n: ["common", "activities"] };

const PAGE_SIZE = 20;
const isoDate = z.iso.date().optional().catch(undefined);
const querySchema = z.object({
  from: isoDate,
  to: isoDate,
  office: z.uuid().optional().catch(undefined),
  district: z.uuid().optional().catch(undefined),
  category: z.enum(activityCategories).optional().catch(undefined),
  skill: z.enum(volunteerSkills).optional().catch(undefined),
  mine: z.literal("1").optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:activity");
  const params = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = await getDb();
  const organizer = organizerOf(user.actor);
  const isVolunteer = can(user.actor, "signup:activity");
  const [{ rows, total }, offices] = await Promise.all([
    listActivities(db, {
      from: params.from,
      to: params.to,
      officeId: params.office,
      districtId: params.district,
      category: params.category,
      skill: params.skill,
      organizer: params.mine && organizer ? organizer : undefined,
      volunteerId: isVolunteer ? user.id : undefined,
      page: params.page,
      pageSize: PAGE_SIZE,
    }),
    activityOfficeOptions(db),
  ]);
  const t = await i18nServer.getFixedT(request, "activities");
  return {
    title: t("list.title"),
    rows: rows.map((row) => ({
      ...row,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
    })),
    total,
    page: params.page,
    filters: {
      from: params.from ?? "",
      to: params.to ?? "",
      office: params.office ?? "",
      district: params.district ?? "",
      category: params.category ?? "",
      skill: params.skill ?? "",
      mine: Boolean(params.mine && organizer),
    },
    offices,
    canOrganize: Boolean(organizer),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function ActivityList() {
  const { t, i18n } = useTranslation("activities");
  const data = useLoaderData<typeof loader>();
  const { filters } = data;
  const districts = [...new Map(data.offices.map((office) => [office.districtId, office.districtName]))];
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{t("list.lead")}</p>
      {data.canOrganize ? (
        <p className="actions">
          <Link to="/activities/new" className="button button--primary">
            {t("list.create")}
          </Link>
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label={t("list.filtersLabel")}>
        <div className="field">
          <label htmlFor="filter-from">{t("list.from")}</label>
          <input id="filter-from" name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">{t("list.to")}</label>
          <input id="filter-to" name="to" type="date" defaultValue={filters.to} />
        </div>
        {districts.length > 1 ? (
          <div className="field">
            <label htmlFor="filter-district">{t("list.district")}</label>
            <select id="filter-district" name="district" defaultValue={filters.district}>
              <option value="">{t("list.all")}</option>
              {districts.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="filter-office">{t("list.office")}</label>
          <select id="filter-office" name="office" defaultValue={filters.office}>
            <option value="">{t("list.all")}</option>
            {data.offices.map((office) => (
              <option key={office.id} value={office.id}>
                {districts.length > 1 ? `${office.districtName} · ${office.name}` : office.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-category">{t("fields.category")}</label>
          <select id="filter-category" name="category" defaultValue={filters.category}>
            <option value="">{t("list.all")}</option>
            {activityCategories.map((category) => (
              <option key={category} value={category}>
                {t(`categories.${category}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-skill">{t("list.skill")}</label>
          <select id="filter-skill" name="skill" defaultValue={filters.skill}>
            <option value="">{t("list.all")}</option>
            {volunteerSkills.map((skill) => (
              <option key={skill} value={skill}>
                {t(`skills.${skill}`)}
              </option>
            ))}
          </select>
        </div>
        {data.canOrganize ? (
          <label className="checkbox">
            <input type="checkbox" name="mine" value="1" defaultChecked={filters.mine} />
            {t("list.mine")}
          </label>
        ) : null}
        <button type="submit" className="button">
          {t("list.filter")}
        </button>
      </Form>
      {data.rows.length === 0 ? (
        <p className="empty-state">{t(filters.mine ? "list.emptyMine" : "list.empty")}</p>
      ) : (
        <ul className="list">
          {data.rows.map((row) => {
            const placesLeft = Math.max(0, row.capacity - row.confirmedCount);
            return (
              <li key={row.id} className="list__item">
                <h2 className="h3">
                  <Link to={`/activities/${row.id}`}>{row.title}</Link>{" "}
                  <span className="badge">{t(`categories.${row.category}`)}</span>
                  {row.status === "cancelled" ? (
                    <span className="badge badge--rejected">{t("status.cancelled")}</span>
                  ) : null}
                  {row.myStatus === "confirmed" || row.myStatus === "waitlisted" ? (
                    <span className="badge badge--verified">{t(`mine.${row.myStatus}`)}</span>
                  ) : null}
                </h2>
                <p className="list__meta">
                  {formatActivityPeriod(row.startsAt, row.endsAt, i18n.language)} · {row.officeName} ·{" "}
                  {row.place}
                </p>
                <p className="list__meta">
                  {placesLeft > 0
                    ? t("places.left", { left: placesLeft, capacity: row.capacity })
                    : t("places.full", { capacity: row.capacity })}
                  {row.waitlisted > 0 ? ` · ${t("places.waitlist", { waitlisted: row.waitlisted })}` : ""}
                  {row.requiredSkills.length > 0
                    ? ` · ${t("fields.requiredSkills")}: ${listOf(
                        row.requiredSkills.map((skill) => t(`skills.${skill}`)),
                        i18n.language,
                      )}`
                    : ""}
                  {row.requiredQualification
                    ? ` · ${t("fields.requiredQualification")}: ${t(`qualifications.${row.requiredQualification}`)}`
                    : ""}
                  {row.insuranceRequired ? ` · ${t("fields.insuranceRequired")}` : ""}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={data.page} pageSize={PAGE_SIZE} total={data.total} />
    </section>
  );
}
