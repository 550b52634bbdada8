import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/employment/fields";
import { JobOfferForm } from "~/components/employment/OfferForms";
import { FormError } from "~/components/forms";
import { listDistricts } from "~/domains/employment/enterprise.server";
import { changeJobOfferStatus, getJobOffer, updateJobOffer } from "~/domains/employment/offers.server";
import { listJobReferrals } from "~/domains/employment/referrals.server";
import { jobOfferSchema } from "~/domains/employment/validation";
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
  const offer = await getJobOffer(db, uuidParam(params) ?? "", "own", user.actor);
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
  const intent = String(formData.get("intent") ?? "");
  const db = await getDb();
  const actor = employmentActorOf(user, request);
  const id = uuidParam(params) ?? "";
  let result;
  if (intent === "update") {
    const parsed = parseEmploymentForm(formData, jobOfferSchema);
    if (!parsed.success) return parsed.failure;
    result = await updateJobOffer(db, { actor, id, offer: parsed.data });
  } else if (intent === "publish" || intent === "close" || intent === "reopen") {
    result = await changeJobOfferStatus(db, { actor, id, action: intent });
  } else {
    return employmentRefusal(formData, { error: "employment:errors.unknownIntent" });
  }
  if (!result.ok) {
    if (result.notFound) throw new Response("Not Found", { status: 404 });
    return employmentRefusal(formData, result, 409);
  }
  return redirect(`/employment/jobs/${id}?done=${intent}`);
}

export default function EnterpriseJobOffer() {
  const { t, i18n } = useTranslation("employment");
  const { offer, districts, referrals } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const statusForm = (intent: string, label: string) => (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
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
        {offer.title} <StatusBadge group="offer" status={offer.status} />
      </h1>
      <FormError state={state} />
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
              state={state}
              districts={districts}
              initial={offer}
              intent="update"
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
