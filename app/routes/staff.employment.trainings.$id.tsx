import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextAreaField } from "~/components/employment/fields";
import { FormError, TextField } from "~/components/forms";
import { can } from "~/domains/accounts/authorize";
import { getTrainingOffer } from "~/domains/employment/offers.server";
import { enrollInTraining } from "~/domains/employment/referrals.server";
import { referralSchema } from "~/domains/employment/validation";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, employmentRefusal, parseEmploymentForm } from "~/utils/employment.server";
import { requirePermission } from "~/utils/permissions.server";
import { readFormData } from "~/utils/forms.server";
import { uuidParam } from "~/utils/params.server";

export const handle = { i18n: ["common", "employment"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:employment-offer:any");
  const offer = await getTrainingOffer(await getDb(), uuidParam(params) ?? "", "open", user.actor);
  if (!offer) throw new Response("Not Found", { status: 404 });
  const t = await i18nServer.getFixedT(request, "employment");
  const { createdBy, ...shown } = offer;
  void createdBy;
  return {
    title: t("training.pageTitle", { course: offer.course }),
    offer: shown,
    canRefer: can(user.actor, "refer:employment-candidate:office"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "refer:employment-candidate:office");
  const formData = await readFormData(request);
  const parsed = parseEmploymentForm(formData, referralSchema);
  if (!parsed.success) return parsed.failure;
  const result = await enrollInTraining(await getDb(), {
    actor: employmentActorOf(user, request),
    trainingOfferId: uuidParam(params) ?? "",
    ...parsed.data,
  });
  if (!result.ok) {
    if (result.notFound) throw new Response("Not Found", { status: 404 });
    return employmentRefusal(formData, result);
  }
  return redirect("/staff/employment/referrals?enrolled=1");
}

export default function StaffTrainingOffer() {
  const { t, i18n } = useTranslation("employment");
  const { offer, canRefer } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
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
                {t("refer.enrollSubmit")}
              </button>
            </Form>
          </div>
        </>
      ) : null}
    </section>
  );
}
