import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { Pagination } from "~/components/Pagination";
import { organizationKinds } from "~/domains/accounts/limits";
import { can } from "~/domains/accounts/authorize";
import {
  decideOrganization,
  getOrganizationInScope,
  listOrganizations,
} from "~/domains/accounts/organizations.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
import { authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

export const handle = { i18n: ["common", "accounts", "validation"] };

const PAGE_SIZE = 20;
const statuses = ["pending", "verified", "rejected", "suspended"] as const;

const querySchema = z.object({
  status: z.enum(statuses).optional().catch(undefined),
  kind: z.enum(organizationKinds).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request);
  // The register of a district: seeing only one's own organization is not enough (403).
  const scope = authorizeOrRespond(actor, "read:organization:district");
  const params = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const status = new URL(request.url).searchParams.has("status") ? params.status : "pending";
  const { rows, total } = await listOrganizations(await getDb(), {
    scope,
    actor,
    status,
    kind: params.kind,
    search: params.q || undefined,
    page: params.page,
    pageSize: PAGE_SIZE,
  });
  const t = await i18nServer.getFixedT(request, "accounts");
  return {
    title: t("organizations.title"),
    rows: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
    total,
    page: params.page,
    status: status ?? "",
    canSuspend: can(actor, "suspend:organization"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const decisionSchema = z.object({
  organizationId: z.uuid(),
  decision: z.enum(["verify", "reject", "suspend", "reinstate"]),
  reason: z.string().trim().max(500).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireActor(request);
  const formData = await readFormData(request);
  const parsed = decisionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formFailure(formData, { form: "validation:form.invalid" });
  const verb =
    parsed.data.decision === "suspend" || parsed.data.decision === "reinstate" ? "suspend" : "verify";
  // The role's permission first (403), then the organization only within the actor's scope (404).
  const scope = authorizeOrRespond(actor, `${verb}:organization`);
  const db = await getDb();
  const organization = await getOrganizationInScope(db, parsed.data.organizationId, scope, actor);
  if (!organization) notFound();
  const result = await decideOrganization(db, {
    organizationId: organization.id,
    decision: parsed.data.decision,
    reason: parsed.data.reason ?? null,
    actorId: actor.id,
    ipAddress: clientIp(request),
  });
  if (!result.ok) {
    return formFailure(
      formData,
      { [`reason-${organization.id}`]: `accounts:organizations.${result.error}` },
      result.error === "reasonRequired" ? 400 : 409,
    );
  }
  return { done: parsed.data.decision, name: organization.name };
}

function formatDate(iso: string, locale: string) {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Asia/Shanghai",
  }).format(new Date(iso));
}

export default function StaffOrganizations() {
  const { t, i18n } = useTranslation("accounts");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = result && "errors" in result ? result.errors : {};
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      {result && "done" in result ? (
        <Notice kind="success">{t(`organizations.done.${result.done}`, { name: result.name })}</Notice>
      ) : null}
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="filter-status">{t("organizations.status")}</label>
          <select id="filter-status" name="status" defaultValue={data.status}>
            <option value="">{t("organizations.all")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {t(`organizations.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">{t("organizations.kind")}</label>
          <select id="filter-kind" name="kind" defaultValue={params.get("kind") ?? ""}>
            <option value="">{t("organizations.all")}</option>
            {organizationKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`organizations.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t("organizations.search")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={params.get("q") ?? ""} />
        </div>
        <button type="submit" className="button">
          {t("organizations.filter")}
        </button>
      </Form>
      {data.rows.length === 0 ? (
        <p className="empty-state">{t("organizations.empty")}</p>
      ) : (
        <ul className="list">
          {data.rows.map((row) => (
            <li key={row.id} className="list__item">
              <h2 className="h3">
                {row.name}{" "}
                <span className={`badge badge--${row.status}`}>
                  {t(`organizations.statuses.${row.status}`)}
                </span>
              </h2>
              <p className="list__meta">
                {t(`organizations.kinds.${row.kind}`)} · {t("organizations.creditCode")} {row.creditCode} ·{" "}
                {t("organizations.registeredAt", { date: formatDate(row.createdAt, i18n.language) })}
              </p>
              <p className="list__meta">
                {t("organizations.contact")}: {row.contactName} {row.contactPhone} · {row.address}
              </p>
              {row.statusReason ? (
                <p className="list__meta">
                  {t("organizations.reason")}: {row.statusReason}
                </p>
              ) : null}
              <Form method="post" className="actions">
                <input type="hidden" name="organizationId" value={row.id} />
                {row.status === "pending" ||
                row.status === "rejected" ||
                (row.status === "verified" && data.canSuspend) ? (
                  <div className="field">
                    <label htmlFor={`reason-${row.id}`}>{t("organizations.reasonLabel")}</label>
                    <input
                      id={`reason-${row.id}`}
                      name="reason"
                      maxLength={500}
                      aria-invalid={errors[`reason-${row.id}`] ? true : undefined}
                      aria-describedby={errors[`reason-${row.id}`] ? `reason-${row.id}-error` : undefined}
                    />
                    {errors[`reason-${row.id}`] ? (
                      <p className="field__error" id={`reason-${row.id}-error`} role="alert">
                        {t(errors[`reason-${row.id}`]!)}
                      </p>
                    ) : null}
                  </div>
                ) : null}
                {row.status === "pending" || row.status === "rejected" ? (
                  <button type="submit" name="decision" value="verify" className="button button--primary">
                    {t("organizations.verify")}
                  </button>
                ) : null}
                {row.status === "pending" ? (
                  <button type="submit" name="decision" value="reject" className="button">
                    {t("organizations.reject")}
                  </button>
                ) : null}
                {row.status === "verified" && data.canSuspend ? (
                  <button type="submit" name="decision" value="suspend" className="button">
                    {t("organizations.suspend")}
                  </button>
                ) : null}
                {row.status === "suspended" && data.canSuspend ? (
                  <button type="submit" name="decision" value="reinstate" className="button">
                    {t("organizations.reinstate")}
                  </button>
                ) : null}
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} pageSize={PAGE_SIZE} total={data.total} />
    </section>
  );
}
