import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TextareaField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Pagination } from "~/components/Pagination";
import { formatActivityTime } from "~/domains/volunteers/activity-time";
import { hoursOf } from "~/domains/volunteers/format";
import { approveRecords, listPendingRecords, rejectRecord } from "~/domains/volunteers/hour-review.server";
import { REASON_MAX } from "~/domains/volunteers/hours-limits";
import { hourApprovalSchema, hourRejectionSchema } from "~/domains/volunteers/hours-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, searchParamsOf, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { can } from "~/domains/accounts/authorize";
import { authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "hours", "validation"] };

const PAGE_SIZE = 25;
const querySchema = z.object({
  kind: z.enum(["system", "self_reported"]).optional().catch(undefined),
  flagged: z.literal("1").optional().catch(undefined),
  q: z.string().trim().max(50).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

async function reviewer(request: Request) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "approve:hour-record");
  return { user, scope };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await reviewer(request);
  const params = querySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const { rows, total } = await listPendingRecords(await getDb(), {
    scope,
    actor: user,
    kind: params.kind,
    flaggedOnly: params.flagged === "1",
    search: params.q || undefined,
    page: params.page,
    pageSize: PAGE_SIZE,
  });
  const t = await i18nServer.getFixedT(request, "hours");
  return {
    title: t("review.title"),
    rows: rows.map((row) => ({
      ...row,
      checkInAt: row.checkInAt?.toISOString() ?? null,
      checkOutAt: row.checkOutAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    total,
    page: params.page,
    canDecideCorrections: can(user.actor, "approve:hour-correction"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The bulk approval's form id; each row's rejection form is `reject-<record id>`. */
const APPROVE_FORM = "bulk-approve";

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await reviewer(request);
  const formData = await readFormData(request);
  const db = await getDb();
  const actor = { ...user, ipAddress: clientIp(request) };
  const now = clock.now();
  // Back to the list as it was filtered, with the message read once.
  const back = new URL(request.url);
  const listUrl = `${back.pathname}${back.search}`;
  if (formData.get("intent") === "approve") {
    const parsed = await validateSubmission(formData, hourApprovalSchema, APPROVE_FORM);
    if (!parsed.success) return parsed.failure;
    const result = await approveRecords(db, { actor, scope, recordIds: parsed.data.recordIds, now });
    if (!result.ok) notFound();
    return redirectWithFlash(request, listUrl, {
      kind: "success",
      message: result.skipped > 0 ? "hours:review.approvedSkippedNotice" : "hours:review.approvedNotice",
      values: { count: result.approved, skipped: result.skipped },
    });
  }
  const recordId = formData.get("recordId");
  const form = `reject-${typeof recordId === "string" ? recordId.slice(0, 36) : ""}`;
  const parsed = await validateSubmission(formData, hourRejectionSchema, form);
  if (!parsed.success) return parsed.failure;
  const result = await rejectRecord(db, {
    actor,
    scope,
    recordId: parsed.data.recordId,
    reason: parsed.data.reason,
    now,
  });
  if (!result.ok && result.reason === "notFound") notFound();
  if (!result.ok)
    return submissionFailure(
      parsed.values,
      {},
      { status: 409, form, formError: "validation:hourReview.stale" },
    );
  return redirectWithFlash(request, listUrl, { kind: "success", message: "hours:review.rejectedNotice" });
}

/** The schemas load with zod on the first validation, not with the page (first-load JS budget). */
const loadApprovalSchema = () =>
  import("~/domains/volunteers/hours-validation").then((module) => module.hourApprovalSchema);
const loadRejectionSchema = () =>
  import("~/domains/volunteers/hours-validation").then((module) => module.hourRejectionSchema);

export default function HourReview() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const language = i18n.language;
  const approve = useValidatedForm({ schema: loadApprovalSchema, id: APPROVE_FORM });
  return (
    <section className="container page">
      <h1>{loaded.title}</h1>
      <p>{t("review.lead")}</p>
      {loaded.canDecideCorrections ? (
        <p>
          <Link to="/staff/hours/corrections">{t("review.corrections")}</Link>
        </p>
      ) : null}
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="filter-kind">{t("fields.kind")}</label>
          <select id="filter-kind" name="kind" defaultValue={params.get("kind") ?? ""}>
            <option value="">{t("review.allKinds")}</option>
            <option value="system">{t("kinds.system")}</option>
            <option value="self_reported">{t("kinds.self_reported")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t("review.search")}</label>
          <input
            id="filter-q"
            name="q"
            type="search"
            defaultValue={params.get("q") ?? ""}
            autoComplete="off"
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" name="flagged" value="1" defaultChecked={params.get("flagged") === "1"} />{" "}
          {t("review.flaggedOnly")}
        </label>
        <button type="submit" className="button">
          {t("history.filter")}
        </button>
      </Form>
      {loaded.rows.length === 0 ? (
        <p className="empty-state">{t("review.empty")}</p>
      ) : (
        <>
          <ValidatedForm form={approve} className="actions">
            <SubmitButton name="intent" value="approve">
              {t("review.approveSelected")}
            </SubmitButton>
          </ValidatedForm>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("review.select")}</th>
                  <th scope="col">{t("fields.volunteer")}</th>
                  <th scope="col">{t("fields.serviceDate")}</th>
                  <th scope="col">{t("fields.activity")}</th>
                  <th scope="col">{t("fields.kind")}</th>
                  <th scope="col">{t("fields.hours")}</th>
                  <th scope="col">{t("fields.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {loaded.rows.map((row) => {
                  return (
                    <tr key={row.id}>
                      <td>
                        <input
                          type="checkbox"
                          name="recordIds"
                          value={row.id}
                          form={APPROVE_FORM}
                          aria-label={t("review.selectRecord", {
                            name: row.volunteerName,
                            date: row.serviceDate,
                          })}
                        />
                      </td>
                      <td>
                        {row.volunteerName}
                        <br />
                        <small>{row.volunteerNumber}</small>
                      </td>
                      <td>{row.serviceDate}</td>
                      <td>
                        {row.activityTitle ?? row.description}
                        {row.activityTitle && row.description !== row.activityTitle ? (
                          <>
                            <br />
                            <small>{row.description}</small>
                          </>
                        ) : null}
                        {row.evidenceNote ? (
                          <>
                            <br />
                            <small>{t("review.evidence", { note: row.evidenceNote })}</small>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {t(`kinds.${row.kind}`)}
                        {row.checkInAt ? (
                          <>
                            <br />
                            <small>
                              {formatActivityTime(row.checkInAt, language)} –{" "}
                              {row.checkOutAt ? formatActivityTime(row.checkOutAt, language) : "—"}
                            </small>
                          </>
                        ) : null}
                        {row.autoCheckedOut ? (
                          <>
                            <br />
                            <span className="badge badge--pending">{t("flags.autoCheckedOut")}</span>
                          </>
                        ) : null}
                      </td>
                      <td>{row.minutes === null ? "—" : hoursOf(row.minutes, language)}</td>
                      <td>
                        <RejectForm recordId={row.id} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pagination page={loaded.page} pageSize={PAGE_SIZE} total={loaded.total} />
    </section>
  );
}

/** One row's rejection: its own form (id `reject-<record id>`), open when its post was refused. */
function RejectForm({ recordId }: { recordId: string }) {
  const { t } = useTranslation("hours");
  const id = `reject-${recordId}`;
  const form = useValidatedForm({ schema: loadRejectionSchema, id, fieldPrefix: `${id}-` });
  return (
    <details open={form.context.echo || undefined}>
      <summary>{t("review.reject")}</summary>
      <ValidatedForm form={form}>
        <input type="hidden" name="recordId" value={recordId} />
        <TextareaField name="reason" label={t("review.reason")} rows={2} maxLength={REASON_MAX} required />
        <SubmitButton name="intent" value="reject" className="button">
          {t("review.confirmReject")}
        </SubmitButton>
      </ValidatedForm>
    </details>
  );
}
