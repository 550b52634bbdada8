import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/employment/fields";
import { DateField, DateTimeField, SelectField, TextareaField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import {
  decideReferral,
  getJobReferral,
  type ReferralDecision,
  type ReferralResult,
} from "~/domains/employment/referrals.server";
import { nextReferralStatus } from "~/domains/employment/status";
import { notHiredReasons } from "~/domains/employment/taxonomy";
import { declineSchema, hireSchema, interviewSchema } from "~/domains/employment/validation";
import { presentSubjectTo } from "~/domains/subjects/presenter.server";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import * as clock from "~/utils/clock.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, employmentRefusal } from "~/utils/employment.server";
import { redirectWithFlash } from "~/utils/flash.server";
import type { FormObject } from "~/utils/form-data";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { uuidParam } from "~/utils/params.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "employment", "validation"] };

/** The page's three forms; each is its intent and has its own idempotency key. */
const intents = ["interview", "hire", "decline"] as const;
type Intent = (typeof intents)[number];
const isIntent = (value: unknown): value is Intent => intents.includes(value as Intent);
const doneMessage: Record<Intent, string> = {
  interview: "employment:done.interviewScheduled",
  hire: "employment:done.hired",
  decline: "employment:done.declined",
};

/**
 * The enterprise's view of one referral: the case code, the non-identifying candidate profile, and
 * the identifying fields the subject consented to release to this enterprise — built only by the
 * subjects presenter (audited), with the list of released fields shown.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // Enterprise members only: staff follow referrals on their own pages.
  const user = await requirePermission(request, "decide:employment-referral:organization");
  const db = await getDb();
  const referral = await getJobReferral(db, uuidParam(params), "organization", user.actor);
  if (!referral) throw new Response("Not Found", { status: 404 });
  const { subjectId, enterpriseId, ...shown } = referral;
  const person = await presentSubjectTo(db, {
    subjectId,
    recipientOrganizationId: enterpriseId,
    viewerId: user.id,
    ipAddress: clientIp(request),
  });
  const released = (["name", "phone", "idNumber", "address"] as const).flatMap((field) =>
    person?.[field] ? [{ field, value: person[field]! }] : [],
  );
  const t = await i18nServer.getFixedT(request, "employment");
  return {
    title: t("referral.pageTitle", { caseCode: referral.caseCode }),
    referral: shown,
    released,
    today: calendarDateOf(clock.now()),
    submissionKeys: { interview: newSubmissionKey(), hire: newSubmissionKey(), decline: newSubmissionKey() },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The decision a valid form asks for, from its parsed fields. */
async function decisionOf(
  formData: FormData,
  intent: Intent,
): Promise<
  | { ok: true; decision: ReferralDecision; values: FormObject }
  | { ok: false; failure: ReturnType<typeof submissionFailure> }
> {
  if (intent === "interview") {
    const parsed = await validateSubmission(formData, interviewSchema, intent);
    if (!parsed.success) return { ok: false, failure: parsed.failure };
    const { interviewAt, interviewPlace } = parsed.data;
    return {
      ok: true,
      values: parsed.values,
      decision: {
        action: "schedule_interview",
        interviewAt: new Date(`${interviewAt}:00+08:00`),
        interviewPlace,
      },
    };
  }
  if (intent === "hire") {
    const parsed = await validateSubmission(formData, hireSchema, intent);
    if (!parsed.success) return { ok: false, failure: parsed.failure };
    return { ok: true, values: parsed.values, decision: { action: "hire", ...parsed.data } };
  }
  const parsed = await validateSubmission(formData, declineSchema, intent);
  if (!parsed.success) return { ok: false, failure: parsed.failure };
  return { ok: true, values: parsed.values, decision: { action: "decline", ...parsed.data } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "decide:employment-referral:organization");
  const db = await getDb();
  const referral = await getJobReferral(db, uuidParam(params), "organization", user.actor);
  if (!referral) notFound();
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (!isIntent(intent))
    return submissionFailure(formData, {}, { formError: "employment:errors.unknownIntent" });
  const asked = await decisionOf(formData, intent);
  if (!asked.ok) return asked.failure;
  const { decision, values } = asked;
  const key = submissionKeyOf(formData);
  if (!key) {
    // A post without the form's key decides nothing; one the referral's state no longer allows is
    // told so first, as the form would be.
    return nextReferralStatus(referral.status, decision.action)
      ? submissionFailure(values, {}, { formError: "validation:form.invalid", form: intent })
      : employmentRefusal(values, { error: "employment:errors.invalidTransition" }, intent);
  }
  // One decision per rendered form: a double click or a replay answers with the first one's page
  // instead of "already decided" (the hire's placement and check-ins are made once either way).
  const once = await createOnce(
    db,
    { userId: user.id, key, entity: `job-referral-${intent}` },
    (tx): Promise<ReferralResult> =>
      decideReferral(tx, { actor: employmentActorOf(user, request), referralId: referral.id, decision }),
    (result) => (result.ok ? result.id : null),
  );
  if (!once.replayed && !once.result.ok) {
    if (once.result.notFound) notFound();
    return employmentRefusal(values, once.result, intent);
  }
  return redirectWithFlash(request, `/employment/referrals/${referral.id}`, {
    kind: "success",
    message: doneMessage[intent],
  });
}

/** The schemas load with zod on the first validation, not with the page. */
const validation = () => import("~/domains/employment/validation");
const loadInterviewSchema = () => validation().then((module) => module.interviewSchema);
const loadHireSchema = () => validation().then((module) => module.hireSchema);
const loadDeclineSchema = () => validation().then((module) => module.declineSchema);

export default function EnterpriseReferral() {
  const { t, i18n } = useTranslation("employment");
  const { referral, released, today, submissionKeys } = useLoaderData<typeof loader>();
  const interviewForm = useValidatedForm({ schema: loadInterviewSchema, id: "interview" });
  const hireForm = useValidatedForm({
    schema: loadHireSchema,
    id: "hire",
    defaultValues: { hiredOn: today },
  });
  const declineForm = useValidatedForm({ schema: loadDeclineSchema, id: "decline" });
  const candidate = (referral.candidate ?? null) as unknown as {
    skills: string[];
    educationLevel: string;
    workHistoryCategories: string[];
    desiredCategories: string[];
    availability: string;
  } | null;
  const open = referral.status === "referred" || referral.status === "interview_scheduled";
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/employment">{t("dashboard.back")}</Link>
      </p>
      <h1>
        {t("referral.heading", { caseCode: referral.caseCode })}{" "}
        <StatusBadge group="referral" status={referral.status} />
      </h1>
      <p>
        {t("referral.forOffer", { title: referral.title, version: referral.offerVersion })}{" "}
        <Link to={`/employment/jobs/${referral.jobOfferId}`}>{t("referral.openOffer")}</Link>
      </p>
      {open ? (
        <p>{t("referral.respondByLine", { date: formatCalendarDate(referral.respondBy, i18n.language) })}</p>
      ) : null}

      <h2>{t("referral.released")}</h2>
      {released.length === 0 ? (
        <p data-testid="released-fields">{t("referral.noneReleased")}</p>
      ) : (
        <>
          <p data-testid="released-fields">
            {t("referral.releasedList", {
              fields: released.map(({ field }) => t(`fields.${field}`)).join("、"),
            })}
          </p>
          <dl className="facts">
            {released.map(({ field, value }) => (
              <div key={field}>
                <dt>{t(`fields.${field}`)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      <p className="field__hint">{t("referral.releasedHint")}</p>

      <h2>{t("referral.candidate")}</h2>
      {candidate ? (
        <dl className="facts">
          <div>
            <dt>{t("candidate.skills")}</dt>
            <dd>{candidate.skills.join("、") || "—"}</dd>
          </div>
          <div>
            <dt>{t("candidate.education")}</dt>
            <dd>{t(`education.${candidate.educationLevel}`)}</dd>
          </div>
          <div>
            <dt>{t("candidate.history")}</dt>
            <dd>{candidate.workHistoryCategories.map((c) => t(`categories.${c}`)).join("、") || "—"}</dd>
          </div>
          <div>
            <dt>{t("candidate.desired")}</dt>
            <dd>{candidate.desiredCategories.map((c) => t(`categories.${c}`)).join("、") || "—"}</dd>
          </div>
          <div>
            <dt>{t("candidate.availability")}</dt>
            <dd>{t(`availability.${candidate.availability}`)}</dd>
          </div>
        </dl>
      ) : (
        <p>{t("referral.noCandidateProfile")}</p>
      )}
      {referral.note ? <p>{t("referral.staffNote", { note: referral.note })}</p> : null}

      {referral.interviewAt ? (
        <p>
          {t("referral.interviewLine", {
            when: formatDateTime(referral.interviewAt, i18n.language),
            place: referral.interviewPlace ?? "",
          })}
        </p>
      ) : null}
      {referral.hiredOn ? (
        <p>{t("referral.hiredLine", { date: formatCalendarDate(referral.hiredOn, i18n.language) })}</p>
      ) : null}
      {referral.notHiredReason ? (
        <p>{t("referral.notHiredLine", { reason: t(`reasons.${referral.notHiredReason}`) })}</p>
      ) : null}

      {open ? (
        <>
          <h2>{t("referral.scheduleInterview")}</h2>
          <div className="panel">
            <ValidatedForm form={interviewForm}>
              <SubmissionKey value={submissionKeys.interview} />
              <input type="hidden" name="intent" value="interview" />
              <DateTimeField name="interviewAt" label={t("referral.interviewAt")} required />
              <TextField
                name="interviewPlace"
                label={t("referral.interviewPlace")}
                required
                maxLength={200}
              />
              <SubmitButton>{t("referral.scheduleSubmit")}</SubmitButton>
            </ValidatedForm>
          </div>
        </>
      ) : null}
      {referral.status === "interview_scheduled" ? (
        <>
          <h2>{t("referral.hire")}</h2>
          <div className="panel">
            <ValidatedForm form={hireForm}>
              <SubmissionKey value={submissionKeys.hire} />
              <input type="hidden" name="intent" value="hire" />
              <DateField name="hiredOn" label={t("referral.hiredOn")} required />
              <SubmitButton>{t("referral.hireSubmit")}</SubmitButton>
            </ValidatedForm>
          </div>
        </>
      ) : null}
      {open ? (
        <>
          <h2>{t("referral.decline")}</h2>
          <div className="panel">
            <ValidatedForm form={declineForm}>
              <SubmissionKey value={submissionKeys.decline} />
              <input type="hidden" name="intent" value="decline" />
              <SelectField
                name="reason"
                label={t("referral.reason")}
                hint={t("referral.noRecordReason")}
                options={notHiredReasons.map((value) => ({ value, label: t(`reasons.${value}`) }))}
              />
              <TextareaField name="note" label={t("referral.declineNote")} maxLength={500} />
              <SubmitButton className="button">{t("referral.declineSubmit")}</SubmitButton>
            </ValidatedForm>
          </div>
        </>
      ) : null}
    </section>
  );
}
