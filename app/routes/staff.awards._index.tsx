import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { periodLabel } from "~/components/awards/labels";
import { Pagination } from "~/components/Pagination";
import { eligibilityView } from "~/domains/awards/eligibility.server";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { can } from "~/domains/accounts/authorize";
import { sourceOfFigure } from "~/components/awards/EvidenceTable";
import { criteriaText, figureText } from "~/components/awards/figures";
import { criteriaOf, type FigureKey, figuresOfKind } from "~/domains/awards/eligibility";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { forbidden, requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "awards"] };

const querySchema = z.object({
  type: z.uuid().optional().catch(undefined),
  period: z
    .string()
    .regex(/^\d{4}(-H[12])?$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "nominate:award:office");
  if (!user.districtId || !user.organizationId) forbidden();
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const view = await eligibilityView(
    await getDb(),
    user.actor,
    { typeId: query.type, periodKey: query.period, page: query.page },
    calendarDateOf(clock.now()),
  );
  const t = await i18nServer.getFixedT(request, "awards");
  return {
    title: t("eligibility.title"),
    types: view.types.map((type) => ({ id: type.id, nameZh: type.nameZh, nameEn: type.nameEn })),
    type: view.type
      ? {
          id: view.type.id,
          nameZh: view.type.nameZh,
          nameEn: view.type.nameEn,
          nomineeKind: view.type.nomineeKind,
          criteria: criteriaOf(view.type),
        }
      : null,
    periods: view.periods.map((period) => period.key),
    period: view.period?.key ?? null,
    candidates: view.candidates,
    total: view.total,
    eligibleCount: view.eligibleCount,
    page: view.page,
    pageSize: view.pageSize,
    canReadNominations: can(user.actor, "read:nomination"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Eligibility() {
  const { t, i18n } = useTranslation("awards");
  const data = useLoaderData<typeof loader>();
  const name = (type: { nameZh: string; nameEn: string }) =>
    i18n.language === "en" ? type.nameEn : type.nameZh;
  const figures = data.type ? figuresOfKind[data.type.nomineeKind] : [];
  const evidence = (nomineeId: string, figure: FigureKey) =>
    `/staff/awards/evidence?type=${data.type!.id}&period=${data.period}&nominee=${nomineeId}#evidence-${sourceOfFigure(data.type!.nomineeKind, figure)}`;
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{t("eligibility.lead")}</p>
      {data.canReadNominations ? (
        <p>
          <Link to="/staff/nominations">{t("nominations.title")}</Link>
        </p>
      ) : null}
      {!data.type ? (
        <p className="empty-state">{t("eligibility.noTypes")}</p>
      ) : (
        <>
          <Form method="get" className="filters">
            <div className="field">
              <label htmlFor="filter-type">{t("eligibility.type")}</label>
              <select id="filter-type" name="type" defaultValue={data.type.id}>
                {data.types.map((type) => (
                  <option key={type.id} value={type.id}>
                    {name(type)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-period">{t("eligibility.period")}</label>
              <select id="filter-period" name="period" defaultValue={data.period ?? undefined}>
                {data.periods.map((key) => (
                  <option key={key} value={key}>
                    {periodLabel(t, key)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              {t("eligibility.show")}
            </button>
          </Form>
          <p className="field__hint">{criteriaText(t, data.type.criteria)}</p>
          {data.candidates.length === 0 ? (
            <p className="empty-state">{t("eligibility.empty")}</p>
          ) : (
            <>
              <p>{t("eligibility.summary", { count: data.total, eligible: data.eligibleCount })}</p>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("eligibility.rank")}</th>
                    <th scope="col">{t("eligibility.candidate")}</th>
                    {figures.map((figure) => (
                      <th key={figure} scope="col">
                        {t(`figure.${figure}`)}
                      </th>
                    ))}
                    <th scope="col">{t("eligibility.result")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("eligibility.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.candidates.map((candidate) => (
                    <tr key={candidate.id}>
                      <td>{candidate.rank}</td>
                      <td>{candidate.name}</td>
                      {figures.map((figure) => (
                        <td key={figure}>
                          <Link to={evidence(candidate.id, figure)}>
                            {figureText(t, figure, candidate.figures[figure] ?? 0, i18n.language)}
                          </Link>
                        </td>
                      ))}
                      <td>
                        <span className={`badge badge--${candidate.eligible ? "verified" : "pending"}`}>
                          {candidate.eligible ? t("eligibility.eligible") : t("eligibility.notYet")}
                        </span>
                      </td>
                      <td>
                        {candidate.eligible ? (
                          <Link
                            to={`/staff/awards/nominate?type=${data.type!.id}&period=${data.period}&nominee=${candidate.id}`}
                          >
                            {t("eligibility.nominate")}
                          </Link>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {data.total > data.pageSize ? (
                <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
              ) : null}
            </>
          )}
        </>
      )}
    </section>
  );
}
