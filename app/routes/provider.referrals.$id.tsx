import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as respond, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { ChoiceSelect } from "~/components/matching/CategorySelect";
import { CategoryName, ReferralStatusBadge } from "~/components/matching/labels";
import { declineReasons } from "~/domains/matching/options";
import { providerReferral } from "~/domains/matching/provider-inbox.server";
import { answerReferral, closeReferral, recordProgress } from "~/domains/matching/referrals.server";
import { closeSchema, declineSchema, progressSchema } from "~/domains/matching/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/dates";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { formValues, readFormData } from "~/utils/forms.server";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { uuidParam } from "~/utils/params.server";

export const handle = { i18n: ["common", "matching", "validation"] };

export const loader = withDomainErrors(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "respond:referral");
  const view = await providerReferral(
    await getDb(),
    { ...user.actor, ipAddress: clientIp(request) },
    scope,
    uuidParam(params) ?? "",
  );
  const t = await i18nServer.getFixedT(request, "matching");
  return {
    title: t("referral.title", { caseCode: view.subject.caseCode }),
    referral: {
      ...view,
      sentAt: view.sentAt?.toISOString() ?? null,
      dueAt: view.dueAt?.toISOString() ?? null,
      answeredAt: view.answeredAt?.toISOString() ?? null,
      closedAt: view.closedAt?.toISOString() ?? null,
      events: view.events.map((event) => ({ ...event, at: event.at.toISOString() })),
    },
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

type Failure = {
  intent: string;
  errors: Record<string, string>;
  values: Record<string, string>;
  error?: string;
};

export const action = withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "respond:referral");
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const fields = Object.fromEntries(formData);
  const fail = (errors: Record<string, string>, status = 400, error?: string) =>
    respond<Failure>({ intent, errors, values: formValues(formData), error }, { status });
  const fieldErrors = (issues: { path: PropertyKey[]; message: string }[]) =>
    Object.fromEntries(issues.map((issue) => [String(issue.path[0] ?? "form"), issue.message]));
  const db = await getDb();
  const actor = { ...user.actor, ipAddress: clientIp(request) };
  const id = uuidParam(params) ?? "";
  // Scope first: another provider's referral is 404 whatever was posted.
  await providerReferral(db, actor, scope, id);
  let result;
  if (intent === "accept") result = await answerReferral(db, actor, scope, id, { action: "accept" });
  else if (intent === "decline") {
    const parsed = declineSchema.safeParse(fields);
    if (!parsed.success) return fail(fieldErrors(parsed.error.issues));
    result = await answerReferral(db, actor, scope, id, { action: "decline", ...parsed.data });
  } else if (intent === "progress") {
    const parsed = progressSchema.safeParse(fields);
    if (!parsed.success) return fail(fieldErrors(parsed.error.issues));
    result = await recordProgress(db, actor, scope, id, parsed.data.note);
  } else if (intent === "close") {
    const parsed = closeSchema.safeParse(fields);
    if (!parsed.success) return fail(fieldErrors(parsed.error.issues));
    result = await closeReferral(db, actor, scope, id, parsed.data);
  } else return fail({}, 400, "matching:errors.form");
  if (!result.ok) return fail({}, 409, result.error);
  return redirect(`/provider/referrals/${id}?done=${intent}`);
});

function FieldError({ failure, name }: { failure?: Failure; name: string }) {
  const { t } = useTranslation(["matching", "validation"]);
  const error = failure?.errors[name];
  return error ? (
    <p className="field__error" id={`field-${failure!.intent}-${name}-error`} role="alert">
      {t(error)}
    </p>
  ) : null;
}

export default function ProviderReferral() {
  const { t, i18n } = useTranslation("matching");
  const { referral } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as Failure | undefined;
  const [params] = useSearchParams();
  const done = params.get("done");
  const can = (action: string) => referral.actions.includes(action as never);
  const mine = (intent: string) => (failure?.intent === intent ? failure : undefined);
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/provider/referrals">{t("referral.back")}</Link>
      </p>
      <h1>{t("referral.title", { caseCode: referral.subject.caseCode })}</h1>
      {done ? <Notice kind="success">{t(`referral.done.${done}`)}</Notice> : null}
      {failure?.error ? <Notice kind="error">{t(failure.error)}</Notice> : null}
      <dl className="facts">
        <dt>{t("fields.caseCode")}</dt>
        <dd>
          <code>{referral.subject.caseCode}</code>
        </dd>
        {referral.subject.name ? (
          <>
            <dt>{t("fields.name")}</dt>
            <dd>{referral.subject.name}</dd>
          </>
        ) : null}
        {referral.subject.phone ? (
          <>
            <dt>{t("fields.phone")}</dt>
            <dd>{referral.subject.phone}</dd>
          </>
        ) : null}
        {referral.subject.address ? (
          <>
            <dt>{t("fields.address")}</dt>
            <dd>{referral.subject.address}</dd>
          </>
        ) : null}
        <dt>{t("fields.status")}</dt>
        <dd>
          <ReferralStatusBadge status={referral.status} />
        </dd>
        <dt>{t("fields.category")}</dt>
        <dd>
          <CategoryName id={referral.need.categoryId} />
        </dd>
        <dt>{t("fields.urgency")}</dt>
        <dd>{t(`urgencies.${referral.need.urgency}`)}</dd>
        <dt>{t("fields.area")}</dt>
        <dd>{referral.need.area}</dd>
        <dt>{t("fields.languages")}</dt>
        <dd>{referral.need.languages.join("、") || "—"}</dd>
        <dt>{t("fields.genderRequirement")}</dt>
        <dd>{t(`genderRequirements.${referral.need.genderRequirement}`)}</dd>
        <dt>{t("fields.description")}</dt>
        <dd>{referral.need.description}</dd>
        {referral.status === "sent" && referral.dueAt ? (
          <>
            <dt>{t("fields.dueAt")}</dt>
            <dd>{formatDateTime(referral.dueAt, i18n.language)}</dd>
          </>
        ) : null}
        {referral.outcomeNote ? (
          <>
            <dt>{t("fields.outcome")}</dt>
            <dd>{referral.outcomeNote}</dd>
          </>
        ) : null}
      </dl>
      {!referral.subject.name ? <p className="field__hint">{t("referral.consentOnly")}</p> : null}

      {can("accept") ? (
        <div className="panel">
          <h2>{t("referral.answer")}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <button type="submit" className="button button--primary">
              {t("referral.accept")}
            </button>
          </Form>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="decline" />
            <ChoiceSelect
              name="reason"
              label={t("fields.declineReason")}
              values={declineReasons}
              labelPrefix="declineReasons"
              hint={t("referral.declineHint")}
              state={mine("decline")}
            />
            <div className="field">
              <label htmlFor="field-decline-note">{t("fields.note")}</label>
              <textarea
                id="field-decline-note"
                name="note"
                rows={2}
                maxLength={500}
                defaultValue={mine("decline")?.values.note}
              />
              <FieldError failure={mine("decline")} name="note" />
            </div>
            <button type="submit" className="button">
              {t("referral.decline")}
            </button>
          </Form>
        </div>
      ) : null}

      {referral.status === "accepted" || referral.status === "in_progress" ? (
        <div className="panel">
          <h2>{t("referral.progress")}</h2>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="progress" />
            <div className={`field${mine("progress")?.errors.note ? " field--invalid" : ""}`}>
              <label htmlFor="field-progress-note">{t("fields.progressNote")}</label>
              <textarea
                id="field-progress-note"
                name="note"
                rows={3}
                maxLength={1000}
                defaultValue={mine("progress")?.values.note}
              />
              <FieldError failure={mine("progress")} name="note" />
            </div>
            <button type="submit" className="button">
              {t("referral.addProgress")}
            </button>
          </Form>
        </div>
      ) : null}

      {can("resolve") ? (
        <div className="panel">
          <h2>{t("referral.close")}</h2>
          <Form method="post" className="form" noValidate>
            <input type="hidden" name="intent" value="close" />
            <ChoiceSelect
              name="outcome"
              label={t("fields.outcomeKind")}
              values={["resolved", "not_resolved"]}
              labelPrefix="referralStatuses"
              state={mine("close")}
            />
            <div className={`field${mine("close")?.errors.note ? " field--invalid" : ""}`}>
              <label htmlFor="field-close-note">{t("fields.outcome")}</label>
              <textarea
                id="field-close-note"
                name="note"
                rows={3}
                maxLength={1000}
                defaultValue={mine("close")?.values.note}
              />
              <FieldError failure={mine("close")} name="note" />
            </div>
            <button type="submit" className="button button--primary">
              {t("referral.closeSubmit")}
            </button>
          </Form>
        </div>
      ) : null}

      <h2>{t("referral.history")}</h2>
      <ol className="timeline">
        {referral.events.map((event, index) => (
          <li key={index}>
            <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>{" "}
            <ReferralStatusBadge status={event.toStatus} /> {event.actorName ?? t("referral.system")}
            {event.note ? <p>{event.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
