import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/employment/fields";
import { FormError, TextField } from "~/components/forms";
import {
  addTrainingSession,
  changeTrainingOfferStatus,
  getTrainingOffer,
} from "~/domains/employment/offers.server";
import { listTrainingEnrollments, moveEnrollment } from "~/domains/employment/referrals.server";
import { trainingSessionSchema } from "~/domains/employment/validation";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, employmentRefusal, parseEmploymentForm } from "~/utils/employment.server";
import { requirePermission } from "~/utils/permissions.server";
import { readFormData } from "~/utils/forms.server";
import { uuidParam } from "~/utils/params.server";

export const handle = { i18n: ["common", "employment"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:employment-offer:organization");
  const db = await getDb();
  const offer = await getTrainingOffer(db, uuidParam(params) ?? "", "own", user.actor);
  if (!offer) throw new Response("Not Found", { status: 404 });
  const enrollments = await listTrainingEnrollments(db, "organization", user.actor, {
    trainingOfferId: offer.id,
  });
  const t = await i18nServer.getFixedT(request, "employment");
  return { title: t("training.pageTitle", { course: offer.course }), offer, enrollments };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:employment-offer:organization");
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const db = await getDb();
  const actor = employmentActorOf(user, request);
  const id = uuidParam(params) ?? "";
  let result;
  if (intent === "session") {
    const parsed = parseEmploymentForm(formData, trainingSessionSchema);
    if (!parsed.success) return parsed.failure;
    result = await addTrainingSession(db, { actor, trainingOfferId: id, session: parsed.data });
  } else if (intent === "publish" || intent === "close" || intent === "reopen") {
    result = await changeTrainingOfferStatus(db, { actor, id, action: intent });
  } else if (intent === "start" || intent === "complete" || intent === "drop") {
    result = await moveEnrollment(db, {
      actor,
      enrollmentId: String(formData.get("enrollmentId") ?? ""),
      action: intent,
      reason: String(formData.get("reason") ?? ""),
    });
  } else {
    return employmentRefusal(formData, { error: "employment:errors.unknownIntent" });
  }
  if (!result.ok) {
    if (result.notFound) throw new Response("Not Found", { status: 404 });
    return employmentRefusal(formData, result, 409);
  }
  return redirect(`/employment/trainings/${id}?done=${intent}`);
}

export default function EnterpriseTrainingOffer() {
  const { t, i18n } = useTranslation("employment");
  const { offer, enrollments } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const button = (intent: string, label: string, extra?: Record<string, string>) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(extra ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="button">
        {label}
      </button>
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
      <FormError state={state} />
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
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="session" />
          <TextField name="date" type="date" label={t("training.sessionDate")} required state={state} />
          <TextField
            name="startTime"
            type="time"
            label={t("training.sessionStart")}
            required
            state={state}
            defaultValue="09:00"
          />
          <TextField
            name="endTime"
            type="time"
            label={t("training.sessionEnd")}
            required
            state={state}
            defaultValue="12:00"
          />
          <TextField name="topic" label={t("training.sessionTopic")} maxLength={100} state={state} />
          <button type="submit" className="button">
            {t("training.addSession")}
          </button>
        </Form>
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
