import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/Pagination";
import { listDistricts } from "~/domains/employment/enterprise.server";
import { listOpenOffers } from "~/domains/employment/offers.server";
import { jobCategories } from "~/domains/employment/taxonomy";
import { offerFilterSchema } from "~/domains/employment/validation";
import { can } from "~/domains/accounts/authorize";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import { searchParamsOf } from "~/utils/forms.server";

export const handle = { i18n: ["common", "employment"] };

/** Staff browse the open job and training offers (search, district, category, wage, date). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:employment-offer:any");
  const query = searchParamsOf(request);
  const filters = offerFilterSchema.parse(Object.fromEntries(query));
  const db = await getDb();
  const [offers, districts] = await Promise.all([listOpenOffers(db, filters), listDistricts(db)]);
  const t = await i18nServer.getFixedT(request, "employment");
  return {
    title: t("browse.title"),
    offers,
    districts,
    filters: Object.fromEntries(query),
    canRefer: can(user.actor, "refer:employment-candidate:office"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function BrowseOffers() {
  const { t, i18n } = useTranslation("employment");
  const { offers, districts, filters, canRefer } = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <h1>{t("browse.title")}</h1>
      <p>{t("browse.lead")}</p>
      {canRefer ? (
        <p>
          <Link to="/staff/employment/referrals">{t("browse.followUp")}</Link>
        </p>
      ) : null}
      <Form method="get" className="filters">
        <label htmlFor="filter-q">{t("browse.search")}</label>
        <input id="filter-q" name="q" defaultValue={filters.q ?? ""} maxLength={100} />
        <label htmlFor="filter-kind">{t("browse.kind")}</label>
        <select id="filter-kind" name="kind" defaultValue={filters.kind ?? ""}>
          <option value="">{t("browse.all")}</option>
          <option value="job">{t("browse.jobs")}</option>
          <option value="training">{t("browse.trainings")}</option>
        </select>
        <label htmlFor="filter-district">{t("browse.district")}</label>
        <select id="filter-district" name="districtId" defaultValue={filters.districtId ?? ""}>
          <option value="">{t("browse.all")}</option>
          {districts.map((district) => (
            <option key={district.id} value={district.id}>
              {district.name}
            </option>
          ))}
        </select>
        <label htmlFor="filter-category">{t("job.category")}</label>
        <select id="filter-category" name="category" defaultValue={filters.category ?? ""}>
          <option value="">{t("browse.all")}</option>
          {jobCategories.map((category) => (
            <option key={category} value={category}>
              {t(`categories.${category}`)}
            </option>
          ))}
        </select>
        <label htmlFor="filter-wage">{t("browse.minWage")}</label>
        <input id="filter-wage" name="minWage" type="number" min={0} defaultValue={filters.minWage ?? ""} />
        <label htmlFor="filter-date">{t("browse.openOn")}</label>
        <input id="filter-date" name="openOn" type="date" defaultValue={filters.openOn ?? ""} />
        <button type="submit" className="button">
          {t("browse.apply")}
        </button>
      </Form>
      {offers.rows.length === 0 ? (
        <p>{t("browse.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("browse.offer")}</th>
              <th scope="col">{t("browse.enterprise")}</th>
              <th scope="col">{t("browse.district")}</th>
              <th scope="col">{t("browse.wage")}</th>
              <th scope="col">{t("browse.places")}</th>
              <th scope="col">{t("job.closesOn")}</th>
            </tr>
          </thead>
          <tbody>
            {offers.rows.map((offer) => (
              <tr key={`${offer.kind}-${offer.id}`}>
                <td>
                  <Link to={`/staff/employment/${offer.kind === "job" ? "jobs" : "trainings"}/${offer.id}`}>
                    {offer.title}
                  </Link>{" "}
                  <span className="badge">{t(`browse.kindLabel.${offer.kind}`)}</span>
                </td>
                <td>{offer.enterprise}</td>
                <td>{offer.district}</td>
                <td>
                  {offer.wageMin !== null
                    ? t("browse.wageRange", { min: offer.wageMin, max: offer.wageMax })
                    : "—"}
                </td>
                <td>{offer.places}</td>
                <td>{formatCalendarDate(offer.closesOn, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {offers.total > 0 ? (
        <Pagination page={offers.page} pageSize={offers.pageSize} total={offers.total} />
      ) : null}
    </section>
  );
}
