import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/employment/fields";
import { JobOfferForm } from "~/components/employment/OfferForms";
import { SubmitButton } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { listDistricts } from "~/domains/employment/enterprise.server";
import { changeJobOfferStatus, getJobOffer, updateJobOffer } from "~/domains/employment/offers.server";
import { listJobReferrals } from "~/domains/employment/referrals.server";
import { jobOfferSchema } from "~/domains/employment/validation";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, employmentRefusal } from "~/utils/employment.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { uuidParam } from "~/utils/params.server";

export const handle = { i18n: ["common", "employment", "validation"] };

/** The edit form's id; the status buttons are one-button forms whose refusal shows above the page. */
const UPDATE_FORM = "update";
const statusActions = ["publish", "close", "reopen"] as const;
type StatusAction = (typeof statusActions)[number];
const isStatusAction = (value: unknown): value is StatusAction =>
  statusActions.includes(value as StatusAction);
const doneMessage: Record<StatusAction | typeof UPDATE_FORM, string> = {
  update: "employment:done.jobUpdated",
  publish: "employment:done.published",
  close: "employment:done.closed",
  reopen: "employment:done.reopened",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:employment-offer:organization");
  const db = await getDb();
  const offer = await getJobOffer(db, uuidParam(params), "own", user.actor);
  if (!offer) throw new Response("Not Found", { status: 404 });
  const [districts, referrals] = await Promise.all([
    listDistricts(db),
    listJobReferrals(db, "organization", user.actor, { jobOfferId: offer.id }),
  ]);
  const t = await i18nServer.getFixedT(request, "employment");
  const { closingNoticeAt, createdBy, ...shown } = offer;
  void closingNoticeAt;
  void createdBy;
  return { title: t("job.pageTitle", { title: offer.title }), offer: shown, districts, referrals };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:employment-offer:organization");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const db = await getDb();
  const actor = employmentActorOf(user, request);
  const id = uuidParam(params);
  if (intent === UPDATE_FORM) {
    const parsed = await validateSubmission(formData, jobOfferSchema, UPDATE_FORM);
    if (!parsed.success) return parsed.failure;
    const result = await updateJobOffer(db, { actor, id, offer: parsed.data });
    if (!result.ok) {
      if (result.notFound) notFound();
      return employmentRefusal(parsed.values, result, UPDATE_FORM);
    }
  } else if (isStatusAction(intent)) {
    const result = await changeJobOfferStatus(db, { actor, id, action: intent });
    if (!result.ok) {
      if (result.notFound) notFound();
      // No field of a one-button form to show it on: the page shows the message.
      return submissionFailure(formData, {}, { status: 409, formError: result.error, form: intent });
    }
  } else {
    return submissionFailure(formData, {}, { formError: "employment:errors.unknownIntent", form: "status" });
  }
  return redirectWithFlash(request, `/employment/jobs/${id}`, {
    kind: "success",
    message: doneMessage[intent],
  });
}

export default function EnterpriseJobOffer() {
  const { t, i18n } = useTranslation("employment");
  const { offer, districts, referrals } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  // A refusal of a status button (the edit form shows its own in its error summary).
  const pageError = result && result.form !== UPDATE_FORM ? result.formError : undefined;
  const statusForm = (intent: StatusAction, label: string) => (
    <Form method="post" className="inline-form">
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
        {offer.title} <StatusBadge group="offer" status={offer.status} />
      </h1>
      {pageError ? <Notice kind="error">{t(pageError)}</Notice> : null}
      <p>
        {t("job.summary", {
          openings: offer.openings,
          hired: offer.hiredCount,
          wageMin: offer.wageMin,
          wageMax: offer.wageMax,
          closesOn: formatCalendarDate(offer.closesOn, i18n.language),
        })}
      </p>
      <p>{offer.version > 0 ? t("job.versionNote", { version: offer.version }) : t("job.draftNote")}</p>
      <div className="actions">
        {offer.status === "draft" ? statusForm("publish", t("job.publish")) : null}
        {offer.status === "open" ? statusForm("close", t("job.close")) : null}
        {offer.status === "closed" ? statusForm("reopen", t("job.reopen")) : null}
      </div>

      <h2>{t("job.referrals")}</h2>
      {referrals.length === 0 ? (
        <p>{t("job.noReferrals")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("referral.caseCode")}</th>
              <th scope="col">{t("referral.status")}</th>
              <th scope="col">{t("referral.respondBy")}</th>
            </tr>
          </thead>
          <tbody>
            {referrals.map((referral) => (
              <tr key={referral.id}>
                <td>
                  <Link to={`/employment/referrals/${referral.id}`}>{referral.caseCode}</Link>
                </td>
                <td>
                  <StatusBadge group="referral" status={referral.status} />
                </td>
                <td>{formatCalendarDate(referral.respondBy, i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {offer.status !== "filled" ? (
        <>
          <h2>{t("job.edit")}</h2>
          <p>{offer.status === "draft" ? t("job.editDraft") : t("job.editPublished")}</p>
          <div className="panel">
            <JobOfferForm
              districts={districts}
              initial={offer}
              intent={UPDATE_FORM}
              submitLabel={t("job.saveChanges")}
            />
          </div>
        </>
      ) : null}

      {offer.versions.length > 0 ? (
        <>
          <h2>{t("job.versions")}</h2>
          <ul>
            {offer.versions.map((version) => (
              <li key={version.version}>
                {t("job.versionLine", {
                  version: version.version,
                  date: formatDateTime(version.createdAt, i18n.language),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
