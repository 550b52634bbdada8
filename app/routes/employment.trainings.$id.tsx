import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { StatusBadge } from "~/components/employment/fields";
import { DateField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { SubmissionKey } from "~/components/SubmissionKey";
import {
  addTrainingSession,
  changeTrainingOfferStatus,
  getTrainingOffer,
} from "~/domains/employment/offers.server";
import { listTrainingEnrollments, moveEnrollment } from "~/domains/employment/referrals.server";
import { trainingSessionSchema } from "~/domains/employment/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, employmentRefusal } from "~/utils/employment.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { uuidParam } from "~/utils/params.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "employment", "validation"] };

/** The new session's form; the status and enrollment buttons are one-button forms. */
const SESSION_FORM = "session";
const offerActions = ["publish", "close", "reopen"] as const;
const enrollmentActions = ["start", "complete", "drop"] as const;
type OfferAction = (typeof offerActions)[number];
type EnrollmentAction = (typeof enrollmentActions)[number];
const isOfferAction = (value: unknown): value is OfferAction => offerActions.includes(value as OfferAction);
const isEnrollmentAction = (value: unknown): value is EnrollmentAction =>
  enrollmentActions.includes(value as EnrollmentAction);
const doneMessage: Record<OfferAction | EnrollmentAction | typeof SESSION_FORM, string> = {
  session: "employment:done.sessionAdded",
  publish: "employment:done.published",
  close: "employment:done.closed",
  reopen: "employment:done.reopened",
  start: "employment:done.enrollmentStarted",
  complete: "employment:done.enrollmentCompleted",
  drop: "employment:done.enrollmentDropped",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:employment-offer:organization");
  const db = await getDb();
  const offer = await getTrainingOffer(db, uuidParam(params), "own", user.actor);
  if (!offer) throw new Response("Not Found", { status: 404 });
  const enrollments = await listTrainingEnrollments(db, "organization", user.actor, {
    trainingOfferId: offer.id,
  });
  const t = await i18nServer.getFixedT(request, "employment");
  return {
    title: t("training.pageTitle", { course: offer.course }),
    offer,
    enrollments,
    submissionKey: newSubmissionKey(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:employment-offer:organization");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const db = await getDb();
  const actor = employmentActorOf(user, request);
  const id = uuidParam(params);
  const done = () =>
    redirectWithFlash(request, `/employment/trainings/${id}`, {
      kind: "success",
      message: doneMessage[intent as keyof typeof doneMessage],
    });
  if (intent === SESSION_FORM) {
    const parsed = await validateSubmission(formData, trainingSessionSchema, SESSION_FORM);
    if (!parsed.success) return parsed.failure;
    const key = submissionKeyOf(formData);
    if (!key)
      return submissionFailure(
        parsed.values,
        {},
        { formError: "validation:form.invalid", form: SESSION_FORM },
      );
    // One session per rendered form, however often it is sent (double click, retry, replay).
    const once = await createOnce(
      db,
      { userId: user.id, key, entity: "training-session" },
      (tx) => addTrainingSession(tx, { actor, trainingOfferId: id, session: parsed.data }),
      (result) => (result.ok ? result.id : null),
    );
    if (!once.replayed && !once.result.ok) {
      if (once.result.notFound) notFound();
      return employmentRefusal(parsed.values, once.result, SESSION_FORM);
    }
    return done();
  }
  let result;
  if (isOfferAction(intent)) {
    result = await changeTrainingOfferStatus(db, { actor, id, action: intent });
  } else if (isEnrollmentAction(intent)) {
    const enrollmentId = z.uuid().safeParse(formData.get("enrollmentId"));
    if (!enrollmentId.success) notFound();
    result = await moveEnrollment(db, { actor, enrollmentId: enrollmentId.data, action: intent });
  } else {
    return submissionFailure(formData, {}, { formError: "employment:errors.unknownIntent", form: "status" });
  }
  if (!result.ok) {
    if (result.notFound) notFound();
    // No field of a one-button form to show it on: the page shows the message.
    return submissionFailure(formData, {}, { status: 409, formError: result.error, form: intent });
  }
  return done();
}

const loadSessionSchema = () =>
  import("~/domains/employment/validation").then((module) => module.trainingSessionSchema);

export default function EnterpriseTrainingOffer() {
  const { t, i18n } = useTranslation("employment");
  const { offer, enrollments, submissionKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A refusal of a one-button form (the session form shows its own in its error summary).
  const pageError = result && result.form !== SESSION_FORM ? result.formError : undefined;
  const sessionForm = useValidatedForm({
    schema: loadSessionSchema,
    id: SESSION_FORM,
    defaultValues: { startTime: "09:00", endTime: "12:00" },
  });
  const button = (intent: OfferAction | EnrollmentAction, label: string, extra?: Record<string, string>) => (
    <Form method="post" className="inline-form">
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton name="intent" value={intent} className="button">
        {label}
      </SubmitButton>
    </Form>
  );
  return (
    <section className="container page">
      <p>
        <Link to="/employment">{t("dashboard.back")}</Link>
      </p>
      <h1>
        {offer.course} <StatusBadge group="offer" status={offer.status} />
      </h1>
      {pageError ? <Notice kind="error">{t(pageError)}</Notice> : null}
      <p>
        {t("training.summary", {
          enrolled: offer.enrolledCount,
          capacity: offer.capacity,
          place: offer.place,
          closesOn: formatCalendarDate(offer.closesOn, i18n.language),
        })}
      </p>
      <div className="actions">
        {offer.status === "draft" ? button("publish", t("job.publish")) : null}
        {offer.status === "open" ? button("close", t("job.close")) : null}
        {offer.status === "closed" ? button("reopen", t("job.reopen")) : null}
      </div>
      <h2>{t("training.sessions")}</h2>
      {offer.sessions.length === 0 ? <p>{t("training.noSessions")}</p> : null}
      <ul>
        {offer.sessions.map((session) => (
          <li key={session.id}>
            {formatDateTime(session.startsAt, i18n.language)} –{" "}
            {formatDateTime(session.endsAt, i18n.language)} {session.topic}
          </li>
        ))}
      </ul>
      <div className="panel">
        <ValidatedForm form={sessionForm}>
          <SubmissionKey value={submissionKey} />
          <input type="hidden" name="intent" value={SESSION_FORM} />
          <DateField name="date" label={t("training.sessionDate")} required />
          <TextField name="startTime" type="time" label={t("training.sessionStart")} required />
          <TextField name="endTime" type="time" label={t("training.sessionEnd")} required />
          <TextField name="topic" label={t("training.sessionTopic")} maxLength={100} />
          <SubmitButton className="button">{t("training.addSession")}</SubmitButton>
        </ValidatedForm>
      </div>
      <h2>{t("training.enrollments")}</h2>
      {enrollments.length === 0 ? (
        <p>{t("training.noEnrollments")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("referral.caseCode")}</th>
              <th scope="col">{t("referral.status")}</th>
              <th scope="col">{t("referral.sharedFields")}</th>
              <th scope="col">{t("referral.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {enrollments.map((enrollment) => (
              <tr key={enrollment.id}>
                <td>{enrollment.caseCode}</td>
                <td>
                  <StatusBadge group="enrollment" status={enrollment.status} />
                </td>
                <td>
                  {enrollment.sharedFields.length
                    ? enrollment.sharedFields.map((field) => t(`fields.${field}`)).join("、")
                    : t("referral.noneShared")}
                </td>
                <td>
                  {enrollment.status === "enrolled"
                    ? button("start", t("training.start"), { enrollmentId: enrollment.id })
                    : null}
                  {enrollment.status === "attending"
                    ? button("complete", t("training.complete"), { enrollmentId: enrollment.id })
                    : null}
                  {enrollment.status === "enrolled" || enrollment.status === "attending"
                    ? button("drop", t("training.drop"), { enrollmentId: enrollment.id })
                    : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
