import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, StatusBadge, TextAreaField } from "~/components/employment/fields";
import { FormError, TextField } from "~/components/forms";
import { decideReferral, getJobReferral } from "~/domains/employment/referrals.server";
import { notHiredReasons } from "~/domains/employment/taxonomy";
import { declineSchema, hireSchema, interviewSchema } from "~/domains/employment/validation";
import { presentSubjectTo } from "~/domains/subjects/presenter.server";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { i18nServer } from "~/i18n.server";
import * as clock from "~/utils/clock.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { employmentActorOf, employmentRefusal, parseEmploymentForm } from "~/utils/employment.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { readFormData } from "~/utils/forms.server";
import { uuidParam } from "~/utils/params.server";

export const handle = { i18n: ["common", "employment"] };

/**
 * The enterprise's view of one referral: the case code, the non-identifying candidate profile, and
 * the identifying fields the subject consented to release to this enterprise — built only by the
 * subjects presenter (audited), with the list of released fields shown.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  // Enterprise members only: staff follow referrals on their own pages.
  const user = await requirePermission(request, "decide:employment-referral:organization");
  const db = await getDb();
  const referral = await getJobReferral(db, uuidParam(params) ?? "", "organization", user.actor);
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
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "decide:employment-referral:organization");
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const actor = employmentActorOf(user, request);
  const referralId = uuidParam(params) ?? "";
  let result;
  if (intent === "interview") {
    const parsed = parseEmploymentForm(formData, interviewSchema);
    if (!parsed.success) return parsed.failure;
    result = await decideReferral(await getDb(), {
      actor,
      referralId,
      decision: {
        action: "schedule_interview",
        interviewAt: new Date(`${parsed.data.interviewAt}:00+08:00`),
        interviewPlace: parsed.data.interviewPlace,
      },
    });
  } else if (intent === "hire") {
    const parsed = parseEmploymentForm(formData, hireSchema);
    if (!parsed.success) return parsed.failure;
    result = await decideReferral(await getDb(), {
      actor,
      referralId,
      decision: { action: "hire", ...parsed.data },
    });
  } else if (intent === "decline") {
    const parsed = parseEmploymentForm(formData, declineSchema);
    if (!parsed.success) return parsed.failure;
    result = await decideReferral(await getDb(), {
      actor,
      referralId,
      decision: { action: "decline", ...parsed.data },
    });
  } else {
    return employmentRefusal(formData, { error: "employment:errors.unknownIntent" });
  }
  if (!result.ok) {
    if (result.notFound) throw new Response("Not Found", { status: 404 });
    return employmentRefusal(formData, result, result.field ? 400 : 409);
  }
  return redirect(`/employment/referrals/${referralId}?done=${intent}`);
}

export default function EnterpriseReferral() {
  const { t, i18n } = useTranslation("employment");
  const { referral, released, today } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
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
      <FormError state={state} />

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
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="interview" />
              <TextField
                name="interviewAt"
                type="datetime-local"
                label={t("referral.interviewAt")}
                required
                state={state}
              />
              <TextField
                name="interviewPlace"
                label={t("referral.interviewPlace")}
                required
                maxLength={200}
                state={state}
              />
              <button type="submit" className="button button--primary">
                {t("referral.scheduleSubmit")}
              </button>
            </Form>
          </div>
        </>
      ) : null}
      {referral.status === "interview_scheduled" ? (
        <>
          <h2>{t("referral.hire")}</h2>
          <div className="panel">
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="hire" />
              <TextField
                name="hiredOn"
                type="date"
                label={t("referral.hiredOn")}
                required
                state={state}
                defaultValue={today}
              />
              <button type="submit" className="button button--primary">
                {t("referral.hireSubmit")}
              </button>
            </Form>
          </div>
        </>
      ) : null}
      {open ? (
        <>
          <h2>{t("referral.decline")}</h2>
          <div className="panel">
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="intent" value="decline" />
              <SelectField
                name="reason"
                label={t("referral.reason")}
                state={state}
                hint={t("referral.noRecordReason")}
                options={notHiredReasons.map((value) => ({ value, label: t(`reasons.${value}`) }))}
              />
              <TextAreaField name="note" label={t("referral.declineNote")} maxLength={500} state={state} />
              <button type="submit" className="button">
                {t("referral.declineSubmit")}
              </button>
            </Form>
          </div>
        </>
      ) : null}
    </section>
  );
}
