import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Pagination } from "~/components/Pagination";
import { ORGANIZATION_REASON_MAX_LENGTH, organizationKinds } from "~/domains/accounts/limits";
import { can } from "~/domains/accounts/authorize";
import {
  decideOrganization,
  getOrganizationInScope,
  listOrganizations,
} from "~/domains/accounts/organizations.server";
import { organizationDecisionSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, searchParamsOf, submissionFailure, validateSubmission } from "~/utils/forms.server";
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
  const params = querySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const status = searchParamsOf(request).has("status") ? params.status : "pending";
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

/** Each row's decision form has its own id (and field ids): `decide-<organization id>`. */
const decisionFormId = (organizationId: string) => `decide-${organizationId}`;

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireActor(request);
  const formData = await readFormData(request);
  // The role's permission first (403), then the form (400), then the organization only within the
  // actor's scope (404).
  const posted = formData.get("decision");
  const verb = posted === "suspend" || posted === "reinstate" ? "suspend" : "verify";
  const scope = authorizeOrRespond(actor, `${verb}:organization`);
  const postedId = formData.get("organizationId");
  const form = decisionFormId(typeof postedId === "string" ? postedId.slice(0, 36) : "");
  const parsed = await validateSubmission(formData, organizationDecisionSchema, form);
  if (!parsed.success) return parsed.failure;
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
    const error = `accounts:organizations.${result.error}`;
    return result.error === "reasonRequired"
      ? submissionFailure(parsed.values, { reason: error }, { form })
      : submissionFailure(parsed.values, {}, { status: 409, formError: error, form });
  }
  // Back to the list as it was filtered, with the message read once.
  const back = new URL(request.url);
  return redirectWithFlash(request, `${back.pathname}${back.search}`, {
    kind: "success",
    message: `accounts:organizations.done.${parsed.data.decision}`,
    values: { name: organization.name },
  });
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
  const [params] = useSearchParams();
  return (
    <section className="container page">
      <h1>{data.title}</h1>
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
              <DecisionForm organizationId={row.id} status={row.status} canSuspend={data.canSuspend} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} pageSize={PAGE_SIZE} total={data.total} />
    </section>
  );
}

const loadDecisionSchema = () =>
  import("~/domains/accounts/validation").then((module) => module.organizationDecisionSchema);

/** One organization's decision: its own form, the pressed button being the decision. */
function DecisionForm({
  organizationId,
  status,
  canSuspend,
}: {
  organizationId: string;
  status: string;
  canSuspend: boolean;
}) {
  const { t } = useTranslation("accounts");
  const id = decisionFormId(organizationId);
  const form = useValidatedForm({ schema: loadDecisionSchema, id, fieldPrefix: `${id}-` });
  const decide = (decision: string, primary = false) => (
    <SubmitButton name="decision" value={decision} className={primary ? "button button--primary" : "button"}>
      {t(`organizations.${decision}`)}
    </SubmitButton>
  );
  return (
    <ValidatedForm form={form} className="actions">
      <input type="hidden" name="organizationId" value={organizationId} />
      {status === "pending" || status === "rejected" || (status === "verified" && canSuspend) ? (
        <TextField
          name="reason"
          maxLength={ORGANIZATION_REASON_MAX_LENGTH}
          autoComplete="off"
          label={t("organizations.reasonLabel")}
        />
      ) : null}
      {status === "pending" || status === "rejected" ? decide("verify", true) : null}
      {status === "pending" ? decide("reject") : null}
      {status === "verified" && canSuspend ? decide("suspend") : null}
      {status === "suspended" && canSuspend ? decide("reinstate") : null}
    </ValidatedForm>
  );
}
