import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextareaField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { can } from "~/domains/accounts/authorize";
import { getJobOffer } from "~/domains/employment/offers.server";
import { referToJob } from "~/domains/employment/referrals.server";
import { referralSchema } from "~/domains/employment/validation";
import { createOnce } from "~/domains/submissions.server";
import { formatCalendarDate } from "~/utils/dates";
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
  const offer = await getJobOffer(await getDb(), uuidParam(params), "open", user.actor);
  if (!offer) throw new Response("Not Found", { status: 404 });
  const { closingNoticeAt, createdBy, versions, ...shown } = offer;
  void [closingNoticeAt, createdBy, versions];
  return {
    title: offer.title,
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
  // One referral per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "job-referral" },
    (db) =>
      referToJob(db, {
        actor: employmentActorOf(user, request),
        jobOfferId: uuidParam(params),
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
    message: "employment:done.referred",
  });
}

const loadReferralSchema = () =>
  import("~/domains/employment/validation").then((module) => module.referralSchema);

export default function StaffJobOffer() {
  const { t, i18n } = useTranslation("employment");
  const { offer, canRefer, submissionKey } = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadReferralSchema });
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/staff/employment">{t("browse.back")}</Link>
      </p>
      <h1>{offer.title}</h1>
      <dl className="facts">
        <div>
          <dt>{t("browse.enterprise")}</dt>
          <dd>{offer.enterprise}</dd>
        </div>
        <div>
          <dt>{t("job.category")}</dt>
          <dd>{t(`categories.${offer.category}`)}</dd>
        </div>
        <div>
          <dt>{t("browse.wage")}</dt>
          <dd>{t("browse.wageRange", { min: offer.wageMin, max: offer.wageMax })}</dd>
        </div>
        <div>
          <dt>{t("browse.places")}</dt>
          <dd>{offer.openings - offer.hiredCount}</dd>
        </div>
        <div>
          <dt>{t("job.workAddress")}</dt>
          <dd>
            {offer.district} · {offer.workAddress}
          </dd>
        </div>
        <div>
          <dt>{t("job.hours")}</dt>
          <dd>{offer.hours}</dd>
        </div>
        <div>
          <dt>{t("job.requirements")}</dt>
          <dd>{offer.requirements || "—"}</dd>
        </div>
        <div>
          <dt>{t("job.benefits")}</dt>
          <dd>
            {offer.benefits || "—"} {offer.accommodation ? `· ${t("job.accommodation")}` : ""}
          </dd>
        </div>
        <div>
          <dt>{t("job.startsOn")}</dt>
          <dd>{formatCalendarDate(offer.startsOn, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t("job.closesOn")}</dt>
          <dd>{formatCalendarDate(offer.closesOn, i18n.language)}</dd>
        </div>
      </dl>
      {canRefer ? (
        <>
          <h2>{t("refer.title")}</h2>
          <p>{t("refer.lead")}</p>
          <div className="panel">
            <ValidatedForm form={form} autoComplete="off">
              <SubmissionKey value={submissionKey} />
              <TextField name="caseCode" label={t("referral.caseCode")} required maxLength={14} />
              <TextareaField name="note" label={t("refer.note")} maxLength={500} />
              <SubmitButton>{t("refer.submit")}</SubmitButton>
            </ValidatedForm>
          </div>
        </>
      ) : null}
    </section>
  );
}
