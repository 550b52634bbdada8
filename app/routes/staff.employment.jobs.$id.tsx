import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextAreaField } from "~/components/employment/fields";
import { FormError, TextField } from "~/components/forms";
import { can } from "~/domains/accounts/authorize";
import { getJobOffer } from "~/domains/employment/offers.server";
import { referToJob } from "~/domains/employment/referrals.server";
import { referralSchema } from "~/domains/employment/validation";
import { formatCalendarDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, employmentRefusal, parseEmploymentForm } from "~/utils/employment.server";
import { requirePermission } from "~/utils/permissions.server";
import { readFormData } from "~/utils/forms.server";
import { uuidParam } from "~/utils/params.server";

export const handle = { i18n: ["common", "employment"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:employment-offer:any");
  const offer = await getJobOffer(await getDb(), uuidParam(params) ?? "", "open", user.actor);
  if (!offer) throw new Response("Not Found", { status: 404 });
  const { closingNoticeAt, createdBy, versions, ...shown } = offer;
  void [closingNoticeAt, createdBy, versions];
  return { title: offer.title, offer: shown, canRefer: can(user.actor, "refer:employment-candidate:office") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "refer:employment-candidate:office");
  const formData = await readFormData(request);
  const parsed = parseEmploymentForm(formData, referralSchema);
  if (!parsed.success) return parsed.failure;
  const result = await referToJob(await getDb(), {
    actor: employmentActorOf(user, request),
    jobOfferId: uuidParam(params) ?? "",
    ...parsed.data,
  });
  if (!result.ok) {
    if (result.notFound) throw new Response("Not Found", { status: 404 });
    return employmentRefusal(formData, result);
  }
  return redirect("/staff/employment/referrals?referred=1");
}

export default function StaffJobOffer() {
  const { t, i18n } = useTranslation("employment");
  const { offer, canRefer } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
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
            <FormError state={state} />
            <Form method="post" className="form" noValidate autoComplete="off">
              <TextField
                name="caseCode"
                label={t("referral.caseCode")}
                required
                maxLength={14}
                state={state}
              />
              <TextAreaField name="note" label={t("refer.note")} maxLength={500} state={state} />
              <button type="submit" className="button button--primary">
                {t("refer.submit")}
              </button>
            </Form>
          </div>
        </>
      ) : null}
    </section>
  );
}
