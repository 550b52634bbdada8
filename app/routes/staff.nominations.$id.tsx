import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { periodLabel, typeName } from "~/components/awards/labels";
import { FormError, Notice } from "~/components/forms";
import { decideNomination, getNomination, resolveObjection } from "~/domains/awards/nominations.server";
import { availableActions, type NominationAction } from "~/domains/awards/nomination-status";
import { decisionSchema, resolutionSchema } from "~/domains/awards/validation";
import { hoursOf } from "~/domains/volunteers/format";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { formFailure } from "~/utils/forms.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { periodKeyOf } from "~/domains/awards/periods";

export const handle = { i18n: ["common", "awards", "validation"] };

const idSchema = z.uuid();

async function load(request: Request, id: string | undefined) {
  const user = await requirePermission(request, "read:nomination:office");
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) notFound();
  const nomination = await getNomination(await getDb(), user.actor, parsed.data);
  if (!nomination) notFound();
  return { user, nomination };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, nomination } = await load(request, params.id);
  const t = await i18nServer.getFixedT(request, "awards");
  const reviewer = user.actor.grants.includes("review:nomination:district");
  const actions = availableActions(
    { status: nomination.status, actorId: user.id, nominatedBy: nomination.nominatedBy },
    reviewer ? ["approve", "return", "reject", "revoke"] : ["resubmit", "withdraw"],
  );
  const evidence = nomination.evidence as { figures?: { minutes?: number; activities?: number } };
  return {
    title: t("nomination.title", { name: nomination.nomineeName }),
    nomination: {
      id: nomination.id,
      status: nomination.status,
      nomineeName: nomination.nomineeName,
      nomineeKind: nomination.nomineeKind,
      publishFullName: nomination.publishFullName,
      typeNameZh: nomination.typeNameZh,
      typeNameEn: nomination.typeNameEn,
      periodKey: periodKeyOf(nomination.periodStart, nomination.periodEnd),
      statement: nomination.statement,
      minutes: evidence.figures?.minutes ?? 0,
      activities: evidence.figures?.activities ?? 0,
      officeName: nomination.officeName,
      nominatorName: nomination.nominatorName,
      reviewComment: nomination.reviewComment,
      noticeStartsOn: nomination.noticeStartsOn,
      noticeEndsOn: nomination.noticeEndsOn,
      certificateNumber: nomination.certificateNumber,
      revokeReason: nomination.revokeReason,
      awardTypeId: nomination.awardTypeId,
    },
    events: nomination.events.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() })),
    objections: nomination.objections.map((objection) => ({
      id: objection.id,
      filerName: objection.filerName,
      filerContact: reviewer ? objection.filerContact : null,
      body: objection.body,
      status: objection.status,
      resolution: objection.resolution,
      createdAt: objection.createdAt.toISOString(),
    })),
    actions,
    canResolve: reviewer && nomination.status === "in_notice",
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, nomination } = await load(request, params.id);
  const formData = await request.formData();
  const db = await getDb();
  if (formData.get("intent") === "resolve") {
    const parsed = resolutionSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
      return formFailure(formData, errors);
    }
    const result = await resolveObjection(db, user.actor, parsed.data);
    if (!result.ok) {
      if (result.notFound) notFound();
      return formFailure(formData, {}, 409, result.error);
    }
    return redirect(`/staff/nominations/${nomination.id}?done=resolved`);
  }
  const parsed = decisionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return formFailure(formData, { comment: parsed.error.issues[0]!.message });
  const result = await decideNomination(db, user.actor, { id: nomination.id, ...parsed.data });
  if (!result.ok) {
    if (result.notFound) notFound();
    return formFailure(
      formData,
      result.field ? { [result.field]: result.error } : {},
      409,
      result.field ? undefined : result.error,
    );
  }
  return redirect(`/staff/nominations/${nomination.id}?done=${parsed.data.action}`);
}

const actionStyle: Partial<Record<NominationAction, string>> = {
  approve: "button--primary",
  reject: "button--danger",
  revoke: "button--danger",
};

export default function NominationPage() {
  const { t, i18n } = useTranslation(["awards", "validation"]);
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const n = data.nomination;
  const done = params.get("done") ?? (params.get("created") ? "created" : null);
  const commentError = state?.errors?.comment;
  return (
    <section className="container page">
      <p>
        <Link to="/staff/nominations">{t("nominations.title")}</Link>
      </p>
      <h1>{data.title}</h1>
      {done ? <Notice kind="success">{t(`nomination.done.${done}`)}</Notice> : null}
      <FormError state={state} />
      <dl className="facts">
        <dt>{t("nominations.status")}</dt>
        <dd>
          <span className={`badge badge--nomination-${n.status}`}>{t(`status.${n.status}`)}</span>
        </dd>
        <dt>{t("eligibility.type")}</dt>
        <dd>{typeName(n, i18n.language)}</dd>
        <dt>{t("eligibility.period")}</dt>
        <dd>{periodLabel(t, n.periodKey)}</dd>
        <dt>{t("nominations.office")}</dt>
        <dd>
          {n.officeName} · {n.nominatorName}
        </dd>
        <dt>{t("figure.minutes")}</dt>
        <dd>{t("figure.hours", { hours: hoursOf(n.minutes, i18n.language) })}</dd>
        <dt>{t("figure.activities")}</dt>
        <dd>{n.activities}</dd>
        {n.nomineeKind === "volunteer" ? (
          <>
            <dt>{t("nomination.publication")}</dt>
            <dd>{n.publishFullName ? t("nomination.fullName") : t("nomination.masked")}</dd>
          </>
        ) : null}
        {n.noticeEndsOn ? (
          <>
            <dt>{t("nomination.notice")}</dt>
            <dd>
              {t("nomination.noticeRange", {
                from: formatCalendarDate(n.noticeStartsOn!, i18n.language),
                to: formatCalendarDate(n.noticeEndsOn, i18n.language),
              })}
            </dd>
          </>
        ) : null}
        {n.certificateNumber ? (
          <>
            <dt>{t("nomination.certificate")}</dt>
            <dd>
              <a href={`/awards/${n.certificateNumber}.pdf`}>{n.certificateNumber}</a>
            </dd>
          </>
        ) : null}
        {n.revokeReason ? (
          <>
            <dt>{t("nomination.revokeReason")}</dt>
            <dd>{n.revokeReason}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t("nominate.statement")}</h2>
      <p className="prewrap">{n.statement}</p>
      {n.reviewComment ? (
        <>
          <h2>{t("nomination.reviewComment")}</h2>
          <p>{n.reviewComment}</p>
        </>
      ) : null}

      {data.actions.length > 0 ? (
        <div className="panel">
          <h2>{t("nomination.decide")}</h2>
          <Form method="post" className="form" noValidate>
            {data.actions.includes("resubmit") ? (
              <div className="field">
                <label htmlFor="field-statement">{t("nomination.newStatement")}</label>
                <textarea
                  id="field-statement"
                  name="statement"
                  rows={5}
                  maxLength={2000}
                  defaultValue={n.statement}
                />
              </div>
            ) : null}
            <div className={`field${commentError ? " field--invalid" : ""}`}>
              <label htmlFor="field-comment">{t("nomination.comment")}</label>
              <p className="field__hint" id="field-comment-hint">
                {t("nomination.commentHint")}
              </p>
              <textarea
                id="field-comment"
                name="comment"
                rows={3}
                maxLength={1000}
                defaultValue={state?.values?.comment}
                aria-invalid={commentError ? true : undefined}
                aria-describedby={`field-comment-hint${commentError ? " field-comment-error" : ""}`}
              />
              {commentError ? (
                <p className="field__error" id="field-comment-error" role="alert">
                  {t(commentError)}
                </p>
              ) : null}
            </div>
            <div className="button-row">
              {data.actions.map((action) => (
                <button
                  key={action}
                  type="submit"
                  name="action"
                  value={action}
                  className={`button ${actionStyle[action] ?? ""}`}
                >
                  {t(`nomination.action.${action}`)}
                </button>
              ))}
            </div>
          </Form>
        </div>
      ) : null}

      <h2>{t("nomination.objections")}</h2>
      {data.objections.length === 0 ? (
        <p className="empty-state">{t("nomination.noObjections")}</p>
      ) : (
        <ul className="list">
          {data.objections.map((objection) => (
            <li key={objection.id} className="panel">
              <p>
                <strong>{objection.filerName}</strong>
                {objection.filerContact ? ` · ${objection.filerContact}` : ""} ·{" "}
                {formatDateTime(objection.createdAt, i18n.language)} ·{" "}
                <span className="badge">{t(`objection.${objection.status}`)}</span>
              </p>
              <p className="prewrap">{objection.body}</p>
              {objection.resolution ? (
                <p>{t("objection.resolution", { text: objection.resolution })}</p>
              ) : null}
              {data.canResolve && objection.status === "open" ? (
                <Form method="post" className="form" noValidate>
                  <input type="hidden" name="intent" value="resolve" />
                  <input type="hidden" name="objectionId" value={objection.id} />
                  <div className={`field${state?.errors?.resolution ? " field--invalid" : ""}`}>
                    <label htmlFor={`field-resolution-${objection.id}`}>
                      {t("objection.resolutionLabel")}
                    </label>
                    <textarea
                      id={`field-resolution-${objection.id}`}
                      name="resolution"
                      rows={3}
                      maxLength={1000}
                    />
                    {state?.errors?.resolution ? (
                      <p className="field__error" role="alert">
                        {t(state.errors.resolution)}
                      </p>
                    ) : null}
                  </div>
                  <div className="button-row">
                    <button type="submit" name="outcome" value="dismissed" className="button">
                      {t("objection.dismiss")}
                    </button>
                    <button type="submit" name="outcome" value="upheld" className="button button--danger">
                      {t("objection.uphold")}
                    </button>
                  </div>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <h2>{t("nomination.history")}</h2>
      <ol className="timeline">
        {data.events.map((event) => (
          <li key={event.id}>
            {formatDateTime(event.createdAt, i18n.language)} · {t(`event.${event.action}`)}
            {event.actorName ? ` · ${event.actorName}` : ""}
            {event.comment ? `：${event.comment}` : ""}
          </li>
        ))}
      </ol>
    </section>
  );
}
