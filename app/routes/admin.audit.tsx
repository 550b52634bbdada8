import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as respond } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Pagination } from "~/components/Pagination";
import { auditActions } from "~/domains/audit/actions";
import { searchAuditLog } from "~/domains/audit/audit.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { authorizeOrRespond, forbidden, requireActor } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "audit"] };

const PAGE_SIZE = 50;
/** Dates in the form are calendar days in China; the database holds UTC instants. */
const SHANGHAI_OFFSET = "+08:00";
const DAY_MS = 24 * 60 * 60 * 1000;

const querySchema = z.object({
  action: z.enum(auditActions).optional().catch(undefined),
  caseCode: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
const dateSchema = z.iso.date();
const CASE_CODE_MAX = 20;

/**
 * Bureau admins search their district's audit rows, system admins every row. Searching is not
 * itself audited (it would audit the audit log without end); exports, when they come, will be.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "read:audit-log");
  let districtId: string | null;
  if (scope === "any") districtId = null;
  else if (scope === "district" && user.districtId) districtId = user.districtId;
  else forbidden();

  const searchParams = new URL(request.url).searchParams;
  const params = querySchema.parse(Object.fromEntries(searchParams));
  const errors: Record<string, string> = {};
  const day = (field: "from" | "to") => {
    const value = searchParams.get(field)?.trim();
    if (!value) return undefined;
    if (!dateSchema.safeParse(value).success) {
      errors[field] = "audit:errors.date";
      return undefined;
    }
    return new Date(`${value}T00:00:00${SHANGHAI_OFFSET}`);
  };
  const from = day("from");
  const toDay = day("to");
  if (from && toDay && toDay < from) errors.to = "audit:errors.range";
  // Too long a case code is an error shown at the field, never silently dropped (the full list).
  if (params.caseCode && params.caseCode.length > CASE_CODE_MAX) errors.caseCode = "audit:errors.caseCode";

  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(locale, "audit");
  const hasErrors = Object.keys(errors).length > 0;
  const { rows, total } = hasErrors
    ? { rows: [], total: 0 }
    : await searchAuditLog(await getDb(), {
        districtId,
        action: params.action,
        caseCode: params.caseCode,
        from,
        // The whole last day counts: up to the next midnight in China.
        to: toDay ? new Date(toDay.getTime() + DAY_MS) : undefined,
        page: params.page,
        pageSize: PAGE_SIZE,
      });
  // Day and time on lines of their own, so the column stays narrow without breaking a date.
  const formatDay = new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", dateStyle: "medium" });
  const formatTime = new Intl.DateTimeFormat(locale, { timeZone: "Asia/Shanghai", timeStyle: "medium" });
  return respond(
    {
      title: t("title"),
      scope: scope === "any" ? ("any" as const) : ("district" as const),
      page: params.page,
      total,
      errors,
      rows: rows.map((row) => ({
        id: row.id,
        sequence: row.sequence,
        at: row.createdAt.toISOString(),
        dayText: formatDay.format(row.createdAt),
        timeText: formatTime.format(row.createdAt),
        action: row.action,
        actorName: row.actorName,
        actorEmail: row.actorEmail,
        entityType: row.entityType,
        entityId: row.entityId,
        caseCode: row.caseCode,
        purpose: row.purpose,
        ipAddress: row.ipAddress,
      })),
    },
    { status: hasErrors ? 400 : 200 },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function AdminAudit() {
  const { t } = useTranslation("audit");
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const errors: Record<string, string> = data.errors;
  const dateField = (field: "from" | "to") => (
    <div className="field">
      <label htmlFor={`filter-${field}`}>{t(`filters.${field}`)}</label>
      <input
        id={`filter-${field}`}
        name={field}
        type="date"
        defaultValue={params.get(field) ?? ""}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={errors[field] ? `filter-${field}-error` : undefined}
      />
      {errors[field] ? (
        <p className="field__error" id={`filter-${field}-error`} role="alert">
          {t(errors[field])}
        </p>
      ) : null}
    </div>
  );
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{t(data.scope === "any" ? "intro.any" : "intro.district")}</p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="filter-action">{t("filters.action")}</label>
          <select id="filter-action" name="action" defaultValue={params.get("action") ?? ""}>
            <option value="">{t("filters.all")}</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {t(`actions.${action}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-case-code">{t("filters.caseCode")}</label>
          <input
            id="filter-case-code"
            name="caseCode"
            type="search"
            maxLength={20}
            autoComplete="off"
            placeholder="XXXX-XXXX-XXXX"
            defaultValue={params.get("caseCode") ?? ""}
            aria-invalid={errors.caseCode ? true : undefined}
            aria-describedby={errors.caseCode ? "filter-caseCode-error" : undefined}
          />
          {errors.caseCode ? (
            <p className="field__error" id="filter-caseCode-error" role="alert">
              {t(errors.caseCode)}
            </p>
          ) : null}
        </div>
        {dateField("from")}
        {dateField("to")}
        <button type="submit" className="button">
          {t("filters.submit")}
        </button>
      </Form>
      {data.rows.length === 0 ? (
        <p className="empty-state">{t("empty")}</p>
      ) : (
        <table className="table table--audit" tabIndex={0} aria-label={data.title}>
          <thead>
            <tr>
              <th scope="col">{t("fields.sequence")}</th>
              <th scope="col">{t("fields.time")}</th>
              <th scope="col">{t("fields.action")}</th>
              <th scope="col">{t("fields.actor")}</th>
              <th scope="col">{t("fields.entity")}</th>
              <th scope="col">{t("fields.caseCode")}</th>
              <th scope="col">{t("fields.purpose")}</th>
              <th scope="col">{t("fields.ipAddress")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.id}>
                <td>{row.sequence}</td>
                <td>
                  <time dateTime={row.at}>
                    <span className="table__line">{row.dayText}</span> {row.timeText}
                  </time>
                </td>
                <td>{t(`actions.${row.action}`)}</td>
                <td>
                  {row.actorEmail ? (
                    <>
                      {row.actorName} <span className="table__secondary">{row.actorEmail}</span>
                    </>
                  ) : (
                    t("system")
                  )}
                </td>
                <td>
                  {t(`entities.${row.entityType}`, { defaultValue: row.entityType })}
                  {row.entityId ? <code className="table__secondary">{row.entityId.slice(0, 8)}</code> : null}
                </td>
                <td className="table__nowrap">{row.caseCode ? <code>{row.caseCode}</code> : "—"}</td>
                <td>
                  {/* Purposes the system writes are translated; a person's own words are shown as typed. */}
                  {row.purpose ? t(`systemPurposes.${row.purpose}`, { defaultValue: row.purpose }) : "—"}
                </td>
                <td>{row.ipAddress ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={data.page} pageSize={PAGE_SIZE} total={data.total} />
    </section>
  );
}
