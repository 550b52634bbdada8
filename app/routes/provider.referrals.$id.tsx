import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextareaField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { ChoiceSelect } from "~/components/matching/CategorySelect";
import { CategoryName, ReferralStatusBadge } from "~/components/matching/labels";
import { SubmissionKey } from "~/components/SubmissionKey";
import { declineReasons, NOTE_MAX, PROGRESS_NOTE_MAX } from "~/domains/matching/options";
import { providerReferral } from "~/domains/matching/provider-inbox.server";
import { answerReferral, closeReferral, recordProgress } from "~/domains/matching/referrals.server";
import { acceptSchema, closeSchema, declineSchema, progressSchema } from "~/domains/matching/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/dates";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { uuidParam } from "~/utils/params.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

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
    // The progress form's idempotency key: a double click or a replay records one note.
    submissionKey: newSubmissionKey(),
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const intents = ["accept", "decline", "progress", "close"] as const;
type Intent = (typeof intents)[number];

export const action = withDomainErrors(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "respond:referral");
  const formData = await readFormData(request);
  const db = await getDb();
  const actor = { ...user.actor, ipAddress: clientIp(request) };
  const id = uuidParam(params) ?? "";
  // Scope first: another provider's referral is 404 whatever was posted.
  await providerReferral(db, actor, scope, id);
  const intent = formData.get("intent");
  if (!intents.includes(intent as Intent))
    return submissionFailure(formData, {}, { formError: "matching:errors.form" });
  const form = intent as Intent;
  const page = `/provider/referrals/${id}`;
  const done = () =>
    redirectWithFlash(request, page, { kind: "success", message: `matching:referral.done.${form}` });
  const refused = (values: Parameters<typeof submissionFailure>[0], error: string) =>
    // The referral moved on meanwhile (another member answered, the expiry job ran): a conflict.
    submissionFailure(values, {}, { status: 409, formError: error, form });

  if (form === "progress") {
    const parsed = await validateSubmission(formData, progressSchema, form);
    if (!parsed.success) return parsed.failure;
    const key = submissionKeyOf(formData);
    if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid", form });
    // A progress note is a record of its own: one per rendered form, however often it is sent.
    const once = await createOnce(
      db,
      { userId: user.id, key, entity: "referral-progress" },
      (tx) => recordProgress(tx, actor, scope, id, parsed.data.note),
      (recorded) => (recorded.ok ? recorded.referralId : null),
    );
    if (!once.replayed && !once.result.ok) return refused(parsed.values, once.result.error);
    return done();
  }
  if (form === "accept") {
    const parsed = await validateSubmission(formData, acceptSchema, form);
    if (!parsed.success) return parsed.failure;
    const result = await answerReferral(db, actor, scope, id, { action: "accept" });
    return result.ok ? done() : refused(parsed.values, result.error);
  }
  if (form === "decline") {
    const parsed = await validateSubmission(formData, declineSchema, form);
    if (!parsed.success) return parsed.failure;
    const result = await answerReferral(db, actor, scope, id, { action: "decline", ...parsed.data });
    return result.ok ? done() : refused(parsed.values, result.error);
  }
  const parsed = await validateSubmission(formData, closeSchema, form);
  if (!parsed.success) return parsed.failure;
  const result = await closeReferral(db, actor, scope, id, parsed.data);
  return result.ok ? done() : refused(parsed.values, result.error);
});

/** The schemas load with zod on the first validation, not with the page (first-load JS budget). */
const schemas = () => import("~/domains/matching/validation");
const loadAcceptSchema = () => schemas().then((module) => module.acceptSchema);
const loadDeclineSchema = () => schemas().then((module) => module.declineSchema);
const loadProgressSchema = () => schemas().then((module) => module.progressSchema);
const loadCloseSchema = () => schemas().then((module) => module.closeSchema);

/** The page's forms each have an id, and field ids of their own (every form has a `note`). */
function useForm(id: Intent, schema: Parameters<typeof useValidatedForm>[0]["schema"]) {
  return useValidatedForm({ schema, id, fieldPrefix: `${id}-` });
}

function AnswerForms() {
  const { t } = useTranslation("matching");
  const accept = useForm("accept", loadAcceptSchema);
  const decline = useForm("decline", loadDeclineSchema);
  return (
    <div className="panel">
      <h2>{t("referral.answer")}</h2>
      <ValidatedForm form={accept}>
        <SubmitButton name="intent" value="accept">
          {t("referral.accept")}
        </SubmitButton>
      </ValidatedForm>
      <ValidatedForm form={decline}>
        <input type="hidden" name="intent" value="decline" />
        <ChoiceSelect
          name="reason"
          label={t("fields.declineReason")}
          values={declineReasons}
          labelPrefix="declineReasons"
          hint={t("referral.declineHint")}
        />
        <TextareaField name="note" rows={2} maxLength={NOTE_MAX} label={t("fields.note")} />
        <SubmitButton className="button">{t("referral.decline")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}

function ProgressForm({ submissionKey }: { submissionKey: string }) {
  const { t } = useTranslation("matching");
  const form = useForm("progress", loadProgressSchema);
  return (
    <div className="panel">
      <h2>{t("referral.progress")}</h2>
      <ValidatedForm form={form}>
        <SubmissionKey value={submissionKey} />
        <input type="hidden" name="intent" value="progress" />
        <TextareaField name="note" rows={3} maxLength={PROGRESS_NOTE_MAX} label={t("fields.progressNote")} />
        <SubmitButton className="button">{t("referral.addProgress")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}

function CloseForm() {
  const { t } = useTranslation("matching");
  const form = useForm("close", loadCloseSchema);
  return (
    <div className="panel">
      <h2>{t("referral.close")}</h2>
      <ValidatedForm form={form}>
        <input type="hidden" name="intent" value="close" />
        <ChoiceSelect
          name="outcome"
          label={t("fields.outcomeKind")}
          values={["resolved", "not_resolved"]}
          labelPrefix="referralStatuses"
        />
        <TextareaField name="note" rows={3} maxLength={PROGRESS_NOTE_MAX} label={t("fields.outcome")} />
        <SubmitButton>{t("referral.closeSubmit")}</SubmitButton>
      </ValidatedForm>
    </div>
  );
}

export default function ProviderReferral() {
  const { t, i18n } = useTranslation("matching");
  const { referral, submissionKey } = useLoaderData<typeof loader>();
  const can = (action: string) => referral.actions.includes(action as never);
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/provider/referrals">{t("referral.back")}</Link>
      </p>
      <h1>{t("referral.title", { caseCode: referral.subject.caseCode })}</h1>
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

      {can("accept") ? <AnswerForms /> : null}
      {referral.status === "accepted" || referral.status === "in_progress" ? (
        <ProgressForm submissionKey={submissionKey} />
      ) : null}
      {can("resolve") ? <CloseForm /> : null}

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
