import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice } from "~/components/forms";
import { DurationFields, TextAreaField } from "~/components/hours-fields";
import { hoursOf } from "~/domains/volunteers/format";
import {
  correctionScopeTarget,
  getRecordForCorrection,
  requestCorrection,
} from "~/domains/volunteers/hour-corrections.server";
import {
  correctionRequestSchema,
  DESCRIPTION_MAX,
  REASON_MAX,
  splitMinutes,
} from "~/domains/volunteers/hours-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { authorizeOrRespond, notFound, requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const handle = { i18n: ["common", "hours", "validation"] };

/**
 * A volunteer (own record) or the activity's organizing organization asks to change an approved
 * record. The record is locked; staff decide the request at /staff/hours/corrections.
 */
async function authorize(request: Request, id: string | undefined) {
  // An organization holds this grant only while verified (a pending or suspended one may not ask).
  const user = await requirePermission(request, "request:hour-correction");
  const db = await getDb();
  const record = await getRecordForCorrection(db, id ?? "");
  if (!record) notFound();
  authorizeOrRespond(user.actor, "request:hour-correction", correctionScopeTarget(record));
  return { user, record, db };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, record } = await authorize(request, params.id);
  const t = await i18nServer.getFixedT(request, "hours");
  return {
    title: t("correction.title"),
    isVolunteer: user.id === record.volunteerId,
    record: {
      id: record.id,
      serviceDate: record.serviceDate,
      title: record.activityTitle ?? record.description,
      description: record.description,
      minutes: record.minutes,
      status: record.status,
      correctionPending: record.correctionPending,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, record, db } = await authorize(request, params.id);
  const parsed = await parseForm(request, correctionRequestSchema);
  if (!parsed.success) return parsed.failure;
  const result = await requestCorrection(db, {
    requesterId: user.id,
    recordId: record.id,
    request: parsed.data,
    ipAddress: clientIp(request),
  });
  if (!result.ok) {
    return result.field === "form"
      ? formFailure(parsed.formData, {}, 400, result.error)
      : formFailure(parsed.formData, { [result.field]: result.error });
  }
  return user.id === record.volunteerId
    ? redirectWithFlash(request, "/hours", { kind: "success", message: "hours:correction.done" })
    : redirectWithFlash(request, `/hours/${record.id}/correction`, {
        kind: "success",
        message: "hours:correction.done",
      });
}

export default function RequestCorrection() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const { record } = loaded;
  const open = record.status === "approved" && !record.correctionPending;
  return (
    <section className="container page page--narrow">
      {loaded.isVolunteer ? (
        <p>
          <Link to="/hours">{t("history.back")}</Link>
        </p>
      ) : null}
      <h1>{loaded.title}</h1>
      <p>{t("correction.lead")}</p>
      <dl className="facts">
        <dt>{t("fields.serviceDate")}</dt>
        <dd>{record.serviceDate}</dd>
        <dt>{t("fields.activity")}</dt>
        <dd>{record.title}</dd>
        <dt>{t("fields.hours")}</dt>
        <dd>{record.minutes === null ? "—" : hoursOf(record.minutes, i18n.language)}</dd>
        <dt>{t("fields.status")}</dt>
        <dd>{t(`statuses.${record.status}`)}</dd>
      </dl>
      {record.correctionPending ? (
        <Notice>{t("history.correctionPending")}</Notice>
      ) : record.status !== "approved" ? (
        <Notice>{t("correction.onlyApproved")}</Notice>
      ) : null}
      {open ? (
        <div className="panel">
          <FormError state={state} />
          <Form method="post" className="form" noValidate>
            <DurationFields
              legend={t("correction.proposedDuration")}
              hoursLabel={t("fields.hoursPart")}
              minutesLabel={t("fields.minutesPart")}
              state={state}
              defaults={record.minutes === null ? undefined : splitMinutes(record.minutes)}
            />
            <TextAreaField
              name="description"
              label={t("correction.proposedDescription")}
              maxLength={DESCRIPTION_MAX}
              defaultValue={record.description}
              state={state}
              required
            />
            <TextAreaField
              name="reason"
              label={t("correction.reason")}
              hint={t("correction.reasonHint")}
              maxLength={REASON_MAX}
              state={state}
              required
            />
            <button type="submit" className="button button--primary">
              {t("correction.submit")}
            </button>
          </Form>
        </div>
      ) : null}
    </section>
  );
}
