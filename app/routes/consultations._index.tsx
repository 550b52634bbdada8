import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findOpenSlots } from "~/domains/legal/availability.server";
import { listConsultations } from "~/domains/legal/consultations.server";
import { listServicePoints } from "~/domains/legal/lawyers.server";
import {
  consultationLanguageLabelKey,
  consultationLanguages,
  topicCategories,
  type TopicCategory,
} from "~/domains/legal/options";
import { i18nServer } from "~/i18n.server";
import { formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "legal"] };

const isTopic = (value: string | null): value is TopicCategory =>
  value !== null && (topicCategories as readonly string[]).includes(value);

/**
 * Staff's booking page: the next free slots across the service points of the office (or of the
 * district, to see where else help is available), filtered by topic and language; a slot is one
 * click from the booking form.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "book:consultation:office");
  const url = new URL(request.url);
  const topic = url.searchParams.get("topic");
  const language = url.searchParams.get("language");
  const wide = url.searchParams.get("scope") === "district";
  const db = await getDb();
  const now = clock.now();
  const officeId = user.actor.organizationId!;
  const [slots, upcoming, points] = await Promise.all([
    findOpenSlots(db, {
      ...(wide ? { districtId: user.actor.districtId! } : { officeId }),
      topic: isTopic(topic) ? topic : undefined,
      language:
        language && (consultationLanguages as readonly string[]).includes(language) ? language : undefined,
      now,
      limit: 30,
    }),
    listConsultations(db, { officeId }, { when: "upcoming", now, limit: 20 }),
    listServicePoints(db, { officeId }),
  ]);
  const t = await i18nServer.getFixedT(request, "legal");
  return {
    title: t("staff.title"),
    filters: {
      topic: isTopic(topic) ? topic : "",
      language: language ?? "",
      scope: wide ? "district" : "office",
    },
    officeId,
    points: points.map((point) => ({ id: point.id, name: point.name })),
    slots: slots.map((slot) => ({
      ruleId: slot.ruleId,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      remaining: slot.remaining,
      capacity: slot.capacity,
      lawyerName: slot.lawyerName,
      languages: slot.lawyerLanguages,
      specialties: slot.lawyerSpecialties,
      servicePointName: slot.servicePointName,
      officeName: slot.officeName,
      bookable: !wide || points.some((point) => point.id === slot.servicePointId),
    })),
    upcoming: upcoming.map((row) => ({
      id: row.id,
      startsAt: row.startsAt.toISOString(),
      status: row.status,
      topic: row.topic,
      caseCode: row.caseCode,
      lawyerName: row.lawyerName,
      servicePointName: row.servicePointName,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function StaffConsultations() {
  const { t, i18n } = useTranslation("legal");
  const languageLabel = (language: string) => {
    const key = consultationLanguageLabelKey(language);
    return key ? t(key) : language;
  };
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{t("staff.lead")}</p>
      <p>
        <Link to="/staff/service-points">{t("staff.servicePoints")}</Link>
        {data.points.map((point) => (
          <span key={point.id}>
            {" · "}
            <Link to={`/consultations/week?point=${point.id}`}>
              {t("staff.weekOf", { name: point.name })}
            </Link>
          </span>
        ))}
      </p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="filter-topic">{t("fields.topic")}</label>
          <select id="filter-topic" name="topic" defaultValue={data.filters.topic}>
            <option value="">{t("staff.anyTopic")}</option>
            {topicCategories.map((topic) => (
              <option key={topic} value={topic}>
                {t(`topics.${topic}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-language">{t("fields.language")}</label>
          <select id="filter-language" name="language" defaultValue={data.filters.language}>
            <option value="">{t("staff.anyLanguage")}</option>
            {consultationLanguages.map((language) => (
              <option key={language} value={language}>
                {languageLabel(language)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-scope">{t("staff.scope")}</label>
          <select id="filter-scope" name="scope" defaultValue={data.filters.scope}>
            <option value="office">{t("staff.scopeOffice")}</option>
            <option value="district">{t("staff.scopeDistrict")}</option>
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("staff.filter")}
        </button>
      </Form>

      <h2>{t("staff.nextSlots")}</h2>
      {data.slots.length === 0 ? (
        <p>{t("staff.noSlots")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("fields.time")}</th>
              <th scope="col">{t("fields.lawyer")}</th>
              <th scope="col">{t("fields.servicePoint")}</th>
              <th scope="col">{t("fields.places")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("staff.book")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.slots.map((slot) => (
              <tr key={`${slot.ruleId}-${slot.startsAt}`}>
                <td>{formatDateTime(slot.startsAt, i18n.language)}</td>
                <td>
                  {slot.lawyerName}
                  <br />
                  <small>
                    {slot.specialties.map((topic) => t(`topics.${topic}`)).join("、")} ·{" "}
                    {slot.languages.map(languageLabel).join("、")}
                  </small>
                </td>
                <td>
                  {slot.servicePointName} · {slot.officeName}
                </td>
                <td>{t("staff.remaining", { remaining: slot.remaining, capacity: slot.capacity })}</td>
                <td>
                  {slot.bookable ? (
                    <Link
                      className="button"
                      to={`/consultations/book?ruleId=${slot.ruleId}&startsAt=${encodeURIComponent(slot.startsAt)}`}
                    >
                      {t("staff.book")}
                    </Link>
                  ) : (
                    <small>{t("staff.otherOffice")}</small>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("staff.upcoming")}</h2>
      {data.upcoming.length === 0 ? (
        <p>{t("staff.noUpcoming")}</p>
      ) : (
        <ul className="list">
          {data.upcoming.map((row) => (
            <li key={row.id}>
              <Link to={`/consultations/${row.id}`}>
                {formatDateTime(row.startsAt, i18n.language)} · {row.caseCode ?? t("walkIn")} ·{" "}
                {t(`topics.${row.topic}`)}
              </Link>{" "}
              · {row.lawyerName} · {row.servicePointName} · {t(`status.${row.status}`)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
