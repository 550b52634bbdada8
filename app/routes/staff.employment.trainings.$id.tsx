import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextareaField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { can } from "~/domains/accounts/authorize";
import { getTrainingOffer } from "~/domains/employment/offers.server";
import { enrollInTraining } from "~/domains/employment/referrals.server";
import { referralSchema } from "~/domains/employment/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, employmentRefusal } from "~/utils/employment.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { uuidParam } from "~/utils/params.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "employment", "validation"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:employment-offer:any");
  const offer = await getTrainingOffer(await getDb(), uuidParam(params), "open", user.actor);
  if (!offer) throw new Response("Not Found", { status: 404 });
  const t = await i18nServer.getFixedT(request, "employment");
  const { createdBy, ...shown } = offer;
  void createdBy;
  return {
    title: t("training.pageTitle", { course: offer.course }),
    offer: shown,
    canRefer: can(user.actor, "refer:employment-candidate:office"),
    submissionKey: newSubmissionKey(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "refer:employment-candidate:office");
  const parsed = await parseSubmission(request, referralSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One enrollment per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "training-enrollment" },
    (db) =>
      enrollInTraining(db, {
        actor: employmentActorOf(user, request),
        trainingOfferId: uuidParam(params),
        ...parsed.data,
      }),
    (result) => (result.ok ? result.id : null),
  );
  if (!once.replayed && !once.result.ok) {
    if (once.result.notFound) notFound();
    return employmentRefusal(parsed.values, once.result);
  }
  return redirectWithFlash(request, "/staff/employment/referrals", {
    kind: "success",
    message: "employment:done.enrolled",
  });
}

const loadReferralSchema = () =>
  import("~/domains/employment/validation").then((module) => module.referralSchema);

export default function StaffTrainingOffer() {
  const { t, i18n } = useTranslation("employment");
  const { offer, canRefer, submissionKey } = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadReferralSchema });
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/staff/employment">{t("browse.back")}</Link>
      </p>
      <h1>{offer.course}</h1>
      <dl className="facts">
        <div>
          <dt>{t("browse.enterprise")}</dt>
          <dd>{offer.enterprise}</dd>
        </div>
        <div>
          <dt>{t("training.provider")}</dt>
          <dd>{offer.provider}</dd>
        </div>
        <div>
          <dt>{t("training.place")}</dt>
          <dd>
            {offer.district} · {offer.place}
          </dd>
        </div>
        <div>
          <dt>{t("browse.places")}</dt>
          <dd>{offer.capacity - offer.enrolledCount}</dd>
        </div>
        <div>
          <dt>{t("training.certificate")}</dt>
          <dd>{offer.certificate || "—"}</dd>
        </div>
        <div>
          <dt>{t("training.cost")}</dt>
          <dd>{offer.costYuan === 0 ? t("training.free") : offer.costYuan}</dd>
        </div>
        <div>
          <dt>{t("job.closesOn")}</dt>
          <dd>{formatCalendarDate(offer.closesOn, i18n.language)}</dd>
        </div>
      </dl>
      <h2>{t("training.sessions")}</h2>
      {offer.sessions.length === 0 ? <p>{t("training.noSessions")}</p> : null}
      <ul>
        {offer.sessions.map((session) => (
          <li key={session.id}>
            {formatDateTime(session.startsAt, i18n.language)} {session.topic}
          </li>
        ))}
      </ul>
      {canRefer ? (
        <>
          <h2>{t("refer.enrollTitle")}</h2>
          <p>{t("refer.lead")}</p>
          <div className="panel">
            <ValidatedForm form={form} autoComplete="off">
              <SubmissionKey value={submissionKey} />
              <TextField name="caseCode" label={t("referral.caseCode")} required maxLength={14} />
              <TextareaField name="note" label={t("refer.note")} maxLength={500} />
              <SubmitButton>{t("refer.enrollSubmit")}</SubmitButton>
            </ValidatedForm>
          </div>
        </>
      ) : null}
    </section>
  );
}
