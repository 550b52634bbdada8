import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { Pagination } from "~/components/Pagination";
import { hoursOf } from "~/domains/volunteers/format";
import { decideCorrection, listPendingCorrections } from "~/domains/volunteers/hour-corrections.server";
import { decisionReasonSchema, REASON_MAX } from "~/domains/volunteers/hours-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
import { authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "hours", "validation"] };

const PAGE_SIZE = 25;

async function decider(request: Request) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "approve:hour-correction");
  return { user, scope };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await decider(request);
  const page = z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .catch(1)
    .parse(new URL(request.url).searchParams.get("page") ?? 1);
  const { rows, total } = await listPendingCorrections(await getDb(), {
    scope,
    actor: user,
    page,
    pageSize: PAGE_SIZE,
  });
  const t = await i18nServer.getFixedT(request, "hours");
  return {
    title: t("corrections.title"),
    rows: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
    total,
    page,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const actionSchema = z.object({
  correctionId: z.uuid(),
  decision: z.enum(["approve", "reject"]),
  reason: z.string().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await decider(request);
  const formData = await readFormData(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formFailure(formData, { form: "validation:form.invalid" });
  let reason: string | null = parsed.data.reason?.trim() || null;
  if (parsed.data.decision === "reject") {
    const checked = decisionReasonSchema.safeParse(parsed.data.reason ?? "");
    if (!checked.success) return formFailure(formData, { reason: checked.error.issues[0]!.message });
    reason = checked.data;
  } else if (reason && reason.length > REASON_MAX) {
    return formFailure(formData, { reason: "validation:hourReview.reasonTooLong" });
  }
  const result = await decideCorrection(await getDb(), {
    actor: { ...user, ipAddress: clientIp(request) },
    scope,
    correctionId: parsed.data.correctionId,
    decision: parsed.data.decision,
    reason,
    now: clock.now(),
  });
  if (!result.ok && result.reason === "notFound") notFound();
  if (!result.ok) return formFailure(formData, { form: "validation:hourReview.stale" }, 409);
  return { done: parsed.data.decision };
}

export default function CorrectionRequests() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const failure = answer && "errors" in answer ? answer : undefined;
  const done = answer && "done" in answer ? answer.done : undefined;
  const language = i18n.language;
  return (
    <section className="container page">
      <p>
        <Link to="/staff/hours">{t("corrections.back")}</Link>
      </p>
      <h1>{loaded.title}</h1>
      <p>{t("corrections.lead")}</p>
      {done === "approve" ? <Notice kind="success">{t("corrections.approvedNotice")}</Notice> : null}
      {done === "reject" ? <Notice kind="success">{t("corrections.rejectedNotice")}</Notice> : null}
      {failure?.errors.form ? <Notice kind="error">{t(failure.errors.form)}</Notice> : null}
      {loaded.rows.length === 0 ? (
        <p className="empty-state">{t("corrections.empty")}</p>
      ) : (
        <ul className="list">
          {loaded.rows.map((row) => {
            const mine = failure?.values.correctionId === row.id;
            const reasonError = mine ? failure?.errors.reason : undefined;
            return (
              <li key={row.id} className="list__item">
                <h2 className="h3">
                  {row.volunteerName} <small>{row.volunteerNumber}</small> · {row.serviceDate} ·{" "}
                  {row.activityTitle ?? row.originalDescription}
                </h2>
                <dl className="facts">
                  <dt>{t("corrections.requestedBy")}</dt>
                  <dd>
                    {row.requestedByName}{" "}
                    {row.requestedByVolunteer ? t("corrections.byVolunteer") : t("corrections.byOrganizer")}
                  </dd>
                  <dt>{t("corrections.original")}</dt>
                  <dd>
                    {hoursOf(row.originalMinutes, language)} {t("corrections.hoursUnit")} ·{" "}
                    {row.originalDescription}
                  </dd>
                  <dt>{t("corrections.proposed")}</dt>
                  <dd>
                    {hoursOf(row.proposedMinutes, language)} {t("corrections.hoursUnit")} ·{" "}
                    {row.proposedDescription}
                  </dd>
                  <dt>{t("correction.reason")}</dt>
                  <dd>{row.reason}</dd>
                </dl>
                <Form method="post" className="form">
                  <input type="hidden" name="correctionId" value={row.id} />
                  <div className={`field${reasonError ? " field--invalid" : ""}`}>
                    <label htmlFor={`reason-${row.id}`}>{t("corrections.decisionReason")}</label>
                    <p className="field__hint" id={`reason-${row.id}-hint`}>
                      {t("corrections.decisionReasonHint")}
                    </p>
                    <textarea
                      id={`reason-${row.id}`}
                      name="reason"
                      rows={2}
                      maxLength={REASON_MAX}
                      defaultValue={mine ? failure?.values.reason : ""}
                      aria-invalid={reasonError ? true : undefined}
                      aria-describedby={`reason-${row.id}-hint${reasonError ? ` reason-${row.id}-error` : ""}`}
                    />
                    {reasonError ? (
                      <p className="field__error" id={`reason-${row.id}-error`} role="alert">
                        {t(reasonError)}
                      </p>
                    ) : null}
                  </div>
                  <div className="actions">
                    <button type="submit" name="decision" value="approve" className="button button--primary">
                      {t("corrections.approve")}
                    </button>
                    <button type="submit" name="decision" value="reject" className="button">
                      {t("corrections.reject")}
                    </button>
                  </div>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={loaded.page} pageSize={PAGE_SIZE} total={loaded.total} />
    </section>
  );
}
