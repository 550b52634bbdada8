import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { Pagination } from "~/components/Pagination";
import { formatActivityTime } from "~/domains/volunteers/activity-time";
import { hoursOf } from "~/domains/volunteers/format";
import { approveRecords, listPendingRecords, rejectRecord } from "~/domains/volunteers/hour-review.server";
import { decisionReasonSchema } from "~/domains/volunteers/hours-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
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
  const params = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
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

const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), recordIds: z.array(z.uuid()).max(200) }),
  z.object({ intent: z.literal("reject"), recordId: z.uuid(), reason: z.string() }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await reviewer(request);
  const formData = await readFormData(request);
  const parsed = actionSchema.safeParse({
    intent: formData.get("intent"),
    recordIds: formData.getAll("recordIds"),
    recordId: formData.get("recordId"),
    reason: formData.get("reason") ?? "",
  });
  if (!parsed.success) {
    const noSelection = formData.get("intent") === "approve" && formData.getAll("recordIds").length === 0;
    return formFailure(formData, {
      form: noSelection ? "validation:hourReview.selectionRequired" : "validation:form.invalid",
    });
  }
  const db = await getDb();
  const actor = { ...user, ipAddress: clientIp(request) };
  const now = clock.now();
  if (parsed.data.intent === "approve") {
    if (parsed.data.recordIds.length === 0)
      return formFailure(formData, { form: "validation:hourReview.selectionRequired" });
    const result = await approveRecords(db, { actor, scope, recordIds: parsed.data.recordIds, now });
    if (!result.ok) notFound();
    return { done: "approved" as const, approved: result.approved, skipped: result.skipped };
  }
  const reason = decisionReasonSchema.safeParse(parsed.data.reason);
  if (!reason.success) return formFailure(formData, { reason: reason.error.issues[0]!.message });
  const result = await rejectRecord(db, {
    actor,
    scope,
    recordId: parsed.data.recordId,
    reason: reason.data,
    now,
  });
  if (!result.ok && result.reason === "notFound") notFound();
  if (!result.ok) return formFailure(formData, { form: "validation:hourReview.stale" }, 409);
  return { done: "rejected" as const, approved: 0, skipped: 0 };
}

export default function HourReview() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [params] = useSearchParams();
  const failure = answer && "errors" in answer ? answer : undefined;
  const success = answer && "done" in answer ? answer : undefined;
  const language = i18n.language;
  return (
    <section className="container page">
      <h1>{loaded.title}</h1>
      <p>{t("review.lead")}</p>
      {loaded.canDecideCorrections ? (
        <p>
          <Link to="/staff/hours/corrections">{t("review.corrections")}</Link>
        </p>
      ) : null}
      {success?.done === "approved" ? (
        <Notice kind="success">
          {t("review.approvedNotice", { count: success.approved })}
          {success.skipped > 0 ? ` ${t("review.skippedNotice", { count: success.skipped })}` : ""}
        </Notice>
      ) : null}
      {success?.done === "rejected" ? <Notice kind="success">{t("review.rejectedNotice")}</Notice> : null}
      {failure?.errors.form ? <Notice kind="error">{t(failure.errors.form)}</Notice> : null}
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
          <Form method="post" id="bulk-approve" className="actions">
            <button type="submit" name="intent" value="approve" className="button button--primary">
              {t("review.approveSelected")}
            </button>
          </Form>
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
                const rejecting = failure?.values.recordId === row.id;
                return (
                  <tr key={row.id}>
                    <td>
                      <input
                        type="checkbox"
                        name="recordIds"
                        value={row.id}
                        form="bulk-approve"
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
                      <details open={rejecting}>
                        <summary>{t("review.reject")}</summary>
                        <Form method="post" className="form">
                          <input type="hidden" name="recordId" value={row.id} />
                          <div
                            className={`field${rejecting && failure?.errors.reason ? " field--invalid" : ""}`}
                          >
                            <label htmlFor={`reason-${row.id}`}>{t("review.reason")}</label>
                            <textarea
                              id={`reason-${row.id}`}
                              name="reason"
                              rows={2}
                              maxLength={500}
                              required
                              defaultValue={rejecting ? failure?.values.reason : ""}
                              aria-invalid={rejecting && failure?.errors.reason ? true : undefined}
                              aria-describedby={
                                rejecting && failure?.errors.reason ? `reason-${row.id}-error` : undefined
                              }
                            />
                            {rejecting && failure?.errors.reason ? (
                              <p className="field__error" id={`reason-${row.id}-error`} role="alert">
                                {t(failure.errors.reason)}
                              </p>
                            ) : null}
                          </div>
                          <button type="submit" name="intent" value="reject" className="button">
                            {t("review.confirmReject")}
                          </button>
                        </Form>
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
      <Pagination page={loaded.page} pageSize={PAGE_SIZE} total={loaded.total} />
    </section>
  );
}
